"""The alert rule, directly: which alerts are due given the live sessions and the time, once per
episode, and never for what the proctor switched off."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from core.domain.alerts import (
    AlertKind,
    AlertRules,
    AlertState,
    PendingWarning,
    SessionFacts,
    evaluate_alerts,
)

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
RULES = AlertRules()


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def ann(**changes: object) -> SessionFacts:
    facts = SessionFacts(session_id="s-ann", candidate_name="Ann Lee", exam_title="Algebra final",
                         started_at=T0, risk_level="low", last_snapshot_at=T0,
                         snapshot_interval_seconds=30)
    return replace(facts, **changes)


def run(steps, rules: AlertRules = RULES):
    """Feed (seconds, [facts]) steps in order; return the kinds raised at each step."""
    state, raised = AlertState(), []
    for seconds, sessions in steps:
        state, due = evaluate_alerts(state, sessions, at(seconds), rules)
        raised.append([(a.kind, a.session_id) for a in due])
    return raised


def test_a_quiet_session_raises_nothing():
    assert run([(0, [ann()]), (10, [ann(last_snapshot_at=at(10))])]) == [[], []]


def test_high_risk_alerts_once_while_it_stays_high():
    high = ann(risk_level="high", risk_score=72)
    assert run([(0, [ann()]), (1, [high]), (2, [high]), (3, [high])]) == [
        [], [(AlertKind.HIGH_RISK, "s-ann")], [], []]


def test_high_again_after_medium_is_a_second_alert():
    high, medium = ann(risk_level="high"), ann(risk_level="medium")
    assert run([(1, [high]), (2, [medium]), (3, [high])]) == [
        [(AlertKind.HIGH_RISK, "s-ann")], [], [(AlertKind.HIGH_RISK, "s-ann")]]


def test_the_alert_says_who_what_and_the_score():
    _state, [alert] = evaluate_alerts(AlertState(), [ann(risk_level="high", risk_score=72)],
                                      at(5), RULES)
    assert alert.title == "High risk: Ann Lee"
    assert alert.message == "Ann Lee (Algebra final) is now high risk, score 72."
    assert alert.raised_at == at(5)


def test_a_camera_turning_off_alerts_once_per_episode():
    off = ann(camera_off=True)
    assert run([(0, [ann()]), (1, [off]), (5, [off]), (6, [ann()]), (7, [off])]) == [
        [], [(AlertKind.CAMERA_OFF, "s-ann")], [], [], [(AlertKind.CAMERA_OFF, "s-ann")]]


def test_a_kiosk_is_silent_after_three_intervals_or_the_minimum_whichever_is_longer():
    # interval 30 s: 3 x 30 = 90 s, the same as the minimum
    assert run([(90, [ann()]), (91, [ann()]), (200, [ann()])]) == [
        [], [(AlertKind.SILENT_KIOSK, "s-ann")], []]
    # interval 2 s: the 90 s minimum wins over 6 s
    fast = ann(snapshot_interval_seconds=2)
    assert run([(60, [fast]), (91, [fast])]) == [[], [(AlertKind.SILENT_KIOSK, "s-ann")]]
    # interval 60 s: 180 s
    slow = ann(snapshot_interval_seconds=60)
    assert run([(170, [slow]), (181, [slow])]) == [[], [(AlertKind.SILENT_KIOSK, "s-ann")]]


def test_a_heartbeat_without_snapshots_is_not_silence():
    alive = ann(last_snapshot_at=at(0), kiosk_seen_at=at(295))
    assert run([(300, [alive])]) == [[]]


def test_a_snapshot_ends_the_silence_and_a_new_silence_alerts_again():
    back = ann(last_snapshot_at=at(100))
    assert run([(95, [ann()]), (100, [back]), (150, [back]), (191, [back])]) == [
        [(AlertKind.SILENT_KIOSK, "s-ann")], [], [], [(AlertKind.SILENT_KIOSK, "s-ann")]]


def test_a_session_without_any_snapshot_counts_its_silence_from_the_start():
    never = ann(last_snapshot_at=None, started_at=at(0))
    _state, [alert] = evaluate_alerts(AlertState(), [never], at(125), RULES)
    assert alert.message == ("Ann Lee's kiosk (Algebra final) has not called the center since "
                             "the session started, 2 min ago.")


def test_a_silent_kiosk_says_how_long_since_its_last_contact():
    gone = ann(last_snapshot_at=at(0), kiosk_seen_at=at(30))
    _state, [alert] = evaluate_alerts(AlertState(), [gone], at(150), RULES)
    assert alert.message == "Ann Lee's kiosk (Algebra final) has not been in contact for 2 min."


def test_a_closed_kiosk_that_stays_silent_says_it_was_closed():
    closed = ann(last_snapshot_at=at(0), kiosk_seen_at=at(10), kiosk_closed_at=at(10))
    _state, [alert] = evaluate_alerts(AlertState(), [closed], at(130), RULES)
    assert alert.message == ("Ann Lee's kiosk (Algebra final) was closed and has been silent "
                             "for 2 min.")


def test_a_camera_off_kiosk_that_still_calls_is_not_silent():
    off = ann(camera_off=True, kiosk_seen_at=at(298))
    assert run([(300, [off])]) == [[(AlertKind.CAMERA_OFF, "s-ann")]]


def test_a_camera_off_kiosk_that_stopped_calling_is_silent_too():
    off = ann(camera_off=True, kiosk_seen_at=at(0))
    assert run([(91, [off])]) == [[(AlertKind.CAMERA_OFF, "s-ann"),
                                   (AlertKind.SILENT_KIOSK, "s-ann")]]


def test_a_warning_unanswered_for_a_minute_alerts_once_per_warning():
    first = PendingWarning("w1", "Eyes on your screen, please", at(0))
    second = PendingWarning("w2", "Last warning", at(100))
    steps = [
        (59, [ann(last_snapshot_at=at(59), unacknowledged_warnings=(first,))]),
        (60, [ann(last_snapshot_at=at(60), unacknowledged_warnings=(first,))]),
        (120, [ann(last_snapshot_at=at(120), unacknowledged_warnings=(first,))]),
        (161, [ann(last_snapshot_at=at(161), unacknowledged_warnings=(first, second))]),
        (170, [ann(last_snapshot_at=at(170), unacknowledged_warnings=(second,))]),
    ]
    assert run(steps) == [[], [(AlertKind.UNANSWERED_WARNING, "s-ann")], [],
                          [(AlertKind.UNANSWERED_WARNING, "s-ann")], []]


def test_the_unanswered_warning_alert_quotes_the_warning():
    warning = PendingWarning("w1", "Eyes on your screen, please", at(0))
    _state, [alert] = evaluate_alerts(
        AlertState(), [ann(last_snapshot_at=at(60), unacknowledged_warnings=(warning,))],
        at(75), RULES)
    assert alert.message == ("Ann Lee (Algebra final) has not acknowledged the warning “Eyes on "
                             "your screen, please” sent 1 min ago.")


def test_kinds_switched_off_raise_nothing_and_switching_on_raises_the_ongoing_episode():
    high = ann(risk_level="high", camera_off=True)
    no_risk = AlertRules(enabled_kinds=frozenset({AlertKind.CAMERA_OFF}))
    state, due = evaluate_alerts(AlertState(), [high], at(1), no_risk)
    assert [a.kind for a in due] == [AlertKind.CAMERA_OFF]
    state, due = evaluate_alerts(state, [high], at(2), no_risk)
    assert due == []
    state, due = evaluate_alerts(state, [high], at(3), AlertRules())
    assert [a.kind for a in due] == [AlertKind.HIGH_RISK]


def test_an_ended_session_closes_its_episodes():
    high = ann(risk_level="high")
    assert run([(1, [high]), (2, []), (3, [high])]) == [
        [(AlertKind.HIGH_RISK, "s-ann")], [], [(AlertKind.HIGH_RISK, "s-ann")]]


def test_sample_sessions_never_alert():
    assert run([(999, [ann(is_sample=True, risk_level="high", camera_off=True)])]) == [[]]


def test_several_sessions_alert_independently_with_distinct_ids():
    bo = ann(session_id="s-bo", candidate_name="Bo Chen", risk_level="high")
    state, due = evaluate_alerts(AlertState(), [ann(risk_level="high"), bo], at(1), RULES)
    assert sorted(a.session_id for a in due) == ["s-ann", "s-bo"]
    assert len({a.alert_id for a in due}) == 2
    _state, later = evaluate_alerts(state, [ann(risk_level="high"), bo], at(2), RULES)
    assert later == []

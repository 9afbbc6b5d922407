"""The session list model: live rows from the center's events, clocks, staleness, samples,
thumbnails (over the in-memory center)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt

from console.proctor.formatting import clock_time, outcome_words
from console.proctor.proctor_center.session_filter_model import SessionFilterModel
from console.proctor.proctor_center.session_list_model import (
    ATTENTION_ROLE,
    CARD_ROLE,
    INITIALS_ROLE,
    IS_SAMPLE_ROLE,
    IS_STALE_ROLE,
    REMAINING_SECONDS_ROLE,
    SESSION_ID_ROLE,
    THUMBNAIL_ROLE,
    SessionCard,
    SessionListModel,
    SessionView,
)
from console.proctor.proctor_center.session_rules import warning_words
from core.domain.lifecycle import remaining_seconds
from tests.console.proctor.proctor_helpers import close_kiosk, solid_jpeg, start
from tests.helpers import jpeg_bytes, new_snapshot_id


def wait_loaded(qtbot, model: SessionListModel) -> None:
    qtbot.waitUntil(lambda: not model.is_loading, timeout=5000)


def ids(model: SessionListModel) -> list[str]:
    return [s.session_id for s in model.sessions()]


def test_the_list_model_and_its_proxy_pass_the_model_tester_through_live_changes(
    fake_session_model, fake_core, fake_exam, qtmodeltester, qtbot
):
    proxy = SessionFilterModel()
    proxy.setSourceModel(fake_session_model)
    qtmodeltester.check(fake_session_model)
    qtmodeltester.check(proxy)
    wait_loaded(qtbot, fake_session_model)
    assert fake_session_model.rowCount() == 2  # the samples
    first = start(fake_core, fake_exam, "C-1", "Ann Lee")
    second = start(fake_core, fake_exam, "C-2", "Bob Stone")
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 2
                    and not fake_session_model.is_showing_samples, timeout=3000)
    fake_core.snapshots.record_snapshot(first.attempt_id, new_snapshot_id(), jpeg_bytes())
    fake_core.proctoring.flag_session(second.proctor_session_id, "Other", "seen twice")
    proxy.set_search_text("ann")
    fake_core.attempts.submit_attempt(first.attempt_id)
    qtbot.waitUntil(lambda: ids(fake_session_model) == [second.proctor_session_id], timeout=3000)
    assert proxy.rowCount() == 0  # "ann" left with Ann's session
    proxy.set_search_text("")
    fake_session_model.set_view(SessionView.ENDED)
    qtbot.waitUntil(lambda: ids(fake_session_model) == [first.proctor_session_id], timeout=3000)
    assert proxy.rowCount() == 1


def test_a_session_started_through_the_core_appears_within_a_second(
    fake_session_model, fake_core, fake_exam, qtbot
):
    wait_loaded(qtbot, fake_session_model)
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    qtbot.waitUntil(lambda: ids(fake_session_model) == [started.proctor_session_id], timeout=1000)
    row = fake_session_model.index(0)
    assert row.data(SESSION_ID_ROLE) == started.proctor_session_id
    assert row.data() == "Ann Lee"
    assert row.data(IS_SAMPLE_ROLE) is False


def test_submitting_removes_the_session_from_the_active_view_within_a_second(
    fake_session_model, fake_core, fake_exam, qtbot
):
    keep = start(fake_core, fake_exam, "C-1", "Ann Lee")
    leave = start(fake_core, fake_exam, "C-2", "Bob Stone")
    both = {keep.proctor_session_id, leave.proctor_session_id}
    qtbot.waitUntil(lambda: set(ids(fake_session_model)) == both, timeout=3000)
    with qtbot.waitSignal(fake_session_model.rowsRemoved, timeout=1000):
        fake_core.attempts.submit_attempt(leave.attempt_id)
    assert ids(fake_session_model) == [keep.proctor_session_id]


def test_only_the_changed_row_is_announced_when_a_session_changes(
    fake_session_model, fake_core, fake_exam, qtbot
):
    sessions = [start(fake_core, fake_exam, f"C-{n}", f"Candidate {n}") for n in range(5)]
    qtbot.waitUntil(lambda: len(ids(fake_session_model)) == 5, timeout=3000)
    target = sessions[2].proctor_session_id
    row = fake_session_model.row_of(target)
    changes = []
    fake_session_model.dataChanged.connect(lambda top, bottom, _roles: changes.append(
        (top.row(), bottom.row())))
    with qtbot.waitSignal(fake_session_model.sessions_changed, timeout=3000):
        fake_core.proctoring.flag_session(target, "Left the seat")
    assert changes == [(row, row)]
    assert fake_session_model.session(target).is_flagged


def test_a_burst_of_events_for_one_session_is_read_once(
    fake_session_model, fake_console_context, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    qtbot.waitUntil(lambda: len(ids(fake_session_model)) == 1, timeout=3000)
    before = fake_session_model.fetched_session_count
    with qtbot.waitSignal(fake_session_model.sessions_changed, timeout=3000):
        for _ in range(40):
            fake_console_context.bridge.session_changed.emit(started.proctor_session_id, "active",
                                                             "risk")
        fake_core.proctoring.flag_session(started.proctor_session_id, "Left the seat")
    assert fake_session_model.fetched_session_count - before == 1
    assert fake_session_model.session(started.proctor_session_id).is_flagged


def test_the_clock_tick_moves_time_left_and_staleness_without_reading_the_database(
    fake_session_model, fake_core, clock, fake_exam, qtbot, monkeypatch
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")  # one hour, snapshot every 30 s
    qtbot.waitUntil(lambda: len(ids(fake_session_model)) == 1, timeout=3000)
    index = fake_session_model.index(0)
    assert index.data(REMAINING_SECONDS_ROLE) == 3600
    assert index.data(IS_STALE_ROLE) is False
    reads = []
    for name in ("list_sessions", "get_session_summary"):
        real = getattr(fake_core.proctoring, name)
        monkeypatch.setattr(fake_core.proctoring, name,
                            lambda *a, _real=real, _name=name, **k: reads.append(_name) or
                            _real(*a, **k))
    clock.advance(61)
    with qtbot.waitSignal(fake_session_model.dataChanged, timeout=2000) as changed:
        fake_session_model.tick()
    assert IS_STALE_ROLE in changed.args[2]  # the session just went stale: sort may move it
    assert index.data(REMAINING_SECONDS_ROLE) == 3600 - 61
    assert index.data(IS_STALE_ROLE) is True
    assert fake_session_model.counts().offline == 1
    clock.advance(5)
    fake_session_model.tick()
    assert index.data(REMAINING_SECONDS_ROLE) == 3600 - 66
    assert reads == []
    # A new snapshot ends the staleness.
    fake_core.snapshots.record_snapshot(started.attempt_id, new_snapshot_id(), jpeg_bytes(),
                                        captured_at=clock.now())
    qtbot.waitUntil(lambda: index.data(IS_STALE_ROLE) is False, timeout=3000)


def test_the_card_shows_the_time_left_by_the_domain_rule_rounded_up(
    fake_session_model, fake_core, clock, fake_exam, qtbot
):
    start(fake_core, fake_exam, "C-1", "Ann Lee")  # one hour
    qtbot.waitUntil(lambda: len(ids(fake_session_model)) == 1, timeout=3000)
    clock.advance(0.4)  # 3599.6 s left: the kiosk shows 60:00, so does the card
    fake_session_model.tick()
    card = fake_session_model.index(0).data(CARD_ROLE)
    session = card.session
    assert card.remaining_seconds == remaining_seconds(
        session.attempt_status, session.deadline_at, clock.now()) == 3600
    assert fake_session_model.index(0).data(REMAINING_SECONDS_ROLE) == 3600


@pytest.mark.parametrize("face_count", [0, 2, None])
def test_the_card_carries_the_analysis_of_the_latest_snapshot(
    fake_session_model, fake_core, fake_exam, qtbot, face_count
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    snapshot_id = new_snapshot_id()
    fake_core.snapshots.record_snapshot(started.attempt_id, snapshot_id, jpeg_bytes())
    if face_count is not None:
        fake_core.snapshots.record_analysis(snapshot_id, face_count, (), [])
    qtbot.waitUntil(
        lambda: bool(ids(fake_session_model))
        and fake_session_model.session_at(0).latest_snapshot_id == snapshot_id
        and fake_session_model.session_at(0).latest_face_count == face_count,
        timeout=3000,
    )
    card = fake_session_model.index(0).data(CARD_ROLE)
    assert isinstance(card, SessionCard)
    assert card.session.latest_face_count == face_count


def test_samples_show_until_the_first_real_session_and_never_come_back(
    fake_session_model, fake_console_context, fake_core, fake_exam, qtbot
):
    wait_loaded(qtbot, fake_session_model)
    # Attention order: Omar's sample carries the higher risk.
    assert [s.candidate_name for s in fake_session_model.sessions()] == ["Omar Khalid",
                                                                         "Sarah Ahmed"]
    assert all(fake_session_model.index(r).data(IS_SAMPLE_ROLE) for r in range(2))
    assert fake_session_model.counts().total == 0
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    qtbot.waitUntil(lambda: ids(fake_session_model) == [started.proctor_session_id], timeout=3000)
    assert not fake_session_model.is_showing_samples
    with qtbot.waitSignal(fake_session_model.rowsRemoved, timeout=3000):
        fake_core.attempts.submit_attempt(started.attempt_id)
    fake_session_model.reload()
    wait_loaded(qtbot, fake_session_model)
    assert fake_session_model.rowCount() == 0  # the last exam ended: an empty grid, no samples
    # Nor in the next console on this data dir.
    again = SessionListModel(fake_console_context)
    try:
        qtbot.waitUntil(lambda: not again.is_loading, timeout=3000)
        assert again.rowCount() == 0
    finally:
        again.close()


def test_a_data_dir_with_past_exams_shows_no_samples_even_with_fresh_settings(
    fake_console_context, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    fake_core.attempts.submit_attempt(started.attempt_id)
    assert not fake_console_context.settings.had_real_session
    model = SessionListModel(fake_console_context)
    try:
        qtbot.waitUntil(lambda: not model.is_loading, timeout=3000)
        assert model.rowCount() == 0
        assert fake_console_context.settings.had_real_session
    finally:
        model.close()


def test_a_closed_kiosk_and_a_silent_one_say_so_on_the_card(
    fake_session_model, fake_core, clock, fake_exam, qtbot
):
    closed = start(fake_core, fake_exam, "C-1", "Ann Lee")
    silent = start(fake_core, fake_exam, "C-2", "Bob Stone")
    both = {closed.proctor_session_id, silent.proctor_session_id}
    qtbot.waitUntil(lambda: set(ids(fake_session_model)) == both, timeout=3000)

    def card(started) -> SessionCard:
        return fake_session_model.index(fake_session_model.row_of(started.proctor_session_id)).data(
            CARD_ROLE)

    assert card(closed).kiosk_words == card(silent).kiosk_words == ""
    close_kiosk(fake_core, closed)
    qtbot.waitUntil(lambda: card(closed).kiosk_words == "Kiosk closed", timeout=3000)
    clock.advance(61)  # two 30 s snapshot intervals without a snapshot
    fake_session_model.tick()
    assert card(closed).kiosk_words == "Kiosk closed"
    assert card(silent).kiosk_words == "Kiosk offline · 1 min"
    assert fake_session_model.counts().offline == 2
    # The kiosk comes back: a fresh snapshot clears both words.
    fake_core.snapshots.record_snapshot(closed.attempt_id, new_snapshot_id(), jpeg_bytes(),
                                        captured_at=clock.now())
    qtbot.waitUntil(lambda: card(closed).kiosk_words == "", timeout=3000)


def test_a_warning_and_its_acknowledgement_reach_the_card(
    fake_session_model, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    qtbot.waitUntil(lambda: len(ids(fake_session_model)) == 1, timeout=3000)
    warning = fake_core.proctoring.warn_session(started.proctor_session_id, "Eyes on your screen")
    qtbot.waitUntil(lambda: fake_session_model.session_at(0).warning_sent_at is not None,
                    timeout=3000)
    assert fake_session_model.session_at(0).warning_acknowledged_at is None
    sent = clock_time(warning.sent_at)[:5]
    assert warning_words(fake_session_model.session_at(0)) == f"Warned {sent}"
    assert "not acknowledged yet" in fake_session_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    fake_core.attempts.acknowledge_warning(started.attempt_id, warning.warning_id)
    qtbot.waitUntil(lambda: fake_session_model.session_at(0).warning_acknowledged_at is not None,
                    timeout=3000)
    assert "acknowledged at" in fake_session_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    seen = fake_session_model.session_at(0).warning_acknowledged_at
    assert warning_words(fake_session_model.session_at(0)) == f"Warning seen {clock_time(seen)[:5]}"


def test_switching_samples_off_leaves_an_empty_active_view(fake_session_model, qtbot):
    wait_loaded(qtbot, fake_session_model)
    assert fake_session_model.rowCount() == 2
    fake_session_model.set_show_samples(False)
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 0, timeout=3000)
    fake_session_model.set_show_samples(True)
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 2, timeout=3000)


def test_the_ended_view_lists_completed_and_cancelled_sessions_only(
    fake_session_model, fake_core, fake_exam, qtbot
):
    done = start(fake_core, fake_exam, "C-1", "Ann Lee")
    stopped = start(fake_core, fake_exam, "C-2", "Bob Stone")
    running = start(fake_core, fake_exam, "C-3", "Cleo Park")
    fake_core.attempts.submit_attempt(done.attempt_id)
    fake_core.proctoring.terminate_session(stopped.proctor_session_id, "Phone on the desk")
    fake_session_model.set_view(SessionView.ENDED)
    qtbot.waitUntil(lambda: fake_session_model.view is SessionView.ENDED
                    and not fake_session_model.is_loading
                    and fake_session_model.rowCount() == 2, timeout=3000)
    statuses = {s.session_id: s.status for s in fake_session_model.sessions()}
    assert statuses == {done.proctor_session_id: "completed",
                        stopped.proctor_session_id: "cancelled"}
    counts = fake_session_model.counts()
    assert (counts.completed, counts.cancelled) == (1, 1)
    # Ending the running one adds it to this view live.
    fake_core.attempts.submit_attempt(running.attempt_id)
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 3, timeout=1000)


def test_ended_cards_say_how_the_exam_ended(fake_session_model, fake_core, clock, fake_exam, qtbot):
    submitted = start(fake_core, fake_exam, "C-1", "Ann Lee")
    timed_out = start(fake_core, fake_exam, "C-2", "Bob Stone")
    terminated = start(fake_core, fake_exam, "C-3", "Cleo Park")
    fake_core.attempts.submit_attempt(submitted.attempt_id)
    fake_core.proctoring.terminate_session(terminated.proctor_session_id, "Phone on the desk")
    clock.advance(3601)
    fake_core.attempts.expire_overdue()
    fake_session_model.set_view(SessionView.ENDED)
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 3
                    and not fake_session_model.is_loading, timeout=3000)

    def words(started) -> str:
        return outcome_words(fake_session_model.session(started.proctor_session_id))

    assert (words(submitted), words(timed_out), words(terminated)) == (
        "Submitted", "Time ran out", "Terminated")
    tip = fake_session_model.index(fake_session_model.row_of(timed_out.proctor_session_id)).data(
        Qt.ItemDataRole.ToolTipRole)
    assert "Time ran out" in tip and "Completed" not in tip


def test_a_thumbnail_is_served_after_a_snapshot_is_recorded(
    fake_session_model, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    qtbot.waitUntil(lambda: len(ids(fake_session_model)) == 1, timeout=3000)
    index = fake_session_model.index(0)
    assert index.data(THUMBNAIL_ROLE) is None  # no snapshot yet: the card shows initials
    assert index.data(INITIALS_ROLE) == "AL"
    fake_core.snapshots.record_snapshot(started.attempt_id, new_snapshot_id(),
                                        solid_jpeg((20, 160, 90)))
    qtbot.waitUntil(lambda: index.data(THUMBNAIL_ROLE) is not None, timeout=3000)
    image = index.data(THUMBNAIL_ROLE).toImage()
    assert image.width() <= fake_session_model.thumbnail_size.width()
    color = image.pixelColor(image.width() // 2, image.height() // 2)
    assert abs(color.red() - 20) < 12 and abs(color.green() - 160) < 12


def test_thumbnails_are_asked_for_at_the_device_pixel_size(
    fake_session_model, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    fake_core.snapshots.record_snapshot(started.attempt_id, new_snapshot_id(), jpeg_bytes())
    qtbot.waitUntil(lambda: len(ids(fake_session_model)) == 1, timeout=3000)
    changed = []
    fake_session_model.dataChanged.connect(lambda *args: changed.append(args))
    fake_session_model.set_thumbnail_size(QSize(256, 192))  # a 2x screen
    assert changed, "every card is told to repaint its thumbnail"
    qtbot.waitUntil(lambda: fake_session_model.index(0).data(THUMBNAIL_ROLE) is not None,
                    timeout=3000)
    # The stored thumbnail is 160x120: it is never scaled up in memory.
    assert fake_session_model.index(0).data(THUMBNAIL_ROLE).width() == 160


def test_attention_puts_flagged_before_risky_before_stale(
    fake_session_model, fake_core, clock, fake_exam, qtbot
):
    calm = start(fake_core, fake_exam, "C-1", "Calm Candidate")
    risky = start(fake_core, fake_exam, "C-2", "Risky Candidate")
    flagged = start(fake_core, fake_exam, "C-3", "Flagged Candidate")
    for _ in range(3):
        fake_core.attempts.record_kiosk_event(risky.attempt_id, "focus_lost")
    fake_core.proctoring.flag_session(flagged.proctor_session_id, "Left the seat")
    qtbot.waitUntil(lambda: len(ids(fake_session_model)) == 3
                    and fake_session_model.session(flagged.proctor_session_id).is_flagged
                    and fake_session_model.session(risky.proctor_session_id).risk_score == 24,
                    timeout=3000)
    clock.advance(90)
    fake_session_model.tick()

    def key(started) -> int:
        return fake_session_model.index(fake_session_model.row_of(started.proctor_session_id)).data(
            ATTENTION_ROLE)

    assert key(flagged) > key(risky) > key(calm) > 0  # calm is stale: still above nothing

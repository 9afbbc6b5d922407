"""The risk rule on its own, over scripted timelines: it judges evidence over time, so a calm
candidate whose face the detector sometimes misses stays low, while a long absence or a second
person in view ranks high; kiosk reports and a proctor's flag still count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.domain.episodes import LOOKING_AWAY, EpisodeTracker
from core.domain.risk import (
    DEFAULT_RISK_WEIGHTS,
    HIGH_FROM,
    MAX_RISK,
    MEDIUM_FROM,
    AnalysedFrame,
    Evidence,
    RiskRule,
    is_center_problem,
    risk_level,
)

W = DEFAULT_RISK_WEIGHTS
START = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
INTERVAL = 30  # seconds between snapshots, the kiosk's default


def at(seconds: float) -> datetime:
    return START + timedelta(seconds=seconds)


def camera(script: str, interval: int = INTERVAL) -> tuple[list[Evidence], list[AnalysedFrame]]:
    """What frame analysis records for a run of snapshots: one character a frame ('.' one face,
    'n' no face, '2' two faces, 'f' frozen, 'b' blocked) and one event per episode, at its
    first frame, as the analysis does."""
    cue_of = {".": frozenset(), "n": frozenset({"no_face"}), "2": frozenset({"multiple_faces"}),
              "f": frozenset({"frozen"}), "b": frozenset({"camera_blocked"})}
    kind_of = {"no_face": "no_face", "multiple_faces": "multiple_faces",
               "frozen": "camera_blocked", "camera_blocked": "camera_blocked"}
    frames = [AnalysedFrame(at(i * interval), cue_of[c]) for i, c in enumerate(script)]
    events, previous = [], frozenset()
    for frame in frames:
        for cue in sorted(frame.cues - previous):
            events.append(Evidence(kind_of[cue], frame.at, detected=True))
        previous = frame.cues
    return events, frames


def score(script: str, *extra: Evidence, now: float | None = None) -> int:
    events, frames = camera(script)
    return RiskRule().score([*events, *extra], frames, None if now is None else at(now))


#: Forty-five minutes of a calm candidate: the detector misses the face in single frames now and
#: then (a hand, a turned head), twice in two frames in a row.
CALM_WITH_NOISE = ("......n.........n..........nn.......n......"
                   "....n..........n.........nn......n.......n....n...")


def test_a_calm_candidate_with_a_flickering_detector_stays_low():
    events, _ = camera(CALM_WITH_NOISE)
    assert len(events) == 10  # ten "No face in view (again ...)" episodes: 100 under a plain sum
    assert score(CALM_WITH_NOISE) < MEDIUM_FROM
    assert risk_level(score(CALM_WITH_NOISE)) == "low"


def test_a_five_minute_absence_ranks_high():
    away = "......" + "n" * 10 + "." * 20
    assert score(away) >= HIGH_FROM
    assert score(away) > score(CALM_WITH_NOISE)


def test_an_absence_still_going_on_grows_with_every_frame():
    scores = [score("...." + "n" * frames) for frames in range(1, 14)]
    assert scores == sorted(scores)
    assert scores[0] == W["no_face"] and scores[-1] >= HIGH_FROM


def test_a_second_person_for_three_minutes_ranks_high():
    assert score("...." + "2" * 7 + "....") >= HIGH_FROM


def test_a_second_person_seen_in_one_frame_counts_in_full_until_the_next_frame_shows_one_face():
    assert score(".." + "2") == W["multiple_faces"] > score(CALM_WITH_NOISE)
    assert score(".." + "2" + ".") == round(W["multiple_faces"] / 2)  # a glimpse, judged as one
    assert score(".." + "22" + ".") == W["multiple_faces"]


def test_one_long_episode_that_the_detector_splits_with_a_missed_frame_stays_one_episode():
    split = "...." + "2" * 4 + "." + "2" * 4 + "...."
    assert score(split) == score("...." + "2" * 9 + "....") >= HIGH_FROM
    far_apart = "...." + "2" * 2 + "." * 6 + "2" * 2 + "...."
    assert score(far_apart) == round(W["multiple_faces"] * 1.5)  # two episodes: 1 + 1/2


def test_the_ranking_is_the_one_a_proctor_would_make():
    candidates = {
        "calm": score(CALM_WITH_NOISE),
        "flagged": score(CALM_WITH_NOISE, Evidence("flagged", at(600))),
        "long absence": score("......" + "n" * 12 + "....."),
        "second person": score("...." + "2" * 8 + "...."),
    }
    ranked = sorted(candidates, key=candidates.__getitem__)
    assert ranked[0] == "calm"
    assert set(ranked[1:]) == {"flagged", "long absence", "second person"}
    assert candidates["flagged"] >= MEDIUM_FROM


def test_a_flag_counts_once_however_often_the_session_is_re_flagged():
    once = score(CALM_WITH_NOISE, Evidence("flagged", at(300)))
    twice = score(CALM_WITH_NOISE, Evidence("flagged", at(300)), Evidence("flagged", at(900)))
    assert once == twice == score(CALM_WITH_NOISE) + W["flagged"]


def test_every_kiosk_report_counts_its_weight():
    reports = [Evidence("focus_lost", at(0)), Evidence("focus_regained", at(5)),
               Evidence("focus_lost", at(60)), Evidence("focus_regained", at(62)),
               Evidence("upload_failed", at(90))]
    assert RiskRule().score(reports) == 2 * W["focus_lost"] + W["upload_failed"]


@pytest.mark.parametrize(("cause", "points"), [
    (None, W["upload_failed"]),  # a kiosk that gives no cause: refused, as before
    ("refused", W["upload_failed"]),
    ("center_unreachable", 0),
    ("center_error", 0),
])
def test_only_an_upload_the_center_refused_weighs_on_the_risk(cause, points):
    assert RiskRule().score([Evidence("upload_failed", at(0), cause=cause)]) == points


def test_a_day_of_center_outages_adds_nothing_to_a_candidates_evidence():
    outages = [Evidence("upload_failed", at(60 * i),
                        cause="center_unreachable" if i % 2 else "center_error")
               for i in range(40)]
    focus = [Evidence("focus_lost", at(30)), Evidence("focus_regained", at(40))]
    assert RiskRule().score([*outages, *focus]) == RiskRule().score(focus) == W["focus_lost"]
    assert is_center_problem("upload_failed", "center_error")
    assert not is_center_problem("upload_failed", "refused")
    assert not is_center_problem("upload_failed", None)
    assert not is_center_problem("focus_lost", "center_error")


def test_a_long_time_outside_the_exam_window_counts_by_its_length():
    rule = RiskRule()
    short = [Evidence("focus_lost", at(0)), Evidence("focus_regained", at(20))]
    long = [Evidence("focus_lost", at(0)), Evidence("focus_regained", at(6 * 60))]
    assert rule.score(short) == W["focus_lost"]
    assert rule.score(long) >= HIGH_FROM
    # still away: measured up to now, and at the latest up to the end of the session
    still_away = [Evidence("focus_lost", at(0))]
    assert rule.score(still_away, now=at(20)) == W["focus_lost"]
    assert rule.score(still_away, now=at(6 * 60)) == rule.score(long)
    ended = [*still_away, Evidence("session_ended", at(30))]
    assert rule.score(ended, now=at(6 * 60)) == W["focus_lost"]


def test_a_frozen_picture_continues_a_blocked_camera_episode():
    assert score("..bbff" + "f" * 6 + "..") == score("..bbbb" + "b" * 6 + "..")
    assert score("..bbff" + "f" * 6 + "..") >= HIGH_FROM


def turned(script: str) -> int:
    """The risk of a run of snapshots, '.' looking at the screen and 'a' the head turned away,
    with the events the analysis' own episode rule records for them."""
    tracker = EpisodeTracker()
    frames = [AnalysedFrame(at(i * INTERVAL), frozenset({LOOKING_AWAY} if c == "a" else ()))
              for i, c in enumerate(script)]
    events = [Evidence(kind, frame.at, detected=True) for frame in frames
              for kind, _detail in tracker.observe(frame.cues, frame.at, 1)]
    return RiskRule().score(events, frames)


def test_a_head_turned_now_and_then_in_single_snapshots_adds_nothing():
    assert turned("....a......a...a.......a....") == 0


def test_looking_away_across_two_snapshots_adds_its_small_weight_in_full():
    assert W["looking_away"] == 5
    assert turned("....aa........") == W["looking_away"]


def test_looking_away_for_minutes_grows_with_its_length_but_is_no_proof_on_its_own():
    scores = [turned("...." + "a" * frames + "....") for frames in (2, 5, 11)]
    assert scores == sorted(scores) and scores[0] < scores[-1]
    assert risk_level(scores[-1]) == "medium"  # five minutes turned away
    assert scores[0] < score("...." + "nn" + "....")  # less than a short absence


@pytest.mark.parametrize(("value", "level"), [(0, "low"), (29, "low"), (30, "medium"),
                                              (59, "medium"), (60, "high"), (100, "high")])
def test_the_level_reads_low_medium_or_high(value, level):
    assert risk_level(value) == level


def test_the_documented_weights_cover_every_kind_of_evidence():
    evidence = {"camera_denied", "upload_failed", "focus_lost", "no_face", "multiple_faces",
                "too_dark", "camera_blocked", "looking_away", "flagged"}
    assert evidence <= set(W)
    assert all(W[name] > 0 for name in evidence)


def test_the_score_is_capped_at_100():
    rule = RiskRule()
    assert rule.score([Evidence("multiple_faces", at(i)) for i in range(5)]) == MAX_RISK == 100
    assert score("." + "n" * 40) == MAX_RISK


def test_events_without_a_weight_add_nothing():
    rule = RiskRule()
    timeline = [Evidence(kind, at(i)) for i, kind in enumerate(
        ["session_started", "focus_regained", "warning_sent", "nonsense"])]
    assert rule.score(timeline) == 0


def test_an_override_changes_one_weight_and_keeps_the_others():
    rule = RiskRule({"no_face": 40})
    assert rule.weight("no_face") == 40
    assert rule.weight("multiple_faces") == W["multiple_faces"]
    assert rule.score([Evidence("no_face", at(0), detected=True)]) == 40

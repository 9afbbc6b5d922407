"""The debouncing rule of core/domain/episodes.py, called directly with cue lists: which run of
frames records an event, and what its detail says. No image, no database, no thread."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.domain.episodes import (
    CAMERA_BLOCKED,
    FROZEN,
    LOOKING_AWAY,
    MULTIPLE_FACES,
    NO_FACE,
    TOO_DARK,
    EpisodeTracker,
    describe_duration,
)

START = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
INTERVAL = timedelta(seconds=30)


def run(tracker: EpisodeTracker, *frames: tuple[str, ...], faces: int = 1) -> list[list]:
    """Observe one frame per interval; the events each frame records."""
    return [tracker.observe(cues, START + i * INTERVAL, faces) for i, cues in enumerate(frames)]


def test_the_first_frame_of_an_absence_records_it():
    assert run(EpisodeTracker(), (NO_FACE,)) == [[("no_face", "No face in view")]]


def test_three_empty_frames_in_a_row_are_one_event():
    recorded = run(EpisodeTracker(), (NO_FACE,), (NO_FACE,), (NO_FACE,))
    assert [len(events) for events in recorded] == [1, 0, 0]


def test_a_frame_that_clears_the_condition_records_nothing():
    assert run(EpisodeTracker(), (NO_FACE,), ())[1] == []


def test_a_new_episode_records_again_and_says_how_long_the_last_one_lasted():
    # Absent at 0 s and 30 s, back at 60 s: the episode lasted from its first frame to 60 s.
    recorded = run(EpisodeTracker(), (NO_FACE,), (NO_FACE,), (), (NO_FACE,))
    assert recorded[3] == [
        ("no_face", "No face in view (again; the previous time lasted about 1 min)")]


def test_with_two_confirmation_frames_a_single_frame_records_nothing():
    recorded = run(EpisodeTracker(confirm_frames=2), (NO_FACE,), (), (NO_FACE,))
    assert recorded == [[], [], []]


def test_with_two_confirmation_frames_the_second_frame_records_the_episode():
    recorded = run(EpisodeTracker(confirm_frames=2), (NO_FACE,), (NO_FACE,), (NO_FACE,))
    assert [len(events) for events in recorded] == [0, 1, 0]


def test_an_unconfirmed_episode_leaves_no_previous_duration_behind():
    tracker = EpisodeTracker(confirm_frames=2)
    recorded = run(tracker, (NO_FACE,), (), (NO_FACE,), (NO_FACE,))
    assert recorded[3] == [("no_face", "No face in view")]


def test_a_frozen_picture_is_recorded_as_a_blocked_camera_that_says_frozen():
    [[(event_type, detail)]] = run(EpisodeTracker(), (FROZEN,))
    assert event_type == "camera_blocked"
    assert "frozen" in detail


def test_multiple_faces_says_how_many():
    assert run(EpisodeTracker(), (MULTIPLE_FACES,), faces=3) == [
        [("multiple_faces", "3 faces in view")]]


def test_conditions_are_debounced_apart():
    recorded = run(EpisodeTracker(), (TOO_DARK,), (TOO_DARK, CAMERA_BLOCKED), (CAMERA_BLOCKED,))
    assert [[t for t, _ in events] for events in recorded] == [
        ["too_dark"], ["camera_blocked"], []]


def test_a_head_turned_in_one_snapshot_only_records_nothing():
    recorded = run(EpisodeTracker(), (), (LOOKING_AWAY,), (), (LOOKING_AWAY,), ())
    assert recorded == [[], [], [], [], []]


def test_a_head_turned_in_two_snapshots_in_a_row_records_looking_away_once():
    recorded = run(EpisodeTracker(), (LOOKING_AWAY,), (LOOKING_AWAY,), (LOOKING_AWAY,), ())
    assert recorded == [[], [("looking_away", "Head turned away from the screen")], [], []]


def test_looking_away_needs_two_frames_while_other_conditions_record_at_their_first():
    recorded = run(EpisodeTracker(), (NO_FACE,), (LOOKING_AWAY,), (LOOKING_AWAY,))
    assert recorded == [[("no_face", "No face in view")], [],
                        [("looking_away", "Head turned away from the screen")]]


def test_a_larger_confirmation_setting_also_holds_for_looking_away():
    tracker = EpisodeTracker(confirm_frames=3)
    recorded = run(tracker, (LOOKING_AWAY,), (LOOKING_AWAY,), (LOOKING_AWAY,))
    assert [len(events) for events in recorded] == [0, 0, 1]
    assert tracker.frames_to_confirm(NO_FACE) == tracker.frames_to_confirm(LOOKING_AWAY) == 3


def test_a_second_time_looking_away_says_how_long_the_first_lasted():
    recorded = run(EpisodeTracker(), (LOOKING_AWAY,), (LOOKING_AWAY,), (), (LOOKING_AWAY,),
                   (LOOKING_AWAY,))
    assert recorded[4] == [("looking_away", "Head turned away from the screen "
                                            "(again; the previous time lasted about 1 min)")]


def test_a_frame_captured_before_the_newest_observed_one_is_out_of_order():
    tracker = EpisodeTracker()
    run(tracker, (NO_FACE,), (NO_FACE,))
    assert tracker.is_out_of_order(START)
    assert not tracker.is_out_of_order(START + INTERVAL)
    assert not EpisodeTracker().is_out_of_order(START)


@pytest.mark.parametrize(("seconds", "words"), [
    (0, "0 s"), (44.6, "45 s"), (60, "1 min"), (125, "2 min 5 s"), (3600, "1 h"),
    (5400, "1 h 30 min"), (-3, "0 s"),
])
def test_durations_read_in_words(seconds, words):
    assert describe_duration(seconds) == words

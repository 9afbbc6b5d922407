"""The order in which frames are analysed: by session, newest first when the center is behind
(core/jobs/analysis/schedule.py), with a clock the test moves."""

from __future__ import annotations

import threading

from core.jobs.analysis.schedule import BEHIND_SECONDS, FrameSchedule


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def taken(schedule: FrameSchedule) -> list[str]:
    """Every frame the schedule hands out now, one worker finishing each before the next."""
    order = []
    while (frame := schedule.take(timeout=0)) is not None:
        order.append(frame.snapshot_id)
        schedule.done(frame.session_id)
    return order


def test_while_the_center_keeps_up_a_sessions_frames_are_analysed_in_capture_order():
    schedule = FrameSchedule(backlog_limit=10, clock=Clock())
    for n in range(3):
        schedule.put("A", f"A{n}")
    assert taken(schedule) == ["A0", "A1", "A2"]


def test_when_behind_every_sessions_newest_frame_comes_before_older_frames_of_any_session():
    clock = Clock()
    schedule = FrameSchedule(backlog_limit=10, clock=clock)
    for n in range(3):
        schedule.put("A", f"A{n}")
        schedule.put("B", f"B{n}")
    clock.now += BEHIND_SECONDS
    schedule.put("C", "C0")
    assert taken(schedule)[:3] == ["A2", "B2", "C0"]


def test_a_kiosk_sending_its_spooled_backlog_does_not_push_the_other_sessions_back():
    schedule = FrameSchedule(backlog_limit=100, clock=Clock())
    for n in range(20):
        schedule.put("spool", f"S{n}")
    schedule.put("B", "B0")
    assert taken(schedule)[:3] == ["S0", "B0", "S1"]


def test_a_full_backlog_skips_an_older_frame_never_a_sessions_newest():
    schedule = FrameSchedule(backlog_limit=2, clock=Clock())
    skipped = [schedule.put("A", f"A{n}") for n in range(4)]
    schedule.put("B", "B0")
    assert skipped == [None, None, None, "A0"]
    assert taken(schedule) == ["A1", "B0", "A2", "A3"]
    assert schedule.take_skipped() == {"A": 1}


def test_the_skips_of_a_session_with_frames_still_waiting_are_kept_for_its_next_frame():
    schedule = FrameSchedule(backlog_limit=1, clock=Clock())
    for n in range(3):
        schedule.put("A", f"A{n}")
    assert schedule.take_skipped() == {}
    assert schedule.take_skipped("A") == {"A": 1}


def test_frames_of_an_ended_session_are_dropped_and_counted_as_skipped():
    schedule = FrameSchedule(backlog_limit=10, clock=Clock())
    schedule.put("A", "A0")
    schedule.put("A", "A1")
    schedule.put("B", "B0")
    assert schedule.drop_session("A") == 2
    assert taken(schedule) == ["B0"]
    assert schedule.take_skipped() == {"A": 2}
    assert schedule.skipped_total == 2


def test_one_sessions_frames_go_to_one_worker_at_a_time():
    schedule = FrameSchedule(backlog_limit=10, clock=Clock())
    schedule.put("A", "A0")
    schedule.put("A", "A1")
    first = schedule.take(timeout=0)
    assert first is not None and first.snapshot_id == "A0"
    assert schedule.take(timeout=0) is None
    schedule.done("A")
    second = schedule.take(timeout=0)
    assert second is not None and second.snapshot_id == "A1"


def test_a_waiting_worker_wakes_up_for_a_new_frame_and_a_closed_schedule_hands_out_nothing():
    schedule = FrameSchedule(backlog_limit=10)
    got: list[str] = []
    worker = threading.Thread(target=lambda: got.append(schedule.take(timeout=30).snapshot_id))
    worker.start()
    schedule.put("A", "A0")
    worker.join(30)
    assert got == ["A0"]
    schedule.put("B", "B0")
    assert schedule.close() == ["B0"]
    assert schedule.take(timeout=0) is None

"""Frame analysis through the real core: snapshots stored by the snapshot service (real SQLite,
real JPEGs with real faces), analysed by FrameAnalysis, results read back from the services.

The core here has analysis on but its workers not started, so ``drain()`` analyses the queued
frames in the test thread, in upload order; test_analysis_pipeline.py runs the worker threads."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import pytest
import sqlalchemy

from core.bootstrap import build_core
from core.domain.records import EventDTO
from core.domain.risk import DEFAULT_RISK_WEIGHTS
from core.jobs.analysis import inspection, pool
from tests.core.jobs.test_analysis_frames import (
    covered_jpeg,
    dark_jpeg,
    no_face_jpeg,
    one_face_jpeg,
    two_faces_jpeg,
)
from tests.core.jobs.test_looking_away import frontal_jpeg, turned_jpeg
from tests.helpers import new_snapshot_id

INTERVAL = 30  # seconds between snapshots, as a kiosk takes them


@pytest.fixture
def core_env() -> dict[str, str]:
    return {"PROCTOR_ANALYSIS": "1", "PROCTOR_SWEEP_SECONDS": "0.2"}


@pytest.fixture
def attempt(core, exam):
    return core.attempts.start_attempt(exam.exam_id, "C-7", "Ann Lee")


def upload(core, attempt, clock, *frames: bytes) -> list[str]:
    """Store each frame as the kiosk would, one snapshot interval apart, then analyse them."""
    ids = []
    for frame in frames:
        clock.advance(INTERVAL)
        recorded = core.snapshots.record_snapshot(attempt.attempt_id, new_snapshot_id(), frame)
        ids.append(recorded.snapshot.snapshot_id)
    assert core.analysis.drain(timeout=30)
    return ids


def analysis_events(core, attempt) -> list[EventDTO]:
    """The session's analysis events, oldest first."""
    detail = core.proctoring.get_session(attempt.proctor_session_id)
    return [e for e in reversed(detail.events) if e.source == "analysis"]


def risk_of(core, attempt) -> int:
    return core.proctoring.get_session_summary(attempt.proctor_session_id).risk_score


def face_counts(core, snapshot_ids: list[str]) -> list[int | None]:
    return [core.snapshots.get_snapshot(i).face_count for i in snapshot_ids]


def test_a_frame_with_the_candidate_alone_stores_one_face_and_records_nothing(core, attempt, clock):
    [snapshot_id] = upload(core, attempt, clock, one_face_jpeg())
    snapshot = core.snapshots.get_snapshot(snapshot_id)
    assert (snapshot.face_count, snapshot.analysis) == (1, None)
    assert core.proctoring.get_session_summary(attempt.proctor_session_id).latest_face_count == 1
    assert analysis_events(core, attempt) == []
    assert risk_of(core, attempt) == 0


def test_a_second_person_records_multiple_faces_and_raises_the_risk_by_its_weight(
    core, attempt, clock
):
    [snapshot_id] = upload(core, attempt, clock, two_faces_jpeg())
    assert face_counts(core, [snapshot_id]) == [2]
    [event] = analysis_events(core, attempt)
    assert (event.type, event.detail) == ("multiple_faces", "2 faces in view")
    assert event.occurred_at == core.snapshots.get_snapshot(snapshot_id).captured_at
    assert risk_of(core, attempt) == DEFAULT_RISK_WEIGHTS["multiple_faces"]


def test_three_frames_without_a_face_in_a_row_make_one_no_face_event(core, attempt, clock):
    ids = upload(core, attempt, clock, no_face_jpeg(1), no_face_jpeg(2), no_face_jpeg(3))
    assert face_counts(core, ids) == [0, 0, 0]
    assert [e.type for e in analysis_events(core, attempt)] == ["no_face"]
    assert analysis_events(core, attempt)[0].detail == "No face in view"
    assert risk_of(core, attempt) == DEFAULT_RISK_WEIGHTS["no_face"]


def test_a_new_absence_after_the_face_returned_is_a_new_event_telling_the_last_duration(
    core, attempt, clock
):
    upload(core, attempt, clock, no_face_jpeg(1), no_face_jpeg(2), no_face_jpeg(3),
           one_face_jpeg(4), no_face_jpeg(5))
    first, second = analysis_events(core, attempt)
    assert (first.type, second.type) == ("no_face", "no_face")
    assert second.occurred_at - first.occurred_at == timedelta(seconds=4 * INTERVAL)
    # from the first empty frame to the frame that showed the face again: 3 intervals
    assert second.detail == "No face in view (again; the previous time lasted about 1 min 30 s)"
    assert risk_of(core, attempt) == 2 * DEFAULT_RISK_WEIGHTS["no_face"]


def test_a_head_turned_away_in_two_snapshots_in_a_row_records_looking_away(core, attempt, clock):
    ids = upload(core, attempt, clock, frontal_jpeg(1), turned_jpeg(2), turned_jpeg(3),
                 frontal_jpeg(4))
    assert face_counts(core, ids) == [1, 1, 1, 1]
    assert [core.snapshots.get_snapshot(i).analysis for i in ids] == [
        None, "looking_away", "looking_away", None]
    [event] = analysis_events(core, attempt)
    assert (event.type, event.source, event.detail) == (
        "looking_away", "analysis", "Head turned away from the screen")
    assert event.occurred_at == core.snapshots.get_snapshot(ids[2]).captured_at
    assert risk_of(core, attempt) == DEFAULT_RISK_WEIGHTS["looking_away"]


def test_a_glance_aside_in_one_snapshot_records_nothing(core, attempt, clock):
    upload(core, attempt, clock, frontal_jpeg(1), turned_jpeg(2), frontal_jpeg(3))
    assert analysis_events(core, attempt) == []
    assert risk_of(core, attempt) == 0


def test_a_covered_lens_is_camera_blocked_and_not_also_an_absence(core, attempt, clock):
    ids = upload(core, attempt, clock, covered_jpeg(1), covered_jpeg(2))
    assert face_counts(core, ids) == [0, 0]
    assert core.snapshots.get_snapshot(ids[0]).analysis == "camera_blocked"
    [event] = analysis_events(core, attempt)
    assert (event.type, event.detail) == ("camera_blocked", "Camera covered or blocked")
    assert risk_of(core, attempt) == DEFAULT_RISK_WEIGHTS["camera_blocked"]


def test_a_dark_room_is_recorded_as_too_dark(core, attempt, clock):
    [snapshot_id] = upload(core, attempt, clock, dark_jpeg())
    assert core.snapshots.get_snapshot(snapshot_id).analysis == "too_dark"
    assert [e.type for e in analysis_events(core, attempt)] == ["too_dark"]
    assert risk_of(core, attempt) == DEFAULT_RISK_WEIGHTS["too_dark"]


def test_the_very_same_picture_again_is_recorded_as_a_frozen_camera(core, attempt, clock):
    frame = one_face_jpeg(seed=9)
    ids = upload(core, attempt, clock, frame, frame, frame)
    assert face_counts(core, ids) == [1, 1, 1]
    assert [core.snapshots.get_snapshot(i).analysis for i in ids] == [None, "frozen", "frozen"]
    [event] = analysis_events(core, attempt)
    assert event.type == "camera_blocked"
    assert event.detail == "Picture frozen: the same image as the previous snapshot"


@pytest.mark.parametrize("core_env", [{"PROCTOR_ANALYSIS": "1",
                                       "PROCTOR_ANALYSIS_CONFIRM_FRAMES": "2"}])
def test_with_two_confirmation_frames_a_single_empty_frame_records_nothing(core, attempt, clock):
    upload(core, attempt, clock, no_face_jpeg(1), one_face_jpeg(2))
    assert analysis_events(core, attempt) == []
    ids = upload(core, attempt, clock, no_face_jpeg(3), no_face_jpeg(4), no_face_jpeg(5))
    [event] = analysis_events(core, attempt)
    assert event.type == "no_face"
    assert event.occurred_at == core.snapshots.get_snapshot(ids[1]).captured_at


@pytest.mark.parametrize("core_env", [{"PROCTOR_ANALYSIS": "1",
                                       "PROCTOR_RISK_WEIGHTS": "multiple_faces=40"}])
def test_the_risk_weights_setting_decides_what_an_analysis_event_adds(core, attempt, clock):
    upload(core, attempt, clock, two_faces_jpeg())
    assert risk_of(core, attempt) == 40


def test_a_restart_does_not_report_an_absence_that_was_already_reported(
    core, config, attempt, clock
):
    upload(core, attempt, clock, no_face_jpeg(1), no_face_jpeg(2))
    core.close()
    restarted = build_core(config, clock)
    try:
        upload(restarted, attempt, clock, no_face_jpeg(3), one_face_jpeg(4), no_face_jpeg(5))
        assert [e.type for e in analysis_events(restarted, attempt)] == ["no_face", "no_face"]
        assert risk_of(restarted, attempt) == 2 * DEFAULT_RISK_WEIGHTS["no_face"]
    finally:
        restarted.close()


def test_a_restart_still_recognises_a_frozen_picture(core, config, attempt, clock):
    frame = one_face_jpeg(seed=3)
    upload(core, attempt, clock, frame)
    core.close()
    restarted = build_core(config, clock)
    try:
        [snapshot_id] = upload(restarted, attempt, clock, frame)
        assert restarted.snapshots.get_snapshot(snapshot_id).analysis == "frozen"
    finally:
        restarted.close()


def test_a_late_frame_from_the_kiosk_backlog_is_analysed_but_ends_no_absence(
    core, attempt, clock
):
    upload(core, attempt, clock, no_face_jpeg(1))
    late = core.snapshots.record_snapshot(
        attempt.attempt_id, new_snapshot_id(), one_face_jpeg(2),
        captured_at=clock.now() - timedelta(seconds=10 * INTERVAL),
    ).snapshot.snapshot_id
    upload(core, attempt, clock, no_face_jpeg(3))
    assert face_counts(core, [late]) == [1]
    assert [e.type for e in analysis_events(core, attempt)] == ["no_face"]


def test_sessions_are_debounced_apart(core, exam, attempt, clock):
    other = core.attempts.start_attempt(exam.exam_id, "C-8", "Bo Chen")
    clock.advance(INTERVAL)
    for who in (attempt, other):
        core.snapshots.record_snapshot(who.attempt_id, new_snapshot_id(), no_face_jpeg())
    assert core.analysis.drain(timeout=30)
    assert [e.type for e in analysis_events(core, attempt)] == ["no_face"]
    assert [e.type for e in analysis_events(core, other)] == ["no_face"]


@pytest.mark.parametrize("core_env", [{"PROCTOR_ANALYSIS": "1", "PROCTOR_ANALYSIS_QUEUE": "2"}])
def test_a_full_backlog_skips_the_oldest_frame_keeps_the_upload_and_counts_it_on_the_session(
    core, attempt, clock, caplog
):
    caplog.set_level(logging.WARNING, logger="core.jobs.analysis")
    ids = []
    for seed in range(4):  # the workers are not running: the fourth overfills the backlog of 2
        clock.advance(INTERVAL)
        ids.append(core.snapshots.record_snapshot(
            attempt.attempt_id, new_snapshot_id(), two_faces_jpeg(seed)).snapshot.snapshot_id)
    assert core.proctoring.get_session_summary(attempt.proctor_session_id).snapshot_count == 4
    assert core.analysis.skipped_count == 1
    [warning] = [r for r in caplog.records if r.name == "core.jobs.analysis"]
    assert ids[0] in warning.getMessage() and "will not be analysed" in warning.getMessage()
    assert core.analysis.drain(timeout=30)
    assert face_counts(core, ids) == [None, 2, 2, 2]
    session = core.proctoring.get_session_summary(attempt.proctor_session_id)
    assert session.frames_skipped == 1


def test_an_analysed_snapshot_says_when_it_was_analysed(core, attempt, clock):
    [snapshot_id] = upload(core, attempt, clock, one_face_jpeg())
    assert core.snapshots.get_snapshot(snapshot_id).analysed_at == clock.now()


def test_frames_waiting_when_their_session_ends_are_counted_as_skipped(core, attempt, clock):
    clock.advance(INTERVAL)
    core.snapshots.record_snapshot(attempt.attempt_id, new_snapshot_id(), one_face_jpeg())
    core.attempts.submit_attempt(attempt.attempt_id)
    assert core.analysis.drain(timeout=30)
    session = core.proctoring.get_session_summary(attempt.proctor_session_id)
    assert (session.snapshot_count, session.frames_skipped) == (1, 1)


def test_analysing_a_snapshot_twice_records_its_events_once(core, attempt, clock):
    [snapshot_id] = upload(core, attempt, clock, two_faces_jpeg())
    assert core.analysis.analyse_snapshot(snapshot_id) is None
    assert len(analysis_events(core, attempt)) == 1


@pytest.mark.parametrize("core_env", [{"PROCTOR_ANALYSIS": "0"}])
def test_with_analysis_off_snapshots_are_stored_without_a_face_count(core, attempt, clock):
    assert core.analysis is None
    clock.advance(INTERVAL)
    recorded = core.snapshots.record_snapshot(attempt.attempt_id, new_snapshot_id(),
                                              two_faces_jpeg())
    assert face_counts(core, [recorded.snapshot.snapshot_id]) == [None]
    assert analysis_events(core, attempt) == []


def test_a_missing_face_model_turns_analysis_off_with_a_clear_warning_and_uploads_go_on(
    config, clock, exam, tmp_path, monkeypatch, caplog
):
    monkeypatch.setattr(inspection, "MODEL_PATH", tmp_path / "nowhere" / "yunet.onnx")
    caplog.set_level(logging.WARNING, logger="core.bootstrap")
    crippled = build_core(config, clock)
    try:
        assert crippled.analysis is None
        attempt = crippled.attempts.start_attempt(exam.exam_id, "C-9", "Cy Park")
        recorded = crippled.snapshots.record_snapshot(attempt.attempt_id, new_snapshot_id(),
                                                      one_face_jpeg())
        assert recorded.is_new
    finally:
        crippled.close()
    assert "frame analysis is off: the face model" in caplog.text
    assert "reinstall proctor-console" in caplog.text


def test_an_unreadable_face_model_is_reported_with_what_to_do(tmp_path, monkeypatch):
    broken = tmp_path / "yunet.onnx"
    broken.write_bytes(b"not an onnx model")
    with pytest.raises(inspection.AnalysisUnavailable, match="reinstall proctor-console"):
        inspection.load_face_detector(broken)


def count_inspections(analysis, monkeypatch) -> threading.Semaphore:
    """A semaphore released once for every frame ``analysis`` has inspected."""
    inspected = threading.Semaphore(0)
    inspect = analysis._inspect

    def counted_inspect(*args):
        try:
            return inspect(*args)
        finally:
            inspected.release()

    monkeypatch.setattr(analysis, "_inspect", counted_inspect)
    return inspected


@pytest.mark.parametrize("core_env", [{"PROCTOR_ANALYSIS": "1", "PROCTOR_ANALYSIS_WORKERS": "1"}])
def test_the_analysis_goes_on_while_its_results_wait_for_their_write(
    core, attempt, clock, monkeypatch
):
    analysis, record = core.analysis, core.snapshots.record_analyses
    writes: list[int] = []
    writing, may_write = threading.Event(), threading.Event()

    def slow_record(results):  # the writers' turn is long in coming (uploads hold it)
        writes.append(len(results))
        writing.set()
        assert may_write.wait(30)
        return record(results)

    monkeypatch.setattr(core.snapshots, "record_analyses", slow_record)
    inspected = count_inspections(analysis, monkeypatch)
    analysis.start()

    def store(seed: int) -> str:
        clock.advance(INTERVAL)
        return core.snapshots.record_snapshot(
            attempt.attempt_id, new_snapshot_id(), two_faces_jpeg(seed)).snapshot.snapshot_id

    ids = [store(0)]
    assert writing.wait(30) and inspected.acquire(timeout=30)
    ids += [store(seed) for seed in (1, 2, 3)]
    # the one worker looks at the three new frames while the first frame's write still waits
    assert all(inspected.acquire(timeout=30) for _ in range(3))
    assert writes == [1]
    may_write.set()
    assert analysis.drain(timeout=30)
    assert writes == [1, 3]  # what came in meanwhile is recorded in one write
    assert face_counts(core, ids) == [2, 2, 2, 2]


@pytest.mark.parametrize("waiting", ["uploads queue for the writer", "the serving loop is late"])
@pytest.mark.parametrize("at_most", [30.0, 0.2])
def test_the_analysis_gives_way_while_requests_wait_but_not_for_ever(
    core, attempt, clock, monkeypatch, at_most, waiting
):
    # At 1,000 kiosks the analysis went on while uploads waited seconds for the writer and
    # timed out, and while new TLS connections waited for the event loop: its work is what they
    # waited for. It waits while the oldest upload not stored has waited over
    # GIVE_WAY_AFTER_SECONDS or the serving loop is over GIVE_WAY_LOOP_LATE_SECONDS late, at
    # most GIVE_WAY_AT_MOST_SECONDS a frame.
    monkeypatch.setattr(pool, "GIVE_WAY_AT_MOST_SECONDS", at_most)
    seconds = [10.0]  # how long the requests have waited
    if waiting == "uploads queue for the writer":
        monkeypatch.setattr(core.snapshots, "oldest_upload_wait", lambda: seconds[0])
    else:
        monkeypatch.setattr(core.serving_loop, "lateness", lambda: seconds[0])
    inspected = count_inspections(core.analysis, monkeypatch)
    core.analysis.start()
    clock.advance(INTERVAL)
    stored = core.snapshots.record_snapshot(attempt.attempt_id, new_snapshot_id(),
                                            two_faces_jpeg(0)).snapshot.snapshot_id
    if at_most > 1:
        assert not inspected.acquire(timeout=1.0), f"analysed while {waiting}"
        seconds[0] = 0.0  # they caught up
    assert inspected.acquire(timeout=20), "the frame is analysed"
    assert core.analysis.drain(timeout=30)
    assert face_counts(core, [stored]) == [2]


def test_a_frame_just_stored_reaches_the_analysis_as_its_row_says_without_a_read(
    core, attempt, clock
):
    clock.advance(INTERVAL)
    stored = core.snapshots.record_snapshot(attempt.attempt_id, new_snapshot_id(),
                                            one_face_jpeg(), captured_at=clock.now())
    snapshot_id = stored.snapshot.snapshot_id
    statements: list[str] = []

    def count(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    sqlalchemy.event.listen(core.engine, "before_cursor_execute", count)
    try:
        from_the_write = core.snapshots.analysis_input(snapshot_id)
        assert statements == []
        from_the_row = core.snapshots.analysis_input(snapshot_id)  # asked again: read
        assert any("FROM snapshots" in statement for statement in statements)
    finally:
        sqlalchemy.event.remove(core.engine, "before_cursor_execute", count)
    assert from_the_write == from_the_row
    assert from_the_write.session_id == attempt.proctor_session_id
    assert from_the_write.path.read_bytes() == core.snapshots.read_image(snapshot_id)


def test_each_analysis_thread_has_its_own_face_detector(core):
    analysis = core.analysis
    detectors: dict[str, object] = {}

    def take(name: str) -> None:
        detectors[name] = analysis._detector()
        assert analysis._detector() is detectors[name]  # kept for the thread's next frames

    threads = [threading.Thread(target=take, args=(f"worker-{i}",)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    take("caller")
    assert len({id(detector) for detector in detectors.values()}) == 3


@pytest.mark.parametrize("core_env", [{"PROCTOR_ANALYSIS": "1", "PROCTOR_ANALYSIS_PROCESSES": "1"}])
def test_frames_inspected_in_a_worker_process_make_the_same_events(core, attempt, clock):
    ids: list[str] = []
    # One at a time: while the worker process starts, waiting frames would be looked at
    # newest first (a center that is behind), and the frozen frame would have no reference.
    for frame in (one_face_jpeg(1), two_faces_jpeg(2), two_faces_jpeg(2)):
        ids += upload(core, attempt, clock, frame)
    assert core.analysis.process_count == 1
    assert face_counts(core, ids) == [1, 2, 2]
    assert [core.snapshots.get_snapshot(i).analysis for i in ids] == [
        None, "multiple_faces", "frozen,multiple_faces"]
    assert [e.type for e in analysis_events(core, attempt)] == ["multiple_faces",
                                                                 "camera_blocked"]

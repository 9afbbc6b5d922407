"""The kiosk's pieces, each on its own: the worker thread lifecycle, the exam clock, the warning
desk, focus watching, handing in, the camera link, the upload link and joining (the last three
against a real spool and a real server)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from console.kiosk.api_worker import ApiWorker
from console.kiosk.camera.camera_link import CameraLink
from console.kiosk.exam.exam_clock import ExamClock
from console.kiosk.exam.focus_watch import FocusWatch
from console.kiosk.exam.submit_flow import SubmitFlow
from console.kiosk.exam.warning_desk import WarningDesk
from console.kiosk.joining.join_flow import JoinFlow
from console.kiosk.joining.readiness_check import ReadinessCheck, ReadinessRequest
from console.kiosk.kiosk_settings import KioskSettings
from console.kiosk.thread_worker import ThreadWorker
from console.kiosk.uploads.upload_link import UploadLink
from console.kiosk.uploads.upload_spool import UploadSpool
from core.client import AttemptState, WarningDTO
from core.domain.lifecycle import remaining_seconds
from tests.console.kiosk.kiosk_support import FAST, FakeFrameSource, event_types
from tests.helpers import jpeg_bytes

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)


def attempt_state(deadline_at: datetime, status: str = "in_progress", remaining: int = 0,
                  warnings: tuple[WarningDTO, ...] = ()) -> AttemptState:
    return AttemptState(
        attempt_id="a-1", status=status, started_at=T0, deadline_at=deadline_at, ended_at=None,
        remaining_seconds=remaining, proctor_session_status="active", warnings=warnings,
        exam_id="e-1", exam_title="Algebra final", candidate_ref="C-1", candidate_name="Ann Lee",
        snapshot_interval_seconds=30, proctor_session_id="s-1")


class FakeTime:
    def __init__(self) -> None:
        self.monotonic_now = 1000.0
        self.wall_now = T0

    def monotonic(self) -> float:
        return self.monotonic_now

    def wall(self) -> datetime:
        return self.wall_now

    def advance(self, seconds: float) -> None:
        self.monotonic_now += seconds
        self.wall_now += timedelta(seconds=seconds)


# ---- ThreadWorker --------------------------------------------------------------------------------
class Recorder(ThreadWorker):
    thread_name = "test-worker"

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, bool]] = []  # hook, ran on the GUI thread

    def _note(self, hook: str) -> None:
        self.calls.append((hook, threading.current_thread() is threading.main_thread()))

    def started(self) -> None:
        self._note("started")

    def stop_requested(self) -> None:
        self._note("stop_requested")

    def stopping(self) -> None:
        self._note("stopping")

    def stopped(self) -> None:
        self._note("stopped")


def test_a_thread_worker_runs_on_its_own_named_thread_and_stops_in_order(qtbot):
    worker = Recorder()
    thread = worker.run_on_own_thread()
    qtbot.waitUntil(lambda: ("started", False) in worker.calls, timeout=3000)
    assert worker.thread() is thread and thread.objectName() == "test-worker"
    assert worker.is_running

    worker.shutdown()

    assert not thread.isRunning() and not worker.is_running
    assert worker.calls == [("started", False), ("stop_requested", True), ("stopping", False),
                            ("stopped", True)]


def test_a_thread_worker_that_never_ran_still_releases_what_it_holds():
    worker = Recorder()
    worker.shutdown()
    assert worker.calls == [("stop_requested", True), ("stopped", True)]


# ---- ExamClock -----------------------------------------------------------------------------------
def test_the_clock_shows_the_cores_rule_for_the_kiosks_now_as_it_ticks(qtbot):
    fake = FakeTime()
    clock = ExamClock(monotonic=fake.monotonic, wall=fake.wall)
    attempt = attempt_state(T0 + timedelta(seconds=90, milliseconds=400))
    clock.start(attempt)
    for step in (0.0, 0.3, 0.7, 12.25, 60.0, 17.0, 0.4, 5.0):
        fake.advance(step)
        clock.tick()
        assert clock.seconds_left == remaining_seconds(attempt.status, attempt.deadline_at,
                                                       fake.wall_now)
    assert clock.seconds_left == 0


def test_a_wall_clock_jump_on_the_kiosk_does_not_move_the_time_left(qtbot):
    fake = FakeTime()
    clock = ExamClock(monotonic=fake.monotonic, wall=fake.wall)
    clock.start(attempt_state(T0 + timedelta(minutes=30)))
    fake.advance(10)
    fake.wall_now += timedelta(hours=1)  # someone sets the kiosk's clock an hour ahead
    with qtbot.waitSignal(clock.ticked) as ticked:
        clock.tick()
    assert ticked.args == [30 * 60 - 10]


def test_a_heartbeat_moves_the_kiosks_now_just_enough_to_agree_with_the_server(qtbot):
    fake = FakeTime()
    clock = ExamClock(monotonic=fake.monotonic, wall=fake.wall)
    deadline = T0 + timedelta(minutes=10)
    clock.start(attempt_state(deadline))
    assert clock.seconds_left == 600
    # The kiosk's clock was 42 s behind the server's: the server says 558 s left, not 600.
    clock.update(attempt_state(deadline, remaining=558), server_seconds_left=558)
    clock.tick()
    assert clock.seconds_left == 558
    fake.advance(8)
    clock.tick()
    assert clock.seconds_left == 550
    # A server that agrees changes nothing.
    clock.update(attempt_state(deadline, remaining=550), server_seconds_left=550)
    clock.tick()
    assert clock.seconds_left == 550 == remaining_seconds("in_progress", deadline, clock.now())


def test_the_clock_says_when_the_time_has_run_out(qtbot):
    fake = FakeTime()
    clock = ExamClock(monotonic=fake.monotonic, wall=fake.wall)
    clock.start(attempt_state(T0 + timedelta(seconds=2)))
    fake.advance(2)
    with qtbot.waitSignal(clock.ran_out, timeout=1000):
        clock.tick()
    assert clock.seconds_left == 0


# ---- WarningDesk ---------------------------------------------------------------------------------
def warning(warning_id: str, message: str, acknowledged: bool = False) -> WarningDTO:
    return WarningDTO(warning_id, message, T0, T0 if acknowledged else None)


def test_warnings_are_shown_one_at_a_time_each_once(qtbot):
    desk = WarningDesk()
    shown: list[tuple[str, str]] = []
    desk.warning_shown.connect(lambda *args: shown.append(args))
    first, second = warning("w1", "Face the camera."), warning("w2", "No phones.")
    desk.take([first, second])
    desk.take([first, second])  # the next heartbeat brings the same two
    assert shown == [("w1", "Face the camera.")]
    desk.acknowledge("w1")
    assert shown == [("w1", "Face the camera."), ("w2", "No phones.")]
    assert desk.current == ("w2", "No phones.")


def test_an_acknowledgement_is_sent_again_until_the_server_has_it(qtbot):
    desk = WarningDesk()
    sent: list[str] = []
    desk.ack_requested.connect(sent.append)
    desk.take([warning("w1", "Face the camera.")])
    desk.acknowledge("w1")
    desk.take([warning("w1", "Face the camera.")])  # the server is still waiting for it
    assert sent == ["w1", "w1"]
    desk.take([warning("w1", "Face the camera.", acknowledged=True)])
    assert sent == ["w1", "w1"]


def test_nothing_is_shown_after_the_exam_ended(qtbot):
    desk = WarningDesk()
    desk.close()
    with qtbot.assertNotEmitted(desk.warning_shown):
        desk.take([warning("w1", "Face the camera.")])


# ---- FocusWatch ----------------------------------------------------------------------------------
def test_leaving_the_window_for_longer_than_a_blink_is_reported_with_its_start(qtbot):
    watch = FocusWatch(debounce_seconds=0.1)
    app = QApplication.instance()
    watch.start()
    try:
        before = datetime.now(UTC)
        with qtbot.waitSignal(watch.focus_lost, timeout=2000) as lost:
            app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
        assert before <= lost.args[0] <= datetime.now(UTC)
        with qtbot.waitSignal(watch.focus_regained, timeout=2000) as regained:
            app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
        assert regained.args[0] >= 0.09  # the debounce (coarse timers may fire 5 % early)
    finally:
        watch.stop()


def test_a_blink_out_of_the_window_is_not_reported(qtbot):
    watch = FocusWatch(debounce_seconds=0.3)
    app = QApplication.instance()
    watch.start()
    try:
        with qtbot.assertNotEmitted(watch.focus_lost, wait=500):
            app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
            app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
        assert not watch.is_away and not watch.is_debouncing
    finally:
        watch.stop()


# ---- SubmitFlow ----------------------------------------------------------------------------------
def test_handing_in_waits_for_the_last_snapshots_then_sends(qtbot):
    flow = SubmitFlow(flush_seconds=5)
    waiting = [2]
    QTimer.singleShot(300, lambda: waiting.__setitem__(0, 0))  # the uploads get through
    with qtbot.waitSignal(flow.send_requested, timeout=3000):
        assert flow.submit(lambda: waiting[0], can_wait=True)
        assert flow.is_waiting_for_uploads
    assert flow.is_submitting and not flow.is_waiting_for_uploads
    assert not flow.submit(lambda: 0, can_wait=True)  # one hand-in at a time


def test_handing_in_while_the_server_is_away_does_not_wait(qtbot):
    flow = SubmitFlow(flush_seconds=5)
    with qtbot.waitSignal(flow.send_requested, timeout=100):
        flow.submit(lambda: 3, can_wait=False)
    flow.finished()
    assert not flow.is_submitting


def test_handing_in_gives_up_waiting_after_the_flush_time(qtbot):
    flow = SubmitFlow(flush_seconds=0.3)
    with qtbot.waitSignal(flow.send_requested, timeout=2000):
        flow.submit(lambda: 1, can_wait=True)


# ---- CameraLink ----------------------------------------------------------------------------------
@pytest.fixture
def spool(tmp_path) -> UploadSpool:
    return UploadSpool(tmp_path / "spool", "attempt-1")


def test_the_camera_link_takes_a_first_snapshot_soon_after_the_first_frame(qtbot, spool):
    camera = CameraLink(FakeFrameSource(), spool, FAST, interval_seconds=30)
    try:
        with qtbot.waitSignal(camera.snapshot_spooled, timeout=5000) as spooled:
            camera.start((160, 120))
        assert camera.is_live and camera.camera_error is None and camera.is_scheduled
        assert [s.snapshot_id for s in spool.pending_snapshots()] == [spooled.args[0]]
    finally:
        camera.stop()
    assert not camera.worker.is_running and not camera.is_scheduled


def test_a_camera_that_comes_back_is_reported_denied_once_then_restored(qtbot, spool):
    source = FakeFrameSource(is_openable=False)
    camera = CameraLink(source, spool, FAST, interval_seconds=30)
    events: list[tuple] = []
    camera.event_happened.connect(lambda *args: events.append(args))
    try:
        with qtbot.waitSignal(camera.changed, timeout=5000):
            camera.start((160, 120))
        assert camera.camera_error == "The test camera refused to open."
        source.is_openable = True
        with qtbot.waitSignal(camera.toast_requested, timeout=5000) as toast:
            camera.retry()
        assert toast.args == ["The camera works again."]
    finally:
        camera.stop()
    # The fake's own sentence has no template, so no code; "works again" is the kiosk's.
    assert events == [("camera_denied", "The test camera refused to open.", None, None),
                      ("camera_restored", "The test camera works again.",
                       "kiosk_camera_works_again", {"camera": "test camera"})]


# ---- UploadLink ----------------------------------------------------------------------------------
def test_the_upload_link_delivers_events_and_snapshots_and_counts_only_what_was_stored(
        qtbot, server, kiosk_exam, tmp_path):
    with server.kiosk() as kiosk:
        started = kiosk.start_attempt(kiosk_exam.exam_id, "C-7", "Bo Chen")
    link = UploadLink(tmp_path / "spool", started.attempt_id, server.url, started.token, FAST)
    try:
        link.start()
        with qtbot.waitSignal(link.event_delivered, timeout=5000) as delivered:
            link.record_event("focus_lost", "The exam window lost focus.")
        assert delivered.args[1] == "focus_lost"
        assert "focus_lost" in event_types(server.core, started.proctor_session_id)

        item = link.spool.add_snapshot(jpeg_bytes())
        with qtbot.waitSignal(link.snapshot_uploaded, timeout=5000) as uploaded:
            link.snapshot_spooled(item.snapshot_id, item.captured_at.isoformat())
        assert uploaded.args == [item.snapshot_id]
        assert (link.uploaded_count, link.pending_snapshots) == (1, 0)
        assert link.last_uploaded_at is not None
    finally:
        link.stop()
    assert not link.worker.is_running



# ---- JoinFlow ------------------------------------------------------------------------------------
def checked_join_flow(api_worker, tmp_path) -> JoinFlow:
    """A JoinFlow whose readiness check really runs (test camera, the spool under tmp_path),
    here on the GUI thread, as the controller runs it on its own."""
    flow = JoinFlow(api_worker, KioskSettings(spool_dir=tmp_path), FAST)
    check = ReadinessCheck(FAST.readiness_camera_seconds, FAST.request_timeout_seconds)

    def run(url: str, digits: str, key: str, exam_id: str) -> None:
        flow.take_readiness(check.run(ReadinessRequest(
            url, digits, key, exam_id, FakeFrameSource(), "synthetic", True, tmp_path)))

    flow.readiness_requested.connect(run)
    return flow


@pytest.fixture
def api_worker():
    worker = ApiWorker(timeout_seconds=3)
    worker.run_on_own_thread()
    yield worker
    worker.shutdown()


def test_joining_says_what_is_missing_before_asking_the_server(qtbot, api_worker, tmp_path):
    flow = JoinFlow(api_worker, KioskSettings(spool_dir=tmp_path), FAST)
    with qtbot.waitSignal(flow.join_failed) as failed:
        assert not flow.join("exam-server:8765", "key", " ", "C-1", "")
    assert failed.args == ["Enter the exam and your full name to start."]
    with qtbot.waitSignal(flow.join_failed) as failed:
        assert not flow.join("ftp://exam-server", "key", "e-1", "C-1", "Ann Lee")
    assert "is not a server address" in failed.args[0]
    assert not flow.is_joining and flow.attempt is None


def test_joining_starts_the_attempt_once_and_remembers_who_joined(
        qtbot, api_worker, server, kiosk_exam, tmp_path):
    flow = checked_join_flow(api_worker, tmp_path)
    key = server.core.config.kiosk_key
    with qtbot.waitSignal(flow.joined, timeout=5000) as joined:
        assert flow.join(server.url, f" {key} ", kiosk_exam.exam_id, " C-9 ", "Ann Lee")
        assert not flow.join(server.url, key, kiosk_exam.exam_id, "C-9", "Ann Lee")  # busy
    attempt = joined.args[0]
    assert attempt is flow.attempt and attempt.exam_title == "Algebra final"
    assert (flow.candidate_ref, flow.kiosk_key, flow.server_url) == ("C-9", key, server.url)
    assert not flow.join(server.url, key, kiosk_exam.exam_id, "C-9", "Ann Lee")  # joined


def test_a_wrong_kiosk_key_is_explained(qtbot, api_worker, server, kiosk_exam, tmp_path):
    flow = checked_join_flow(api_worker, tmp_path)
    api_worker.request_failed.connect(flow.request_failed)
    with qtbot.waitSignal(flow.join_failed, timeout=5000) as failed:
        flow.join(server.url, "not-the-key", kiosk_exam.exam_id, "C-9", "Ann Lee")
    assert failed.args == ["Not ready, so the exam has not started. The server did not accept "
                           "this kiosk key. What to do is on the left; then press Start exam "
                           "again."]

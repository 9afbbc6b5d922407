"""KioskController: the kiosk's behaviour, apart from its widgets.

It joins (lists exams, starts or resumes the attempt), then runs the exam: heartbeat and local
timer, camera and snapshot schedule, uploads through the spool, proctor warnings, focus
signals, submit and the end of the exam. The window only shows what this object says; tests
drive it through the window like a candidate would, against a real server.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import UTC, datetime

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QImage

from console.candidate import api_worker as requests
from console.candidate.api_worker import UNREACHABLE, ApiWorker
from console.candidate.camera_worker import CameraWorker
from console.candidate.frame_source import FrameSource, frame_source_for
from console.candidate.kiosk_settings import KioskSettings, SettingsError, normalize_server_url
from console.candidate.kiosk_timings import KioskTimings
from console.candidate.upload_spool import UploadSpool
from console.candidate.upload_worker import UploadWorker
from core.client import ProctorClient

log = logging.getLogger(__name__)

IN_PROGRESS = "in_progress"
END_TEXTS = {
    "submitted": ("Your exam was submitted",
                  "Your answers are saved. You may now leave quietly."),
    "expired": ("Time is up",
                "The exam time has ended and your exam was handed in automatically. "
                "Your answers are saved."),
    "terminated": ("Your exam was ended by the proctor",
                   "Please stay seated and speak to the invigilator."),
}


class KioskController(QObject):
    # joining
    exams_loaded = Signal(list)
    join_failed = Signal(str)
    join_retry_scheduled = Signal(int)  # seconds until a provisioned kiosk tries again
    exam_started = Signal()
    # the running exam
    clock_ticked = Signal(int)  # seconds left, ticking locally between heartbeats
    preview_updated = Signal(QImage)
    state_changed = Signal()  # camera, connection, upload or counters changed: re-render
    toast_requested = Signal(str)
    warning_shown = Signal(str, str)  # warning_id, message
    snapshot_captured = Signal(str)  # written to the spool, not yet sent
    snapshot_uploaded = Signal(str)  # the server answered 2xx
    event_delivered = Signal(str, str)  # event_id, type
    submit_failed = Signal(str)
    exam_ended = Signal(str)  # attempt status

    def __init__(self, settings: KioskSettings, timings: KioskTimings | None = None,
                 frame_source: FrameSource | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.timings = timings or KioskTimings()
        self.frame_source = frame_source
        self._api = ApiWorker(self.timings.request_timeout_seconds)
        self._api.exams_listed.connect(self._on_exams_listed)
        self._api.attempt_started.connect(self._on_attempt_started)
        self._api.heartbeat_received.connect(self._on_heartbeat)
        self._api.warning_acknowledged.connect(self._on_warning_acknowledged)
        self._api.attempt_submitted.connect(self._on_submitted)
        self._api.request_failed.connect(self._on_request_failed)
        self._api.run_on_own_thread()

        # joining
        self.server_url: str | None = None
        self.kiosk_key: str | None = None
        self._join_values: tuple[str, str, str, str, str] | None = None
        self.is_joining = False
        self._join_retry_timer = self._timer(self.timings.join_retry_seconds, self._retry_join,
                                             single=True)
        # the attempt
        self.attempt: dict | None = None
        self.attempt_id: str | None = None
        self.token: str | None = None
        self.exam_title = ""
        self.candidate_ref = ""
        self.candidate_name = ""
        self.is_proctored = False
        self.snapshot_interval_seconds = 30.0
        self.spool: UploadSpool | None = None
        self.camera: CameraWorker | None = None
        self.uploader: UploadWorker | None = None
        # state the window shows
        self.remaining_seconds: int | None = None
        self.deadline_at: datetime | None = None
        self.camera_error: str | None = None
        self.is_camera_live = False
        self.is_connection_lost = False
        self.connection_message = ""
        self.upload_error: str | None = None
        self.pending_snapshots = 0
        self.uploaded_count = 0
        self.last_uploaded_at: datetime | None = None
        self.is_submitting = False
        self.ended_status: str | None = None
        self.end_title = ""
        self.end_text = ""
        self.ended_at: datetime | None = None
        self.current_warning: tuple[str, str] | None = None
        # internals
        self._deadline_monotonic: float | None = None
        self._is_heartbeat_pending = False
        self._warning_queue: list[tuple[str, str]] = []
        self._seen_warning_ids: set[str] = set()
        self._unsent_acks: set[str] = set()
        self._is_camera_denied_sent = False
        self._is_focus_lost = False
        self._focus_lost_monotonic: float | None = None
        self._focus_lost_wall_at: datetime | None = None
        self._submit_wait_until = 0.0
        self._heartbeat_timer = self._timer(self.timings.heartbeat_seconds, self._heartbeat)
        self._tick_timer = self._timer(1.0, self._tick)
        self._snapshot_timer = self._timer(30.0, self.capture_snapshot)
        self._first_snapshot_timer = self._timer(self.timings.first_snapshot_delay_seconds,
                                                 self.capture_snapshot, single=True)
        self._focus_timer = self._timer(self.timings.focus_debounce_seconds, self._focus_lost,
                                        single=True)
        self._submit_wait_timer = self._timer(0.2, self._submit_when_flushed)
        self._is_app_state_connected = False
        self._preview_size = (400, 300)

    # ---- joining -------------------------------------------------------------------------------
    def load_exams(self, server_text: str, kiosk_key: str) -> bool:
        """Ask the server for its exams; False (and ``join_failed``) when the input is unusable."""
        try:
            url = normalize_server_url(server_text)
        except SettingsError as exc:
            self.join_failed.emit(str(exc))
            return False
        if not kiosk_key.strip():
            self.join_failed.emit("Enter the kiosk key (the invigilator has it).")
            return False
        self._api.list_exams_requested.emit(url, kiosk_key.strip())
        return True

    def join(self, server_text: str, kiosk_key: str, exam_id: str, candidate_ref: str,
             candidate_name: str) -> bool:
        """Start (or resume) the attempt; False (and ``join_failed``) when input is missing."""
        if self.attempt is not None or self.is_joining:
            return False
        try:
            url = normalize_server_url(server_text)
        except SettingsError as exc:
            self.join_failed.emit(str(exc))
            return False
        missing = [label for label, value in (
            ("the kiosk key", kiosk_key), ("the exam", exam_id),
            ("your candidate ID", candidate_ref), ("your full name", candidate_name),
        ) if not value.strip()]
        if missing:
            self.join_failed.emit(f"Enter {_join_words(missing)} to start.")
            return False
        self._join_values = (url, kiosk_key.strip(), exam_id.strip(), candidate_ref.strip(),
                             candidate_name.strip())
        self.is_joining = True
        self._api.start_requested.emit(*self._join_values)
        return True

    def join_provisioned(self) -> bool:
        s = self.settings
        return self.join(s.server_url or "", s.kiosk_key or "", s.exam_id or "",
                         s.candidate_ref or "", s.candidate_name or "")

    @Slot()
    def _retry_join(self) -> None:
        if self._join_values is not None and self.attempt is None and not self.is_joining:
            self.is_joining = True
            self._api.start_requested.emit(*self._join_values)

    @Slot(str, list)
    def _on_exams_listed(self, server_url: str, exams: list) -> None:
        self.server_url = server_url
        self.exams_loaded.emit(exams)

    @Slot(dict)
    def _on_attempt_started(self, attempt: dict) -> None:
        self.is_joining = False
        if self.attempt is not None or self._join_values is None:
            return
        url, key, _exam_id, _ref, _name = self._join_values
        self.server_url, self.kiosk_key = url, key
        self.attempt = attempt
        self.attempt_id = str(attempt["attempt_id"])
        self.token = str(attempt["token"])
        self.exam_title = str(attempt.get("exam_title") or "")
        self.candidate_ref, self.candidate_name = _ref, _name
        self.is_proctored = attempt.get("proctor_session_id") is not None
        interval = self.timings.snapshot_interval_seconds or attempt.get(
            "snapshot_interval_seconds") or 30
        self.snapshot_interval_seconds = float(interval)
        self._set_deadline_from(str(attempt["deadline_at"]))
        log.info("attempt %s started for %s (proctored: %s)", self.attempt_id, _ref,
                 self.is_proctored)
        if self.is_proctored:
            self._start_capture()
        self._snapshot_timer.setInterval(int(self.snapshot_interval_seconds * 1000))
        self._heartbeat_timer.start()
        self._tick_timer.start()
        self._connect_app_state()
        self._heartbeat()
        self.exam_started.emit()
        self._tick()

    def _start_capture(self) -> None:
        assert self.attempt_id and self.token and self.server_url
        self.spool = UploadSpool(self.settings.spool_dir, self.attempt_id)
        self.pending_snapshots = self.spool.pending_snapshot_count()
        if self.pending_snapshots or self.spool.pending_event_count():
            log.info("%d snapshot(s) and %d event(s) from before are waiting to be sent",
                     self.pending_snapshots, self.spool.pending_event_count())
        client = ProctorClient(self.server_url, self.token,
                               timeout=self.timings.request_timeout_seconds)
        uploader = UploadWorker(client, self.attempt_id, self.spool,
                                self.timings.retry_backoff_seconds,
                                self.timings.failing_retry_seconds)
        uploader.snapshot_uploaded.connect(self._on_snapshot_uploaded)
        uploader.event_delivered.connect(self._on_event_delivered)
        uploader.upload_retry_scheduled.connect(self._on_upload_retry_scheduled)
        uploader.retries_exhausted.connect(self._on_retries_exhausted)
        uploader.uploads_recovered.connect(self._on_uploads_recovered)
        uploader.item_dropped.connect(self._on_item_dropped)
        uploader.attempt_ended.connect(self._on_upload_attempt_ended)
        uploader.server_reachability_changed.connect(self._on_reachability)
        uploader.queue_changed.connect(self._on_queue_changed)
        self.uploader = uploader
        if self.spool.take_closed_note():
            self._record_event("focus_regained", "The kiosk was started again after being "
                                                 "closed during the exam.")
        uploader.run_on_own_thread()

        source = self.frame_source or frame_source_for(self.settings.camera)
        self.frame_source = source
        camera = CameraWorker(source, self.spool, self.timings.preview_fps,
                              self.timings.camera_stall_seconds)
        camera.frames_started.connect(self._on_frames_started)
        camera.camera_failed.connect(self._on_camera_failed)
        camera.preview_updated.connect(self.preview_updated)  # relayed by Qt, no Python hop
        camera.preview_size = self._preview_size
        camera.snapshot_spooled.connect(self._on_snapshot_spooled)
        camera.snapshot_skipped.connect(self._on_snapshot_skipped)
        self.camera = camera
        camera.run_on_own_thread()

    # ---- requests failing ----------------------------------------------------------------------
    @Slot(str, int, str)
    def _on_request_failed(self, kind: str, status: int, message: str) -> None:
        if kind in (requests.LIST_EXAMS, requests.START):
            self._join_failed(kind, status, message)
        elif kind == requests.HEARTBEAT:
            self._is_heartbeat_pending = False
            if self.ended_status:
                return
            if status == UNREACHABLE:
                self._set_connection(False, "")
            elif status == 404:
                self._end("unknown", "This exam attempt is unknown to the server",
                          "The server no longer has this attempt. Please speak to the "
                          "invigilator.")
            else:
                self._set_connection(False, f"The server refused the kiosk's request "
                                            f"({status}: {message})")
        elif kind == requests.ACKNOWLEDGE:
            if status == UNREACHABLE:
                self._set_connection(False, "")
        elif kind == requests.SUBMIT:
            self._submit_failed(status, message)

    def _join_failed(self, kind: str, status: int, message: str) -> None:
        self.is_joining = False
        url = self._join_values[0] if (kind == requests.START and self._join_values) else ""
        if status == UNREACHABLE:
            text = (f"The exam server{' at ' + url if url else ''} cannot be reached. Check the "
                    "address and that the proctor console is running, then try again.")
        elif status in (401, 403):
            text = "The server did not accept this kiosk key. Check the key with the invigilator."
        elif status == 404 and kind == requests.START:
            text = "The server has no such exam. Choose the exam again or ask the invigilator."
        else:
            text = message
        self.join_failed.emit(text)
        is_transient = status == UNREACHABLE or status >= 500
        if kind == requests.START and self.settings.is_provisioned and is_transient:
            self._join_retry_timer.start()
            self.join_retry_scheduled.emit(math.ceil(self.timings.join_retry_seconds))

    # ---- heartbeat and timer -------------------------------------------------------------------
    @Slot()
    def _heartbeat(self) -> None:
        if self.ended_status or self._is_heartbeat_pending or not self.attempt_id:
            return
        self._is_heartbeat_pending = True
        self._api.heartbeat_requested.emit(self.server_url, self.attempt_id, self.token)

    @Slot(dict)
    def _on_heartbeat(self, state: dict) -> None:
        self._is_heartbeat_pending = False
        if self.ended_status:
            return
        self._set_connection(True)
        status = str(state.get("status"))
        if status != IN_PROGRESS:
            self._end(status)
            return
        remaining = state.get("remaining_seconds")
        if remaining is not None:
            self._deadline_monotonic = time.monotonic() + float(remaining)
        if state.get("deadline_at"):
            self.deadline_at = _parse_time(str(state["deadline_at"]))
        still_open: set[str] = set()
        for warning in state.get("warnings") or []:
            warning_id = str(warning.get("warning_id"))
            if warning.get("acknowledged_at") is not None:
                continue
            still_open.add(warning_id)
            if warning_id not in self._seen_warning_ids:
                self._seen_warning_ids.add(warning_id)
                self._warning_queue.append((warning_id, str(warning.get("message", ""))))
        # Acknowledgements the server has not recorded yet are sent again; the server's list
        # says which are done (or unknown to it) and need nothing more.
        self._unsent_acks &= still_open
        for warning_id in sorted(self._unsent_acks):
            self._send_ack(warning_id)
        self._show_next_warning()
        self._tick()

    def _set_deadline_from(self, deadline_text: str) -> None:
        self.deadline_at = _parse_time(deadline_text)
        remaining = (self.deadline_at - datetime.now(UTC)).total_seconds()
        self._deadline_monotonic = time.monotonic() + max(0.0, remaining)

    @Slot()
    def _tick(self) -> None:
        if self.ended_status or self._deadline_monotonic is None:
            return
        remaining = max(0, math.ceil(self._deadline_monotonic - time.monotonic()))
        self.remaining_seconds = remaining
        self.clock_ticked.emit(remaining)
        if remaining == 0:
            self._heartbeat()  # the server ends the attempt when it is touched after the deadline

    def _set_connection(self, is_ok: bool, message: str = "") -> None:
        was_lost = self.is_connection_lost
        self.is_connection_lost = not is_ok
        self.connection_message = message
        if was_lost and is_ok:
            log.info("the server answers again")
            if self.uploader is not None:
                QTimer.singleShot(0, self.uploader, self.uploader.drain_now)
        if was_lost != self.is_connection_lost or message:
            self.state_changed.emit()

    # ---- camera and snapshots ------------------------------------------------------------------
    def retry_camera(self) -> None:
        if self.camera is not None and not self.ended_status:
            QTimer.singleShot(0, self.camera, self.camera.retry)

    @Slot()
    def _on_frames_started(self) -> None:
        if self.ended_status:
            return
        self.is_camera_live = True
        if self.camera_error is not None:
            self.camera_error = None
            if self._is_camera_denied_sent:
                self._is_camera_denied_sent = False
                self._record_event("camera_restored", f"The {self._camera_name()} works again.")
            self.toast_requested.emit("The camera works again.")
        # Evidence soon after the camera starts, then at the exam's interval.
        self._first_snapshot_timer.start()
        self._snapshot_timer.start()
        self.state_changed.emit()

    @Slot(str)
    def _on_camera_failed(self, message: str) -> None:
        if self.ended_status:
            return
        self.is_camera_live = False
        self._first_snapshot_timer.stop()
        self._snapshot_timer.stop()
        is_new = self.camera_error is None
        self.camera_error = message
        if is_new:
            self._is_camera_denied_sent = True
            self._record_event("camera_denied", message)
        else:
            self.toast_requested.emit("The camera is still not available.")
        self.state_changed.emit()

    def set_preview_size(self, width: int, height: int) -> None:
        """The preview widget's picture size: the camera thread makes frames this size."""
        self._preview_size = (max(32, width), max(24, height))
        if self.camera is not None:
            self.camera.preview_size = self._preview_size

    @Slot()
    def capture_snapshot(self) -> None:
        """Take a snapshot now (the schedule calls this; so can a test or a demo)."""
        if self.camera is not None and not self.ended_status and self.is_camera_live:
            QTimer.singleShot(0, self.camera, self.camera.capture_snapshot)

    @Slot(str, str)
    def _on_snapshot_spooled(self, snapshot_id: str, captured_at: str) -> None:
        log.info("snapshot %s captured at %s", snapshot_id, captured_at)
        self.snapshot_captured.emit(snapshot_id)
        self._refresh_pending()
        if self.uploader is not None:
            QTimer.singleShot(0, self.uploader, self.uploader.drain)

    @Slot(str)
    def _on_snapshot_skipped(self, reason: str) -> None:
        log.warning("no snapshot: %s", reason)

    def _camera_name(self) -> str:
        return self.frame_source.description if self.frame_source else "camera"

    # ---- uploads -------------------------------------------------------------------------------
    @Slot(str, int)
    def _on_snapshot_uploaded(self, snapshot_id: str, _status: int) -> None:
        self.uploaded_count += 1
        self.last_uploaded_at = datetime.now(UTC)
        self._refresh_pending()
        self.snapshot_uploaded.emit(snapshot_id)

    @Slot(str, str)
    def _on_event_delivered(self, event_id: str, event_type: str) -> None:
        self.event_delivered.emit(event_id, event_type)

    @Slot(str)
    def _on_upload_retry_scheduled(self, message: str) -> None:
        if not self.ended_status:
            self.toast_requested.emit("A snapshot could not be sent. Trying again…")

    @Slot(str)
    def _on_retries_exhausted(self, message: str) -> None:
        self.upload_error = message
        self.state_changed.emit()

    @Slot()
    def _on_uploads_recovered(self) -> None:
        self.upload_error = None
        if not self.ended_status:
            self.toast_requested.emit("Snapshots are being sent again.")
        self.state_changed.emit()

    @Slot(str, str)
    def _on_item_dropped(self, item_id: str, reason: str) -> None:
        log.error("the server will never accept %s: %s", item_id, reason)
        if not self.ended_status:
            self.toast_requested.emit(f"The server refused a snapshot: {reason}")
        self._refresh_pending()

    @Slot(str)
    def _on_upload_attempt_ended(self, detail: str) -> None:
        self._refresh_pending()
        self._heartbeat()  # learn how it ended (submitted, expired, terminated)

    @Slot(bool)
    def _on_reachability(self, is_reachable: bool) -> None:
        if not self.ended_status:
            self._set_connection(is_reachable)

    @Slot(int)
    def _on_queue_changed(self, _count: int) -> None:
        self._refresh_pending()

    def _refresh_pending(self) -> None:
        count = self.spool.pending_snapshot_count() if self.spool else 0
        if count != self.pending_snapshots:
            self.pending_snapshots = count
        self.state_changed.emit()

    def _record_event(self, event_type: str, detail: str | None = None,
                      occurred_at: datetime | None = None) -> None:
        if self.spool is None or self.ended_status:
            return
        try:
            self.spool.add_event(event_type, detail=detail, occurred_at=occurred_at)
        except OSError:
            log.exception("cannot queue the %s event", event_type)
            return
        log.info("event %s queued: %s", event_type, detail or "")
        if self.uploader is not None:
            QTimer.singleShot(0, self.uploader, self.uploader.drain)

    # ---- warnings ------------------------------------------------------------------------------
    def acknowledge_warning(self, warning_id: str) -> None:
        """The candidate pressed "I understand": tell the server (again later if it is away)."""
        if self.current_warning and self.current_warning[0] == warning_id:
            self.current_warning = None
        self._unsent_acks.add(warning_id)
        self._send_ack(warning_id)
        self._show_next_warning()

    def _send_ack(self, warning_id: str) -> None:
        if self.attempt_id and not self.ended_status:
            self._api.acknowledge_requested.emit(self.server_url, self.attempt_id, self.token,
                                                 warning_id)

    @Slot(str)
    def _on_warning_acknowledged(self, warning_id: str) -> None:
        self._unsent_acks.discard(warning_id)

    def _show_next_warning(self) -> None:
        if self.current_warning is None and self._warning_queue and not self.ended_status:
            self.current_warning = self._warning_queue.pop(0)
            self.warning_shown.emit(*self.current_warning)

    # ---- focus ---------------------------------------------------------------------------------
    def _connect_app_state(self) -> None:
        app = QGuiApplication.instance()
        if app is not None and not self._is_app_state_connected:
            app.applicationStateChanged.connect(self._on_app_state)  # type: ignore[attr-defined]
            self._is_app_state_connected = True

    def _disconnect_app_state(self) -> None:
        app = QGuiApplication.instance()
        if app is not None and self._is_app_state_connected:
            app.applicationStateChanged.disconnect(self._on_app_state)  # type: ignore[attr-defined]
            self._is_app_state_connected = False

    @Slot(Qt.ApplicationState)
    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if self.ended_status or self.attempt_id is None:
            return
        if state == Qt.ApplicationState.ApplicationActive:
            if self._focus_timer.isActive():
                self._focus_timer.stop()  # a short blink is not reported
            elif self._is_focus_lost:
                self._is_focus_lost = False
                away = time.monotonic() - (self._focus_lost_monotonic or time.monotonic())
                self._record_event("focus_regained",
                                   f"Back in the exam window after {away:.0f} s.")
            self._focus_lost_monotonic = None
        elif not self._is_focus_lost and not self._focus_timer.isActive():
            self._focus_lost_monotonic = time.monotonic()
            self._focus_lost_wall_at = datetime.now(UTC)
            self._focus_timer.start()

    @Slot()
    def _focus_lost(self) -> None:
        self._is_focus_lost = True
        self._record_event("focus_lost", "The exam window lost focus.",
                           occurred_at=self._focus_lost_wall_at)

    # ---- submit --------------------------------------------------------------------------------
    def submit(self) -> None:
        """Submit (after the candidate confirmed): first give waiting snapshots a moment."""
        if self.ended_status or self.is_submitting or self.attempt_id is None:
            return
        self.is_submitting = True
        self.state_changed.emit()
        if self.pending_snapshots and not self.is_connection_lost and self.uploader is not None:
            self._submit_wait_until = time.monotonic() + self.timings.submit_flush_seconds
            QTimer.singleShot(0, self.uploader, self.uploader.drain_now)
            self._submit_wait_timer.start()
        else:
            self._send_submit()

    @Slot()
    def _submit_when_flushed(self) -> None:
        self._refresh_pending()
        if self.pending_snapshots == 0 or time.monotonic() >= self._submit_wait_until:
            self._submit_wait_timer.stop()
            self._send_submit()

    def _send_submit(self) -> None:
        self._api.submit_requested.emit(self.server_url, self.attempt_id, self.token)

    @Slot(dict)
    def _on_submitted(self, state: dict) -> None:
        self.is_submitting = False
        self._end(str(state.get("status", "submitted")))

    def _submit_failed(self, status: int, message: str) -> None:
        self.is_submitting = False
        if status == 409:
            self._heartbeat()  # it has already ended: the heartbeat says how
            return
        if status == UNREACHABLE:
            self._set_connection(False)
            text = ("The server cannot be reached, so your exam is not submitted yet. "
                    "Keep this window open and press Submit again in a moment.")
        else:
            text = f"Your exam is not submitted yet: {message} Press Submit again."
        self.submit_failed.emit(text)
        self.state_changed.emit()

    # ---- the end -------------------------------------------------------------------------------
    def _end(self, status: str, title: str | None = None, text: str | None = None) -> None:
        if self.ended_status:
            return
        self.ended_status = status
        self.ended_at = datetime.now(UTC)
        default_title, default_text = END_TEXTS.get(
            status, ("Your exam has ended", "Please speak to the invigilator."))
        self.end_title = title or default_title
        self.end_text = text or default_text
        self.remaining_seconds = 0 if status == "expired" else self.remaining_seconds
        self.current_warning = None
        self._warning_queue.clear()
        for timer in (self._heartbeat_timer, self._tick_timer, self._snapshot_timer,
                      self._first_snapshot_timer, self._focus_timer, self._submit_wait_timer):
            timer.stop()
        self._disconnect_app_state()
        self.is_camera_live = False
        if self.camera is not None:
            self.camera.shutdown()
        if self.uploader is not None:
            self.uploader.shutdown()
        if self.spool is not None:
            dropped = self.spool.clear()  # the server takes nothing for an ended attempt
            if dropped:
                log.warning("%d item(s) were still waiting when the attempt ended", dropped)
            self.pending_snapshots = 0
        log.info("exam ended: %s", status)
        self.exam_ended.emit(status)
        self.state_changed.emit()

    def shutdown(self) -> None:
        """Stop every thread (the window is closing). Waiting frames stay in the spool.

        Closing the kiosk during the exam is reported as ``focus_lost`` (sent now if the server
        answers within ``close_flush_seconds``, otherwise at the next start, which also reports
        ``focus_regained``)."""
        self._join_retry_timer.stop()
        if self.attempt_id and not self.ended_status and self.spool is not None:
            self._record_event("focus_lost", "The kiosk window was closed during the exam.")
            self.spool.note_closed()
            self._flush_events(self.timings.close_flush_seconds)
        for timer in (self._heartbeat_timer, self._tick_timer, self._snapshot_timer,
                      self._first_snapshot_timer, self._focus_timer, self._submit_wait_timer):
            timer.stop()
        self._disconnect_app_state()
        if self.camera is not None:
            self.camera.shutdown()
        if self.uploader is not None:
            self.uploader.shutdown()
        self._api.shutdown()

    # ---- helpers -------------------------------------------------------------------------------
    def _flush_events(self, seconds: float) -> None:
        """Give waiting events a short chance to reach the server (the window is closing)."""
        if self.uploader is None or self.spool is None:
            return
        QTimer.singleShot(0, self.uploader, self.uploader.drain_now)
        deadline = time.monotonic() + seconds
        while self.spool.pending_event_count() and time.monotonic() < deadline:
            QThread.msleep(20)

    def _timer(self, seconds: float, slot: object, single: bool = False) -> QTimer:
        timer = QTimer(self)
        timer.setInterval(max(1, int(seconds * 1000)))
        timer.setSingleShot(single)
        timer.timeout.connect(slot)  # type: ignore[arg-type]
        return timer


def _parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _join_words(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]

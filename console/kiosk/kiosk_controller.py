"""KioskController: the kiosk's behaviour, apart from its widgets.

It wires the pieces together and decides what happens between them: JoinFlow (join form to a
started attempt), ExamClock (time left), the heartbeat and the connection state, CameraLink
(camera and snapshot schedule), UploadLink (spool and uploads), WarningDesk (proctor warnings),
FocusWatch (leaving the window), SubmitFlow (handing in; a hand-in the center cannot take now
is kept and sent when it answers), a proctor's pause, AttemptFile (the attempt kept with the
spool, resumed after a restart), CenterFinder (centers announced on
the network, while the join form is shown), the end of the exam, and a center that no longer
proves its identity (everything that talks to it stops; snapshots stay spooled). The window
only shows what this object says; tests drive it through the window like a candidate would,
against a real server.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from console.kiosk import api_worker as requests
from console.kiosk.api_worker import UNREACHABLE, ApiWorker
from console.kiosk.camera.camera_link import CameraLink
from console.kiosk.camera.frame_source import FrameSource
from console.kiosk.camera.frame_sources import frame_source_for
from console.kiosk.event_words import EventWords, kiosk_words
from console.kiosk.exam.exam_clock import ExamClock
from console.kiosk.exam.exam_view import ExamView
from console.kiosk.exam.focus_watch import FocusWatch
from console.kiosk.exam.submit_flow import SubmitFlow
from console.kiosk.exam.warning_desk import WarningDesk
from console.kiosk.joining.center_finder import BrowseSource, CenterFinder
from console.kiosk.joining.join_flow import JoinFlow
from console.kiosk.joining.readiness_check import ReadinessCheck, ReadinessRequest
from console.kiosk.joining.readiness_worker import ReadinessWorker
from console.kiosk.kiosk_settings import KioskSettings
from console.kiosk.kiosk_timings import KioskTimings
from console.kiosk.uploads.attempt_file import AttemptFile, KeptAttempt
from console.kiosk.uploads.upload_link import UploadLink
from core.client import AttemptState, StartedAttempt, pin_for, remember_pin

log = logging.getLogger(__name__)

#: The "you may continue" notices (their title): the proctor resumed the exam, or dealt with a
#: warning.
MAY_CONTINUE_TITLE = QT_TRANSLATE_NOOP("KioskController", "You may continue")
RESUMED_NOTICE = QT_TRANSLATE_NOOP("KioskController",
                                   "The proctor resumed your exam; your time runs again.")
CLEARED_NOTICE = QT_TRANSLATE_NOOP("KioskController",
                                   "The proctor has dealt with the warning; carry on with your "
                                   "exam.")

END_TEXTS = {
    "submitted": (QT_TRANSLATE_NOOP("KioskController", "Your exam was submitted"),
                  QT_TRANSLATE_NOOP("KioskController",
                                    "Your answers are saved. You may now leave quietly.")),
    "expired": (QT_TRANSLATE_NOOP("KioskController", "Time is up"),
                QT_TRANSLATE_NOOP("KioskController",
                                  "The exam time has ended and your exam was handed in "
                                  "automatically. Your answers are saved.")),
    "terminated": (QT_TRANSLATE_NOOP("KioskController", "Your exam was ended by the proctor"),
                   QT_TRANSLATE_NOOP("KioskController",
                                     "Please stay seated and speak to the invigilator.")),
}


class KioskController(QObject):
    exam_started = Signal()
    clock_ticked = Signal(int)  # seconds left, ticking locally between heartbeats
    preview_updated = Signal(QImage)
    state_changed = Signal()  # camera, connection, upload or counters changed: re-render
    toast_requested = Signal(str)
    snapshot_captured = Signal(str)  # written to the spool, not yet sent
    snapshot_uploaded = Signal(str)  # the server answered 2xx
    event_delivered = Signal(str, str)  # event_id, type
    submit_failed = Signal(str)
    exam_ended = Signal(str)  # attempt status
    identity_changed = Signal(str)  # the center's identity changed: the sentence to show
    handed_in = Signal()  # Submit was pressed while the center was away: kept, sent later
    paused_changed = Signal()  # a proctor paused or resumed the attempt
    may_continue = Signal(str)  # a proctor resumed or dealt with a warning: the notice to show

    def __init__(self, settings: KioskSettings, timings: KioskTimings | None = None,
                 frame_source: FrameSource | None = None,
                 browse: BrowseSource | None = None,
                 wall: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.timings = timings or KioskTimings()
        self.frame_source = frame_source
        self._is_camera_given = frame_source is not None
        self._api = ApiWorker(self.timings.request_timeout_seconds)
        self.joining = JoinFlow(self._api, settings, self.timings, self)
        self.readiness = ReadinessWorker(ReadinessCheck(
            self.timings.readiness_camera_seconds, self.timings.request_timeout_seconds,
            self.timings.spool_min_free_bytes, wall))
        self.clock = ExamClock(self, wall=wall) if wall is not None else ExamClock(self)
        self.warnings = WarningDesk(self)
        self.focus = FocusWatch(self.timings.focus_debounce_seconds, self)
        self.submission = SubmitFlow(self.timings.submit_flush_seconds, self)
        self.finder = CenterFinder(self.timings, browse, self)
        self.identity_error: str | None = None
        self.camera: CameraLink | None = None
        self.uploads: UploadLink | None = None
        self.is_connection_lost = False
        self.connection_message = ""
        self.ended_status: str | None = None
        self.end_title = ""
        self.end_text = ""
        self.ended_at: datetime | None = None
        self.attempt_file = AttemptFile(settings.spool_dir)
        self.kept: KeptAttempt | None = None
        #: When the candidate pressed Submit (kept in the attempt file until the center has it).
        self.handed_in_at: datetime | None = None
        #: Handed in, but the center has not taken it yet: the page says so, uploads go on.
        self.is_handed_in = False
        self.is_paused = False
        self.paused_reason: str | None = None
        self._is_heartbeat_pending = False
        self._preview_size = (400, 300)
        self._heartbeat_timer = QTimer(self)
        self._heartbeat_timer.setInterval(max(1, int(self.timings.heartbeat_seconds * 1000)))
        self._heartbeat_timer.timeout.connect(self._heartbeat)

        self.joining.joined.connect(self._on_joined)
        self.clock.ticked.connect(self.clock_ticked)
        self.clock.ran_out.connect(self._heartbeat)  # the server ends an overdue attempt
        self.warnings.ack_requested.connect(self._send_ack)
        self.warnings.warning_cleared.connect(
            lambda _id: self.may_continue.emit(self.tr(CLEARED_NOTICE)))
        self.focus.focus_lost.connect(self._on_focus_lost)
        self.focus.focus_regained.connect(self._on_focus_regained)
        self.submission.changed.connect(self.state_changed)
        self.submission.send_requested.connect(self._send_submit)
        self._api.heartbeat_received.connect(self._on_heartbeat)
        self._api.warning_acknowledged.connect(self.warnings.acknowledged)
        self._api.attempt_submitted.connect(self._on_submitted)
        self._api.request_failed.connect(self._on_request_failed)
        self._api.identity_changed.connect(self._on_identity_changed)
        self.joining.readiness_requested.connect(self._check_readiness)
        self.readiness.checked.connect(self.joining.take_readiness)
        self.joining.identity_refused_in_check.connect(
            lambda text: self._on_identity_changed(requests.START, text))
        self._api.run_on_own_thread()
        self.readiness.run_on_own_thread()

    # ---- what the window reads -----------------------------------------------------------------
    @property
    def attempt(self) -> StartedAttempt | None:
        return self.joining.attempt

    @property
    def attempt_id(self) -> str | None:
        return self.attempt.attempt_id if self.attempt else None

    @property
    def is_exam_running(self) -> bool:
        return self.attempt is not None and self.ended_status is None

    @property
    def snapshot_interval_seconds(self) -> float:
        attempt_interval = self.attempt.snapshot_interval_seconds if self.attempt else 30
        return float(self.timings.snapshot_interval_seconds or attempt_interval or 30)

    def view(self) -> ExamView:
        a, c, u = self.attempt, self.camera, self.uploads
        return ExamView(
            exam_title=a.exam_title if a else "",
            candidate_name=self.joining.candidate_name, candidate_ref=self.joining.candidate_ref,
            seat=self.joining.seat,
            is_proctored=a.is_proctored if a else False,
            snapshot_interval_seconds=self.snapshot_interval_seconds,
            deadline_at=self.clock.deadline_at, seconds_left=self.clock.seconds_left,
            camera_error=c.camera_error if c else None, is_camera_live=bool(c and c.is_live),
            is_connection_lost=self.is_connection_lost,
            connection_message=self.connection_message,
            upload_error=u.upload_error if u else None,
            pending_snapshots=u.pending_snapshots if u else 0,
            uploaded_count=u.uploaded_count if u else 0,
            last_uploaded_at=u.last_uploaded_at if u else None,
            is_submitting=self.submission.is_submitting, is_ended=self.ended_status is not None,
            is_paused=self.is_paused)

    # ---- before the exam: the readiness check -------------------------------------------------
    def camera_source(self) -> FrameSource:
        """The camera the settings name (or the one given): checked, then captured from."""
        if self.frame_source is None:
            self.frame_source = frame_source_for(self.settings.camera)
        return self.frame_source

    @Slot(str, str, str, str)
    def _check_readiness(self, server_url: str, pin_digits: str, kiosk_key: str,
                         exam_id: str) -> None:
        self.readiness.check_requested.emit(ReadinessRequest(
            server_url, pin_digits, kiosk_key, exam_id, self.camera_source(),
            self.settings.camera, self._is_camera_given, self.settings.spool_dir))

    # ---- the exam starts (or goes on after a restart) -------------------------------------------
    def resume_kept_attempt(self) -> bool:
        """A kiosk restarted mid-attempt: resume the attempt kept with the spool (same center,
        and the same exam when the kiosk is set to one). False when there is none."""
        kept = self.attempt_file.read()
        s = self.settings
        if kept is None or (s.server_url and s.server_url != kept.server_url) or (
                s.exam_id and s.exam_id != kept.attempt.exam_id):
            return False
        if kept.fingerprint:
            remember_pin(kept.server_url, kept.fingerprint)
        self.kept = kept
        self.handed_in_at = kept.handed_in_at
        self.joining.resume(kept.server_url, kept.attempt, kept.candidate_ref,
                            kept.candidate_name, kept.seat)
        return True

    @Slot(object)
    def _on_joined(self, attempt: StartedAttempt) -> None:
        self.finder.stop()
        server_url = self.joining.server_url or ""
        if self.kept is None or self.kept.attempt.attempt_id != attempt.attempt_id:
            self.kept = KeptAttempt(server_url, pin_for(server_url), attempt,
                                    self.joining.candidate_ref, self.joining.candidate_name,
                                    self.joining.seat)
            try:
                self.attempt_file.keep(self.kept)
            except OSError:
                log.exception("the attempt cannot be kept with the spool; a restart will ask "
                              "for the candidate again")
        self.clock.start(attempt)
        if attempt.is_proctored:
            self._start_uploads(attempt)
            if self.handed_in_at is None:
                self._start_camera()
        self._heartbeat_timer.start()
        if self.handed_in_at is None:
            self.focus.start()
        self.exam_started.emit()
        if self.handed_in_at is not None:
            self._keep_handed_in()
        self._heartbeat()  # a kept hand-in goes first

    def _start_uploads(self, attempt: StartedAttempt) -> None:
        server_url = self.joining.server_url or ""
        uploads = UploadLink(self.settings.spool_dir, attempt.attempt_id, server_url,
                             attempt.token, self.timings, self)
        uploads.changed.connect(self.state_changed)
        uploads.toast_requested.connect(self._toast)
        uploads.snapshot_uploaded.connect(self.snapshot_uploaded)
        uploads.event_delivered.connect(self.event_delivered)
        uploads.attempt_ended.connect(self._heartbeat)  # learn how it ended
        uploads.reachability_changed.connect(self._on_reachability)
        uploads.identity_changed.connect(lambda text: self._on_identity_changed("upload", text))
        self.uploads = uploads
        if uploads.spool.take_closed_note():
            self._say_event("focus_regained", kiosk_words("kiosk_started_again"))
        uploads.start()

    def _start_camera(self) -> None:
        uploads = self.uploads
        assert uploads is not None
        source = self.camera_source()
        camera = CameraLink(source, uploads.spool, self.timings, self.snapshot_interval_seconds,
                            self)
        camera.changed.connect(self.state_changed)
        camera.toast_requested.connect(self._toast)
        camera.preview_updated.connect(self.preview_updated)
        camera.snapshot_spooled.connect(uploads.snapshot_spooled)
        camera.snapshot_spooled.connect(lambda snapshot_id, _at: self.snapshot_captured.emit(
            snapshot_id))
        camera.event_happened.connect(self._record_event)
        self.camera = camera
        camera.start(self._preview_size)

    # ---- heartbeat and connection --------------------------------------------------------------
    @Slot()
    def _heartbeat(self) -> None:
        if (self.ended_status or self._is_heartbeat_pending or self.attempt is None
                or self.identity_error):
            return
        if self.is_handed_in:
            # A kept hand-in goes before any other call (the center then judges it by when it
            # was pressed, also past the deadline); its answer says how the exam ended.
            self._send_kept_hand_in(can_wait=False)
            return
        self._is_heartbeat_pending = True
        self._api.heartbeat_requested.emit(self.joining.server_url, self.attempt.attempt_id,
                                           self.attempt.token)

    @Slot(object)
    def _on_heartbeat(self, state: AttemptState) -> None:
        self._is_heartbeat_pending = False
        if self.ended_status:
            return
        self._set_connection(True)
        if self.is_handed_in:  # the center answers again: the kept hand-in goes first
            self._send_kept_hand_in(can_wait=False)
            return
        if not state.is_in_progress:
            self._end(state.status)
            return
        self._set_paused(state)
        if not self.is_paused:
            self.clock.update(state, state.remaining_seconds)
            self.clock.tick()
        self.warnings.take(state.warnings)

    def _set_paused(self, state: AttemptState) -> None:
        """The proctor's pause: the countdown stands still (at the server's time left) until
        the heartbeat says ``paused`` is false again."""
        was_paused, old_reason = self.is_paused, self.paused_reason
        self.is_paused, self.paused_reason = state.paused, state.paused_reason
        if state.paused:
            self.clock.pause(state, state.remaining_seconds)
        elif was_paused:
            self.clock.resume(state, state.remaining_seconds)
        if (was_paused, old_reason) != (self.is_paused, self.paused_reason):
            log.info("attempt %s by the proctor%s", "paused" if self.is_paused else "resumed",
                     f": {self.paused_reason}" if self.paused_reason else "")
            self.paused_changed.emit()
            self.state_changed.emit()
            if was_paused and not self.is_paused:
                self.may_continue.emit(self.tr(RESUMED_NOTICE))

    @Slot(str, int, str)
    def _on_request_failed(self, kind: str, status: int, message: str) -> None:
        if kind in (requests.LIST_EXAMS, requests.START, requests.ENROL, requests.OVERRIDE):
            self.joining.request_failed(kind, status, message)
        elif kind == requests.HEARTBEAT:
            self._is_heartbeat_pending = False
            if self.ended_status:
                return
            if status == UNREACHABLE:
                self._set_connection(False, "")
            elif status == 404:
                self._end("unknown", self.tr("This exam attempt is unknown to the server"),
                          self.tr("The server no longer has this attempt. Please speak to the "
                                  "invigilator."))
            else:
                self._set_connection(False, self.tr("The server refused the kiosk's request "
                                                    "({status}: {message})")
                                     .format(status=status, message=message))
        elif kind == requests.ACKNOWLEDGE:
            if status == UNREACHABLE:
                self._set_connection(False, "")
        elif kind == requests.SUBMIT:
            self._submit_failed(status, message)

    @Slot(str, str)
    def _on_identity_changed(self, kind: str, text: str) -> None:
        """Another server answers at the center's address (or the pin was never the center's):
        nothing is sent to it. Before the exam the form can be used again (a new enrolment);
        during the exam everything that talks to the server stops and snapshots stay
        spooled."""
        if self.ended_status:
            return
        if kind in (requests.LIST_EXAMS, requests.START, requests.OVERRIDE):
            self.joining.identity_refused()
        if self.is_exam_running:
            if self.identity_error is not None:
                return
            log.error("the exam stops talking to the server: %s", text)
            self._stop_running_parts(clear_spool=False)
        self.identity_error = text
        self.identity_changed.emit(text)
        self.state_changed.emit()

    def forget_identity_error(self) -> None:
        """The join form is shown again (before the exam): a new enrolment may follow."""
        if not self.is_exam_running:
            self.identity_error = None

    @Slot(bool)
    def _on_reachability(self, is_reachable: bool) -> None:
        if not self.ended_status:
            self._set_connection(is_reachable)

    def _set_connection(self, is_ok: bool, message: str = "") -> None:
        was_lost = self.is_connection_lost
        self.is_connection_lost = not is_ok
        self.connection_message = message
        if was_lost and is_ok:
            log.info("the server answers again")
            if self.uploads is not None:
                self.uploads.drain_now()
        if was_lost != self.is_connection_lost or message:
            self.state_changed.emit()

    # ---- camera, events, warnings, focus -------------------------------------------------------
    def retry_camera(self) -> None:
        if self.camera is not None and not self.ended_status:
            self.camera.retry()

    def capture_snapshot(self) -> None:
        """Take a snapshot now (the schedule does this; so can a test or a demo)."""
        if self.camera is not None and not self.ended_status:
            self.camera.capture_snapshot()

    def set_preview_size(self, width: int, height: int) -> None:
        """The preview widget's picture size: the camera thread makes frames this size."""
        self._preview_size = (max(32, width), max(24, height))
        if self.camera is not None:
            self.camera.set_preview_size(self._preview_size)

    @Slot(str, str, object, object)
    def _record_event(self, event_type: str, detail: str | None = None,
                      detail_code: str | None = None, detail_params: dict | None = None,
                      occurred_at: datetime | None = None) -> None:
        if self.uploads is not None and not self.ended_status:
            self.uploads.record_event(event_type, detail, occurred_at, detail_code,
                                      detail_params)

    def _say_event(self, event_type: str, said: EventWords,
                   occurred_at: datetime | None = None) -> None:
        """Record one of the kiosk's sentences with its code and values."""
        self._record_event(event_type, said.detail, said.code, said.params, occurred_at)

    def _toast(self, text: str) -> None:
        """A passing sentence for the candidate, while the exam is theirs: not once it has ended
        nor once it is handed in (kept while the center is away: the upload worker still retries
        and says so, which would cover the "Handed in" page)."""
        if not self.ended_status and not self.is_handed_in:
            self.toast_requested.emit(text)

    def acknowledge_warning(self, warning_id: str) -> None:
        """The candidate pressed "I understand": tell the server (again later if it is away)."""
        self.warnings.acknowledge(warning_id)

    @Slot(str)
    def _send_ack(self, warning_id: str) -> None:
        if self.attempt is not None and not self.ended_status:
            self._api.acknowledge_requested.emit(self.joining.server_url,
                                                 self.attempt.attempt_id, self.attempt.token,
                                                 warning_id)

    @Slot(object)
    def _on_focus_lost(self, left_at: datetime | None) -> None:
        self._say_event("focus_lost", kiosk_words("kiosk_focus_lost"), occurred_at=left_at)

    @Slot(float)
    def _on_focus_regained(self, seconds_away: float) -> None:
        self._say_event("focus_regained", kiosk_words("kiosk_back_in_exam_window",
                                                      away_seconds=round(seconds_away)))

    # ---- submit --------------------------------------------------------------------------------
    def submit(self) -> None:
        """Submit (after the candidate confirmed): the moment is kept with the spool first (a
        hand-in is never lost to a network cut), then waiting snapshots get a moment."""
        if self.ended_status or self.attempt is None:
            return
        if self.handed_in_at is None:
            self.handed_in_at = self.clock.now()
            if self.kept is not None:
                try:
                    self.kept = self.attempt_file.hand_in(self.kept, self.handed_in_at)
                except OSError:
                    log.exception("the hand-in cannot be kept with the spool")
        self._send_kept_hand_in()

    def _send_kept_hand_in(self, can_wait: bool = True) -> None:
        """Send the hand-in; ``can_wait``: waiting snapshots may go first (at the press, while
        the center answers), never for a hand-in kept while it did not."""
        if self.submission.is_submitting:
            return
        uploads = self.uploads
        can_wait = can_wait and uploads is not None and not self.is_connection_lost
        if uploads is not None and can_wait:
            uploads.drain_now()

        def pending() -> int:
            if uploads is None:
                return 0
            uploads.refresh_pending()
            return uploads.pending_snapshots

        self.submission.submit(pending, can_wait)

    @Slot()
    def _send_submit(self) -> None:
        if self.attempt is not None:
            pressed = self.handed_in_at.isoformat() if self.handed_in_at else ""
            self._api.submit_requested.emit(self.joining.server_url, self.attempt.attempt_id,
                                            self.attempt.token, pressed)

    @Slot(object)
    def _on_submitted(self, state: AttemptState) -> None:
        self.submission.finished()
        self._end(state.status)

    def _submit_failed(self, status: int, message: str) -> None:
        self.submission.finished()
        if status == 409:
            self.is_handed_in = False
            self._heartbeat()  # it has already ended: the heartbeat says how
            return
        if status == UNREACHABLE or status >= 500:
            # The center is away (or not able to answer): the hand-in is kept and goes as soon
            # as a heartbeat is answered again.
            self._set_connection(status != UNREACHABLE)
            self._keep_handed_in()
            return
        text = self.tr("Your exam is not submitted yet: {reason} Press Submit again.").format(
            reason=message)
        self.submit_failed.emit(text)
        self.state_changed.emit()

    def _keep_handed_in(self) -> None:
        if self.is_handed_in or self.ended_status:
            return
        self.is_handed_in = True
        log.info("the hand-in pressed at %s is kept until the center answers", self.handed_in_at)
        self.focus.stop()
        self.clock.stop()
        if self.camera is not None:
            self.camera.stop()
        self.handed_in.emit()
        self.state_changed.emit()

    # ---- the end -------------------------------------------------------------------------------
    def _end(self, status: str, title: str | None = None, text: str | None = None) -> None:
        if self.ended_status:
            return
        self.ended_status = status
        self.ended_at = datetime.now(UTC)
        default_title, default_text = END_TEXTS.get(
            status, (QT_TRANSLATE_NOOP("KioskController", "Your exam has ended"),
                     QT_TRANSLATE_NOOP("KioskController", "Please speak to the invigilator.")))
        self.end_title = title or self.tr(default_title)
        self.end_text = text or self.tr(default_text)
        if status == "expired":
            self.clock.seconds_left = 0
        self.warnings.close()
        self._stop_running_parts(clear_spool=True)
        self.attempt_file.forget()
        log.info("exam ended: %s", status)
        self.exam_ended.emit(status)
        self.state_changed.emit()

    def close_by_candidate(self) -> None:
        """The candidate confirmed closing the kiosk mid-exam: the proctor sees it."""
        self._say_event("kiosk_closed", kiosk_words("kiosk_closed_by_candidate"))

    def shutdown(self) -> None:
        """Stop every thread (the window is closing). Waiting frames stay in the spool.

        Closing the kiosk during the exam is also reported as ``focus_lost`` (sent now if the
        server answers within ``close_flush_seconds``, otherwise at the next start, which also
        reports ``focus_regained``)."""
        self.joining.stop()
        self.finder.stop()
        uploads = self.uploads
        if self.is_exam_running and uploads is not None and not self.is_handed_in:
            self._say_event("focus_lost", kiosk_words("kiosk_window_closed"))
            uploads.spool.note_closed()
            if self.identity_error is None:  # nothing may go to a server that is not ours
                uploads.flush_events(self.timings.close_flush_seconds)
        self._stop_running_parts(clear_spool=False)
        self.readiness.shutdown()
        self._api.shutdown()

    def _stop_running_parts(self, clear_spool: bool) -> None:
        self._heartbeat_timer.stop()
        self.clock.stop()
        self.submission.stop()
        self.focus.stop()
        if self.camera is not None:
            self.camera.stop()
        if self.uploads is not None:
            self.uploads.stop(clear_spool=clear_spool)

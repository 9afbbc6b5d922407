"""UploadWorker: sends the spool to the server, in order, on its own QThread.

Rules (an upload never fails silently):
- an item leaves the spool only when the server answered 2xx;
- 409 (the attempt has ended) means stop: nothing will ever be accepted, the spool is emptied;
- a pinned center that presents another identity means stop sending (nothing reached it): the
  spool is kept and ``identity_changed`` says so once;
- 413/415/422 for a snapshot (or 422 for an event) means that item can never succeed: it is
  dropped and the reason is logged and reported;
- anything else (no answer, 5xx, 401/403/404) is a failure: the first one is reported
  (``upload_retry_scheduled``, a toast), the upload is retried twice with backoff, and if it
  still fails ``retries_exhausted`` is reported once (a persistent banner) and an
  ``upload_failed`` event is queued with the cause of the last failure (``failure_cause``: no
  answer ``center_unreachable``, 5xx ``center_error``, 4xx ``refused``; only ``refused`` weighs
  on the candidate's risk); the kiosk keeps trying every ``failing_retry_seconds``,
  and at once through ``drain_now`` (the server answered a heartbeat again). The first snapshot
  that gets through after that reports ``uploads_recovered``.
Events are sent before snapshots; both are idempotent on the server (``event_id``,
``snapshot_id``), so a retry after a lost answer stores nothing twice.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QTimer, Signal, Slot

from console.i18n import said
from console.kiosk.event_words import kiosk_words
from console.kiosk.kiosk_timings import KioskTimings
from console.kiosk.thread_worker import ThreadWorker
from console.kiosk.uploads.upload_spool import SpooledEvent, SpooledSnapshot, UploadSpool
from core.client import (
    ApiError,
    CenterIdentityChanged,
    ProctorClient,
    ServerUnreachable,
    UploadFailureCause,
    failure_cause,
)

log = logging.getLogger(__name__)

#: A frame the server refuses with one of these will never be accepted: drop it.
SNAPSHOT_NEVER_STATUSES = frozenset({413, 415, 422})
EVENT_NEVER_STATUSES = frozenset({422})
ATTEMPT_ENDED_STATUS = 409


class UploadWorker(ThreadWorker):
    thread_name = "kiosk-upload"

    snapshot_uploaded = Signal(str, int)  # snapshot_id, HTTP status (201 new, 200 stored before)
    event_delivered = Signal(str, str)  # event_id, type
    upload_retry_scheduled = Signal(str)  # the first failure of a streak: what went wrong
    retries_exhausted = Signal(str)  # retries exhausted: what went wrong
    uploads_recovered = Signal()
    item_dropped = Signal(str, str)  # id, why the server will never take it
    attempt_ended = Signal(str)  # the server's sentence
    server_reachability_changed = Signal(bool)  # what the last request learned
    queue_changed = Signal(int)  # snapshots still waiting
    identity_changed = Signal(str)  # the sentence; uploads have stopped, the spool is kept

    def __init__(self, client: ProctorClient, attempt_id: str, spool: UploadSpool,
                 timings: KioskTimings | None = None) -> None:
        super().__init__()
        self.client = client
        self.attempt_id = attempt_id
        self.spool = spool
        timings = timings or KioskTimings()
        self.retry_backoff_seconds = tuple(timings.retry_backoff_seconds)
        self.failing_retry_seconds = timings.failing_retry_seconds
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self._retry_now)
        self._failures = 0
        self._is_failing = False
        self._is_ended = False
        self._is_refused = False  # the center did not prove its identity
        self._is_reachable: bool | None = None
        self._stop_flag = threading.Event()

    @property
    def is_failing(self) -> bool:
        return self._is_failing

    # ---- lifecycle (ThreadWorker hooks) --------------------------------------------------------
    def started(self) -> None:
        self.drain()

    def stop_requested(self) -> None:
        self._stop_flag.set()  # the send loop stops after the request in flight

    def stopping(self) -> None:
        self._retry_timer.stop()

    def stopped(self) -> None:
        self.client.close()

    # ---- slots (upload thread) -----------------------------------------------------------------
    @Slot()
    def drain(self) -> None:
        """Send what waits, unless a retry pause is running (new frames wait their turn)."""
        if not self._retry_timer.isActive():
            self._send_pending()

    @Slot()
    def drain_now(self) -> None:
        """The server is back: end any retry pause and send at once."""
        self._retry_timer.stop()
        self._send_pending()

    def _retry_now(self) -> None:
        self._send_pending()

    # ---- the queue -----------------------------------------------------------------------------
    @property
    def _is_done(self) -> bool:
        return self._is_ended or self._is_refused or self._stop_flag.is_set()

    def _send_pending(self) -> None:
        if self._is_done:
            return
        events_blocked = False
        for event in self.spool.pending_events():
            if self._is_done:
                return
            if not self._send_event(event):
                events_blocked = True
                break
        while not self._is_done:
            pending = self.spool.pending_snapshots()
            if not pending:
                break
            if not self._send_snapshot(pending[0]):
                return  # _failed() scheduled the next try
        if events_blocked and not self._retry_timer.isActive() and not self._is_done:
            self._retry_timer.start(int(self.failing_retry_seconds * 1000))

    def _send_event(self, event: SpooledEvent) -> bool:
        """True when the event is settled (delivered or dropped)."""
        try:
            self.client.record_event(self.attempt_id, event.type, detail=event.detail,
                                     occurred_at=event.occurred_at, event_id=event.event_id,
                                     cause=event.cause, detail_code=event.detail_code,
                                     detail_params=event.detail_params)
        except ServerUnreachable as exc:
            self._set_reachable(False)
            log.info("event %s waits: %s", event.type, exc)
            return False
        except ApiError as exc:
            self._set_reachable(True)
            if exc.status == ATTEMPT_ENDED_STATUS:
                self._attempt_ended(said(exc))
                return True
            if exc.status in EVENT_NEVER_STATUSES:
                log.error("the server refused the %s event for good (%s); dropped", event.type,
                          exc)
                self.spool.remove(event)
                self.item_dropped.emit(event.event_id, said(exc))
                return True
            log.warning("event %s not accepted yet: %s", event.type, exc)
            return False
        except CenterIdentityChanged as exc:
            self._refused(exc)
            return False
        except Exception as exc:  # an unexpected answer is a failure, never a success
            log.exception("event %s failed: %s", event.type, exc)
            return False
        self._set_reachable(True)
        self.spool.remove(event)
        self.event_delivered.emit(event.event_id, event.type)
        return True

    def _send_snapshot(self, item: SpooledSnapshot) -> bool:
        """True when the snapshot is settled (stored or dropped); False: try again later."""
        try:
            image = self.spool.read_image(item)
        except OSError as exc:
            log.error("spooled snapshot %s is unreadable (%s); dropped", item.snapshot_id, exc)
            self.spool.remove(item)
            self.item_dropped.emit(item.snapshot_id, f"unreadable on this computer: {exc}")
            return True
        try:
            receipt = self.client.upload_snapshot(
                self.attempt_id, item.snapshot_id, image, captured_at=item.captured_at
            )
        except ServerUnreachable as exc:
            self._set_reachable(False)
            self._failed(self.tr("The exam server cannot be reached."), str(exc),
                         failure_cause(exc))
            return False
        except ApiError as exc:
            self._set_reachable(True)
            if exc.status == ATTEMPT_ENDED_STATUS:
                self._attempt_ended(said(exc))
                return True
            if exc.status in SNAPSHOT_NEVER_STATUSES:
                log.error("the server refused snapshot %s for good (%s); dropped",
                          item.snapshot_id, exc)
                self.spool.remove(item)
                self.item_dropped.emit(item.snapshot_id, said(exc))
                self.queue_changed.emit(self.spool.pending_snapshot_count())
                return True
            self._failed(self.tr("The server could not store them (error {status}).").format(
                status=exc.status), str(exc),
                         failure_cause(exc))
            return False
        except CenterIdentityChanged as exc:
            self._refused(exc)
            return False
        except Exception as exc:
            log.exception("uploading snapshot %s failed", item.snapshot_id)
            self._failed(self.tr("The upload failed on this computer."), repr(exc),
                         failure_cause(exc))
            return False
        status = receipt.status
        if not 200 <= status < 300:
            self._failed(self.tr("The server gave an unexpected answer ({status}).").format(
                status=status), str(status),
                         UploadFailureCause.CENTER_ERROR)
            return False
        self._set_reachable(True)
        self.spool.remove(item)
        log.info("snapshot %s uploaded (%d)", item.snapshot_id, status)
        self.snapshot_uploaded.emit(item.snapshot_id, status)
        self.queue_changed.emit(self.spool.pending_snapshot_count())
        self._failures = 0
        if self._is_failing:
            self._is_failing = False
            log.info("uploads work again")
            self.uploads_recovered.emit()
        return True

    def _failed(self, message: str, technical: str, cause: UploadFailureCause) -> None:
        """One failed try; ``cause`` (what this failure says about the center) goes with the
        ``upload_failed`` event when the retries are exhausted."""
        self._failures += 1
        log.warning("upload try %d failed: %s", self._failures, technical)
        if self._failures == 1:
            self.upload_retry_scheduled.emit(message)
        retries = len(self.retry_backoff_seconds)
        if self._failures <= retries:
            pause = self.retry_backoff_seconds[self._failures - 1]
        else:
            pause = self.failing_retry_seconds
            if not self._is_failing:
                self._is_failing = True
                waiting = self.spool.pending_snapshot_count()
                said = kiosk_words("kiosk_upload_failed", tries=retries + 1, error=technical,
                                   waiting=waiting)
                self.retries_exhausted.emit(message)
                try:
                    self.spool.add_event("upload_failed", detail=said.detail[:1000],
                                         cause=cause.value, detail_code=said.code,
                                         detail_params=said.params)
                except OSError:
                    log.exception("cannot queue the upload_failed event")
        self._retry_timer.start(int(pause * 1000))

    def _refused(self, exc: CenterIdentityChanged) -> None:
        """Another server answers at the center's address: send nothing more, keep the spool."""
        if self._is_refused:
            return
        self._is_refused = True
        self._retry_timer.stop()
        log.error("uploads stopped, %d snapshot(s) kept on this computer: %s",
                  self.spool.pending_snapshot_count(), exc)
        self.identity_changed.emit(str(exc))

    def _attempt_ended(self, detail: str) -> None:
        self._is_ended = True
        self._retry_timer.stop()
        dropped = self.spool.clear()
        log.info("the attempt has ended (%s); %d waiting item(s) discarded", detail, dropped)
        self.queue_changed.emit(0)
        self.attempt_ended.emit(detail)

    def _set_reachable(self, is_reachable: bool) -> None:
        if self._is_reachable is not is_reachable:
            self._is_reachable = is_reachable
            self.server_reachability_changed.emit(is_reachable)

"""UploadLink: the attempt's spool and its UploadWorker, seen from the GUI thread.

It owns the spool folder of one attempt and the upload thread that empties it, queues events,
and keeps what the candidate is shown about uploads: how many snapshots the server has stored,
when the last one arrived, how many still wait on this computer, and whether uploads are failing.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from console.kiosk.kiosk_timings import KioskTimings
from console.kiosk.uploads.upload_spool import UploadSpool
from console.kiosk.uploads.upload_worker import UploadWorker
from core.client import ProctorClient

log = logging.getLogger(__name__)


class UploadLink(QObject):
    changed = Signal()  # counters or the failing state changed: re-render
    toast_requested = Signal(str)
    snapshot_uploaded = Signal(str)  # the server answered 2xx
    event_delivered = Signal(str, str)  # event_id, type
    attempt_ended = Signal(str)  # the server refuses everything: the attempt has ended
    reachability_changed = Signal(bool)
    identity_changed = Signal(str)  # the center did not prove its identity; uploads stopped

    def __init__(self, spool_dir: Path, attempt_id: str, server_url: str, token: str,
                 timings: KioskTimings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.spool = UploadSpool(spool_dir, attempt_id)
        self.pending_snapshots = self.spool.pending_snapshot_count()
        if self.pending_snapshots or self.spool.pending_event_count():
            log.info("%d snapshot(s) and %d event(s) from before are waiting to be sent",
                     self.pending_snapshots, self.spool.pending_event_count())
        self.uploaded_count = 0
        self.last_uploaded_at: datetime | None = None
        self.upload_error: str | None = None
        self.is_stopped = False
        client = ProctorClient(server_url, token, timeout=timings.request_timeout_seconds)
        worker = UploadWorker(client, attempt_id, self.spool, timings)
        worker.snapshot_uploaded.connect(self._on_snapshot_uploaded)
        worker.event_delivered.connect(self.event_delivered)
        worker.upload_retry_scheduled.connect(self._on_retry_scheduled)
        worker.retries_exhausted.connect(self._on_retries_exhausted)
        worker.uploads_recovered.connect(self._on_recovered)
        worker.item_dropped.connect(self._on_item_dropped)
        worker.attempt_ended.connect(self._on_attempt_ended)
        worker.server_reachability_changed.connect(self.reachability_changed)
        worker.queue_changed.connect(self.refresh_pending)
        worker.identity_changed.connect(self.identity_changed)
        self.worker = worker

    def start(self) -> None:
        self.worker.run_on_own_thread()

    # ---- asking the upload thread (queued) -----------------------------------------------------
    def drain(self) -> None:
        QTimer.singleShot(0, self.worker, self.worker.drain)

    def drain_now(self) -> None:
        """The server is back (or the exam is being handed in): send at once."""
        QTimer.singleShot(0, self.worker, self.worker.drain_now)

    def record_event(self, event_type: str, detail: str | None = None,
                     occurred_at: datetime | None = None, detail_code: str | None = None,
                     detail_params: dict[str, Any] | None = None) -> None:
        """Queue an event; ``detail_code`` and ``detail_params``: the code and values of the
        detail's template (``console.kiosk.event_words``)."""
        if self.is_stopped:
            return
        try:
            self.spool.add_event(event_type, detail=detail, occurred_at=occurred_at,
                                 detail_code=detail_code, detail_params=detail_params)
        except OSError:
            log.exception("cannot queue the %s event", event_type)
            return
        log.info("event %s queued: %s", event_type, detail or "")
        self.drain()

    @Slot(str, str)
    def snapshot_spooled(self, snapshot_id: str, captured_at: str) -> None:
        """The camera put a snapshot in the spool: count it and send it."""
        log.info("snapshot %s captured at %s", snapshot_id, captured_at)
        self.refresh_pending()
        self.drain()

    def flush_events(self, seconds: float) -> None:
        """Give waiting events a short chance to reach the server (the window is closing)."""
        self.drain_now()
        deadline = time.monotonic() + seconds
        while self.spool.pending_event_count() and time.monotonic() < deadline:
            QThread.msleep(20)

    def stop(self, clear_spool: bool = False) -> None:
        """Stop the upload thread; ``clear_spool``: the attempt has ended, nothing will be taken."""
        self.is_stopped = True
        self.worker.shutdown()
        if clear_spool:
            dropped = self.spool.clear()
            if dropped:
                log.warning("%d item(s) were still waiting when the attempt ended", dropped)
            self.pending_snapshots = 0

    # ---- what the upload thread reports ----------------------------------------------------------
    @Slot(int)
    def refresh_pending(self, _count: int = 0) -> None:
        self.pending_snapshots = self.spool.pending_snapshot_count()
        self.changed.emit()

    @Slot(str, int)
    def _on_snapshot_uploaded(self, snapshot_id: str, _status: int) -> None:
        self.uploaded_count += 1
        self.last_uploaded_at = datetime.now(UTC)
        self.refresh_pending()
        self.snapshot_uploaded.emit(snapshot_id)

    @Slot(str)
    def _on_retry_scheduled(self, _message: str) -> None:
        if not self.is_stopped:
            self.toast_requested.emit(self.tr("A snapshot could not be sent. Trying again…"))

    @Slot(str)
    def _on_retries_exhausted(self, message: str) -> None:
        self.upload_error = message
        self.changed.emit()

    @Slot()
    def _on_recovered(self) -> None:
        self.upload_error = None
        if not self.is_stopped:
            self.toast_requested.emit(self.tr("Snapshots are being sent again."))
        self.changed.emit()

    @Slot(str, str)
    def _on_item_dropped(self, item_id: str, reason: str) -> None:
        log.error("the server will never accept %s: %s", item_id, reason)
        if not self.is_stopped:
            self.toast_requested.emit(self.tr("The server refused a snapshot: {reason}").format(
                reason=reason))
        self.refresh_pending()

    @Slot(str)
    def _on_attempt_ended(self, detail: str) -> None:
        self.refresh_pending()
        self.attempt_ended.emit(detail)

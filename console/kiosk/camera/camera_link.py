"""CameraLink: the CameraWorker seen from the GUI thread, and the snapshot schedule.

It starts the camera thread, keeps whether the camera is live or why it is not, takes the first
snapshot soon after the first frame and then one every interval, and says which camera events
belong on the proctor's timeline (``camera_denied`` once per outage, ``camera_restored`` after).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from console.kiosk.camera.camera_worker import CameraWorker
from console.kiosk.camera.frame_source import FrameSource
from console.kiosk.event_words import EventWords, kiosk_words
from console.kiosk.kiosk_timings import KioskTimings
from console.kiosk.uploads.upload_spool import UploadSpool

log = logging.getLogger(__name__)


class CameraLink(QObject):
    changed = Signal()  # live or failing changed: re-render
    toast_requested = Signal(str)
    preview_updated = Signal(QImage)
    snapshot_spooled = Signal(str, str)  # snapshot_id, captured_at (ISO)
    # Event type, the English detail, its code and values: for the proctor's timeline
    event_happened = Signal(str, str, object, object)

    def __init__(self, source: FrameSource, spool: UploadSpool, timings: KioskTimings,
                 interval_seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.camera_error: str | None = None
        self.is_live = False
        self.is_stopped = False
        self._is_denied_sent = False
        self._first_timer = QTimer(self)
        self._first_timer.setSingleShot(True)
        self._first_timer.setInterval(max(1, int(timings.first_snapshot_delay_seconds * 1000)))
        self._first_timer.timeout.connect(self.capture_snapshot)
        self._interval_timer = QTimer(self)
        self._interval_timer.setInterval(max(1, int(interval_seconds * 1000)))
        self._interval_timer.timeout.connect(self.capture_snapshot)
        worker = CameraWorker(source, spool, timings)
        worker.frames_started.connect(self._on_frames_started)
        worker.camera_failed.connect(self._on_camera_failed)
        worker.preview_updated.connect(self.preview_updated)  # relayed by Qt, no Python hop
        worker.snapshot_spooled.connect(self.snapshot_spooled)
        worker.snapshot_skipped.connect(self._on_snapshot_skipped)
        self.worker = worker

    @property
    def is_scheduled(self) -> bool:
        return self._interval_timer.isActive()

    def start(self, preview_size: tuple[int, int]) -> None:
        self.worker.preview_size = preview_size
        self.worker.run_on_own_thread()

    def set_preview_size(self, size: tuple[int, int]) -> None:
        self.worker.preview_size = size

    def retry(self) -> None:
        if not self.is_stopped:
            QTimer.singleShot(0, self.worker, self.worker.retry)

    @Slot()
    def capture_snapshot(self) -> None:
        """Take a snapshot now (the schedule calls this; so can a test or a demo)."""
        if not self.is_stopped and self.is_live:
            QTimer.singleShot(0, self.worker, self.worker.capture_snapshot)

    def stop(self) -> None:
        self.is_stopped = True
        self.is_live = False
        self._first_timer.stop()
        self._interval_timer.stop()
        self.worker.shutdown()

    @Slot()
    def _on_frames_started(self) -> None:
        if self.is_stopped:
            return
        self.is_live = True
        if self.camera_error is not None:
            self.camera_error = None
            if self._is_denied_sent:
                self._is_denied_sent = False
                said = kiosk_words("kiosk_camera_works_again", camera=self.source.description)
                self.event_happened.emit("camera_restored", said.detail, said.code, said.params)
            self.toast_requested.emit(self.tr("The camera works again."))
        # Evidence soon after the camera starts, then at the exam's interval.
        self._first_timer.start()
        self._interval_timer.start()
        self.changed.emit()

    @Slot(object, str)
    def _on_camera_failed(self, record: EventWords, shown: str) -> None:
        """``record`` (English, with its code and values) goes to the center as the proctor's
        record; the candidate reads ``shown``, the same in the kiosk's language."""
        if self.is_stopped:
            return
        self.is_live = False
        self._first_timer.stop()
        self._interval_timer.stop()
        is_new = self.camera_error is None
        self.camera_error = shown
        if is_new:
            self._is_denied_sent = True
            self.event_happened.emit("camera_denied", record.detail, record.code,
                                     record.params if record.code else None)
        else:
            self.toast_requested.emit(self.tr("The camera is still not available."))
        self.changed.emit()

    @Slot(str)
    def _on_snapshot_skipped(self, reason: str) -> None:
        log.warning("no snapshot: %s", reason)

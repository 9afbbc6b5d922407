"""CameraWorker: reads a FrameSource on its own QThread, feeds the live preview and takes
snapshots into the spool.

The worker object lives on the camera thread; the GUI talks to it only through queued signals
(``start``, ``retry``, ``capture_snapshot``) and ``shutdown`` (blocking, from the GUI thread).
Preview frames cross threads as ``QImage(...).copy()``. A source that cannot be opened, raises,
or delivers no frame for ``stall_seconds`` is reported once through ``camera_failed``; the next
frame after a retry is reported through ``frames_started``.
"""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime

import cv2
import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from console.kiosk.camera.frame_source import CameraUnavailable, FrameSource, camera_words
from console.kiosk.event_words import EventWords
from console.kiosk.kiosk_timings import KioskTimings
from console.kiosk.thread_worker import ThreadWorker
from console.kiosk.uploads.upload_spool import UploadSpool

log = logging.getLogger(__name__)

SNAPSHOT_SIZE = (640, 480)
DEFAULT_PREVIEW_SIZE = (400, 300)
JPEG_QUALITY = 85
#: A snapshot uses the newest frame only if it is at most this old.
FRESH_FRAME_SECONDS = 2.0


class CameraWorker(ThreadWorker):
    thread_name = "kiosk-camera"
    stop_timeout_ms = 5000

    frames_started = Signal()  # the first frame after opening (or after recovering)
    # The sentence as recorded (EventWords: English, with its code), and for the candidate
    camera_failed = Signal(object, str)
    preview_updated = Signal(QImage)
    snapshot_spooled = Signal(str, str)  # snapshot_id, captured_at (ISO)
    snapshot_skipped = Signal(str)  # why no snapshot could be taken

    def __init__(self, source: FrameSource, spool: UploadSpool | None,
                 timings: KioskTimings | None = None, is_preview_enabled: bool = True) -> None:
        super().__init__()
        timings = timings or KioskTimings()
        self.source = source
        self.spool = spool
        self.preview_fps = timings.preview_fps
        self.stall_seconds = timings.camera_stall_seconds
        self.is_preview_enabled = is_preview_enabled
        #: Set from the GUI thread when the preview widget changes size (a tuple is replaced
        #: atomically); frames are made at this size so the GUI paints them without scaling.
        self.preview_size = DEFAULT_PREVIEW_SIZE
        self._timer = QTimer(self)
        self._timer.setInterval(max(15, int(1000 / self.preview_fps)))
        self._timer.timeout.connect(self._tick)
        self._is_open = False
        self._is_delivering = False
        self._is_stopped = False
        self._latest: np.ndarray | None = None
        self._latest_monotonic = 0.0
        self._opened_monotonic = 0.0

    # ---- lifecycle (ThreadWorker hooks) --------------------------------------------------------
    def started(self) -> None:
        self.start()

    def stop_requested(self) -> None:
        self._is_stopped = True  # read across threads: a plain flag is enough here

    def stopping(self) -> None:
        self._timer.stop()
        self.source.close()
        self._is_open = False
        self._latest = None

    # ---- slots (camera thread) -----------------------------------------------------------------
    @Slot()
    def start(self) -> None:
        self._open()

    @Slot()
    def retry(self) -> None:
        if self._is_stopped:
            return
        self._timer.stop()
        self.source.close()
        self._is_open = False
        self._open()

    @Slot()
    def capture_snapshot(self) -> None:
        """Encode the newest frame as a ~640x480 JPEG and put it in the spool."""
        if self._is_stopped or self.spool is None:
            return
        if self._latest is None or time.monotonic() - self._latest_monotonic > FRESH_FRAME_SECONDS:
            self.snapshot_skipped.emit("The camera has no fresh picture.")
            return
        frame = self._latest
        if (frame.shape[1], frame.shape[0]) != SNAPSHOT_SIZE:
            frame = cv2.resize(frame, SNAPSHOT_SIZE, interpolation=cv2.INTER_AREA)
        is_ok, encoded = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
        if not is_ok:
            self.snapshot_skipped.emit("The picture could not be encoded as JPEG.")
            return
        captured_at = datetime.now(UTC)
        try:
            item = self.spool.add_snapshot(encoded.tobytes(), captured_at=captured_at)
        except OSError as exc:
            log.error("cannot write a snapshot to the spool %s: %s", self.spool.folder, exc)
            self.snapshot_skipped.emit(f"The snapshot could not be saved on this computer ({exc}).")
            return
        self.snapshot_spooled.emit(item.snapshot_id, item.captured_at.isoformat())

    # ---- internals (camera thread) -------------------------------------------------------------
    def _open(self) -> None:
        self._is_delivering = False
        self._latest = None
        try:
            self.source.open()
        except CameraUnavailable as exc:
            self._fail(exc.record, exc.shown)
            return
        except Exception as exc:  # a driver error must not kill the thread; say what happened
            log.exception("opening %s failed", self.source.description)
            self._fail(*camera_words(QT_TRANSLATE_NOOP(
                "CameraWords", "The {camera} could not be opened ({error})."),
                camera=self.source.description, error=exc))
            return
        self._is_open = True
        self._opened_monotonic = time.monotonic()
        self._timer.start()

    def _tick(self) -> None:
        if not self._is_open or self._is_stopped:
            return
        try:
            frame = self.source.read()
        except Exception as exc:
            log.exception("reading from %s failed", self.source.description)
            self._fail(*camera_words(QT_TRANSLATE_NOOP(
                "CameraWords", "The {camera} stopped working ({error})."),
                camera=self.source.description, error=exc))
            return
        now = time.monotonic()
        if frame is None:
            last = self._latest_monotonic if self._is_delivering else self._opened_monotonic
            since = now - last
            if since > self.stall_seconds:
                if self._is_delivering:
                    self._fail(*camera_words(QT_TRANSLATE_NOOP(
                        "CameraWords", "The camera stopped sending pictures.")))
                else:
                    self._fail(*camera_words(QT_TRANSLATE_NOOP(
                        "CameraWords", "The {camera} opened but sends no pictures."),
                        camera=self.source.description))
            return
        self._latest = frame
        self._latest_monotonic = now
        if not self._is_delivering:
            self._is_delivering = True
            self.frames_started.emit()
        if self.is_preview_enabled:
            # Sized for the widget and in the screen's own pixel layout (B, G, R, 255 is
            # Format_RGB32 in memory), so the GUI thread only copies it to the screen.
            small = cv2.resize(frame, self.preview_size, interpolation=cv2.INTER_LINEAR)
            bgra = cv2.cvtColor(small, cv2.COLOR_BGR2BGRA)
            height, width = bgra.shape[:2]
            image = QImage(bgra.data, width, height, bgra.strides[0], QImage.Format.Format_RGB32)
            self.preview_updated.emit(image.copy())

    def _fail(self, record: EventWords, shown: str) -> None:
        self._timer.stop()
        try:
            self.source.close()
        except Exception:
            log.exception("closing %s failed", self.source.description)
        self._is_open = False
        self._is_delivering = False
        self._latest = None
        log.warning("camera unavailable: %s", record.detail)
        self.camera_failed.emit(record, shown)

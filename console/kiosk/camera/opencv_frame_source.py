"""OpenCvFrameSource: a real webcam (by device index) or a video file played in a loop."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP

from console.kiosk.camera.frame_source import CameraUnavailable, FrameSource, camera_words


class OpenCvFrameSource(FrameSource):
    def __init__(self, device: int | str, width: int = 640, height: int = 480) -> None:
        self.device = device
        self.width = width
        self.height = height
        self._capture: cv2.VideoCapture | None = None
        self.is_file = isinstance(device, str)
        self.description = f"video file {Path(device).name}" if self.is_file else f"camera {device}"

    def open(self) -> None:
        self.close()
        if self.is_file:
            path = Path(str(self.device)).expanduser()
            if not path.is_file():
                raise CameraUnavailable(*camera_words(QT_TRANSLATE_NOOP(
                    "CameraWords", "The video file {path} does not exist."), path=path))
            capture = cv2.VideoCapture(str(path))
        else:
            capture = cv2.VideoCapture(int(self.device))
        if not capture.isOpened():
            capture.release()
            if self.is_file:
                raise CameraUnavailable(*camera_words(QT_TRANSLATE_NOOP(
                    "CameraWords", "The video file {path} cannot be played."), path=self.device))
            raise CameraUnavailable(*camera_words(QT_TRANSLATE_NOOP(
                "CameraWords", "Camera {device} could not be opened. It may be unplugged, used "
                "by another program, or access to it was denied."), device=self.device))
        if not self.is_file:
            capture.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            capture.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # the newest frame, not an old buffered one
        self._capture = capture

    def read(self) -> np.ndarray | None:
        if self._capture is None:
            return None
        is_ok, frame = self._capture.read()
        if not is_ok and self.is_file:  # a video file loops, like a camera that never ends
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, 0)
            is_ok, frame = self._capture.read()
        if not is_ok or frame is None:
            return None
        if frame.ndim == 2:
            frame = cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)
        return frame

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None

"""FrameSource: where the kiosk's pictures come from (a webcam, a video file, a test picture).

A source is opened, read and closed on the camera thread only. ``read`` returns a BGR
``uint8`` array of shape (height, width, 3), or None when no frame is available right now.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np


class CameraUnavailable(Exception):
    """The camera cannot be opened or stopped working; the message is shown to the candidate."""


class FrameSource(ABC):
    #: A short name for messages: "camera 0", "video demo.mp4", "synthetic test picture".
    description: str = "camera"

    @abstractmethod
    def open(self) -> None:
        """Open the device; raise CameraUnavailable with a sentence the candidate understands."""

    @abstractmethod
    def read(self) -> np.ndarray | None:
        """The newest frame (BGR, uint8), or None when there is none right now."""

    @abstractmethod
    def close(self) -> None:
        """Release the device. Safe to call twice or when never opened."""

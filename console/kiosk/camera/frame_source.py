"""FrameSource: where the kiosk's pictures come from (a webcam, a video file, a test picture).

A source is opened, read and closed on the camera thread only. ``read`` returns a BGR
``uint8`` array of shape (height, width, 3), or None when no frame is available right now.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np
from PySide6.QtCore import QCoreApplication

from console.kiosk.event_words import EventWords, camera_code, param_value


def camera_words(template: str, **params: object) -> tuple[EventWords, str]:
    """A camera sentence as recorded (the English sentence the center keeps as the proctor's
    record, with its template's code and values, for a proctor reading another language) and in
    the kiosk's language (what the candidate reads). ``template`` is marked with
    ``QT_TRANSLATE_NOOP("CameraWords", ...)`` where it is written."""
    code = camera_code(template)
    record = EventWords(template.format(**params), code,
                        {name: param_value(value) for name, value in params.items()}
                        if code else {})
    return record, QCoreApplication.translate("CameraWords", template).format(**params)


class CameraUnavailable(Exception):
    """The camera cannot be opened or stopped working: ``record`` is the sentence that is
    recorded (``str(exc)``, English, with its code and values when it has them), ``shown`` the
    same in the kiosk's language, for the candidate."""

    def __init__(self, record: EventWords | str, shown: str | None = None) -> None:
        self.record = record if isinstance(record, EventWords) else EventWords(record)
        super().__init__(self.record.detail)
        self.shown = shown or self.record.detail


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

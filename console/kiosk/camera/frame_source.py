"""FrameSource: where the kiosk's pictures come from (a webcam, a video file, a test picture).

A source is opened, read and closed on the camera thread only. ``read`` returns a BGR
``uint8`` array of shape (height, width, 3), or None when no frame is available right now.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

import numpy as np
from PySide6.QtCore import QCoreApplication

from console.kiosk.event_words import EventWords, camera_code, param_value


def camera_words(template: str, **params: object) -> tuple[str, str, EventWords]:
    """A camera sentence in English (the proctor's record: it goes to the center), in the
    kiosk's language (what the candidate reads) and as the record's code and values (for a
    proctor reading another language). ``template`` is marked with
    ``QT_TRANSLATE_NOOP("CameraWords", ...)`` where it is written."""
    english = template.format(**params)
    code = camera_code(template)
    record = EventWords(english, code,
                        {name: param_value(value) for name, value in params.items()}
                        if code else {})
    return (english, QCoreApplication.translate("CameraWords", template).format(**params),
            record)


class CameraUnavailable(Exception):
    """The camera cannot be opened or stopped working: ``str(exc)`` is the English sentence
    that is recorded, ``shown`` the same in the kiosk's language, for the candidate, and
    ``record`` the recorded sentence with its code and values."""

    def __init__(self, english: str, shown: str | None = None,
                 record: EventWords | None = None) -> None:
        super().__init__(english)
        self.shown = shown or english
        self.record = record or EventWords(english)


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

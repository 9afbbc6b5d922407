"""The kiosk's sentences on the proctor's timeline: the English sentence the center keeps as
the event's ``detail`` (the record; unchanged), with the code of its template and the values
the template names (``detail_code``, ``detail_params``), so that a console in another language
says it in its own words (``console/proctor/session_details/event_sentences.py`` repeats these
templates for lupdate; a test keeps the two equal).

Values are machine-readable: a time is ISO 8601, a duration is whole seconds under a name
ending in ``_seconds`` (said "75 s" in the English sentence), a count a number; the rest are
words as written. A string value is at most ``MAX_PARAM_TEXT`` characters (the center's limit).
The camera's sentences (``CameraWords``, said to the candidate in the kiosk's language) keep
their template's code here too, so the proctor's console says a ``camera_denied`` in its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: The center's limit on a string value of ``detail_params``.
MAX_PARAM_TEXT = 300

#: The kiosk's own event sentences by code (English).
KIOSK_EVENT_MESSAGES: dict[str, str] = {
    "kiosk_focus_lost": "The exam window lost focus.",
    "kiosk_back_in_exam_window": "Back in the exam window after {away_seconds}.",
    "kiosk_started_again": "The kiosk was started again after being closed during the exam.",
    "kiosk_closed_by_candidate": "The candidate closed the kiosk during the exam.",
    "kiosk_window_closed": "The kiosk window was closed during the exam.",
    "kiosk_camera_works_again": "The {camera} works again.",
    "kiosk_upload_failed": ("Snapshot upload failed {tries} times ({error}); {waiting} "
                            "snapshot(s) are kept on the kiosk and will be sent when possible."),
}

#: The camera's sentences (the ``CameraWords`` templates, word for word) by code.
CAMERA_EVENT_MESSAGES: dict[str, str] = {
    "kiosk_camera_not_opened": "The {camera} could not be opened ({error}).",
    "kiosk_camera_stopped_working": "The {camera} stopped working ({error}).",
    "kiosk_camera_stopped_sending": "The camera stopped sending pictures.",
    "kiosk_camera_sends_nothing": "The {camera} opened but sends no pictures.",
    "kiosk_video_file_missing": "The video file {path} does not exist.",
    "kiosk_video_file_unplayable": "The video file {path} cannot be played.",
    "kiosk_camera_device_not_opened": (
        "Camera {device} could not be opened. It may be unplugged, used by another program, "
        "or access to it was denied."),
}
_CAMERA_CODES = {template: code for code, template in CAMERA_EVENT_MESSAGES.items()}


@dataclass(frozen=True)
class EventWords:
    """An event's detail: the English sentence, and its template's code and values (no code
    for a sentence without a template)."""

    detail: str
    code: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


def param_value(value: object) -> str | int | float:
    """A value as sent: a number as it is, anything else as words cut to the center's limit."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    text = str(value)
    return text if len(text) <= MAX_PARAM_TEXT else text[:MAX_PARAM_TEXT - 1] + "…"


def english_value(name: str, value: object) -> str:
    """A value as the English sentence says it: a duration ``75 s``, the rest as written."""
    return f"{value} s" if name.endswith("_seconds") else str(value)


def kiosk_words(code: str, **params: object) -> EventWords:
    """The kiosk's sentence ``code`` with ``params``, in English and as code and values."""
    english = {name: english_value(name, value) for name, value in params.items()}
    return EventWords(KIOSK_EVENT_MESSAGES[code].format(**english), code,
                      {name: param_value(value) for name, value in params.items()})


def camera_code(template: str) -> str | None:
    """The code of a ``CameraWords`` template (None for a sentence without one)."""
    return _CAMERA_CODES.get(template)

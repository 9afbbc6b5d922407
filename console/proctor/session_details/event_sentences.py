"""An event's detail in the console's language, when the center wrote it with a code.

The center stores the English sentence (``detail``, the evidence) and, for the sentences it
writes itself, their code and parameters (``detail_code``, ``detail_params``;
``core.domain.event_details``); a kiosk sends its own sentences' codes the same way
(``console/kiosk/event_words.py``; its camera sentences are the kiosk's ``CameraWords``). The
console says a known code in its language: the template
(repeated below word for word for lupdate; a test keeps the two equal) with its parameters:
times (``*_at``, ISO 8601) in the local time, durations (``*_seconds``) in the language's
words, numbers in its digits, statuses and review outcomes in its words. An unknown code (a
newer center), an event without one (an older row, a reason a person typed) or parameters that
do not fit show the stored ``detail``. A composed template (``event_accommodation_set``'s
``{accommodation}``) is said from its parts by ``console.proctor.formatting``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from console.i18n import CONTEXT as CENTER_CONTEXT
from console.i18n import STATUS_WORDS, local_digits, translate
from console.proctor.formatting import REVIEW_WORDS, accommodation_set_words, clock_time

#: Qt's translation context of the event sentences.
CONTEXT = "EventMessages"

EVENT_SENTENCES: dict[str, str] = {
    "event_session_started": QT_TRANSLATE_NOOP("EventMessages", "{name} started {exam}"),
    "event_submitted": QT_TRANSLATE_NOOP("EventMessages", "Submitted by the candidate"),
    "event_time_ran_out": QT_TRANSLATE_NOOP("EventMessages", "Time ran out"),
    "event_terminated_by_proctor": QT_TRANSLATE_NOOP("EventMessages", "Terminated by a proctor"),
    "event_force_ended": QT_TRANSLATE_NOOP("EventMessages", "Force-ended by an administrator"),
    "event_closed_by_sweeper": QT_TRANSLATE_NOOP(
        "EventMessages", "Closed by the sweeper ({status})"),
    "event_resumed": QT_TRANSLATE_NOOP(
        "EventMessages", "Paused for {paused_seconds}; the time was given back"),
    "event_time_added": QT_TRANSLATE_NOOP("EventMessages", "+{minutes} min: {reason}"),
    "event_handed_in_late": QT_TRANSLATE_NOOP(
        "EventMessages",
        "Handed in at {pressed_at}, arrived at {arrived_at} (the kiosk could not reach the "
        "center)"),
    "event_camera_works_again": QT_TRANSLATE_NOOP(
        "EventMessages", "A snapshot taken at {captured_at} arrived: the camera works again"),
    "event_reviewed": QT_TRANSLATE_NOOP("EventMessages", "{outcome}"),
    "event_reviewed_with_note": QT_TRANSLATE_NOOP("EventMessages", "{outcome} — {note}"),
    "event_readiness_overridden": QT_TRANSLATE_NOOP(
        "EventMessages", "{reason} — not ready: {not_ready}"),
    "event_media_purged": QT_TRANSLATE_NOOP(
        "EventMessages", "{count} snapshots deleted after {days} days"),
    "event_no_face": QT_TRANSLATE_NOOP("EventMessages", "No face in view"),
    "event_multiple_faces": QT_TRANSLATE_NOOP("EventMessages", "{faces} faces in view"),
    "event_too_dark": QT_TRANSLATE_NOOP("EventMessages", "Picture too dark to see the candidate"),
    "event_camera_blocked": QT_TRANSLATE_NOOP("EventMessages", "Camera covered or blocked"),
    "event_frozen": QT_TRANSLATE_NOOP(
        "EventMessages", "Picture frozen: the same image as the previous snapshot"),
    "event_looking_away": QT_TRANSLATE_NOOP("EventMessages", "Head turned away from the screen"),
    "event_no_face_again": QT_TRANSLATE_NOOP(
        "EventMessages",
        "No face in view (again; the previous time lasted about {previous_seconds})"),
    "event_multiple_faces_again": QT_TRANSLATE_NOOP(
        "EventMessages",
        "{faces} faces in view (again; the previous time lasted about {previous_seconds})"),
    "event_too_dark_again": QT_TRANSLATE_NOOP(
        "EventMessages",
        "Picture too dark to see the candidate (again; the previous time lasted about "
        "{previous_seconds})"),
    "event_camera_blocked_again": QT_TRANSLATE_NOOP(
        "EventMessages",
        "Camera covered or blocked (again; the previous time lasted about {previous_seconds})"),
    "event_frozen_again": QT_TRANSLATE_NOOP(
        "EventMessages",
        "Picture frozen: the same image as the previous snapshot (again; the previous time "
        "lasted about {previous_seconds})"),
    "event_looking_away_again": QT_TRANSLATE_NOOP(
        "EventMessages",
        "Head turned away from the screen (again; the previous time lasted about "
        "{previous_seconds})"),
    # -- accommodation-words: an accommodation set, composed from its parts -----------------
    "event_accommodation_set": QT_TRANSLATE_NOOP("EventMessages", "{accommodation}"),
}
# -- kiosk-event-words: the kiosk's sentences ----------------------------------------------
# The kiosk's own event sentences (``console/kiosk/event_words.py`` KIOSK_EVENT_MESSAGES,
# word for word; a test keeps the two equal), in their own translation context.
KIOSK_CONTEXT = "KioskEventMessages"
KIOSK_SENTENCES: dict[str, str] = {
    "kiosk_focus_lost": QT_TRANSLATE_NOOP("KioskEventMessages", "The exam window lost focus."),
    "kiosk_back_in_exam_window": QT_TRANSLATE_NOOP(
        "KioskEventMessages", "Back in the exam window after {away_seconds}."),
    "kiosk_started_again": QT_TRANSLATE_NOOP(
        "KioskEventMessages", "The kiosk was started again after being closed during the exam."),
    "kiosk_closed_by_candidate": QT_TRANSLATE_NOOP(
        "KioskEventMessages", "The candidate closed the kiosk during the exam."),
    "kiosk_window_closed": QT_TRANSLATE_NOOP(
        "KioskEventMessages", "The kiosk window was closed during the exam."),
    "kiosk_camera_works_again": QT_TRANSLATE_NOOP(
        "KioskEventMessages", "The {camera} works again."),
    "kiosk_upload_failed": QT_TRANSLATE_NOOP(
        "KioskEventMessages",
        "Snapshot upload failed {tries} times ({error}); {waiting} snapshot(s) are kept on the "
        "kiosk and will be sent when possible."),
}
# The camera's sentences (``console/kiosk/event_words.py`` CAMERA_EVENT_MESSAGES): the
# kiosk's ``CameraWords``, so the proctor reads the words the candidate read.
CAMERA_CONTEXT = "CameraWords"
CAMERA_SENTENCES: dict[str, str] = {
    "kiosk_camera_not_opened": QT_TRANSLATE_NOOP(
        "CameraWords", "The {camera} could not be opened ({error})."),
    "kiosk_camera_stopped_working": QT_TRANSLATE_NOOP(
        "CameraWords", "The {camera} stopped working ({error})."),
    "kiosk_camera_stopped_sending": QT_TRANSLATE_NOOP(
        "CameraWords", "The camera stopped sending pictures."),
    "kiosk_camera_sends_nothing": QT_TRANSLATE_NOOP(
        "CameraWords", "The {camera} opened but sends no pictures."),
    "kiosk_video_file_missing": QT_TRANSLATE_NOOP(
        "CameraWords", "The video file {path} does not exist."),
    "kiosk_video_file_unplayable": QT_TRANSLATE_NOOP(
        "CameraWords", "The video file {path} cannot be played."),
    "kiosk_camera_device_not_opened": QT_TRANSLATE_NOOP(
        "CameraWords",
        "Camera {device} could not be opened. It may be unplugged, used by another program, or "
        "access to it was denied."),
}

# (``tries`` and ``waiting``: the kiosk's counts.)
#: Parameters holding a number (``core.domain.event_details.EVENT_NUMERIC_PARAMS``).
NUMERIC_PARAMS = frozenset({"minutes", "faces", "count", "days", "percent", "tries",
                            "waiting"})
# The templates whose one parameter is composed from the others, by their code.
COMPOSED: dict[str, tuple[str, Callable[[Mapping[str, Any]], str]]] = {
    "event_accommodation_set": ("accommodation", accommodation_set_words),
}


def knows(code: str | None) -> bool:
    """True for a code the console says in its language (the center's or the kiosk's)."""
    return _template(code) is not None


def _template(code: str | None) -> tuple[str, str] | None:
    """A code's (translation context, English template); None for a code not known here."""
    for context, sentences in ((CONTEXT, EVENT_SENTENCES), (KIOSK_CONTEXT, KIOSK_SENTENCES),
                               (CAMERA_CONTEXT, CAMERA_SENTENCES)):
        if code in sentences:
            return context, sentences[code]
    return None


def duration_words(seconds: int) -> str:
    """``45 s``, ``1 min 15 s``, ``2 h 5 min`` in the console's words and digits."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        words = (translate("EventMessages", "{hours} h {minutes} min").format(hours=hours,
                                                                       minutes=minutes)
                 if minutes else translate("EventMessages", "{hours} h").format(hours=hours))
    elif minutes:
        words = (translate("EventMessages", "{minutes} min {seconds} s").format(minutes=minutes,
                                                                         seconds=secs)
                 if secs else translate("EventMessages", "{minutes} min").format(minutes=minutes))
    else:
        words = translate("EventMessages", "{seconds} s").format(seconds=secs)
    return local_digits(words)


def _value(name: str, value: Any) -> str:
    """A parameter as the reader reads it."""
    if name.endswith("_at"):
        return clock_time(datetime.fromisoformat(str(value).replace("Z", "+00:00")))
    if name.endswith("_seconds"):
        return duration_words(int(value))
    if name in NUMERIC_PARAMS:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return local_digits(str(value))
    if name == "status" and value in STATUS_WORDS:
        return translate(CENTER_CONTEXT, STATUS_WORDS[value])
    if name == "outcome" and value in REVIEW_WORDS:
        return translate("Formatting", REVIEW_WORDS[value])
    return str(value)


def event_sentence(code: str | None, params: Mapping[str, Any] | None,
                   detail: str | None) -> str:
    """The event's detail in the console's language: the translation of ``code``'s template
    with ``params``; ``detail`` (or "") for an unknown code, no code, or parameters that do not
    fit."""
    stored = detail or ""
    known = _template(code)
    if known is None:
        return stored
    context, template = known
    try:
        if code in COMPOSED:
            name, compose = COMPOSED[code]
            values = {name: compose(params or {})}
        else:
            values = {name: _value(name, value) for name, value in (params or {}).items()}
        return translate(context, template).format(**values)
    except (KeyError, IndexError, ValueError, TypeError):  # a center or translation out of step
        return stored

"""The details of the timeline events the center writes itself, as codes with parameters.

An event's ``detail`` is an English sentence (and stays exactly that: the evidence chain covers
it). When the center made the sentence (a session started, a pause given back, a frame's
finding...), the event also carries ``detail_code`` and ``detail_params``: the code of its
template here and the values the template names, so that a console in another language says it
in its own words, as error answers carry ``code`` and ``params`` (``core.domain.messages``). A
detail a person typed (a flag's reason, a warning) has no code. A kiosk sends its own codes
with its sentences (the kiosk's templates, which the center stores as sent once their shape is
acceptable: ``checked_client_words``). A code never changes meaning once released; a changed
sentence gets a new code.

Parameters are machine-readable: a name ending in ``_at`` holds an ISO 8601 UTC time, one
ending in ``_seconds`` a duration in whole seconds, ``minutes``, ``faces``, ``count`` and
``days`` numbers, ``status`` an attempt status and ``outcome`` a review outcome (codes); the
rest are words as written (names, titles, reasons). A client renders times in its local time
and numbers in its language's digits.

One template is composed: ``event_accommodation_set``'s ``{accommodation}`` is said from its
parameters ``percent`` and ``minutes`` (numbers, 0 when none), ``exempt`` (a list of event
types) and ``note`` (as written, or null), as ``core.domain.accommodations`` says it in English
(``+25 % time — not counted: focus lost — Screen reader``).

Pure: the standard library only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

#: An event detail's template by its code (English, named parameters).
EVENT_MESSAGES: dict[str, str] = {
    "event_session_started": "{name} started {exam}",
    "event_submitted": "Submitted by the candidate",
    "event_time_ran_out": "Time ran out",
    "event_terminated_by_proctor": "Terminated by a proctor",
    "event_force_ended": "Force-ended by an administrator",
    "event_closed_by_sweeper": "Closed by the sweeper ({status})",
    "event_resumed": "Paused for {paused_seconds}; the time was given back",
    "event_time_added": "+{minutes} min: {reason}",
    "event_handed_in_late": ("Handed in at {pressed_at}, arrived at {arrived_at} (the kiosk "
                             "could not reach the center)"),
    "event_camera_works_again": "A snapshot taken at {captured_at} arrived: the camera works again",
    "event_reviewed": "{outcome}",
    "event_reviewed_with_note": "{outcome} — {note}",
    "event_readiness_overridden": "{reason} — not ready: {not_ready}",
    "event_media_purged": "{count} snapshots deleted after {days} days",
    "event_no_face": "No face in view",
    "event_multiple_faces": "{faces} faces in view",
    "event_too_dark": "Picture too dark to see the candidate",
    "event_camera_blocked": "Camera covered or blocked",
    "event_frozen": "Picture frozen: the same image as the previous snapshot",
    "event_looking_away": "Head turned away from the screen",
    "event_no_face_again": ("No face in view (again; the previous time lasted about "
                            "{previous_seconds})"),
    "event_multiple_faces_again": ("{faces} faces in view (again; the previous time lasted "
                                   "about {previous_seconds})"),
    "event_too_dark_again": ("Picture too dark to see the candidate (again; the previous time "
                             "lasted about {previous_seconds})"),
    "event_camera_blocked_again": ("Camera covered or blocked (again; the previous time lasted "
                                   "about {previous_seconds})"),
    "event_frozen_again": ("Picture frozen: the same image as the previous snapshot (again; the "
                           "previous time lasted about {previous_seconds})"),
    "event_looking_away_again": ("Head turned away from the screen (again; the previous time "
                                 "lasted about {previous_seconds})"),
    # -- accommodation-words: an accommodation set, composed from its parts -----------------
    "event_accommodation_set": "{accommodation}",
}
#: Parameters holding a number (besides ``*_seconds``): a client writes them in its digits.
EVENT_NUMERIC_PARAMS = frozenset({"minutes", "faces", "count", "days", "percent"})


class Said(str):
    """An event detail the center wrote: its English sentence (the ``str`` itself, stored as
    the event's ``detail``) that remembers its ``code`` and ``params``."""

    code: str
    params: dict[str, Any]

    def __new__(cls, sentence: str, code: str, params: Mapping[str, Any] | None = None) -> Said:
        if code not in EVENT_MESSAGES:
            raise ValueError(f"unknown event detail code {code!r}")
        said = super().__new__(cls, sentence)
        said.code = code
        said.params = dict(params or {})
        return said

    def __reduce__(self) -> tuple[Any, ...]:
        return (Said, (str(self), self.code, self.params))


def words_of(detail: str | None) -> tuple[str | None, dict[str, Any] | None]:
    """A detail's (code, params): those of a ``Said``, (None, None) for any other text."""
    if isinstance(detail, Said):
        return detail.code, dict(detail.params)
    return None, None


def session_started(name: str, exam_title: str) -> Said:
    return Said(f"{name} started {exam_title}", "event_session_started",
                {"name": name, "exam": exam_title})


def closed_by_sweeper(status: str) -> Said:
    return Said(f"Closed by the sweeper ({status})", "event_closed_by_sweeper",
                {"status": str(status)})


def short_duration(seconds: int) -> str:
    """``75`` -> ``1 min 15 s`` (minutes and seconds, as a pause's detail says it)."""
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" + (f" {rest} s" if rest else "")


def resumed(paused_seconds: int) -> Said:
    return Said(f"Paused for {short_duration(paused_seconds)}; the time was given back",
                "event_resumed", {"paused_seconds": paused_seconds})


def time_added(minutes: int, reason: str) -> Said:
    return Said(f"+{minutes} min: {reason}", "event_time_added",
                {"minutes": minutes, "reason": reason})


def reviewed(outcome: str, note: str | None) -> Said:
    if note:
        return Said(f"{outcome} — {note}", "event_reviewed_with_note",
                    {"outcome": outcome, "note": note})
    return Said(outcome, "event_reviewed", {"outcome": outcome})


def media_purged_params(count: int, days: float) -> dict[str, Any]:
    """The parameters of a purge's sentence (``event_media_purged``); its detail also holds
    the record of what it removed (``core.domain.evidence.purge_detail``)."""
    return {"count": count, "days": int(days) if float(days).is_integer() else days}


#: A detail code a client sends with its own sentence: 1 to 60 of a-z, 0-9 and '_'.
CLIENT_DETAIL_CODE = re.compile(r"^[a-z0-9_]{1,60}$")
#: A parameter's name: 1 to 40 of a-z, 0-9 and '_'.
CLIENT_PARAM_NAME = re.compile(r"^[a-z0-9_]{1,40}$")
MAX_CLIENT_PARAMS = 10
MAX_CLIENT_PARAM_TEXT = 300


def checked_client_words(code: str | None, params: Mapping[str, Any] | None
                         ) -> tuple[str | None, dict[str, Any] | None]:
    """A client's ``detail_code`` and ``detail_params`` once their shape is acceptable (a
    short code; at most ``MAX_CLIENT_PARAMS`` parameters, each a string of at most
    ``MAX_CLIENT_PARAM_TEXT`` characters or a number); ValueError with a sentence otherwise.
    The code itself is the client's: the center does not need to know it."""
    if code is None:
        if params:
            raise ValueError("detail_params are given only with a detail_code.")
        return None, None
    if not CLIENT_DETAIL_CODE.match(code):
        raise ValueError("detail_code must be 1 to 60 characters of a-z, 0-9 and '_'.")
    if params is None:
        return code, {}
    if not isinstance(params, Mapping):
        raise ValueError("detail_params must be an object of names to strings or numbers.")
    if len(params) > MAX_CLIENT_PARAMS:
        raise ValueError(f"detail_params can hold at most {MAX_CLIENT_PARAMS} values.")
    checked: dict[str, Any] = {}
    for name, value in params.items():
        if not isinstance(name, str) or not CLIENT_PARAM_NAME.match(name):
            raise ValueError("A name in detail_params must be 1 to 40 characters of a-z, 0-9 "
                             "and '_'.")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"detail_params.{name} must be a string or a number.")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"detail_params.{name} must be a finite number.")
        if isinstance(value, str) and len(value) > MAX_CLIENT_PARAM_TEXT:
            raise ValueError(f"detail_params.{name} can be at most {MAX_CLIENT_PARAM_TEXT} "
                             "characters.")
        checked[name] = value
    return code, checked

"""Pydantic request bodies, with their validation, and the error body. Field names are the API
contract (core/api/reference.md); the answers are the records of core/domain/records.py."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

#: Control characters (Unicode category Cc: U+0000-U+001F and U+007F-U+009F); a multi-line
#: field may hold newline and tab.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
CONTROL_BUT_NEWLINE_AND_TAB = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _checked(value: str, refused: re.Pattern[str]) -> str:
    """Refuse text that cannot be stored and shown as it was sent: control characters (NUL,
    escape, carriage return...) and unpaired surrogates."""
    found = refused.search(value)
    if found is not None:
        raise PydanticCustomError(
            "control_character",
            "control characters are not accepted (found U+{code} at position {position})",
            {"code": f"{ord(found.group()):04X}", "position": found.start()},
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise PydanticCustomError("unicode", "text must be valid Unicode") from None
    return value


def _one_line(value: str) -> str:
    return _checked(value, CONTROL)


def _multi_line(value: str) -> str:
    return _checked(value, CONTROL_BUT_NEWLINE_AND_TAB)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank", "it must hold more than white space")
    return value


#: One line of text (names, titles, ids, reasons from a list): no control character at all.
Line = Annotated[str, AfterValidator(_one_line)]
#: A required line: also more than white space (surrounding white space is trimmed on storing).
RequiredLine = Annotated[str, AfterValidator(_one_line), AfterValidator(_not_blank)]
#: Free text that may span lines (details, notes, messages): newline and tab are accepted.
Lines = Annotated[str, AfterValidator(_multi_line)]
RequiredLines = Annotated[str, AfterValidator(_multi_line), AfterValidator(_not_blank)]


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ExamCreate(Body):
    title: RequiredLine = Field(min_length=1, max_length=200)
    duration_seconds: int = Field(ge=1, le=7 * 24 * 3600, strict=True)
    proctoring_enabled: bool = Field(default=True, strict=True)
    snapshot_interval_seconds: int = Field(default=30, ge=2, le=3600, strict=True)


class ExamPatch(Body):
    """An edit: the fields given change, the others stay."""

    title: RequiredLine | None = Field(default=None, min_length=1, max_length=200)
    duration_seconds: int | None = Field(default=None, ge=1, le=7 * 24 * 3600, strict=True)
    proctoring_enabled: bool | None = Field(default=None, strict=True)
    snapshot_interval_seconds: int | None = Field(default=None, ge=2, le=3600, strict=True)


class ReadinessOverrideRequest(Body):
    reason: RequiredLine = Field(min_length=1, max_length=200,
                                 description="Why the proctor lets the kiosk start anyway")
    not_ready: list[Line] = Field(default_factory=list, max_length=4,
                                  description="What the kiosk's readiness check found NOT READY")


class AttemptStart(Body):
    exam_id: Line = Field(min_length=1, max_length=64)
    candidate_ref: RequiredLine = Field(min_length=1, max_length=100)
    candidate_name: RequiredLine = Field(min_length=1, max_length=200)
    seat: Line | None = Field(default=None, max_length=40,
                              description='Where the candidate sits, e.g. "B-14"')
    external_ref: Line | None = Field(default=None, max_length=200,
                                      description="The exam system's own id of this attempt")
    room: Line | None = Field(default=None, max_length=40,
                              description='The exam room, e.g. "Hall 2" (from the enrolment)')
    readiness_override: ReadinessOverrideRequest | None = Field(
        default=None, description="A proctor lets a kiosk that is not ready start: only with "
                                  "a proctor token or the admin key; on the session's timeline")


class SubmitRequest(Body):
    submitted_at: datetime | None = Field(
        default=None,
        description="When the candidate pressed Submit, for a hand-in the kiosk kept while it "
                    "could not reach the center")


class EventCreate(Body):
    type: Line = Field(min_length=1, max_length=40)
    detail: Lines | None = Field(default=None, max_length=1000)
    occurred_at: datetime | None = None
    event_id: Line | None = Field(default=None, min_length=1, max_length=64)
    cause: Line | None = Field(
        default=None, max_length=40,
        description="upload_failed only: center_unreachable (no answer), center_error (5xx) or "
                    "refused (4xx, the default). Only refused weighs on the risk.")
    detail_code: Line | None = Field(
        default=None, max_length=60,
        description="The code of the kiosk's template of detail (1 to 60 of a-z, 0-9, '_'), "
                    "so that a console in another language says it in its own words; stored "
                    "and returned as sent.")
    detail_params: dict[str, Any] | None = Field(
        default=None,
        description="With detail_code: the values its template names (at most 10; each a "
                    "string of at most 300 characters or a number; times ISO 8601, durations "
                    "in whole seconds under names ending in _seconds).")


class ForceEnd(Body):
    reason: Lines | None = Field(default=None, max_length=1000)


class FlagRequest(Body):
    reason: RequiredLine = Field(min_length=1, max_length=200)
    note: Lines | None = Field(default=None, max_length=2000)


class WarnRequest(Body):
    message: RequiredLines = Field(min_length=1, max_length=2000)


class TerminateRequest(Body):
    reason: RequiredLines = Field(min_length=1, max_length=2000)


class PauseRequest(Body):
    reason: RequiredLine = Field(min_length=1, max_length=200,
                                 description="Shown to the candidate while paused")


class AlertRequest(Body):
    alert: RequiredLine = Field(min_length=1, max_length=120, description=(
        "The alert's key: high_risk, camera_off, silent_kiosk or "
        "unanswered_warning:<warning_id>"))


class ExtraTimeRequest(Body):
    minutes: int = Field(ge=1, le=600, strict=True)
    reason: RequiredLine = Field(min_length=1, max_length=200)


class AccommodationRequest(Body):
    extra_percent: int | None = Field(default=None, ge=0, le=300, strict=True,
                                      description="Percent of the exam's duration added")
    extra_minutes: int | None = Field(default=None, ge=0, le=1440, strict=True)
    exempt: list[Annotated[str, AfterValidator(_one_line), Field(max_length=40)]] | None = \
        Field(default=None, max_length=20,
              description="Event types that do not weigh on this candidate's risk")
    note: Lines | None = Field(default=None, max_length=1000)


class ReviewRequest(Body):
    outcome: Literal["no_issue", "suspicious", "violation"]
    note: Lines | None = Field(default=None, max_length=2000)


# ---- proctor accounts ---------------------------------------------------------------------------
class ProctorCreate(Body):
    username: RequiredLine = Field(min_length=1, max_length=64)
    display_name: RequiredLine = Field(min_length=1, max_length=100)
    password: Line = Field(min_length=10, max_length=1024)


class Login(Body):
    username: Line = Field(min_length=1, max_length=200)
    password: Line = Field(min_length=1, max_length=1024)


class ErrorBody(BaseModel):
    detail: str = Field(description="A sentence a person understands (English)")
    code: str | None = Field(default=None, description=(
        "Present when the sentence is one of the center's catalogue (core/domain/messages.py): "
        "a stable code a client translates; an unknown code: show detail"))
    params: dict[str, str] | None = Field(default=None, description=(
        "With code: the named parameters of its sentence, as strings"))

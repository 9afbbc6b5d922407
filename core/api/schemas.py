"""Pydantic request and response bodies. Field names are the API contract
(core/api/reference.md)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

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


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class ExamCreate(Body):
    title: RequiredLine = Field(min_length=1, max_length=200)
    duration_seconds: int = Field(ge=1, le=7 * 24 * 3600, strict=True)
    proctoring_enabled: bool = Field(default=True, strict=True)
    snapshot_interval_seconds: int = Field(default=30, ge=2, le=3600, strict=True)


class ExamView(BaseModel):
    exam_id: str
    title: str
    duration_seconds: int
    proctoring_enabled: bool
    snapshot_interval_seconds: int
    created_at: datetime
    is_archived: bool = False
    attempt_count: int = 0


class ExamPatch(Body):
    """An edit: the fields given change, the others stay."""

    title: RequiredLine | None = Field(default=None, min_length=1, max_length=200)
    duration_seconds: int | None = Field(default=None, ge=1, le=7 * 24 * 3600, strict=True)
    proctoring_enabled: bool | None = Field(default=None, strict=True)
    snapshot_interval_seconds: int | None = Field(default=None, ge=2, le=3600, strict=True)


class AttemptStart(Body):
    exam_id: Line = Field(min_length=1, max_length=64)
    candidate_ref: RequiredLine = Field(min_length=1, max_length=100)
    candidate_name: RequiredLine = Field(min_length=1, max_length=200)
    seat: Line | None = Field(default=None, max_length=40,
                              description='Where the candidate sits, e.g. "B-14"')


class AttemptStarted(BaseModel):
    attempt_id: str
    token: str
    status: str
    started_at: datetime
    deadline_at: datetime
    snapshot_interval_seconds: int
    proctor_session_id: str | None
    exam_id: str
    exam_title: str
    seat: str | None = None


class WarningView(BaseModel):
    warning_id: str
    message: str
    sent_at: datetime
    acknowledged_at: datetime | None


class AttemptView(BaseModel):
    attempt_id: str
    status: str
    started_at: datetime
    deadline_at: datetime
    ended_at: datetime | None
    remaining_seconds: int
    proctor_session_status: str | None
    warnings: list[WarningView]
    exam_id: str
    exam_title: str
    candidate_ref: str
    candidate_name: str
    snapshot_interval_seconds: int
    proctor_session_id: str | None
    seat: str | None = None


class EventCreate(Body):
    type: Line = Field(min_length=1, max_length=40)
    detail: Lines | None = Field(default=None, max_length=1000)
    occurred_at: datetime | None = None
    event_id: Line | None = Field(default=None, min_length=1, max_length=64)


class EventCreated(BaseModel):
    event_id: str


class EventView(BaseModel):
    event_id: str
    type: str
    detail: str | None
    occurred_at: datetime
    source: str
    actor: str | None = Field(
        default=None, description="Who caused it; null on kiosk, analysis and system events")


class ForceEnd(Body):
    reason: Lines | None = Field(default=None, max_length=1000)


class SessionView(BaseModel):
    session_id: str
    attempt_id: str
    candidate_name: str
    candidate_ref: str
    exam_id: str
    exam_title: str
    status: str
    started_at: datetime
    ended_at: datetime | None
    deadline_at: datetime
    snapshot_count: int
    last_snapshot_at: datetime | None
    latest_snapshot_id: str | None
    risk_score: int = Field(ge=0, le=100)
    risk_level: Literal["low", "medium", "high"]
    is_flagged: bool
    is_sample: bool
    attempt_status: str
    snapshot_interval_seconds: int
    latest_face_count: int | None
    camera_off: bool = False
    seat: str | None = None
    flagged_by: str | None = Field(default=None, description="The actor of the flag")
    flag_reason: str | None
    flag_note: str | None
    review_outcome: str | None
    review_note: str | None
    reviewed_at: datetime | None
    #: The latest warning to this session: when it was sent, and when the kiosk acknowledged it.
    warning_sent_at: datetime | None = None
    warning_acknowledged_at: datetime | None = None
    #: When the kiosk said its window was closed mid-exam (null once it sent a snapshot again).
    kiosk_closed_at: datetime | None = None


class SessionDetailView(SessionView):
    events: list[EventView]
    warnings: list[WarningView]


class SnapshotUploaded(BaseModel):
    snapshot_id: str
    captured_at: datetime
    received_at: datetime
    width: int
    height: int
    size_bytes: int


class SnapshotView(BaseModel):
    snapshot_id: str
    captured_at: datetime
    received_at: datetime
    width: int
    height: int
    size_bytes: int
    face_count: int | None
    analysis: str | None


class SnapshotDetailView(SnapshotView):
    session_id: str


class FlagRequest(Body):
    reason: RequiredLine = Field(min_length=1, max_length=200)
    note: Lines | None = Field(default=None, max_length=2000)


class WarnRequest(Body):
    message: RequiredLines = Field(min_length=1, max_length=2000)


class WarningCreated(BaseModel):
    warning_id: str


class TerminateRequest(Body):
    reason: RequiredLines = Field(min_length=1, max_length=2000)


class ReviewRequest(Body):
    outcome: Literal["no_issue", "suspicious", "violation"]
    note: Lines | None = Field(default=None, max_length=2000)


class StorageView(BaseModel):
    files: int
    bytes: int
    free_bytes: int = Field(description="free space on the file system of the media root")
    total_bytes: int
    level: Literal["ok", "low", "full"] = Field(
        description="low under 1 GiB or 5 % free, full under 16 MiB free")


# ---- proctor accounts ---------------------------------------------------------------------------
class ProctorCreate(Body):
    username: RequiredLine = Field(min_length=1, max_length=64)
    display_name: RequiredLine = Field(min_length=1, max_length=100)
    password: Line = Field(min_length=10, max_length=1024)


class ProctorView(BaseModel):
    proctor_id: str
    username: str
    display_name: str
    created_at: datetime
    is_disabled: bool


class Login(Body):
    username: Line = Field(min_length=1, max_length=200)
    password: Line = Field(min_length=1, max_length=1024)


class LoginResult(BaseModel):
    token: str
    expires_at: datetime
    proctor: ProctorView


class ErrorBody(BaseModel):
    detail: str

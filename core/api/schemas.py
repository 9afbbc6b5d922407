"""Pydantic request and response bodies. Field names are the API contract (docs/api.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


def _encodable(value: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("text must be valid Unicode") from None
    return value


Text = Annotated[str, AfterValidator(_encodable)]


class Body(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class ExamCreate(Body):
    title: Text = Field(min_length=1, max_length=200)
    duration_seconds: int = Field(ge=1, le=7 * 24 * 3600)
    proctoring_enabled: bool = True
    snapshot_interval_seconds: int = Field(default=30, ge=2, le=3600)


class ExamView(BaseModel):
    exam_id: str
    title: str
    duration_seconds: int
    proctoring_enabled: bool
    snapshot_interval_seconds: int
    created_at: datetime


class AttemptStart(Body):
    exam_id: Text = Field(min_length=1, max_length=64)
    candidate_ref: Text = Field(min_length=1, max_length=100)
    candidate_name: Text = Field(min_length=1, max_length=200)
    seat: Text | None = Field(default=None, max_length=40,
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
    type: Text = Field(min_length=1, max_length=40)
    detail: Text | None = Field(default=None, max_length=1000)
    occurred_at: datetime | None = None
    event_id: Text | None = Field(default=None, min_length=1, max_length=64)


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
    reason: Text | None = Field(default=None, max_length=1000)


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


class FlagRequest(Body):
    reason: Text = Field(min_length=1, max_length=200)
    note: Text | None = Field(default=None, max_length=2000)


class WarnRequest(Body):
    message: Text = Field(min_length=1, max_length=2000)


class WarningCreated(BaseModel):
    warning_id: str


class TerminateRequest(Body):
    reason: Text = Field(min_length=1, max_length=2000)


class ReviewRequest(Body):
    outcome: Literal["no_issue", "suspicious", "violation"]
    note: Text | None = Field(default=None, max_length=2000)


class StorageView(BaseModel):
    files: int
    bytes: int


# ---- proctor accounts ---------------------------------------------------------------------------
class ProctorCreate(Body):
    username: Text = Field(min_length=1, max_length=64)
    display_name: Text = Field(min_length=1, max_length=100)
    password: Text = Field(min_length=10, max_length=1024)


class ProctorView(BaseModel):
    proctor_id: str
    username: str
    display_name: str
    created_at: datetime
    is_disabled: bool


class Login(Body):
    username: Text = Field(min_length=1, max_length=200)
    password: Text = Field(min_length=1, max_length=1024)


class LoginResult(BaseModel):
    token: str
    expires_at: datetime
    proctor: ProctorView


class ErrorBody(BaseModel):
    detail: str

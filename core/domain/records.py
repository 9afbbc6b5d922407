"""The records: frozen dataclasses, one per shape, that leave the core's services and cross
the wire as they are (the API's response models; both clients read its answers back into them).

Pure: the standard library and typing only. Field docstrings (``use_attribute_docstrings``)
become the field descriptions of the API reference."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class StorageStats:
    """How many files the media root holds and their size in bytes."""

    files: int
    bytes: int


@dataclass(frozen=True)
class ExamDTO:
    exam_id: str
    title: str
    duration_seconds: int
    proctoring_enabled: bool
    snapshot_interval_seconds: int
    created_at: datetime
    #: Hidden from kiosks' exam list; attempts already running go on.
    is_archived: bool = False
    #: Attempts ever started (any status); once there is one, only the title may change.
    attempt_count: int = 0


@dataclass(frozen=True)
class StartedAttempt:
    attempt_id: str
    token: str
    status: str
    started_at: datetime
    deadline_at: datetime
    snapshot_interval_seconds: int
    proctor_session_id: str | None
    exam_id: str
    exam_title: str
    is_new: bool
    seat: str | None = None


@dataclass(frozen=True)
class WarningDTO:
    warning_id: str
    message: str
    sent_at: datetime
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class AttemptState:
    attempt_id: str
    exam_id: str
    exam_title: str
    candidate_ref: str
    candidate_name: str
    status: str
    started_at: datetime
    deadline_at: datetime
    ended_at: datetime | None
    remaining_seconds: int
    snapshot_interval_seconds: int
    proctor_session_id: str | None
    proctor_session_status: str | None
    warnings: tuple[WarningDTO, ...]
    seat: str | None = None


@dataclass(frozen=True)
class SessionDTO:
    session_id: str
    attempt_id: str
    candidate_name: str
    candidate_ref: str
    exam_id: str
    exam_title: str
    status: str
    attempt_status: str
    started_at: datetime
    ended_at: datetime | None
    deadline_at: datetime
    snapshot_interval_seconds: int
    snapshot_count: int
    last_snapshot_at: datetime | None
    latest_snapshot_id: str | None
    latest_face_count: int | None
    risk_score: int
    risk_level: str
    is_flagged: bool
    flag_reason: str | None
    flag_note: str | None
    review_outcome: str | None
    review_note: str | None
    reviewed_at: datetime | None
    is_sample: bool = False
    #: The kiosk reported its camera unavailable and has not reported it back yet.
    camera_off: bool = False
    #: When the latest proctor warning was sent, and when the candidate acknowledged it.
    warning_sent_at: datetime | None = None
    warning_acknowledged_at: datetime | None = None
    #: When the kiosk of this live session said its window was closed (``kiosk_closed``
    #: event), if it has sent no snapshot since; else None.
    kiosk_closed_at: datetime | None = None
    #: Where the candidate sits, as the kiosk said; None when not given.
    seat: str | None = None
    #: Who flagged the session last (an actor); None when it is not flagged.
    flagged_by: str | None = None


@dataclass(frozen=True)
class EventDTO:
    event_id: str
    session_id: str
    type: str
    detail: str | None
    occurred_at: datetime
    source: str
    #: Who caused it: a proctor's display name, "admin", a console's desk name; None on kiosk,
    #: analysis and system events.
    actor: str | None = None


@dataclass(frozen=True)
class SessionDetail:
    session: SessionDTO
    events: tuple[EventDTO, ...]
    warnings: tuple[WarningDTO, ...]


@dataclass(frozen=True)
class SnapshotDTO:
    snapshot_id: str
    session_id: str
    captured_at: datetime
    received_at: datetime
    width: int
    height: int
    size_bytes: int
    face_count: int | None = None
    analysis: str | None = None


@dataclass(frozen=True)
class RecordedSnapshot:
    snapshot: SnapshotDTO
    is_new: bool


@dataclass(frozen=True)
class RecordedEvent:
    event: EventDTO
    is_new: bool



@dataclass(frozen=True)
class ProctorDTO:
    proctor_id: str
    username: str
    display_name: str
    created_at: datetime
    is_disabled: bool


@dataclass(frozen=True)
class SignedIn:
    token: str
    expires_at: datetime
    proctor: ProctorDTO


@dataclass(frozen=True)
class TokenHolder:
    """Who presented a valid proctor token: the proctor, and the token's stored digest."""

    proctor: ProctorDTO
    token_id: str

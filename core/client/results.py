"""The typed results of ProctorClient: frozen dataclasses read from the API's JSON answers
(times as aware datetimes), and the client's three errors. Import them from ``core.client``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from core.domain.lifecycle import remaining_seconds

Json = Mapping[str, Any]


class ApiError(Exception):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


class ServerUnreachable(Exception):
    """The server did not answer (down, wrong address, network fault, timeout)."""


class UnexpectedAnswer(Exception):
    """The server answered 2xx with a body that is not what the contract promises."""


# ---- results ---------------------------------------------------------------------------------
def _time(value: object) -> datetime:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str):
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    else:
        raise UnexpectedAnswer(f"{value!r} is not a time")
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _optional_time(value: object) -> datetime | None:
    return None if value is None else _time(value)


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _optional_int(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


T = TypeVar("T")


def _read(kind: type[T], body: object, build: Any) -> T:
    """``build(body)`` with a clear error when the body lacks a promised field."""
    if not isinstance(body, Mapping):
        raise UnexpectedAnswer(f"expected a JSON object for {kind.__name__}, got {body!r}")
    try:
        result: T = build(body)
    except (KeyError, TypeError, ValueError) as exc:
        raise UnexpectedAnswer(f"the server's {kind.__name__} is not readable ({exc!r})") from exc
    return result


def read_list(kind: type[T], body: object, build: Any) -> list[T]:
    if not isinstance(body, list):
        raise UnexpectedAnswer(f"expected a JSON list of {kind.__name__}, got {body!r}")
    return [_read(kind, item, build) for item in body]


@dataclass(frozen=True)
class Health:
    status: str
    version: str

    @classmethod
    def from_json(cls, body: object) -> Health:
        return _read(cls, body, lambda b: cls(str(b["status"]), str(b["version"])))


@dataclass(frozen=True)
class Exam:
    exam_id: str
    title: str
    duration_seconds: int
    proctoring_enabled: bool
    snapshot_interval_seconds: int

    @classmethod
    def from_json(cls, body: object) -> Exam:
        return _read(cls, body, lambda b: cls(
            str(b["exam_id"]), str(b["title"]), int(b["duration_seconds"]),
            bool(b["proctoring_enabled"]), int(b["snapshot_interval_seconds"])))


@dataclass(frozen=True)
class AttemptStart:
    """The answer to starting (or resuming) an attempt: its id, its token and its deadline."""

    attempt_id: str
    token: str
    status: str
    started_at: datetime
    deadline_at: datetime
    snapshot_interval_seconds: int
    proctor_session_id: str | None
    exam_id: str
    exam_title: str
    #: False when the server resumed this candidate's attempt in progress (200, not 201).
    is_new: bool = True

    @property
    def is_proctored(self) -> bool:
        return self.proctor_session_id is not None

    def time_left(self, now: datetime) -> int:
        """Whole seconds left at ``now``, by the one rule of the core (rounded up)."""
        return remaining_seconds(self.status, self.deadline_at, now)

    @classmethod
    def from_json(cls, body: object, is_new: bool = True) -> AttemptStart:
        return _read(cls, body, lambda b: cls(
            str(b["attempt_id"]), str(b["token"]), str(b["status"]), _time(b["started_at"]),
            _time(b["deadline_at"]), int(b["snapshot_interval_seconds"]),
            _optional_str(b["proctor_session_id"]), str(b["exam_id"]), str(b["exam_title"]),
            is_new))


@dataclass(frozen=True)
class ProctorWarning:
    """A proctor's message to the candidate (``acknowledged_at`` None until they confirm)."""

    warning_id: str
    message: str
    sent_at: datetime
    acknowledged_at: datetime | None

    @classmethod
    def from_json(cls, body: object) -> ProctorWarning:
        return _read(cls, body, lambda b: cls(
            str(b["warning_id"]), str(b["message"]), _time(b["sent_at"]),
            _optional_time(b["acknowledged_at"])))


@dataclass(frozen=True)
class AttemptState:
    """The attempt as the kiosk's heartbeat (and submit, force-end) sees it."""

    attempt_id: str
    status: str
    started_at: datetime
    deadline_at: datetime
    ended_at: datetime | None
    #: What the server computed when it answered.
    remaining_seconds: int
    proctor_session_status: str | None
    warnings: tuple[ProctorWarning, ...]
    exam_id: str
    exam_title: str
    candidate_ref: str
    candidate_name: str
    snapshot_interval_seconds: int
    proctor_session_id: str | None

    @property
    def is_in_progress(self) -> bool:
        return self.status == "in_progress"

    @property
    def open_warnings(self) -> tuple[ProctorWarning, ...]:
        return tuple(w for w in self.warnings if w.acknowledged_at is None)

    def time_left(self, now: datetime) -> int:
        """Whole seconds left at ``now``, by the one rule of the core (rounded up)."""
        return remaining_seconds(self.status, self.deadline_at, now)

    @classmethod
    def from_json(cls, body: object) -> AttemptState:
        return _read(cls, body, lambda b: cls(
            str(b["attempt_id"]), str(b["status"]), _time(b["started_at"]),
            _time(b["deadline_at"]), _optional_time(b["ended_at"]), int(b["remaining_seconds"]),
            _optional_str(b["proctor_session_status"]),
            tuple(ProctorWarning.from_json(w) for w in b["warnings"]), str(b["exam_id"]),
            str(b["exam_title"]), str(b["candidate_ref"]), str(b["candidate_name"]),
            int(b["snapshot_interval_seconds"]), _optional_str(b["proctor_session_id"])))


@dataclass(frozen=True)
class SnapshotReceipt:
    """The server has the snapshot (``is_new`` False: it had it already, stored once)."""

    snapshot_id: str
    captured_at: datetime
    received_at: datetime
    width: int
    height: int
    size_bytes: int
    status: int

    @property
    def is_new(self) -> bool:
        return self.status == 201

    @classmethod
    def from_json(cls, body: object, status: int) -> SnapshotReceipt:
        return _read(cls, body, lambda b: cls(
            str(b["snapshot_id"]), _time(b["captured_at"]), _time(b["received_at"]),
            int(b["width"]), int(b["height"]), int(b["size_bytes"]), status))


@dataclass(frozen=True)
class EventReceipt:
    event_id: str
    is_new: bool

    @classmethod
    def from_json(cls, body: object, status: int) -> EventReceipt:
        return _read(cls, body, lambda b: cls(str(b["event_id"]), status == 201))


@dataclass(frozen=True)
class WarningSent:
    warning_id: str

    @classmethod
    def from_json(cls, body: object) -> WarningSent:
        return _read(cls, body, lambda b: cls(str(b["warning_id"])))


@dataclass(frozen=True)
class SessionEvent:
    event_id: str
    type: str
    detail: str | None
    occurred_at: datetime
    source: str

    @classmethod
    def from_json(cls, body: object) -> SessionEvent:
        return _read(cls, body, lambda b: cls(
            str(b["event_id"]), str(b["type"]), _optional_str(b["detail"]),
            _time(b["occurred_at"]), str(b["source"])))


def _session_fields(b: Json) -> dict[str, Any]:
    return {
        "session_id": str(b["session_id"]), "attempt_id": str(b["attempt_id"]),
        "candidate_name": str(b["candidate_name"]), "candidate_ref": str(b["candidate_ref"]),
        "exam_id": str(b["exam_id"]), "exam_title": str(b["exam_title"]),
        "status": str(b["status"]), "attempt_status": str(b["attempt_status"]),
        "started_at": _time(b["started_at"]), "ended_at": _optional_time(b["ended_at"]),
        "deadline_at": _time(b["deadline_at"]), "snapshot_count": int(b["snapshot_count"]),
        "last_snapshot_at": _optional_time(b["last_snapshot_at"]),
        "latest_snapshot_id": _optional_str(b["latest_snapshot_id"]),
        "risk_score": int(b["risk_score"]), "risk_level": str(b["risk_level"]),
        "is_flagged": bool(b["is_flagged"]), "is_sample": bool(b["is_sample"]),
        "camera_off": bool(b.get("camera_off", False)),
        "flag_reason": _optional_str(b.get("flag_reason")),
        "flag_note": _optional_str(b.get("flag_note")),
        "snapshot_interval_seconds": int(b.get("snapshot_interval_seconds", 30)),
        "latest_face_count": _optional_int(b.get("latest_face_count")),
        "review_outcome": _optional_str(b.get("review_outcome")),
        "review_note": _optional_str(b.get("review_note")),
        "reviewed_at": _optional_time(b.get("reviewed_at")),
    }


@dataclass(frozen=True)
class Session:
    """A proctor session as the proctor's lists show it."""

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
    snapshot_count: int
    last_snapshot_at: datetime | None
    latest_snapshot_id: str | None
    risk_score: int
    risk_level: str
    is_flagged: bool
    is_sample: bool
    camera_off: bool
    flag_reason: str | None
    flag_note: str | None
    snapshot_interval_seconds: int
    latest_face_count: int | None
    review_outcome: str | None
    review_note: str | None
    reviewed_at: datetime | None

    @classmethod
    def from_json(cls, body: object) -> Session:
        return _read(cls, body, lambda b: cls(**_session_fields(b)))


@dataclass(frozen=True)
class SessionDetail(Session):
    """A session with its timeline (newest first) and its warnings."""

    events: tuple[SessionEvent, ...] = ()
    warnings: tuple[ProctorWarning, ...] = ()

    @classmethod
    def from_json(cls, body: object) -> SessionDetail:
        return _read(cls, body, lambda b: cls(
            **_session_fields(b), events=tuple(SessionEvent.from_json(e) for e in b["events"]),
            warnings=tuple(ProctorWarning.from_json(w) for w in b["warnings"])))


@dataclass(frozen=True)
class SnapshotInfo:
    snapshot_id: str
    captured_at: datetime
    received_at: datetime
    width: int
    height: int
    size_bytes: int
    face_count: int | None
    analysis: str | None

    @classmethod
    def from_json(cls, body: object) -> SnapshotInfo:
        return _read(cls, body, lambda b: cls(
            str(b["snapshot_id"]), _time(b["captured_at"]), _time(b["received_at"]),
            int(b["width"]), int(b["height"]), int(b["size_bytes"]),
            _optional_int(b.get("face_count")), _optional_str(b.get("analysis"))))

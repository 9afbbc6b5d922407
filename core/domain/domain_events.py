"""Domain events published on the core's bus after a transaction commits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SessionChanged:
    """A session was created, ended, flagged, warned, reviewed, its risk or camera changed."""

    session_id: str
    status: str
    change: str


@dataclass(frozen=True)
class SnapshotRecorded:
    session_id: str
    snapshot_id: str


@dataclass(frozen=True)
class EventRecorded:
    session_id: str
    event_id: str
    type: str


@dataclass(frozen=True)
class SnapshotAnalysed:
    session_id: str
    snapshot_id: str
    face_count: int | None
    cues: tuple[str, ...]


@dataclass(frozen=True)
class ExamsChanged:
    exam_id: str


DomainEvent = SessionChanged | SnapshotRecorded | EventRecorded | SnapshotAnalysed | ExamsChanged

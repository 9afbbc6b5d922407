"""ExamView: what the exam page shows, as one immutable value the controller hands it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ExamView:
    exam_title: str = ""
    candidate_name: str = ""
    candidate_ref: str = ""
    seat: str = ""
    is_proctored: bool = True
    snapshot_interval_seconds: float = 30.0
    deadline_at: datetime | None = None
    seconds_left: int | None = None
    camera_error: str | None = None
    is_camera_live: bool = False
    is_connection_lost: bool = False
    connection_message: str = ""
    upload_error: str | None = None
    pending_snapshots: int = 0
    uploaded_count: int = 0
    last_uploaded_at: datetime | None = None
    is_submitting: bool = False
    is_ended: bool = False
    is_paused: bool = False

"""The two in-memory sample sessions shown when nothing real is active (never stored)."""

from __future__ import annotations

from datetime import datetime, timedelta

from core.domain.enums import AttemptStatus, SessionStatus
from core.domain.records import SessionDTO
from core.domain.risk import risk_level

SAMPLE_PREFIX = "sample-"


def is_sample_id(session_id: str) -> bool:
    return session_id.startswith(SAMPLE_PREFIX)


def sample_sessions(now: datetime) -> list[SessionDTO]:
    """Exactly two, with stable ids and content; times follow the clock so they look alive."""
    specs = (
        ("sample-1", "Sarah Ahmed", "SAMPLE-001", 12, 14),
        ("sample-2", "Omar Khalid", "SAMPLE-002", 35, 9),
    )
    sessions = []
    for session_id, name, ref, risk, minutes_in in specs:
        started_at = (now - timedelta(minutes=minutes_in)).replace(microsecond=0)
        sessions.append(
            SessionDTO(
                session_id=session_id,
                attempt_id=f"{session_id}-attempt",
                candidate_name=name,
                candidate_ref=ref,
                exam_id="sample-exam",
                exam_title="Sample exam (demo data)",
                status=SessionStatus.ACTIVE,
                attempt_status=AttemptStatus.IN_PROGRESS,
                started_at=started_at,
                ended_at=None,
                deadline_at=started_at + timedelta(minutes=60),
                snapshot_interval_seconds=30,
                snapshot_count=0,
                last_snapshot_at=None,
                latest_snapshot_id=None,
                latest_face_count=None,
                risk_score=risk,
                risk_level=risk_level(risk),
                is_flagged=False,
                flag_reason=None,
                flag_note=None,
                review_outcome=None,
                review_note=None,
                reviewed_at=None,
                is_sample=True,
            )
        )
    return sessions

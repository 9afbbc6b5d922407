"""The lifecycle policy of PRODUCT.md as pure functions: how an attempt ends, and what its
proctor session becomes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from core.domain.enums import AttemptStatus, SessionStatus


class EndReason(StrEnum):
    SUBMITTED = "submitted"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    FORCE_ENDED = "force_ended"


#: The policy table: event -> (attempt status, proctor-session status).
POLICY: dict[EndReason, tuple[AttemptStatus, SessionStatus]] = {
    EndReason.SUBMITTED: (AttemptStatus.SUBMITTED, SessionStatus.COMPLETED),
    EndReason.EXPIRED: (AttemptStatus.EXPIRED, SessionStatus.COMPLETED),
    EndReason.TERMINATED: (AttemptStatus.TERMINATED, SessionStatus.CANCELLED),
    EndReason.FORCE_ENDED: (AttemptStatus.TERMINATED, SessionStatus.CANCELLED),
}


def outcome_of(reason: EndReason) -> tuple[AttemptStatus, SessionStatus]:
    return POLICY[reason]


def is_overdue(status: str, deadline_at: datetime, now: datetime) -> bool:
    return status == AttemptStatus.IN_PROGRESS and now >= deadline_at


def remaining_seconds(status: str, deadline_at: datetime, now: datetime) -> int:
    if status != AttemptStatus.IN_PROGRESS:
        return 0
    return max(0, int((deadline_at - now).total_seconds() + 0.999))

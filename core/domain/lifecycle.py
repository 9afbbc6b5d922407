"""The lifecycle policy as pure functions: how an attempt ends, what its proctor session
becomes, and how much time an attempt has left.

An attempt is ``in_progress`` until one of four endings (``EndReason``) happens. Each ending
sets the attempt's status and closes its proctor session with the status of ``POLICY``: a
submitted or expired attempt *completes* its session, a terminated or force-ended one *cancels*
it. Every other rule here is derived from that table, so changing the table changes them all.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from enum import StrEnum

from core.domain.clock import utc
from core.domain.enums import AttemptStatus, SessionStatus
from core.domain.errors import Conflict, InvalidInput
from core.domain.event_details import Said
from core.domain.messages import time_param


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


def _session_status_by_attempt_status() -> dict[AttemptStatus, SessionStatus]:
    table: dict[AttemptStatus, SessionStatus] = {AttemptStatus.IN_PROGRESS: SessionStatus.ACTIVE}
    for attempt_status, session_status in POLICY.values():
        if table.setdefault(attempt_status, session_status) != session_status:
            raise ValueError(f"POLICY closes sessions of {attempt_status} attempts two ways")
    return table


_SESSION_STATUS_OF = _session_status_by_attempt_status()


def outcome_of(reason: EndReason) -> tuple[AttemptStatus, SessionStatus]:
    return POLICY[reason]


def session_status_for(attempt_status: str) -> SessionStatus:
    """The status a proctor session has while its attempt has ``attempt_status``: ``active``
    while it is in progress, else the one ``POLICY`` gives the ending that set that status
    (e.g. for closing a session whose attempt ended without it)."""
    return _SESSION_STATUS_OF[AttemptStatus(attempt_status)]


def is_live(session_status: str) -> bool:
    """A proctor session is live (takes snapshots and events, counts down) while active."""
    return session_status == SessionStatus.ACTIVE


def is_overdue(status: str, deadline_at: datetime, now: datetime,
               paused_at: datetime | None = None) -> bool:
    """An in-progress attempt is overdue from its deadline on (at the deadline exactly); a
    paused one never is: its clock stands still until it is resumed."""
    return status == AttemptStatus.IN_PROGRESS and paused_at is None and now >= deadline_at


def remaining_seconds(status: str, deadline_at: datetime, now: datetime,
                      paused_at: datetime | None = None) -> int:
    """Whole seconds left, rounded up (0.1 s left is 1 s: time is never shown as up before it
    is); 0 at and after the deadline and for an attempt that has ended. While paused (since
    ``paused_at``) the time left is what it was when the pause began."""
    if status != AttemptStatus.IN_PROGRESS:
        return 0
    if paused_at is not None:
        now = min(now, paused_at)
    return max(0, math.ceil((deadline_at - now).total_seconds()))


def resumed_deadline(deadline_at: datetime, paused_at: datetime, now: datetime) -> datetime:
    """The deadline after a pause from ``paused_at`` to ``now``: moved by the paused time."""
    return deadline_at + max(now - paused_at, timedelta(0))


#: Extra time a proctor may give at once, in minutes.
MAX_EXTRA_MINUTES = 600

#: A late hand-in pressed this much before the kiosk's last contact still counts: the stored
#: contact time is coarse (written every few seconds) and a request may be in flight.
LAST_CONTACT_SLACK = timedelta(seconds=10)


def checked_extra_minutes(minutes: object) -> int:
    """Extra time as a proctor gives it: 1 to ``MAX_EXTRA_MINUTES`` whole minutes."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) \
            or not 1 <= minutes <= MAX_EXTRA_MINUTES:
        raise InvalidInput(code="extra_time_range", params={"max_minutes": MAX_EXTRA_MINUTES})
    return minutes


def check_late_hand_in(pressed: datetime, deadline_at: datetime,
                       last_contact: datetime | None) -> None:
    """An expired attempt's hand-in, pressed at ``pressed`` and arriving late, holds up when it
    was pressed before the time ran out and not long before the kiosk's last contact before the
    deadline (else the kiosk could have sent it then): Conflict with the sentence otherwise."""
    if pressed >= deadline_at:
        raise Conflict(code="submit_after_deadline",
                       params={"pressed_at": time_param(pressed),
                               "deadline_at": time_param(deadline_at)})
    if last_contact is not None and pressed < last_contact - LAST_CONTACT_SLACK:
        raise Conflict(code="submit_before_last_contact",
                       params={"pressed_at": time_param(pressed),
                               "last_contact_at": time_param(last_contact)})


def late_hand_in_detail(pressed: datetime, arrived: datetime) -> Said:
    """The timeline's line for a hand-in that arrived after the deadline."""
    return Said(f"Handed in at {time_in_sentence(pressed)}, arrived at "
                f"{time_in_sentence(arrived)} (the kiosk could not reach the center)",
                "event_handed_in_late",
                {"pressed_at": time_param(pressed), "arrived_at": time_param(arrived)})


def time_in_sentence(moment: datetime) -> str:
    """A time in a sentence, to the second: ``10:42:05 UTC``."""
    return utc(moment).strftime("%H:%M:%S UTC")

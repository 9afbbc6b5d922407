"""Is the kiosk there? One rule for every console, the alerts and the tests: a live session's
kiosk is *ok*, *offline* or *closed*, judged from when the center last heard from it.

- **Contact** is the latest of ``kiosk_seen_at`` (the last time the attempt's token was used
  for anything: heartbeat, upload, event, submit), ``last_snapshot_at`` (a stored frame proves
  the kiosk was there when it took it) and the session's start (before any call).
- **Offline**: no contact for more than ``OFFLINE_INTERVALS`` (2) snapshot intervals and at
  least ``OFFLINE_MIN_SECONDS`` (20 s, four of the kiosk's 5 s heartbeats). The kiosk calls the
  center every heartbeat whether its camera works or not, so a dead kiosk whose camera was off
  is offline as fast as a dead healthy one, and an alive kiosk whose camera is off is not:
  "Camera off" (``camera_off``) is its own badge and never decides this state.
- **Closed**: the kiosk said its window was closed (``kiosk_closed_at``, cleared by a later
  snapshot) and has not been in contact since, beyond ``CLOSED_GRACE_SECONDS`` (the closing
  kiosk's last calls). A kiosk restarted on the attempt is back as soon as it calls again.

The minimum covers the center's coarse record of heartbeats: a heartbeat is kept in memory
and written only when the stored time is ``CONTACT_WRITE_SECONDS`` old, by a flush every
``CONTACT_FLUSH_SECONDS``, so a stored contact of a live kiosk is at most about
heartbeat + write + flush = 12 s old.

Pure: no clock, no I/O, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

#: How often the kiosk asks the center for its attempt's state (its default heartbeat).
KIOSK_HEARTBEAT_SECONDS = 5
#: A kiosk is offline after this many snapshot intervals without contact...
OFFLINE_INTERVALS = 2
#: ...and at least this long: four heartbeats.
OFFLINE_MIN_SECONDS = 4 * KIOSK_HEARTBEAT_SECONDS
#: The center writes a kiosk's contact time when the stored one is at least this old.
CONTACT_WRITE_SECONDS = 5
#: How often the center writes the contact times it holds in memory.
CONTACT_FLUSH_SECONDS = 2.0
#: Calls within this long after the kiosk said it closed are its last words, not a return.
CLOSED_GRACE_SECONDS = 10


class KioskState(StrEnum):
    """What a live session's kiosk is doing, as far as the center can tell."""

    OK = "ok"
    #: No contact for longer than ``offline_after_seconds``.
    OFFLINE = "offline"
    #: The kiosk said its window was closed, and has not been in contact since.
    CLOSED = "closed"


@dataclass(frozen=True)
class KioskFacts:
    """What the rule needs of one session (from the session's record)."""

    started_at: datetime
    snapshot_interval_seconds: int
    kiosk_seen_at: datetime | None = None
    last_snapshot_at: datetime | None = None
    kiosk_closed_at: datetime | None = None
    #: An active, real session (ended sessions and samples have no kiosk to judge).
    is_live: bool = True


def offline_after_seconds(snapshot_interval_seconds: int) -> int:
    """How long a kiosk may be silent before it counts as offline."""
    return max(OFFLINE_MIN_SECONDS, OFFLINE_INTERVALS * max(1, snapshot_interval_seconds))


def last_contact_at(facts: KioskFacts) -> datetime:
    """The latest sign of the kiosk: a call, a stored frame, or the session's start."""
    return max(at for at in (facts.started_at, facts.kiosk_seen_at, facts.last_snapshot_at)
               if at is not None)


def silent_seconds(facts: KioskFacts, now: datetime) -> int:
    """Whole seconds since the last contact (0 when it is in the future of ``now``)."""
    return max(0, int((now - last_contact_at(facts)).total_seconds()))


def is_closed(facts: KioskFacts) -> bool:
    """The kiosk said its window closed and has not called since (beyond the grace)."""
    closed_at = facts.kiosk_closed_at
    if closed_at is None or not facts.is_live:
        return False
    return last_contact_at(facts) <= closed_at + timedelta(seconds=CLOSED_GRACE_SECONDS)


def is_offline(facts: KioskFacts, now: datetime) -> bool:
    """No contact for longer than the rule allows (closed or not)."""
    return facts.is_live and silent_seconds(facts, now) > offline_after_seconds(
        facts.snapshot_interval_seconds)


def kiosk_state(facts: KioskFacts, now: datetime) -> KioskState:
    """Closed first (it says why the kiosk is silent), then offline, else ok."""
    if is_closed(facts):
        return KioskState.CLOSED
    return KioskState.OFFLINE if is_offline(facts, now) else KioskState.OK

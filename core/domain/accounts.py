"""Proctor accounts as pure rules: what a username, display name, password and seat may be, who
an action is recorded as, when repeated failed sign-ins lock a username out (from one address),
and when an address has tried too many sign-ins or enrolment codes."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from core.domain.errors import InvalidInput
from core.domain.messages import MESSAGES

#: The actor recorded for what the admin key does.
ADMIN_ACTOR = "admin"

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
MAX_DISPLAY_NAME = 100
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
MAX_SEAT = 40
MAX_ROOM = 40
MAX_ACTOR = 100

#: This many failed sign-ins for one username from one client address within LOCKOUT_WINDOW
#: lock that username from that address for LOCKOUT_WINDOW (from another address it may still
#: sign in: a stranger cannot keep a proctor locked out).
LOCKOUT_FAILURES = 5
LOCKOUT_WINDOW = timedelta(minutes=5)
#: Failures older than this can no longer matter (a lock starts at most one window after the
#: first failure it counts, and lasts one window).
FAILURE_MEMORY = 2 * LOCKOUT_WINDOW
#: One client address may try this many sign-ins, whatever the usernames, within ADDRESS_WINDOW.
ADDRESS_SIGN_INS = 20
ADDRESS_WINDOW = timedelta(minutes=1)

#: The one sentence for a wrong username and a wrong password alike.
#: The sentence for a wrong username or password.
SIGN_IN_REFUSED = MESSAGES["sign_in_refused"]


def username_key(username: str) -> str:
    """Usernames are compared without case and surrounding spaces."""
    return username.strip().lower()


def clean_username(username: str) -> str:
    key = username_key(username)
    if not USERNAME.match(key):
        raise InvalidInput(code="username_invalid")
    return key


def _has_control_characters(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text)


def clean_display_name(display_name: str) -> str:
    name = display_name.strip()
    if not name or len(name) > MAX_DISPLAY_NAME:
        raise InvalidInput(code="display_name_length", params={"limit": MAX_DISPLAY_NAME})
    if _has_control_characters(name):
        raise InvalidInput(code="display_name_control")
    return name


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(code="password_too_short", params={"limit": MIN_PASSWORD})
    if len(password) > MAX_PASSWORD:
        raise InvalidInput(code="password_too_long", params={"limit": MAX_PASSWORD})


def clean_seat(seat: str | None) -> str | None:
    """A seat label such as "B-14"; blank means none."""
    if seat is None or not seat.strip():
        return None
    seat = seat.strip()
    if len(seat) > MAX_SEAT:
        raise InvalidInput(code="seat_too_long", params={"limit": MAX_SEAT})
    if _has_control_characters(seat):
        raise InvalidInput(code="seat_control")
    return seat


def clean_room(room: str | None) -> str | None:
    """An exam room's name such as "Hall 2" (at most 40 characters); blank means none."""
    if room is None or not room.strip():
        return None
    room = room.strip()
    if len(room) > MAX_ROOM:
        raise InvalidInput(code="room_too_long", params={"limit": MAX_ROOM})
    if _has_control_characters(room):
        raise InvalidInput(code="room_control")
    return room


def clean_actor(actor: str) -> str:
    """Who an action is recorded as: a proctor's display name, "admin", a console's desk name."""
    name = actor.strip()
    if not name or len(name) > MAX_ACTOR or _has_control_characters(name):
        raise InvalidInput(f"The actor must be 1 to {MAX_ACTOR} printable characters.")
    return name


def locked_until(failures: Iterable[datetime], now: datetime) -> datetime | None:
    """When a username's lock ends, or None when it may try now.

    ``failures`` are its recorded failed sign-ins (tries refused while locked are not recorded).
    The failure that makes LOCKOUT_FAILURES within LOCKOUT_WINDOW starts a lock of
    LOCKOUT_WINDOW; counting starts afresh after it."""
    lock_end: datetime | None = None
    recent: list[datetime] = []
    for failed_at in sorted(failures):
        if lock_end is not None and failed_at < lock_end:
            continue
        recent = [t for t in recent if failed_at - t < LOCKOUT_WINDOW] + [failed_at]
        if len(recent) >= LOCKOUT_FAILURES:
            lock_end, recent = failed_at + LOCKOUT_WINDOW, []
    return lock_end if lock_end is not None and now < lock_end else None


def address_free_at(tries: Iterable[datetime], now: datetime,
                    limit: int = ADDRESS_SIGN_INS,
                    window: timedelta = ADDRESS_WINDOW) -> datetime | None:
    """When an address may try again, or None when it may try now: ``limit`` tries within the
    last ``window`` fill it until the oldest of them is a window old (tries refused meanwhile
    are not recorded)."""
    recent = sorted(t for t in tries if now - t < window)
    if len(recent) < limit:
        return None
    return recent[-limit] + window


def retry_after_seconds(until: datetime, now: datetime) -> int:
    """Whole seconds to wait (at least 1), for a ``Retry-After`` header."""
    return max(1, math.ceil((until - now).total_seconds()))


def when(moment: datetime) -> str:
    """A time in a sentence: ``10:42 UTC``."""
    return moment.astimezone(UTC).strftime("%H:%M UTC")

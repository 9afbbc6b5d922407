"""Enrolment codes on the server: issue a one-time code, redeem it once (the rules of a code are
core.domain.enrolment_codes). Codes are rows of the database, written through the unit of work,
so every server process that shares the database shares them. Wrong tries are limited per client
address. The 8 hex digits of the center's fingerprint typed with a code (checked by the kiosk,
core.client.enrolment) stop typing mistakes and casual impostors; on a network where an attacker
can intercept traffic, use the enrolment file (the full fingerprint) instead.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update

from core.db.engine import UnitOfWork
from core.db.models import EnrolmentCode
from core.domain.clock import Clock
from core.domain.enrolment_codes import CODE_LIFETIME, KEEP_USED_CODES, code_hash, new_code

MAX_WRONG_TRIES = 10
WRONG_TRIES_WINDOW_SECONDS = 60.0


class EnrolmentError(Exception):
    """Enrolment cannot go on; ``status`` is the HTTP status, the message a sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: datetime


class WrongTries:
    """Per-client-address limit on wrong codes (in this process): a code has 31^8 values and
    lives 10 minutes, so ten wrong tries a minute make guessing hopeless."""

    def __init__(self, limit: int = MAX_WRONG_TRIES,
                 window_seconds: float = WRONG_TRIES_WINDOW_SECONDS) -> None:
        self.limit, self.window = limit, window_seconds
        self._tries: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str) -> None:
        with self._lock:
            recent = self._recent(client)
            if len(recent) >= self.limit:
                wait = int(self.window - (time.monotonic() - recent[0])) + 1
                raise EnrolmentError(429, f"Too many wrong enrolment codes from this computer; "
                                          f"wait {wait} seconds and type the code again.")

    def record_wrong(self, client: str) -> None:
        with self._lock:
            self._recent(client).append(time.monotonic())

    def _recent(self, client: str) -> deque[float]:
        recent = self._tries.setdefault(client, deque())
        while recent and time.monotonic() - recent[0] > self.window:
            recent.popleft()
        return recent


class EnrolmentCodeService:
    """Issue and redeem one-time enrolment codes, stored hashed in the database."""

    def __init__(self, uow: UnitOfWork, clock: Clock, secret: str,
                 tries: WrongTries | None = None) -> None:
        self._uow = uow
        self._clock = clock
        self._secret = secret
        self.tries = tries or WrongTries()

    def issue(self) -> IssuedCode:
        now = self._clock.now()
        code = new_code()
        with self._uow.write() as session:
            session.execute(delete(EnrolmentCode)
                            .where(EnrolmentCode.expires_at < now - KEEP_USED_CODES))
            session.add(EnrolmentCode(code_hash=code_hash(self._secret, code), created_at=now,
                                      expires_at=now + CODE_LIFETIME, used_at=None))
        return IssuedCode(code, now + CODE_LIFETIME)

    def redeem(self, code: str, client: str = "") -> None:
        """Use the code up, or raise EnrolmentError (404 unknown, 410 used or expired, 429)."""
        self.tries.check(client)
        now = self._clock.now()
        digest = code_hash(self._secret, code)
        with self._uow.write() as session:  # one UPDATE: two processes cannot both win
            used = session.execute(
                update(EnrolmentCode)
                .where(EnrolmentCode.code_hash == digest, EnrolmentCode.used_at.is_(None),
                       EnrolmentCode.expires_at > now)
                .values(used_at=now)
            )
            if getattr(used, "rowcount", 0) == 1:
                return
            row = session.execute(
                select(EnrolmentCode.used_at).where(EnrolmentCode.code_hash == digest)).first()
        self.tries.record_wrong(client)
        if row is None:
            raise EnrolmentError(404, "This enrolment code is not known. Check the code shown in "
                                      "the console and type it again.")
        if row.used_at is not None:
            raise EnrolmentError(410, "This enrolment code was already used. Ask the proctor "
                                      "for a new code.")
        raise EnrolmentError(410, "This enrolment code has expired (codes work for 10 "
                                  "minutes). Ask the proctor for a new code.")

"""Enrolment codes on the server: issue a one-time code, redeem it once (the rules of a code are
core.domain.enrolment_codes). Codes are rows of the database, written through the unit of work,
so every server process that shares the database shares them.

Wrong codes are limited to ten a minute per client address. They are rows of the database too,
so the limit holds across every process and survives a restart, and a try is checked and
recorded in one transaction held for the address (``core.services.client_tries``), so parallel
tries cannot pass it.

The 8 hex digits of the center's fingerprint typed with a code (checked by the kiosk,
core.client.enrolment) stop typing mistakes and casual impostors; on a network where an attacker
can intercept traffic, use the enrolment file (the full fingerprint) instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update

from core.db.engine import UnitOfWork
from core.db.models import EnrolmentCode, WrongEnrolmentCode
from core.domain.accounts import address_free_at
from core.domain.clock import Clock
from core.domain.enrolment_codes import CODE_LIFETIME, KEEP_USED_CODES, code_hash, new_code
from core.domain.messages import render
from core.services.client_tries import client_address, hold_address, prune

#: Wrong codes one client address may send within WRONG_CODES_WINDOW (a code has 31^8 values and
#: lives 10 minutes, so guessing is hopeless).
MAX_WRONG_CODES = 10
WRONG_CODES_WINDOW = timedelta(minutes=1)
#: The purpose of the per-address hold (core.services.client_tries).
ENROLMENT = "enrolment-code"


class EnrolmentError(Exception):
    """Enrolment cannot go on; ``status`` is the HTTP status, the message a sentence;
    ``retry_after_seconds`` is set with 429."""

    def __init__(self, status: int, code: str, retry_after_seconds: int | None = None,
                 **params: object) -> None:
        self.code = code
        self.params = {name: str(value) for name, value in params.items()}
        super().__init__(render(code, self.params))
        self.status = status
        self.retry_after_seconds = retry_after_seconds


@dataclass(frozen=True)
class IssuedCode:
    code: str
    expires_at: datetime
    room: str | None = None


class EnrolmentCodeService:
    """Issue and redeem one-time enrolment codes, stored hashed in the database."""

    def __init__(self, uow: UnitOfWork, clock: Clock, secret: str) -> None:
        self._uow = uow
        self._clock = clock
        self._secret = secret

    def issue(self, room: str | None = None) -> IssuedCode:
        """A new code; ``room`` (the exam room of the kiosk it enrols) goes with it."""
        now = self._clock.now()
        code = new_code()
        with self._uow.write() as session:
            session.execute(delete(EnrolmentCode)
                            .where(EnrolmentCode.expires_at < now - KEEP_USED_CODES))
            session.add(EnrolmentCode(code_hash=code_hash(self._secret, code), created_at=now,
                                      expires_at=now + CODE_LIFETIME, used_at=None,
                                      room=room))
        return IssuedCode(code, now + CODE_LIFETIME, room)

    def redeem(self, code: str, client: str = "") -> str | None:
        """Use the code up and return its room (None when none was given), or raise
        EnrolmentError (404 unknown, 410 used or expired, 429 too
        many wrong codes from the ``client`` address lately)."""
        client = client_address(client)
        now = self._clock.now()
        digest = code_hash(self._secret, code)
        with self._uow.write() as session:
            hold_address(session, ENROLMENT, client)
            prune(session, WrongEnrolmentCode, now - WRONG_CODES_WINDOW)
            wrong = session.scalars(
                select(WrongEnrolmentCode.tried_at)
                .where(WrongEnrolmentCode.address == client,
                       WrongEnrolmentCode.tried_at > now - WRONG_CODES_WINDOW)
            ).all()
            free_at = address_free_at(wrong, now, MAX_WRONG_CODES, WRONG_CODES_WINDOW)
            if free_at is None:
                used = session.execute(  # one UPDATE: two processes cannot both win
                    update(EnrolmentCode)
                    .where(EnrolmentCode.code_hash == digest, EnrolmentCode.used_at.is_(None),
                           EnrolmentCode.expires_at > now)
                    .values(used_at=now)
                )
                if getattr(used, "rowcount", 0) == 1:
                    room: str | None = session.scalar(
                        select(EnrolmentCode.room).where(EnrolmentCode.code_hash == digest))
                    return room
                session.add(WrongEnrolmentCode(address=client, tried_at=now))
                row = session.execute(
                    select(EnrolmentCode.used_at).where(EnrolmentCode.code_hash == digest)
                ).first()
        if free_at is not None:
            wait = max(1, math.ceil((free_at - now).total_seconds()))
            raise EnrolmentError(429, "enrolment_code_wrong_too_often", wait, seconds=wait)
        if row is None:
            raise EnrolmentError(404, "enrolment_code_unknown")
        if row.used_at is not None:
            raise EnrolmentError(410, "enrolment_code_used")
        raise EnrolmentError(410, "enrolment_code_expired",
                             minutes=round(CODE_LIFETIME.total_seconds() / 60))

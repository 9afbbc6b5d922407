"""Proctor accounts: create, list, disable; sign-in (with the lockout), sign-out and token checks.

Passwords are kept only as Argon2id hashes (argon2-cffi). A sign-in for an unknown username is
checked against a dummy hash, so it takes as long as one for a known username. Tokens are random
and stored as their SHA-256; a token is refused once it expired, was signed out, or its proctor
was disabled, with a sentence that says which (``TokenRefused``, ``token_refusal``).

Sign-in tries are rows in the database, so every server process that shares it counts them
together: five failures for a username from one client address within five minutes lock it
there (not from other addresses), and one address may try twenty sign-ins a minute whatever the
usernames. A try is checked against the limits and recorded, as a failure, in one transaction
held per address (``core.services.client_tries``) before its password is checked, and cleared
when the password is right: parallel tries never get more than the limit checked.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.db.engine import UnitOfWork, WriteSession
from core.db.models import Proctor, ProctorToken, SignInAttempt
from core.domain.accounts import (
    FAILURE_MEMORY,
    address_free_at,
    check_password,
    clean_display_name,
    clean_username,
    locked_until,
    retry_after_seconds,
    username_key,
)
from core.domain.clock import Clock
from core.domain.errors import (
    ProctorNotFound,
    SignInLocked,
    SignInRefused,
    TokenRefused,
    TooManySignIns,
    UsernameTaken,
)
from core.domain.messages import time_param
from core.domain.records import ProctorDTO, SignedIn, TokenHolder
from core.services.client_tries import client_address, hold_address, prune
from core.services.records import new_id
from core.services.tokens import looks_like_proctor_token, new_proctor_token, proctor_token_digest

#: How long a sign-in lasts unless the configuration says otherwise.
DEFAULT_TOKEN_HOURS = 12.0
#: Longest username key remembered for a failed sign-in (longer input is cut, still counted).
MAX_FAILURE_KEY = 200
#: The purpose of the per-address hold of a sign-in's check (core.services.client_tries).
SIGN_IN = "sign-in"


class ProctorService:
    def __init__(
        self,
        uow: UnitOfWork,
        clock: Clock,
        token_hours: float = DEFAULT_TOKEN_HOURS,
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._token_lifetime = timedelta(hours=token_hours)
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None
        self._dummy_lock = threading.Lock()

    # ---- accounts ----------------------------------------------------------------------------
    def create_proctor(self, username: str, display_name: str, password: str) -> ProctorDTO:
        username = clean_username(username)
        display_name = clean_display_name(display_name)
        check_password(password)
        password_hash = self._hasher.hash(password)  # slow on purpose: outside the transaction
        try:
            with self._uow.write() as ws:
                if ws.scalar(select(Proctor.id).where(Proctor.username == username)):
                    raise UsernameTaken(username)
                row = Proctor(id=new_id(), username=username, display_name=display_name,
                              password_hash=password_hash, created_at=self._clock.now(),
                              is_disabled=False)
                ws.add(row)
                ws.flush()
                return to_proctor_dto(row)
        except IntegrityError:  # a concurrent create of the same username won
            raise UsernameTaken(username) from None

    def list_proctors(self) -> list[ProctorDTO]:
        with self._uow.read() as s:
            rows = s.scalars(select(Proctor).order_by(Proctor.username)).all()
            return [to_proctor_dto(r) for r in rows]

    def disable_proctor(self, proctor_id: str) -> ProctorDTO:
        """Disable the account and revoke every token it holds (idempotent)."""
        now = self._clock.now()
        with self._uow.write() as ws:
            row = ws.get(Proctor, proctor_id)
            if row is None:
                raise ProctorNotFound(proctor_id)
            row.is_disabled = True
            ws.execute(
                update(ProctorToken)
                .where(ProctorToken.proctor_id == row.id, ProctorToken.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            ws.flush()
            return to_proctor_dto(row)

    # ---- sign-in -----------------------------------------------------------------------------
    def login(self, username: str, password: str, address: str = "") -> SignedIn:
        """A token for the proctor, or SignInRefused (the same sentence for a wrong username and
        a wrong password), SignInLocked (too many failures for this username from ``address``,
        the client's address) or TooManySignIns (too many tries from ``address``)."""
        key = username_key(username)[:MAX_FAILURE_KEY]
        address = client_address(address)
        now = self._clock.now()
        self._let_try(key, address, now)
        with self._uow.read() as s:
            row = s.scalar(select(Proctor).where(Proctor.username == key))
            proctor = None if row is None else (row.id, row.password_hash, row.is_disabled)
        # An unknown username is checked against the dummy hash: the same work either way.
        is_right = self._verify(proctor[1] if proctor else None, password)
        if proctor is None or not is_right:
            raise SignInRefused(code="sign_in_refused")  # the try stays recorded as a failure
        proctor_id, password_hash, is_disabled = proctor
        if is_disabled:
            self._clear_failures(key, address)
            raise SignInRefused(code="account_disabled")
        token, digest = new_proctor_token()
        rehashed = (self._hasher.hash(password) if self._hasher.check_needs_rehash(password_hash)
                    else None)
        with self._uow.write() as ws:
            self._clear(ws, key, address)
            row = ws.get(Proctor, proctor_id)
            if row is not None and not row.is_disabled:
                if rehashed is not None:
                    row.password_hash = rehashed
                expires_at = now + self._token_lifetime
                ws.add(ProctorToken(token_hash=digest, proctor_id=row.id, issued_at=now,
                                    expires_at=expires_at))
                ws.flush()
                return SignedIn(token, expires_at, to_proctor_dto(row))
        # Disabled or removed while the hash was checked.
        self._clear_failures(key, address)
        raise SignInRefused(code="account_disabled")

    def logout(self, token_id: str) -> None:
        """Revoke the token whose digest is ``token_id`` (from ``identify``)."""
        with self._uow.write() as ws:
            row = ws.get(ProctorToken, token_id)
            if row is not None and row.revoked_at is None:
                row.revoked_at = self._clock.now()

    def identify(self, token: str) -> TokenHolder | None:
        """The proctor a token belongs to while it holds; None for a token never issued here.
        Raises ``TokenRefused`` with what happened to a token that no longer holds (its
        proctor was disabled, it was signed out, or it expired)."""
        if not looks_like_proctor_token(token):
            return None
        digest = proctor_token_digest(token)
        with self._uow.read() as s:
            found = self._token_and_proctor(s, digest)
            if found is None:
                return None
            refusal = self._refusal(*found)
            if refusal is not None:
                raise refusal
            return TokenHolder(to_proctor_dto(found[1]), digest)

    def token_refusal(self, token_id: str) -> TokenRefused | None:
        """None while the token with this digest holds; once it does not, the refusal that
        says why (the database is the truth, so a change made by any server process shows)."""
        with self._uow.read() as s:
            found = self._token_and_proctor(s, token_id)
            return TokenRefused(code="token_signed_out") if found is None \
                else self._refusal(*found)

    @staticmethod
    def _token_and_proctor(s: Session, digest: str) -> tuple[ProctorToken, Proctor] | None:
        found = s.execute(
            select(ProctorToken, Proctor)
            .join(Proctor, ProctorToken.proctor_id == Proctor.id)
            .where(ProctorToken.token_hash == digest)
        ).first()
        return None if found is None else (found[0], found[1])

    def _refusal(self, held: ProctorToken, proctor: Proctor) -> TokenRefused | None:
        """Why the token is refused (the account first: a disabled proctor's tokens are also
        revoked), or None while it holds."""
        if proctor.is_disabled:
            return TokenRefused(code="token_account_disabled",
                                params={"name": proctor.display_name})
        if held.revoked_at is not None:
            return TokenRefused(code="token_signed_out")
        if held.expires_at <= self._clock.now():
            return TokenRefused(code="token_expired", params={
                "at": time_param(held.expires_at),
                "hours": f"{self._token_lifetime.total_seconds() / 3600:g}"})
        return None

    # ---- helpers -----------------------------------------------------------------------------
    def _let_try(self, key: str, address: str, now: datetime) -> None:
        """Check the limits and record this try as a failure, in one transaction held for the
        address; SignInLocked or TooManySignIns when it may not be tried now (and then it is
        not recorded)."""
        with self._uow.write() as ws:
            hold_address(ws, SIGN_IN, address)
            prune(ws, SignInAttempt, now - FAILURE_MEMORY)
            tries = ws.execute(
                select(SignInAttempt.username, SignInAttempt.tried_at, SignInAttempt.is_failure)
                .where(SignInAttempt.address == address,
                       SignInAttempt.tried_at > now - FAILURE_MEMORY)
            ).all()
            locked = locked_until([t.tried_at for t in tries if t.username == key and t.is_failure],
                                  now)
            busy = address_free_at([t.tried_at for t in tries], now)
            if busy is not None and (locked is None or busy > locked):
                raise TooManySignIns(retry_after_seconds(busy, now))
            if locked is not None:
                raise SignInLocked(retry_after_seconds(locked, now))
            ws.add(SignInAttempt(address=address, username=key, tried_at=now, is_failure=True))

    def _clear_failures(self, key: str, address: str) -> None:
        with self._uow.write() as ws:
            self._clear(ws, key, address)

    @staticmethod
    def _clear(ws: WriteSession, key: str, address: str) -> None:
        """The right password: this username's failures from this address stop counting (the
        tries still count for the address's limit)."""
        hold_address(ws, SIGN_IN, address)
        ws.execute(update(SignInAttempt)
                   .where(SignInAttempt.address == address, SignInAttempt.username == key,
                          SignInAttempt.is_failure.is_(True))
                   .values(is_failure=False))

    def _verify(self, password_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash or self._dummy(), password)
        except (VerificationError, InvalidHashError):
            return False

    def _dummy(self) -> str:
        """A hash no password matches, made once, for unknown usernames (same work, same time)."""
        with self._dummy_lock:
            if self._dummy_hash is None:
                self._dummy_hash = self._hasher.hash(new_proctor_token()[0])
            return self._dummy_hash


def to_proctor_dto(row: Proctor) -> ProctorDTO:
    return ProctorDTO(row.id, row.username, row.display_name, row.created_at,
                      bool(row.is_disabled))

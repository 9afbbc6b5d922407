"""Enrolling a kiosk with a center: an enrolment file, or a short one-time code.

**Enrolment file** (``proctor-candidate --enrol FILE``): JSON with the server URL, the kiosk key
and the center's fingerprint. The console exports it (``write_enrolment_file``); it holds a
secret, so it is written with mode 0600.

**Enrolment code**: the proctor makes one (``POST /api/v1/enrolment-codes``); the console shows
it with the first digits of the center's fingerprint, e.g. ``K7QM-4XPD`` and ``EABA DE89``. The
kiosk's person types the center's address, the code and those digits. The kiosk then

1. reads the certificates the server presents and keeps the one whose SHA-256 starts with the
   typed digits (none: it stops before sending the code: wrong or impostor center);
2. pins that full fingerprint and sends the code over the pinned channel
   (``POST /api/v1/enrol``), getting the server URL, kiosk key and fingerprint back.

A code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), works once, for 10
minutes; the database keeps only a keyed hash of it (HMAC with the server's token secret), so
several server processes share codes and a copy of the database reveals none. Wrong tries are
limited per client address. The 8 hex digits (32 bits) stop typing mistakes and casual
impostors; on a network where an attacker can intercept traffic, use the enrolment file (the
full fingerprint) instead.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from core.config import CoreConfig
from core.domain.clock import Clock
from core.net.pinning import (
    CenterIdentityChanged,
    FingerprintDigitsMismatch,
    find_pinned,
    normalize_fingerprint,
    normalize_prefix,
    presented_chain,
)
from core.net.tls import is_loopback_host, read_fingerprint

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 8
CODE_LIFETIME = timedelta(minutes=10)
KEEP_USED_CODES = timedelta(days=1)  # so a second use says "already used", not "unknown"
MAX_WRONG_TRIES = 10
WRONG_TRIES_WINDOW_SECONDS = 60.0
FILE_FORMAT = "proctor-console-enrolment"


class EnrolmentError(Exception):
    """Enrolment cannot go on; ``status`` is the HTTP status, the message a sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class EnrolmentFileError(ValueError):
    """An enrolment file cannot be used; the message says which file and why."""


# ---- the enrolment (file) --------------------------------------------------------------------
@dataclass(frozen=True)
class Enrolment:
    server_url: str
    kiosk_key: str
    fingerprint: str | None  # 64 hex digits; None only for a center without TLS (this machine)

    @property
    def pin(self) -> str | None:
        return f"sha256:{self.fingerprint}" if self.fingerprint else None

    def to_json(self) -> dict[str, Any]:
        return {"format": FILE_FORMAT, "version": 1, "server_url": self.server_url,
                "kiosk_key": self.kiosk_key, "fingerprint": self.pin}


def write_enrolment_file(path: Path, enrolment: Enrolment) -> Path:
    """Write the kiosk enrolment file (mode 0600: it holds the kiosk key)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(enrolment.to_json(), handle, indent=2)
        handle.write("\n")
    os.replace(tmp, path)
    return path


def read_enrolment_file(path: Path) -> Enrolment:
    path = Path(path).expanduser()
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EnrolmentFileError(
            f"The enrolment file {path} cannot be read ({exc.strerror}).") from exc
    except ValueError as exc:
        raise EnrolmentFileError(f"The enrolment file {path} is not valid JSON ({exc}).") from exc
    if not isinstance(values, dict) or values.get("format") != FILE_FORMAT:
        raise EnrolmentFileError(f"{path} is not a kiosk enrolment file; ask the proctor to "
                                 "export one from the console's Connect kiosks dialog.")
    url, key, pin = values.get("server_url"), values.get("kiosk_key"), values.get("fingerprint")
    if not isinstance(url, str) or not url or not isinstance(key, str) or not key:
        raise EnrolmentFileError(f"The enrolment file {path} has no server_url or kiosk_key.")
    try:
        fingerprint = normalize_fingerprint(pin) if isinstance(pin, str) and pin else None
    except ValueError as exc:
        raise EnrolmentFileError(f"The enrolment file {path}: {exc}") from exc
    if fingerprint is None and url.startswith("https://"):
        raise EnrolmentFileError(f"The enrolment file {path} has an https address but no "
                                 "fingerprint; export it again from the console.")
    return Enrolment(url.rstrip("/"), key, fingerprint)


def center_enrolment(config: CoreConfig, server_url: str) -> Enrolment:
    """What a kiosk of this center needs, for the enrolment file: ``server_url`` is the address
    kiosks use (the console knows it); the fingerprint is the center's, once TLS made it."""
    fingerprint = read_fingerprint(config.data_dir)
    if fingerprint is None and not server_url.startswith("http://"):
        raise EnrolmentFileError("The center has no certificate yet: start it with TLS first.")
    if fingerprint is None and not is_loopback_host(urlsplit(server_url).hostname or ""):
        raise EnrolmentFileError("Kiosks on the network need the center to use TLS; start it "
                                 "with --tls (the default off loopback) and export again.")
    return Enrolment(server_url.rstrip("/"), config.kiosk_key, fingerprint)


# ---- codes: pure rules -----------------------------------------------------------------------
def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """What a person typed -> the code: case, spaces and dashes do not matter."""
    return "".join(c for c in text.upper() if c not in " -\t")


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def code_hash(secret: str, code: str) -> str:
    return hmac.new(secret.encode(), normalize_code(code).encode(), hashlib.sha256).hexdigest()


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


if TYPE_CHECKING:
    from sqlalchemy import Engine


class EnrolmentCodes:
    """Issue and redeem one-time enrolment codes, stored hashed in the database."""

    def __init__(self, engine: Engine, clock: Clock, secret: str,
                 tries: WrongTries | None = None) -> None:
        from sqlalchemy.orm import sessionmaker  # the database side only (kiosks read files)

        from core.db.models import EnrolmentCode

        self._model = EnrolmentCode
        self._sessions = sessionmaker(engine)
        self._clock = clock
        self._secret = secret
        self.tries = tries or WrongTries()

    def issue(self) -> IssuedCode:
        from sqlalchemy import delete

        model, now = self._model, self._clock.now()
        code = new_code()
        with self._sessions.begin() as session:
            session.execute(delete(model).where(model.expires_at < now - KEEP_USED_CODES))
            session.add(model(code_hash=code_hash(self._secret, code), created_at=now,
                              expires_at=now + CODE_LIFETIME, used_at=None))
        return IssuedCode(code, now + CODE_LIFETIME)

    def redeem(self, code: str, client: str = "") -> None:
        """Use the code up, or raise EnrolmentError (404 unknown, 410 used or expired, 429)."""
        from sqlalchemy import select, update

        self.tries.check(client)
        model, now = self._model, self._clock.now()
        digest = code_hash(self._secret, code)
        with self._sessions.begin() as session:  # one UPDATE: two processes cannot both win
            used = session.execute(
                update(model)
                .where(model.code_hash == digest, model.used_at.is_(None),
                       model.expires_at > now)
                .values(used_at=now)
            )
            if getattr(used, "rowcount", 0) == 1:
                return
            row = session.execute(
                select(model.used_at).where(model.code_hash == digest)).first()
        self.tries.record_wrong(client)
        if row is None:
            raise EnrolmentError(404, "This enrolment code is not known. Check the code shown in "
                                      "the console and type it again.")
        if row.used_at is not None:
            raise EnrolmentError(410, "This enrolment code was already used. Ask the proctor "
                                      "for a new code.")
        raise EnrolmentError(410, "This enrolment code has expired (codes work for 10 "
                                  "minutes). Ask the proctor for a new code.")


# ---- the kiosk's side of a code ----------------------------------------------------------------
def enrol_with_code(server_address: str, code: str, fingerprint_prefix: str,
                    timeout: float = 10.0) -> Enrolment:
    """Enrol by code: find the presented certificate matching the typed fingerprint digits, pin
    it, and only then send the code. CenterIdentityChanged when no certificate matches."""
    from core.client import ProctorClient

    prefix = normalize_prefix(fingerprint_prefix)
    address = server_address.strip().rstrip("/")
    if "://" not in address:
        address = f"https://{address}"
    parts = urlsplit(address)
    host, port = parts.hostname or "", parts.port or 443
    try:
        chain = presented_chain(host, port, timeout)
    except OSError as exc:  # ssl.SSLError included: no TLS there, so nothing is sent
        from core.client import ServerUnreachable

        raise ServerUnreachable(f"The center at {address} did not answer over TLS "
                                f"({exc}).") from exc
    anchor = find_pinned(chain, prefix=prefix)
    if anchor is None:
        raise FingerprintDigitsMismatch(address, prefix)
    fingerprint = hashlib.sha256(anchor).hexdigest()
    with ProctorClient(address, timeout=timeout, fingerprint=fingerprint) as client:
        body = client.request("POST", "/enrol", json={"code": normalize_code(code)}).json()
    if body.get("fingerprint") != f"sha256:{fingerprint}":
        raise CenterIdentityChanged(address, fingerprint, str(body.get("fingerprint")))
    return Enrolment(str(body["server_url"]).rstrip("/"), str(body["kiosk_key"]), fingerprint)

"""SealedSecrets: secrets the center must read back (a webhook's signing secret) kept sealed in
the database with AES-GCM, under a key derived from the center's token secret. That secret lives
in ``keys.json`` (or ``PROCTOR_TOKEN_SECRET``), never in the database, so a copy of the database
alone (a dump, a shared PostgreSQL) yields no webhook secret."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
PURPOSE = b"proctor-console sealed secrets v1"


class SecretUnreadable(ValueError):
    """A sealed secret that this center's key cannot open (the token secret changed)."""


class SealedSecrets:
    def __init__(self, token_secret: str) -> None:
        key = hmac.new(token_secret.encode(), PURPOSE, hashlib.sha256).digest()
        self._aead = AESGCM(key)

    def seal(self, secret: str) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = nonce + self._aead.encrypt(nonce, secret.encode("utf-8"), PURPOSE)
        return base64.urlsafe_b64encode(sealed).decode()

    def open(self, sealed: str) -> str:
        try:
            raw = base64.urlsafe_b64decode(sealed.encode())
            return self._aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], PURPOSE).decode()
        except (InvalidTag, ValueError) as exc:
            raise SecretUnreadable(
                "The webhook secret cannot be opened with this center's token secret (was "
                "PROCTOR_TOKEN_SECRET or keys.json changed?); delete the webhook and add it "
                "again.") from exc

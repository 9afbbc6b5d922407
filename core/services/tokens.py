"""Attempt tokens: ``<attempt id>.<HMAC-SHA256 of it>``. Nothing to store, verified in constant
time, and a repeat start hands out the same token.

Proctor tokens: random, handed out at sign-in, stored only as their SHA-256
(core/services/proctors.py).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets


class AttemptTokens:
    def __init__(self, secret: str) -> None:
        self._key = secret.encode()

    def issue(self, attempt_id: str) -> str:
        return f"{attempt_id}.{self._signature(attempt_id)}"

    def attempt_of(self, token: str) -> str | None:
        """The attempt id a genuine token was issued for, or None for anything else."""
        attempt_id, dot, signature = token.rpartition(".")
        if not dot or not attempt_id:
            return None
        if hmac.compare_digest(signature.encode(), self._signature(attempt_id).encode()):
            return attempt_id
        return None

    def _signature(self, attempt_id: str) -> str:
        digest = hmac.new(self._key, attempt_id.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


#: A proctor token: ``secrets.token_urlsafe(32)``, 43 URL-safe characters.
PROCTOR_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_proctor_token() -> tuple[str, str]:
    """(the token to hand out, its digest to store)."""
    token = secrets.token_urlsafe(32)
    return token, proctor_token_digest(token)


def proctor_token_digest(token: str) -> str:
    """What is stored for a proctor token: its SHA-256 (a database leak yields no tokens)."""
    return hashlib.sha256(token.encode()).hexdigest()


def looks_like_proctor_token(secret: str) -> bool:
    return bool(PROCTOR_TOKEN.match(secret))

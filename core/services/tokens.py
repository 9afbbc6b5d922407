"""Attempt tokens: ``<attempt id>.<HMAC-SHA256 of it>``. Nothing to store, verified in constant
time, and a repeat start hands out the same token."""

from __future__ import annotations

import base64
import hashlib
import hmac


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

"""Bearer secrets: kiosk key, admin key, attempt token. Compared in constant time.

Missing or unknown secret: 401. A genuine secret of the wrong kind (a kiosk key on an admin
route, another attempt's token): 403.
"""

from __future__ import annotations

import hmac
from enum import Enum

from fastapi import HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from core.services.tokens import AttemptTokens

bearer_scheme = HTTPBearer(auto_error=False, description="Kiosk key, admin key or attempt token")


class Role(Enum):
    ADMIN = "admin"
    KIOSK = "kiosk"
    ATTEMPT = "attempt"


class Authenticator:
    def __init__(self, admin_key: str, kiosk_key: str, tokens: AttemptTokens) -> None:
        self._admin = admin_key.encode()
        self._kiosk = kiosk_key.encode()
        self._tokens = tokens

    def identify(self, secret: str) -> tuple[Role, str | None] | None:
        raw = secret.encode()
        is_admin = hmac.compare_digest(raw, self._admin)
        is_kiosk = hmac.compare_digest(raw, self._kiosk)
        if is_admin:
            return Role.ADMIN, None
        if is_kiosk:
            return Role.KIOSK, None
        attempt_id = self._tokens.attempt_of(secret)
        if attempt_id is not None:
            return Role.ATTEMPT, attempt_id
        return None


def unauthorized() -> HTTPException:
    return HTTPException(
        401,
        "A valid secret is required: send 'Authorization: Bearer <key or token>'.",
        headers={"WWW-Authenticate": "Bearer"},
    )


def forbidden(what: str) -> HTTPException:
    return HTTPException(403, f"This secret is not allowed to {what}.")


def identify(request: Request, credentials: HTTPAuthorizationCredentials | None):  # type: ignore[no-untyped-def]
    if credentials is None or not credentials.credentials:
        raise unauthorized()
    authenticator: Authenticator = request.app.state.authenticator
    identity = authenticator.identify(credentials.credentials)
    if identity is None:
        raise unauthorized()
    return identity

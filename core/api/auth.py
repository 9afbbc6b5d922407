"""Who may call what: the one place. Bearer secrets are the admin key, the kiosk key, an attempt
token, a proctor token (from POST /api/v1/auth/login) and an integration key (an exam system's,
from POST /api/v1/integration-keys); keys are compared in constant time.

Missing or unknown secret: 401. A proctor token that expired, was signed out or whose proctor
was disabled: 401 with a sentence that says which (a disabled account's has the word
"disabled"). A genuine secret of the wrong kind (a kiosk key on a proctor route, another
attempt's token, a proctor token on account management): 403.

| access | roles |
| --- | --- |
| STAFF: exams, sessions, evidence, warnings, actions, the stream | admin, proctor |
| KIOSK: list exams, start attempts | admin, proctor, kiosk, integration |
| ATTEMPT: one attempt's own routes | that attempt's token |
| SUBMIT: submit an attempt | that attempt's token, integration |
| END_ATTEMPTS: force-end an attempt | admin, proctor, integration |
| READ_SESSIONS: list sessions, read one | admin, proctor, integration |
| MANAGE_PROCTORS: create, list, disable proctor accounts | admin |
| MANAGE_INTEGRATIONS: webhooks and integration keys | admin |
| SIGNED_IN: sign out | proctor |

An integration key never acts as a proctor (flag, warn, terminate, review, pause, evidence, the
stream) nor manages accounts: 403 with a sentence that says what it may do.

The identity carries the actor the caller's actions are recorded as: a proctor's display name,
``"admin"`` for the admin key, ``"integration <name>"`` for an integration key, none for kiosks
and attempts.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from enum import Enum
from typing import Annotated

import anyio
from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from core.api.errors import CodedHTTPException, coded
from core.domain.accounts import ADMIN_ACTOR
from core.domain.errors import TokenRefused
from core.domain.messages import MESSAGES
from core.services.integration_keys import IntegrationKeyService, looks_like_integration_key
from core.services.proctors import ProctorService
from core.services.tokens import AttemptTokens, looks_like_proctor_token


class Role(Enum):
    ADMIN = "admin"
    PROCTOR = "proctor"
    KIOSK = "kiosk"
    ATTEMPT = "attempt"
    INTEGRATION = "integration"


class Access(Enum):
    STAFF = "use proctor or administrator functions"
    KIOSK = "list exams or start attempts"
    ATTEMPT = "act on this attempt"
    SUBMIT = "submit this attempt"
    END_ATTEMPTS = "force-end attempts"
    READ_SESSIONS = "read proctor sessions"
    MANAGE_PROCTORS = "manage proctor accounts; only the admin key may"
    MANAGE_INTEGRATIONS = "manage webhooks and integration keys; only the admin key may"
    SIGNED_IN = "sign out: only a proctor token signs out"


ALLOWED: dict[Access, frozenset[Role]] = {
    Access.STAFF: frozenset({Role.ADMIN, Role.PROCTOR}),
    Access.KIOSK: frozenset({Role.ADMIN, Role.PROCTOR, Role.KIOSK, Role.INTEGRATION}),
    Access.ATTEMPT: frozenset({Role.ATTEMPT}),
    Access.SUBMIT: frozenset({Role.ATTEMPT, Role.INTEGRATION}),
    Access.END_ATTEMPTS: frozenset({Role.ADMIN, Role.PROCTOR, Role.INTEGRATION}),
    Access.READ_SESSIONS: frozenset({Role.ADMIN, Role.PROCTOR, Role.INTEGRATION}),
    Access.MANAGE_PROCTORS: frozenset({Role.ADMIN}),
    Access.MANAGE_INTEGRATIONS: frozenset({Role.ADMIN}),
    Access.SIGNED_IN: frozenset({Role.PROCTOR}),
}


@dataclass(frozen=True)
class Identity:
    role: Role
    #: Who this caller's actions are recorded as; None for kiosks and attempts.
    actor: str | None = None
    #: The attempt an attempt token was issued for.
    attempt_id: str | None = None
    #: A proctor token's stored digest (what sign-out revokes).
    token_id: str | None = None

    @property
    def actor_name(self) -> str:
        """The actor of a person's action (only STAFF routes act, and both their roles have one)."""
        return self.actor or ADMIN_ACTOR


class Authenticator:
    def __init__(self, admin_key: str, kiosk_key: str, tokens: AttemptTokens,
                 proctors: ProctorService,
                 integration_keys: IntegrationKeyService | None = None) -> None:
        self._admin = admin_key.encode()
        self._kiosk = kiosk_key.encode()
        self._tokens = tokens
        self._proctors = proctors
        self._integration_keys = integration_keys

    def identify_key(self, secret: str) -> Identity | None:
        """Keys and attempt tokens: no database, microseconds."""
        raw = secret.encode()
        is_admin = hmac.compare_digest(raw, self._admin)
        is_kiosk = hmac.compare_digest(raw, self._kiosk)
        if is_admin:
            return Identity(Role.ADMIN, actor=ADMIN_ACTOR)
        if is_kiosk:
            return Identity(Role.KIOSK)
        attempt_id = self._tokens.attempt_of(secret)
        if attempt_id is not None:
            return Identity(Role.ATTEMPT, attempt_id=attempt_id)
        return None

    def identify_proctor(self, secret: str) -> Identity | None:
        """A proctor token (one database read): call it off the event loop. Raises
        ``TokenRefused`` for a token that no longer holds."""
        holder = self._proctors.identify(secret)
        if holder is None:
            return None
        return Identity(Role.PROCTOR, actor=holder.proctor.display_name,
                        token_id=holder.token_id)

    def identify_integration(self, secret: str) -> Identity | None:
        """An integration key that is valid now (one database read): call it off the loop."""
        if self._integration_keys is None:
            return None
        holder = self._integration_keys.identify(secret)
        if holder is None:
            return None
        return Identity(Role.INTEGRATION, actor=f"integration {holder.name}"[:100])

    async def identify(self, secret: str) -> Identity | None:
        identity = self.identify_key(secret)
        if identity is None and looks_like_proctor_token(secret):
            identity = await anyio.to_thread.run_sync(self.identify_proctor, secret)
        if identity is None and looks_like_integration_key(secret):
            identity = await anyio.to_thread.run_sync(self.identify_integration, secret)
        return identity


def allows(identity: Identity, access: Access) -> bool:
    """Whether a caller already identified (by a route's dependency) may also have ``access``:
    for a route that does more for some callers than for others."""
    return identity.role in ALLOWED[access]


UNKNOWN_SECRET = MESSAGES["secret_required"]


def unauthorized(refusal: TokenRefused | None = None) -> HTTPException:
    """401: no secret or an unknown one; with ``refusal``, a token that was valid no longer is
    (RFC 6750's ``invalid_token``, which tells a client that the sentence is about its
    sign-in)."""
    if refusal is None:
        return CodedHTTPException(401, "secret_required", headers={"WWW-Authenticate": "Bearer"})
    return coded(401, refusal, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


def forbidden(access: Access) -> HTTPException:
    """403 for a secret that may not have ``access`` (code ``not_allowed_<access>``)."""
    return CodedHTTPException(403, f"not_allowed_{access.name.lower()}")


INTEGRATION_LIMITS = ("An integration key may list exams, start, submit and force-end attempts "
                      "and read sessions; it cannot {what}. Proctor actions are a proctor's, and "
                      "accounts, webhooks and keys the administrator's.")


async def authorize(request: Request, credentials: HTTPAuthorizationCredentials | None,
                    access: Access, attempt_id: str | None = None) -> Identity:
    """The caller's identity if it may have ``access`` (and own ``attempt_id``); else 401/403."""
    if credentials is None or not credentials.credentials:
        raise unauthorized()
    authenticator: Authenticator = request.app.state.authenticator
    try:
        identity = await authenticator.identify(credentials.credentials)
    except TokenRefused as refused:  # disabled, signed out or expired: say which
        raise unauthorized(refused) from None
    if identity is None:
        raise unauthorized()
    if not allows(identity, access):
        if identity.role is Role.INTEGRATION:
            raise HTTPException(403, INTEGRATION_LIMITS.format(what=access.value.split(";")[0]))
        raise forbidden(access)
    if identity.role is Role.ATTEMPT and identity.attempt_id != attempt_id:
        raise forbidden(access)
    return identity


# One bearer scheme per kind of secret, so /openapi.json (and core/api/reference.md) says which
# ones a route takes. All read the same header: 'Authorization: Bearer <secret>'.
AdminSecret = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(
    auto_error=False, scheme_name="admin_key",
    description="The admin key (PROCTOR_ADMIN_KEY, or generated into keys.json)"))]
ProctorSecret = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(
    auto_error=False, scheme_name="proctor_token",
    description="The token returned by POST /api/v1/auth/login, until it expires or is "
                "signed out"))]
KioskSecret = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(
    auto_error=False, scheme_name="kiosk_key",
    description="The kiosk key (PROCTOR_KIOSK_KEY, or generated); the admin key works too"))]
AttemptSecret = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(
    auto_error=False, scheme_name="attempt_token",
    description="The token returned by POST /api/v1/attempts, for that attempt only"))]
IntegrationSecret = Annotated[HTTPAuthorizationCredentials | None, Depends(HTTPBearer(
    auto_error=False, scheme_name="integration_key",
    description="An exam system's key from POST /api/v1/integration-keys, until revoked"))]


# Async on purpose: keys are compared in microseconds, and a sync dependency would cost every
# request an extra trip through the thread pool (a proctor token's read goes there itself).
async def require_staff(request: Request, admin: AdminSecret,
                        proctor: ProctorSecret) -> Identity:
    return await authorize(request, admin or proctor, Access.STAFF)


async def require_kiosk(request: Request, kiosk: KioskSecret, proctor: ProctorSecret,
                        integration: IntegrationSecret) -> Identity:
    return await authorize(request, kiosk or proctor or integration, Access.KIOSK)


async def require_submitter(attempt_id: str, request: Request, credentials: AttemptSecret,
                            integration: IntegrationSecret) -> Identity:
    return await authorize(request, credentials or integration, Access.SUBMIT, attempt_id)


async def require_ender(request: Request, admin: AdminSecret, proctor: ProctorSecret,
                        integration: IntegrationSecret) -> Identity:
    return await authorize(request, admin or proctor or integration, Access.END_ATTEMPTS)


async def require_session_reader(request: Request, admin: AdminSecret, proctor: ProctorSecret,
                                 integration: IntegrationSecret) -> Identity:
    return await authorize(request, admin or proctor or integration, Access.READ_SESSIONS)


async def require_integration_admin(request: Request, admin: AdminSecret) -> Identity:
    return await authorize(request, admin, Access.MANAGE_INTEGRATIONS)


async def require_attempt(attempt_id: str, request: Request,
                          credentials: AttemptSecret) -> Identity:
    return await authorize(request, credentials, Access.ATTEMPT, attempt_id)


async def require_account_admin(request: Request, admin: AdminSecret) -> Identity:
    return await authorize(request, admin, Access.MANAGE_PROCTORS)


async def require_signed_in(request: Request, proctor: ProctorSecret) -> Identity:
    return await authorize(request, proctor, Access.SIGNED_IN)


Staff = Depends(require_staff)
Kiosk = Depends(require_kiosk)
AttemptToken = Depends(require_attempt)
AccountAdmin = Depends(require_account_admin)
IntegrationAdmin = Depends(require_integration_admin)
Submitter = Depends(require_submitter)
SessionReader = Depends(require_session_reader)
#: A route parameter: who force-ends an attempt (admin, proctor or integration key).
Ender = Annotated[Identity, Depends(require_ender)]
#: A route parameter: the identity of a person acting on exams, sessions or attempts.
Caller = Annotated[Identity, Staff]
#: A route parameter: who starts an attempt (kiosk key, proctor token, admin or integration key).
KioskCaller = Annotated[Identity, Kiosk]
SignedInProctor = Annotated[Identity, Depends(require_signed_in)]

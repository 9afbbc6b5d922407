"""Proctor accounts (admin key only) and sign-in/sign-out: thin routes over ProctorService."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from core.api import schemas as api
from core.api.auth import AccountAdmin, SignedInProctor
from core.api.errors import coded
from core.bootstrap import Core
from core.domain.errors import SignInLocked, SignInRefused
from core.domain.records import ProctorDTO, SignedIn

ERROR = {"model": api.ErrorBody}
RESPONSES: dict[int | str, dict[str, Any]] = {
    401: ERROR | {"description": "Missing or wrong secret"},
    403: ERROR | {"description": "Secret of the wrong kind (only the admin key manages proctors)"},
    422: ERROR | {"description": "Invalid field"},
}
LOGIN_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: ERROR | {"description": "Wrong username or password, or a disabled account"},
    422: ERROR | {"description": "Invalid field"},
    429: ERROR | {"description": "Too many failed sign-ins for this username from this address "
                                 "(five in five minutes), or too many sign-ins from this address "
                                 "(twenty a minute): wait Retry-After seconds"},
}


def create_accounts_router(core: Core) -> APIRouter:
    router = APIRouter(tags=["proctors"])

    @router.post("/api/v1/proctors", response_model=ProctorDTO, status_code=201,
                 dependencies=[AccountAdmin],
                 responses={**RESPONSES, 409: ERROR | {"description": "Username taken"}})
    def create_proctor(body: api.ProctorCreate) -> object:
        return core.proctors.create_proctor(body.username, body.display_name, body.password)

    @router.get("/api/v1/proctors", response_model=list[ProctorDTO],
                dependencies=[AccountAdmin], responses=RESPONSES)
    def list_proctors() -> object:
        return core.proctors.list_proctors()

    @router.post("/api/v1/proctors/{proctor_id}/disable", response_model=ProctorDTO,
                 dependencies=[AccountAdmin],
                 responses={**RESPONSES, 404: ERROR | {"description": "Unknown id"}})
    def disable_proctor(proctor_id: str) -> object:
        return core.proctors.disable_proctor(proctor_id)

    @router.post("/api/v1/auth/login", response_model=SignedIn, responses=LOGIN_RESPONSES)
    def login(body: api.Login, request: Request) -> object:
        address = request.client.host if request.client else ""
        try:
            signed_in = core.proctors.login(body.username, body.password, address)
        except SignInRefused as refused:
            raise coded(401, refused, headers={"WWW-Authenticate": "Bearer"}) from None
        except SignInLocked as locked:
            raise coded(429, locked, headers={
                "Retry-After": str(locked.retry_after_seconds)}) from None
        return signed_in

    @router.post("/api/v1/auth/logout", status_code=204, response_class=Response,
                 responses=RESPONSES)
    def logout(who: SignedInProctor) -> Response:
        assert who.token_id is not None  # a proctor identity always has its token
        core.proctors.logout(who.token_id)
        return Response(status_code=204)

    return router

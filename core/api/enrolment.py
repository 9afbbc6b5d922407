"""Enrolment routes: the proctor makes a one-time code, a kiosk trades it for what it needs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from core.api.errors import CodedHTTPException
from core.api.schemas import ErrorBody, Line
from core.bootstrap import Core
from core.domain.accounts import clean_room
from core.domain.enrolment_codes import CODE_LENGTH, code_digits, format_code
from core.net.tls import read_fingerprint
from core.services.enrolment_codes import EnrolmentError


class EnrolmentCodeView(BaseModel):
    code: str = Field(description=f"{CODE_LENGTH} characters without look-alikes, in the form "
                                  "XXXX-XXXX; works once")
    expires_at: datetime
    fingerprint_digits: str | None = Field(
        description="the first 8 hex digits of the center's fingerprint, as the kiosk types "
                    "them next to the code (EABA DE89); null when the center does not use TLS")
    room: str | None = Field(default=None, description="the room the enrolled kiosk is in")


class EnrolmentCodeRequest(BaseModel):
    room: Line | None = Field(default=None, max_length=40,
                              description='The exam room of the kiosk to enrol, e.g. "Hall 2"')


class EnrolRequest(BaseModel):
    code: str = Field(min_length=1, max_length=32,
                      description="the code as typed; case, spaces and dashes do not matter")


class EnrolmentView(BaseModel):
    server_url: str = Field(description="the address the kiosk used")
    kiosk_key: str
    fingerprint: str | None = Field(
        description="sha256:<64 hex digits> of the center's CA; null without TLS")
    room: str | None = Field(default=None,
                             description="the exam room given with the code; null when none")


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


def create_enrolment_router(core: Core, admin: Any) -> APIRouter:
    router = APIRouter(tags=["enrolment"])

    @router.post("/api/v1/enrolment-codes", response_model=EnrolmentCodeView, status_code=201,
                 dependencies=[admin], responses={403: _error("Secret of the wrong kind")},
                 summary="Make a one-time kiosk enrolment code (10 minutes)")
    def issue_enrolment_code(request: Request,
                             body: EnrolmentCodeRequest | None = None) -> object:
        issued = core.enrolment.issue(clean_room(body.room) if body else None)
        fingerprint = (read_fingerprint(core.config.data_dir)
                       if request.url.scheme == "https" else None)
        return {"code": format_code(issued.code), "expires_at": issued.expires_at,
                "fingerprint_digits": code_digits(fingerprint) if fingerprint else None,
                "room": issued.room}

    @router.post("/api/v1/enrol", response_model=EnrolmentView, responses={
        404: _error("Unknown code"), 410: _error("Code already used or expired"),
        422: _error("Invalid field"),
        429: _error("Ten wrong codes from this address within a minute: wait Retry-After seconds")},
        summary="Trade an enrolment code for the server address, kiosk key and fingerprint")
    def enrol(body: EnrolRequest, request: Request) -> object:
        try:
            room = core.enrolment.redeem(body.code, request.client.host if request.client else "")
        except EnrolmentError as exc:
            wait = exc.retry_after_seconds
            raise CodedHTTPException(exc.status, exc.code, exc.params, headers=None
                                     if wait is None else {"Retry-After": str(wait)}) from None
        # The code came over TLS: the kiosk pins the certificate that carried it.
        served_tls = request.url.scheme == "https"
        fingerprint = read_fingerprint(core.config.data_dir) if served_tls else None
        return {"server_url": str(request.base_url).rstrip("/"),
                "kiosk_key": core.config.kiosk_key,
                "fingerprint": f"sha256:{fingerprint}" if fingerprint else None,
                "room": room}

    return router

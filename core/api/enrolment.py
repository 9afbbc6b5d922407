"""Enrolment routes: the proctor makes a one-time code, a kiosk trades it for what it needs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, Field

from core.api.schemas import ErrorBody
from core.bootstrap import Core
from core.domain.enrolment_codes import CODE_LENGTH
from core.net.tls import read_fingerprint
from core.services.enrolment_codes import EnrolmentError


class EnrolmentCodeView(BaseModel):
    code: str = Field(description=f"{CODE_LENGTH} characters without look-alikes; works once")
    expires_at: datetime


class EnrolRequest(BaseModel):
    code: str = Field(min_length=1, max_length=32,
                      description="the code as typed; case, spaces and dashes do not matter")


class EnrolmentView(BaseModel):
    server_url: str = Field(description="the address the kiosk used")
    kiosk_key: str
    fingerprint: str | None = Field(
        description="sha256:<64 hex digits> of the center's CA; null without TLS")


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


def create_enrolment_router(core: Core, admin: Any) -> APIRouter:
    router = APIRouter(tags=["enrolment"])

    @router.post("/api/v1/enrolment-codes", response_model=EnrolmentCodeView, status_code=201,
                 dependencies=[admin], responses={403: _error("Secret of the wrong kind")},
                 summary="Make a one-time kiosk enrolment code (10 minutes)")
    def issue_enrolment_code() -> object:
        issued = core.enrolment.issue()
        return {"code": issued.code, "expires_at": issued.expires_at}

    @router.post("/api/v1/enrol", response_model=EnrolmentView, responses={
        404: _error("Unknown code"), 410: _error("Code already used or expired"),
        422: _error("Invalid field"),
        429: _error("Ten wrong codes from this address within a minute: wait Retry-After seconds")},
        summary="Trade an enrolment code for the server address, kiosk key and fingerprint")
    def enrol(body: EnrolRequest, request: Request) -> object:
        try:
            core.enrolment.redeem(body.code, request.client.host if request.client else "")
        except EnrolmentError as exc:
            wait = exc.retry_after_seconds
            raise HTTPException(exc.status, str(exc), headers=None if wait is None else {
                "Retry-After": str(wait)}) from None
        # The code came over TLS: the kiosk pins the certificate that carried it.
        served_tls = request.url.scheme == "https"
        fingerprint = read_fingerprint(core.config.data_dir) if served_tls else None
        return {"server_url": str(request.base_url).rstrip("/"),
                "kiosk_key": core.config.kiosk_key,
                "fingerprint": f"sha256:{fingerprint}" if fingerprint else None}

    return router

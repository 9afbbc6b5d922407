"""The one error table: domain errors and request problems -> status + a readable sentence."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from core.domain.errors import Conflict, DomainError, InvalidInput, NotFound, SnapshotRejected

log = logging.getLogger(__name__)

ERROR_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (NotFound, 404),
    (Conflict, 409),
    (InvalidInput, 422),
)


def status_for(error: DomainError) -> int:
    if isinstance(error, SnapshotRejected):
        return error.status
    for kind, status in ERROR_STATUS:
        if isinstance(error, kind):
            return status
    return 400


def describe_validation(exc: RequestValidationError) -> str:
    sentences = []
    for error in exc.errors()[:3]:
        loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
        field = ".".join(loc)
        kind = error.get("type", "")
        if kind == "json_invalid":
            sentences.append("The request body is not valid JSON.")
        elif kind == "missing":
            sentences.append(
                f"The field '{field}' is required." if field else "A body is required."
            )
        elif field:
            sentences.append(f"The field '{field}' is invalid: {error.get('msg', 'bad value')}.")
        else:
            sentences.append(f"The request body is invalid: {error.get('msg', 'bad value')}.")
    return " ".join(sentences) or "The request is invalid."


UNREADABLE_BODY = (
    "The request body cannot be read: send UTF-8 JSON, or a multipart form for an upload."
)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 400:  # FastAPI could not parse the body (bad UTF-8, no boundary)
            return JSONResponse({"detail": UNREADABLE_BODY}, status_code=422)
        return await http_exception_handler(request, exc)

    @app.exception_handler(DomainError)
    async def _domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse({"detail": exc.message}, status_code=status_for(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
            for e in exc.errors()
        ]
        return JSONResponse({"detail": describe_validation(exc), "errors": errors}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(
            {"detail": "Something went wrong on the server; the error was logged."},
            status_code=500,
        )

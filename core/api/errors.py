"""The one error table: domain errors and request problems -> status + a readable sentence.

Every answer that is not a success carries ``{"detail": "<a sentence>"}`` (and, when the
sentence is one of the catalogue's, core.domain.messages, its ``code`` and ``params`` for a
client to translate): domain errors, bodies
FastAPI cannot parse (too many multipart parts, JSON nested too deeply, bad UTF-8), unknown
routes, wrong methods, a database that is not answering (503 with ``Retry-After``: a fault of
the center that passes, never a refusal) and errors nobody expected (500, after which the
connection stays usable).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi import HTTPException as FastAPIHTTPException
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.routing import Match

from core.api.schemas import ErrorBody
from core.domain.errors import (
    Conflict,
    DomainError,
    InvalidInput,
    NotFound,
    SnapshotRejected,
    StorageFull,
)
from core.domain.lti import LaunchRefused
from core.domain.messages import MESSAGES, render
from core.media.store import is_no_space

log = logging.getLogger(__name__)

#: The error answers of the routes, as /openapi.json describes them.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Missing or wrong secret"},
    403: {"model": ErrorBody, "description": "Secret of the wrong kind"},
    404: {"model": ErrorBody, "description": "Unknown id"},
    409: {"model": ErrorBody, "description": "State conflict"},
    422: {"model": ErrorBody, "description": "Invalid field"},
}
ERROR_STATUS: tuple[tuple[type[DomainError], int], ...] = (
    (NotFound, 404),
    (Conflict, 409),
    (InvalidInput, 422),
    (StorageFull, 507),
)

UNEXPECTED = MESSAGES["server_error"]
SQLITE_FULL = 13  # sqlite3.SQLITE_FULL: "database or disk is full"
POSTGRES_DISK_FULL = "53100"  # SQLSTATE disk_full
DATABASE_UNREACHABLE = MESSAGES["database_unreachable"]
#: Seconds a client is asked to wait (``Retry-After``) when the database is not answering.
DATABASE_RETRY_AFTER_SECONDS = 5
#: SQLite's primary result codes that mean "cannot reach the file now", not a wrong statement:
#: BUSY, LOCKED, READONLY, IOERR, CANTOPEN, PROTOCOL.
SQLITE_UNREACHABLE = frozenset({5, 6, 8, 10, 14, 15})
UNREADABLE_BODY = (
    "The request body cannot be read: send UTF-8 JSON, or a multipart form for an upload."
)
#: Starlette's multipart refusals (its words, as they start) -> what we say instead.
MULTIPART_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("Too many fields", "The multipart form has too many parts: at most {limit} fields are "
     "accepted (an upload needs image, snapshot_id and captured_at)."),
    ("Too many files", "The multipart form has too many files: at most {limit} are accepted "
     "(an upload needs one image)."),
    ("Field exceeded maximum size", "A field of the multipart form is too large: at most "
     "{limit} KB are accepted for a field that is not a file."),
    ("Part exceeded maximum size", "A part of the multipart form is too large: at most {limit} "
     "KB are accepted for a part that is not a file."),
    ("Missing boundary", "The multipart form cannot be read: its Content-Type has no boundary."),
    ("The Content-Disposition header field", "A part of the multipart form has no name in its "
     "Content-Disposition header."),
    ("Invalid multipart data", "The multipart form is malformed and cannot be read."),
)


class CodedHTTPException(FastAPIHTTPException):
    """An HTTP refusal whose sentence is the catalogue's (core.domain.messages): its answer
    carries ``code`` and ``params`` beside ``detail``."""

    def __init__(self, status_code: int, code: str, params: dict[str, str] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        self.code = code
        self.params = dict(params or {})
        super().__init__(status_code, render(code, self.params), headers=headers)


def coded(status_code: int, error: DomainError,
          headers: dict[str, str] | None = None) -> FastAPIHTTPException:
    """An HTTP refusal saying a domain error's sentence, with its code when it has one."""
    if error.code is None:
        return FastAPIHTTPException(status_code, error.message, headers=headers)
    return CodedHTTPException(status_code, error.code, error.params, headers=headers)


def error_body(detail: str, code: str | None = None,
               params: dict[str, str] | None = None) -> dict[str, Any]:
    """``{"detail"}``, with ``code`` and ``params`` when the sentence is the catalogue's."""
    if code is None:
        return {"detail": detail}
    return {"detail": detail, "code": code, "params": dict(params or {})}


def status_for(error: DomainError) -> int:
    if isinstance(error, SnapshotRejected | LaunchRefused):
        return error.status
    for kind, status in ERROR_STATUS:
        if isinstance(error, kind):
            return status
    return 400


def as_storage_full(error: BaseException) -> StorageFull | None:
    """The StorageFull an unexpected error amounts to, if it says a disk or quota is full: a
    write that met ENOSPC/EDQUOT, or a database that could not grow."""
    if is_no_space(error):
        return StorageFull()
    if isinstance(error, DBAPIError):
        original = error.orig
        if (getattr(original, "sqlite_errorcode", None) == SQLITE_FULL
                or getattr(original, "sqlstate", None) == POSTGRES_DISK_FULL):
            return StorageFull(code="database_full")
    return None


def is_database_unreachable(error: BaseException) -> bool:
    """Whether an error means the database cannot be reached or used now (connection refused or
    lost, server shutting down, file locked or unreadable, no pooled connection free in time),
    which a later try may get past, as opposed to a statement the database refused."""
    if isinstance(error, PoolTimeout):
        return True
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    sqlite_code = getattr(error.orig, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return isinstance(error, OperationalError) and sqlite_code & 0xFF in SQLITE_UNREACHABLE
    return isinstance(error, OperationalError | InterfaceError)


#: Pydantic's kinds of field error -> (our code, the name of the limit in its ``ctx``).
VALIDATION_CODES: dict[str, tuple[str, str | None]] = {
    "string_too_short": ("field_too_short", "min_length"),
    "string_too_long": ("field_too_long", "max_length"),
    "too_short": ("field_too_short", "min_length"),
    "too_long": ("field_too_long", "max_length"),
    "greater_than_equal": ("field_too_small", "ge"),
    "less_than_equal": ("field_too_large", "le"),
    "int_parsing": ("field_not_whole_number", None),
    "int_type": ("field_not_whole_number", None),
    "int_from_float": ("field_not_whole_number", None),
    "string_type": ("field_not_text", None),
    "bool_parsing": ("field_not_true_or_false", None),
    "bool_type": ("field_not_true_or_false", None),
}


def validation_problem(error: Mapping[str, Any]) -> tuple[str, dict[str, str]]:
    """One of Pydantic's field errors as the catalogue's code and its parameters: the field's
    name (dotted), the limit it broke, or Pydantic's own English words as ``reason``."""
    loc = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path")]
    field = ".".join(loc)
    kind = str(error.get("type", ""))
    reason = str(error.get("msg", "bad value"))
    if kind == "json_invalid":
        return "body_not_json", {}
    if kind == "missing":
        return ("field_required", {"field": field}) if field else ("body_required", {})
    if not field:
        return "body_invalid", {"reason": reason}
    known = VALIDATION_CODES.get(kind)
    if known is not None:
        code, limit = known
        context = error.get("ctx") or {}
        if limit is None:
            return code, {"field": field}
        if limit in context:
            return code, {"field": field, "limit": str(context[limit])}
    return "field_invalid", {"field": field, "reason": reason}


def describe_validation(exc: RequestValidationError) -> str:
    """The sentences of the first three problems (each the catalogue's English)."""
    sentences = [render(*validation_problem(error)) for error in exc.errors()[:3]]
    return " ".join(sentences) or MESSAGES["request_invalid"]


def describe_unreadable_body(exc: HTTPException) -> str:
    """Why FastAPI could not parse a body (it answers 400 with its own words or none)."""
    detail = str(exc.detail)
    for start, sentence in MULTIPART_PROBLEMS:
        if detail.startswith(start):
            digits = "".join(c if c.isdigit() else " " for c in detail).split()
            return sentence.format(limit=digits[-1] if digits else "a limited number of")
    cause = exc.__cause__
    if isinstance(cause, RecursionError):
        return ("The JSON body is nested too deeply to be read; no request of this API nests "
                "more than a few levels.")
    if isinstance(cause, UnicodeDecodeError):
        return "The request body cannot be read: it is not valid UTF-8; send UTF-8 JSON."
    return UNREADABLE_BODY


def describe_route_error(request: Request, exc: HTTPException) -> str | None:
    """A sentence for the router's bare 404 and 405 answers; None for our own HTTPExceptions."""
    where = f"{request.method} {_shown_path(request)}"
    if exc.status_code == 404 and exc.detail == "Not Found":
        raw = request.scope.get("raw_path") or b""
        if b"%2f" in raw.lower():
            return ("An id in the path contains an encoded '/' (%2F); no id contains '/', so "
                    "nothing has that id.")
        return f"There is no API endpoint {where}; the endpoints are listed at /docs."
    if exc.status_code == 405 and exc.detail == "Method Not Allowed":
        methods = " or ".join(_methods_of(request))
        return f"The method of {where} is not allowed" + (
            f"; this path accepts {methods}." if methods else ".")
    return None


def _methods_of(request: Request) -> list[str]:
    """Every method some route accepts on this path (the router names only the first route's)."""
    found: set[str] = set()
    for route in request.app.router.routes:
        match, _ = route.matches({**request.scope, "method": "\x00"})
        if match is Match.PARTIAL:
            found |= set(getattr(route, "methods", None) or ())
    found.discard("HEAD")
    return sorted(found)


def _shown_path(request: Request) -> str:
    path = request.url.path
    return path if len(path) <= 120 else path[:117] + "..."


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 400:  # FastAPI could not parse the body (bad UTF-8, no boundary)
            return JSONResponse({"detail": describe_unreadable_body(exc)}, status_code=422)
        sentence = describe_route_error(request, exc)
        if sentence is not None:
            headers = dict(exc.headers or {})
            if exc.status_code == 405:
                headers["Allow"] = ", ".join(_methods_of(request))
            return JSONResponse({"detail": sentence}, status_code=exc.status_code,
                                headers=headers)
        if isinstance(exc, CodedHTTPException):
            return JSONResponse(error_body(str(exc.detail), exc.code, exc.params),
                                status_code=exc.status_code, headers=exc.headers)
        return await http_exception_handler(request, exc)

    @app.exception_handler(DomainError)
    async def _domain_error(_request: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(error_body(exc.message, exc.code, exc.params),
                            status_code=status_for(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [validation_problem(e) for e in exc.errors()]
        errors = [{"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")),
                   "type": e.get("type"), "code": code, "params": params}
                  for e, (code, params) in zip(exc.errors(), problems, strict=True)]
        # The first problem's code and parameters stand for the answer's (a client shows that
        # one in its language); ``errors`` has each problem's.
        code, params = problems[0] if problems else ("request_invalid", {})
        body = error_body(describe_validation(exc), code, params)
        return JSONResponse(body | {"errors": errors}, status_code=422)

    app.add_middleware(UnexpectedErrors)


Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


class UnexpectedErrors:
    """Answer an unexpected exception with 500 and a sentence (507 when storage is full, 503
    with ``Retry-After`` when the database is not answering), log it, and end the request
    there. (Starlette's own 500 handler re-raises to the server, which then closes the
    connection: a client that had already sent its next request on it saw a reset.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive,
                       send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            where = (scope.get("method"), scope.get("path"))
            headers = [(b"content-type", b"application/json")]
            full = as_storage_full(exc)
            if full is not None:
                log.warning("storage full on %s %s: %s", *where, exc)
                detail, status, code = full.message, status_for(full), full.code
            elif is_database_unreachable(exc):
                log.warning("the database is not answering (%s %s): %s", *where,
                            str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
                detail, status, code = DATABASE_UNREACHABLE, 503, "database_unreachable"
                headers.append((b"retry-after", str(DATABASE_RETRY_AFTER_SECONDS).encode()))
            else:
                log.exception("unexpected error on %s %s", *where)
                detail, status, code = UNEXPECTED, 500, "server_error"
            if started:
                raise  # half an answer is out: only closing the connection can end it
            body = json.dumps(error_body(detail, code)).encode()
            headers.append((b"content-length", str(len(body)).encode()))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

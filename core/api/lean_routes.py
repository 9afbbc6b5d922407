"""Routes on the kiosks' hot paths, declared to FastAPI but answered by a plain handler.

Every kiosk uploads a frame every few seconds and asks for its attempt's state (the heartbeat)
every five: at a thousand kiosks that is three hundred requests a second, and the framework's
per-request work (dependency solving, a thread for the whole request, response-model
validation) was most of what they cost. A lean route keeps its declaration, so ``/openapi.json``
describes it like any other (path, parameters, answer, statuses, secret), and hands its requests
to a handler that checks the secret itself, runs only the blocking part in a thread and writes
its answer's JSON directly. Errors are raised, not rendered, so the app's one error table
answers them.

- the snapshot upload: core/api/snapshot_upload.py;
- the heartbeat, ``GET /api/v1/attempts/{attempt_id}``: ``mount_heartbeat`` below.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from pydantic import TypeAdapter
from starlette.requests import Request
from starlette.responses import Response

from core.api.auth import Access, AttemptToken, authorize
from core.api.errors import ERRORS
from core.bootstrap import Core
from core.domain.records import AttemptState

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
#: Reads "Authorization: Bearer ..." (a lean route has no FastAPI dependencies).
BEARER = HTTPBearer(auto_error=False)
HEARTBEAT_PATH = "/api/v1/attempts/{attempt_id}"
_STATE = TypeAdapter(AttemptState)
#: Heartbeats read at the same time (a read takes about 1 ms of CPU; 1,000 kiosks send 200 a
#: second).
HEARTBEAT_THREADS = 8


def mount_lean_route(app: FastAPI, path: str, declaration: Callable[..., Any], handler: Handler,
                     *, method: str, first: bool = False, **declared: Any) -> None:
    """Add ``path``: described by ``declaration`` (its parameters and ``declared``, as for
    ``add_api_route``), answered by ``handler``. ``first`` puts it at the head of the routing
    table, where a request finds it without walking the table."""

    class LeanRoute(APIRoute):
        def get_route_handler(self) -> Handler:
            return handler

    app.router.add_api_route(path, declaration, methods=[method],
                             route_class_override=LeanRoute, **declared)
    if first:
        routes = app.router.routes
        routes.insert(0, routes.pop())


def own_threads(count: int, name: str) -> ThreadPoolExecutor:
    """``count`` threads for a lean route's blocking part. A route's own threads, not a share of
    the event loop's pool: with a share (anyio's capacity limiter) a request's turn ends only
    once the event loop has taken its result back, so a busy loop stretched every turn (10 ms
    of work held a turn for 40-110 ms with TLS at 1,000 kiosks) and requests queued for
    seconds; an executor's thread takes the next request the moment it is done. They start
    with the first request and are not shut down when the server stops: the console serves the
    same app again after a stop. Idle, they end with the app (the executor is collected) or at
    the process's exit."""
    return ThreadPoolExecutor(count, thread_name_prefix=name)


def get_attempt(attempt_id: str) -> AttemptState:
    # The declaration (no docstring: it would become the path's description): FastAPI reads the
    # parameters for the schema only. Never called: the route answers with ``serve_heartbeat``.
    raise NotImplementedError("the route answers with serve_heartbeat")


def mount_heartbeat(app: FastAPI, core: Core) -> None:
    """The kiosk's heartbeat: the attempt's state (one read; writes nothing unless the attempt
    is overdue, when it expires it), read in ``HEARTBEAT_THREADS`` threads of its own."""
    reading = own_threads(HEARTBEAT_THREADS, "proctor-heartbeat")

    async def serve_heartbeat(request: Request) -> Response:
        attempt_id: str = request.path_params["attempt_id"]
        await authorize(request, await BEARER(request), Access.ATTEMPT, attempt_id)
        state = await asyncio.wrap_future(reading.submit(core.attempts.get_attempt, attempt_id))
        return Response(_STATE.dump_json(state), media_type="application/json")

    mount_lean_route(app, HEARTBEAT_PATH, get_attempt, serve_heartbeat, method="GET", first=True,
                     response_model=AttemptState, tags=["attempts"],
                     dependencies=[AttemptToken], responses=ERRORS)

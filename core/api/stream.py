"""``GET /api/v1/proctor/stream``: the change log as server-sent events (framing by sse-starlette).

Every message has ``id:`` (the change's number), ``event:`` (its kind) and ``data:`` (one JSON
object). A client that sends ``Last-Event-ID`` (or ``?last_event_id=N``) gets every change after
N, none skipped and none twice, while N is inside the kept window; otherwise a ``reset`` comes
first (read the lists again) and the stream goes on from the newest change. A comment line
``: keepalive`` comes every 15 s.

A subscriber that does not keep up is cut off instead of buffered without bound: its queue holds
at most ``QUEUE_LIMIT`` changes, and a send that blocks longer than ``SEND_TIMEOUT_SECONDS`` ends
the response. Uploads never wait for a subscriber: the feed only drops changes into queues. The
client reconnects with its last id and catches up from the table. What waits in a queue is
written in one chunk per wake, not one write per change.

A stream opened with a proctor token ends within ``TOKEN_RECHECK_SECONDS`` (plus one idle
check) of the token ceasing to hold — its proctor disabled, the token signed out or expired —
with a last message ``event: signed_out``, ``data: {"reason": "<sentence>", "code": ...,
"params": {...}}`` (the sentence's code in core.domain.messages). The token is
read from the database, so a disable made through any server process that shares it counts.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Annotated, cast

import anyio
from fastapi import APIRouter, Header, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent

from core.api.auth import Identity
from core.bootstrap import Core
from core.events.change_log import Change

log = logging.getLogger(__name__)

KEEPALIVE_SECONDS = 15.0
QUEUE_LIMIT = 5_000
SEND_TIMEOUT_SECONDS = 10.0
#: How often a waiting stream checks that its client and its server are still there.
IDLE_CHECK_SECONDS = 0.25
#: How often a stream opened with a proctor token checks that the token still holds (one
#: primary-key read): with ``IDLE_CHECK_SECONDS`` it keeps ``signed_out`` within 3 s.
TOKEN_RECHECK_SECONDS = 1.0
SIGNED_OUT = "signed_out"


class StopSignal(threading.Event):
    """Set by ``ApiServer.stop``: every open stream is woken at once and ends, so a server
    that stops with consoles connected has no response left for uvicorn to wait for."""

    def __init__(self) -> None:
        super().__init__()
        self._wakers: set[Callable[[], None]] = set()
        self._wakers_lock = threading.Lock()

    def set(self) -> None:
        super().set()
        with self._wakers_lock:
            wakers = list(self._wakers)
        for wake in wakers:
            wake()

    def on_set(self, wake: Callable[[], None]) -> Callable[[], None]:
        """Call ``wake`` (from the stopping thread) when set; returns the undo."""
        with self._wakers_lock:
            self._wakers.add(wake)
        if self.is_set():
            wake()

        def forget() -> None:
            with self._wakers_lock:
                self._wakers.discard(wake)

        return forget


def _encode(change: Change) -> bytes:
    return ServerSentEvent(data=json.dumps(change.data, separators=(",", ":")),
                           event=change.kind, id=str(change.id)).encode()


class _Subscription:
    """One client's queue, filled on the feed's thread through the client's event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.pending: deque[Change] = deque()
        self.ready = asyncio.Event()
        self.is_overflowing = False

    def offer(self, batch: Sequence[Change]) -> None:  # on the feed's thread
        self.loop.call_soon_threadsafe(self._put, batch)

    def _put(self, batch: Sequence[Change]) -> None:
        if len(self.pending) + len(batch) > QUEUE_LIMIT:
            self.is_overflowing = True
        else:
            self.pending.extend(batch)
        self.ready.set()

    def wake(self) -> None:  # from any thread: the waiting stream looks around now
        with contextlib.suppress(RuntimeError):  # the loop is already closed: nothing waits
            self.loop.call_soon_threadsafe(self.ready.set)

    def take(self, after: int) -> tuple[bytes, int]:
        """Everything waiting, as one chunk of messages, and the last number in it."""
        self.ready.clear()
        chunks = []
        while self.pending:
            change = self.pending.popleft()
            if change.id > after:
                chunks.append(_encode(change))
                after = change.id
        return b"".join(chunks), after


class _SignOutWatch:
    """Reads, every ``TOKEN_RECHECK_SECONDS``, whether a proctor token that opened a stream
    still holds; once it does not, ``ended`` is set and ``reason`` says why."""

    def __init__(self, core: Core, token_id: str) -> None:
        self.ended = asyncio.Event()
        self.reason = ""
        self.code: str | None = None
        self.params: dict[str, str] = {}
        self._core = core
        self._token_id = token_id

    async def run(self) -> None:
        while True:
            try:
                reason = await anyio.to_thread.run_sync(self._core.proctors.token_refusal,
                                                        self._token_id)
            except Exception:  # the database is away for a moment: the stream goes on
                log.warning("could not check a stream's sign-in; trying again", exc_info=True)
                reason = None
            if reason is not None:
                self.reason = reason.message
                self.code, self.params = reason.code, reason.params
                self.ended.set()
                return
            await asyncio.sleep(TOKEN_RECHECK_SECONDS)

    def message(self, position: int) -> ServerSentEvent:
        said: dict[str, object] = {"reason": self.reason}
        if self.code is not None:  # the catalogue's sentence: its code for a client to translate
            said |= {"code": self.code, "params": self.params}
        return ServerSentEvent(data=json.dumps(said), event=SIGNED_OUT,
                               id=str(position))


def start_position(core: Core, last_event_id: int | None) -> tuple[int, bool]:
    """(the number after which to send, whether a reset comes first)."""
    oldest, newest = core.changes.bounds()
    if last_event_id is None:
        return newest, False
    if last_event_id > newest or (oldest and last_event_id < oldest - 1):
        return newest, True
    return last_event_id, False


def create_stream_router(core: Core, admin: object, stopping: threading.Event) -> APIRouter:
    router = APIRouter()

    @router.get(
        "/api/v1/proctor/stream",
        tags=["proctoring"],
        dependencies=[admin],  # type: ignore[list-item]
        response_class=EventSourceResponse,
        summary="Live change stream (server-sent events)",
        responses={200: {"content": {"text/event-stream": {}},
                         "description": "session_changed, snapshot_recorded, snapshot_analysed, "
                                        "event_recorded, exams_changed and reset messages; "
                                        "signed_out (with the reason) ends a proctor's "
                                        "stream whose sign-in ended"}},
    )
    async def stream(
        request: Request,
        who: Identity = cast(Identity, admin),  # the route's own dependency: who is reading
        last_event_id_header: Annotated[int | None, Header(alias="Last-Event-ID")] = None,
        last_event_id: Annotated[int | None, Query(ge=0)] = None,
    ) -> EventSourceResponse:
        core.feed.start()
        subscription = _Subscription(asyncio.get_running_loop())
        unsubscribe = core.feed.subscribe(subscription.offer)
        forget_stop = (stopping.on_set(subscription.wake) if isinstance(stopping, StopSignal)
                       else lambda: None)
        wanted = last_event_id_header if last_event_id_header is not None else last_event_id
        position, reset = await anyio.to_thread.run_sync(start_position, core, wanted)
        sign_out = _SignOutWatch(core, who.token_id) if who.token_id is not None else None
        watch = asyncio.create_task(sign_out.run()) if sign_out is not None else None

        async def messages() -> AsyncIterator[ServerSentEvent | bytes]:
            nonlocal position
            try:
                if reset:
                    yield ServerSentEvent(data="{}", event="reset", id=str(position))
                while True:  # what the table has beyond ``position``, then the live queue
                    backlog = await anyio.to_thread.run_sync(core.changes.after, position)
                    if not backlog:
                        break
                    yield b"".join(_encode(change) for change in backlog)
                    position = backlog[-1].id
                while (not subscription.is_overflowing and core.feed.is_running
                       and not stopping.is_set()
                       and not (sign_out is not None and sign_out.ended.is_set())):
                    try:
                        await asyncio.wait_for(subscription.ready.wait(), IDLE_CHECK_SECONDS)
                    except TimeoutError:
                        if await request.is_disconnected():
                            return
                        continue
                    chunk, position = subscription.take(position)
                    if chunk:  # several changes in one write: one send per wake, not per change
                        yield chunk
                if sign_out is not None and sign_out.ended.is_set():
                    yield sign_out.message(position)  # the last message: the stream ends
            finally:
                unsubscribe()
                forget_stop()
                if watch is not None:
                    watch.cancel()

        return EventSourceResponse(
            messages(),
            ping=KEEPALIVE_SECONDS,
            ping_message_factory=lambda: ServerSentEvent(comment="keepalive"),
            send_timeout=SEND_TIMEOUT_SECONDS,
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    return router

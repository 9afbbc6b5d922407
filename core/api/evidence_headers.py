"""EvidenceHeaders: every answer of a route tagged ``evidence`` (snapshot images, thumbnails and
records, a session's snapshot list, and any evidence route added later) carries
``X-Content-Type-Options: nosniff`` (a browser never reads a candidate's image as anything but
what it is declared) and ``Cache-Control: no-store`` (no cache on the way, or on the proctor's
disk, keeps a copy of a candidate's picture)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

EVIDENCE_TAG = "evidence"
EVIDENCE_HEADERS = ((b"x-content-type-options", b"nosniff"), (b"cache-control", b"no-store"))


class EvidenceHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            # The router has put the matched route in the scope by the time the answer starts.
            route = scope.get("route")
            if (message["type"] == "http.response.start"
                    and EVIDENCE_TAG in (getattr(route, "tags", None) or ())):
                replaced = {name for name, _value in EVIDENCE_HEADERS}
                message["headers"] = [
                    *((name, value) for name, value in message.get("headers", ())
                      if name.lower() not in replaced),
                    *EVIDENCE_HEADERS,
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)

"""BodySizeLimit: refuse oversized request bodies with 413 before they are parsed.

The declared Content-Length is checked first; a body without one (chunked) is read up to the
limit and refused as soon as it passes it, so an unbounded body is never held in memory.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UPLOAD_PATH = re.compile(r"^/api/v1/attempts/[^/]+/snapshots/?$")
MULTIPART_ALLOWANCE = 64 * 1024
JSON_LIMIT = 256 * 1024


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_upload_bytes: int) -> None:
        self.app = app
        self.max_upload_bytes = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        is_upload = bool(UPLOAD_PATH.match(scope["path"]))
        limit = self.max_upload_bytes + MULTIPART_ALLOWANCE if is_upload else JSON_LIMIT
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(send, self.max_upload_bytes if is_upload else limit, is_upload)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _too_large(send, self.max_upload_bytes if is_upload else limit, is_upload)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send, limit: int, is_upload: bool) -> None:
    what = "upload" if is_upload else "request body"
    body = json.dumps(
        {"detail": f"The {what} is too large: at most {limit:,} bytes are accepted."}
    ).encode()
    await send({
        "type": "http.response.start",
        "status": 413,
        "headers": [(b"content-type", b"application/json"), (b"connection", b"close"),
                    (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})

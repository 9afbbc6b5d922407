"""uvicorn's HTTP/1.1 protocol with two additions.

A deadline for request headers, which uvicorn does not have: a connection whose request headers
are not complete within ``header_timeout`` seconds of its opening (or of the first byte of its
next request) gets 408 and is closed. The body is not timed, so a kiosk on a weak link may take
as long as it needs to send an upload once its headers are in.

Bytes that are not HTTP get 400 with a JSON sentence, like every other refusal, instead of
uvicorn's plain-text one.

Small subclasses of uvicorn's two HTTP/1.1 protocols (httptools, which the server uses, and
h11); the deadline is started when the connection opens or a request's first byte arrives and
stopped when its headers are complete.
"""

from __future__ import annotations

import asyncio
import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

DEFAULT_HEADER_TIMEOUT = 10.0


NOT_HTTP = "The request is not valid HTTP/1.1 and cannot be read, so the connection was closed."


def _closing_response(status: bytes, detail: str) -> bytes:
    body = json.dumps({"detail": detail}).encode()
    return (b"HTTP/1.1 " + status + b"\r\ncontent-type: application/json\r\n"
            b"connection: close\r\ncontent-length: " + str(len(body)).encode() + b"\r\n\r\n"
            + body)


class HeaderDeadline:
    """Mixin for a uvicorn protocol: ``_arm`` when headers are awaited, ``_disarm`` when in.
    (An armed deadline is left running, so it counts from the first moment of waiting.)"""

    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    transport: asyncio.Transport
    loop: asyncio.AbstractEventLoop
    _header_timer: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        self._answer_and_close(b"408 Request Timeout", "The request headers did not arrive "
                               f"within {self.header_timeout:g} seconds, so the connection was "
                               "closed.")

    def send_400_response(self, msg: str) -> None:
        """uvicorn's answer to bytes it cannot parse (``msg`` is its own plain words)."""
        self._disarm()
        self._answer_and_close(b"400 Bad Request", NOT_HTTP)

    def _answer_and_close(self, status: bytes, detail: str) -> None:
        if not self.transport.is_closing():
            self.transport.write(_closing_response(status, detail))
            self.transport.close()


class H11WithHeaderDeadline(HeaderDeadline, H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE:
            self._arm()  # part of a request line or of its headers is in, not all of them
        else:
            self._disarm()


class HttpToolsWithHeaderDeadline(HeaderDeadline, HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:  # the first byte of a request
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()


def protocol_with_header_deadline(header_timeout: float) -> type[asyncio.Protocol]:
    """The HTTP protocol class for ``uvicorn.Config(http=...)`` with this header deadline
    (httptools, as uvicorn picks when it is installed; it is a dependency)."""
    return type("HttpToolsWithHeaderDeadline", (HttpToolsWithHeaderDeadline,),
                {"header_timeout": header_timeout})

"""Slow clients: a connection whose request headers do not complete within the header timeout
gets 408 with a sentence and is closed (half a header, nothing at all, headers trickled a byte
at a time, the second request of a kept-alive connection); a slow but honest upload whose
headers arrive at once is never cut, however long its body takes. Bytes that are not HTTP get
400 with a sentence. Real sockets, real server, with uvicorn's httptools protocol and its h11
protocol."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

import core.api.http_protocol as http_protocol
from core.api.app import create_app
from core.api.http_protocol import H11WithHeaderDeadline, protocol_with_header_deadline
from core.api.server import ApiServer
from tests.core.api.support import start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id

#: The deadlines and answers are the HTTP protocol's, before or beside what the app stores (an
#: upload's storage on PostgreSQL is tested by test_snapshot_ingest.py): the PostgreSQL pass
#: (.ci/run) does not repeat these (tests/conftest.py).
pytestmark = pytest.mark.database_independent

HEADER_TIMEOUT = 1.0


@dataclass
class Served:
    port: int
    attempt_id: str
    token: str

    def connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=15)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock


def h11_protocol(timeout: float) -> type:
    return type("H11", (H11WithHeaderDeadline,), {"header_timeout": timeout})


@pytest.fixture(params=["httptools", "h11"])
def served(request, core, exam, monkeypatch) -> Iterator[Served]:
    if request.param == "h11":
        monkeypatch.setattr(http_protocol, "protocol_with_header_deadline", h11_protocol)
    server = ApiServer(create_app(core), "127.0.0.1", 0, header_timeout=HEADER_TIMEOUT)
    server.start()
    kiosk = start_kiosk(core, exam.exam_id, "C-1")
    try:
        assert server.port is not None
        yield Served(server.port, kiosk.attempt_id, kiosk.token)
    finally:
        server.stop()


def read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def read_response(sock: socket.socket) -> tuple[int, dict]:
    """One HTTP/1.1 response with a Content-Length body, read off a kept-alive socket."""
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1)
        assert chunk, f"connection closed after {head!r}"
        head += chunk
    lines = head.decode("latin-1").split("\r\n")
    length = next(int(line.split(":", 1)[1]) for line in lines
                  if line.lower().startswith("content-length:"))
    body = b""
    while len(body) < length:
        body += sock.recv(length - len(body))
    return int(lines[0].split()[1]), json.loads(body)


def assert_timed_out(received: bytes, waited: float) -> None:
    assert HEADER_TIMEOUT * 0.9 <= waited < HEADER_TIMEOUT + 4, waited
    assert received.startswith(b"HTTP/1.1 408"), received
    detail = json.loads(received.split(b"\r\n\r\n", 1)[1])["detail"]
    assert "did not arrive within 1 seconds" in detail and "closed" in detail


def test_half_a_request_header_is_answered_408_and_closed_after_the_header_timeout(served):
    with served.connect() as sock:
        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: kiosk\r\nAccept: appl")
        began = time.monotonic()
        received = read_until_closed(sock)
    assert_timed_out(received, time.monotonic() - began)


def test_a_connection_that_sends_nothing_is_closed_after_the_header_timeout(served):
    with served.connect() as sock:
        began = time.monotonic()
        received = read_until_closed(sock)
    assert_timed_out(received, time.monotonic() - began)


def test_headers_trickled_a_byte_at_a_time_are_cut_at_the_header_timeout(served):
    request = b"GET /api/v1/health HTTP/1.1\r\nHost: kiosk\r\nX-Padding: " + b"a" * 60
    with served.connect() as sock:
        began = time.monotonic()
        for byte in request:
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                break
            time.sleep(0.05)  # the client's pace, not a wait for the server
            if time.monotonic() - began > HEADER_TIMEOUT + 2:
                break
        received = read_until_closed(sock)
    assert_timed_out(received, time.monotonic() - began)


def multipart_upload(attempt_id: str, token: str, image: bytes) -> tuple[bytes, bytes]:
    boundary = "kiosk-boundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="snapshot_id"\r\n\r\n'
            f'{new_snapshot_id()}\r\n--{boundary}\r\nContent-Disposition: form-data; '
            f'name="image"; filename="frame.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
            ).encode() + image + f"\r\n--{boundary}--\r\n".encode()
    head = (f"POST /api/v1/attempts/{attempt_id}/snapshots HTTP/1.1\r\nHost: kiosk\r\n"
            f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n").encode()
    return head, body


def test_a_slow_upload_whose_headers_arrive_at_once_is_not_cut_and_keeps_its_connection(
        served):
    image = jpeg_bytes(1024, 768, quality=75)  # about 160 KB: over 3 s at 50 KB/s
    head, body = multipart_upload(served.attempt_id, served.token, image)
    with served.connect() as sock:
        sock.sendall(head)
        began = time.monotonic()
        step = 10_000  # 50 KB/s: 10 KB every 0.2 s
        for start in range(0, len(body), step):
            sock.sendall(body[start:start + step])
            time.sleep(0.2)  # the client's pace, not a wait for the server
        status, answer = read_response(sock)
        took = time.monotonic() - began
        assert status == 201, answer
        assert took > 2 * HEADER_TIMEOUT, took

        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: kiosk\r\n\r\n")
        assert read_response(sock)[0] == 200

        sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHo")  # the next request stalls
        began = time.monotonic()
        received = read_until_closed(sock)
    assert_timed_out(received, time.monotonic() - began)


def test_the_protocol_is_the_one_uvicorn_would_pick_with_the_deadline():
    protocol = protocol_with_header_deadline(2.5)
    assert protocol.header_timeout == 2.5
    assert "HttpTools" in protocol.__mro__[1].__name__ and protocol.__mro__[1] is not object


def test_bytes_that_are_not_http_get_a_400_with_a_sentence_and_are_closed(served):
    with served.connect() as sock:
        sock.sendall(b"HELLO \x00\x01 this is no request\r\n\r\n")
        received = read_until_closed(sock)
    assert received.startswith(b"HTTP/1.1 400"), received
    detail = json.loads(received.split(b"\r\n\r\n", 1)[1])["detail"]
    assert detail == ("The request is not valid HTTP/1.1 and cannot be read, so the connection "
                      "was closed.")

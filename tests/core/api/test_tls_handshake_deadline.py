"""A TLS connection that has not completed its handshake within 10 seconds is dropped, so silent
connections on the center's port do not pile up (asyncio alone holds one for 60 seconds). A real
HTTPS server on a real port; a raw TCP connection that sends nothing."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from core.api.app import create_app
from core.api.server import TLS_HANDSHAKE_TIMEOUT, ApiServer
from core.bootstrap import Core
from core.client import ProctorClient
from core.net.tls import ensure_server_certificates

#: A connection is dropped before any request reaches the app: no database takes part, so the
#: PostgreSQL pass (.ci/run) does not repeat these (tests/conftest.py).
pytestmark = pytest.mark.database_independent


@contextmanager
def https_server(core: Core, **timeouts: float) -> Iterator[tuple[ApiServer, str]]:
    certificates = ensure_server_certificates(core.config.data_dir, "127.0.0.1")
    server = ApiServer(create_app(core), "127.0.0.1", 0, ssl_certfile=certificates.cert_chain,
                       ssl_keyfile=certificates.key, **timeouts)
    server.start()
    try:
        yield server, f"sha256:{certificates.fingerprint}"
    finally:
        server.stop()


def seconds_until_dropped(port: int, limit: float) -> float:
    """Open a TCP connection, send nothing, and time how long until the server closes it."""
    started = time.monotonic()
    # A reset is a drop all the same.
    with socket.create_connection(("127.0.0.1", port), timeout=limit) as silent, \
            contextlib.suppress(ConnectionResetError):
        assert silent.recv(1) == b""
    return time.monotonic() - started


def test_a_silent_connection_is_dropped_when_its_handshake_deadline_passes(core):
    with https_server(core, tls_handshake_timeout=0.5) as (server, pin):
        waited = seconds_until_dropped(server.port, limit=20)
        with ProctorClient(server.url, fingerprint=pin) as client:  # others are served
            assert client.health().status == "ok"

    assert 0.4 <= waited < 5


@pytest.mark.slow  # waits the product's ten seconds
def test_the_product_drops_a_silent_tls_connection_after_ten_seconds(core):
    assert TLS_HANDSHAKE_TIMEOUT == 10
    with https_server(core) as (server, _pin):
        waited = seconds_until_dropped(server.port, limit=40)

    assert 9.5 <= waited < 15

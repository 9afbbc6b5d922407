"""ApiServer, the uvicorn thread the console and the tests serve the API from."""

from __future__ import annotations

import statistics
import time

import httpx

from tests.core.api.support import plain_http


def test_replies_on_a_kept_alive_connection_are_not_held_back(live_server):
    # Kiosks keep their connection open. If the listening socket is not marked as TCP, asyncio
    # skips TCP_NODELAY and every reply written in two parts waits ~40 ms for a delayed ACK.
    timings = []
    with httpx.Client(base_url=live_server.url, transport=plain_http()) as client:
        client.get("/api/v1/health")
        for _ in range(15):
            started = time.perf_counter()
            assert client.get("/api/v1/health").status_code == 200
            timings.append(time.perf_counter() - started)
    assert statistics.median(timings) < 0.020, f"median {statistics.median(timings) * 1000:.1f} ms"

"""ApiServer, the uvicorn thread the console and the tests serve the API from."""

from __future__ import annotations

import statistics
import threading
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


def test_a_stop_that_hangs_writes_every_threads_stack(tmp_path):
    from core.api.server import write_stacks_if_stopping_hangs

    report = tmp_path / "stacks.txt"
    with open(report, "w") as file:
        write_stacks_if_stopping_hangs(0.05, file)
        waiting_for_a_thread_that_never_ends(report)
    assert "waiting_for_a_thread_that_never_ends" in report.read_text()


def waiting_for_a_thread_that_never_ends(report) -> None:
    deadline = time.monotonic() + 10
    while report.stat().st_size == 0 and time.monotonic() < deadline:
        threading.Event().wait(0.01)


def test_an_app_served_again_after_a_stop_still_answers_uploads_and_heartbeats(core, exam):
    # The console stops its server and serves the same app again (on the network, say): the
    # routes' own threads must still take work.
    from core.api.app import create_app
    from core.api.server import ApiServer
    from tests.core.api.support import call, start_kiosk, upload
    from tests.helpers import jpeg_bytes

    app = create_app(core)
    kiosk = start_kiosk(core, exam.exam_id, "C-1")
    for round_ in range(2):
        server = ApiServer(app, "127.0.0.1", 0)
        server.start()
        try:
            answered = upload(server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=round_))
            state = call(server.url, "GET", f"/attempts/{kiosk.attempt_id}", kiosk.token)
        finally:
            server.stop()
        assert (answered.status_code, state.status_code) == (201, 200), (round_, answered.text)

"""ApiServer, the uvicorn thread the console and the tests serve the API from."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import httpx

from tests.core.api.support import REPO, plain_http


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


def test_a_stop_that_hangs_writes_every_threads_stack():
    # In a process of its own: the stacks are written by a watchdog thread that reads every
    # other thread's frames as they run, and goes on writing after the first line appears; in
    # the test worker it would go on into the next test (and its file number could be reused).
    hanging = subprocess.run(
        [sys.executable, "-c", HANGING_STOP], capture_output=True, text=True, timeout=60,
        cwd=REPO)
    assert hanging.returncode == 0, hanging.stderr
    assert "waiting_for_a_thread_that_never_ends" in hanging.stderr


def test_a_serving_process_makes_thousands_of_objects_before_the_collector_stops_it():
    # In a process of its own (it changes the collector's settings for the whole process).
    # With Python's 700, a loaded server collected twice a second, its in-flight requests
    # reached the oldest generation, and full collections paused every request 150-300 ms.
    run = subprocess.run(
        [sys.executable, "-c", COLLECTIONS_AFTER_START], capture_output=True, text=True,
        timeout=60, cwd=REPO)
    assert run.returncode == 0, run.stderr
    collections, frozen = run.stdout.split()
    assert int(frozen) > 10_000, "the start-up objects are left out of every collection"
    assert collections == "0", f"{collections} collections among 5,000 new objects"


COLLECTIONS_AFTER_START = """
import gc
from core.api.server import freeze_start_up_objects
freeze_start_up_objects()
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info))
kept = [[] for _ in range(5000)]
print(len(collections), gc.get_freeze_count())
"""


HANGING_STOP = """
import threading
from core.api.server import write_stacks_if_stopping_hangs

def waiting_for_a_thread_that_never_ends():
    never_ends = threading.Thread(target=threading.Event().wait, daemon=True)
    never_ends.start()
    never_ends.join(3.0)

write_stacks_if_stopping_hangs(0.05)
waiting_for_a_thread_that_never_ends()
"""


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

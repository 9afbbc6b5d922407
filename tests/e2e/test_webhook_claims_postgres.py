"""Two `proctor-server` processes on one PostgreSQL database deliver one webhook outbox: each
delivery is claimed by one of them (`SELECT ... FOR UPDATE SKIP LOCKED`, then a lease), so the
receiver gets every event exactly once and every delivery is settled after one try, although
both processes are woken by every change (NOTIFY) and race for the same rows.

Runs when TEST_DATABASE_URL names a throw-away PostgreSQL database (`.ci/run` starts one)."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.api.webhook_receiver import Receiver, make_server, received
from tests.e2e.test_server_process import ServerProcess
from tests.e2e.test_several_processes import client, needs_postgres, shared_settings

pytestmark = [needs_postgres, pytest.mark.slow]

CANDIDATES = 16
TYPES = ["attempt.started", "attempt.submitted"]


@pytest.fixture
def receiver(tmp_path) -> Iterator[tuple[Receiver, Path, str]]:
    log = tmp_path / "received.jsonl"
    server = make_server(log, delay=0.05)  # a little slow, so the two senders overlap
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, log, f"http://127.0.0.1:{server.server_address[1]}/hooks"
    server.shutdown()
    server.server_close()


def test_two_server_processes_deliver_each_webhook_event_exactly_once(tmp_path, receiver):
    _server, log, url = receiver
    settings = shared_settings(tmp_path / "shared-media")
    servers = [ServerProcess.start(tmp_path / f"host-{n}", env=settings) for n in (1, 2)]
    try:
        first, second = [s.wait_for_line("listening on ").split()[-1] for s in servers]
        admin, kiosk = settings["PROCTOR_ADMIN_KEY"], settings["PROCTOR_KIOSK_KEY"]
        with client(first, admin) as on_first:
            hook = on_first.post("/webhooks", json={"url": url, "events": TYPES}).json()
            exam = on_first.post("/exams", json={"title": "Shared",
                                                 "duration_seconds": 3600}).json()
        # Changes through both processes: each start and each hand-in queues one delivery.
        with client(first, kiosk) as one, client(second, kiosk) as other:
            for n in range(CANDIDATES):
                starts, submits = (one, other) if n % 2 else (other, one)
                started = starts.post("/attempts", json={
                    "exam_id": exam["exam_id"], "candidate_ref": f"C-{n}",
                    "candidate_name": "Ann Lee"}).json()
                assert submits.post(f"/attempts/{started['attempt_id']}/submit", headers={
                    "Authorization": f"Bearer {started['token']}"}).is_success
        expected = CANDIDATES * len(TYPES)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(received(log)) < expected:
            time.sleep(0.1)  # the senders run on their own; wait for the receiver's log
        time.sleep(1.0)  # and a moment more, for a duplicate that would come late
        events = [json.loads(line["body"]) for line in received(log)]
        sent_twice = [e for e, n in Counter(e["event_id"] for e in events).items() if n > 1]
        assert not sent_twice, f"{len(sent_twice)} events delivered more than once"
        assert Counter(e["type"] for e in events) == {t: CANDIDATES for t in TYPES}
        with client(second, admin) as on_second:
            deliveries = on_second.get(f"/webhooks/{hook['webhook_id']}/deliveries",
                                       params={"limit": 1000}).json()
        assert len(deliveries) == expected
        assert {(d["status"], d["attempts"]) for d in deliveries} == {("delivered", 1)}
    finally:
        for server in servers:
            server.stop()


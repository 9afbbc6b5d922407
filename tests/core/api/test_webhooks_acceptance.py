"""Acceptance of the webhooks with real processes: a `proctor-server` and an exam system's
receiver (tests/core/api/webhook_receiver.py) each in a process of their own. A scripted exam day
reaches the receiver with every event exactly once after dedupe, signed, in order per session;
so it does when the receiver was down during the changes, and when the server was killed with
deliveries pending and started again."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.core.api.support import REPO, ServerProcess, call
from tests.core.api.webhook_receiver import events_once, received

pytestmark = pytest.mark.slow

ADMIN, KIOSK = "admin-key-of-the-test-center", "kiosk-key-of-the-test-center"
ENV = {"PROCTOR_ADMIN_KEY": ADMIN, "PROCTOR_KIOSK_KEY": KIOSK, "PROCTOR_SWEEP_SECONDS": "0.2",
       "PROCTOR_SAMPLES": "0"}
ALL_TYPES = ["attempt.started", "attempt.submitted", "attempt.expired", "attempt.terminated",
             "session.flagged", "session.warned", "session.paused", "session.resumed",
             "session.time_added", "session.reviewed"]
#: What the exam day below reports, per candidate, in order.
EXPECTED = {
    "C-1": ["attempt.started", "session.flagged", "session.warned", "attempt.submitted",
            "session.reviewed"],
    "C-2": ["attempt.started", "attempt.terminated", "session.reviewed"],
    "C-3": ["attempt.started", "attempt.terminated"],
    "C-4": ["attempt.started", "attempt.expired"],
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def start_receiver(tmp_path) -> Iterator[Callable[[int], Path]]:
    """Start the receiver process on a port; it logs to the returned file."""
    processes: list[subprocess.Popen[str]] = []
    log = tmp_path / "received.jsonl"

    def start(port: int) -> Path:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.core.api.webhook_receiver", str(log), "--port",
             str(port)], stdout=subprocess.PIPE, text=True, cwd=REPO)
        processes.append(process)
        assert process.stdout is not None
        assert process.stdout.readline().startswith("listening on ")
        return log

    yield start
    for process in processes:
        process.kill()
        process.wait(10)
        if process.stdout is not None:
            process.stdout.close()


def add_webhook(url: str, port: int) -> str:
    response = call(url, "POST", "/webhooks", ADMIN,
                    json={"url": f"http://127.0.0.1:{port}/proctoring", "events": ALL_TYPES})
    assert response.status_code == 201, response.text
    return response.json()["secret"]


def exam_day(url: str) -> dict[str, str]:
    """Four candidates: one flagged, warned, submitted and reviewed; one terminated and
    reviewed; one force-ended; one whose short quiz expires. Returns attempt id -> candidate."""
    def ok(response):
        assert response.status_code in (200, 201), response.text
        return response.json()

    exam = ok(call(url, "POST", "/exams", ADMIN, json={"title": "Final", "duration_seconds": 3600}))
    quiz = ok(call(url, "POST", "/exams", ADMIN, json={"title": "Quiz", "duration_seconds": 2}))
    attempts = {ref: ok(call(url, "POST", "/attempts", KIOSK, json={
        "exam_id": (quiz if ref == "C-4" else exam)["exam_id"], "candidate_ref": ref,
        "candidate_name": f"Candidate {ref}", "external_ref": f"lms-{ref}"}))
        for ref in EXPECTED}
    one, two, three = (attempts[r] for r in ("C-1", "C-2", "C-3"))
    sessions = f"/proctor/sessions/{one['proctor_session_id']}"
    ok(call(url, "POST", f"{sessions}/flag", ADMIN, json={"reason": "Looking away"}))
    ok(call(url, "POST", f"{sessions}/warn", ADMIN, json={"message": "Face the camera."}))
    ok(call(url, "POST", f"/attempts/{one['attempt_id']}/submit", one["token"]))
    ok(call(url, "POST", f"{sessions}/review", ADMIN, json={"outcome": "no_issue"}))
    other = f"/proctor/sessions/{two['proctor_session_id']}"
    ok(call(url, "POST", f"{other}/terminate", ADMIN, json={"reason": "Phone on the desk"}))
    ok(call(url, "POST", f"{other}/review", ADMIN, json={"outcome": "violation"}))
    ok(call(url, "POST", f"/attempts/{three['attempt_id']}/force-end", ADMIN, json={}))
    return {a["attempt_id"]: ref for ref, a in attempts.items()}


def wait_for_every_event(log: Path, secret: str, count: int,
                         timeout: float = 60.0) -> list[dict]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events = events_once(log, secret)
        if len(events) >= count:
            time.sleep(0.5)  # nothing more is to come: a duplicate would show now
            return events_once(log, secret)
        time.sleep(0.2)
    raise AssertionError(f"only {len(events_once(log, secret))} of {count} events arrived")


def assert_the_day_was_heard(events: list[dict], candidates: dict[str, str]) -> None:
    heard: dict[str, list[str]] = {}
    for event in events:  # in order of first arrival
        ref = candidates[event["data"]["attempt_id"]]
        assert event["data"]["external_ref"] == f"lms-{ref}"
        heard.setdefault(ref, []).append(event["type"])
    assert heard == EXPECTED


def test_a_receiver_process_hears_every_event_of_an_exam_day_once_signed_and_in_order(
        start_server: Callable[..., ServerProcess], start_receiver, tmp_path):
    port = free_port()
    log = start_receiver(port)
    url = start_server(tmp_path / "data", env=ENV).wait_ready()
    secret = add_webhook(url, port)

    candidates = exam_day(url)

    events = wait_for_every_event(log, secret, sum(map(len, EXPECTED.values())))
    assert_the_day_was_heard(events, candidates)
    assert len(received(log)) == len(events)  # nothing was sent twice on a healthy day


def test_a_receiver_down_during_the_changes_hears_every_event_once_it_is_back(
        start_server: Callable[..., ServerProcess], start_receiver, tmp_path):
    port = free_port()
    url = start_server(tmp_path / "data", env=ENV).wait_ready()
    secret = add_webhook(url, port)
    candidates = exam_day(url)
    hooks = call(url, "GET", "/webhooks", ADMIN).json()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # the first tries have failed
        tried = call(url, "GET", f"/webhooks/{hooks[0]['webhook_id']}/deliveries", ADMIN).json()
        if sum(1 for d in tried if d["attempts"]) >= len(EXPECTED):
            break
        time.sleep(0.2)
    assert all(d["status"] == "pending" for d in tried)
    assert any(d["last_error"] and "could not be reached" in d["last_error"] for d in tried)

    log = start_receiver(port)

    events = wait_for_every_event(log, secret, sum(map(len, EXPECTED.values())))
    assert_the_day_was_heard(events, candidates)


def test_a_server_killed_with_deliveries_pending_delivers_them_when_it_starts_again(
        start_server: Callable[..., ServerProcess], start_receiver, tmp_path):
    port = free_port()
    server = start_server(tmp_path / "data", env=ENV)
    url = server.wait_ready()
    secret = add_webhook(url, port)
    candidates = exam_day(url)
    time.sleep(2.5)  # the quiz expires (the sweeper runs every 0.2 s)
    pending = call(url, "GET", "/webhooks", ADMIN).json()[0]["webhook_id"]
    assert len(call(url, "GET", f"/webhooks/{pending}/deliveries", ADMIN).json()) == sum(
        map(len, EXPECTED.values()))

    server.process.kill()
    server.process.wait(10)
    log = start_receiver(port)
    start_server(tmp_path / "data", env=ENV).wait_ready()

    events = wait_for_every_event(log, secret, sum(map(len, EXPECTED.values())))
    assert_the_day_was_heard(events, candidates)

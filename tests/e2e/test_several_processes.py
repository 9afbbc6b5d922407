"""Several `proctor-server` processes on one PostgreSQL database and one media root, as an exam
board runs them on several hosts (or one host with --workers): a change taken by one process
reaches the stream of another exactly once, the sweepers end an overdue attempt once, parallel
wrong passwords and enrolment codes sent to both get no more than the limit checked, and
--workers refuses SQLite with a sentence.

Runs when TEST_DATABASE_URL names a throw-away PostgreSQL database (`.ci/run` starts one)."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from httpx_sse import connect_sse

from tests.conftest import TEST_DATABASE_URL, _empty_database
from tests.e2e.test_server_process import ServerProcess
from tests.helpers import jpeg_bytes, new_snapshot_id

needs_postgres = pytest.mark.skipif(
    not (TEST_DATABASE_URL or "").startswith("postgresql"),
    reason="needs TEST_DATABASE_URL=postgresql+psycopg://... (a throw-away database); "
           ".ci/run starts one")

API = "/api/v1"


def shared_settings(media_root: Path) -> dict[str, str]:
    """What every host of one center shares: the database, the media root and the secrets."""
    return {
        "PROCTOR_DATABASE_URL": TEST_DATABASE_URL or "",
        "PROCTOR_MEDIA_ROOT": str(media_root),
        "PROCTOR_ADMIN_KEY": secrets.token_urlsafe(24),
        "PROCTOR_KIOSK_KEY": secrets.token_urlsafe(24),
        "PROCTOR_TOKEN_SECRET": secrets.token_urlsafe(24),
        "PROCTOR_SWEEP_SECONDS": "0.2",
        "PROCTOR_SAMPLES": "0",
    }


@pytest.fixture
def center(tmp_path) -> Iterator[tuple[dict[str, str], list[str]]]:
    """Two server processes (two 'hosts'): their shared settings and base URLs."""
    _empty_database(TEST_DATABASE_URL or "")
    settings = shared_settings(tmp_path / "shared-media")
    servers = [ServerProcess.start(tmp_path / f"host-{n}", env=settings) for n in (1, 2)]
    try:
        urls = [server.wait_for_line("listening on ").split()[-1] for server in servers]
        yield settings, urls
    finally:
        for server in servers:
            server.stop()


def client(url: str, secret: str) -> httpx.Client:
    return httpx.Client(base_url=url + API, headers={"Authorization": f"Bearer {secret}"},
                        timeout=httpx.Timeout(20, read=60), transport=httpx.HTTPTransport())


@needs_postgres
def test_a_stream_on_one_process_sees_every_upload_taken_by_another_exactly_once(center):
    settings, (first, second) = center
    admin = settings["PROCTOR_ADMIN_KEY"]
    with client(second, admin) as on_second:
        exam = on_second.post("/exams", json={"title": "Shared", "duration_seconds": 3600}).json()
    with client(second, settings["PROCTOR_KIOSK_KEY"]) as kiosk:
        attempt = kiosk.post("/attempts", json={"exam_id": exam["exam_id"], "candidate_ref": "r1",
                                                "candidate_name": "Ann Lee"}).json()
    uploaded = [new_snapshot_id() for _ in range(20)]
    recorded: list[str] = []
    with client(first, admin) as on_first, \
            connect_sse(on_first, "GET", "/proctor/stream") as source:
        assert source.response.status_code == 200
        with client(second, attempt["token"]) as candidate:
            for snapshot_id in uploaded:
                response = candidate.post(
                    f"/attempts/{attempt['attempt_id']}/snapshots",
                    files={"image": ("f.jpg", jpeg_bytes(seed=len(recorded)), "image/jpeg")},
                    data={"snapshot_id": snapshot_id})
                assert response.status_code == 201, response.text
            # Changes arrive in commit order: every upload's comes before this marker's.
            with client(second, admin) as on_second:
                on_second.post("/exams", json={"title": "Marker", "duration_seconds": 60})
        for sse in source.iter_sse():
            if sse.event == "snapshot_recorded":
                recorded.append(json.loads(sse.data)["snapshot_id"])
            if sse.event == "exams_changed":
                break
    assert recorded == uploaded


@needs_postgres
def test_the_sweepers_of_two_processes_end_an_overdue_attempt_once(center):
    settings, (first, second) = center
    with client(first, settings["PROCTOR_ADMIN_KEY"]) as admin:
        exam = admin.post("/exams", json={"title": "Short", "duration_seconds": 1}).json()
        with client(second, settings["PROCTOR_KIOSK_KEY"]) as kiosk:
            attempt = kiosk.post("/attempts", json={
                "exam_id": exam["exam_id"], "candidate_ref": "r2", "candidate_name": "Bo Chen",
            }).json()
        session_id = attempt["proctor_session_id"]
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            detail = admin.get(f"/proctor/sessions/{session_id}").json()
            if detail["status"] != "active":
                break
            time.sleep(0.2)
        time.sleep(1.0)  # several more sweeper cycles of both processes
        detail = admin.get(f"/proctor/sessions/{session_id}").json()
    assert detail["status"] == "completed"
    ended = [e for e in detail["events"] if e["type"] == "session_ended"]
    assert len(ended) == 1, detail["events"]


def statuses_of_parallel_posts(urls: list[str], path: str, body: dict, count: int) -> list[int]:
    """``count`` POSTs sent at once, alternately to each process; their statuses, sorted."""
    start = threading.Barrier(count)
    statuses: list[int] = []

    def post(url: str) -> None:
        with httpx.Client(base_url=url + API, timeout=60,
                          transport=httpx.HTTPTransport()) as anonymous:
            start.wait()
            statuses.append(anonymous.post(path, json=body).status_code)

    threads = [threading.Thread(target=post, args=(urls[n % len(urls)],)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    return sorted(statuses)


@needs_postgres
def test_parallel_wrong_passwords_sent_to_two_processes_get_only_five_checked(center):
    settings, urls = center
    with client(urls[0], settings["PROCTOR_ADMIN_KEY"]) as admin:
        assert admin.post("/proctors", json={"username": "dana", "display_name": "Dana Lee",
                                             "password": "correct horse battery"}
                          ).status_code == 201

    statuses = statuses_of_parallel_posts(
        urls, "/auth/login", {"username": "dana", "password": "wrong password"}, 8)

    assert statuses == [401] * 5 + [429] * 3


@needs_postgres
def test_parallel_wrong_enrolment_codes_sent_to_two_processes_get_only_ten_checked(center):
    _settings, urls = center
    statuses = statuses_of_parallel_posts(urls, "/enrol", {"code": "WRONGWRG"}, 14)
    assert statuses == [404] * 10 + [429] * 4


def test_several_workers_on_sqlite_are_refused_with_a_sentence(tmp_path):
    server = ServerProcess.start(tmp_path / "data", args=("--workers", "2"),
                                 env={"PROCTOR_DATABASE_URL": ""})  # the SQLite default
    try:
        assert server.process.wait(30) == 2
        stderr = server.process.stderr.read() if server.process.stderr else ""
        assert "--workers 2 needs a PostgreSQL database" in stderr
    finally:
        server.stop()


@needs_postgres
def test_two_workers_share_one_port_and_one_stream(tmp_path):
    _empty_database(TEST_DATABASE_URL or "")
    settings = shared_settings(tmp_path / "media")
    server = ServerProcess.start(tmp_path / "data", args=("--workers", "2"), env=settings)
    try:
        url = server.wait_for_line("listening on ").split()[-1]
        admin = settings["PROCTOR_ADMIN_KEY"]
        with client(url, admin) as api, connect_sse(api, "GET", "/proctor/stream") as source:
            titles = [f"Exam {n}" for n in range(12)]
            created = []
            for title in titles:  # a new connection each: they land on either worker
                with client(url, admin) as one_off:
                    created.append(one_off.post("/exams", json={
                        "title": title, "duration_seconds": 600}).json()["exam_id"])
            seen = []
            for sse in source.iter_sse():
                if sse.event == "exams_changed":
                    seen.append(json.loads(sse.data)["exam_id"])
                if len(seen) == len(created):
                    break
        assert seen == created
    finally:
        server.process.terminate()
        assert server.process.wait(30) == 0
        assert server.wait_for_line("stopped", timeout=5)


@needs_postgres
def test_workers_stop_when_their_supervising_process_is_killed(tmp_path):
    import psutil

    _empty_database(TEST_DATABASE_URL or "")
    server = ServerProcess.start(tmp_path / "data", args=("--workers", "2"),
                                 env=shared_settings(tmp_path / "media"))
    try:
        server.wait_for_line("listening on ")
        workers = psutil.Process(server.process.pid).children()
        assert len(workers) == 2
        server.process.kill()
        _gone, alive = psutil.wait_procs(workers, timeout=15)
        assert not alive, f"orphaned workers still running: {alive}"
    finally:
        server.stop()


@needs_postgres
def test_a_proctor_disabled_through_one_process_is_signed_out_of_a_stream_on_another(center):
    settings, (first, second) = center
    admin = settings["PROCTOR_ADMIN_KEY"]
    with client(second, admin) as on_second:
        sam = on_second.post("/proctors", json={"username": "sam", "display_name": "Sam Ortiz",
                                                "password": "correct horse battery"}).json()
    token = httpx.post(f"{first}{API}/auth/login", timeout=20,
                       json={"username": "sam", "password": "correct horse battery"}
                       ).json()["token"]
    with client(first, token) as as_sam, connect_sse(as_sam, "GET", "/proctor/stream") as source:
        assert source.response.status_code == 200
        with client(second, admin) as on_second:
            disabled_at = time.monotonic()
            assert on_second.post(f"/proctors/{sam['proctor_id']}/disable").status_code == 200
        last = None
        for sse in source.iter_sse():
            last = sse
        ended_after = time.monotonic() - disabled_at
    assert last is not None and last.event == "signed_out"
    assert "disabled" in json.loads(last.data)["reason"]
    assert ended_after < 3.0
    with client(first, token) as as_sam:
        refused = as_sam.get("/proctor/sessions")
    assert refused.status_code == 401 and "disabled" in refused.json()["detail"]

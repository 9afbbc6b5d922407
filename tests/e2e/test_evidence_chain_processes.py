"""Two `proctor-server` processes on one PostgreSQL database append to one session's evidence
chain at once (kiosk uploads and events sent to both, a proctor acting on both): they take turns
on the session's row, so every upload is taken (none refused by a deadlock between the chain's
row lock and the foreign keys of the rows being inserted: with ``FOR UPDATE`` there, most were),
every entry has its own position, the chain has no gap or fork, and `proctor-verify --data-dir`
and the session's bundle both accept it.

Runs when TEST_DATABASE_URL names a throw-away PostgreSQL database (`.ci/run` starts one)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from core.net.evidence_key import KEY_FILE, KEYS_DIR, EvidenceKey
from core.services.evidence_bundle import verify_bundle
from tests.conftest import TEST_DATABASE_URL, _empty_database
from tests.e2e.test_server_process import ServerProcess
from tests.e2e.test_several_processes import client, needs_postgres, shared_settings
from tests.helpers import jpeg_bytes, new_snapshot_id

ROOT = Path(__file__).resolve().parents[2]
#: Uploaders per process, and what each sends.
UPLOADERS = 4
SNAPSHOTS_EACH = 12


@pytest.fixture
def hosts(tmp_path) -> Iterator[tuple[dict[str, str], list[str], Path]]:
    """Two server processes sharing the database, the media root and the evidence key (as the
    README asks of hosts sharing a database): their settings, URLs and the first's data dir."""
    _empty_database(TEST_DATABASE_URL or "")
    settings = shared_settings(tmp_path / "shared-media")
    data_dirs = [tmp_path / f"host-{n}" for n in (1, 2)]
    EvidenceKey.load_or_create(data_dirs[0] / KEYS_DIR)
    shutil.copytree(data_dirs[0] / KEYS_DIR, data_dirs[1] / KEYS_DIR)
    servers = [ServerProcess.start(data_dir, env=settings) for data_dir in data_dirs]
    try:
        urls = [server.wait_for_line("listening on ").split()[-1] for server in servers]
        yield settings, urls, data_dirs[0]
    finally:
        for server in servers:
            server.stop()


@needs_postgres
def test_two_processes_appending_to_one_session_at_once_keep_one_chain_that_verifies(hosts):
    settings, urls, data_dir = hosts
    admin = settings["PROCTOR_ADMIN_KEY"]
    with client(urls[0], admin) as on_first:
        exam = on_first.post("/exams", json={"title": "Shared", "duration_seconds": 3600}).json()
    with client(urls[1], settings["PROCTOR_KIOSK_KEY"]) as kiosk:
        attempt = kiosk.post("/attempts", json={"exam_id": exam["exam_id"], "candidate_ref": "r1",
                                                "candidate_name": "Ann Lee"}).json()
    session_id, token = attempt["proctor_session_id"], attempt["token"]
    frames = [jpeg_bytes(seed=n) for n in range(4)]
    failures: list[str] = []
    start = threading.Barrier(2 * UPLOADERS)

    def upload(url: str, n: int) -> None:
        with client(url, token) as candidate, client(url, admin) as proctor:
            start.wait()
            for i in range(SNAPSHOTS_EACH):
                answer = candidate.post(f"/attempts/{attempt['attempt_id']}/snapshots",
                                        data={"snapshot_id": new_snapshot_id()},
                                        files={"image": ("f.jpg", frames[i % 4], "image/jpeg")})
                if answer.status_code != 201:
                    failures.append(f"upload {answer.status_code} {answer.text}")
                if i % 4 == n % 4:
                    answer = candidate.post(f"/attempts/{attempt['attempt_id']}/events",
                                            json={"type": "focus_lost", "detail": f"{n}/{i}"})
                    if answer.status_code != 201:
                        failures.append(f"event {answer.status_code} {answer.text}")
            answer = proctor.post(f"/proctor/sessions/{session_id}/warn",
                                  json={"message": f"Eyes front ({n})."})
            if answer.status_code not in (200, 201):
                failures.append(f"warn {answer.status_code} {answer.text}")

    threads = [threading.Thread(target=upload, args=(urls[n % 2], n))
               for n in range(2 * UPLOADERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert failures == []
    with client(urls[1], admin) as on_second:
        assert on_second.post(f"/proctor/sessions/{session_id}/terminate",
                              json={"reason": "done"}).status_code == 200
        bundle = on_second.get(f"/proctor/sessions/{session_id}/bundle")
    assert bundle.status_code == 200

    engine = create_engine(TEST_DATABASE_URL or "")
    with engine.connect() as connection:
        positions = connection.execute(text(
            "SELECT chain_seq FROM snapshots WHERE session_id = :s UNION ALL "
            "SELECT chain_seq FROM proctor_events WHERE session_id = :s"),
            {"s": session_id}).scalars().all()
        snapshots = connection.execute(text(
            "SELECT count(*) FROM snapshots WHERE session_id = :s"), {"s": session_id}).scalar()
    engine.dispose()
    assert snapshots == 2 * UPLOADERS * SNAPSHOTS_EACH
    assert sorted(positions) == list(range(1, len(positions) + 1))  # no gap, no position twice
    key = EvidenceKey.load(data_dir / KEYS_DIR / KEY_FILE).fingerprint
    assert verify_bundle(bundle.content, key).problems == []
    done = subprocess.run(
        [sys.executable, "-m", "core.api.verify", "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT),
             "PROCTOR_DATABASE_URL": settings["PROCTOR_DATABASE_URL"],
             "PROCTOR_MEDIA_ROOT": settings["PROCTOR_MEDIA_ROOT"]})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"verified: {snapshots} snapshots, ")

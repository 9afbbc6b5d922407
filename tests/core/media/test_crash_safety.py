"""Files before rows. When storing a snapshot fails after its file was written, no file
remains; files a crash left behind are removed by the orphan sweep, and real evidence is kept."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from core.bootstrap import Core, build_core
from core.db.engine import WriteSession
from core.domain.domain_events import SnapshotRecorded
from core.domain.errors import StorageFull
from tests.core.api.support import (
    assert_readable,
    call,
    database_state,
    nothing_is_stored,
    plain_http,
    start_kiosk,
    stored_files,
    upload,
)
from tests.helpers import jpeg_bytes, new_snapshot_id

FRAME = jpeg_bytes(seed=21)


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1")


def test_a_database_that_refuses_the_row_leaves_no_file_behind(live_server, kiosk):
    core = live_server.core
    is_postgresql = core.engine.dialect.name == "postgresql"
    with core.engine.begin() as connection:
        if is_postgresql:
            connection.execute(text(
                "CREATE FUNCTION refuse_snapshot() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'disk quota exceeded'; END $$ LANGUAGE plpgsql"))
            connection.execute(text(
                "CREATE TRIGGER refuse_snapshots BEFORE INSERT ON snapshots "
                "FOR EACH ROW EXECUTE FUNCTION refuse_snapshot()"))
        else:
            connection.execute(text(
                "CREATE TRIGGER refuse_snapshots BEFORE INSERT ON snapshots "
                "BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END"))
    with nothing_is_stored(core):
        response = upload(live_server.url, kiosk.attempt_id, kiosk.token, FRAME)
    assert_readable(response, 500)

    with core.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER refuse_snapshots"
                                + (" ON snapshots" if is_postgresql else "")))
    retry = upload(live_server.url, kiosk.attempt_id, kiosk.token, FRAME)
    assert retry.status_code == 201
    assert len(stored_files(core)) == 2


def test_a_failure_inside_the_write_transaction_removes_both_files(core, kiosk, monkeypatch):
    files_at_failure: list[int] = []
    real_emit = WriteSession.emit

    def fail_after_the_insert(ws, event):
        if isinstance(event, SnapshotRecorded):  # the row is inserted, not yet committed
            files_at_failure.append(len(stored_files(core)))
            raise OSError(5, "Input/output error")
        real_emit(ws, event)

    monkeypatch.setattr(WriteSession, "emit", fail_after_the_insert)

    with nothing_is_stored(core), pytest.raises(OSError):
        core.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(), FRAME)
    assert files_at_failure == [2], "the image and thumbnail were on disk when the row failed"


def test_a_full_disk_while_writing_the_thumbnail_leaves_no_image_and_says_storage_is_full(
        core, kiosk, monkeypatch):
    real_open = os.open

    def disk_full_on_thumbnails(path, flags, mode=0o777):
        if ".thumb.jpg" in os.fspath(path):
            raise OSError(28, "No space left on device")
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", disk_full_on_thumbnails)

    with nothing_is_stored(core), pytest.raises(StorageFull, match="storage is full"):
        core.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(), FRAME)


def age(path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture
def sweeping_core(config, clock):
    built = build_core(config.with_overrides(orphan_grace_seconds=60), clock)
    yield built
    built.close()


def evidence_rows(core: Core) -> dict:
    """Every table's rows but the chain heads' signatures, which the same sweep adds."""
    state = database_state(core.engine)
    state.pop("evidence_signatures")
    return state


def test_the_orphan_sweep_removes_left_over_files_and_keeps_real_evidence(sweeping_core, clock):
    core = sweeping_core
    assert core.sweeper.orphan_grace_seconds == 60
    exam = core.exams.create_exam("Algebra final", 3600)
    kiosk = start_kiosk(core, exam.exam_id, "C-1")
    real_id = new_snapshot_id()
    core.snapshots.record_snapshot(kiosk.attempt_id, real_id, FRAME, clock.now())
    real_files = stored_files(core)
    folder = real_files[0].parent
    crashed = folder / f"{new_snapshot_id()}.jpg"  # written, then the process died
    half_written = folder / f".{new_snapshot_id()}.jpg.5e1f.tmp"
    just_written = folder / f"{new_snapshot_id()}.jpg"  # an upload in flight right now
    for path in (crashed, half_written, just_written):
        path.write_bytes(FRAME)
    for path in (*real_files, crashed, half_written):
        age(path, 3600)
    rows_before = evidence_rows(core)

    report = core.sweeper.run_once(include_orphan_files=True)

    assert report.orphan_files_removed == 2
    assert report.errors == []
    assert stored_files(core) == sorted([*real_files, just_written])
    assert evidence_rows(core) == rows_before
    assert core.snapshots.read_image(real_id) == real_files[0].read_bytes()


def test_the_orphan_sweep_runs_only_when_asked(sweeping_core):
    core = sweeping_core
    folder = core.config.media_root / "proctor-snapshots" / "2026" / "01"
    folder.mkdir(parents=True)
    orphan = folder / f"{new_snapshot_id()}.jpg"
    orphan.write_bytes(FRAME)
    age(orphan, 3600)

    assert core.sweeper.run_once().orphan_files_removed == 0
    assert orphan.exists()
    assert core.sweeper.run_once(include_orphan_files=True).orphan_files_removed == 1
    assert not orphan.exists()


# ---- a killed server ----------------------------------------------------------------------------
REPO = Path(__file__).resolve().parents[3]


class ServerProcess:
    """`python -m core.api.server` on a data dir, as a real process on a free port."""

    def __init__(self, data_dir: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
        env.update({"PROCTOR_ANALYSIS": "0", "PYTHONUNBUFFERED": "1",
                    "PYTHONPATH": os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "core.api.server", "--data-dir", str(data_dir), "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("listening on "):
                self.url = line.strip().removeprefix("listening on ")
                break
        else:
            raise AssertionError(f"the server did not start (exit {self.process.wait()})")
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        keys = json.loads((data_dir / "keys.json").read_text())
        self.admin_key, self.kiosk_key = keys["admin_key"], keys["kiosk_key"]

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def processes() -> Iterator[list[ServerProcess]]:
    started: list[ServerProcess] = []
    yield started
    for server in started:
        server.stop()


@pytest.mark.process  # a real proctor-server process (its own database)
@pytest.mark.db
def test_every_upload_answered_201_survives_a_sigkill_with_image_and_thumbnail(
        tmp_path, processes):
    data_dir = tmp_path / "data"
    server = ServerProcess(data_dir)
    processes.append(server)
    exam = call(server.url, "POST", "/exams", server.admin_key,
                json={"title": "Algebra final", "duration_seconds": 3600}).json()
    attempts = [call(server.url, "POST", "/attempts", server.kiosk_key,
                     json={"exam_id": exam["exam_id"], "candidate_ref": f"C-{n}",
                           "candidate_name": f"Candidate {n}"}).json() for n in range(8)]
    acknowledged: list[tuple[str, str]] = []  # (attempt_id, snapshot_id) answered 201
    lock = threading.Lock()

    def uploader(attempt: dict) -> None:
        with httpx.Client(base_url=server.url, timeout=10, transport=plain_http()) as client:
            while True:
                snapshot_id = new_snapshot_id()
                try:
                    response = client.post(
                        f"/api/v1/attempts/{attempt['attempt_id']}/snapshots",
                        headers={"Authorization": f"Bearer {attempt['token']}"},
                        data={"snapshot_id": snapshot_id},
                        files={"image": ("frame.jpg", FRAME, "image/jpeg")})
                except httpx.HTTPError:
                    return  # the server is gone
                assert response.status_code == 201, response.text
                with lock:
                    acknowledged.append((attempt["attempt_id"], snapshot_id))

    uploaders = [threading.Thread(target=uploader, args=(a,)) for a in attempts]
    for thread in uploaders:
        thread.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 60 and time.monotonic() < deadline:
        time.sleep(0.01)
    server.kill()  # mid-stream: uploads are in flight in every stage of the writer
    for thread in uploaders:
        thread.join(15)
    assert len(acknowledged) >= 60

    restarted = ServerProcess(data_dir)
    processes.append(restarted)
    sessions = {s["attempt_id"]: s for s in call(
        restarted.url, "GET", "/proctor/sessions", restarted.admin_key).json()}
    for attempt_id, snapshot_id in acknowledged:
        for kind in ("image", "thumbnail"):
            served = call(restarted.url, "GET", f"/snapshots/{snapshot_id}/{kind}",
                          restarted.admin_key)
            assert served.status_code == 200, (kind, snapshot_id, served.text)
            assert served.content.startswith(b"\xff\xd8\xff")
        assert attempt_id in sessions
    for session in sessions.values():  # the summaries agree with the rows that survived
        listed = call(restarted.url, "GET",
                      f"/proctor/sessions/{session['session_id']}/snapshots",
                      restarted.admin_key).json()
        assert session["snapshot_count"] == len(listed)

"""Crash leftovers: temp files of writes a crash cut short (kill -9 in the middle of an upload)
are removed at start and by the sweep once they are older than the temp grace period; younger
ones, which may be another process's write in progress on a shared media root, are kept, and so
is every other file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import httpx
import pytest

from core.bootstrap import build_core
from core.config import CoreConfig
from tests.helpers import jpeg_bytes, new_snapshot_id

AGED = 1800  # past the temp grace period, not past the orphan one (an hour)


def leave(path: Path, age_seconds: float) -> Path:
    """A file as a crashed write leaves it, last written ``age_seconds`` ago."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff half a JPEG")
    then = time.time() - age_seconds
    os.utime(path, (then, then))
    return path


def leftovers(media: Path) -> dict[str, Path]:
    month = media / "proctor-snapshots" / "2026" / "11"
    return {
        "old snapshot temp": leave(month / f".{new_snapshot_id()}.jpg.1a2b3c4d.tmp", AGED),
        "old thumbnail temp": leave(month / f".{new_snapshot_id()}.thumb.jpg.5e6f.tmp", AGED),
        "old temp elsewhere": leave(media / "incoming" / "batch-17.tmp", AGED + 60),
        "young temp": leave(month / f".{new_snapshot_id()}.jpg.9a8b7c6d.tmp", 5),
        "not a temp file": leave(media / "operator-notes.txt", AGED + 60),
    }


def test_the_server_removes_stale_temp_files_at_start_and_keeps_young_ones(
        tmp_path, start_server):
    data_dir = tmp_path / "data"
    files = leftovers(data_dir / "media_storage")
    server = start_server(data_dir, env={"PROCTOR_TEMP_GRACE_SECONDS": "60"})
    url = server.wait_ready()

    deadline = time.monotonic() + 15
    while files["old snapshot temp"].exists() and time.monotonic() < deadline:
        assert httpx.get(f"{url}/api/v1/health", timeout=10).status_code == 200
    for name in ("old snapshot temp", "old thumbnail temp", "old temp elsewhere"):
        assert not files[name].exists(), name
    assert files["young temp"].exists() and files["not a temp file"].exists()
    assert "Traceback" not in server.stop()


@pytest.mark.db  # builds its own core
def test_the_sweep_removes_temp_files_once_they_pass_the_grace_period(tmp_path):
    config = CoreConfig.load(data_dir=tmp_path / "data", env={
        "PROCTOR_ANALYSIS": "0", "PROCTOR_TEMP_GRACE_SECONDS": "600"})
    core = build_core(config)
    try:
        exam = core.exams.create_exam("Algebra final", 3600)
        attempt = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee")
        stored = core.snapshots.record_snapshot(attempt.attempt_id, new_snapshot_id(),
                                                jpeg_bytes())
        files = leftovers(config.media_root)
        assert core.sweeper.run_once().temp_files_removed == 0  # only the orphan cycle looks

        report = core.sweeper.run_once(include_orphan_files=True)
        assert report.temp_files_removed == 3 and not report.errors
        assert files["young temp"].exists() and files["not a temp file"].exists()

        aged = time.time() - 601
        os.utime(files["young temp"], (aged, aged))
        assert core.sweeper.run_once(include_orphan_files=True).temp_files_removed == 1
        assert not files["young temp"].exists()
        assert core.snapshots.read_image(stored.snapshot.snapshot_id)[:3] == b"\xff\xd8\xff"
    finally:
        core.close()

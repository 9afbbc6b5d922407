"""Issue 3: files before rows. When storing a snapshot fails after its file was written, no file
remains; files a crash left behind are removed by the orphan sweep, and real evidence is kept."""

from __future__ import annotations

import os
import time

import pytest
from sqlalchemy import text

from core.bootstrap import build_core
from core.db.engine import WriteSession
from core.domain.domain_events import SnapshotRecorded
from core.domain.errors import StorageFull
from tests.api.support import (
    assert_readable,
    database_state,
    nothing_is_stored,
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
    rows_before = database_state(core.engine)

    report = core.sweeper.run_once(include_orphan_files=True)

    assert report.orphan_files_removed == 2
    assert report.errors == []
    assert stored_files(core) == sorted([*real_files, just_written])
    assert database_state(core.engine) == rows_before
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

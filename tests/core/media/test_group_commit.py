"""Uploads that arrive together are stored together: one durability barrier for their files, one
transaction for their rows. Over real HTTP, on real files: what each kiosk is told, what is on
disk, and the session summaries, when a batch is mixed (a refused row, an invalid image, the
same snapshot_id twice)."""

from __future__ import annotations

import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import event, text

from core.bootstrap import Core
from core.domain.records import SessionDTO
from tests.core.api.support import (
    Kiosk,
    admin_client,
    assert_readable,
    start_kiosk,
    stored_files,
    upload,
)
from tests.helpers import jpeg_bytes, new_snapshot_id

FRAME = jpeg_bytes(seed=31)


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.01)


def upload_together(core: Core, url: str,
                    uploads: list[tuple[Kiosk, str, bytes, str | None]]) -> list[httpx.Response]:
    """Send valid uploads concurrently while the writer is held, so that all of them reach it
    before it takes its next batch; returns the responses in order."""
    submitted = core.snapshots.writer.stats.submitted
    with ThreadPoolExecutor(len(uploads)) as pool, core.snapshots.writer.held():
        futures = [pool.submit(upload, url, kiosk.attempt_id, kiosk.token, image, snapshot_id,
                               captured_at)
                   for kiosk, snapshot_id, image, captured_at in uploads]
        wait_until(lambda: core.snapshots.writer.stats.submitted == submitted + len(uploads))
    return [future.result() for future in futures]


def sessions_by_id(live_server) -> dict[str, SessionDTO]:
    with admin_client(live_server) as admin:
        return {s.session_id: s for s in admin.list_sessions()}


def snapshot_rows(core: Core) -> dict[str, str]:
    with core.engine.connect() as connection:
        return dict(connection.execute(text("SELECT id, session_id FROM snapshots")).all())


@pytest.fixture
def kiosks(core, exam) -> list[Kiosk]:
    return [start_kiosk(core, exam.exam_id, f"C-{n}", f"Candidate {n}") for n in range(5)]


def test_a_row_refused_after_its_files_were_flushed_loses_its_files_and_spares_its_batch(
        live_server, kiosks):
    core = live_server.core
    refused_id, good_ids = new_snapshot_id(), [new_snapshot_id() for _ in range(4)]
    with core.engine.begin() as connection:
        if core.engine.dialect.name == "postgresql":
            connection.execute(text(
                "CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.id = '{refused_id}' THEN RAISE EXCEPTION 'disk quota exceeded'; "
                "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"))
            connection.execute(text(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON snapshots "
                "FOR EACH ROW EXECUTE FUNCTION refuse_one()"))
        else:
            connection.execute(text(
                "CREATE TRIGGER refuse_one BEFORE INSERT ON snapshots "
                f"WHEN NEW.id = '{refused_id}' "
                "BEGIN SELECT RAISE(ABORT, 'disk quota exceeded'); END"))
    files_at_commit: list[int] = []
    real_commit = core.snapshots.writer._store.commit

    def commit_after_noting_the_files(payloads):
        files_at_commit.append(len(stored_files(core)))
        return real_commit(payloads)

    core.snapshots.writer._store.commit = commit_after_noting_the_files
    ids = [refused_id, *good_ids]

    responses = upload_together(core, live_server.url,
                                [(k, i, FRAME, None) for k, i in zip(kiosks, ids, strict=True)])

    assert core.snapshots.writer.stats.last_batch == 5, "the five uploads shared one batch"
    assert files_at_commit == [10], "all files were durable on disk before the rows committed"
    assert_readable(responses[0], 500)
    assert [r.status_code for r in responses[1:]] == [201] * 4
    assert set(snapshot_rows(core)) == set(good_ids)
    names = {p.name.split(".")[0] for p in stored_files(core)}
    assert names == set(good_ids), "the refused upload's image and thumbnail were removed"
    assert len(stored_files(core)) == 8
    counts = {s.session_id: s.snapshot_count for s in sessions_by_id(live_server).values()}
    assert counts == {kiosks[0].session_id: 0, **{k.session_id: 1 for k in kiosks[1:]}}

    with core.engine.begin() as connection:
        connection.execute(text("DROP TRIGGER refuse_one" + (
            " ON snapshots" if core.engine.dialect.name == "postgresql" else "")))
    retry = upload(live_server.url, kiosks[0].attempt_id, kiosks[0].token, FRAME, refused_id)
    assert retry.status_code == 201
    assert len(stored_files(core)) == 10


def test_fifty_concurrent_uploads_with_one_invalid_store_forty_nine_and_count_exactly(
        live_server, kiosks, clock):
    core = live_server.core
    t0 = clock.now()
    uploads = []
    for n in range(50):
        kiosk = kiosks[n % len(kiosks)]
        captured = (t0 + timedelta(seconds=n)).isoformat()
        uploads.append((kiosk, new_snapshot_id(), FRAME, captured))
    broken = FRAME[: len(FRAME) // 2]
    uploads[17] = (uploads[17][0], uploads[17][1], broken, uploads[17][3])

    with ThreadPoolExecutor(50) as pool:
        responses = list(pool.map(
            lambda u: upload(live_server.url, u[0].attempt_id, u[0].token, u[2], u[1], u[3]),
            uploads))

    assert "incomplete" in assert_readable(responses[17], 422)
    assert Counter(r.status_code for r in responses) == {201: 49, 422: 1}
    assert {r.json()["snapshot_id"] for r in responses if r.status_code == 201} == {
        u[1] for n, u in enumerate(uploads) if n != 17}
    rows = snapshot_rows(core)
    assert len(rows) == 49 and uploads[17][1] not in rows
    assert len(stored_files(core)) == 98
    sessions = sessions_by_id(live_server)
    for kiosk in kiosks:
        mine = [(u[3], u[1]) for n, u in enumerate(uploads) if u[0] is kiosk and n != 17]
        session = sessions[kiosk.session_id]
        assert session.snapshot_count == len(mine) == Counter(rows.values())[kiosk.session_id]
        assert session.latest_snapshot_id == max(mine)[1], "the newest capture is the latest"


def test_the_same_snapshot_id_twice_in_one_batch_is_stored_once_and_answered_201_then_200(
        live_server, kiosks):
    core = live_server.core
    snapshot_id = new_snapshot_id()
    other_id = new_snapshot_id()

    responses = upload_together(core, live_server.url, [
        (kiosks[0], snapshot_id, FRAME, None), (kiosks[0], snapshot_id, FRAME, None),
        (kiosks[1], other_id, FRAME, None)])

    assert sorted(r.status_code for r in responses[:2]) == [200, 201]
    assert responses[0].json() == responses[1].json()
    assert responses[2].status_code == 201
    assert set(snapshot_rows(core)) == {snapshot_id, other_id}
    assert len(stored_files(core)) == 4
    assert sessions_by_id(live_server)[kiosks[0].session_id].snapshot_count == 1


def test_a_batch_is_flushed_renamed_and_its_folder_flushed_before_its_rows_commit(
        live_server, kiosks, monkeypatch):
    """The durability order of one batch, as the operating system sees it."""
    core = live_server.core
    steps: list[str] = []
    lock = threading.Lock()
    real_fsync, real_replace = os.fsync, os.replace

    def note(step: str) -> None:
        with lock:
            steps.append(step)

    def fsync(fd):
        is_folder = os.path.isdir(f"/proc/self/fd/{fd}")
        real_fsync(fd)
        note("folder fsync" if is_folder else "file fsync")

    def replace(src, dst):
        real_replace(src, dst)
        note("rename")

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)

    def on_commit(_connection) -> None:
        note("commit")

    event.listen(core.engine, "commit", on_commit)
    try:
        responses = upload_together(core, live_server.url,
                                    [(k, new_snapshot_id(), FRAME, None) for k in kiosks[:3]])
    finally:
        event.remove(core.engine, "commit", on_commit)

    assert [r.status_code for r in responses] == [201] * 3
    assert steps.count("file fsync") == 6 and steps.count("rename") == 6
    assert steps.count("commit") == 1, "one transaction for the three rows"
    last = {step: len(steps) - 1 - steps[::-1].index(step) for step in set(steps)}
    assert last["file fsync"] < steps.index("rename"), "every file is flushed before a rename"
    assert last["rename"] < steps.index("folder fsync"), "the folder is flushed after the renames"
    assert last["folder fsync"] < steps.index("commit"), "the rows commit once files are durable"


def test_the_writer_tells_how_long_its_oldest_unstored_upload_has_waited(core, exam):
    # The analysis gives way to the uploads by this figure (core/jobs/analysis/pool.py).
    writer = core.snapshots.writer
    attempt = core.attempts.start_attempt(exam.exam_id, "W-1", "Kiosk")
    assert writer.oldest_wait() == 0.0
    with writer.held():
        prepared = core.snapshots.prepare_snapshot(attempt.attempt_id, new_snapshot_id(), FRAME)
        stored = core.snapshots.submit(prepared)
        first = writer.oldest_wait()
        assert first > 0.0
        wait_until(lambda: writer.oldest_wait() > first)  # it grows while the upload waits
        assert not stored.done()
    assert stored.result(timeout=20).is_new
    assert writer.oldest_wait() == 0.0

"""A retention purge leaves gaps in a session's chain by design; the chain records what left it
(positions, the hash that ended each run, when, and by what), the center signs that record,
and proctor-verify (a bundle, or a center's data dir) tells the purge from tampering: a purged
session verifies, a removal no purge recorded, an edited purge record and a purge record added
by hand are each named."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from core.bootstrap import build_core
from core.db.engine import UnitOfWork
from core.db.models import ProctorEvent
from core.domain.evidence import PURGE_MARK, purge_detail
from core.services.evidence_bundle import verify_bundle
from core.services.records import new_id
from tests.core.api.support import start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id

ROOT = Path(__file__).resolve().parents[3]
RETENTION_DAYS = 2


@pytest.fixture
def retaining_core(config, clock):
    built = build_core(config.with_overrides(retention_days=RETENTION_DAYS), clock)
    yield built
    built.close()


@pytest.fixture
def purged(retaining_core, clock) -> str:
    """A session of four snapshots with kiosk events between them, ended three days ago and
    purged by the retention period; its id."""
    core = retaining_core
    exam = core.exams.create_exam("Algebra final", 3600)
    kiosk = start_kiosk(core, exam.exam_id, "C-1", "Ann Lee")
    for n in range(4):
        clock.advance(30)
        core.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(seed=n))
        if n % 2:
            core.attempts.record_kiosk_event(kiosk.attempt_id, "focus_lost")
    core.proctoring.flag_session(kiosk.session_id, "Looked away", actor="Dana Lee")
    core.attempts.submit_attempt(kiosk.attempt_id)
    clock.advance(days=RETENTION_DAYS + 1)
    assert core.snapshots.purge_expired_media(RETENTION_DAYS) == 1
    return kiosk.session_id


def verify_data_dir(core) -> tuple[int, list[str]]:
    done = subprocess.run([sys.executable, "-m", "core.api.verify", "--data-dir",
                           str(core.config.data_dir)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT),
                                            "PROCTOR_DATABASE_URL": core.config.database_url})
    return done.returncode, done.stdout.splitlines()


def purge_event(core, session_id: str) -> ProctorEvent:
    with Session(core.engine) as s:
        return s.scalars(select(ProctorEvent).where(ProctorEvent.session_id == session_id,
                                                    ProctorEvent.type == "media_purged")).one()


def test_a_purged_session_verifies_and_its_timeline_says_what_was_deleted_when_and_by_what(
        retaining_core, purged):
    core = retaining_core
    [shown] = [e for e in core.proctoring.get_session(purged).events if e.type == "media_purged"]
    assert shown.detail == "4 snapshots deleted after 2 days"  # people see the sentence
    stored = purge_event(core, purged)
    record = json.loads(stored.detail.split(PURGE_MARK, 1)[1])
    assert record["by"] == "retention period of 2 days" and record["entries"] == 4
    # 1: the session started; 4: focus lost between the second and third snapshot
    assert [run[:2] for run in record["runs"]] == [[2, 3], [5, 6]]

    code, lines = verify_data_dir(core)

    assert code == 0, lines
    assert lines[0].startswith("verified: 0 snapshots, ") and " in 1 session, " in lines[0]
    assert lines[0].endswith("; 1 session purged by the retention period, checked across "
                             "what the purge recorded")
    bundle = core.evidence.bundle(purged)
    assert verify_bundle(bundle, core.evidence.key.fingerprint).problems == []


def test_an_event_removed_by_hand_after_a_purge_is_named_not_taken_for_the_purge(
        retaining_core, purged):
    core = retaining_core
    with Session(core.engine) as s:
        flag = s.scalars(select(ProctorEvent).where(ProctorEvent.session_id == purged,
                                                    ProctorEvent.type == "flagged")).one()
    with core.engine.begin() as connection:
        connection.exec_driver_sql(f"DELETE FROM proctor_events WHERE id = '{flag.id}'")

    code, lines = verify_data_dir(core)

    assert code == 1
    assert any(f"entry {flag.chain_seq} is missing before it (removed)" in line
               for line in lines), lines


def test_an_edited_purge_record_is_named(retaining_core, purged):
    core = retaining_core
    stored = purge_event(core, purged)
    widened = stored.detail.replace("[2,3,", "[2,4,")  # claims more was purged
    assert widened != stored.detail
    with core.engine.begin() as connection:
        connection.execute(text("UPDATE proctor_events SET detail = :detail WHERE id = :id"),
                           {"detail": widened, "id": stored.id})

    code, lines = verify_data_dir(core)

    assert code == 1
    assert any(f"event {stored.id} (media_purged)" in line and "was changed" in line
               for line in lines), lines


def test_a_purge_record_forged_with_the_chain_rebuilt_is_named_for_its_missing_signature(
        retaining_core, clock):
    """Someone who deletes a snapshot and appends a purge record that says so, chained as the
    center chains (but without the center's key to sign it), is found out."""
    core = retaining_core
    exam = core.exams.create_exam("Algebra final", 3600)
    kiosk = start_kiosk(core, exam.exam_id, "C-2", "Bo Chan")
    for n in range(3):
        clock.advance(30)
        core.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(seed=n))
    core.attempts.submit_attempt(kiosk.attempt_id)
    victim = core.proctoring.list_snapshots(kiosk.session_id)[1]
    with UnitOfWork(core.engine, lambda _event: None).write() as ws:  # no key, no signature
        seq, digest = ws.session.execute(
            text("SELECT chain_seq, chain_hash FROM snapshots WHERE id = :id"),
            {"id": victim.snapshot_id}).one()
        ws.session.execute(text("DELETE FROM snapshots WHERE id = :id"),
                           {"id": victim.snapshot_id})
        ws.add(ProctorEvent(id=new_id(), session_id=kiosk.session_id, type="media_purged",
                            detail=purge_detail("1 snapshots deleted after 2 days",
                                                [(seq, digest)], "retention period of 2 days"),
                            source="system", occurred_at=clock.now(),
                            recorded_at=clock.now()))
    forged = purge_event(core, kiosk.session_id)

    code, lines = verify_data_dir(core)

    assert code == 1
    assert any(f"event {forged.id} (media_purged) records a purge the center never signed"
               in line for line in lines), lines
    bundle = core.evidence.bundle(kiosk.session_id)
    problems = verify_bundle(bundle, core.evidence.key.fingerprint).problems
    assert any(f"event {forged.id} (media_purged) records a purge the center never signed"
               in problem for problem in problems), problems


def test_a_purged_sessions_bundle_without_its_purge_record_names_the_removals(
        retaining_core, purged):
    core = retaining_core
    bundle = core.evidence.bundle(purged)
    with zipfile.ZipFile(io.BytesIO(bundle)) as opened:
        files = {name: opened.read(name) for name in opened.namelist()}
    events = [e for e in json.loads(files["events.json"]) if e["type"] != "media_purged"]
    files["events.json"] = json.dumps(events).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as rewritten:
        for name, data in files.items():
            rewritten.writestr(name, data)

    problems = verify_bundle(out.getvalue(), core.evidence.key.fingerprint)

    assert any("(media_purged) is missing (removed)" in p for p in problems.problems), problems
    assert any("no purge recorded it" in p for p in problems.problems), problems

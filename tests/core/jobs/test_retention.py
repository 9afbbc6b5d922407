"""With a retention period set, sessions that ended longer ago lose their snapshot files
and rows, a few sessions at a time, with a media_purged event on their timeline; sessions that
ended recently and active sessions keep everything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest

from core.bootstrap import build_core
from core.domain.errors import SnapshotNotFound
from tests.core.api.support import Kiosk, start_kiosk, stored_files
from tests.helpers import jpeg_bytes, new_snapshot_id

RETENTION_DAYS = 2


@dataclass
class Evidence:
    kiosk: Kiosk
    snapshot_ids: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


@pytest.fixture
def retaining_core(config, clock):
    built = build_core(config.with_overrides(retention_days=RETENTION_DAYS), clock)
    yield built
    built.close()


def record(core, clock, kiosk: Kiosk, count: int = 2) -> Evidence:
    evidence = Evidence(kiosk)
    before = set(stored_files(core))
    for n in range(count):
        snapshot_id = new_snapshot_id()
        core.snapshots.record_snapshot(kiosk.attempt_id, snapshot_id, jpeg_bytes(160, 120, n),
                                       clock.now())
        evidence.snapshot_ids.append(snapshot_id)
    evidence.files = sorted(set(stored_files(core)) - before)
    assert len(evidence.files) == 2 * count
    return evidence


@pytest.fixture
def history(retaining_core, clock) -> dict[str, list[Evidence]]:
    """Three sessions ended 3 days ago, one ended 1 day ago, one still active (a 7-day exam)."""
    core = retaining_core
    exam = core.exams.create_exam("Algebra final", 3600)
    long_exam = core.exams.create_exam("Take-home project", 7 * 24 * 3600)
    old = [record(core, clock, start_kiosk(core, exam.exam_id, f"C-{n}")) for n in range(3)]
    active = record(core, clock, start_kiosk(core, long_exam.exam_id, "C-9"))
    clock.advance(600)
    for evidence in old:
        core.attempts.submit_attempt(evidence.kiosk.attempt_id)
    clock.advance(days=2)
    recent = record(core, clock, start_kiosk(core, exam.exam_id, "C-5"))
    clock.advance(600)
    core.attempts.submit_attempt(recent.kiosk.attempt_id)
    clock.advance(days=1)
    return {"old": old, "recent": [recent], "active": [active]}


def assert_kept(core, evidence: Evidence) -> None:
    assert all(path.exists() for path in evidence.files)
    listed = [s.snapshot_id for s in core.proctoring.list_snapshots(evidence.kiosk.session_id)]
    assert sorted(listed) == sorted(evidence.snapshot_ids)


def assert_purged(core, evidence: Evidence) -> None:
    assert not any(path.exists() for path in evidence.files)
    assert core.proctoring.list_snapshots(evidence.kiosk.session_id) == []
    for snapshot_id in evidence.snapshot_ids:
        with pytest.raises(SnapshotNotFound):
            core.snapshots.read_image(snapshot_id)
    detail = core.proctoring.get_session(evidence.kiosk.session_id)
    assert detail.session.latest_snapshot_id is None
    [purged] = [e for e in detail.events if e.type == "media_purged"]
    assert purged.source == "system"
    assert "2 snapshots deleted" in (purged.detail or "")


def test_the_sweeper_purges_evidence_older_than_the_retention_period(retaining_core, history):
    core = retaining_core
    assert core.sweeper.retention_days == RETENTION_DAYS

    report = core.sweeper.run_once()

    assert report.sessions_purged == 3 and report.errors == []
    for evidence in history["old"]:
        assert_purged(core, evidence)
    assert_kept(core, history["recent"][0])
    assert_kept(core, history["active"][0])
    assert core.proctoring.list_sessions("active")[0].session_id == (
        history["active"][0].kiosk.session_id)


def test_purging_goes_a_batch_at_a_time(retaining_core, history):
    core = retaining_core
    purge = core.snapshots.purge_expired_media

    assert [purge(RETENTION_DAYS, batch_size=2) for _ in range(3)] == [2, 1, 0]

    for evidence in history["old"]:
        assert_purged(core, evidence)
    assert_kept(core, history["recent"][0])


def test_a_purged_session_is_not_purged_again(retaining_core, history, clock):
    core = retaining_core
    core.sweeper.run_once()
    clock.advance(days=5)  # now the recent session is old too

    assert core.sweeper.run_once().sessions_purged == 1

    for evidence in history["old"]:
        events = core.proctoring.get_session(evidence.kiosk.session_id).events
        assert [e.type for e in events].count("media_purged") == 1
    assert_purged(core, history["recent"][0])
    assert_kept(core, history["active"][0])


def test_without_a_retention_period_nothing_is_ever_purged(core, clock):
    exam = core.exams.create_exam("Algebra final", 3600)
    evidence = record(core, clock, start_kiosk(core, exam.exam_id, "C-1"))
    core.attempts.submit_attempt(evidence.kiosk.attempt_id)
    clock.advance(timedelta(days=400).total_seconds())

    assert core.sweeper.run_once().sessions_purged == 0
    assert_kept(core, evidence)

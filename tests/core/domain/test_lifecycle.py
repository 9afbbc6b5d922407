"""The lifecycle policy (core/domain/lifecycle.py) through the core services with a fake clock,
on an in-memory database."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from core.db.models import Attempt
from core.domain.errors import AttemptEnded, SampleSessionReadOnly
from core.domain.samples import sample_sessions


def active_ids(memory_core) -> list[str]:
    return [s.session_id for s in memory_core.proctoring.list_sessions("active")]


def test_starting_an_attempt_creates_one_active_session(memory_core, memory_exam):
    started = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    assert started.proctor_session_id is not None
    assert active_ids(memory_core) == [started.proctor_session_id]


def test_starting_twice_returns_the_same_attempt_token_and_session(memory_core, memory_exam):
    first = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    again = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    assert (again.attempt_id, again.token, again.proctor_session_id) == (
        first.attempt_id, first.token, first.proctor_session_id)
    assert again.is_new is False
    assert len(memory_core.proctoring.list_sessions("all")) == 1


def test_submitting_closes_the_session_as_completed(memory_core, memory_exam, clock):
    started = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    clock.advance(60)
    state = memory_core.attempts.submit_attempt(started.attempt_id)
    assert state.status == "submitted"
    [session] = memory_core.proctoring.list_sessions("completed")
    assert session.ended_at == clock.now()
    assert active_ids(memory_core) == []


def test_running_out_of_time_completes_the_session_on_the_next_read(
    memory_core, memory_exam, clock
):
    started = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    clock.advance(3601)
    assert active_ids(memory_core) == []
    [session] = memory_core.proctoring.list_sessions("completed")
    assert session.attempt_status == "expired"
    assert session.ended_at == started.deadline_at


def test_the_sweeper_expires_overdue_attempts(memory_core, memory_exam, clock):
    started = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    clock.advance(3600)
    report = memory_core.sweeper.run_once()
    assert report.expired == 1
    assert memory_core.attempts.get_attempt(started.attempt_id).status == "expired"


def test_terminating_cancels_the_session_and_records_the_reason(memory_core, memory_exam):
    started = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    memory_core.proctoring.terminate_session(started.proctor_session_id, "Phone on the desk")
    detail = memory_core.proctoring.get_session(started.proctor_session_id)
    assert detail.session.status == "cancelled"
    assert detail.session.attempt_status == "terminated"
    assert ("terminated", "Phone on the desk") in [(e.type, e.detail) for e in detail.events]


def test_force_end_cancels_the_session(memory_core, memory_exam):
    started = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    memory_core.attempts.force_end_attempt(started.attempt_id, "Fire alarm")
    [session] = memory_core.proctoring.list_sessions("cancelled")
    assert session.session_id == started.proctor_session_id


def test_submitting_an_ended_attempt_is_a_conflict(memory_core, memory_exam):
    started = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    memory_core.attempts.submit_attempt(started.attempt_id)
    with pytest.raises(AttemptEnded):
        memory_core.attempts.submit_attempt(started.attempt_id)


def test_samples_show_only_when_nothing_real_is_active(memory_core, memory_exam):
    samples = memory_core.proctoring.list_sessions("active", include_samples=True)
    assert [s.session_id for s in samples] == ["sample-1", "sample-2"]
    assert all(s.is_sample for s in samples)
    memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    real = memory_core.proctoring.list_sessions("active", include_samples=True)
    assert len(real) == 1 and not real[0].is_sample


def test_actions_on_samples_are_refused(memory_core, clock):
    sample = sample_sessions(clock.now())[0]
    with pytest.raises(SampleSessionReadOnly):
        memory_core.proctoring.flag_session(sample.session_id, "Other")


@pytest.mark.parametrize(("attempt_status", "session_status"), [
    ("terminated", "cancelled"), ("submitted", "completed"), ("expired", "completed")])
def test_the_sweeper_closes_a_session_left_open_by_its_ended_attempt_by_the_policy(
        memory_core, memory_exam, attempt_status, session_status):
    # An attempt ended by a writer that did not close its session (e.g. an older version).
    started = memory_core.attempts.start_attempt(memory_exam.exam_id, "C-1", "Ann Lee")
    with Session(memory_core.engine) as db, db.begin():
        attempt = db.get(Attempt, started.attempt_id)
        attempt.status = attempt_status
        attempt.ended_at = started.started_at

    assert memory_core.sweeper.run_once().orphans_closed == 1

    session = memory_core.proctoring.get_session(started.proctor_session_id).session
    assert (session.status, session.ended_at) == (session_status, started.started_at)

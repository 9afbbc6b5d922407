"""The lifecycle rules of core/domain/lifecycle.py, called directly: no database, no clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.domain.enums import AttemptStatus, SessionStatus
from core.domain.lifecycle import (
    POLICY,
    EndReason,
    is_live,
    is_overdue,
    remaining_seconds,
    session_status_for,
)

DEADLINE = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)
ENDED = [AttemptStatus.SUBMITTED, AttemptStatus.EXPIRED, AttemptStatus.TERMINATED]


def test_every_ending_of_the_policy_has_its_session_status():
    assert {reason: session_status_for(attempt) for reason, (attempt, _) in POLICY.items()} == {
        reason: session for reason, (_, session) in POLICY.items()}


@pytest.mark.parametrize(("attempt", "session"), [
    ("in_progress", SessionStatus.ACTIVE),
    ("submitted", SessionStatus.COMPLETED),
    ("expired", SessionStatus.COMPLETED),
    ("terminated", SessionStatus.CANCELLED),
])
def test_a_session_follows_its_attempt(attempt, session):
    assert session_status_for(attempt) is session


def test_an_unknown_attempt_status_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="paused"):
        session_status_for("paused")


def test_force_ending_and_terminating_end_the_same_way():
    assert POLICY[EndReason.FORCE_ENDED] == POLICY[EndReason.TERMINATED]


def test_only_an_active_session_is_live():
    assert is_live("active")
    assert not any(is_live(s) for s in ("completed", "cancelled", ""))


def test_an_attempt_is_overdue_exactly_at_its_deadline():
    assert is_overdue("in_progress", DEADLINE, DEADLINE)


def test_an_attempt_is_not_overdue_a_tenth_of_a_second_before():
    assert not is_overdue("in_progress", DEADLINE, DEADLINE - timedelta(seconds=0.1))


@pytest.mark.parametrize("status", ENDED)
def test_an_ended_attempt_is_never_overdue(status):
    assert not is_overdue(status, DEADLINE, DEADLINE + timedelta(hours=1))


def test_no_time_remains_at_the_deadline():
    assert remaining_seconds("in_progress", DEADLINE, DEADLINE) == 0


def test_a_tenth_of_a_second_before_the_deadline_one_second_remains():
    assert remaining_seconds("in_progress", DEADLINE, DEADLINE - timedelta(seconds=0.1)) == 1


def test_whole_seconds_before_the_deadline_are_counted_exactly():
    assert remaining_seconds("in_progress", DEADLINE, DEADLINE - timedelta(seconds=90)) == 90
    assert remaining_seconds("in_progress", DEADLINE, DEADLINE - timedelta(seconds=89.5)) == 90


def test_no_time_remains_after_the_deadline():
    assert remaining_seconds("in_progress", DEADLINE, DEADLINE + timedelta(seconds=5)) == 0


@pytest.mark.parametrize("status", ENDED)
def test_an_ended_attempt_has_no_time_left_even_before_its_deadline(status):
    assert remaining_seconds(status, DEADLINE, DEADLINE - timedelta(minutes=30)) == 0

"""The one real-time check. A two-second exam on the system clock, with the sweeper
running every 0.1 s: its session leaves the active list as completed, ended at its deadline."""

from __future__ import annotations

import time

import pytest

from tests.core.api.support import admin_client, kiosk_client

pytestmark = pytest.mark.slow

POLL_SECONDS = 0.1
EXAM_SECONDS = 2


@pytest.fixture
def core_env() -> dict[str, str]:
    return {"PROCTOR_ANALYSIS": "0", "PROCTOR_SWEEP_SECONDS": "0.1"}


def test_a_two_second_exam_completes_its_session_on_time(real_live_server):
    core = real_live_server.core
    assert core.sweeper.period_seconds == 0.1
    core.start_background_jobs()
    with admin_client(real_live_server) as admin, kiosk_client(real_live_server) as kiosk:
        exam = admin.create_exam("Two-second drill", EXAM_SECONDS)
        started = kiosk.start_attempt(exam.exam_id, "C-1", "Ann Lee")
        active = admin.list_sessions()
        assert [s.session_id for s in active] == [started.proctor_session_id]

        give_up_at = time.monotonic() + EXAM_SECONDS + 8
        while active and time.monotonic() < give_up_at:
            time.sleep(POLL_SECONDS)
            active = admin.list_sessions()
        completed = admin.list_sessions("completed")

    assert active == [], "the session was still active 8 seconds after its deadline"
    [session] = completed
    assert session.session_id == started.proctor_session_id
    assert session.attempt_status == "expired"
    assert session.ended_at == started.deadline_at
    lasted = session.ended_at - started.started_at
    assert lasted.total_seconds() == pytest.approx(EXAM_SECONDS, abs=0.01)
    assert time.monotonic() < give_up_at

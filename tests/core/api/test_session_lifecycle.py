"""The session lifecycle as kiosks and proctors see it over real HTTP."""

from __future__ import annotations

import threading

import httpx
import pytest

from tests.core.api.support import (
    API,
    admin_client,
    assert_readable,
    bearer,
    call,
    kiosk_client,
    nothing_is_stored,
    parse_time,
    plain_http,
    row_counts,
)


def start(live_server, exam_id: str, ref: str = "C-1", name: str = "Ann Lee") -> httpx.Response:
    return call(live_server.url, "POST", "/attempts", live_server.core.config.kiosk_key,
                json={"exam_id": exam_id, "candidate_ref": ref, "candidate_name": name})


def sessions(live_server, status: str = "active", include_samples: bool = False) -> list[dict]:
    with admin_client(live_server) as admin:
        return admin.list_sessions(status, include_samples)


def session_ids(live_server, status: str = "active") -> list[str]:
    return [s.session_id for s in sessions(live_server, status)]


def test_starting_an_attempt_puts_its_session_in_the_active_list(live_server, exam):
    response = start(live_server, exam.exam_id, "C-7", "Ann Lee")

    assert response.status_code == 201
    started = response.json()
    assert started["status"] == "in_progress"
    assert started["token"].startswith(started["attempt_id"] + ".")
    assert started["snapshot_interval_seconds"] == 30
    [session] = sessions(live_server)
    assert session.session_id == started["proctor_session_id"]
    assert session.attempt_id == started["attempt_id"]
    assert (session.candidate_name, session.candidate_ref) == ("Ann Lee", "C-7")
    assert (session.exam_id, session.exam_title) == (exam.exam_id, "Algebra final")
    assert session.status == "active" and session.ended_at is None
    assert (session.snapshot_count, session.last_snapshot_at) == (0, None)
    assert (session.risk_score, session.risk_level) == (0, "low")
    assert session.is_flagged is False and session.is_sample is False


def test_starting_again_resumes_the_same_attempt_with_status_200(live_server, exam):
    first = start(live_server, exam.exam_id)
    again = start(live_server, exam.exam_id)

    assert (first.status_code, again.status_code) == (201, 200)
    keys = ("attempt_id", "token", "proctor_session_id", "deadline_at")
    assert [again.json()[k] for k in keys] == [first.json()[k] for k in keys]
    assert len(sessions(live_server, "all")) == 1


def test_an_exam_without_proctoring_starts_an_attempt_with_no_session(live_server):
    with admin_client(live_server) as admin:
        exam = admin.create_exam("Open-book quiz", 600, proctoring_enabled=False)
    started = start(live_server, exam.exam_id).json()

    assert started["proctor_session_id"] is None
    assert sessions(live_server, "all") == []


def test_submitting_completes_the_session_and_takes_it_off_the_active_list(
        live_server, exam, clock):
    started = start(live_server, exam.exam_id).json()
    clock.advance(600)

    with kiosk_client(live_server) as kiosk:
        submitted = kiosk.submit_attempt(started["attempt_id"], token=started["token"])

    assert submitted.status == "submitted"
    assert submitted.proctor_session_status == "completed"
    assert submitted.remaining_seconds == 0
    assert session_ids(live_server) == []
    [session] = sessions(live_server, "completed")
    assert session.session_id == started["proctor_session_id"]
    assert session.attempt_status == "submitted"
    assert session.ended_at == clock.now()


def test_force_end_by_an_administrator_cancels_the_session(live_server, exam):
    started = start(live_server, exam.exam_id).json()

    response = call(live_server.url, "POST", f"/attempts/{started['attempt_id']}/force-end",
                    live_server.core.config.admin_key, json={"reason": "Fire alarm"})

    assert response.status_code == 200
    assert response.json()["status"] == "terminated"
    assert session_ids(live_server) == []
    [session] = sessions(live_server, "cancelled")
    assert session.session_id == started["proctor_session_id"]
    with admin_client(live_server) as admin:
        events = admin.get_session(session.session_id).events
    assert ("terminated", "Fire alarm") in [(e.type, e.detail) for e in events]


def test_force_end_without_a_body_uses_a_default_reason(live_server, exam):
    started = start(live_server, exam.exam_id).json()

    response = call(live_server.url, "POST", f"/attempts/{started['attempt_id']}/force-end",
                    live_server.core.config.admin_key)

    assert response.status_code == 200
    [session] = sessions(live_server, "cancelled")
    assert session.attempt_status == "terminated"


def test_terminating_from_the_proctor_seat_cancels_the_session_and_ends_the_attempt(
        live_server, exam):
    started = start(live_server, exam.exam_id).json()

    with admin_client(live_server) as admin:
        ended = admin.terminate_session(started["proctor_session_id"], "Phone on the desk")
    assert (ended.status, ended.attempt_status) == ("cancelled", "terminated")
    assert session_ids(live_server) == []
    assert session_ids(live_server, "cancelled") == [started["proctor_session_id"]]
    with kiosk_client(live_server) as kiosk:
        heartbeat = kiosk.get_attempt(started["attempt_id"], token=started["token"])
    assert (heartbeat.status, heartbeat.proctor_session_status) == (
        "terminated", "cancelled")


def test_running_out_of_time_completes_the_session(live_server, exam, clock):
    started = start(live_server, exam.exam_id).json()
    clock.advance(3600 - 1)
    assert session_ids(live_server) == [started["proctor_session_id"]]

    clock.advance(2)

    assert session_ids(live_server) == []
    [session] = sessions(live_server, "completed")
    assert session.attempt_status == "expired"
    assert session.ended_at == parse_time(started["deadline_at"])
    with kiosk_client(live_server) as kiosk:
        heartbeat = kiosk.get_attempt(started["attempt_id"], token=started["token"])
    assert (heartbeat.status, heartbeat.remaining_seconds) == ("expired", 0)


def test_the_heartbeat_of_an_overdue_attempt_expires_it(live_server, exam, clock):
    started = start(live_server, exam.exam_id).json()
    clock.advance(3600)

    with kiosk_client(live_server) as kiosk:
        heartbeat = kiosk.get_attempt(started["attempt_id"], token=started["token"])

    assert heartbeat.status == "expired"
    assert heartbeat.proctor_session_status == "completed"
    assert heartbeat.ended_at == parse_time(started["deadline_at"])


def test_the_sweeper_expires_an_overdue_attempt_that_nobody_reads(live_server, exam, clock):
    started = start(live_server, exam.exam_id).json()
    clock.advance(3600 + 30)

    report = live_server.core.sweeper.run_once()

    assert report.expired == 1
    with admin_client(live_server) as admin:
        detail = admin.get_session(started["proctor_session_id"])
    assert detail.status == "completed" and detail.attempt_status == "expired"
    assert detail.events[0].type == "session_ended"


def test_an_expired_candidate_starting_again_gets_a_new_attempt(live_server, exam, clock):
    first = start(live_server, exam.exam_id).json()
    clock.advance(3601)

    again = start(live_server, exam.exam_id)

    assert again.status_code == 201
    assert again.json()["attempt_id"] != first["attempt_id"]
    assert [s.attempt_status for s in sessions(live_server, "all")] == [
        "in_progress", "expired"]


def test_twenty_concurrent_starts_make_exactly_one_attempt_and_one_session(live_server, exam):
    barrier = threading.Barrier(20)
    answers: list[tuple[int, dict]] = []
    lock = threading.Lock()
    body = {"exam_id": exam.exam_id, "candidate_ref": "C-42", "candidate_name": "Bo Chen"}
    headers = bearer(live_server.core.config.kiosk_key)

    def kiosk() -> None:
        with httpx.Client(base_url=live_server.url, timeout=30, transport=plain_http()) as client:
            barrier.wait()
            response = client.post(f"{API}/attempts", json=body, headers=headers)
        with lock:
            answers.append((response.status_code, response.json()))

    threads = [threading.Thread(target=kiosk) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert len(answers) == 20
    assert sorted(status for status, _ in answers) == [200] * 19 + [201]
    assert len({(b["attempt_id"], b["token"], b["proctor_session_id"]) for _, b in answers}) == 1
    counts = row_counts(live_server.core.engine)
    assert (counts["attempts"], counts["proctor_sessions"], counts["candidates"]) == (1, 1, 1)
    with admin_client(live_server) as admin:
        events = admin.get_session(answers[0][1]["proctor_session_id"]).events
    assert [e.type for e in events] == ["session_started"]


# ---- samples ------------------------------------------------------------------------------------
def test_samples_are_listed_only_when_asked_for_and_nothing_real_is_active(live_server):
    samples = sessions(live_server, "active", include_samples=True)

    assert [s.session_id for s in samples] == ["sample-1", "sample-2"]
    assert all(s.is_sample and s.status == "active" for s in samples)
    assert sessions(live_server, "active") == []


def test_samples_are_never_mixed_with_real_sessions(live_server, exam):
    started = start(live_server, exam.exam_id).json()

    listed = sessions(live_server, "active", include_samples=True)
    assert [(s.session_id, s.is_sample) for s in listed] == [
        (started["proctor_session_id"], False)]

    with kiosk_client(live_server) as kiosk:
        kiosk.submit_attempt(started["attempt_id"], token=started["token"])
    listed = sessions(live_server, "active", include_samples=True)
    assert [s.session_id for s in listed] == ["sample-1", "sample-2"]
    assert [s.session_id for s in sessions(live_server, "all", include_samples=True)] == [
        started["proctor_session_id"]]


@pytest.mark.parametrize("core_env", [{"PROCTOR_ANALYSIS": "0", "PROCTOR_SAMPLES": "0"}])
def test_proctor_samples_0_turns_the_samples_off(live_server):
    assert sessions(live_server, "active", include_samples=True) == []


def test_a_sample_session_can_be_opened_but_holds_no_evidence(live_server):
    with admin_client(live_server) as admin:
        detail = admin.get_session("sample-1")
        snapshots = admin.list_snapshots("sample-1")
    assert detail.is_sample is True and detail.candidate_name == "Sarah Ahmed"
    assert snapshots == []


SAMPLE_ACTIONS = [
    ("flag", "POST", "/proctor/sessions/sample-1/flag", {"reason": "Other"}),
    ("warn", "POST", "/proctor/sessions/sample-1/warn", {"message": "Eyes on screen"}),
    ("terminate", "POST", "/proctor/sessions/sample-2/terminate", {"reason": "Phone"}),
    ("review", "POST", "/proctor/sessions/sample-2/review", {"outcome": "no_issue"}),
    ("force-end", "POST", "/attempts/sample-1-attempt/force-end", {"reason": "Fire alarm"}),
]


@pytest.mark.parametrize(("action", "method", "path", "body"), SAMPLE_ACTIONS,
                         ids=[a[0] for a in SAMPLE_ACTIONS])
def test_any_action_on_a_sample_session_is_refused_with_409(live_server, action, method, path,
                                                            body):
    with nothing_is_stored(live_server.core):
        response = call(live_server.url, method, path, live_server.core.config.admin_key,
                        json=body)
    detail = assert_readable(response, 409)
    assert "sample" in detail.lower()


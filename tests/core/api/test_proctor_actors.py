"""Several proctors on one exam center, over real HTTP: every event a person caused says who
(`actor`), sessions say who flagged them (`flagged_by`), attempts and sessions carry the
candidate's seat, and the second of two conflicting actions is refused naming who was first and
when."""

from __future__ import annotations

import threading

import pytest

from tests.core.api.support import assert_readable, call, nothing_is_stored, start_kiosk

PASSWORD = "correct horse battery"


def sign_in(live_server, username: str, display_name: str) -> str:
    live_server.core.proctors.create_proctor(username, display_name, PASSWORD)
    response = call(live_server.url, "POST", "/auth/login",
                    json={"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return response.json()["token"]


@pytest.fixture
def dana(live_server) -> str:
    return sign_in(live_server, "dana", "Dana Lee")


@pytest.fixture
def ahmed(live_server) -> str:
    return sign_in(live_server, "ahmed", "Ahmed Khan")


def detail(live_server, session_id: str) -> dict:
    response = call(live_server.url, "GET", f"/proctor/sessions/{session_id}",
                    live_server.core.config.admin_key)
    assert response.status_code == 200, response.text
    return response.json()


def actors(body: dict) -> dict[str, str | None]:
    """Event type -> actor, oldest first (the last of a type wins)."""
    return {e["type"]: e["actor"] for e in reversed(body["events"])}


# ---- actor and flagged_by -----------------------------------------------------------------------
def test_flag_warn_and_terminate_by_a_proctor_record_her_name_and_kiosk_events_none(
        live_server, exam, dana):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    session = f"/proctor/sessions/{kiosk.session_id}"
    assert call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events", kiosk.token,
                json={"type": "focus_lost"}).status_code == 201

    flagged = call(live_server.url, "POST", f"{session}/flag", dana, json={"reason": "Other"})
    warned = call(live_server.url, "POST", f"{session}/warn", dana, json={"message": "Eyes up"})
    call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/warnings/"
         f"{warned.json()['warning_id']}/ack", kiosk.token)
    ended = call(live_server.url, "POST", f"{session}/terminate", dana, json={"reason": "Phone"})

    assert flagged.status_code == 200 and flagged.json()["flagged_by"] == "Dana Lee"
    assert warned.status_code == 201 and ended.status_code == 200
    assert actors(detail(live_server, kiosk.session_id)) == {
        "session_started": None,
        "focus_lost": None,
        "flagged": "Dana Lee",
        "warning_sent": "Dana Lee",
        "warning_acknowledged": None,
        "terminated": "Dana Lee",
        "session_ended": None,
    }
    assert detail(live_server, kiosk.session_id)["flagged_by"] == "Dana Lee"


def test_the_admin_key_acts_as_admin_and_a_proctor_reviews_in_her_own_name(
        live_server, exam, dana):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")

    forced = call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/force-end",
                  live_server.core.config.admin_key, json={"reason": "Fire alarm"})
    reviewed = call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/review",
                    dana, json={"outcome": "no_issue"})

    assert forced.status_code == 200 and reviewed.status_code == 200
    body = detail(live_server, kiosk.session_id)
    assert actors(body)["terminated"] == "admin"
    assert actors(body)["reviewed"] == "Dana Lee"
    assert {e["source"] for e in body["events"] if e["actor"]} == {"proctor"}


def test_a_proctor_token_may_force_end_an_attempt(live_server, exam, ahmed):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    response = call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/force-end", ahmed)
    assert response.status_code == 200, response.text
    assert actors(detail(live_server, kiosk.session_id))["terminated"] == "Ahmed Khan"


def test_flagged_by_is_null_until_flagged_and_follows_the_latest_flag(
        live_server, exam, dana):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    listed = call(live_server.url, "GET", "/proctor/sessions",
                  live_server.core.config.admin_key).json()
    assert [(s["is_flagged"], s["flagged_by"]) for s in listed] == [(False, None)]

    call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/flag", dana,
         json={"reason": "Other"})
    again = call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/flag",
                 live_server.core.config.admin_key, json={"reason": "Left the seat"})

    assert again.json()["flagged_by"] == "admin"
    flags = [e["actor"] for e in detail(live_server, kiosk.session_id)["events"]
             if e["type"] == "flagged"]
    assert flags == ["admin", "Dana Lee"]


def test_the_embedded_console_records_the_name_it_was_given(core, exam):
    kiosk = start_kiosk(core, exam.exam_id, "C-1")

    core.proctoring.flag_session(kiosk.session_id, "Other", actor="Front desk")
    core.proctoring.warn_session(kiosk.session_id, "Eyes up")  # no name given yet: "admin"

    events = {e.type: e.actor for e in core.proctoring.get_session(kiosk.session_id).events}
    assert events["flagged"] == "Front desk" and events["warning_sent"] == "admin"
    assert core.proctoring.get_session_summary(kiosk.session_id).flagged_by == "Front desk"


# ---- seats --------------------------------------------------------------------------------------
def start(live_server, exam_id: str, ref: str, **extra: object):
    return call(live_server.url, "POST", "/attempts", live_server.core.config.kiosk_key,
                json={"exam_id": exam_id, "candidate_ref": ref, "candidate_name": "Ann Lee",
                      **extra})


def test_a_seat_given_at_the_start_comes_back_on_the_attempt_and_its_session(live_server, exam):
    started = start(live_server, exam.exam_id, "C-1", seat="B-14")

    assert started.status_code == 201, started.text
    body = started.json()
    assert body["seat"] == "B-14"
    attempt = call(live_server.url, "GET", f"/attempts/{body['attempt_id']}", body["token"])
    assert attempt.json()["seat"] == "B-14"
    listed = call(live_server.url, "GET", "/proctor/sessions",
                  live_server.core.config.admin_key).json()
    assert [s["seat"] for s in listed] == ["B-14"]
    assert detail(live_server, body["proctor_session_id"])["seat"] == "B-14"


def test_no_seat_is_null_and_a_resume_with_a_seat_moves_the_candidate(live_server, exam):
    first = start(live_server, exam.exam_id, "C-1").json()
    assert first["seat"] is None
    assert detail(live_server, first["proctor_session_id"])["seat"] is None

    resumed = start(live_server, exam.exam_id, "C-1", seat="A-02")

    assert resumed.status_code == 200
    assert resumed.json()["attempt_id"] == first["attempt_id"]
    assert detail(live_server, first["proctor_session_id"])["seat"] == "A-02"


@pytest.mark.parametrize(("seat", "says"), [("B" * 41, "seat"), ("B-\n14", "control")])
def test_a_seat_too_long_or_with_control_characters_is_refused_with_422(
        live_server, exam, seat, says):
    with nothing_is_stored(live_server.core):
        response = start(live_server, exam.exam_id, "C-1", seat=seat)
    assert says in assert_readable(response, 422)


def test_a_seat_of_40_characters_is_kept_whole(live_server, exam):
    assert start(live_server, exam.exam_id, "C-1", seat="S" * 40).json()["seat"] == "S" * 40


# ---- two proctors, one session ----------------------------------------------------------------
def test_a_second_terminate_is_refused_naming_who_terminated_and_when(
        live_server, clock, dana, ahmed):
    exam = live_server.core.exams.create_exam("Law finals", duration_seconds=4 * 3600)
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    session = f"/proctor/sessions/{kiosk.session_id}"
    clock.advance(minutes=102)  # 10:42 UTC
    assert call(live_server.url, "POST", f"{session}/terminate", dana,
                json={"reason": "Phone"}).status_code == 200
    clock.advance(seconds=30)

    with nothing_is_stored(live_server.core):
        second = call(live_server.url, "POST", f"{session}/terminate", ahmed,
                      json={"reason": "Phone"})
        flag = call(live_server.url, "POST", f"{session}/flag", ahmed, json={"reason": "Other"})
        force = call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/force-end",
                     live_server.core.config.admin_key)

    for response in (second, flag, force):
        assert assert_readable(response, 409) == "Already terminated by Dana Lee at 10:42 UTC."


def test_acting_on_a_session_the_candidate_submitted_says_when_it_ended(
        live_server, exam, clock, dana):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    clock.advance(minutes=15)
    live_server.core.attempts.submit_attempt(kiosk.attempt_id)

    response = call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/terminate",
                    dana, json={"reason": "Phone"})

    assert assert_readable(response, 409) == (
        "This proctor session has already ended (completed) at 09:15 UTC; nothing was changed.")


def test_two_proctors_terminating_at_once_end_it_once(live_server, exam, dana, ahmed):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    path = f"/proctor/sessions/{kiosk.session_id}/terminate"
    results: dict[str, int] = {}
    go = threading.Barrier(2)

    def terminate(name: str, token: str) -> None:
        go.wait()
        results[name] = call(live_server.url, "POST", path, token,
                             json={"reason": "Phone"}).status_code

    threads = [threading.Thread(target=terminate, args=item)
               for item in (("dana", dana), ("ahmed", ahmed))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(results.values()) == [200, 409]
    body = detail(live_server, kiosk.session_id)
    terminations = [e["actor"] for e in body["events"] if e["type"] == "terminated"]
    winner = {"dana": "Dana Lee", "ahmed": "Ahmed Khan"}[
        next(name for name, status in results.items() if status == 200)]
    assert terminations == [winner]

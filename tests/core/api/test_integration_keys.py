"""Integration keys: an exam system's own named key, shown once and kept hashed, that may list
exams, start, submit and force-end attempts and read sessions, but never act as a proctor or
manage accounts, webhooks or keys; revoked at once. And external_ref, the exam system's own id
of an attempt, carried on the attempt and its session."""

from __future__ import annotations

import json

import pytest

from tests.core.api.support import assert_readable, call, database_state


@pytest.fixture
def key(live_server) -> dict:
    response = call(live_server.url, "POST", "/integration-keys",
                    live_server.core.config.admin_key, json={"name": "Exam platform"})
    assert response.status_code == 201, response.text
    return response.json()


def started(live_server, exam, key: dict, ref: str = "C-1") -> dict:
    response = call(live_server.url, "POST", "/attempts", key["key"],
                    json={"exam_id": exam.exam_id, "candidate_ref": ref,
                          "candidate_name": "Ann Lee", "external_ref": f"lms-{ref}"})
    assert response.status_code == 201, response.text
    return response.json()


def test_the_key_is_shown_once_and_only_its_hash_is_kept(live_server, key):
    listed = call(live_server.url, "GET", "/integration-keys",
                  live_server.core.config.admin_key).json()

    assert key["key"].startswith("pik_")
    assert listed == [{"key_id": key["key_id"], "name": "Exam platform",
                       "created_at": listed[0]["created_at"]}]
    assert key["key"] not in json.dumps(database_state(live_server.core.engine), default=str)


def test_an_integration_key_lists_exams_starts_submits_force_ends_and_reads_sessions(
        live_server, exam, key):
    secret = key["key"]
    assert [e["exam_id"] for e in call(live_server.url, "GET", "/exams", secret).json()] == [
        exam.exam_id]
    first, second = started(live_server, exam, key, "C-1"), started(live_server, exam, key, "C-2")

    submitted = call(live_server.url, "POST", f"/attempts/{first['attempt_id']}/submit", secret)
    ended = call(live_server.url, "POST", f"/attempts/{second['attempt_id']}/force-end", secret,
                 json={"reason": "Ended in the exam platform"})
    sessions = call(live_server.url, "GET", "/proctor/sessions?status=all", secret)
    detail = call(live_server.url, "GET", f"/proctor/sessions/{second['proctor_session_id']}",
                  secret)

    assert (submitted.status_code, submitted.json()["status"]) == (200, "submitted")
    assert (ended.status_code, ended.json()["status"]) == (200, "terminated")
    assert sessions.status_code == 200
    assert {s["external_ref"] for s in sessions.json()} == {"lms-C-1", "lms-C-2"}
    terminated = [e for e in detail.json()["events"] if e["type"] == "terminated"]
    assert [(e["actor"], e["detail"]) for e in terminated] == [
        ("integration Exam platform", "Ended in the exam platform")]


@pytest.mark.parametrize(("method", "path", "body"), [
    ("POST", "/proctor/sessions/{session}/flag", {"reason": "Looking away"}),
    ("POST", "/proctor/sessions/{session}/warn", {"message": "Face the camera."}),
    ("POST", "/proctor/sessions/{session}/terminate", {"reason": "Phone"}),
    ("POST", "/proctor/sessions/{session}/review", {"outcome": "no_issue"}),
    ("GET", "/proctor/sessions/{session}/snapshots", None),
    ("GET", "/proctor/stream", None),
    ("POST", "/exams", {"title": "Quiz", "duration_seconds": 60}),
    ("POST", "/proctors", {"username": "ann", "display_name": "Ann", "password": "long enough pw"}),
    ("GET", "/proctors", None),
    ("POST", "/webhooks", {"url": "https://exams.example.org/h", "events": ["attempt.started"]}),
    ("POST", "/integration-keys", {"name": "Another"}),
])
def test_an_integration_key_cannot_act_as_a_proctor_or_manage_accounts(
        live_server, exam, key, method, path, body):
    session_id = started(live_server, exam, key)["proctor_session_id"]
    before = call(live_server.url, "GET", f"/proctor/sessions/{session_id}",
                  live_server.core.config.admin_key).json()

    response = call(live_server.url, method, path.format(session=session_id), key["key"],
                    json=body)

    detail = assert_readable(response, 403)
    assert detail.startswith("An integration key may list exams, start, submit and force-end "
                             "attempts and read sessions; it cannot ")
    after = call(live_server.url, "GET", f"/proctor/sessions/{session_id}",
                 live_server.core.config.admin_key).json()
    assert after == before


def test_a_revoked_key_is_refused_at_once(live_server, exam, key):
    assert call(live_server.url, "GET", "/exams", key["key"]).status_code == 200

    response = call(live_server.url, "DELETE", f"/integration-keys/{key['key_id']}",
                    live_server.core.config.admin_key)

    assert response.status_code == 204
    assert_readable(call(live_server.url, "GET", "/exams", key["key"]), 401)
    assert call(live_server.url, "GET", "/integration-keys",
                live_server.core.config.admin_key).json() == []
    assert_readable(call(live_server.url, "DELETE", f"/integration-keys/{key['key_id']}",
                         live_server.core.config.admin_key), 404)


def test_only_the_admin_key_makes_integration_keys(live_server):
    kiosk = call(live_server.url, "POST", "/integration-keys", live_server.core.config.kiosk_key,
                 json={"name": "Exam platform"})
    blank = call(live_server.url, "POST", "/integration-keys", live_server.core.config.admin_key,
                 json={"name": "  "})

    assert_readable(kiosk, 403)
    assert_readable(blank, 422)


def test_external_ref_is_carried_on_the_attempt_and_its_session(live_server, exam, key):
    attempt = started(live_server, exam, key)

    heartbeat = call(live_server.url, "GET", f"/attempts/{attempt['attempt_id']}",
                     attempt["token"]).json()
    session = call(live_server.url, "GET", f"/proctor/sessions/{attempt['proctor_session_id']}",
                   live_server.core.config.admin_key).json()

    assert attempt["external_ref"] == heartbeat["external_ref"] == "lms-C-1"
    assert session["external_ref"] == "lms-C-1"


def test_an_external_ref_over_200_characters_is_refused(live_server, exam):
    response = call(live_server.url, "POST", "/attempts", live_server.core.config.kiosk_key,
                    json={"exam_id": exam.exam_id, "candidate_ref": "C-1",
                          "candidate_name": "Ann Lee", "external_ref": "x" * 201})

    assert "external_ref" in assert_readable(response, 422)
    assert live_server.core.proctoring.list_sessions("all") == []

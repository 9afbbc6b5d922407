"""Webhooks: an exam system hears what happened, signed, once per event after dedupe, in order per
session, and again later when it was not answering. A real receiver (an HTTP server on a thread)
and the real API; the deliveries are sent on the test's thread (``deliver_due``) on a fake clock,
so that retries a day long take no time."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from core.jobs.webhook_sender import WebhookSender
from tests.core.api.support import assert_readable, call, database_state
from tests.core.api.webhook_receiver import (
    Receiver,
    events_once,
    is_signed,
    make_server,
    received,
)

ALL_TYPES = ["attempt.started", "attempt.submitted", "attempt.expired", "attempt.terminated",
             "session.flagged", "session.warned", "session.paused", "session.resumed",
             "session.time_added", "session.reviewed"]


@pytest.fixture
def receiver(tmp_path) -> Iterator[tuple[Receiver, Path, str]]:
    log = tmp_path / "received.jsonl"
    server = make_server(log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, log, f"http://127.0.0.1:{server.server_address[1]}/hooks"
    server.shutdown()
    server.server_close()


def add_webhook(live_server, url: str, events: list[str] = ALL_TYPES) -> dict:
    response = call(live_server.url, "POST", "/webhooks", live_server.core.config.admin_key,
                    json={"url": url, "events": events, "description": "Exam platform"})
    assert response.status_code == 201, response.text
    return response.json()


def deliver_all(core) -> int:
    total = 0
    while (count := core.webhook_sender.deliver_due()):
        total += count
    return total


def deliveries(live_server, webhook_id: str) -> list[dict]:
    response = call(live_server.url, "GET", f"/webhooks/{webhook_id}/deliveries",
                    live_server.core.config.admin_key)
    assert response.status_code == 200, response.text
    return response.json()


def start(live_server, exam, ref: str, **extra) -> dict:
    response = call(live_server.url, "POST", "/attempts", live_server.core.config.kiosk_key,
                    json={"exam_id": exam.exam_id, "candidate_ref": ref,
                          "candidate_name": "Ann Lee", **extra})
    assert response.status_code == 201, response.text
    return response.json()


def act(live_server, session_id: str, action: str, body: dict) -> None:
    response = call(live_server.url, "POST", f"/proctor/sessions/{session_id}/{action}",
                    live_server.core.config.admin_key, json=body)
    assert response.status_code in (200, 201), response.text


def test_the_exam_system_hears_each_change_of_an_attempt_once_signed_and_in_order(
        live_server, exam, receiver):
    _, log, url = receiver
    hook = add_webhook(live_server, url)
    started = start(live_server, exam, "C-1", seat="B-14", external_ref="lms-attempt-77")
    session_id = started["proctor_session_id"]
    act(live_server, session_id, "flag", {"reason": "Another person present"})
    act(live_server, session_id, "warn", {"message": "Please stay in view."})
    act(live_server, session_id, "terminate", {"reason": "Second person again"})
    act(live_server, session_id, "review", {"outcome": "violation", "note": "Confirmed"})

    assert deliver_all(live_server.core) == 5

    events = events_once(log, hook["secret"])
    assert [e["type"] for e in events] == ["attempt.started", "session.flagged",
                                          "session.warned", "attempt.terminated",
                                          "session.reviewed"]
    for event in events:
        data = event["data"]
        assert (data["session_id"], data["attempt_id"]) == (session_id, started["attempt_id"])
        assert (data["candidate_ref"], data["external_ref"], data["seat"]) == (
            "C-1", "lms-attempt-77", "B-14")
    flagged, terminated = events[1]["data"], events[3]["data"]
    assert (flagged["actor"], flagged["reason"]) == ("admin", "Another person present")
    assert (terminated["reason"], terminated["status"]) == ("Second person again", "terminated")
    assert events[4]["data"]["outcome"] == "violation"
    assert all(d["status"] == "delivered" and d["attempts"] == 1 and d["next_try_at"] is None
               for d in deliveries(live_server, hook["webhook_id"]))


def test_submitting_expiring_and_force_ending_are_heard_as_their_own_types(
        live_server, exam, receiver, clock):
    _, log, url = receiver
    hook = add_webhook(live_server, url, ["attempt.submitted", "attempt.expired",
                                          "attempt.terminated"])
    submitted = start(live_server, exam, "C-1")
    forced = start(live_server, exam, "C-2")
    expiring = start(live_server, exam, "C-3")
    admin = live_server.core.config.admin_key
    assert call(live_server.url, "POST", f"/attempts/{submitted['attempt_id']}/submit",
                submitted["token"]).status_code == 200
    assert call(live_server.url, "POST", f"/attempts/{forced['attempt_id']}/force-end", admin,
                json={"reason": "Left the room"}).status_code == 200
    clock.advance(exam.duration_seconds)
    assert live_server.core.attempts.expire_overdue() == 1

    deliver_all(live_server.core)

    heard = {e["data"]["attempt_id"]: e for e in events_once(log, hook["secret"])}
    assert heard[submitted["attempt_id"]]["type"] == "attempt.submitted"
    assert heard[forced["attempt_id"]]["type"] == "attempt.terminated"
    assert heard[forced["attempt_id"]]["data"]["reason"] == "Left the room"
    assert heard[expiring["attempt_id"]]["type"] == "attempt.expired"
    assert heard[expiring["attempt_id"]]["occurred_at"] == expiring["deadline_at"].replace(
        "Z", "+00:00")


def test_a_pause_its_resume_extra_time_and_a_late_hand_in_are_heard(
        live_server, exam, receiver, clock):
    _, log, url = receiver
    hook = add_webhook(live_server, url, ["session.paused", "session.resumed",
                                          "session.time_added", "attempt.submitted"])
    started = start(live_server, exam, "C-1", room="Hall 2")
    session_id = started["proctor_session_id"]
    act(live_server, session_id, "pause", {"reason": "Fire alarm"})
    clock.advance(60)
    act(live_server, session_id, "resume", {})
    act(live_server, session_id, "extra-time", {"minutes": 10, "reason": "Noise outside"})
    pressed = clock.now()
    clock.advance(exam.duration_seconds + 3600)  # the kiosk could not reach the center
    assert live_server.core.attempts.expire_overdue() == 1
    assert call(live_server.url, "POST", f"/attempts/{started['attempt_id']}/submit",
                started["token"], json={"submitted_at": pressed.isoformat()}).status_code == 200

    deliver_all(live_server.core)

    events = events_once(log, hook["secret"])
    assert [e["type"] for e in events] == ["session.paused", "session.resumed",
                                          "session.time_added", "attempt.submitted"]
    paused, resumed, added, handed_in = (e["data"] for e in events)
    assert (paused["reason"], paused["actor"], paused["room"]) == ("Fire alarm", "admin", "Hall 2")
    assert resumed["paused_seconds"] == 60
    assert (added["minutes"], added["reason"]) == (10, "Noise outside")
    assert events[3]["occurred_at"] == pressed.isoformat()
    assert handed_in["status"] == "submitted"


def test_a_webhook_hears_only_the_types_it_chose(live_server, exam, receiver):
    _, log, url = receiver
    hook = add_webhook(live_server, url, ["session.flagged"])
    session_id = start(live_server, exam, "C-1")["proctor_session_id"]
    act(live_server, session_id, "warn", {"message": "Eyes on the screen."})
    act(live_server, session_id, "flag", {"reason": "Using a phone or notes"})

    deliver_all(live_server.core)

    assert [e["type"] for e in events_once(log, hook["secret"])] == ["session.flagged"]


def test_the_secret_is_shown_once_and_the_database_does_not_hold_it(live_server, receiver):
    hook = add_webhook(live_server, receiver[2])

    listed = call(live_server.url, "GET", "/webhooks", live_server.core.config.admin_key).json()

    assert hook["secret"].startswith("whsec_")
    assert listed == [{"webhook_id": hook["webhook_id"], "url": receiver[2],
                       "events": ALL_TYPES, "description": "Exam platform",
                       "created_at": hook["created_at"]}]
    assert hook["secret"] not in json.dumps(database_state(live_server.core.engine), default=str)


def test_a_receiver_answering_500_is_tried_again_later_and_the_sessions_next_event_waits(
        live_server, exam, receiver, clock):
    server, log, url = receiver
    server.answer["status"] = 500
    hook = add_webhook(live_server, url)
    first = start(live_server, exam, "C-1")
    act(live_server, first["proctor_session_id"], "flag", {"reason": "Left the seat"})
    other = start(live_server, exam, "C-2")

    assert deliver_all(live_server.core) == 2  # each session's first event; the flag waits

    listed = {d["type"] + d["attempt_id"]: d for d in deliveries(live_server, hook["webhook_id"])}
    refused = listed["attempt.started" + first["attempt_id"]]
    assert (refused["status"], refused["attempts"], refused["last_status_code"]) == (
        "pending", 1, 500)
    assert refused["last_error"] == "The receiver answered 500."
    assert refused["next_try_at"] == (clock.now() + timedelta(seconds=5)).isoformat().replace(
        "+00:00", "Z")
    waiting = listed["session.flagged" + first["attempt_id"]]
    assert (waiting["status"], waiting["attempts"]) == ("pending", 0)
    assert listed["attempt.started" + other["attempt_id"]]["attempts"] == 1

    server.answer["status"] = 204
    assert deliver_all(live_server.core) == 0  # not before its time
    clock.advance(5)
    assert deliver_all(live_server.core) == 3

    events = events_once(log, hook["secret"])
    mine = [e["type"] for e in events if e["data"]["attempt_id"] == first["attempt_id"]]
    assert mine == ["attempt.started", "session.flagged"]
    assert {d["status"] for d in deliveries(live_server, hook["webhook_id"])} == {"delivered"}


def test_retries_wait_longer_each_time_and_stop_after_a_day_then_redeliver_starts_again(
        live_server, exam, receiver, clock):
    server, log, url = receiver
    server.answer["status"] = 503
    hook = add_webhook(live_server, url, ["attempt.started"])
    start(live_server, exam, "C-1")
    waits = []
    while True:
        assert deliver_all(live_server.core) == 1
        (delivery,) = deliveries(live_server, hook["webhook_id"])
        if delivery["status"] != "pending":
            break
        due = delivery["next_try_at"]
        wait = (datetime_of(due) - clock.now()).total_seconds()
        waits.append(wait)
        clock.advance(wait)

    assert delivery["status"] == "failed" and delivery["next_try_at"] is None
    assert waits[:4] == [5, 15, 60, 300] and waits == sorted(waits)
    assert sum(waits) >= 24 * 3600

    server.answer["status"] = 200
    response = call(live_server.url, "POST", f"/webhooks/{hook['webhook_id']}/deliveries/"
                    f"{delivery['delivery_id']}/redeliver", live_server.core.config.admin_key)
    assert response.status_code == 202 and response.json()["status"] == "pending"
    assert deliver_all(live_server.core) == 1
    (delivery,) = deliveries(live_server, hook["webhook_id"])
    assert delivery["status"] == "delivered"
    assert len({r["headers"]["Proctor-Webhook-Id"] for r in received(log)}) == 1


def datetime_of(value: str):
    from tests.core.api.support import parse_time

    return parse_time(value)


def test_a_receiver_that_does_not_answer_in_time_counts_as_not_answering(
        live_server, exam, receiver):
    server, _, url = receiver
    server.answer["delay"] = 1.0
    hook = add_webhook(live_server, url, ["attempt.started"])
    start(live_server, exam, "C-1")
    sender = WebhookSender(live_server.core.webhooks, live_server.core.clock,
                           timeout_seconds=0.3)

    assert sender.deliver_due() == 1

    (delivery,) = deliveries(live_server, hook["webhook_id"])
    assert (delivery["status"], delivery["last_status_code"]) == ("pending", None)
    assert delivery["last_error"] == "No answer within 0.3 s."


def test_a_removed_webhook_hears_nothing_more(live_server, exam, receiver):
    _, log, url = receiver
    hook = add_webhook(live_server, url)
    start(live_server, exam, "C-1")
    admin = live_server.core.config.admin_key

    assert call(live_server.url, "DELETE", f"/webhooks/{hook['webhook_id']}",
                admin).status_code == 204
    start(live_server, exam, "C-2")

    assert deliver_all(live_server.core) == 0
    assert received(log) == []
    assert call(live_server.url, "GET", "/webhooks", admin).json() == []
    assert_readable(call(live_server.url, "GET", f"/webhooks/{hook['webhook_id']}/deliveries",
                         admin), 404)


@pytest.mark.parametrize(("body", "words"), [
    ({"url": "ftp://exams.example.org/hooks", "events": ["attempt.started"]}, "http://"),
    ({"url": "https:///hooks", "events": ["attempt.started"]}, "with a host"),
    ({"url": "https://exams.example.org/hooks", "events": ["attempt.paused"]},
     "'attempt.paused' is not a webhook event type"),
    ({"url": "https://exams.example.org/hooks", "events": []}, "events"),
    ({"url": "https://exams.example.org/hooks"}, "'events' is required"),
])
def test_a_webhook_that_cannot_work_is_refused_with_a_sentence(live_server, body, words):
    response = call(live_server.url, "POST", "/webhooks", live_server.core.config.admin_key,
                    json=body)

    assert words in assert_readable(response, 422)


def test_unknown_webhooks_and_deliveries_are_404_and_other_secrets_403(live_server):
    admin, kiosk = live_server.core.config.admin_key, live_server.core.config.kiosk_key
    assert "No webhook" in assert_readable(
        call(live_server.url, "DELETE", "/webhooks/nope", admin), 404)
    assert "No webhook" in assert_readable(
        call(live_server.url, "POST", "/webhooks/nope/deliveries/1/redeliver", admin), 404)
    assert_readable(call(live_server.url, "GET", "/webhooks", kiosk), 403)
    assert_readable(call(live_server.url, "GET", "/webhooks"), 401)


def test_the_readmes_signature_check_accepts_a_delivery_and_refuses_a_changed_body(
        live_server, exam, receiver):
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Connecting an exam platform", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict = {}
    exec(compile(code, "README.md", "exec"), namespace)
    _, log, url = receiver
    hook = add_webhook(live_server, url, ["attempt.started"])
    start(live_server, exam, "C-1")
    deliver_all(live_server.core)
    (request,) = received(log)
    headers, body = request["headers"], request["body"].encode()
    check = namespace["verified_event"]

    event = check(hook["secret"], headers, body, tolerance=10**10)

    assert event["type"] == "attempt.started"
    with pytest.raises(ValueError, match="bad signature"):
        check(hook["secret"], headers, body.replace(b"C-1", b"C-2"), tolerance=10**10)


def test_a_test_event_reaches_the_receiver_signed_and_says_how_it_fared(live_server, receiver):
    server, log, url = receiver
    hook = add_webhook(live_server, url)
    admin = live_server.core.config.admin_key
    answer = call(live_server.url, "POST", f"/webhooks/{hook['webhook_id']}/test", admin)
    assert answer.status_code == 200, answer.text
    assert answer.json()["delivered"] is True and answer.json()["status_code"] == 200
    [line] = received(log)
    assert json.loads(line["body"])["type"] == "webhook.test"
    assert is_signed(hook["secret"], line["headers"], line["body"].encode("utf-8"))
    assert deliveries(live_server, hook["webhook_id"]) == []  # not queued, not listed
    server.answer["status"] = 500
    failed = call(live_server.url, "POST", f"/webhooks/{hook['webhook_id']}/test", admin).json()
    assert failed["delivered"] is False and failed["error"] == "The receiver answered 500."
    unknown = call(live_server.url, "POST", "/webhooks/nope/test", admin)
    assert_readable(unknown, 404)

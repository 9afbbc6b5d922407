"""The exam day over real HTTP: a proctor pauses and resumes a session (the clock stands still,
the time is given back, nothing weighs on the risk meanwhile), adds time, the administrator sets
an accommodation, rooms filter the list, and a hand-in cut off by the network still counts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.core.api.support import (
    assert_readable,
    call,
    nothing_is_stored,
    parse_time,
    start_kiosk,
)
from tests.core.api.test_proctor_actors import dana  # noqa: F401  (a fixture: a signed-in proctor)


def admin(live_server) -> str:
    return live_server.core.config.admin_key


def session_of(live_server, session_id: str) -> dict:
    response = call(live_server.url, "GET", f"/proctor/sessions/{session_id}",
                    admin(live_server))
    assert response.status_code == 200, response.text
    return response.json()


def heartbeat(live_server, kiosk) -> dict:
    response = call(live_server.url, "GET", f"/attempts/{kiosk.attempt_id}", kiosk.token)
    assert response.status_code == 200, response.text
    return response.json()


def act(live_server, kiosk, action: str, secret: str, **body) -> dict:
    response = call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/{action}",
                    secret, json=body or None)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def kiosk(live_server, exam):
    return start_kiosk(live_server.core, exam.exam_id, "C-1", "Ann Lee")


# ---- pause and resume -------------------------------------------------------------------------
def test_a_paused_attempt_keeps_its_time_left_and_the_kiosk_is_told_why(
        live_server, kiosk, clock, dana):  # noqa: F811
    clock.advance(seconds=600)
    paused = act(live_server, kiosk, "pause", dana, reason="Fire alarm: leave the room calmly")
    clock.advance(seconds=900)

    state = heartbeat(live_server, kiosk)
    assert state["paused"] is True
    assert state["paused_reason"] == "Fire alarm: leave the room calmly"
    assert state["remaining_seconds"] == 3000
    assert paused["paused"] is True and paused["paused_reason"] == state["paused_reason"]
    event = session_of(live_server, kiosk.session_id)["events"][0]
    assert (event["type"], event["actor"]) == ("paused", "Dana Lee")


def test_resuming_moves_the_deadline_by_the_paused_time(live_server, kiosk, clock):
    before = parse_time(session_of(live_server, kiosk.session_id)["deadline_at"])
    act(live_server, kiosk, "pause", admin(live_server), reason="Power cut")
    clock.advance(seconds=420)

    resumed = act(live_server, kiosk, "resume", admin(live_server))

    assert parse_time(resumed["deadline_at"]) == before + timedelta(seconds=420)
    assert resumed["paused"] is False and resumed["paused_seconds"] == 420
    state = heartbeat(live_server, kiosk)
    assert state["paused"] is False and state["paused_reason"] is None
    assert state["remaining_seconds"] == 3600
    event = session_of(live_server, kiosk.session_id)["events"][0]
    assert (event["type"], event["actor"]) == ("resumed", "admin")
    assert "7 min" in event["detail"]


def test_a_paused_attempt_past_its_deadline_is_neither_expired_by_the_sweeper_nor_a_touch(
        live_server, kiosk, clock):
    act(live_server, kiosk, "pause", admin(live_server), reason="Fire alarm")
    clock.advance(seconds=2 * 3600)

    live_server.core.sweeper.run_once()
    state = heartbeat(live_server, kiosk)

    assert state["status"] == "in_progress" and state["remaining_seconds"] == 3600
    assert session_of(live_server, kiosk.session_id)["status"] == "active"


def test_what_happens_during_a_pause_is_recorded_but_does_not_weigh_on_the_risk(
        live_server, kiosk, clock):
    act(live_server, kiosk, "pause", admin(live_server), reason="Fire alarm")
    for _ in range(3):
        assert call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events",
                    kiosk.token, json={"type": "focus_lost"}).status_code == 201
        clock.advance(seconds=60)

    paused = session_of(live_server, kiosk.session_id)
    act(live_server, kiosk, "resume", admin(live_server))
    call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events", kiosk.token,
         json={"type": "focus_lost"})

    assert [e["type"] for e in paused["events"]].count("focus_lost") == 3
    assert paused["risk_score"] == 0
    assert session_of(live_server, kiosk.session_id)["risk_score"] == 8  # one focus loss after


@pytest.mark.parametrize(("first", "second", "says"), [
    ("pause", "pause", "already paused"),
    (None, "resume", "not paused"),
])
def test_pausing_twice_or_resuming_a_running_session_answers_409_with_a_sentence(
        live_server, kiosk, first, second, says):
    if first:
        act(live_server, kiosk, first, admin(live_server), reason="Fire alarm")
    body = {"reason": "Again"} if second == "pause" else None
    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST",
                        f"/proctor/sessions/{kiosk.session_id}/{second}", admin(live_server),
                        json=body)
    assert says in assert_readable(response, 409)


def test_pausing_an_ended_session_answers_409_and_a_pause_needs_a_reason(live_server, kiosk):
    blank = call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/pause",
                 admin(live_server), json={"reason": "  "})
    call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/submit", kiosk.token)
    ended = call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/pause",
                 admin(live_server), json={"reason": "Fire alarm"})

    assert "reason" in assert_readable(blank, 422)
    assert "already ended" in assert_readable(ended, 409)


def test_a_kiosk_key_cannot_pause_a_session(live_server, kiosk):
    response = call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/pause",
                    live_server.core.config.kiosk_key, json={"reason": "Fire alarm"})
    assert response.status_code == 403


# ---- extra time -------------------------------------------------------------------------------
def test_extra_time_moves_the_deadline_and_says_who_gave_it(
        live_server, kiosk, clock, dana):  # noqa: F811
    before = parse_time(session_of(live_server, kiosk.session_id)["deadline_at"])

    given = act(live_server, kiosk, "extra-time", dana, minutes=10, reason="Late start")

    assert parse_time(given["deadline_at"]) == before + timedelta(minutes=10)
    assert given["added_seconds"] == 600
    assert heartbeat(live_server, kiosk)["remaining_seconds"] == 4200
    event = session_of(live_server, kiosk.session_id)["events"][0]
    assert (event["type"], event["actor"]) == ("time_added", "Dana Lee")
    assert event["detail"] == "+10 min: Late start"


@pytest.mark.parametrize("minutes", [0, -5, 601, "10", 2.5, True])
def test_extra_time_outside_one_to_six_hundred_whole_minutes_is_refused(
        live_server, kiosk, minutes):
    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST",
                        f"/proctor/sessions/{kiosk.session_id}/extra-time", admin(live_server),
                        json={"minutes": minutes, "reason": "Late start"})
    assert "minutes" in assert_readable(response, 422)


# ---- accommodations ---------------------------------------------------------------------------
def put_accommodation(live_server, exam_id: str, ref: str, **body):
    return call(live_server.url, "PUT", f"/exams/{exam_id}/accommodations/{ref}",
                admin(live_server), json=body)


def test_an_accommodation_set_before_the_exam_lengthens_the_candidates_time_from_the_start(
        live_server, exam):
    response = put_accommodation(live_server, exam.exam_id, "C-7", extra_percent=25,
                                 exempt=["focus_lost"], note="Screen reader")
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-7")
    other = start_kiosk(live_server.core, exam.exam_id, "C-8")

    assert response.status_code == 200, response.text
    assert response.json()["accommodation"] == "+25 % time"
    assert heartbeat(live_server, kiosk)["remaining_seconds"] == 4500
    assert heartbeat(live_server, other)["remaining_seconds"] == 3600
    session = session_of(live_server, kiosk.session_id)
    assert session["accommodation"] == "+25 % time"
    assert session["accommodation_exempt"] == ["focus_lost"]
    assert session["accommodation_note"] == "Screen reader"
    assert session["accommodation_by"] == "admin"
    assert session_of(live_server, other.session_id)["accommodation"] is None


def test_an_accommodation_changed_during_the_exam_moves_the_running_attempts_deadline(
        live_server, exam, kiosk):
    put_accommodation(live_server, exam.exam_id, "C-1", extra_minutes=30)
    put_accommodation(live_server, exam.exam_id, "C-1", extra_minutes=15)

    session = session_of(live_server, kiosk.session_id)
    assert heartbeat(live_server, kiosk)["remaining_seconds"] == 3600 + 15 * 60
    assert session["accommodation"] == "+15 min"
    assert session["events"][0]["type"] == "accommodation_set"


def test_the_session_carries_the_accommodations_parts_and_its_event_their_code(
        live_server, exam, kiosk):
    put_accommodation(live_server, exam.exam_id, "C-1", extra_percent=25, extra_minutes=10,
                      exempt=["focus_lost"], note="Screen reader")

    session = session_of(live_server, kiosk.session_id)
    assert (session["accommodation"], session["accommodation_percent"],
            session["accommodation_minutes"], session["accommodation_exempt"],
            session["accommodation_note"]) == (
        "+25 % time, +10 min", 25, 10, ["focus_lost"], "Screen reader")
    [event] = [e for e in session["events"] if e["type"] == "accommodation_set"]
    # The English detail (the evidence) is as it always was; its parts come beside it.
    assert event["detail"] == "+25 % time, +10 min — not counted: focus lost — Screen reader"
    assert event["detail_code"] == "event_accommodation_set"
    assert event["detail_params"] == {"percent": 25, "minutes": 10, "exempt": ["focus_lost"],
                                      "note": "Screen reader"}
    other = start_kiosk(live_server.core, exam.exam_id, "C-2")
    assert [session_of(live_server, other.session_id)[f"accommodation_{part}"]
            for part in ("percent", "minutes")] == [0, 0]


def test_exempt_event_types_do_not_weigh_on_that_candidates_risk(live_server, exam, kiosk):
    for _ in range(4):
        call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events", kiosk.token,
             json={"type": "focus_lost"})
    assert session_of(live_server, kiosk.session_id)["risk_score"] == 32

    put_accommodation(live_server, exam.exam_id, "C-1", exempt=["focus_lost"])

    session = session_of(live_server, kiosk.session_id)
    assert session["risk_score"] == 0
    assert session["accommodation"] == "Not counted: focus lost"


@pytest.mark.parametrize(("body", "says"), [
    ({"extra_percent": 301}, "extra_percent"),
    ({"extra_minutes": -1}, "extra_minutes"),
    ({"exempt": ["flagged"]}, "cannot be exempted"),
    ({"exempt": ["dancing"]}, "cannot be exempted"),
])
def test_an_accommodation_out_of_bounds_is_refused_with_a_sentence(live_server, exam, body, says):
    with nothing_is_stored(live_server.core):
        response = put_accommodation(live_server, exam.exam_id, "C-1", **body)
    assert says in assert_readable(response, 422)


def test_an_accommodation_for_an_unknown_exam_answers_404(live_server):
    assert_readable(put_accommodation(live_server, "no-such-exam", "C-1", extra_percent=25), 404)


# ---- rooms ------------------------------------------------------------------------------------
def test_a_room_given_at_start_is_on_the_attempt_and_the_session_and_filters_the_list(
        live_server, exam):
    kiosk = live_server.core.config.kiosk_key
    started = call(live_server.url, "POST", "/attempts", kiosk,
                   json={"exam_id": exam.exam_id, "candidate_ref": "C-1",
                         "candidate_name": "Ann Lee", "seat": "B-14", "room": "Hall 2"})
    call(live_server.url, "POST", "/attempts", kiosk,
         json={"exam_id": exam.exam_id, "candidate_ref": "C-2", "candidate_name": "Bo Chen",
               "room": "Hall 3"})

    hall_2 = call(live_server.url, "GET", "/proctor/sessions?room=Hall 2", admin(live_server))
    assert started.json()["room"] == "Hall 2"
    state = call(live_server.url, "GET", f"/attempts/{started.json()['attempt_id']}",
                 started.json()["token"]).json()
    assert state["room"] == "Hall 2" and state["seat"] == "B-14"
    assert [(s["candidate_ref"], s["room"]) for s in hall_2.json()] == [("C-1", "Hall 2")]
    everyone = call(live_server.url, "GET", "/proctor/sessions", admin(live_server)).json()
    assert len(everyone) == 2


def test_a_room_longer_than_forty_characters_is_refused_at_start(live_server, exam):
    response = call(live_server.url, "POST", "/attempts", live_server.core.config.kiosk_key,
                    json={"exam_id": exam.exam_id, "candidate_ref": "C-1",
                          "candidate_name": "Ann Lee", "room": "R" * 41})
    assert "room" in assert_readable(response, 422)


# ---- a hand-in cut off by the network --------------------------------------------------------
def submit(live_server, kiosk, submitted_at=None):
    body = {"submitted_at": submitted_at.isoformat()} if submitted_at else None
    return call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/submit", kiosk.token,
                json=body)


def test_a_hand_in_pressed_before_the_deadline_counts_though_the_sweeper_expired_it(
        live_server, kiosk, clock):
    clock.advance(seconds=3500)
    heartbeat(live_server, kiosk)  # the kiosk's last contact; then the network is cut
    clock.advance(seconds=60)
    pressed = clock.now()
    clock.advance(seconds=600)
    live_server.core.sweeper.run_once()
    assert session_of(live_server, kiosk.session_id)["attempt_status"] == "expired"

    response = submit(live_server, kiosk, pressed)

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "submitted"
    assert parse_time(response.json()["ended_at"]) == pressed
    session = session_of(live_server, kiosk.session_id)
    assert (session["status"], session["attempt_status"]) == ("completed", "submitted")
    event = next(e for e in session["events"] if e["type"] == "handed_in")
    assert parse_time(event["occurred_at"]) == pressed
    assert "arrived at" in event["detail"]


def test_a_hand_in_pressed_after_the_deadline_changes_nothing(live_server, kiosk, clock):
    clock.advance(seconds=3700)
    response = submit(live_server, kiosk, clock.now() - timedelta(seconds=30))

    assert "after the time ran out" in assert_readable(response, 409)
    assert session_of(live_server, kiosk.session_id)["attempt_status"] == "expired"


def test_a_hand_in_pressed_before_the_kiosks_last_contact_changes_nothing(
        live_server, kiosk, clock):
    clock.advance(seconds=1000)
    pressed = clock.now()
    clock.advance(seconds=2000)
    call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events", kiosk.token,
         json={"type": "focus_lost"})  # the kiosk reached the center long after it says
    clock.advance(seconds=1000)

    response = submit(live_server, kiosk, pressed)

    assert "last contact" in assert_readable(response, 409)


def test_a_hand_in_in_time_with_submitted_at_is_an_ordinary_submit(live_server, kiosk, clock):
    clock.advance(seconds=60)
    response = submit(live_server, kiosk, clock.now())
    assert response.status_code == 200 and response.json()["status"] == "submitted"


# ---- a proctor lets a kiosk that is not ready start ----------------------------------------
def start_body(**extra) -> dict:
    return {"candidate_ref": "C-9", "candidate_name": "Bo Chen", **extra}


def test_a_proctor_lets_a_kiosk_that_is_not_ready_start_and_the_timeline_says_who_and_why(
        live_server, exam, dana):  # noqa: F811
    response = call(live_server.url, "POST", "/attempts", dana, json=start_body(
        exam_id=exam.exam_id, readiness_override={
            "reason": "Camera broken; the candidate is watched in person",
            "not_ready": ["Camera: no frame within 5 s"]}))

    assert response.status_code == 201, response.text
    session = session_of(live_server, response.json()["proctor_session_id"])
    event = session["events"][0]
    assert (event["type"], event["actor"]) == ("readiness_overridden", "Dana Lee")
    assert event["detail"] == ("Camera broken; the candidate is watched in person — not ready: "
                               "Camera: no frame within 5 s")


def test_the_kiosk_key_alone_cannot_override_readiness(live_server, exam):
    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST", "/attempts", live_server.core.config.kiosk_key,
                        json=start_body(exam_id=exam.exam_id,
                                        readiness_override={"reason": "Trust me"}))

    assert "proctor's decision" in assert_readable(response, 403)


def test_an_override_without_a_reason_is_refused(live_server, exam):
    response = call(live_server.url, "POST", "/attempts", admin(live_server),
                    json=start_body(exam_id=exam.exam_id, readiness_override={"reason": " "}))
    assert response.status_code == 422

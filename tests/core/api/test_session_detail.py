"""The session timeline, warnings reaching the kiosk heartbeat, and idempotent kiosk
events, over real HTTP."""

from __future__ import annotations

import pytest

from core.domain.records import EventDTO
from tests.core.api.support import (
    admin_client,
    assert_readable,
    call,
    kiosk_client,
    nothing_is_stored,
    parse_time,
    start_kiosk,
)


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1", "Ann Lee")


def timeline(live_server, session_id: str) -> tuple[EventDTO, ...]:
    with admin_client(live_server) as admin:
        return admin.get_session(session_id).events


def test_the_timeline_lists_events_newest_first_from_start_to_end(live_server, kiosk, clock):
    with kiosk_client(live_server) as client:
        clock.advance(60)
        client.record_event(kiosk.attempt_id, "focus_lost", token=kiosk.token)
        clock.advance(5)
        client.record_event(kiosk.attempt_id, "focus_regained", token=kiosk.token)
        clock.advance(60)
        client.submit_attempt(kiosk.attempt_id, token=kiosk.token)

    events = timeline(live_server, kiosk.session_id)

    assert [e.type for e in events] == [
        "session_ended", "focus_regained", "focus_lost", "session_started"]
    times = [e.occurred_at for e in events]
    assert times == sorted(times, reverse=True)
    assert times[0] == clock.now()
    assert [e.source for e in events] == ["system", "kiosk", "kiosk", "system"]
    raw = call(live_server.url, "GET", f"/proctor/sessions/{kiosk.session_id}",
               live_server.core.config.admin_key).json()["events"]
    assert set(raw[0]) >= {"event_id", "type", "detail", "occurred_at", "source"}


def test_the_session_detail_carries_the_session_fields_too(live_server, kiosk):
    with admin_client(live_server) as admin:
        detail = admin.get_session(kiosk.session_id)
    assert detail.session_id == kiosk.session_id
    assert detail.attempt_id == kiosk.attempt_id
    assert detail.status == "active"
    assert detail.candidate_name == "Ann Lee"


def test_a_kiosk_event_with_an_earlier_time_is_placed_in_time_order(live_server, kiosk, clock):
    clock.advance(120)
    earlier = (clock.now().replace(microsecond=0)).isoformat()
    clock.advance(60)
    with kiosk_client(live_server) as client:
        client.record_event(kiosk.attempt_id, "focus_regained", token=kiosk.token)
        client.record_event(kiosk.attempt_id, "focus_lost", token=kiosk.token,
                            occurred_at=parse_time(earlier))

    assert [e.type for e in timeline(live_server, kiosk.session_id)] == [
        "focus_regained", "focus_lost", "session_started"]


def test_a_warning_reaches_the_kiosk_heartbeat_and_can_be_acknowledged(live_server, kiosk,
                                                                       clock):
    with admin_client(live_server) as admin:
        warning_id = admin.warn_session(kiosk.session_id, "Please keep your face in view")
    with kiosk_client(live_server) as client:
        [warning] = client.get_attempt(kiosk.attempt_id, token=kiosk.token).warnings
        assert warning.warning_id == warning_id
        assert warning.message == "Please keep your face in view"
        assert warning.acknowledged_at is None

        clock.advance(10)
        acked = client.acknowledge_warning(kiosk.attempt_id, warning_id, token=kiosk.token)

        assert acked.acknowledged_at == clock.now()
        [warning] = client.get_attempt(kiosk.attempt_id, token=kiosk.token).warnings
        assert warning.acknowledged_at == clock.now()
    types = [e.type for e in timeline(live_server, kiosk.session_id)]
    assert types == ["warning_acknowledged", "warning_sent", "session_started"]


def test_acknowledging_a_warning_twice_changes_nothing_the_second_time(live_server, kiosk,
                                                                      clock):
    with admin_client(live_server) as admin:
        warning_id = admin.warn_session(kiosk.session_id, "Eyes on your own screen")
    with kiosk_client(live_server) as client:
        first = client.acknowledge_warning(kiosk.attempt_id, warning_id, token=kiosk.token)
        clock.advance(30)
        with nothing_is_stored(live_server.core):
            again = client.acknowledge_warning(kiosk.attempt_id, warning_id, token=kiosk.token)
    assert again == first


def test_another_attempts_warning_cannot_be_acknowledged(live_server, exam, kiosk):
    other = start_kiosk(live_server.core, exam.exam_id, "C-2", "Bo Chen")
    with admin_client(live_server) as admin:
        warning_id = admin.warn_session(kiosk.session_id, "Eyes on your own screen")

    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST",
                        f"/attempts/{other.attempt_id}/warnings/{warning_id}/ack", other.token)

    assert_readable(response, 404)


def test_warnings_are_listed_in_the_order_they_were_sent(live_server, kiosk, clock):
    with admin_client(live_server) as admin:
        for message in ("First", "Second", "Third"):
            admin.warn_session(kiosk.session_id, message)
            clock.advance(5)
    with kiosk_client(live_server) as client:
        warnings = client.get_attempt(kiosk.attempt_id, token=kiosk.token).warnings
    assert [w.message for w in warnings] == ["First", "Second", "Third"]


def test_a_repeated_kiosk_event_id_is_stored_once(live_server, kiosk):
    path = f"/attempts/{kiosk.attempt_id}/events"
    body = {"type": "camera_denied", "detail": "NotAllowedError", "event_id": "cam-0001"}

    first = call(live_server.url, "POST", path, kiosk.token, json=body)
    with nothing_is_stored(live_server.core):
        again = call(live_server.url, "POST", path, kiosk.token, json=body)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() == again.json() == {"event_id": "cam-0001"}
    events = timeline(live_server, kiosk.session_id)
    assert [e.type for e in events].count("camera_denied") == 1
    with admin_client(live_server) as admin:
        [session] = admin.list_sessions()
    assert session.risk_score == live_server.core.risk.weight("camera_denied")


def test_an_event_id_used_by_another_attempt_is_a_conflict(live_server, exam, kiosk):
    other = start_kiosk(live_server.core, exam.exam_id, "C-2", "Bo Chen")
    body = {"type": "focus_lost", "event_id": "shared-id"}
    assert call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events", kiosk.token,
                json=body).status_code == 201

    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST", f"/attempts/{other.attempt_id}/events",
                        other.token, json=body)

    assert_readable(response, 409)


def test_an_unknown_event_type_is_refused_with_422(live_server, kiosk):
    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events",
                        kiosk.token, json={"type": "phone_detected"})
    assert "'phone_detected' is not a known event type" in assert_readable(response, 422)


@pytest.mark.parametrize("event_type", ["camera_denied", "camera_restored", "upload_failed",
                                        "focus_lost", "focus_regained", "no_face",
                                        "multiple_faces"])
def test_every_kiosk_event_type_of_the_contract_is_accepted(live_server, kiosk, event_type):
    response = call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events",
                    kiosk.token, json={"type": event_type, "detail": "from the kiosk"})
    assert response.status_code == 201
    [latest, _started] = timeline(live_server, kiosk.session_id)
    assert (latest.type, latest.detail, latest.source) == (
        event_type, "from the kiosk", "kiosk")

"""ProctorClient's typed results: what the kiosk reads from the server, and the one rule for
time left that it reaches through them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from core.client import (
    ApiError,
    AttemptState,
    ProctorClient,
    UnexpectedAnswer,
    failure_cause,
    read_record,
)
from core.domain.lifecycle import remaining_seconds

T0 = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)

HEARTBEAT = {
    "attempt_id": "a-1", "status": "in_progress", "started_at": "2026-05-04T09:00:00Z",
    "deadline_at": "2026-05-04T10:00:00+00:00", "ended_at": None, "remaining_seconds": 3600,
    "proctor_session_status": "active", "exam_id": "e-1", "exam_title": "Algebra final",
    "candidate_ref": "C-1", "candidate_name": "Ann Lee", "snapshot_interval_seconds": 30,
    "proctor_session_id": "s-1", "seat": None, "external_ref": None, "room": None,
    "paused": False, "paused_reason": None, "paused_at": None, "some_later_addition": True,
    "warnings": [{"warning_id": "w-1", "message": "Face the camera.",
                  "sent_at": "2026-05-04T09:10:00Z", "acknowledged_at": None,
                  "cleared_at": None}],
}


def client_answering(status: int, body: object) -> ProctorClient:
    transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
    return ProctorClient("http://exam-server:8765", "token", transport=transport)


def test_a_heartbeat_is_read_into_an_attempt_state_with_aware_times():
    with client_answering(200, HEARTBEAT) as client:
        state = client.get_attempt("a-1")
    assert isinstance(state, AttemptState) and state.is_in_progress
    assert state.deadline_at == T0 + timedelta(hours=1)
    assert state.started_at.tzinfo is not None
    assert [(w.warning_id, w.message) for w in state.open_warnings] == [
        ("w-1", "Face the camera.")]


@pytest.mark.parametrize("seconds_before", [0, 0.2, 1, 59.5, 3599.9, 3600])
def test_time_left_is_the_cores_rule(seconds_before):
    state = read_record(AttemptState, HEARTBEAT)
    now = state.deadline_at - timedelta(seconds=seconds_before)
    assert state.time_left(now) == remaining_seconds("in_progress", state.deadline_at, now)


def test_an_ended_attempt_has_no_time_left():
    state = read_record(AttemptState, {**HEARTBEAT, "status": "submitted"})
    assert state.time_left(T0) == 0


def test_an_answer_without_a_promised_field_is_an_error_not_a_result():
    body = {k: v for k, v in HEARTBEAT.items() if k != "deadline_at"}
    with client_answering(200, body) as client, pytest.raises(UnexpectedAnswer,
                                                              match="deadline_at"):
        client.get_attempt("a-1")


def test_a_snapshot_stored_before_answers_200_and_is_not_new():
    body = {"snapshot_id": "p-1", "session_id": "s-1", "captured_at": "2026-05-04T09:00:00Z",
            "received_at": "2026-05-04T09:00:01Z", "width": 640, "height": 480,
            "size_bytes": 51234, "face_count": None, "analysis": None,
            "analysed_at": None, "sha256": None}
    with client_answering(200, body) as client:
        receipt = client.upload_snapshot("a-1", "p-1", b"\xff\xd8\xff")
    assert (receipt.status, receipt.is_new, receipt.snapshot.width) == (200, False, 640)


@pytest.mark.parametrize(("status", "body", "cause"), [
    (503, {"detail": "The database cannot be reached."}, "center_error"),
    (500, {"detail": "Something went wrong on the server."}, "center_error"),
    (201, {"unexpected": True}, "center_error"),  # a 2xx the contract does not promise
    (404, {"detail": "No such attempt."}, "refused"),
    (401, {"detail": "The token is not valid."}, "refused"),
])
def test_a_failed_upload_is_classified_by_what_the_center_answered(status, body, cause):
    with (client_answering(status, body) as client,
          pytest.raises((ApiError, UnexpectedAnswer)) as failed):
        client.upload_snapshot("a-1", "0b5e", b"\xff\xd8\xff")
    assert failure_cause(failed.value) == cause

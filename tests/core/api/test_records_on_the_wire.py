"""One shape per record: what a service returns is what the route answers (its OpenAPI schema
lists exactly the record's fields) and what both clients read back (``core.client.read_record``
in ``ProctorClient`` and ``RemoteCenter``), field for field. A field added to a record that does
not reach the wire or a client fails here."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Iterator
from typing import Any

import pytest

from console.proctor.center import RemoteCenter
from core.api.app import create_app
from core.client import ProctorClient, UnexpectedAnswer, read_record
from core.domain import records
from core.domain.records import Record, SessionDetail, SessionDTO
from tests.core.api.support import admin_client, call, kiosk_client, plain_http, start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id

ACTOR = "Dana Lee"
#: The enrolment's own answers (core/api/enrolment.py, read by core/net/enrolment.py): not
#: records yet.
ENROLMENT_ANSWERS = {"EnrolmentCodeView", "EnrolmentView"}


def record_classes() -> dict[str, type[Any]]:
    return {name: cls for name, cls in vars(records).items()
            if isinstance(cls, type) and issubclass(cls, Record) and dataclasses.is_dataclass(cls)}


def field_names(cls: type[Any]) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


def answered_components(openapi: dict[str, Any]) -> set[str]:
    """The schema names of every route's success answer (a list's items included)."""
    answered = set()
    for operations in openapi["paths"].values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if not status.startswith("2") or not schema:
                    continue
                ref = schema.get("$ref") or schema.get("items", {}).get("$ref")
                if ref:
                    answered.add(ref.rsplit("/", 1)[-1])
    return answered


@pytest.fixture
def openapi(core) -> dict[str, Any]:
    return create_app(core).openapi()


@pytest.fixture
def remote(core, live_server) -> Iterator[RemoteCenter]:
    center = RemoteCenter(live_server.url, core.config.admin_key, transport=plain_http())
    yield center
    center.close()


@pytest.fixture
def admin(live_server) -> Iterator[ProctorClient]:
    with admin_client(live_server) as client:
        yield client


@pytest.fixture
def sessions(core, exam, clock) -> tuple[str, str]:
    """Two sessions that between them set every field that may be null: a live one (seat, room,
    external_ref, accommodation, analysed snapshot, camera off, acknowledged warning, flag,
    kiosk closed, paused) and an ended, reviewed one."""
    core.proctoring.set_accommodation(exam.exam_id, "C-1", extra_percent=25, note="Dyslexia",
                                      actor=ACTOR)
    live = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee", "B-14", "Hall 2",
                                       external_ref="lms-77")
    assert live.proctor_session_id is not None
    clock.advance(seconds=5)
    recorded = core.snapshots.record_snapshot(live.attempt_id, new_snapshot_id(), jpeg_bytes())
    core.snapshots.record_analysis(recorded.snapshot.snapshot_id, 2, ("two_faces",), [])
    clock.advance(seconds=5)
    core.attempts.record_kiosk_event(live.attempt_id, "camera_denied", "no camera")
    warning = core.proctoring.warn_session(live.proctor_session_id, "Face the camera.",
                                           actor=ACTOR)
    clock.advance(seconds=5)
    core.attempts.acknowledge_warning(live.attempt_id, warning.warning_id)
    core.proctoring.flag_session(live.proctor_session_id, "Looking away", "Twice", actor=ACTOR)
    clock.advance(seconds=5)
    core.attempts.record_kiosk_event(live.attempt_id, "kiosk_closed")
    core.proctoring.pause_session(live.proctor_session_id, "Fire alarm", actor=ACTOR)

    ended = start_kiosk(core, exam.exam_id, "C-2", "Ben Ode")
    clock.advance(seconds=5)
    core.snapshots.record_snapshot(ended.attempt_id, new_snapshot_id(), jpeg_bytes(seed=1))
    core.proctoring.terminate_session(ended.session_id, "Phone on the desk", actor=ACTOR)
    core.proctoring.review_session(ended.session_id, "violation", "Phone seen", actor=ACTOR)
    return live.proctor_session_id, ended.session_id


# ---- the schema ------------------------------------------------------------------------------
def test_every_answer_of_the_api_is_a_record(openapi):
    answered = answered_components(openapi)
    assert {"SessionDTO", "SessionDetail", "SnapshotDTO", "WarningDTO", "ExamDTO", "AttemptState",
            "StartedAttempt", "ProctorDTO", "SignedIn", "StorageReport", "Health", "EventCreated",
            "WarningCreated"} <= answered
    not_records = answered - set(record_classes())
    assert not_records <= ENROLMENT_ANSWERS, f"answers that are no record: {not_records}"


def test_the_schema_of_every_record_on_the_wire_lists_exactly_its_fields(openapi):
    components = openapi["components"]["schemas"]
    on_the_wire = {name: cls for name, cls in record_classes().items() if name in components}
    assert {"SessionDTO", "SessionDetail", "EventDTO", "WarningDTO", "SnapshotDTO"} <= set(
        on_the_wire)
    for name, cls in on_the_wire.items():
        schema = components[name]
        assert set(schema["properties"]) == field_names(cls), name
        assert set(schema["required"]) == field_names(cls), f"{name}: the server sends all"


def test_the_upload_is_described_with_its_form_statuses_and_secret(openapi):
    upload = openapi["paths"]["/api/v1/attempts/{attempt_id}/snapshots"]["post"]
    assert upload["security"] == [{"attempt_token": []}]
    assert set(upload["responses"]) == {"201", "401", "403", "404", "409", "413", "415",
                                         "422", "507"}
    created = upload["responses"]["201"]["content"]["application/json"]["schema"]
    assert created == {"$ref": "#/components/schemas/SnapshotDTO"}
    form = upload["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"]
    body = openapi["components"]["schemas"][form.rsplit("/", 1)[-1]]
    assert set(body["properties"]) == {"image", "snapshot_id", "captured_at"}
    assert body["required"] == ["image", "snapshot_id"]


# ---- the round trip --------------------------------------------------------------------------
def nullable_fields(cls: type[Any]) -> set[str]:
    hints = typing.get_type_hints(cls)
    return {name for name in field_names(cls)
            if isinstance(hints[name], types.UnionType) and type(None) in hints[name].__args__}


def test_the_two_sessions_set_every_field_that_may_be_null(core, sessions):
    details = [core.proctoring.get_session(session_id) for session_id in sessions]
    unset = {name for name in nullable_fields(SessionDTO)
             if all(getattr(detail, name) is None for detail in details)}
    assert not unset, f"no session of this test sets {sorted(unset)}: set them in `sessions`"
    assert details[0].camera_off and details[0].is_flagged and details[0].events
    assert details[0].warnings


def test_a_field_added_to_the_session_record_reaches_the_wire_and_both_clients(
        core, sessions, admin, remote):
    for session_id in sessions:
        served = core.proctoring.get_session(session_id)
        assert admin.get_session(session_id) == served
        assert remote.get_session(session_id) == served
    listed = core.proctoring.list_sessions("all")
    assert admin.list_sessions("all") == listed
    assert remote.list_sessions("all") == listed


def test_snapshots_events_and_warnings_cross_the_wire_unchanged(core, sessions, admin, remote):
    live = sessions[0]
    for session_id in sessions:
        snapshots = core.proctoring.list_snapshots(session_id)
        assert admin.list_snapshots(session_id) == snapshots
        assert remote.list_snapshots(session_id) == snapshots
        for snapshot in snapshots:
            assert remote.get_snapshot(snapshot.snapshot_id) == snapshot
    analysed = core.proctoring.list_snapshots(live)[0]
    assert (analysed.face_count, analysed.analysis) == (2, "two_faces")
    detail = remote.get_session(live)
    assert {e.session_id for e in detail.events} == {live}
    assert any(e.actor == ACTOR for e in detail.events)
    assert detail.warnings[0].acknowledged_at is not None


def test_the_kiosk_reads_its_attempt_and_exams_as_the_core_answers_them(
        core, exam, live_server, sessions):
    [live_attempt] = [s.attempt_id for s in core.proctoring.list_sessions()]
    token = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee", "B-14")
    assert not token.is_new
    with kiosk_client(live_server) as kiosk:
        assert kiosk.list_exams() == core.exams.list_exams()
        resumed = kiosk.start_attempt(exam.exam_id, "C-1", "Ann Lee", "B-14")
        assert resumed == token
        state = kiosk.get_attempt(live_attempt, token=token.token)
    assert state == core.attempts.get_attempt(live_attempt)
    assert state.seat == "B-14" and state.warnings


def test_accounts_and_storage_cross_the_wire_unchanged(core, remote):
    created = remote.create_proctor("dana", ACTOR, "a long password")
    assert remote.list_proctors() == core.proctors.list_proctors() == [created]
    assert remote.storage_stats() == core.snapshots.storage_stats()


def test_an_answer_without_a_promised_field_is_refused_with_its_name(core, live_server,
                                                                    sessions):
    served = core.proctoring.get_session(sessions[0])
    answer = call(live_server.url, "GET", f"/proctor/sessions/{sessions[0]}",
                  core.config.admin_key).json()
    assert read_record(SessionDetail, answer) == served
    del answer["kiosk_closed_at"]
    del answer["events"][0]["session_id"]
    with pytest.raises(UnexpectedAnswer, match=r"kiosk_closed_at, events\.0\.session_id"):
        read_record(SessionDetail, answer)

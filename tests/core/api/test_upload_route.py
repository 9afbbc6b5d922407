"""The snapshot upload is served by a lean handler behind its FastAPI declaration: the schema
still describes it, and its answers match the declaration (fields, statuses, sentences)."""

from __future__ import annotations

import dataclasses

import httpx

from core.client import read_record
from core.domain.records import SnapshotDTO
from tests.core.api.support import assert_readable, call, start_kiosk, upload
from tests.helpers import jpeg_bytes, new_snapshot_id

PATH = "/api/v1/attempts/{attempt_id}/snapshots"


def test_the_schema_still_describes_the_upload_with_its_fields_and_statuses(live_server):
    schema = httpx.get(f"{live_server.url}/openapi.json", timeout=20).json()
    operation = schema["paths"][PATH]["post"]
    body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    if "$ref" in body:
        body = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[-1]]
    assert set(body["properties"]) == {"image", "snapshot_id", "captured_at"}
    assert set(body["required"]) == {"image", "snapshot_id"}
    assert {"201", "401", "403", "404", "409", "413", "415", "422"} <= set(operation["responses"])


def test_the_answer_has_the_declared_fields_and_a_repeat_answers_200(live_server, exam):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    snapshot_id = new_snapshot_id()
    first = upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(), snapshot_id)
    again = upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(), snapshot_id)

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.headers["content-type"] == "application/json"
    assert set(first.json()) == {f.name for f in dataclasses.fields(SnapshotDTO)}
    assert first.json()["captured_at"].endswith("Z")
    stored = live_server.core.snapshots.get_snapshot(snapshot_id)
    assert read_record(SnapshotDTO, first.json()) == stored
    assert read_record(SnapshotDTO, again.json()) == stored


def test_missing_and_overlong_fields_get_the_declarations_sentences(live_server, exam):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    path = f"/attempts/{kiosk.attempt_id}/snapshots"

    nothing = call(live_server.url, "POST", path, kiosk.token, json={"image": "x"})
    overlong = call(live_server.url, "POST", path, kiosk.token, data={"snapshot_id": "a" * 101},
                    files={"image": ("f.jpg", jpeg_bytes(), "image/jpeg")})
    text_image = call(live_server.url, "POST", path, kiosk.token,
                      data={"snapshot_id": new_snapshot_id(), "image": "not a file"})

    assert assert_readable(nothing, 422) == (
        "The field 'image' is required. The field 'snapshot_id' is required.")
    assert assert_readable(overlong, 422) == (
        "The field 'snapshot_id' can be at most 100 characters.")
    assert overlong.json()["params"] == {"field": "snapshot_id", "limit": "100"}
    assert "'image' is invalid" in assert_readable(text_image, 422)
    assert [e["loc"] for e in nothing.json()["errors"]] == [["body", "image"],
                                                            ["body", "snapshot_id"]]

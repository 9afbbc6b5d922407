"""Every snapshot carries the SHA-256 of its stored image, recorded at ingest, in every snapshot
view; the image and thumbnail answers carry it as ``Repr-Digest`` (RFC 9530), so a file changed
on disk afterwards no longer matches what the center recorded. A real server on a real port."""

from __future__ import annotations

import base64
import hashlib

import pytest

from tests.core.api.support import call, start_kiosk, upload
from tests.helpers import jpeg_bytes, png_bytes


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1", "Ann Lee")


def stored_image(core, snapshot_id: str) -> bytes:
    return core.snapshots.image_path(snapshot_id).read_bytes()


def digest_header(hex_digest: str) -> str:
    return f"sha-256=:{base64.b64encode(bytes.fromhex(hex_digest)).decode()}:"


@pytest.mark.parametrize("image", [jpeg_bytes(640, 480, seed=3), png_bytes(320, 240)],
                         ids=["jpeg", "png re-encoded"])
def test_the_upload_answer_and_every_snapshot_view_show_the_stored_images_sha256(
        live_server, kiosk, image):
    admin = live_server.core.config.admin_key

    answer = upload(live_server.url, kiosk.attempt_id, kiosk.token, image)

    assert answer.status_code == 201, answer.text
    snapshot_id = answer.json()["snapshot_id"]
    expected = hashlib.sha256(stored_image(live_server.core, snapshot_id)).hexdigest()
    record = call(live_server.url, "GET", f"/snapshots/{snapshot_id}", admin).json()
    listed = call(live_server.url, "GET", f"/proctor/sessions/{kiosk.session_id}/snapshots",
                  admin).json()
    assert answer.json()["sha256"] == record["sha256"] == listed[0]["sha256"] == expected


def test_a_repeated_upload_answers_with_the_same_digest(live_server, kiosk):
    frame = jpeg_bytes(seed=4)
    first = upload(live_server.url, kiosk.attempt_id, kiosk.token, frame)
    again = upload(live_server.url, kiosk.attempt_id, kiosk.token, frame,
                   first.json()["snapshot_id"])

    assert again.status_code == 200
    assert again.json()["sha256"] == first.json()["sha256"]


def test_image_and_thumbnail_answers_carry_the_digest_of_their_own_bytes(live_server, kiosk):
    admin = live_server.core.config.admin_key
    snapshot_id = upload(live_server.url, kiosk.attempt_id, kiosk.token,
                         jpeg_bytes(seed=5)).json()["snapshot_id"]

    for path in ("image", "thumbnail"):
        response = call(live_server.url, "GET", f"/snapshots/{snapshot_id}/{path}", admin)

        assert response.status_code == 200
        assert response.headers["Repr-Digest"] == digest_header(
            hashlib.sha256(response.content).hexdigest()), path
    image = call(live_server.url, "GET", f"/snapshots/{snapshot_id}/image", admin)
    thumbnail = call(live_server.url, "GET", f"/snapshots/{snapshot_id}/thumbnail", admin)
    assert image.headers["Repr-Digest"] != thumbnail.headers["Repr-Digest"]


def test_an_image_swapped_on_disk_is_served_with_the_digest_recorded_at_ingest(
        live_server, kiosk):
    admin = live_server.core.config.admin_key
    answer = upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=6))
    snapshot_id = answer.json()["snapshot_id"]
    live_server.core.snapshots.image_path(snapshot_id).write_bytes(jpeg_bytes(seed=7))

    response = call(live_server.url, "GET", f"/snapshots/{snapshot_id}/image", admin)

    assert response.headers["Repr-Digest"] == digest_header(answer.json()["sha256"])
    assert response.headers["Repr-Digest"] != digest_header(
        hashlib.sha256(response.content).hexdigest())

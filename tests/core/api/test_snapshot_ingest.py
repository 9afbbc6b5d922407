"""Webcam snapshots over real HTTP — where they land, their thumbnails, the session
summary, idempotent retries, serving the evidence, and what is cut from the stored file."""

from __future__ import annotations

import io
import shutil
from datetime import timedelta

import pytest
from PIL import Image

from core.media.store import SNAPSHOT_DIR
from tests.core.api.support import (
    admin_client,
    assert_readable,
    call,
    nothing_is_stored,
    parse_time,
    start_kiosk,
    stored_files,
    upload,
)
from tests.helpers import jpeg_bytes, new_snapshot_id, png_bytes


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1", "Ann Lee")


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def sessions(live_server) -> list[dict]:
    with admin_client(live_server) as admin:
        return admin.list_sessions()


def test_a_valid_jpeg_lands_in_its_month_folder_with_a_thumbnail_beside_it(
        live_server, kiosk, clock):
    frame = jpeg_bytes(640, 480, seed=1)
    snapshot_id = new_snapshot_id()

    response = upload(live_server.url, kiosk.attempt_id, kiosk.token, frame, snapshot_id,
                      captured_at=clock.now().isoformat())

    assert response.status_code == 201
    body = response.json()
    folder = live_server.core.config.media_root / SNAPSHOT_DIR / "2026" / "01"
    image_file, thumb_file = folder / f"{snapshot_id}.jpg", folder / f"{snapshot_id}.thumb.jpg"
    assert stored_files(live_server.core) == sorted([image_file, thumb_file])
    assert (body["snapshot_id"], body["width"], body["height"]) == (snapshot_id, 640, 480)
    assert body["size_bytes"] == image_file.stat().st_size
    assert parse_time(body["captured_at"]) == parse_time(body["received_at"]) == clock.now()
    stored = decode(image_file.read_bytes())
    assert (stored.format, stored.size) == ("JPEG", (640, 480))
    assert stored.tobytes() == decode(frame).tobytes(), "the stored pixels must be the upload's"
    thumbnail = decode(thumb_file.read_bytes())
    assert (thumbnail.format, thumbnail.size) == ("JPEG", (160, 120))


@pytest.mark.parametrize(("size", "thumbnail_size"), [
    ((1280, 480), (160, 60)),
    ((480, 640), (90, 120)),
    ((120, 90), (120, 90)),
])
def test_the_thumbnail_keeps_the_aspect_ratio_and_is_never_enlarged(
        live_server, kiosk, size, thumbnail_size):
    snapshot_id = new_snapshot_id()
    response = upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(*size),
                      snapshot_id)
    assert response.status_code == 201

    with admin_client(live_server) as admin:
        thumbnail = decode(admin.read_thumbnail(snapshot_id))
    assert thumbnail.size == thumbnail_size


def test_the_session_list_shows_the_count_and_the_latest_snapshot(live_server, kiosk, clock):
    first, second, late_retry = new_snapshot_id(), new_snapshot_id(), new_snapshot_id()
    t0 = clock.now()
    upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=1), first,
           captured_at=t0.isoformat())
    clock.advance(30)
    upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=2), second,
           captured_at=(t0 + timedelta(seconds=30)).isoformat())
    [session] = sessions(live_server)
    assert session.snapshot_count == 2
    assert session.latest_snapshot_id == second
    assert session.last_snapshot_at == t0 + timedelta(seconds=30)

    # A frame captured earlier but delivered late (a kiosk's spool) does not become the latest.
    upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=3), late_retry,
           captured_at=(t0 + timedelta(seconds=10)).isoformat())
    [session] = sessions(live_server)
    assert (session.snapshot_count, session.latest_snapshot_id) == (3, second)


def test_the_same_snapshot_id_again_answers_200_and_is_stored_once(live_server, kiosk):
    snapshot_id = new_snapshot_id()
    frame = jpeg_bytes(seed=4)
    first = upload(live_server.url, kiosk.attempt_id, kiosk.token, frame, snapshot_id)

    with nothing_is_stored(live_server.core):
        again = upload(live_server.url, kiosk.attempt_id, kiosk.token, frame, snapshot_id)

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert len(stored_files(live_server.core)) == 2
    assert sessions(live_server)[0].snapshot_count == 1


def test_a_snapshot_id_is_matched_whatever_its_letter_case(live_server, kiosk):
    snapshot_id = new_snapshot_id()
    upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(), snapshot_id)

    again = upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(),
                   snapshot_id.upper())

    assert again.status_code == 200
    assert again.json()["snapshot_id"] == snapshot_id


def test_another_attempt_cannot_reuse_a_snapshot_id(live_server, exam, kiosk):
    other = start_kiosk(live_server.core, exam.exam_id, "C-2", "Bo Chen")
    snapshot_id = new_snapshot_id()
    upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(), snapshot_id)

    with nothing_is_stored(live_server.core):
        response = upload(live_server.url, other.attempt_id, other.token, jpeg_bytes(),
                          snapshot_id)

    assert_readable(response, 409)


def test_image_and_thumbnail_are_served_as_jpeg_to_the_admin_only(live_server, kiosk):
    snapshot_id = new_snapshot_id()
    upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=5), snapshot_id)
    [image_file, thumb_file] = stored_files(live_server.core)  # sorted: <id>.jpg, <id>.thumb.jpg
    config = live_server.core.config

    for kind, stored in (("image", image_file), ("thumbnail", thumb_file)):
        path = f"/snapshots/{snapshot_id}/{kind}"
        served = call(live_server.url, "GET", path, config.admin_key)
        assert served.status_code == 200
        assert served.headers["content-type"] == "image/jpeg"
        assert served.content == stored.read_bytes()
        assert call(live_server.url, "GET", path).status_code == 401
        assert call(live_server.url, "GET", path, "not-the-key").status_code == 401
        assert call(live_server.url, "GET", path, config.kiosk_key).status_code == 403
        assert call(live_server.url, "GET", path, kiosk.token).status_code == 403


def test_the_snapshot_list_is_newest_first(live_server, kiosk, clock):
    t0 = clock.now()
    offsets = [20, 0, 40, 10]
    ids = {}
    for offset in offsets:
        snapshot_id = new_snapshot_id()
        ids[offset] = snapshot_id
        upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=offset),
               snapshot_id, captured_at=(t0 + timedelta(seconds=offset)).isoformat())
        clock.advance(1)

    with admin_client(live_server) as admin:
        listed = admin.list_snapshots(kiosk.session_id)

    assert [s.snapshot_id for s in listed] == [ids[o] for o in sorted(offsets, reverse=True)]
    assert [s.captured_at for s in listed] == [
        t0 + timedelta(seconds=o) for o in sorted(offsets, reverse=True)]
    assert {(s.width, s.height) for s in listed} == {(640, 480)}
    raw = call(live_server.url, "GET", f"/proctor/sessions/{kiosk.session_id}/snapshots",
               live_server.core.config.admin_key).json()
    assert all("received_at" in s for s in raw)


def test_the_snapshot_list_pages_with_limit_and_before(live_server, kiosk, clock):
    t0 = clock.now()
    ids = []
    for second in range(5):
        ids.append(new_snapshot_id())
        upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=second), ids[-1],
               captured_at=(t0 + timedelta(seconds=second)).isoformat())
    path = f"/proctor/sessions/{kiosk.session_id}/snapshots"
    admin_key = live_server.core.config.admin_key

    page = call(live_server.url, "GET", path, admin_key, params={"limit": 2}).json()
    assert [s["snapshot_id"] for s in page] == [ids[4], ids[3]]
    rest = call(live_server.url, "GET", path, admin_key,
                params={"before": page[-1]["captured_at"]}).json()
    assert [s["snapshot_id"] for s in rest] == [ids[2], ids[1], ids[0]]


def test_exif_from_the_camera_is_not_kept_in_the_stored_file(live_server, kiosk):
    exif = Image.Exif()
    exif[0x010F] = "Acme Webcams"  # Make
    exif[0x0110] = "Acme HD 3000"  # Model
    exif[0x9003] = "2026:01:15 09:00:00"  # DateTimeOriginal
    frame = jpeg_bytes(seed=6, exif=exif.tobytes())
    assert dict(decode(frame).getexif()), "the upload itself must carry EXIF"
    snapshot_id = new_snapshot_id()

    response = upload(live_server.url, kiosk.attempt_id, kiosk.token, frame, snapshot_id)

    assert response.status_code == 201
    with admin_client(live_server) as admin:
        stored = admin.read_image(snapshot_id)
    assert dict(decode(stored).getexif()) == {}
    assert b"Exif" not in stored and b"Acme" not in stored
    assert decode(stored).tobytes() == decode(frame).tobytes()
    assert response.json()["size_bytes"] == len(stored) < len(frame)


def test_a_png_is_stored_as_a_jpeg(live_server, kiosk):
    snapshot_id = new_snapshot_id()

    response = upload(live_server.url, kiosk.attempt_id, kiosk.token, png_bytes(320, 240),
                      snapshot_id, content_type="image/png")

    assert response.status_code == 201
    assert (response.json()["width"], response.json()["height"]) == (320, 240)
    [image_file, _thumb] = stored_files(live_server.core)
    assert image_file.name == f"{snapshot_id}.jpg"
    stored = decode(image_file.read_bytes())
    assert (stored.format, stored.size, stored.mode) == ("JPEG", (320, 240), "RGB")
    red, green, blue = stored.getpixel((160, 120))
    assert abs(red - 20) < 8 and abs(green - 160) < 8 and abs(blue - 90) < 8


def test_the_file_type_is_judged_by_content_not_by_the_declared_type(live_server, kiosk):
    response = upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(),
                      content_type="application/octet-stream")
    assert response.status_code == 201


def test_a_kiosk_clock_far_ahead_is_not_believed(live_server, kiosk, clock):
    far_ahead = clock.now() + timedelta(days=3)

    response = upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(),
                      captured_at=far_ahead.isoformat())

    assert parse_time(response.json()["captured_at"]) == clock.now()


def test_storage_counts_the_stored_files_and_bytes(live_server, kiosk):
    upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=7))
    upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes(seed=8))
    files = stored_files(live_server.core)

    storage = call(live_server.url, "GET", "/storage", live_server.core.config.admin_key).json()

    assert (storage["files"], storage["bytes"]) == (4, sum(f.stat().st_size for f in files))
    disk = shutil.disk_usage(live_server.core.config.media_root)
    assert storage["total_bytes"] == disk.total
    assert abs(storage["free_bytes"] - disk.free) < 64 * 1024 * 1024
    assert storage["level"] in ("ok", "low", "full")

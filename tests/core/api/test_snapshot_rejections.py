"""Every bad upload gets its documented status (413/415/422/401/403/409) and a sentence,
over real HTTP, and afterwards no file exists under the media root and no row was added."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PIL import Image

from core.bootstrap import Core
from tests.core.api.support import (
    Kiosk,
    assert_readable,
    call,
    nothing_is_stored,
    png_declaring,
    served_core,
    start_kiosk,
    stored_files,
    upload,
)
from tests.helpers import jpeg_bytes, new_snapshot_id, png_bytes

pytestmark = pytest.mark.db  # one served core (a SQLite file) for the module

MAX_UPLOAD = 2 * 1024 * 1024


@dataclass
class Scene:
    core: Core
    url: str
    live: Kiosk
    other: Kiosk
    ended: Kiosk
    unproctored_attempt: tuple[str, str]


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Iterator[Scene]:
    with served_core(tmp_path_factory.mktemp("rejections") / "data") as (core, url):
        exam = core.exams.create_exam("Algebra final", 3600)
        live = start_kiosk(core, exam.exam_id, "C-1")
        other = start_kiosk(core, exam.exam_id, "C-2")
        ended = start_kiosk(core, exam.exam_id, "C-3")
        core.attempts.submit_attempt(ended.attempt_id)
        quiz = core.exams.create_exam("Open-book quiz", 600, proctoring_enabled=False)
        unproctored = core.attempts.start_attempt(quiz.exam_id, "C-4", "Dee")
        assert stored_files(core) == []
        yield Scene(core, url, live, other, ended, (unproctored.attempt_id, unproctored.token))


def encoded(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def sof_claiming(width: int, height: int) -> bytes:
    """A real JPEG whose frame header is edited to claim another size."""
    data = bytearray(jpeg_bytes(seed=11))
    sof = data.find(b"\xff\xc0")
    data[sof + 5:sof + 7] = height.to_bytes(2, "big")
    data[sof + 7:sof + 9] = width.to_bytes(2, "big")
    return bytes(data)


FRAME = jpeg_bytes(seed=10)
PNG_FRAME = png_bytes()

BAD_IMAGES = [
    pytest.param(b"", 422, "empty", id="an empty image"),
    pytest.param(b"Dear proctor, my camera is broken.\n", 415, "JPEG and PNG", id="a text file"),
    pytest.param(b"<!doctype html><html><body><img src=x onerror=alert(1)></body></html>", 415,
                 "JPEG and PNG", id="an HTML page"),
    pytest.param(encoded("GIF"), 415, "JPEG and PNG", id="a GIF"),
    pytest.param(encoded("BMP"), 415, "JPEG and PNG", id="a BMP"),
    pytest.param(encoded("WEBP"), 415, "JPEG and PNG", id="a WebP"),
    pytest.param(FRAME[: len(FRAME) // 2], 422, "incomplete", id="a truncated JPEG"),
    pytest.param(FRAME[:-100], 422, "incomplete", id="a JPEG missing its last bytes"),
    pytest.param(PNG_FRAME[: len(PNG_FRAME) // 2], 422, "incomplete", id="a truncated PNG"),
    pytest.param(b"\xff\xd8\xff" + b"not really a jpeg " * 50, 422, "JPEG",
                 id="bytes that only start like a JPEG"),
    pytest.param(png_declaring(30000, 30000), 422, "4096 pixels",
                 id="a PNG bomb declaring 30000x30000"),
    pytest.param(sof_claiming(20000, 20000), 422, "4096 pixels",
                 id="a JPEG whose header claims 20000x20000"),
    pytest.param(b"\xff\xd8\xff" + b"\0" * MAX_UPLOAD, 413, "at most",
                 id="an image just over the upload limit"),
]


@pytest.mark.parametrize(("image", "status", "says"), BAD_IMAGES)
def test_a_bad_image_is_refused_and_nothing_is_stored(scene, image, status, says):
    with nothing_is_stored(scene.core):
        response = upload(scene.url, scene.live.attempt_id, scene.live.token, image)

    detail = assert_readable(response, status)
    assert says in detail


def test_a_5_mb_body_is_refused_with_413_before_it_is_read(scene):
    with nothing_is_stored(scene.core):
        response = upload(scene.url, scene.live.attempt_id, scene.live.token,
                          b"\xff\xd8\xff" + bytes(5 * 1024 * 1024))
    assert "too large" in assert_readable(response, 413)


def test_a_5_mb_body_sent_in_chunks_without_a_length_is_refused_with_413(scene):
    boundary = "frame-boundary"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"snapshot_id\"\r\n\r\n"
            f"{new_snapshot_id()}\r\n--{boundary}\r\nContent-Disposition: form-data; "
            f"name=\"image\"; filename=\"f.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode()

    def body() -> Iterator[bytes]:
        yield head + b"\xff\xd8\xff"
        for _ in range(80):
            yield bytes(64 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    with nothing_is_stored(scene.core):
        response = call(scene.url, "POST", f"/attempts/{scene.live.attempt_id}/snapshots",
                        scene.live.token, content=body(),
                        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert "too large" in assert_readable(response, 413)


@pytest.mark.parametrize("snapshot_id", ["../../etc/passwd", "..%2F..%2Fetc%2Fpasswd",
                                         "/etc/passwd", "a" * 36, ""])
def test_a_path_like_snapshot_id_is_refused(scene, snapshot_id):
    with nothing_is_stored(scene.core):
        response = call(scene.url, "POST", f"/attempts/{scene.live.attempt_id}/snapshots",
                        scene.live.token, data={"snapshot_id": snapshot_id},
                        files={"image": ("../../etc/passwd", FRAME, "image/jpeg")})
    detail = assert_readable(response, 422)
    assert "snapshot_id" in detail
    assert not list(scene.core.config.data_dir.parent.rglob("passwd*"))


def test_a_wrong_token_is_refused_with_401(scene):
    with nothing_is_stored(scene.core):
        response = upload(scene.url, scene.live.attempt_id, "made-up-token", FRAME)
    assert_readable(response, 401)


def test_no_token_is_refused_with_401(scene):
    with nothing_is_stored(scene.core):
        response = upload(scene.url, scene.live.attempt_id, None, FRAME)
    assert_readable(response, 401)


def test_another_attempts_token_is_refused_with_403(scene):
    with nothing_is_stored(scene.core):
        response = upload(scene.url, scene.live.attempt_id, scene.other.token, FRAME)
    assert_readable(response, 403)


def test_the_admin_key_cannot_upload_for_a_kiosk(scene):
    with nothing_is_stored(scene.core):
        response = upload(scene.url, scene.live.attempt_id, scene.core.config.admin_key, FRAME)
    assert_readable(response, 403)


def test_an_ended_attempt_is_refused_with_409(scene):
    with nothing_is_stored(scene.core):
        response = upload(scene.url, scene.ended.attempt_id, scene.ended.token, FRAME)
    assert "already ended" in assert_readable(response, 409)


def test_an_ended_attempt_is_refused_even_with_a_bad_image(scene):
    with nothing_is_stored(scene.core):
        response = upload(scene.url, scene.ended.attempt_id, scene.ended.token, b"not an image")
    assert_readable(response, 409)


def test_an_exam_without_proctoring_takes_no_snapshots(scene):
    attempt_id, token = scene.unproctored_attempt
    with nothing_is_stored(scene.core):
        response = upload(scene.url, attempt_id, token, FRAME)
    assert "Proctoring is off" in assert_readable(response, 409)


def test_the_same_attempt_still_accepts_a_good_frame_and_png(scene):
    # The positive control of this module: the refusals above are about the input alone.
    before = len(stored_files(scene.core))
    assert upload(scene.url, scene.live.attempt_id, scene.live.token, FRAME).status_code == 201
    assert upload(scene.url, scene.live.attempt_id, scene.live.token, PNG_FRAME).status_code == 201
    assert len(stored_files(scene.core)) == before + 4

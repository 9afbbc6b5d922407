"""Webcam-like 640x480 frames with real faces, composed in memory from scikit-image's public
domain ``astronaut()`` photo (no face photo is committed), and proof that the face detector
sees them the way the other analysis tests assume. The composers are imported by those tests
and by tests/benchmarks/analysis.py."""

from __future__ import annotations

import io
from functools import cache

import numpy as np
from PIL import Image
from skimage import data

from core.domain.episodes import CAMERA_BLOCKED, FROZEN, MULTIPLE_FACES, NO_FACE, TOO_DARK
from core.jobs.analysis.inspection import (
    DARK_MAX_BRIGHTNESS,
    LIT_FACE_MIN_BRIGHTNESS,
    decode_frame,
    face_boxes,
    inspect_frame,
    load_face_detector,
    small_copy,
)

FRAME_SIZE = (640, 480)
#: Sensor noise of a webcam (gray levels): two frames of a still scene are never identical.
SENSOR_NOISE = 2.0


@cache
def _astronaut() -> Image.Image:
    return Image.fromarray(data.astronaut())


@cache
def _portrait() -> Image.Image:
    """Head and shoulders, 320x480: the face is about 120 px wide (60 px in the analysed copy)."""
    return _astronaut().crop((96, 0, 352, 384)).resize((320, 480), Image.Resampling.LANCZOS)


def _webcam_jpeg(picture: Image.Image, seed: int, gain: float = 1.0) -> bytes:
    pixels = np.asarray(picture, dtype=np.float32) * gain
    pixels += np.random.default_rng(seed).normal(0.0, SENSOR_NOISE, pixels.shape)
    frame = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    frame.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def one_face_jpeg(seed: int = 0, gain: float = 1.0) -> bytes:
    """The candidate alone, centred in front of a plain wall."""
    canvas = Image.new("RGB", FRAME_SIZE, (200, 200, 190))
    canvas.paste(_portrait(), (160, 0))
    return _webcam_jpeg(canvas, seed, gain)


def two_faces_jpeg(seed: int = 0) -> bytes:
    """The candidate and a second person beside them."""
    canvas = Image.new("RGB", FRAME_SIZE)
    canvas.paste(_portrait(), (0, 0))
    canvas.paste(_portrait().transpose(Image.Transpose.FLIP_LEFT_RIGHT), (320, 0))
    return _webcam_jpeg(canvas, seed)


def no_face_jpeg(seed: int = 0) -> bytes:
    """The desk and a suit, no head: the candidate stood up or leaned out of view."""
    scene = _astronaut().crop((0, 300, 512, 512)).resize(FRAME_SIZE, Image.Resampling.LANCZOS)
    return _webcam_jpeg(scene, seed)


def tilted_head_jpeg(seed: int = 0, degrees: float = 30.0) -> bytes:
    """The candidate with the head tilted sideways (leaning on a hand, reading at an angle)."""
    canvas = Image.new("RGB", FRAME_SIZE, (200, 200, 190))
    tilted = _portrait().convert("RGBA").rotate(degrees, resample=Image.Resampling.BICUBIC)
    canvas.paste(tilted, (160, 0), tilted)
    return _webcam_jpeg(canvas, seed)


def distant_face_jpeg(seed: int = 0, shrink: int = 3, wall: int = 200) -> bytes:
    """The candidate further from the camera: the portrait at 1/``shrink`` size, at the bottom
    of the frame, before a wall of gray level ``wall`` (at 1/3 the face is about 35 px wide in
    the snapshot, 17 px in the analysed copy)."""
    width, height = _portrait().width // shrink, _portrait().height // shrink
    canvas = Image.new("RGB", FRAME_SIZE, (wall, wall, wall))
    small = _portrait().resize((width, height), Image.Resampling.LANCZOS)
    canvas.paste(small, ((FRAME_SIZE[0] - width) // 2, FRAME_SIZE[1] - height))
    return _webcam_jpeg(canvas, seed)


def dark_jpeg(seed: int = 0) -> bytes:
    """The candidate in a room with the light off."""
    return one_face_jpeg(seed, gain=0.15)


def covered_jpeg(seed: int = 0) -> bytes:
    """A finger over the lens: dim, uniform, only sensor noise."""
    return _webcam_jpeg(Image.new("RGB", FRAME_SIZE, (52, 38, 36)), seed)


def _findings(jpeg: bytes, previous: bytes | None = None):  # type: ignore[no-untyped-def]
    frame = decode_frame(jpeg, FRAME_SIZE[0])
    assert frame is not None
    before = None
    if previous is not None:
        previous_frame = decode_frame(previous, FRAME_SIZE[0])
        assert previous_frame is not None
        before = small_copy(previous_frame)
    return inspect_frame(frame, load_face_detector(), before)


def test_frames_are_analysed_from_a_320x240_colour_decode_and_its_gray_copy():
    frame = decode_frame(one_face_jpeg(), 640)
    assert frame is not None
    assert frame.colour.shape == (240, 320, 3) and frame.gray.shape == (240, 320)


def test_the_detector_sees_the_one_face_of_the_candidate_frame():
    for seed in range(3):
        findings = _findings(one_face_jpeg(seed))
        assert (findings.face_count, findings.cues) == (1, ())


def test_the_detector_sees_both_faces_of_the_two_person_frame():
    for seed in range(3):
        findings = _findings(two_faces_jpeg(seed))
        assert (findings.face_count, findings.cues) == (2, (MULTIPLE_FACES,))


def test_the_detector_sees_no_face_when_the_head_is_out_of_view():
    for seed in range(3):
        findings = _findings(no_face_jpeg(seed))
        assert (findings.face_count, findings.cues) == (0, (NO_FACE,))


def test_a_dark_room_is_too_dark_rather_than_empty():
    findings = _findings(dark_jpeg())
    assert findings.brightness < 40
    assert TOO_DARK in findings.cues and NO_FACE not in findings.cues


def test_a_covered_lens_is_blocked_and_nothing_else():
    findings = _findings(covered_jpeg())
    assert (findings.face_count, findings.cues) == (0, (CAMERA_BLOCKED,))


def test_the_same_picture_again_is_frozen_but_a_new_frame_of_a_still_scene_is_not():
    frame = one_face_jpeg(seed=1)
    assert _findings(frame, previous=frame).cues == (FROZEN,)
    still_scene = _findings(one_face_jpeg(seed=2), previous=frame)
    assert still_scene.cues == ()
    assert still_scene.difference is not None and still_scene.difference > 0.2


def test_a_tilted_head_is_still_one_face():
    for degrees in (-35.0, 20.0, 35.0):
        findings = _findings(tilted_head_jpeg(degrees=degrees))
        assert (findings.face_count, findings.cues) == (1, ()), degrees


def test_a_small_face_far_from_the_camera_is_still_one_face():
    for seed in range(3):
        findings = _findings(distant_face_jpeg(seed))
        assert (findings.face_count, findings.cues) == (1, ())


def test_a_well_lit_face_before_a_dark_wall_is_not_too_dark():
    for shrink in (2, 3):
        findings = _findings(distant_face_jpeg(shrink=shrink, wall=18))
        assert findings.brightness < DARK_MAX_BRIGHTNESS  # the frame as a whole is dark
        assert (findings.face_count, findings.cues) == (1, ()), shrink


def test_a_face_found_in_a_dark_room_does_not_make_the_frame_lit():
    frame = decode_frame(dark_jpeg(), FRAME_SIZE[0])
    assert frame is not None
    [(x, y, w, h)] = face_boxes(frame, load_face_detector())
    assert frame.gray[y:y + h, x:x + w].mean() < LIT_FACE_MIN_BRIGHTNESS
    assert inspect_frame(frame, load_face_detector()).cues == (TOO_DARK,)

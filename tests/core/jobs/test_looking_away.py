"""The "looking away" cue on real photos: webcam-like 640x480 frames made from the lawfully
licensed photos of tests/benchmarks/faces (listed with their licences in its manifest.json), the
way the face benchmark makes them. A candidate looking at the camera is not looking away, a head
turned aside is; a tilted head, a second person and a dark room are not judged as turned heads.
The composers are imported by tests/core/jobs/test_analysis.py."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from core.domain.episodes import LOOKING_AWAY, MULTIPLE_FACES, TOO_DARK
from core.jobs.analysis.inspection import (
    LOOKING_AWAY_MIN_OFFSET,
    FrameFindings,
    decode_frame,
    inspect_frame,
    load_face_detector,
)
from tests.benchmarks.faces_frames import load, manifest, side_by_side, to_jpeg, variant

#: Every frontal photo of the benchmark (16 people).
FRONTAL = tuple(str(e["file"]) for e in manifest() if e["category"] == "frontal")
#: The photos of heads clearly turned aside (a three-quarter view or more); the benchmark's
#: other turned photos (turned-013, -027, -033: barely turned, or turned and bowed) are read
#: either way, which is why the cue weighs little and needs two frames in a row.
TURNED_ASIDE = ("turned-008.jpg", "turned-012.jpg", "turned-017.jpg", "turned-018.jpg",
                "turned-040.jpg", "turned-cameraman.jpg")


def photo_jpeg(name: str, kind: str = "webcam", seed: int = 0) -> bytes:
    """A webcam-like JPEG of one benchmark photo (``kind``: a variant of faces_frames)."""
    rng = np.random.default_rng(seed)
    picture, quality = variant(load(name), kind, rng)
    return to_jpeg(picture, quality, rng)


def frontal_jpeg(seed: int = 0) -> bytes:
    """A candidate looking at the screen (a real photo)."""
    return photo_jpeg("frontal-006.jpg", seed=seed)


def turned_jpeg(seed: int = 0) -> bytes:
    """A candidate with the head turned aside (a real photo, a three-quarter view)."""
    return photo_jpeg("turned-040.jpg", seed=seed)


def findings_of(jpeg: bytes) -> FrameFindings:
    frame = decode_frame(jpeg, 640)
    assert frame is not None
    return inspect_frame(frame, load_face_detector())


@pytest.mark.parametrize("name", FRONTAL)
def test_a_face_looking_at_the_camera_is_not_looking_away(name):
    for kind in ("webcam", "far", "aside"):
        findings = findings_of(photo_jpeg(name, kind))
        assert findings.face_count == 1, kind
        assert LOOKING_AWAY not in findings.cues, kind
        assert findings.landmarks is not None
        assert findings.landmarks.nose_offset < LOOKING_AWAY_MIN_OFFSET, kind


@pytest.mark.parametrize("name", TURNED_ASIDE)
def test_a_head_turned_aside_is_looking_away(name):
    findings = findings_of(photo_jpeg(name))
    assert findings.face_count == 1
    assert findings.cues == (LOOKING_AWAY,)
    assert findings.landmarks is not None
    assert findings.landmarks.nose_offset > LOOKING_AWAY_MIN_OFFSET


def test_the_findings_carry_the_landmarks_of_the_one_face_in_the_picture():
    findings = findings_of(frontal_jpeg())
    landmarks = findings.landmarks
    assert landmarks is not None
    # The analysed picture is 320x240; the person's right eye is on the picture's left, above
    # the nose tip, which is above the mouth.
    right_x, right_y = landmarks.right_eye
    left_x, left_y = landmarks.left_eye
    nose_x, nose_y = landmarks.nose_tip
    assert 0 < right_x < nose_x < left_x < 320
    assert max(right_y, left_y) < nose_y < min(landmarks.right_mouth[1], landmarks.left_mouth[1])


def test_a_head_tilted_sideways_is_not_turned_away():
    for name in FRONTAL[:8]:
        findings = findings_of(photo_jpeg(name, "turned12"))
        assert findings.face_count == 1 and LOOKING_AWAY not in findings.cues, name


def test_a_turned_head_beside_a_second_person_is_the_second_person_only():
    rng = np.random.default_rng(0)
    both = side_by_side([load("frontal-006.jpg"), load("turned-040.jpg")])
    findings = findings_of(to_jpeg(both, 80, rng))
    assert (findings.face_count, findings.cues) == (2, (MULTIPLE_FACES,))
    assert findings.landmarks is None


def test_a_turned_head_in_a_dark_room_is_too_dark_and_nothing_more():
    rng = np.random.default_rng(0)
    picture, _quality = variant(load("turned-040.jpg"), "webcam", rng)
    dark: Image.Image = ImageEnhance.Brightness(picture).enhance(0.2)
    findings = findings_of(to_jpeg(dark, 75, rng, noise=2.0))
    # The face is found and its landmarks say turned, but a dim face's landmarks are guesses.
    assert findings.face_count == 1 and findings.landmarks is not None
    assert findings.landmarks.nose_offset > LOOKING_AWAY_MIN_OFFSET
    assert findings.cues == (TOO_DARK,)

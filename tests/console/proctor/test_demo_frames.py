"""The demo's and the synthetic camera's pictures (CC0 and public-domain photos shipped in
resources/demo_frames) read, through the core's real face detector and with sensor noise added,
as exactly what the demo script says: one face when calm, two with a second person, none when
nobody is in view; and each candidate is another person."""

from __future__ import annotations

import io

import cv2
import numpy as np
import pytest
from PIL import Image

from console.kiosk.camera.synthetic_frame_source import SyntheticFrameSource
from console.proctor.demo.demo_frames import (
    FRAMES_DIR,
    NOBODY_PICTURE,
    PEOPLE_PICTURES,
    VISITOR_PICTURE,
    DemoFrames,
    Scene,
)
from core.jobs.analysis import decode_frame, inspect_frame, load_face_detector, small_copy

NOISY_COPIES = 6


@pytest.fixture(scope="module")
def detector():
    return load_face_detector()


def noisy_webcam_jpeg(name: str, seed: int) -> bytes:
    """The shipped picture as a 640x480 webcam would send it: enlarged, with sensor noise."""
    picture = Image.open(FRAMES_DIR / name).convert("RGB").resize((640, 480),
                                                                   Image.Resampling.BICUBIC)
    noise = np.random.default_rng(seed).normal(0.0, 4.0, (480, 640, 3))
    pixels = np.clip(np.asarray(picture, np.float32) + noise, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def findings_of(jpegs, detector):
    """What the core's analysis reads in each frame, in order (frozen check included)."""
    previous, results = None, []
    for jpeg in jpegs:
        frame = decode_frame(jpeg, 640)
        found = inspect_frame(frame, detector, previous)
        previous = small_copy(frame)
        results.append((found.face_count, found.cues))
    return results


@pytest.mark.parametrize(("name", "faces", "cues"), [
    *[(person, 1, ()) for person in (*PEOPLE_PICTURES, VISITOR_PICTURE)],
    (NOBODY_PICTURE, 0, ("no_face",)),
])
def test_each_shipped_picture_reads_as_its_face_count_under_sensor_noise(name, faces, cues,
                                                                         detector):
    jpegs = [noisy_webcam_jpeg(name, seed) for seed in range(NOISY_COPIES)]
    assert findings_of(jpegs, detector) == [(faces, cues)] * NOISY_COPIES


def test_the_shipped_pictures_are_small_320x240_jpegs():
    for name in (*PEOPLE_PICTURES, VISITOR_PICTURE, NOBODY_PICTURE):
        path = FRAMES_DIR / name
        with Image.open(path) as picture:
            assert picture.size == (320, 240), name
        assert path.stat().st_size < 40_000, name


def test_the_first_twelve_people_seated_are_twelve_different_pictures():
    pictures = [DemoFrames(seed=0, person=person).picture for person in range(12)]
    assert sorted(pictures) == sorted(PEOPLE_PICTURES)


def test_different_people_look_different_on_camera():
    first, second = DemoFrames(seed=0, person=0), DemoFrames(seed=0, person=1)
    one = np.asarray(Image.open(io.BytesIO(first.frame(Scene.ONE_PERSON, 0))), np.float32)
    other = np.asarray(Image.open(io.BytesIO(second.frame(Scene.ONE_PERSON, 0))), np.float32)
    assert np.abs(one - other).mean() > 20  # sensor noise alone differs by about 3


@pytest.mark.parametrize("person", range(len(PEOPLE_PICTURES)))
def test_every_demo_person_reads_as_one_face_when_calm_and_the_scripted_counts_otherwise(
    person, detector
):
    frames = DemoFrames(seed=person, person=person)
    assert frames.problem is None
    # The dark scene is the person's picture at 1/12 brightness: the face is still found, but its
    # own box is dim too, so the frame stays too dark.
    expected = {Scene.ONE_PERSON: (1, ()), Scene.TWO_PEOPLE: (2, ("multiple_faces",)),
                Scene.NOBODY: (0, ("no_face",)), Scene.DARK: (1, ("too_dark",))}
    for scene, reading in expected.items():
        jpegs = [frames.frame(scene, tick) for tick in range(4)]
        assert findings_of(jpegs, detector) == [reading] * 4, scene


def test_demo_frames_without_their_pictures_say_why(monkeypatch, tmp_path):
    monkeypatch.setattr("console.proctor.demo.demo_frames.FRAMES_DIR", tmp_path / "gone")
    frames = DemoFrames()
    assert not frames.has_faces
    assert "cannot be read" in frames.problem and "No face" in frames.problem
    assert frames.frame(Scene.ONE_PERSON, 0)[:2] == b"\xff\xd8"  # still a JPEG, an empty room


def test_the_kiosks_synthetic_camera_shows_one_face_frame_after_frame(detector):
    source = SyntheticFrameSource()
    source.open()
    try:
        jpegs = []
        for _ in range(6):
            ok, jpeg = cv2.imencode(".jpg", source.read(), [cv2.IMWRITE_JPEG_QUALITY, 85])
            assert ok
            jpegs.append(jpeg.tobytes())
    finally:
        source.close()
    assert source.problem is None
    assert findings_of(jpegs, detector) == [(1, ())] * 6

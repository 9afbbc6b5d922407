"""Frame sources: the synthetic picture moves, a video file plays in a loop, and a camera that
cannot open says so in words."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from console.kiosk.camera.frame_source import CameraUnavailable
from console.kiosk.camera.frame_sources import frame_source_for
from console.kiosk.camera.opencv_frame_source import OpenCvFrameSource
from console.kiosk.camera.synthetic_frame_source import SyntheticFrameSource


def test_the_synthetic_camera_delivers_changing_640x480_colour_frames():
    source = SyntheticFrameSource()
    assert source.read() is None  # not opened yet
    source.open()
    first, second = source.read(), source.read()
    assert first.shape == (480, 640, 3) and first.dtype == np.uint8
    assert not np.array_equal(first, second)  # the frame counter (at least) moves
    source.close()
    assert source.read() is None


def test_the_synthetic_camera_can_show_a_face_picture():
    face = np.full((120, 90, 3), (10, 200, 10), np.uint8)
    source = SyntheticFrameSource(face=face)
    source.open()
    frame = source.read()
    centre = frame[240, 320]
    assert tuple(int(v) for v in centre) == (10, 200, 10)


def test_a_video_file_plays_and_loops(tmp_path):
    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (320, 240))
    assert writer.isOpened()
    for n in range(3):
        writer.write(np.full((240, 320, 3), n * 80, np.uint8))
    writer.release()

    source = OpenCvFrameSource(str(path))
    source.open()
    frames = [source.read() for _ in range(7)]
    source.close()
    assert all(f is not None and f.shape == (240, 320, 3) for f in frames)
    assert [round(f.mean() / 80) for f in frames[:4]] == [0, 1, 2, 0]  # back to the start


def test_a_missing_video_file_is_reported_by_name(tmp_path):
    source = OpenCvFrameSource(str(tmp_path / "missing.mp4"))
    with pytest.raises(CameraUnavailable, match=r"missing\.mp4 does not exist"):
        source.open()


def test_a_file_that_is_not_a_video_cannot_be_played(tmp_path):
    path = tmp_path / "notes.mp4"
    path.write_text("not a video")
    with pytest.raises(CameraUnavailable, match="cannot be played"):
        OpenCvFrameSource(str(path)).open()


def test_the_camera_setting_picks_the_source():
    assert isinstance(frame_source_for("synthetic"), SyntheticFrameSource)
    webcam = frame_source_for("1")
    assert isinstance(webcam, OpenCvFrameSource) and webcam.device == 1
    assert frame_source_for("/videos/demo.mp4").description == "video file demo.mp4"

"""What one frame shows: OpenCV looks at a stored JPEG. The only module in core that imports
OpenCV (cv2); import-linter holds it to that (pyproject.toml).

The stored JPEG is decoded once, in colour, at reduced size (libjpeg DCT scaling by 1/2, 1/4
or 1/8: the coarsest that keeps the picture at least ``ANALYSIS_MIN_WIDTH`` = 320 pixels wide,
so about 320x240 for a 640x480 snapshot). The face detector looks at the colour picture; the
cues below look at a gray copy made from it.

- ``camera_blocked``: the picture is nearly uniform (gray-level standard deviation below
  ``BLOCKED_MAX_CONTRAST``): a hand, tape or a closed lid over the lens. No face count is
  attempted (it is 0) and the other cues are not looked for.
- ``too_dark``: mean brightness below ``DARK_MAX_BRIGHTNESS`` (of 255), unless a face is found
  whose own box has a mean brightness of at least ``LIT_FACE_MIN_BRIGHTNESS``: a lit face in
  front of a dark wall is what the proctor needs to see, so that frame is not too dark.
- ``frozen``: practically the same picture as the session's previous frame (mean absolute
  difference of 160x120 gray copies below ``FROZEN_MAX_DIFFERENCE``): a stuck camera driver
  or a still image fed to a virtual camera. Real sensors add noise, so two real frames of a
  perfectly still room still differ by more than that.
- faces: YuNet (``cv2.FaceDetectorYN``, the small "yunet_s" ONNX model shipped in
  resources/models/yunet/ with its licence and source) on the colour picture, at its own size;
  a detection counts as a face when its score reaches ``FACE_SCORE_THRESHOLD`` (0.6), and
  boxes overlapping by more than ``FACE_NMS_THRESHOLD`` (0.3 IoU) are one face. Unlike the
  frontal Haar cascade it replaced, it also finds tilted and turned heads, masks and faces
  down to about 35 pixels wide in the 640x480 snapshot (17 in the analysed copy): see the
  figures in resources/models/yunet/SOURCE.md and the tilted and small faces of
  tests/core/jobs/test_analysis_frames.py. ``no_face``
  when none is found (not reported on a too-dark frame, where the darkness is the finding);
  ``multiple_faces`` when two or more.
- ``looking_away``: the one face in view has its head turned from the camera. YuNet gives five
  landmarks per face (the eyes, the nose tip, the mouth's corners); the nose tip of a face
  looking at the camera lies about midway between the eyes. The rule: the nose tip lies off the
  eyes' midpoint, measured along the line through the eyes, by more than
  ``LOOKING_AWAY_MIN_OFFSET`` (0.3) eye distances (measured along the eye line, so a head tilted
  sideways is not turned away). On the real photos of tests/benchmarks/faces.py it flags no
  frontal frame, and about three in four frames of turned heads. Only for a single face (with
  none there is nobody to look; with two the finding is the second person) on a frame that is
  not too dark (a dim face's landmarks are guesses).

Whether a cue becomes an event is not decided here: see core/domain/episodes.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import cv2
import numpy as np
import numpy.typing as npt

import resources
from core.domain.episodes import (
    CAMERA_BLOCKED,
    FROZEN,
    LOOKING_AWAY,
    MULTIPLE_FACES,
    NO_FACE,
    TOO_DARK,
)

#: A decoded picture (colour: BGR; gray: one channel).
Picture: TypeAlias = cv2.typing.MatLike
#: A face detector; they are not thread-safe: one per thread.
FaceDetector: TypeAlias = cv2.FaceDetectorYN

#: The YuNet model (Apache-2.0; LICENSE and SOURCE.md beside it).
MODEL_PATH = resources.path("models", "yunet", "yunet_s_640_640.onnx")

#: Decode so that the picture is at least this wide (libjpeg scales by 1/2, 1/4 or 1/8).
ANALYSIS_MIN_WIDTH = 320
REDUCED_COLOUR_MODES = (
    (8, cv2.IMREAD_REDUCED_COLOR_8),
    (4, cv2.IMREAD_REDUCED_COLOR_4),
    (2, cv2.IMREAD_REDUCED_COLOR_2),
    (1, cv2.IMREAD_COLOR),
)
#: YuNet on the reduced colour picture (about 320x240). 0.6 rather than 0.7: on the real photos of
#: tests/benchmarks/faces.py it counts 97.2% of frames exactly instead of 96.6% (three fewer
#: missed faces), with no false "multiple faces" and every empty room right at both.
FACE_SCORE_THRESHOLD = 0.6
FACE_NMS_THRESHOLD = 0.3
FACE_TOP_K = 50
#: Image cues, on 0-255 gray levels.
BLOCKED_MAX_CONTRAST = 6.0
DARK_MAX_BRIGHTNESS = 40.0
LIT_FACE_MIN_BRIGHTNESS = 80.0
FROZEN_SIZE = (160, 120)
FROZEN_MAX_DIFFERENCE = 0.2
#: ``looking_away``: the nose tip this many eye distances off the eyes' midpoint, along the eye
#: line. Measured by tests/benchmarks/faces.py: 0 of 112 frontal frames and 74% of turned heads
#: above 0.3 (0.25 flagged a frontal frame; 0.35 half the turned heads).
LOOKING_AWAY_MIN_OFFSET = 0.3
#: Eyes closer than this (pixels of the analysed picture) give no usable direction.
LANDMARKS_MIN_EYE_DISTANCE = 4.0

Point: TypeAlias = tuple[float, float]
Box: TypeAlias = tuple[int, int, int, int]


class AnalysisUnavailable(RuntimeError):
    """OpenCV is there but cannot analyse frames (e.g. its face model is missing)."""


@dataclass(frozen=True)
class DecodedFrame:
    """One stored JPEG decoded for analysis: the colour picture and its gray copy."""

    colour: Picture
    gray: Picture


@dataclass(frozen=True)
class FaceLandmarks:
    """YuNet's five landmarks of one face, in pixels of the analysed picture. "Right" and "left"
    are the person's own (the right eye is on the picture's left)."""

    right_eye: Point
    left_eye: Point
    nose_tip: Point
    right_mouth: Point
    left_mouth: Point

    @property
    def nose_offset(self) -> float:
        """How far the nose tip lies off the eyes' midpoint along the eye line, in eye
        distances: about 0 for a face looking at the camera, growing as the head turns (a tilt
        in the picture's plane does not change it). Infinite when the eyes are too close
        together to tell (a head seen from the side)."""
        axis_x = self.left_eye[0] - self.right_eye[0]
        axis_y = self.left_eye[1] - self.right_eye[1]
        distance = math.hypot(axis_x, axis_y)
        if distance < LANDMARKS_MIN_EYE_DISTANCE:
            return math.inf
        middle_x = (self.right_eye[0] + self.left_eye[0]) / 2
        middle_y = (self.right_eye[1] + self.left_eye[1]) / 2
        along = ((self.nose_tip[0] - middle_x) * axis_x
                 + (self.nose_tip[1] - middle_y) * axis_y) / distance
        return abs(along) / distance

    @property
    def is_looking_away(self) -> bool:
        return self.nose_offset > LOOKING_AWAY_MIN_OFFSET


@dataclass(frozen=True)
class Face:
    """One face YuNet found: its box clipped to the picture, its landmarks and its score."""

    box: Box
    landmarks: FaceLandmarks
    score: float


@dataclass(frozen=True)
class FrameFindings:
    """What one frame shows. ``landmarks``: those of the face when there is exactly one (what
    ``looking_away`` was judged on), else None."""

    face_count: int
    brightness: float
    contrast: float
    difference: float | None
    cues: tuple[str, ...]
    landmarks: FaceLandmarks | None = None


def use_one_opencv_thread() -> None:
    """Parallelism is the analysis worker count; OpenCV must not add its own thread pool."""
    cv2.setNumThreads(1)


def load_face_detector(model: Path | None = None) -> FaceDetector:
    """A new YuNet detector (they are not thread-safe: one per thread)."""
    path = MODEL_PATH if model is None else model
    detector = None
    if path.is_file():
        try:
            detector = cv2.FaceDetectorYN.create(
                str(path), "", (ANALYSIS_MIN_WIDTH, ANALYSIS_MIN_WIDTH * 3 // 4),
                FACE_SCORE_THRESHOLD, FACE_NMS_THRESHOLD, FACE_TOP_K,
            )
        except cv2.error:
            detector = None
    if detector is None:
        raise AnalysisUnavailable(
            f"the face model {path} is missing or unreadable; reinstall proctor-console "
            "(the model ships in resources/models/yunet/) to turn frame analysis on."
        )
    return detector


def decode_frame(data: bytes | npt.NDArray[np.uint8], width: int) -> DecodedFrame | None:
    """Decode a stored JPEG (``width`` pixels wide) in colour at the coarsest libjpeg scale that
    keeps it at least ``ANALYSIS_MIN_WIDTH`` wide, with its gray copy; None when it cannot be
    decoded."""
    buffer = np.frombuffer(data, np.uint8) if isinstance(data, bytes) else data
    mode = next(m for factor, m in REDUCED_COLOUR_MODES if width // factor >= ANALYSIS_MIN_WIDTH
                or factor == 1)
    colour = cv2.imdecode(buffer, mode)
    if colour is None or not colour.size:
        return None
    return DecodedFrame(colour, cv2.cvtColor(colour, cv2.COLOR_BGR2GRAY))


def read_frame(path: Path, width: int) -> DecodedFrame | None:
    """``decode_frame`` of the JPEG file at ``path``."""
    return decode_frame(np.fromfile(path, np.uint8), width)


def small_copy(frame: DecodedFrame) -> Picture:
    """The 160x120 gray copy compared between frames for ``frozen``."""
    return cv2.resize(frame.gray, FROZEN_SIZE, interpolation=cv2.INTER_AREA)


def detect_faces(frame: DecodedFrame, detector: FaceDetector) -> list[Face]:
    """The faces YuNet finds, with their boxes clipped to the picture and their landmarks."""
    height, width = frame.colour.shape[:2]
    if tuple(detector.getInputSize()) != (width, height):
        detector.setInputSize((width, height))
    # One row per face: box, five landmarks, score. None when there is none (the stubs omit it).
    detected: tuple[int, Picture | None] = detector.detect(frame.colour)
    rows = detected[1]
    if rows is None:
        return []
    faces = []
    for row in rows:
        left, top = max(0, int(row[0])), max(0, int(row[1]))
        right = min(width, int(row[0] + row[2]))
        bottom = min(height, int(row[1] + row[3]))
        if right > left and bottom > top:
            points = [(float(row[i]), float(row[i + 1])) for i in range(4, 14, 2)]
            faces.append(Face((left, top, right - left, bottom - top),
                              FaceLandmarks(*points), float(row[14])))
    return faces


def face_boxes(frame: DecodedFrame, detector: FaceDetector) -> list[Box]:
    """The faces YuNet finds, as (x, y, width, height) boxes clipped to the picture."""
    return [face.box for face in detect_faces(frame, detector)]


def count_faces(frame: DecodedFrame, detector: FaceDetector) -> int:
    return len(face_boxes(frame, detector))


def _has_lit_face(gray: Picture, boxes: list[Box]) -> bool:
    return any(float(gray[y:y + h, x:x + w].mean()) >= LIT_FACE_MIN_BRIGHTNESS
               for x, y, w, h in boxes)


def inspect_frame(
    frame: DecodedFrame, detector: FaceDetector, previous_small: Picture | None = None,
    small: Picture | None = None,
) -> FrameFindings:
    """The face count and cues of one decoded frame (see the module docstring for the rules).
    ``small``: the frame's ``small_copy`` when the caller has made it already (it keeps it)."""
    mean, stddev = cv2.meanStdDev(frame.gray)
    brightness, contrast = float(mean[0][0]), float(stddev[0][0])
    if contrast < BLOCKED_MAX_CONTRAST:
        return FrameFindings(0, brightness, contrast, None, (CAMERA_BLOCKED,))
    difference = None
    if previous_small is not None:
        own_small = small_copy(frame) if small is None else small
        difference = float(cv2.absdiff(own_small, previous_small).mean())
    found = detect_faces(frame, detector)
    faces = len(found)
    is_dark = (brightness < DARK_MAX_BRIGHTNESS
               and not _has_lit_face(frame.gray, [face.box for face in found]))
    landmarks = found[0].landmarks if faces == 1 else None
    cues: list[str] = []
    if difference is not None and difference < FROZEN_MAX_DIFFERENCE:
        cues.append(FROZEN)
    if is_dark:
        cues.append(TOO_DARK)
    elif faces == 0:
        cues.append(NO_FACE)
    if faces >= 2:
        cues.append(MULTIPLE_FACES)
    if landmarks is not None and not is_dark and landmarks.is_looking_away:
        cues.append(LOOKING_AWAY)
    return FrameFindings(faces, brightness, contrast, difference, tuple(cues), landmarks)


# ---- in a worker process ------------------------------------------------------------------------
_PROCESS_DETECTOR: list[FaceDetector] = []


def inspect_file(path: str, width: int,
                 previous_small: Picture | None) -> tuple[FrameFindings, Picture] | None:
    """``read_frame`` + ``inspect_frame`` for a worker process (its own face detector, made on
    its first frame): the findings and the frame's small copy, or None when the file cannot
    be decoded. Everything it takes and gives is small and picklable."""
    if not _PROCESS_DETECTOR:
        use_one_opencv_thread()
        _PROCESS_DETECTOR.append(load_face_detector())
    frame = read_frame(Path(path), width)
    if frame is None:
        return None
    small = small_copy(frame)
    return inspect_frame(frame, _PROCESS_DETECTOR[0], previous_small, small), small

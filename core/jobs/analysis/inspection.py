"""What one frame shows: OpenCV looks at a stored JPEG. The only module in core that imports
OpenCV (cv2); import-linter holds it to that (pyproject.toml).

The stored JPEG is decoded in gray at reduced size (libjpeg DCT scaling, about 320x240 for a
640x480 snapshot). On that picture:

- ``camera_blocked``: the picture is nearly uniform (gray-level standard deviation below
  ``BLOCKED_MAX_CONTRAST``): a hand, tape or a closed lid over the lens. No face count is
  attempted (it is 0) and the other cues are not looked for.
- ``too_dark``: mean brightness below ``DARK_MAX_BRIGHTNESS`` (of 255).
- ``frozen``: practically the same picture as the session's previous frame (mean absolute
  difference of 160x120 gray copies below ``FROZEN_MAX_DIFFERENCE``): a stuck camera driver
  or a still image fed to a virtual camera. Real sensors add noise, so two real frames of a
  perfectly still room still differ by more than that.
- faces: OpenCV's bundled frontal-face Haar cascade; a detection counts as a face when the
  cascade's final-stage score reaches ``MIN_FACE_SCORE`` (this drops the weak extra boxes
  the cascade finds on collars and patterned clothes). Faces smaller than about 60 pixels
  in the 640x480 snapshot are not found. ``no_face`` when none is found (not reported on a
  too-dark frame, where the darkness is the finding); ``multiple_faces`` when two or more.

Whether a cue becomes an event is not decided here: see core/domain/episodes.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import cv2
import numpy as np
import numpy.typing as npt

from core.domain.episodes import CAMERA_BLOCKED, FROZEN, MULTIPLE_FACES, NO_FACE, TOO_DARK

#: A decoded gray picture.
Gray: TypeAlias = cv2.typing.MatLike
#: A face detector; they are not thread-safe: one per thread.
FaceCascade: TypeAlias = cv2.CascadeClassifier

CASCADE_FILE = "haarcascade_frontalface_default.xml"

#: Decode so that the gray picture is at least this wide (libjpeg scales by 1/2, 1/4 or 1/8).
ANALYSIS_MIN_WIDTH = 320
REDUCED_GRAY_MODES = (
    (8, cv2.IMREAD_REDUCED_GRAYSCALE_8),
    (4, cv2.IMREAD_REDUCED_GRAYSCALE_4),
    (2, cv2.IMREAD_REDUCED_GRAYSCALE_2),
    (1, cv2.IMREAD_GRAYSCALE),
)
#: Haar detection on the reduced gray picture (about 320x240).
FACE_SCALE_FACTOR = 1.15
FACE_MIN_NEIGHBORS = 5
FACE_MIN_SIZE = (30, 30)
MIN_FACE_SCORE = 2.5
#: Image cues, on 0-255 gray levels.
BLOCKED_MAX_CONTRAST = 6.0
DARK_MAX_BRIGHTNESS = 40.0
FROZEN_SIZE = (160, 120)
FROZEN_MAX_DIFFERENCE = 0.2


class AnalysisUnavailable(RuntimeError):
    """OpenCV is there but cannot analyse frames (e.g. its face model is missing)."""


@dataclass(frozen=True)
class FrameFindings:
    """What one frame shows."""

    face_count: int
    brightness: float
    contrast: float
    difference: float | None
    cues: tuple[str, ...]


def use_one_opencv_thread() -> None:
    """Parallelism is the analysis worker count; OpenCV must not add its own thread pool."""
    cv2.setNumThreads(1)


def cascade_path() -> Path:
    return Path(cv2.data.haarcascades) / CASCADE_FILE  # type: ignore[attr-defined]


def load_face_cascade() -> FaceCascade:
    """A new classifier (they are not thread-safe: one per thread)."""
    path = cascade_path()
    classifier = cv2.CascadeClassifier(str(path))
    if classifier.empty():
        raise AnalysisUnavailable(
            f"OpenCV's face model {path} is missing or unreadable; reinstall "
            "opencv-python-headless (4.x) to turn frame analysis on."
        )
    return classifier


def decode_gray(data: bytes | npt.NDArray[np.uint8], width: int) -> Gray | None:
    """Decode a stored JPEG (``width`` pixels wide) in gray at the coarsest libjpeg scale that
    keeps it at least ``ANALYSIS_MIN_WIDTH`` wide; None when it cannot be decoded."""
    buffer = np.frombuffer(data, np.uint8) if isinstance(data, bytes) else data
    mode = next(m for factor, m in REDUCED_GRAY_MODES if width // factor >= ANALYSIS_MIN_WIDTH
                or factor == 1)
    gray = cv2.imdecode(buffer, mode)
    return gray if gray is not None and gray.size else None


def read_gray(path: Path, width: int) -> Gray | None:
    """``decode_gray`` of the JPEG file at ``path``."""
    return decode_gray(np.fromfile(path, np.uint8), width)


def small_copy(gray: Gray) -> Gray:
    """The 160x120 copy compared between frames for ``frozen``."""
    return cv2.resize(gray, FROZEN_SIZE, interpolation=cv2.INTER_AREA)


def count_faces(gray: Gray, cascade: FaceCascade) -> int:
    boxes, _levels, scores = cascade.detectMultiScale3(
        gray, FACE_SCALE_FACTOR, FACE_MIN_NEIGHBORS, minSize=FACE_MIN_SIZE,
        outputRejectLevels=True,
    )
    if len(boxes) == 0:
        return 0
    return int(np.count_nonzero(np.ravel(scores) >= MIN_FACE_SCORE))


def inspect_frame(
    gray: Gray, cascade: FaceCascade, previous_small: Gray | None = None
) -> FrameFindings:
    """The face count and cues of one gray frame (see the module docstring for the rules)."""
    mean, stddev = cv2.meanStdDev(gray)
    brightness, contrast = float(mean[0][0]), float(stddev[0][0])
    if contrast < BLOCKED_MAX_CONTRAST:
        return FrameFindings(0, brightness, contrast, None, (CAMERA_BLOCKED,))
    difference = None
    if previous_small is not None:
        difference = float(cv2.absdiff(small_copy(gray), previous_small).mean())
    is_dark = brightness < DARK_MAX_BRIGHTNESS
    faces = count_faces(gray, cascade)
    cues: list[str] = []
    if difference is not None and difference < FROZEN_MAX_DIFFERENCE:
        cues.append(FROZEN)
    if is_dark:
        cues.append(TOO_DARK)
    elif faces == 0:
        cues.append(NO_FACE)
    if faces >= 2:
        cues.append(MULTIPLE_FACES)
    return FrameFindings(faces, brightness, contrast, difference, tuple(cues))

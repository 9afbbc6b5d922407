"""Benchmark: how well frame analysis counts faces on real photos, old detector against new.

    python3 tests/benchmarks/faces.py [--save DIR] [--list-misses] [--sweep]

The frames are webcam-like 640x480 JPEGs made from the lawfully licensed photos listed in
tests/benchmarks/faces/manifest.json (see faces_frames.py for the variants and the categories).
Every frame goes, in one run, through:

- **haar**: the frontal-face Haar cascade frame analysis used before YuNet, reproduced exactly as
  it was (reduced gray decode, ``detectMultiScale3`` with scale 1.15, 5 neighbours, 30x30 minimum,
  final-stage score at least 2.5; the too-dark rule on mean brightness only), with the cascade
  file from the installed OpenCV;
- **yunet**: the product's own frame analysis (``core.jobs.analysis``: ``decode_frame`` and
  ``inspect_frame`` with the shipped YuNet model).

Printed per detector and per category: the share of frames whose face count is exactly right;
false "multiple faces" (the cue on a frame with fewer than two people); false "no face" (no face
counted on a frame with someone in view: the ``no_face`` cue, or ``too_dark`` with no face
found); empty rooms read right (no face counted); milliseconds per frame (decode included). The
aim for the new analysis: 97% exact, no false "multiple faces", every empty room right.

It also measures the "looking away" rule on YuNet's five landmarks: how far the nose tip lies off
the middle of the eyes, along the eye line, in eye distances (0 for a face looking straight at the
camera; ``FaceLandmarks.nose_offset``). Printed: how often each threshold flags a frame of each
category where YuNet found exactly one face, and how often the product's own ``looking_away`` cue
is on those frames (at ``LOOKING_AWAY_MIN_OFFSET``, and never on a too-dark frame).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.jobs.analysis import decode_frame, inspect_frame, load_face_detector  # noqa: E402
from core.jobs.analysis.inspection import (  # noqa: E402
    LOOKING_AWAY_MIN_OFFSET,
    MODEL_PATH,
    detect_faces,
)
from tests.benchmarks.faces_frames import CATEGORIES, Frame, frames  # noqa: E402

# ---- the old Haar analysis, as it was before YuNet -----------------------------------------
HAAR_CASCADE_FILE = "haarcascade_frontalface_default.xml"
HAAR_MIN_WIDTH = 320
HAAR_REDUCED_GRAY_MODES = (
    (8, cv2.IMREAD_REDUCED_GRAYSCALE_8),
    (4, cv2.IMREAD_REDUCED_GRAYSCALE_4),
    (2, cv2.IMREAD_REDUCED_GRAYSCALE_2),
    (1, cv2.IMREAD_GRAYSCALE),
)
HAAR_SCALE_FACTOR = 1.15
HAAR_MIN_NEIGHBORS = 5
HAAR_MIN_SIZE = (30, 30)
HAAR_MIN_FACE_SCORE = 2.5
BLOCKED_MAX_CONTRAST = 6.0
DARK_MAX_BRIGHTNESS = 40.0


def haar_cascade() -> cv2.CascadeClassifier:
    path = Path(cv2.data.haarcascades) / HAAR_CASCADE_FILE  # type: ignore[attr-defined]
    cascade = cv2.CascadeClassifier(str(path))
    if cascade.empty():
        raise SystemExit(f"OpenCV's {path} is missing: the old analysis cannot be reproduced.")
    return cascade


def haar_inspect(jpeg: bytes, cascade: cv2.CascadeClassifier) -> tuple[int, tuple[str, ...]]:
    """The old analysis' face count and cues of one 640-wide JPEG (frozen is not looked at)."""
    buffer = np.frombuffer(jpeg, np.uint8)
    mode = next(m for factor, m in HAAR_REDUCED_GRAY_MODES
                if 640 // factor >= HAAR_MIN_WIDTH or factor == 1)
    gray = cv2.imdecode(buffer, mode)
    mean, stddev = cv2.meanStdDev(gray)
    brightness, contrast = float(mean[0][0]), float(stddev[0][0])
    if contrast < BLOCKED_MAX_CONTRAST:
        return 0, ("camera_blocked",)
    boxes, _levels, scores = cascade.detectMultiScale3(
        gray, HAAR_SCALE_FACTOR, HAAR_MIN_NEIGHBORS, minSize=HAAR_MIN_SIZE,
        outputRejectLevels=True,
    )
    faces = 0 if len(boxes) == 0 else int(np.count_nonzero(np.ravel(scores) >= HAAR_MIN_FACE_SCORE))
    cues: list[str] = []
    if brightness < DARK_MAX_BRIGHTNESS:
        cues.append("too_dark")
    elif faces == 0:
        cues.append("no_face")
    if faces >= 2:
        cues.append("multiple_faces")
    return faces, tuple(cues)


# ---- the new analysis, the product's own ----------------------------------------------------
def yunet_inspect(jpeg: bytes, detector: cv2.FaceDetectorYN) -> tuple[int, tuple[str, ...]]:
    frame = decode_frame(jpeg, 640)
    assert frame is not None
    found = inspect_frame(frame, detector)
    return found.face_count, found.cues


def nose_offsets(jpeg: bytes, detector: cv2.FaceDetectorYN) -> list[float]:
    """For each face YuNet finds on the product's decode: the nose tip's distance from the middle
    of the eyes along the eye line, in eye distances (turn-invariant in the picture's plane)."""
    frame = decode_frame(jpeg, 640)
    assert frame is not None
    return [face.landmarks.nose_offset for face in detect_faces(frame, detector)]


# ---- the run ------------------------------------------------------------------------------------
@dataclass
class Tally:
    frames: int = 0
    exact: int = 0
    false_multiple: int = 0
    false_no_face: int = 0
    empty: int = 0
    empty_right: int = 0
    seconds: float = 0.0

    def add(self, frame: Frame, faces: int, cues: tuple[str, ...], seconds: float) -> bool:
        self.frames += 1
        self.seconds += seconds
        right = faces == frame.faces
        self.exact += right
        if frame.faces < 2 and "multiple_faces" in cues:
            self.false_multiple += 1
        if frame.faces >= 1 and faces == 0:
            self.false_no_face += 1
        if frame.faces == 0:
            self.empty += 1
            self.empty_right += faces == 0
        return right


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def print_table(tallies: dict[str, dict[str, Tally]]) -> None:
    header = (f"{'detector':8} {'category':8} {'frames':>6} {'exact':>7} {'false multi':>11} "
              f"{'false none':>10} {'empty right':>11} {'ms/frame':>8}")
    print(header)
    print("-" * len(header))
    for detector, by_category in tallies.items():
        total = Tally()
        for category in (*CATEGORIES, "all"):
            tally = by_category.get(category) if category != "all" else total
            if tally is None or not tally.frames:
                continue
            if category != "all":
                for name in vars(total):
                    setattr(total, name, getattr(total, name) + getattr(tally, name))
            empty = (f"{tally.empty_right}/{tally.empty}" if tally.empty else "-")
            exact = percent(tally.exact, tally.frames)
            print(f"{detector:8} {category:8} {tally.frames:6d} {exact:>7} "
                  f"{tally.false_multiple:11d} {tally.false_no_face:10d} {empty:>11} "
                  f"{1000 * tally.seconds / tally.frames:8.1f}")
        print()


def print_cue(offsets: dict[str, list[float]], cued: dict[str, int],
              thresholds: tuple[float, ...]) -> None:
    print("Looking-away rule: nose tip off the eyes' middle by more than T eye distances, on "
          "frames where YuNet found exactly one face;\nthe product's looking_away cue (T="
          f"{LOOKING_AWAY_MIN_OFFSET}, not on too-dark frames) on the same frames")
    columns = " ".join(f"T={t:<5}" for t in thresholds)
    print(f"{'category':8} {'frames':>6} {'median':>6} {columns} {'cue':>7}")
    for category in CATEGORIES:
        values = offsets.get(category, [])
        if not values:
            continue
        flags = " ".join(f"{percent(sum(v > t for v in values), len(values)):>7}"
                         for t in thresholds)
        cue = f"{cued.get(category, 0)}/{len(values)}"
        print(f"{category:8} {len(values):6d} {statistics.median(values):6.2f} {flags} {cue:>7}")


def sweep(all_frames: list[Frame]) -> None:
    """YuNet's counting with other score thresholds and decode sizes than the product's: the
    figures behind a tuning decision (the product's own setting is marked *)."""
    from core.jobs.analysis import inspection

    print("YuNet settings (product's *): exact, false multiple, false none, empty right, ms/frame")
    product = (inspection.FACE_SCORE_THRESHOLD, inspection.ANALYSIS_MIN_WIDTH)
    for min_width in (320, 640):
        for score in (0.5, 0.6, 0.7, 0.8):
            detector = cv2.FaceDetectorYN.create(str(MODEL_PATH), "", (min_width, min_width),
                                                 score, inspection.FACE_NMS_THRESHOLD,
                                                 inspection.FACE_TOP_K)
            saved = inspection.ANALYSIS_MIN_WIDTH
            inspection.ANALYSIS_MIN_WIDTH = min_width
            try:
                tally = Tally()
                for frame in all_frames:
                    started = time.perf_counter()
                    faces, cues = yunet_inspect(frame.jpeg, detector)
                    tally.add(frame, faces, cues, time.perf_counter() - started)
            finally:
                inspection.ANALYSIS_MIN_WIDTH = saved
            mark = "*" if (score, min_width) == product else " "
            print(f"{mark} decode >= {min_width:3d} px, score {score:.1f}: "
                  f"{percent(tally.exact, tally.frames)} {tally.false_multiple:3d} "
                  f"{tally.false_no_face:3d} {tally.empty_right}/{tally.empty} "
                  f"{1000 * tally.seconds / tally.frames:5.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", type=Path, help="write every frame to this folder")
    parser.add_argument("--sweep", action="store_true",
                        help="also count with other YuNet score thresholds and decode sizes")
    parser.add_argument("--list-misses", action="store_true",
                        help="name each frame a detector counts wrong")
    args = parser.parse_args()
    cv2.setNumThreads(1)
    placer = cv2.FaceDetectorYN.create(str(MODEL_PATH), "", (320, 320), 0.7, 0.3, 50)
    all_frames = list(frames(placer))
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for number, frame in enumerate(all_frames):
            safe = frame.name.replace(":", "_").replace("+", "_and_")
            (args.save / f"{number:03d}-{frame.category}-{safe}.jpg").write_bytes(frame.jpeg)
    cascade = haar_cascade()
    detector = load_face_detector()
    landmarks = load_face_detector()
    tallies: dict[str, dict[str, Tally]] = {"haar": defaultdict(Tally), "yunet": defaultdict(Tally)}
    offsets: dict[str, list[float]] = defaultdict(list)
    cued: dict[str, int] = defaultdict(int)
    misses: list[str] = []
    for frame in all_frames:
        for name, inspect in (("haar", lambda j: haar_inspect(j, cascade)),
                              ("yunet", lambda j: yunet_inspect(j, detector))):
            started = time.perf_counter()
            faces, cues = inspect(frame.jpeg)
            seconds = time.perf_counter() - started
            if name == "yunet" and faces == 1 and frame.faces == 1:
                cued[frame.category] += "looking_away" in cues
            if not tallies[name][frame.category].add(frame, faces, cues, seconds):
                misses.append(f"{name:6} {frame.category:8} {frame.name}: {faces} "
                              f"(expected {frame.faces}) {','.join(cues)}")
        found = nose_offsets(frame.jpeg, landmarks)
        if len(found) == 1 and frame.faces == 1:
            offsets[frame.category].append(found[0])
    print(f"{len(all_frames)} frames from {len({f.name.split(':')[0] for f in all_frames})} "
          f"photos and combinations (OpenCV {cv2.__version__})\n")
    print_table(tallies)
    print_cue(offsets, cued, (0.15, 0.2, 0.25, 0.3, 0.35, 0.4))
    if args.sweep:
        print()
        sweep(all_frames)
    if args.list_misses:
        print("\nMisses:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

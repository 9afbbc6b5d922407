"""SyntheticFrameSource: a generated moving test picture for demos and tests.

By default the picture is a person at a desk: one of the small CC0 photos shipped in
``resources/demo_frames`` (the demo's first candidate), which the core's face
detector reads as exactly one face. The person sways a little and the picture carries sensor
noise, the wall-clock time and a frame counter, so consecutive snapshots differ (identical frames
read as a frozen camera). When that photo cannot be read, or when a ``face`` picture (BGR array)
is given, a calm gradient with a head-and-shoulders outline is drawn instead (``problem`` then
says why the photo is missing). Cheap enough to run at preview rate (about 1 ms a frame).
"""

from __future__ import annotations

import math
import time
from datetime import datetime

import cv2
import numpy as np

from console.kiosk.camera.frame_source import CameraUnavailable, FrameSource
from resources import path as resource_path

#: The picture of a calm candidate (see resources/demo_frames/SOURCE.md and manifest.json).
PERSON_PICTURE = resource_path("demo_frames", "person-01.jpg")
#: Sensor noise: a few precomputed tiles of +-NOISE_LEVEL gray levels, cycled frame by frame.
NOISE_LEVEL = 6
NOISE_TILES = 4


class SyntheticFrameSource(FrameSource):
    description = "synthetic test picture"

    def __init__(self, width: int = 640, height: int = 480, face: np.ndarray | None = None,
                 label: str = "SYNTHETIC TEST CAMERA") -> None:
        if width < 64 or height < 48:
            raise ValueError("A synthetic picture needs at least 64x48 pixels.")
        self.width = width
        self.height = height
        self.face = face
        self.label = label
        self.frames_read = 0
        self.problem: str | None = None
        self._background: np.ndarray | None = None
        self._person: np.ndarray | None = None
        self._noise: list[tuple[np.ndarray, np.ndarray]] = []
        self._opened_monotonic = 0.0

    def open(self) -> None:
        if self.face is not None and (self.face.ndim != 3 or self.face.shape[2] != 3):
            raise CameraUnavailable("The face picture for the synthetic camera must be BGR.")
        self._person = None if self.face is not None else self._load_person()
        self._background = self._make_background()
        self._noise = self._make_noise()
        self._opened_monotonic = time.monotonic()

    def read(self) -> np.ndarray | None:
        if self._background is None:
            return None
        elapsed = time.monotonic() - self._opened_monotonic
        w, h = self.width, self.height
        if self._person is not None:
            frame = self._person_frame(elapsed)
        else:
            shift = int(elapsed * 24) % w
            frame = np.ascontiguousarray(self._background[:, shift:shift + w])
            # A drifting soft light, so every frame differs a little.
            cx = int(w * (0.5 + 0.38 * math.sin(elapsed * 0.6)))
            cy = int(h * (0.16 + 0.03 * math.cos(elapsed * 0.9)))
            cv2.circle(frame, (cx, cy), h // 16, (190, 200, 210), -1, cv2.LINE_AA)
            self._draw_person(frame, elapsed)
        self.frames_read += 1
        stamp = datetime.now().strftime("%H:%M:%S")
        scale = h / 480
        cv2.putText(frame, stamp, (int(20 * scale), h - int(24 * scale)),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.3 * scale, (245, 245, 245), max(1, int(2 * scale)),
                    cv2.LINE_AA)
        cv2.putText(frame, f"{self.label}  #{self.frames_read}", (int(20 * scale), int(34 * scale)),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.6 * scale, (225, 230, 235), 1, cv2.LINE_AA)
        return frame

    def close(self) -> None:
        self._background = None
        self._person = None
        self._noise = []

    # ---- the photo of a person ------------------------------------------------------------------
    def _sway_margin(self) -> int:
        return max(2, self.width // 50)

    def _load_person(self) -> np.ndarray | None:
        """The person photo enlarged by the sway margin on each side; None (and ``problem``
        set) when it cannot be read."""
        picture = cv2.imread(str(PERSON_PICTURE), cv2.IMREAD_COLOR)
        if picture is None:
            self.problem = (f"The synthetic camera's picture {PERSON_PICTURE} cannot be read; "
                            "it shows an outline, which frame analysis reads as no face.")
            return None
        margin = self._sway_margin()
        return cv2.resize(picture, (self.width + 2 * margin, self.height + 2 * margin),
                          interpolation=cv2.INTER_CUBIC)

    def _person_frame(self, elapsed: float) -> np.ndarray:
        assert self._person is not None
        margin = self._sway_margin()
        dx = margin + int((margin - 1) * math.sin(elapsed * 0.8))
        dy = margin + int((margin // 2) * math.cos(elapsed * 0.5))
        frame = np.ascontiguousarray(self._person[dy:dy + self.height, dx:dx + self.width])
        if self._noise:
            plus, minus = self._noise[self.frames_read % len(self._noise)]
            cv2.add(frame, plus, dst=frame)
            cv2.subtract(frame, minus, dst=frame)
        return frame

    def _make_noise(self) -> list[tuple[np.ndarray, np.ndarray]]:
        rng = np.random.default_rng()
        tiles = []
        for _ in range(NOISE_TILES):
            noise = rng.integers(-NOISE_LEVEL, NOISE_LEVEL + 1, (self.height, self.width, 3))
            tiles.append((np.clip(noise, 0, None).astype(np.uint8),
                          np.clip(-noise, 0, None).astype(np.uint8)))
        return tiles

    # ---- drawing -------------------------------------------------------------------------------
    def _make_background(self) -> np.ndarray:
        """Twice as wide as the frame, seamless, so a moving window over it is a cheap slice."""
        w, h = self.width, self.height
        xs = np.linspace(0, 2 * math.pi, w, endpoint=False)
        wave = (np.sin(xs) * 0.5 + 0.5)[None, :]
        ys = np.linspace(0, 1, h)[:, None]
        blue = 120 + 50 * wave - 30 * ys
        green = 95 + 30 * wave - 25 * ys
        red = 70 + 20 * wave - 20 * ys
        tile = np.stack([blue, green, red], axis=2).clip(0, 255).astype(np.uint8)
        return np.concatenate([tile, tile], axis=1)

    def _draw_person(self, frame: np.ndarray, elapsed: float) -> None:
        w, h = self.width, self.height
        sway = int(w * 0.02 * math.sin(elapsed * 0.8))
        head = (w // 2 + sway, int(h * 0.5))
        axes = (int(h * 0.13), int(h * 0.17))
        shoulders = (w // 2 + sway, int(h * 1.06))
        cv2.ellipse(frame, shoulders, (int(w * 0.3), int(h * 0.33)), 0, 180, 360,
                    (88, 74, 60), -1, cv2.LINE_AA)
        neck_w = int(h * 0.07)
        cv2.rectangle(frame, (head[0] - neck_w, int(h * 0.6)), (head[0] + neck_w, int(h * 0.76)),
                      (130, 150, 180), -1)
        if self.face is None:
            cv2.ellipse(frame, head, axes, 0, 0, 360, (150, 170, 200), -1, cv2.LINE_AA)
            return
        fh, fw = axes[1] * 2, axes[0] * 2
        face = cv2.resize(self.face, (fw, fh), interpolation=cv2.INTER_AREA)
        top, left = head[1] - fh // 2, head[0] - fw // 2
        if top >= 0 and left >= 0 and top + fh <= h and left + fw <= w:
            frame[top:top + fh, left:left + fw] = face

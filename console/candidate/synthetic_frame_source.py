"""SyntheticFrameSource: a generated moving test picture for demos and tests.

A calm gradient with a drifting light, a head-and-shoulders outline, the wall-clock time and a
frame counter, so consecutive snapshots visibly differ. A face picture (BGR array) may be laid
over the outline by a demo. Cheap enough to run at preview rate (about 1 ms a frame).
"""

from __future__ import annotations

import math
import time
from datetime import datetime

import cv2
import numpy as np

from console.candidate.frame_source import CameraUnavailable, FrameSource


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
        self._background: np.ndarray | None = None
        self._opened_monotonic = 0.0

    def open(self) -> None:
        if self.face is not None and (self.face.ndim != 3 or self.face.shape[2] != 3):
            raise CameraUnavailable("The face picture for the synthetic camera must be BGR.")
        self._background = self._make_background()
        self._opened_monotonic = time.monotonic()

    def read(self) -> np.ndarray | None:
        if self._background is None:
            return None
        elapsed = time.monotonic() - self._opened_monotonic
        shift = int(elapsed * 24) % self.width
        frame = np.ascontiguousarray(self._background[:, shift:shift + self.width])
        w, h = self.width, self.height
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

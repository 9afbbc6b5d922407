"""DemoFrames: 640x480 webcam-like JPEG frames for simulated kiosks.

The pictures are the small public-domain photos shipped in ``resources/demo_frames`` (see the
SOURCE.md there): calm frames that the core's face detector reads as one face, a frame with a
second person, and a frame with nobody in view. Each frame is the picture enlarged to 640x480,
swaying a few pixels, with sensor noise and a frame counter, so no two frames are identical (the
analysis reads identical frames as a frozen camera).

When the pictures cannot be read, frames are a plain room and ``problem`` says why in a sentence
that the demo shows on screen.
"""

from __future__ import annotations

import io
import math
import random
from enum import StrEnum

import numpy as np
from PIL import Image, ImageDraw, UnidentifiedImageError

from resources import path as resource_path

WIDTH, HEIGHT = 640, 480
#: Sensor noise (standard deviation, of 255): a real webcam never sends two identical frames,
#: and frame analysis reads identical frames as a frozen camera.
SENSOR_NOISE = 3.0
#: How far (pixels) the picture sways left/right and up/down: a person is never perfectly still.
SWAY = 12
FRAMES_DIR = resource_path("demo_frames")
CALM_PICTURES = ("calm-1.jpg", "calm-2.jpg", "calm-3.jpg")
SECOND_PERSON_PICTURE = "second-person.jpg"
NOBODY_PICTURE = "away.jpg"


class Scene(StrEnum):
    ONE_PERSON = "one"
    NOBODY = "none"
    TWO_PEOPLE = "two"
    DARK = "dark"


def calm_picture_for(seed: int) -> str:
    """The calm picture a kiosk shows (kiosks take turns, so neighbours differ)."""
    return CALM_PICTURES[seed % len(CALM_PICTURES)]


def _load(name: str) -> Image.Image:
    """The picture enlarged by the sway margin on each side, ready to be cropped to 640x480."""
    with Image.open(FRAMES_DIR / name) as picture:
        picture.load()
        return picture.convert("RGB").resize((WIDTH + 2 * SWAY, HEIGHT + 2 * SWAY),
                                             Image.Resampling.BICUBIC)


class DemoFrames:
    def __init__(self, seed: int = 0) -> None:
        self._rng = random.Random(seed)
        self._noise = np.random.default_rng(seed)
        self.problem: str | None = None
        self._pictures: dict[Scene, Image.Image] = {}
        try:
            self._pictures = {
                Scene.ONE_PERSON: _load(calm_picture_for(seed)),
                Scene.TWO_PEOPLE: _load(SECOND_PERSON_PICTURE),
                Scene.NOBODY: _load(NOBODY_PICTURE),
            }
        except (OSError, UnidentifiedImageError) as exc:
            self.problem = (f"The demo's camera pictures in {FRAMES_DIR} cannot be read ({exc}); "
                            "the simulated kiosks send an empty room, so every candidate will "
                            "read as 'No face'. Reinstall Proctor Console to restore them.")
            self._pictures = {}
        hue = self._rng.randrange(60, 140)
        self._room = Image.new("RGB", (WIDTH + 2 * SWAY, HEIGHT + 2 * SWAY),
                               (hue, hue + 10, hue + 25))

    @property
    def has_faces(self) -> bool:
        return self.problem is None

    def frame(self, scene: Scene, tick: int = 0) -> bytes:
        if scene is Scene.DARK:
            source = self._pictures.get(Scene.ONE_PERSON, self._room)
            source = Image.eval(source, lambda v: v // 12)
        else:
            source = self._pictures.get(scene, self._room)
        dx, dy = self._sway(tick)
        image = source.crop((SWAY + dx, SWAY + dy, SWAY + dx + WIDTH, SWAY + dy + HEIGHT))
        image = self._with_sensor_noise(image)
        self._stamp(image, tick)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82)
        return buffer.getvalue()

    def _sway(self, tick: int) -> tuple[int, int]:
        dx = int((SWAY - 3) * math.sin(tick / 2.0)) + self._rng.randrange(-3, 4)
        dy = int(4 * math.cos(tick / 3.0)) + self._rng.randrange(-2, 3)
        return max(-SWAY, min(SWAY, dx)), max(-SWAY, min(SWAY, dy))

    def _with_sensor_noise(self, image: Image.Image) -> Image.Image:
        pixels = np.asarray(image, dtype=np.float32)
        pixels = pixels + self._noise.normal(0.0, SENSOR_NOISE, pixels.shape)
        return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))

    @staticmethod
    def _stamp(image: Image.Image, tick: int) -> None:
        draw = ImageDraw.Draw(image)
        draw.rectangle((8, 8, 150, 28), fill=(0, 0, 0))
        draw.text((14, 12), f"DEMO CAM  #{tick:04d}", fill=(255, 255, 255))

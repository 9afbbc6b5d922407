"""DemoFrames: 640x480 webcam-like JPEG frames for simulated kiosks.

The pictures are the small CC0 and public-domain photos shipped in ``resources/demo_frames``
(see the SOURCE.md and manifest.json there): twelve different people, each read by the core's
face detector as one face, a visitor who sits beside a candidate (two faces), and a room with
nobody in view. Each candidate is seen as one person (``person``: candidates seated one after
another get the next picture, so different names show different people until the twelve have
all been seated). Each frame is the picture enlarged to 640x480, swaying a few pixels, with
sensor noise and a frame counter, so no two frames are identical (the analysis reads identical
frames as a frozen camera).

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
PEOPLE_PICTURES = tuple(f"person-{number:02d}.jpg" for number in range(1, 13))
#: The second person who sits down beside a candidate.
VISITOR_PICTURE = "visitor.jpg"
NOBODY_PICTURE = "away.jpg"


class Scene(StrEnum):
    ONE_PERSON = "one"
    NOBODY = "none"
    TWO_PEOPLE = "two"
    DARK = "dark"


def person_picture_for(person: int) -> str:
    """The picture of the ``person``-th candidate seated (0, 1, ...)."""
    return PEOPLE_PICTURES[person % len(PEOPLE_PICTURES)]


def _read(name: str) -> Image.Image:
    with Image.open(FRAMES_DIR / name) as picture:
        picture.load()
        return picture.convert("RGB")


def _enlarged(picture: Image.Image) -> Image.Image:
    """The picture enlarged by the sway margin on each side, ready to be cropped to 640x480."""
    return picture.resize((WIDTH + 2 * SWAY, HEIGHT + 2 * SWAY), Image.Resampling.BICUBIC)


def _side_by_side(left: Image.Image, right: Image.Image) -> Image.Image:
    """The middle halves of two pictures side by side: the candidate and a visitor."""
    width, height = left.size
    half = width // 2
    both = Image.new("RGB", (width, height))
    both.paste(left.crop((half // 2, 0, half // 2 + half, height)), (0, 0))
    right = right.resize((width, height))
    both.paste(right.crop((half // 2, 0, half // 2 + half, height)), (half, 0))
    return both


class DemoFrames:
    def __init__(self, seed: int = 0, person: int | None = None) -> None:
        """Frames of one candidate: the ``person``-th picture (by default the ``seed``-th);
        ``seed`` fixes the sway and the noise."""
        self._rng = random.Random(seed)
        self._noise = np.random.default_rng(seed)
        self.problem: str | None = None
        self.picture = person_picture_for(seed if person is None else person)
        self._pictures: dict[Scene, Image.Image] = {}
        try:
            candidate = _read(self.picture)
            self._pictures = {
                Scene.ONE_PERSON: _enlarged(candidate),
                Scene.TWO_PEOPLE: _enlarged(_side_by_side(candidate, _read(VISITOR_PICTURE))),
                Scene.NOBODY: _enlarged(_read(NOBODY_PICTURE)),
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

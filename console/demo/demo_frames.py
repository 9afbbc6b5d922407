"""DemoFrames: 640x480 webcam-like JPEG frames for simulated kiosks.

With scikit-image installed (it ships the public-domain ``astronaut`` photo), frames hold a real
face that OpenCV's Haar cascade finds: one person, nobody, or two people. Without it, frames are
a synthetic moving pattern and analysis will report no face; the demo says so in its log.
"""

from __future__ import annotations

import io
import math
import random
from enum import StrEnum

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 640, 480
#: Sensor noise (standard deviation, of 255): a real webcam never sends two identical frames,
#: and frame analysis reads identical frames as a frozen camera.
SENSOR_NOISE = 3.0
#: Head and shoulders around the face the cascade finds at (177, 66, 95, 95) in astronaut().
FACE_CROP = (120, 20, 330, 260)


class Scene(StrEnum):
    ONE_PERSON = "one"
    NOBODY = "none"
    TWO_PEOPLE = "two"
    DARK = "dark"


def _load_portrait() -> Image.Image | None:
    try:
        from skimage import data
    except ImportError:
        return None
    return Image.fromarray(data.astronaut()).crop(FACE_CROP)


class DemoFrames:
    def __init__(self, seed: int = 0) -> None:
        self._rng = random.Random(seed)
        self._noise = np.random.default_rng(seed)
        self._portrait = _load_portrait()
        hue = self._rng.randrange(60, 140)
        self._room = self._make_room((hue, hue + 10, hue + 25))

    @property
    def has_faces(self) -> bool:
        return self._portrait is not None

    def frame(self, scene: Scene, tick: int = 0) -> bytes:
        image = self._room.copy()
        if scene is Scene.DARK:
            image = Image.eval(image, lambda v: v // 12)
        elif self._portrait is None:
            self._draw_pattern(image, tick)
        elif scene is Scene.ONE_PERSON:
            self._paste(image, 300, center_x=WIDTH // 2 + self._jitter(tick), top=130)
        elif scene is Scene.TWO_PEOPLE:
            self._paste(image, 250, center_x=185 + self._jitter(tick), top=150)
            self._paste(image, 250, center_x=470 - self._jitter(tick), top=150)
        image = self._with_sensor_noise(image)
        self._stamp(image, tick)
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=82)
        return buffer.getvalue()

    def _with_sensor_noise(self, image: Image.Image) -> Image.Image:
        pixels = np.asarray(image, dtype=np.float32)
        pixels = pixels + self._noise.normal(0.0, SENSOR_NOISE, pixels.shape)
        return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))

    def _jitter(self, tick: int) -> int:
        return int(12 * math.sin(tick / 2.0)) + self._rng.randrange(-3, 4)

    def _paste(self, image: Image.Image, width: int, center_x: int, top: int) -> None:
        assert self._portrait is not None
        height = int(self._portrait.height * width / self._portrait.width)
        person = self._portrait.resize((width, height), Image.Resampling.BILINEAR)
        image.paste(person, (center_x - width // 2, top))

    @staticmethod
    def _make_room(colour: tuple[int, int, int]) -> Image.Image:
        image = Image.new("RGB", (WIDTH, HEIGHT), colour)
        draw = ImageDraw.Draw(image)
        for y in range(HEIGHT):  # a soft wall gradient
            shade = int(40 * y / HEIGHT)
            draw.line([(0, y), (WIDTH, y)], fill=tuple(max(0, c - shade) for c in colour))
        draw.rectangle((0, 400, WIDTH, HEIGHT), fill=(92, 70, 52))  # desk
        draw.rectangle((470, 60, 600, 200), fill=(200, 205, 210), outline=(120, 120, 120), width=4)
        return image.filter(ImageFilter.GaussianBlur(1.2))

    @staticmethod
    def _draw_pattern(image: Image.Image, tick: int) -> None:
        draw = ImageDraw.Draw(image)
        x = 120 + int(200 * (0.5 + 0.5 * math.sin(tick / 3)))
        draw.ellipse((x, 140, x + 160, 320), fill=(230, 190, 160))

    @staticmethod
    def _stamp(image: Image.Image, tick: int) -> None:
        draw = ImageDraw.Draw(image)
        draw.rectangle((8, 8, 150, 28), fill=(0, 0, 0))
        draw.text((14, 12), f"DEMO CAM  #{tick:04d}", fill=(255, 255, 255))

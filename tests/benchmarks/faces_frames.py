"""Webcam-like frames for the face accuracy benchmark, made from the real photos listed in
tests/benchmarks/faces/manifest.json.

Every frame is a 640x480 JPEG (quality 80 unless a variant says otherwise) with sensor noise, as
a kiosk uploads it. From each photo the same seven variants are made: the photo cut to 4:3 as a
close webcam sees it; the person further away (the photo at 60% height on a plain wall); brighter;
dimmer; turned 12 degrees; noisier at JPEG quality 60; the person off to one side (mirrored);
a photo of several people is not cut aside or shrunk.
The categories of the benchmark come from the photos' own categories, and three more are made
from the frontal photos:

- ``masked``: no real photo of a masked face with a licence we could state was found, so a
  surgical-mask-like shape is drawn over nose-tip-to-chin (its place is taken from YuNet's
  landmarks on the full-size photo, then drawn; the benchmark reads the masked frame afresh);
- ``dark``: the frame at about a third of its brightness with more noise (a dim room);
- ``two``: besides the real two-person photo, two and three frontal photos side by side (a
  second person beside the candidate), and each photo's own variants.

The frames are made afresh on each run with fixed seeds, so every run measures the same frames;
``python3 tests/benchmarks/faces.py --save DIR`` writes them out to look at.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageOps

HERE = Path(__file__).resolve().parent / "faces"
MANIFEST = HERE / "manifest.json"
PHOTOS = HERE / "photos"
WIDTH, HEIGHT = 640, 480
CATEGORIES = ("frontal", "turned", "down", "masked", "glasses", "dark", "two", "empty")
VARIANTS = ("webcam", "far", "brighter", "dimmer", "turned12", "noisy", "aside")


@dataclass(frozen=True)
class Frame:
    name: str  # photo file and variant
    category: str
    faces: int  # the expected face count
    jpeg: bytes


def manifest() -> list[dict[str, object]]:
    photos: list[dict[str, object]] = json.loads(MANIFEST.read_text(encoding="utf-8"))["photos"]
    return photos


def load(name: str) -> Image.Image:
    with Image.open(PHOTOS / name) as picture:
        return picture.convert("RGB")


# ---- the variants ------------------------------------------------------------------------------
def _webcam_cut(photo: Image.Image, top: float = 0.08) -> Image.Image:
    """The photo cut to 4:3 (full width, a little below the top) and sized to 640x480."""
    w, h = photo.size
    cut_h = min(h, round(w * 3 / 4))
    y = min(h - cut_h, round(h * top))
    return photo.crop((0, y, w, y + cut_h)).resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)


def _wall(photo: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A plain wall in the photo's top-row colour, lit from one side."""
    top = np.asarray(photo)[:4].reshape(-1, 3).mean(axis=0)
    light = np.linspace(0.85, 1.1, WIDTH)[None, :, None]
    pixels = np.clip(top[None, None, :] * light + rng.normal(0, 2, (HEIGHT, WIDTH, 3)), 0, 255)
    return Image.fromarray(pixels.astype(np.uint8))


def _far(photo: Image.Image, rng: np.random.Generator) -> Image.Image:
    """The person further from the camera: the photo at 60% of the frame's height, at the bottom
    of a plain wall, as a head and shoulders above a desk."""
    canvas = _wall(photo, rng)
    side = round(HEIGHT * 0.6)
    small = photo.resize((side * photo.width // photo.height, side), Image.Resampling.LANCZOS)
    # Soft edges, so the pasted square is no hard frame around the face.
    mask = Image.new("L", small.size, 0)
    ImageDraw.Draw(mask).rectangle((8, 8, small.width - 8, small.height), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(6))
    x = (WIDTH - small.width) // 2 + int(rng.integers(-60, 61))
    canvas.paste(small, (x, HEIGHT - small.height), mask)
    return canvas


def _turned(picture: Image.Image, degrees: float) -> Image.Image:
    array = cv2.copyMakeBorder(np.asarray(picture), 80, 80, 80, 80, cv2.BORDER_REFLECT)
    big = Image.fromarray(array).rotate(degrees, resample=Image.Resampling.BICUBIC)
    return big.crop((80, 80, 80 + picture.width, 80 + picture.height))


def _aside(photo: Image.Image) -> Image.Image:
    """The person off to one side: the 4:3 cut, enlarged 1.25x, its right part kept, mirrored."""
    cut = _webcam_cut(photo).resize((800, 600), Image.Resampling.LANCZOS)
    return ImageOps.mirror(cut.crop((160, 40, 800, 520)))


def variant(photo: Image.Image, name: str, rng: np.random.Generator) -> tuple[Image.Image, int]:
    """One variant of a photo as a 640x480 picture, and its JPEG quality."""
    if name == "webcam":
        return _webcam_cut(photo), 80
    if name == "far":
        return _far(photo, rng), 80
    if name == "brighter":
        return ImageEnhance.Brightness(_webcam_cut(photo)).enhance(1.3), 80
    if name == "dimmer":
        return ImageEnhance.Brightness(_webcam_cut(photo)).enhance(0.7), 80
    if name == "turned12":
        return _turned(_webcam_cut(photo), 12 if rng.random() < 0.5 else -12), 80
    if name == "noisy":
        return _webcam_cut(photo), 60
    if name == "aside":
        return _aside(photo), 80
    raise ValueError(name)


def to_jpeg(picture: Image.Image, quality: int, rng: np.random.Generator,
            noise: float = 3.0) -> bytes:
    pixels = np.asarray(picture, np.float32) + rng.normal(0.0, noise, (HEIGHT, WIDTH, 3))
    buffer = io.BytesIO()
    Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(buffer, "JPEG",
                                                                    quality=quality)
    return buffer.getvalue()


# ---- made-up categories --------------------------------------------------------------------------
def with_mask(photo: Image.Image, detector: cv2.FaceDetectorYN) -> Image.Image | None:
    """The photo with a mask-like shape over the nose tip, mouth and chin; None when YuNet finds
    no face on the full-size photo to place it on."""
    bgr = cv2.cvtColor(np.asarray(photo), cv2.COLOR_RGB2BGR)
    detector.setInputSize((photo.width, photo.height))
    faces = detector.detect(bgr)[1]
    if faces is None:
        return None
    face = max(faces, key=lambda f: f[2] * f[3])
    x, y, w, h = (float(v) for v in face[:4])
    nose_y = float(face[9])
    mouth_y = (float(face[11]) + float(face[13])) / 2
    chin_y = min(photo.height, y + h + 0.05 * h)
    top = nose_y - 0.02 * h
    outline = [(x + 0.02 * w, top + 0.05 * h), (x + w / 2, top - 0.04 * h),
               (x + 0.98 * w, top + 0.05 * h), (x + 0.92 * w, mouth_y + 0.2 * h),
               (x + w / 2, chin_y), (x + 0.08 * w, mouth_y + 0.2 * h)]
    masked = photo.copy()
    draw = ImageDraw.Draw(masked)
    draw.polygon(outline, fill=(170, 205, 225))
    for k in (1, 2, 3):  # the pleats
        yk = top + 0.03 * h + k * (mouth_y + 0.12 * h - top) / 4
        draw.line((x + 0.12 * w, yk, x + 0.88 * w, yk), fill=(140, 175, 200), width=2)
    draw.line((x, top + 0.05 * h, x - 0.05 * w, y + 0.35 * h), fill=(235, 235, 235), width=3)
    draw.line((x + w, top + 0.05 * h, x + 1.05 * w, y + 0.35 * h), fill=(235, 235, 235), width=3)
    return masked


def side_by_side(photos: list[Image.Image]) -> Image.Image:
    """Two or three people in one frame: the middle column of each photo, side by side."""
    width = WIDTH // len(photos)
    canvas = Image.new("RGB", (WIDTH, HEIGHT))
    for index, photo in enumerate(photos):
        person = photo.resize((HEIGHT * photo.width // photo.height, HEIGHT),
                              Image.Resampling.LANCZOS)
        left = (person.width - width) // 2
        canvas.paste(person.crop((left, 0, left + width, HEIGHT)), (index * width, 0))
    return canvas


# ---- all frames ----------------------------------------------------------------------------------
def frames(detector: cv2.FaceDetectorYN) -> Iterator[Frame]:
    """Every benchmark frame, in a fixed order with fixed seeds. ``detector`` (YuNet at full
    size) only places the drawn masks."""
    entries = manifest()
    frontal = [str(e["file"]) for e in entries if e["category"] == "frontal"]
    for number, entry in enumerate(entries):
        name, category, faces = str(entry["file"]), str(entry["category"]), int(entry["faces"])
        photo = load(name)
        rng = np.random.default_rng(1000 + number)
        # A group photo cut aside or shrunk would lose people: its people stay in the frame.
        kinds = VARIANTS if faces < 2 else ("webcam", "brighter", "dimmer", "turned12", "noisy")
        for kind in kinds:
            picture, quality = variant(photo, kind, rng)
            yield Frame(f"{name}:{kind}", category, faces, to_jpeg(picture, quality, rng))
        if category != "frontal":
            continue
        masked = with_mask(photo, detector)
        if masked is not None:
            for kind in ("webcam", "far", "turned12", "aside"):
                picture, quality = variant(masked, kind, rng)
                yield Frame(f"{name}:masked-{kind}", "masked", 1, to_jpeg(picture, quality, rng))
        for kind in ("webcam", "far", "aside"):
            picture, _quality = variant(photo, kind, rng)
            dark = ImageEnhance.Brightness(picture).enhance(0.3)
            yield Frame(f"{name}:dark-{kind}", "dark", 1, to_jpeg(dark, 75, rng, noise=5.0))
    for number in range(len(frontal)):
        rng = np.random.default_rng(2000 + number)
        pair = [load(frontal[number]), load(frontal[(number + 5) % len(frontal)])]
        for kind in ("webcam", "brighter", "noisy"):
            picture = side_by_side(pair)
            if kind == "brighter":
                picture = ImageEnhance.Brightness(picture).enhance(1.2)
            yield Frame(f"{frontal[number]}+{frontal[(number + 5) % len(frontal)]}:{kind}",
                        "two", 2, to_jpeg(picture, 60 if kind == "noisy" else 80, rng))
        if number % 2 == 0:
            trio = [frontal[number], frontal[(number + 3) % len(frontal)],
                    frontal[(number + 7) % len(frontal)]]
            picture = side_by_side([load(n) for n in trio])
            yield Frame("+".join(trio), "two", 3, to_jpeg(picture, 80, rng))

"""MediaStore on its own: validation by content with real decoding, lossless metadata removal,
thumbnails, atomic writes, safe path resolution and the orphan sweep."""

from __future__ import annotations

import io
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from core.domain.errors import SnapshotRejected
from core.media.store import MediaStore, PathOutsideMediaRoot, strip_jpeg_metadata
from tests.core.api.support import mutated, png_declaring
from tests.helpers import jpeg_bytes, png_bytes

MAX_UPLOAD = 2 * 1024 * 1024
SMALL_JPEG = jpeg_bytes(160, 120, seed=3)
SMALL_PNG = png_bytes(96, 64)
FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture
def store(tmp_path) -> MediaStore:
    return MediaStore(tmp_path / "media", MAX_UPLOAD)


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_validates_or_refuses(store: MediaStore, data: bytes) -> None:
    try:
        image = store.validate(data)
    except SnapshotRejected as rejected:
        assert rejected.status in (413, 415, 422)
        assert rejected.message.endswith(".") and " object at 0x" not in rejected.message
        return
    stored, thumbnail = decode(image.stored_bytes), decode(image.thumbnail_bytes)
    assert stored.format == "JPEG" and stored.size == (image.width, image.height)
    assert thumbnail.format == "JPEG"
    assert thumbnail.width <= 160 and thumbnail.height <= 120


# ---- validation ---------------------------------------------------------------------------------
@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_refused_with_a_client_error(store, data):
    with pytest.raises(SnapshotRejected) as refused:
        store.validate(data)
    starts_like_an_image = data[:3] == b"\xff\xd8\xff" or data[:8] == b"\x89PNG\r\n\x1a\n"
    assert refused.value.status == (422 if not data or starts_like_an_image else 415)


@FUZZ
@given(data=st.one_of(mutated(SMALL_JPEG), mutated(SMALL_PNG)))
def test_damaged_images_are_refused_or_fully_decodable(store, data):
    assert_validates_or_refuses(store, data)


@FUZZ
@given(tail=st.binary(min_size=1, max_size=2048))
def test_a_real_header_followed_by_noise_never_breaks_validation(store, tail):
    assert_validates_or_refuses(store, SMALL_JPEG[:600] + tail)
    assert_validates_or_refuses(store, SMALL_PNG[:60] + tail)


def test_a_valid_jpeg_passes_with_its_size_and_a_small_thumbnail(store):
    image = store.validate(jpeg_bytes(640, 480))
    assert (image.width, image.height, image.source_format) == (640, 480, "JPEG")
    assert decode(image.thumbnail_bytes).size == (160, 120)


def test_a_png_is_converted_to_a_jpeg(store):
    image = store.validate(png_bytes(320, 240))
    assert image.source_format == "PNG"
    assert decode(image.stored_bytes).format == "JPEG"
    assert decode(image.thumbnail_bytes).size == (160, 120)


def test_a_png_with_transparency_is_stored_as_rgb(store):
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (10, 20, 30, 0)).save(buffer, "PNG")
    image = store.validate(buffer.getvalue())
    assert decode(image.stored_bytes).mode == "RGB"


def test_a_grayscale_jpeg_gets_an_rgb_thumbnail(store):
    buffer = io.BytesIO()
    Image.new("L", (320, 240), 128).save(buffer, "JPEG")
    image = store.validate(buffer.getvalue())
    assert decode(image.thumbnail_bytes).mode == "RGB"


@pytest.mark.parametrize(("width", "is_accepted"), [(4096, True), (4097, False)])
def test_at_most_4096_pixels_on_a_side_are_accepted(store, width, is_accepted):
    data = jpeg_bytes(width, 8)
    if is_accepted:
        assert store.validate(data).width == width
    else:
        with pytest.raises(SnapshotRejected, match="4097x8 pixels") as refused:
            store.validate(data)
        assert refused.value.status == 422


def test_a_png_bomb_is_refused_before_any_decoding(store):
    started = time.perf_counter()
    with pytest.raises(SnapshotRejected) as refused:
        store.validate(png_declaring(30000, 30000))
    assert refused.value.status == 422
    assert time.perf_counter() - started < 0.5


def test_an_upload_over_the_limit_is_refused_with_413(tmp_path):
    store = MediaStore(tmp_path / "media", max_upload_bytes=10_000)
    with pytest.raises(SnapshotRejected, match="at most 10,000") as refused:
        store.validate(jpeg_bytes())
    assert refused.value.status == 413


# ---- metadata -----------------------------------------------------------------------------------
def test_stripping_removes_exif_and_comments_and_keeps_the_pixels():
    exif = Image.Exif()
    exif[0x010F] = "Acme Webcams"
    source = Image.open(io.BytesIO(jpeg_bytes(seed=2)))
    buffer = io.BytesIO()
    source.save(buffer, "JPEG", quality=90, exif=exif.tobytes(), comment=b"secret note")
    original = buffer.getvalue()

    stripped = strip_jpeg_metadata(original)

    assert b"Acme" not in stripped and b"secret note" not in stripped
    assert dict(decode(stripped).getexif()) == {}
    assert decode(stripped).tobytes() == decode(original).tobytes()


def test_stripping_keeps_the_colour_profile():
    profile = b"\0" * 128 + b"fake-icc-profile"
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), (5, 6, 7)).save(buffer, "JPEG", icc_profile=profile)
    stripped = strip_jpeg_metadata(buffer.getvalue())
    assert decode(stripped).info.get("icc_profile") == profile


def test_stripping_leaves_odd_bytes_as_they_are():
    odd = b"\xff\xd8\x00\x01\x02\x03\x04\x05"
    assert strip_jpeg_metadata(odd) == odd


# ---- files --------------------------------------------------------------------------------------
def test_snapshot_paths_are_relative_and_sorted_by_month():
    from datetime import UTC, datetime

    when = datetime(2026, 3, 7, 12, 0, tzinfo=UTC)
    assert MediaStore.snapshot_paths("abc", when) == (
        "proctor-snapshots/2026/03/abc.jpg", "proctor-snapshots/2026/03/abc.thumb.jpg")


@pytest.mark.parametrize("relative", ["../outside.jpg", "/etc/passwd", "a/../../outside.jpg",
                                      "", ".", "bad\x00name.jpg"])
def test_resolving_refuses_anything_outside_the_media_root(store, relative):
    with pytest.raises(PathOutsideMediaRoot):
        store.resolve(relative)


def test_resolving_refuses_a_symlink_that_leads_outside(store, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", store.root / "link")
    with pytest.raises(PathOutsideMediaRoot):
        store.resolve("link/file.jpg")


@pytest.mark.parametrize("relative", ["../outside.jpg", "/etc/passwd", "a/../../outside.jpg",
                                      "", ".", "bad\x00name.jpg", "proctor-snapshots/../../x"])
def test_a_written_files_path_is_the_resolved_one_and_anything_outside_is_still_refused(
    store, relative
):
    store.write_atomic("proctor-snapshots/2026/01/a.jpg", b"frame")
    for inside in ("proctor-snapshots/2026/01/a.jpg", "proctor-snapshots/2026/01/..",
                   "proctor-snapshots/2026/01/", "proctor-snapshots/2026/02/b.jpg"):
        assert store.resolve_written(inside) == store.resolve(inside)
    assert store.resolve_written("proctor-snapshots/2026/01/a.jpg").read_bytes() == b"frame"
    with pytest.raises(PathOutsideMediaRoot):
        store.resolve_written(relative)


def test_an_atomic_write_leaves_only_the_final_file(store):
    store.write_atomic("proctor-snapshots/2026/01/a.jpg", b"first")
    store.write_atomic("proctor-snapshots/2026/01/a.jpg", b"second")
    folder = store.root / "proctor-snapshots" / "2026" / "01"
    assert [p.name for p in folder.iterdir()] == ["a.jpg"]
    assert (folder / "a.jpg").read_bytes() == b"second"


def test_the_orphan_sweep_removes_only_unknown_files_past_the_grace_period(store):
    for name in ("known.jpg", "orphan.jpg", "fresh-orphan.jpg", ".half.jpg.1a2b.tmp"):
        store.write_atomic(f"proctor-snapshots/2026/01/{name}", b"x")
    folder = store.root / "proctor-snapshots" / "2026" / "01"
    an_hour_ago = time.time() - 3600
    for name in ("known.jpg", "orphan.jpg", ".half.jpg.1a2b.tmp"):
        os.utime(folder / name, (an_hour_ago, an_hour_ago))

    removed = store.remove_orphans({"proctor-snapshots/2026/01/known.jpg"}, older_than_seconds=60)

    assert removed == 2
    assert sorted(p.name for p in folder.iterdir()) == ["fresh-orphan.jpg", "known.jpg"]


def test_writing_several_files_at_once_leaves_nothing_when_one_fails(store):
    with pytest.raises(PathOutsideMediaRoot):
        store.write_atomic_many([("proctor-snapshots/2026/01/a.jpg", b"image"),
                                 ("../escape.jpg", b"thumbnail")])
    assert [p for p in store.root.rglob("*") if p.is_file()] == []


def test_writing_several_files_at_once_puts_each_in_place(store):
    store.write_atomic_many([("proctor-snapshots/2026/01/a.jpg", b"image"),
                             ("proctor-snapshots/2026/01/a.thumb.jpg", b"thumbnail")])
    folder = store.root / "proctor-snapshots" / "2026" / "01"
    assert sorted(p.name for p in folder.iterdir()) == ["a.jpg", "a.thumb.jpg"]
    assert (folder / "a.thumb.jpg").read_bytes() == b"thumbnail"


@pytest.mark.parametrize("escape", ["proctor-snapshots/2026/01/../../../../escape.jpg",
                                    "proctor-snapshots/../../escape.jpg",
                                    "/tmp/escape.jpg"])
def test_a_folder_written_before_gives_no_way_out_of_the_root(store, escape):
    store.write_atomic("proctor-snapshots/2026/01/a.jpg", b"image")
    with pytest.raises(PathOutsideMediaRoot):
        store.write_atomic(escape, b"x")
    assert [p.name for p in store.root.rglob("*") if p.is_file()] == ["a.jpg"]

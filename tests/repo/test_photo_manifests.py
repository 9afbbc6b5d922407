"""Every photo of a person or a room kept in the repository is listed in its folder's
manifest.json with where it comes from, its licence and how many faces it shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: A folder of photos, its manifest, and the key of the manifest's list.
FOLDERS = {
    "benchmark": (ROOT / "tests/benchmarks/faces/photos",
                  ROOT / "tests/benchmarks/faces/manifest.json", "photos"),
    "demo": (ROOT / "resources/demo_frames", ROOT / "resources/demo_frames/manifest.json",
             "pictures"),
}
LICENCES = ("CC0-1.0", "public domain (work of the US government)")
CATEGORIES = {"frontal", "turned", "down", "glasses", "two", "empty"}


def entries(folder: str) -> list[dict[str, object]]:
    _photos, manifest, key = FOLDERS[folder]
    listed: list[dict[str, object]] = json.loads(manifest.read_text(encoding="utf-8"))[key]
    return listed


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_photo_in_the_folder_is_listed_once_and_every_listed_photo_is_there(folder):
    photos, _manifest, _key = FOLDERS[folder]
    listed = [str(entry["file"]) for entry in entries(folder)]
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(p.name for p in photos.glob("*.jpg"))


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_photo_has_a_source_an_author_a_licence_we_can_state_and_a_face_count(folder):
    for entry in entries(folder):
        assert entry["licence"] in LICENCES, entry["file"]
        for field in ("source", "via", "author", "shows"):
            assert isinstance(entry[field], str) and len(str(entry[field])) >= 4, (entry["file"],
                                                                                  field)
        faces = entry["faces"]
        assert isinstance(faces, int) and faces >= 0, entry["file"]


def test_the_benchmark_photos_cover_every_category_with_counts_that_fit_it():
    by_category: dict[str, list[int]] = {}
    for entry in entries("benchmark"):
        by_category.setdefault(str(entry["category"]), []).append(int(entry["faces"]))  # type: ignore[call-overload]
    assert set(by_category) == CATEGORIES
    assert all(faces == 0 for faces in by_category["empty"])
    assert all(faces >= 2 for faces in by_category["two"])
    assert all(faces == 1 for category in CATEGORIES - {"empty", "two"}
               for faces in by_category[category])


def test_the_photos_keep_the_repository_small():
    total = sum(p.stat().st_size for folder in FOLDERS.values() for p in folder[0].glob("*.jpg"))
    assert total < 2_000_000

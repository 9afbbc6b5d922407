"""The Proctor Center carries the storage banner: with the media root on a file system that is
really full, the window shows the red banner with the free space measured."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.core.api.support import fill_up, small_file_system


@pytest.fixture
def full_media(tmp_path) -> Iterator:
    with small_file_system(tmp_path / "media", "1m") as media:
        fill_up(media)
        yield media


@pytest.fixture
def core_env(full_media) -> dict[str, str]:
    return {"PROCTOR_ANALYSIS": "0", "PROCTOR_SWEEP_SECONDS": "60",
            "PROCTOR_MEDIA_ROOT": str(full_media)}


def test_the_proctor_center_shows_a_red_banner_when_the_media_storage_is_full(proctor_window):
    banner = proctor_window.storage_banner
    assert banner.isVisible() and banner.level == "full"
    assert banner.text().startswith("Media storage is full: 0 bytes free of 1.0 MB.")

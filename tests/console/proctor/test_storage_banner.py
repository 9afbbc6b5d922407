"""The storage banner: hidden while the media storage has room, amber with the free space when it
runs low, red when it is full (measured on a real, filled file system) or cannot be measured,
and back to hidden as soon as space is freed; and the Proctor Center shows what its center says
(the window over the in-memory center; test_proctor_center_storage_banner.py on a full disk)."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtGui import QColor

from console.proctor.proctor_center.storage_banner import StorageBanner
from core.domain.storage import GIB, MIB, StorageStatus, storage_status
from tests.core.api.support import fill_up, small_file_system

ROOMY = storage_status(400 * GIB, 1024 * GIB)
LOW = storage_status(800 * MIB, 20 * GIB)
FULL = storage_status(3 * MIB, 20 * GIB)


def background(banner: StorageBanner) -> QColor:
    """The colour a person sees behind the text: a pixel of the banner's right padding."""
    image = banner.grab().toImage()
    return image.pixelColor(image.width() - 5, image.height() // 2)


def is_amber(color: QColor) -> bool:
    return color.red() > 230 and 200 < color.green() < 250 and color.blue() < 230


def is_red(color: QColor) -> bool:
    return color.red() > 230 and color.green() < 240 and color.red() - color.blue() > 10


@pytest.fixture
def show(qtbot):
    def make(measure, interval_ms: int = 60_000) -> StorageBanner:
        banner = StorageBanner(measure, interval_ms)
        qtbot.addWidget(banner)
        banner.resize(700, banner.sizeHint().height())
        return banner
    return make


def test_the_banner_stays_hidden_while_the_media_storage_has_room(show):
    banner = show(lambda: ROOMY)
    assert banner.level == "ok" and banner.isHidden()


def test_low_space_shows_an_amber_warning_with_the_free_space(show):
    banner = show(lambda: LOW)
    assert not banner.isHidden() and banner.level == "low"
    assert "running low: 800 MB free of 20 GB (4%)" in banner.text()
    assert is_amber(background(banner)), background(banner).name()


@pytest.mark.db  # builds its own core
def test_a_filled_file_system_turns_the_banner_red_and_says_snapshots_are_refused(
        show, core_env, tmp_path):
    from core.bootstrap import build_core
    from core.config import CoreConfig

    with small_file_system(tmp_path / "media", "1m") as media:
        config = CoreConfig.load(data_dir=tmp_path / "data",
                                 env={**core_env, "PROCTOR_MEDIA_ROOT": str(media)})
        core = build_core(config)
        try:
            fill_up(media)
            banner = show(core.storage_status)
            assert banner.level == "full"
            assert "Media storage is full: 0 bytes free of 1.0 MB" in banner.text()
            assert "refused" in banner.text()
            assert is_red(background(banner)), background(banner).name()
        finally:
            core.close()


def test_a_storage_that_cannot_be_measured_is_shown_in_red(show):
    def unmounted() -> StorageStatus:
        raise OSError(errno.ENOENT, "No such file or directory")

    banner = show(unmounted)
    assert banner.level == "unknown" and not banner.isHidden()
    assert "cannot be measured (No such file or directory)" in banner.text()
    assert is_red(background(banner))


def test_the_banner_follows_the_disk_from_room_to_low_to_full_and_back(show, qtbot):
    measured = {"now": ROOMY}
    banner = show(lambda: measured["now"], interval_ms=20)
    for status, level in ((LOW, "low"), (FULL, "full"), (ROOMY, "ok")):
        with qtbot.waitSignal(banner.level_changed, timeout=3000) as changed:
            measured["now"] = status
        assert changed.args == [level]
        assert banner.isHidden() is (level == "ok")


@pytest.fixture
def low_storage(fake_core) -> None:
    fake_core.free_bytes, fake_core.total_bytes = 800 * MIB, 20 * GIB


def test_the_proctor_center_shows_the_amber_banner_when_its_center_reports_low_space(
        low_storage, fake_window):
    banner = fake_window.storage_banner
    assert banner.isVisible() and banner.level == "low"
    assert "running low: 800 MB free of 20 GB (4%)" in banner.text()

"""Fixtures for kiosk tests: a real server (system clock), an exam made over HTTP, and kiosk
windows that are always closed (threads stopped) before the server goes away."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from console.kiosk.camera.frame_source import FrameSource
from console.kiosk.joining.center_finder import BrowseSource
from console.kiosk.kiosk_settings import KioskSettings
from console.kiosk.kiosk_timings import KioskTimings
from console.kiosk.kiosk_window import KioskWindow
from core.client import ExamDTO
from core.net.pinning import forget_pins
from tests.console.kiosk.kiosk_support import FAST, FakeFrameSource, RestartableServer, no_centers

Kiosk = Callable[..., KioskWindow]


@pytest.fixture
def server(real_live_server):
    """The real server the kiosks talk to (system clock: timing matters here)."""
    return real_live_server


@pytest.fixture
def kiosk_exam(server) -> ExamDTO:
    return server.admin().create_exam("Algebra final", duration_seconds=3600,
                                      snapshot_interval_seconds=30)


@pytest.fixture
def restartable_server(real_core) -> Iterator[RestartableServer]:
    holder = RestartableServer(real_core)
    holder.start()
    yield holder
    holder.stop()


@pytest.fixture
def spool_dir(tmp_path) -> Path:
    return tmp_path / "spool"


@pytest.fixture(autouse=True)
def no_pins() -> Iterator[None]:
    """Pins are remembered per process: every test starts and ends trusting nothing."""
    forget_pins()
    yield
    forget_pins()


@pytest.fixture(autouse=True)
def no_machine_config(tmp_path, monkeypatch) -> Path:
    """This machine's own kiosk.toml is never read: the machine-wide file is one under
    tmp_path, absent until a test writes it."""
    path = tmp_path / "machine" / "kiosk.toml"
    monkeypatch.setenv("PROCTOR_KIOSK_MACHINE_CONFIG", str(path))
    return path


@pytest.fixture
def open_kiosk(qtbot, spool_dir) -> Iterator[Kiosk]:
    """Open a kiosk window; provisioned (starts at once) when exam and candidate are given.
    Its join form looks for centers with ``browse`` (by default: a network where none
    answers, so tests do not depend on this machine's multicast)."""
    windows: list[KioskWindow] = []

    def factory(url: str, kiosk_key: str, exam_id: str | None = None,
                candidate_ref: str | None = "C-1042", candidate_name: str | None = "Ada Lovelace",
                source: FrameSource | None = None, timings: KioskTimings = FAST,
                seat: str = "kiosk-test", browse: BrowseSource = no_centers,
                camera: str | None = None, wall=None, spool: Path | None = None) -> KioskWindow:
        """``camera``: the kiosk's camera setting, read as ``--camera`` is (no test source)."""
        settings = KioskSettings(
            server_url=url, kiosk_key=kiosk_key, exam_id=exam_id,
            candidate_ref=candidate_ref if exam_id else None,
            candidate_name=candidate_name if exam_id else None,
            seat=seat, camera=camera or "synthetic", spool_dir=spool or spool_dir)
        given = None if camera is not None else (source or FakeFrameSource())
        window = KioskWindow(settings, timings, given, browse, wall)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield factory
    for window in windows:
        window.shutdown()  # threads stopped, spool kept: a close that asks nobody
        window.close()

"""Acceptance: what a proctor's console shows about real kiosks is true, whatever their camera.
Real `proctor-candidate` processes (offscreen; the synthetic camera, or a camera that cannot open)
against a real `proctor-server` process, watched by a Proctor Center window signed in to it
over its live stream (pytest-qt).

- A kiosk that reported its camera off, restarted with a working camera, resumes the attempt
  and its card loses "Camera off" within one snapshot interval.
- Killed at once, a camera-off kiosk shows "Kiosk offline" as fast as a healthy one, and the
  header counts both."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from console.proctor.proctor_center.session_roles import CARD_ROLE
from core.domain.kiosk_state import offline_after_seconds
from tests.console.proctor.remote_support import (
    RunningCenter,
    card,
    remote_center_window,
    running_center,
)
from tests.e2e.test_kiosk_process import Process, command

pytestmark = [pytest.mark.process, pytest.mark.db, pytest.mark.slow]

#: The exam's snapshot interval: short, so the test is quick (offline after the 20 s minimum).
INTERVAL = 5
#: Contact is written coarsely (up to about 12 s late for a live kiosk) and the grid re-judges
#: every second: how much later than the rule a killed kiosk may be shown offline.
SHOWN_WITHIN = offline_after_seconds(INTERVAL) + 15
MISSING_CAMERA = "/nonexistent/no-camera.mp4"


@pytest.fixture
def server(tmp_path) -> Iterator[RunningCenter]:
    yield from running_center(tmp_path)


@pytest.fixture
def window(server, qapp, qtbot, tmp_path) -> Iterator[ProctorCenterWindow]:
    yield from remote_center_window(server, qtbot, tmp_path)


@pytest.fixture
def kiosks() -> Iterator[list[Process]]:
    started: list[Process] = []
    yield started
    for kiosk in started:
        if kiosk.popen.poll() is None:
            kiosk.popen.kill()
            kiosk.popen.wait(10)


def start_kiosk(server: RunningCenter, exam_id: str, ref: str, name: str, camera: str,
                spool: Path, started: list[Process]) -> Process:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    kiosk = Process([command("proctor-candidate"), "--server", server.url,
                     "--kiosk-key", kiosk_key(server), "--exam-id", exam_id,
                     "--candidate-ref", ref, "--candidate-name", name, "--camera", camera,
                     "--spool-dir", str(spool)], env)
    started.append(kiosk)
    return kiosk


def start_camera_off_kiosk(server: RunningCenter, exam_id: str, ref: str, name: str,
                           spool: Path, started: list[Process]) -> Process:
    """A kiosk whose camera fails mid-exam: its readiness check keeps a kiosk without a camera
    from starting, so it starts with one, is killed, and resumes its attempt (no check) with
    the camera gone."""
    first = start_kiosk(server, exam_id, ref, name, "synthetic", spool, started)
    wait_for_output(first, f"started for {ref}", timeout=30)
    first.popen.kill()
    first.popen.wait(10)
    return start_kiosk(server, exam_id, ref, name, MISSING_CAMERA, spool, started)


def kiosk_key(server: RunningCenter) -> str:
    import json
    return str(json.loads((server.data_dir / "keys.json").read_text())["kiosk_key"])


def new_exam(server: RunningCenter) -> str:
    return str(server.admin("POST", "/exams", json={
        "title": "Liveness", "duration_seconds": 1800,
        "snapshot_interval_seconds": INTERVAL})["exam_id"])


def badge(window: ProctorCenterWindow, name: str) -> str:
    """The card's kiosk badge as the grid paints it now ("" when the kiosk is fine)."""
    session = card(window, name)
    assert session is not None
    row = window.model.row_of(session.session_id)
    assert row is not None
    return str(window.model.data(window.model.index(row), CARD_ROLE).kiosk_words)


def offline_counter(window: ProctorCenterWindow) -> str:
    return window.header.counters[3].text()


def wait_for_output(kiosk: Process, words: str, timeout: float) -> float:
    """When the kiosk printed a line with ``words`` (monotonic time it was read)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(words in line for line in kiosk.output):
            return time.monotonic()
        time.sleep(0.05)
    raise AssertionError(f"the kiosk never printed {words!r}:\n{''.join(kiosk.output)}")


def test_a_camera_off_kiosk_restarted_with_a_working_camera_clears_camera_off_within_an_interval(
        server, window, kiosks, qtbot, tmp_path):
    exam_id = new_exam(server)
    broken = start_camera_off_kiosk(server, exam_id, "L-1", "Lena Park", tmp_path / "spool",
                                    kiosks)
    qtbot.waitUntil(lambda: (c := card(window, "Lena Park")) is not None and c.camera_off,
                    timeout=30_000)
    broken.popen.kill()
    broken.popen.wait(10)

    restarted = start_kiosk(server, exam_id, "L-1", "Lena Park", "synthetic",
                            tmp_path / "spool", kiosks)
    resumed = wait_for_output(restarted, "started for L-1", timeout=30)
    qtbot.waitUntil(lambda: not card(window, "Lena Park").camera_off, timeout=30_000)
    cleared = time.monotonic()
    session = card(window, "Lena Park")
    assert cleared - resumed <= INTERVAL, f"Camera off cleared {cleared - resumed:.1f} s late"
    assert session.snapshot_count >= 1 and badge(window, "Lena Park") == ""
    assert offline_counter(window) == "0 kiosks offline"


def test_a_killed_camera_off_kiosk_shows_offline_as_fast_as_a_killed_healthy_one(
        server, window, kiosks, qtbot, tmp_path):
    exam_id = new_exam(server)
    healthy = start_kiosk(server, exam_id, "H-1", "Hana Ito", "synthetic",
                          tmp_path / "spool-h", kiosks)
    camera_off = start_camera_off_kiosk(server, exam_id, "C-1", "Carl Moss",
                                        tmp_path / "spool-c", kiosks)
    qtbot.waitUntil(lambda: (h := card(window, "Hana Ito")) is not None
                    and h.snapshot_count >= 2 and h.kiosk_seen_at is not None, timeout=30_000)
    qtbot.waitUntil(lambda: (c := card(window, "Carl Moss")) is not None and c.camera_off
                    and c.kiosk_seen_at is not None, timeout=30_000)
    assert badge(window, "Hana Ito") == badge(window, "Carl Moss") == ""

    for kiosk in (healthy, camera_off):
        kiosk.popen.kill()
    killed = time.monotonic()
    shown: dict[str, float] = {}

    def both_offline() -> bool:
        for name in ("Hana Ito", "Carl Moss"):
            if name not in shown and badge(window, name).startswith("Kiosk offline"):
                shown[name] = time.monotonic() - killed
        return len(shown) == 2

    qtbot.waitUntil(both_offline, timeout=SHOWN_WITHIN * 1000)
    assert offline_counter(window) == "2 kiosks offline"
    assert card(window, "Carl Moss").camera_off  # and its camera badge stays
    # The same rule for both: the camera-off kiosk is not later than the healthy one by more
    # than the coarseness of the contact record.
    assert shown["Carl Moss"] <= shown["Hana Ito"] + 8, shown

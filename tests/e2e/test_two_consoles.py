"""Two real ``proctor-console`` processes (offscreen), each signed in as its own proctor to one
real ``proctor-server``: both follow the center's live changes, both ride out the server's
restart and follow again, and both close cleanly; a wrong password never opens a console."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.console.proctor.remote_support import PASSWORD, RunningCenter
from tests.e2e.test_console_process import START_TIMEOUT, ConsoleProcess


def remote_console(url: str, username: str, password: str, log_path: Path) -> ConsoleProcess:
    """``proctor-console --server URL --user NAME`` signing in with PROCTOR_PASSWORD."""
    return ConsoleProcess(log_path, ["--server", url, "--user", username],
                          env={"PROCTOR_PASSWORD": password, "PROCTOR_ADMIN_KEY": None})


@pytest.fixture
def center(tmp_path) -> Iterator[RunningCenter]:
    running = RunningCenter.start(tmp_path / "data")
    running.add_proctor("dana", "Dana Lee")
    running.add_proctor("omar", "Omar Khalid")
    yield running
    running.stop()


@pytest.fixture
def consoles() -> Iterator[list[ConsoleProcess]]:
    started: list[ConsoleProcess] = []
    yield started
    for console in started:
        console.stop()


def test_two_consoles_follow_one_center_through_a_restart_and_close_cleanly(
        center, consoles, tmp_path):
    for username in ("dana", "omar"):
        consoles.append(remote_console(center.url, username, PASSWORD,
                                       tmp_path / f"{username}.log"))
    dana, omar = consoles
    assert dana.next_line() == f"connected to {center.url} as Dana Lee"
    assert omar.next_line() == f"connected to {center.url} as Omar Khalid"
    dana.wait_for_log(f"following the changes of {center.url} as Dana Lee")
    omar.wait_for_log(f"following the changes of {center.url} as Omar Khalid")

    center.stop()
    for console in consoles:
        console.wait_for_log(f"the change stream of {center.url} broke")
    center.restart()
    dana.wait_for_log(f"following the changes of {center.url} as Dana Lee", count=2)
    omar.wait_for_log(f"following the changes of {center.url} as Omar Khalid", count=2)

    for console in consoles:
        console.process.send_signal(signal.SIGTERM)
    for console in consoles:
        assert console.process.wait(15) == 0
        assert "Traceback" not in console.log(), console.log()


def test_a_wrong_password_exits_with_one_sentence_and_opens_nothing(center, consoles, tmp_path):
    console = remote_console(center.url, "dana", "not the password", tmp_path / "dana.log")
    consoles.append(console)
    assert console.process.wait(START_TIMEOUT) == 2
    assert console.next_line() is None  # never "connected"
    assert "proctor-console: " in console.log()
    assert "Traceback" not in console.log()

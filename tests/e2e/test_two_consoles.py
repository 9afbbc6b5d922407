"""Two real ``proctor-console`` processes (offscreen), each signed in as its own proctor to one
real ``proctor-server``: both follow the center's live changes, both ride out the server's
restart and follow again, and both close cleanly; a wrong password never opens a console."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.console.remote_support import PASSWORD, RunningCenter

START_TIMEOUT = 45.0
REPO = Path(__file__).resolve().parents[2]


def console_command() -> list[str]:
    script = shutil.which("proctor-console")
    return [script] if script else [sys.executable, "-m", "console"]


class RemoteConsoleProcess:
    def __init__(self, url: str, username: str, password: str, log_path: Path) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1",
               "PROCTOR_PASSWORD": password}
        env.pop("PROCTOR_ADMIN_KEY", None)
        self.log_path = log_path
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            [*console_command(), "--server", url, "--user", username],
            stdout=subprocess.PIPE, stderr=self._log, text=True, env=env, cwd=REPO)
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def first_line(self) -> str | None:
        return self.lines.get(timeout=START_TIMEOUT)

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def wait_for_log(self, text: str, count: int = 1) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while self.log().count(text) < count:
            assert time.monotonic() < deadline, f"never logged {text!r}:\n{self.log()}"
            assert self.process.poll() is None, f"the console exited:\n{self.log()}"
            time.sleep(0.1)  # polling a log file written by another process

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        self._log.close()


@pytest.fixture
def center(tmp_path) -> Iterator[RunningCenter]:
    running = RunningCenter.start(tmp_path / "data")
    running.add_proctor("dana", "Dana Lee")
    running.add_proctor("omar", "Omar Khalid")
    yield running
    running.stop()


@pytest.fixture
def consoles() -> Iterator[list[RemoteConsoleProcess]]:
    started: list[RemoteConsoleProcess] = []
    yield started
    for console in started:
        console.stop()


def test_two_consoles_follow_one_center_through_a_restart_and_close_cleanly(
        center, consoles, tmp_path):
    for username in ("dana", "omar"):
        consoles.append(RemoteConsoleProcess(center.url, username, PASSWORD,
                                             tmp_path / f"{username}.log"))
    dana, omar = consoles
    assert dana.first_line() == f"connected to {center.url} as Dana Lee"
    assert omar.first_line() == f"connected to {center.url} as Omar Khalid"
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
    console = RemoteConsoleProcess(center.url, "dana", "not the password",
                                   tmp_path / "dana.log")
    consoles.append(console)
    assert console.process.wait(START_TIMEOUT) == 2
    assert console.first_line() is None  # never "connected"
    assert "proctor-console: " in console.log()
    assert "Traceback" not in console.log()

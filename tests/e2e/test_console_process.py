"""`proctor-console` as a process: it opens (offscreen), serves the kiosk API on the port it
announces, takes a kiosk's attempt while its grid is live, and closes cleanly with exit 0 on
SIGTERM or Ctrl+C (SIGINT)."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

START_TIMEOUT = 45.0
STOP_TIMEOUT = 15.0
REPO = Path(__file__).resolve().parents[2]


def console_command() -> list[str]:
    script = shutil.which("proctor-console")
    return [script] if script else [sys.executable, "-m", "console.proctor"]


class ConsoleProcess:
    """A real ``proctor-console`` (offscreen) with ``args``; ``env`` adds to this process's
    environment (a None value removes a variable). Its stdout is read line by line; its stderr
    (the log) goes to ``log_path``."""

    def __init__(self, log_path: Path, args: list[str],
                 env: dict[str, str | None] | None = None) -> None:
        full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1",
                    "PROCTOR_ANALYSIS": "0", "PROCTOR_SWEEP_SECONDS": "0.5", **(env or {})}
        self.log_path = log_path
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            [*console_command(), *args],
            stdout=subprocess.PIPE, stderr=self._log, text=True, cwd=REPO,
            env={name: value for name, value in full_env.items() if value is not None},
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for_address(self) -> str:
        deadline = time.monotonic() + START_TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)
            if line.startswith("listening on "):
                return line.removeprefix("listening on ").strip()
        raise AssertionError(f"the console never announced its address; stdout {self.seen}; "
                             f"log:\n{self.log()}")

    def next_line(self) -> str | None:
        """The next line it prints (None once it has exited)."""
        return self.lines.get(timeout=START_TIMEOUT)

    def log(self) -> str:
        self._log.flush()
        return self.log_path.read_text()

    def wait_for_log(self, text: str, count: int = 1) -> None:
        """Until ``text`` is in its log ``count`` times (while it keeps running)."""
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
def console(tmp_path):
    process = ConsoleProcess(tmp_path / "console.log",
                             ["--data-dir", str(tmp_path / "data"), "--port", "0"])
    yield process
    process.stop()


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_console_process_serves_kiosks_and_exits_cleanly_on_a_signal(
    console, tmp_path, stop_signal
):
    url = console.wait_for_address()
    assert url.startswith("http://127.0.0.1:") and not url.endswith(":0")
    health = httpx.get(f"{url}/api/v1/health", timeout=10)
    assert health.status_code == 200 and health.json()["status"] == "ok"

    keys = json.loads((tmp_path / "data" / "keys.json").read_text())
    admin = {"Authorization": f"Bearer {keys['admin_key']}"}
    kiosk = {"Authorization": f"Bearer {keys['kiosk_key']}"}
    exam = httpx.post(f"{url}/api/v1/exams", headers=admin, timeout=10,
                      json={"title": "Algebra final", "duration_seconds": 600}).json()
    started = httpx.post(f"{url}/api/v1/attempts", headers=kiosk, timeout=10, json={
        "exam_id": exam["exam_id"], "candidate_ref": "C-1", "candidate_name": "Ann Lee"})
    assert started.status_code == 201
    sessions = httpx.get(f"{url}/api/v1/proctor/sessions", headers=admin, timeout=10).json()
    assert [s["candidate_name"] for s in sessions] == ["Ann Lee"]

    console.process.send_signal(stop_signal)
    assert console.process.wait(STOP_TIMEOUT) == 0, console.log()
    log = console.log()
    assert "proctor-console stopped" in log
    assert "Traceback" not in log
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/api/v1/health", timeout=2)

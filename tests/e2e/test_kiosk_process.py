"""End to end: the real `proctor-candidate` process (offscreen, synthetic camera, provisioned by
flags) against the real `proctor-server` process, both stopped cleanly with SIGTERM."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

from console.proctor.center import RemoteCenter
from core.domain.records import SessionDTO


class Process:
    """A child process whose output lines are read on a thread (so waiting never blocks)."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.args = args
        self.popen = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                      text=True, env=env)
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            self.output.append(line)
            self.lines.put(line)

    def wait_for_line(self, prefix: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                if self.popen.poll() is not None:
                    break
                continue
            if line.startswith(prefix):
                return line.strip()
        raise AssertionError(f"{self.args[0]} never printed {prefix!r}:\n{''.join(self.output)}")

    def stop(self, timeout: float = 15) -> int:
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            raise AssertionError(
                f"{self.args[0]} ignored SIGTERM:\n{''.join(self.output)}") from None


def command(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is not installed; run: python3 -m pip install -e ."
    return found


def wait_until(condition: Callable[[], bool], timeout: float, what: str, wake: Process) -> None:
    """Check again whenever ``wake`` prints a line (the kiosk logs each snapshot), or every
    half second."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        with contextlib.suppress(queue.Empty):
            wake.lines.get(timeout=0.5)


def test_the_kiosk_process_sends_snapshots_and_events_to_the_server_process(tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(QT_QPA_PLATFORM="offscreen", PROCTOR_ANALYSIS="0", PYTHONUNBUFFERED="1")
    data = tmp_path / "server-data"
    server = Process([command("proctor-server"), "--data-dir", str(data), "--port", "0"], env)
    kiosk: Process | None = None
    try:
        url = server.wait_for_line("listening on ", timeout=30).split()[-1]
        keys = json.loads((data / "keys.json").read_text())
        admin = RemoteCenter(url, keys["admin_key"])
        exam = admin.create_exam("End-to-end exam", duration_seconds=600,
                                 snapshot_interval_seconds=2)

        kiosk = Process([command("proctor-candidate"), "--server", url,
                         "--kiosk-key", keys["kiosk_key"], "--exam-id", exam.exam_id,
                         "--candidate-ref", "E2E-1", "--candidate-name", "Erin Example",
                         "--camera", "synthetic", "--spool-dir", str(tmp_path / "spool")], env)

        def session() -> SessionDTO | None:
            sessions = admin.list_sessions("all")
            return sessions[0] if sessions else None

        wait_until(lambda: (current := session()) is not None and current.snapshot_count >= 2,
                   timeout=45, what="two snapshots from the kiosk", wake=kiosk)
        current = session()
        assert current is not None
        assert current.candidate_ref == "E2E-1" and current.status == "active"
        snapshots = admin.list_snapshots(current.session_id)
        assert admin.read_image(snapshots[0].snapshot_id)[:3] == b"\xff\xd8\xff"
        assert {(s.width, s.height) for s in snapshots} == {(640, 480)}

        assert kiosk.stop() == 0  # SIGTERM: the window closes cleanly and reports it
        events = admin.get_session(current.session_id).events
        kiosk_events = [(e.type, e.source) for e in events if e.source == "kiosk"]
        assert ("focus_lost", "kiosk") in kiosk_events
        assert [e.type for e in events][-1] == "session_started"
        assert admin.get_session(current.session_id).status == "active"
        assert not list((tmp_path / "spool").rglob("*.jpg"))  # nothing was left unsent
    finally:
        if kiosk is not None:
            kiosk.stop()
        assert server.stop() == 0
    assert "stopped" in "".join(server.output)


def test_the_kiosk_process_with_a_typo_in_its_camera_setting_is_not_ready_and_starts_no_clock(
        tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(QT_QPA_PLATFORM="offscreen", PROCTOR_ANALYSIS="0", PYTHONUNBUFFERED="1")
    data = tmp_path / "server-data"
    server = Process([command("proctor-server"), "--data-dir", str(data), "--port", "0"], env)
    kiosk: Process | None = None
    try:
        url = server.wait_for_line("listening on ", timeout=30).split()[-1]
        keys = json.loads((data / "keys.json").read_text())
        admin = RemoteCenter(url, keys["admin_key"])
        exam = admin.create_exam("End-to-end exam", duration_seconds=600)
        kiosk = Process([command("proctor-candidate"), "--server", url,
                         "--kiosk-key", keys["kiosk_key"], "--exam-id", exam.exam_id,
                         "--candidate-ref", "E2E-2", "--candidate-name", "Erin Example",
                         "--camera", "synthetc", "--spool-dir", str(tmp_path / "spool")], env)
        deadline = time.monotonic() + 30
        while not any("readiness camera: not_ready" in line for line in kiosk.output):
            assert time.monotonic() < deadline, "".join(kiosk.output)
            with contextlib.suppress(queue.Empty):
                kiosk.lines.get(timeout=0.5)
        line = next(line for line in kiosk.output if "readiness camera: not_ready" in line)
        assert "'synthetc' names no camera" in line and "Did you mean 'synthetic'?" in line
        assert kiosk.stop() == 0  # a request in hand finishes before the kiosk exits
        assert admin.list_sessions("all") == []
        assert not any("started for E2E-2" in line for line in kiosk.output)
    finally:
        if kiosk is not None:
            kiosk.stop()
        assert server.stop() == 0

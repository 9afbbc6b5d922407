"""A real `proctor-server` for the benchmarks: started as a subprocess on 127.0.0.1 port 0, its
output read all the time (a pipe nobody reads stops a chatty server once it is full), its keys
read from the data dir, its CPU and RSS measured with psutil.

    server = BenchmarkServer(data_dir, settings={"PROCTOR_ANALYSIS": "0"})
    ... server.url, server.admin, server.kiosk, server.cpu_seconds() ...
    server.stop()

``root`` runs the server of another checkout of the repository (A B rounds of two trees)."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
START_SECONDS = 60


def launch(command: list[str], env: dict[str, str],
           cwd: Path = REPO) -> tuple[subprocess.Popen[str], str]:
    """Start ``command``, keep reading its output, and return it with the URL of its
    "listening on URL" line."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=env, cwd=cwd)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            break
        if line is None:
            break
        if line.startswith("listening on "):
            return process, line.removeprefix("listening on ").split()[0]
    process.kill()
    raise SystemExit(f"{command[0]} did not start")


def server_env(settings: Mapping[str, str], root: Path = REPO) -> dict[str, str]:
    """This process's environment without its PROCTOR_ settings, plus ``settings``; the server
    of ``root``; no demo samples."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(PYTHONPATH=str(root), PYTHONUNBUFFERED="1", PROCTOR_SAMPLES="0")
    env.update(settings)
    return env


class BenchmarkServer:
    def __init__(self, data_dir: Path, settings: Mapping[str, str] | None = None,
                 args: Sequence[str] = (), root: Path = REPO) -> None:
        self.data_dir = data_dir
        command = [sys.executable, "-m", "core.api.server", "--data-dir", str(data_dir),
                   "--port", "0", *args]
        self.process, self.url = launch(command, server_env(settings or {}, root), cwd=root)
        settings = settings or {}
        keys_file = data_dir / "keys.json"
        keys = json.loads(keys_file.read_text()) if keys_file.exists() else {}
        self.admin: str = settings.get("PROCTOR_ADMIN_KEY") or keys["admin_key"]
        self.kiosk: str = settings.get("PROCTOR_KIOSK_KEY") or keys["kiosk_key"]
        self.ps = psutil.Process(self.process.pid)

    def cpu_seconds(self) -> float:
        times = self.ps.cpu_times()
        return times.user + times.system

    def rss_mb(self) -> float:
        return self.ps.memory_info().rss / 2**20

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)

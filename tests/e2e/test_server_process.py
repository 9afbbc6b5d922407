"""`proctor-server` as an operator runs it: a real process on a free port that announces where it
listens, answers health, keeps its keys private, stops cleanly on SIGTERM, and says clearly
when its port is taken."""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

START_TIMEOUT = 30.0
STOP_TIMEOUT = 5.0


def server_command() -> list[str]:
    script = shutil.which("proctor-server")
    return [script] if script else [sys.executable, "-m", "core.api.server"]


@dataclass
class ServerProcess:
    process: subprocess.Popen[str]
    lines: queue.Queue[str | None] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, data_dir: Path, port: int = 0, *, args: tuple[str, ...] = (),
              env: dict[str, str] | None = None) -> ServerProcess:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "PROCTOR_ANALYSIS": "0", **(env or {})}
        process = subprocess.Popen(
            [*server_command(), "--data-dir", str(data_dir), "--port", str(port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
            cwd=Path(__file__).resolve().parents[2],
        )
        server = cls(process)
        threading.Thread(target=server._pump, daemon=True).start()
        return server

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for_line(self, prefix: str, timeout: float = START_TIMEOUT) -> str:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"no line starting {prefix!r}; output so far: {self.seen}; "
                             f"stderr: {self.stderr_if_exited()}")

    def stderr_if_exited(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return "(still running)"
        return self.process.stderr.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def servers() -> Iterator[list[ServerProcess]]:
    started: list[ServerProcess] = []
    yield started
    for server in started:
        server.stop()


def start(servers: list[ServerProcess], data_dir: Path, port: int = 0) -> ServerProcess:
    server = ServerProcess.start(data_dir, port)
    servers.append(server)
    return server


def test_the_server_announces_its_address_answers_and_stops_cleanly_on_sigterm(
        tmp_path, servers):
    data_dir = tmp_path / "data"
    server = start(servers, data_dir)

    url = server.wait_for_line("listening on http://").removeprefix("listening on ")
    host, port = url.removeprefix("http://").rsplit(":", 1)
    assert host == "127.0.0.1" and 0 < int(port) < 65536

    health = httpx.get(f"{url}/api/v1/health", timeout=10)
    assert health.status_code == 200
    assert health.json()["status"] == "ok" and health.json()["version"]

    keys_file = data_dir / "keys.json"
    assert stat.S_IMODE(keys_file.stat().st_mode) == 0o600
    keys = json.loads(keys_file.read_text())
    assert f"  admin key: {keys['admin_key']}" in server.seen
    sessions = httpx.get(f"{url}/api/v1/proctor/sessions", timeout=10,
                         headers={"Authorization": f"Bearer {keys['admin_key']}"})
    assert sessions.status_code == 200
    if not os.environ.get("PROCTOR_DATABASE_URL"):  # the default: a SQLite file in the data dir
        assert (data_dir / "proctor.db").exists()

    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(STOP_TIMEOUT) == 0
    server.wait_for_line("stopped", timeout=STOP_TIMEOUT)
    stderr = server.process.stderr.read()
    assert "Traceback" not in stderr, stderr
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/api/v1/health", timeout=2)


def test_a_second_server_on_the_same_port_says_it_is_in_use_and_exits(tmp_path, servers):
    first = start(servers, tmp_path / "first")
    url = first.wait_for_line("listening on http://").removeprefix("listening on ")
    port = int(url.rsplit(":", 1)[1])

    second = start(servers, tmp_path / "second", port)

    assert second.process.wait(START_TIMEOUT) != 0
    stderr = second.process.stderr.read()
    assert f"Port {port} on 127.0.0.1 is already in use" in stderr, stderr
    assert "--port" in stderr and "Traceback" not in stderr
    assert httpx.get(f"{url}/api/v1/health", timeout=10).status_code == 200


def test_a_restarted_server_keeps_its_keys_and_data(tmp_path, servers):
    data_dir = tmp_path / "data"
    first = start(servers, data_dir)
    url = first.wait_for_line("listening on http://").removeprefix("listening on ")
    admin_key = json.loads((data_dir / "keys.json").read_text())["admin_key"]
    created = httpx.post(f"{url}/api/v1/exams", timeout=10,
                         headers={"Authorization": f"Bearer {admin_key}"},
                         json={"title": "Algebra final", "duration_seconds": 3600})
    assert created.status_code == 201
    first.process.send_signal(signal.SIGTERM)
    assert first.process.wait(STOP_TIMEOUT) == 0

    second = start(servers, data_dir)
    url = second.wait_for_line("listening on http://").removeprefix("listening on ")

    assert not any("new keys were generated" in line for line in second.seen)
    exams = httpx.get(f"{url}/api/v1/exams", timeout=10,
                      headers={"Authorization": f"Bearer {admin_key}"})
    assert [e["exam_id"] for e in exams.json()] == [created.json()["exam_id"]]


def test_ctrl_c_with_a_console_watching_the_stream_stops_the_server_at_once_without_an_error(
        tmp_path, servers):
    data_dir = tmp_path / "data"
    server = start(servers, data_dir)
    url = server.wait_for_line("listening on http://").removeprefix("listening on ")
    admin_key = json.loads((data_dir / "keys.json").read_text())["admin_key"]
    opened = threading.Event()
    stream_ended = threading.Event()

    def watch_stream() -> None:  # what a connected console does: one open change stream
        with contextlib.suppress(httpx.HTTPError), httpx.stream(
                "GET", f"{url}/api/v1/proctor/stream", timeout=30,
                headers={"Authorization": f"Bearer {admin_key}"}) as response:
            assert response.status_code == 200
            opened.set()
            for _ in response.iter_bytes():
                pass
        stream_ended.set()

    threading.Thread(target=watch_stream, daemon=True).start()
    assert opened.wait(10)

    pressed = time.monotonic()
    server.process.send_signal(signal.SIGINT)
    assert server.process.wait(STOP_TIMEOUT) == 0
    took = time.monotonic() - pressed
    stderr = server.process.stderr.read()

    assert took < 2.0, f"stopping took {took:.1f} s; stderr: {stderr}"
    assert " ERROR " not in stderr and "graceful shutdown" not in stderr, stderr
    assert "Traceback" not in stderr, stderr
    assert stream_ended.wait(5)

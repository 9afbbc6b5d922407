"""Helpers shared by the API and integration tests: raw HTTP calls that never raise on an error
status, a full picture of what is stored (every table, every media file), and small builders."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from hypothesis import strategies as st
from sqlalchemy import Engine, inspect, text

from console.proctor.center import RemoteCenter
from core.api.app import create_app
from core.api.server import ApiServer
from core.bootstrap import Core, build_core
from core.client import ProctorClient
from core.config import CoreConfig
from core.domain.clock import FakeClock
from tests.helpers import LiveServer, media_files, new_snapshot_id

API = "/api/v1"


def parse_time(value: str) -> datetime:
    """An API time (ISO 8601, ``Z`` or an offset) as an aware datetime."""
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    assert parsed.tzinfo is not None, f"{value!r} has no UTC offset"
    return parsed


def bearer(secret: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"} if secret else {}


def plain_http() -> httpx.HTTPTransport:
    """A transport for plain HTTP on loopback. (A default httpx client builds a TLS context
    first, about 70 ms, which adds up over hundreds of short test calls.)"""
    return httpx.HTTPTransport(verify=False)


def call(base_url: str, method: str, path: str, secret: str | None = None,
         **kwargs: Any) -> httpx.Response:
    """One real HTTP request; the response is returned whatever its status."""
    headers = {**bearer(secret), **kwargs.pop("headers", {})}
    with httpx.Client(base_url=base_url, timeout=20, transport=plain_http()) as client:
        return client.request(method, f"{API}{path}", headers=headers, **kwargs)


def admin_client(live_server: LiveServer) -> RemoteCenter:
    """The administrator's client: the console's ``RemoteCenter`` with the admin key."""
    return RemoteCenter(live_server.url, live_server.core.config.admin_key,
                        transport=plain_http())


def kiosk_client(live_server: LiveServer) -> ProctorClient:
    return ProctorClient(live_server.url, live_server.core.config.kiosk_key,
                         transport=plain_http())


def upload(base_url: str, attempt_id: str, token: str | None, image: bytes,
           snapshot_id: str | None = None, captured_at: str | None = None,
           content_type: str = "image/jpeg") -> httpx.Response:
    data = {"snapshot_id": snapshot_id or new_snapshot_id()}
    if captured_at is not None:
        data["captured_at"] = captured_at
    return call(base_url, "POST", f"/attempts/{attempt_id}/snapshots", token,
                files={"image": ("frame.jpg", image, content_type)}, data=data)


# ---- what is stored ---------------------------------------------------------------------------
def database_state(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (including Alembic's), in a stable order."""
    state: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in sorted(inspect(connection).get_table_names()):
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            state[table] = sorted((tuple(row) for row in rows), key=repr)
    return state


def row_counts(engine: Engine) -> dict[str, int]:
    return {table: len(rows) for table, rows in database_state(engine).items()}


def stored_files(core: Core) -> list[Path]:
    return media_files(core.config.media_root)


@contextmanager
def nothing_is_stored(core: Core) -> Iterator[None]:
    """Assert that the block changes no row of any table and no file under the media root."""
    rows_before, files_before = database_state(core.engine), stored_files(core)
    yield
    assert stored_files(core) == files_before, "a file was written or removed"
    rows_after = database_state(core.engine)
    changed = [t for t in rows_after if rows_after[t] != rows_before.get(t)]
    assert not changed, f"rows changed in {changed}"


def assert_readable(response: httpx.Response, status: int) -> str:
    """The response has ``status`` and a ``detail`` that is a sentence, not a data dump."""
    assert response.status_code == status, (response.status_code, response.text)
    detail = response.json()["detail"]
    assert isinstance(detail, str), detail
    assert " " in detail.strip() and detail.rstrip().endswith((".", "!", "?")), detail
    for leak in ("Traceback", "{", " object at 0x", "<_io."):
        assert leak not in detail, f"the detail shows program internals: {detail!r}"
    return detail


@contextmanager
def served_core(data_dir: Path) -> Iterator[tuple[Core, str]]:
    """A core on a FakeClock behind a real uvicorn server, for module-scoped fixtures whose
    tests do not change what is stored (refusals), so one server serves them all."""
    config = CoreConfig.load(data_dir=data_dir, env={"PROCTOR_ANALYSIS": "0"})
    core = build_core(config, FakeClock())
    server = ApiServer(create_app(core), "127.0.0.1", 0)
    server.start()
    try:
        yield core, server.url
    finally:
        server.stop()
        core.close()


# ---- builders ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kiosk:
    """One started attempt as its kiosk holds it."""

    attempt_id: str
    token: str
    session_id: str


def start_kiosk(core: Core, exam_id: str, ref: str, name: str = "Ann Lee") -> Kiosk:
    started = core.attempts.start_attempt(exam_id, ref, name)
    assert started.proctor_session_id is not None
    return Kiosk(started.attempt_id, started.token, started.proctor_session_id)


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims ``width`` x ``height`` with a tiny IDAT: a decompression bomb
    header. The chunk CRCs are right, so only the size gives it away."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 1024)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """The original with a few bit flips, cuts, insertions or zeroed runs, mostly in the headers."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        near_header = st.integers(0, min(700, len(data) - 1))
        position = draw(st.one_of(near_header, st.integers(0, len(data) - 1)))
        kind = draw(st.sampled_from(["flip", "cut", "insert", "zero"]))
        if kind == "flip":
            data[position] ^= draw(st.integers(1, 255))
        elif kind == "cut":
            del data[position:]
        elif kind == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=64))
        else:
            run = min(draw(st.integers(1, 512)), len(data) - position)
            data[position:position + run] = bytes(run)
    return bytes(data)


# ---- a small file system ----------------------------------------------------------------------
@contextmanager
def small_file_system(mount_point: Path, size: str = "1m") -> Iterator[Path]:
    """A fresh tmpfs of ``size`` mounted at ``mount_point`` (root only), unmounted afterwards.
    Skips the test, saying why, where it cannot be mounted."""
    import os
    import subprocess

    import pytest

    if os.geteuid() != 0:
        pytest.skip("a full file system is simulated with a small tmpfs, and mounting one "
                    "needs root")
    mount_point.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                              str(mount_point)], capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill_up(folder: Path) -> Path:
    """Write a file in ``folder`` until its file system has no byte left; return the file."""
    import errno

    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    with open(folder / "filler-tail.bin", "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0")
        except OSError as exc:
            assert exc.errno == errno.ENOSPC, exc
    return filler


# ---- a real proctor-server process ------------------------------------------------------------
REPO = Path(__file__).resolve().parents[3]
STOP_TIMEOUT = 60.0
START_TIMEOUT = 30.0


class ServerProcess:
    """``python -m core.api.server`` (what ``proctor-server`` runs) with a umask and environment."""

    def __init__(self, data_dir: Path, *args: str, umask: int = 0o022,
                 env: dict[str, str] | None = None) -> None:
        full_env = {**os.environ, "PYTHONUNBUFFERED": "1", "PROCTOR_ANALYSIS": "0",
                    **(env or {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "core.api.server", "--data-dir", str(data_dir), "--port", "0",
             *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env, cwd=REPO,
            preexec_fn=lambda: os.umask(umask),
        )
        self.lines: list[str] = []
        self.url = ""
        self._ready = threading.Event()
        self._pumping = threading.Thread(target=self._pump, daemon=True)
        self._pumping.start()
        # stderr is read as it comes too: a server that writes more than a pipe holds would
        # otherwise wait for a reader that waits for it to stop
        self._stderr: list[str] = []
        self._pumping_stderr = threading.Thread(target=self._pump_stderr, daemon=True)
        self._pumping_stderr.start()

    def _pump_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._stderr.append(line)

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            if line.startswith("listening on "):
                self.url = line.removeprefix("listening on ").strip()
                self._ready.set()
        self._ready.set()

    def wait_ready(self) -> str:
        assert self._ready.wait(START_TIMEOUT) and self.url, (self.lines, self.stderr())
        return self.url

    def exit_code(self) -> int:
        """Wait for the process to end by itself and for all it printed."""
        code = self.process.wait(START_TIMEOUT)
        self._pumping.join(START_TIMEOUT)
        self._pumping_stderr.join(START_TIMEOUT)
        self._close_pipes()
        return code

    def _close_pipes(self) -> None:
        """Once both pumps have read to the end (their threads have ended)."""
        for pipe, pump in ((self.process.stdout, self._pumping),
                           (self.process.stderr, self._pumping_stderr)):
            if pipe is not None and not pump.is_alive():
                pipe.close()

    def stderr(self) -> str:
        """All it wrote to stderr, once it has ended."""
        if self.process.poll() is None:
            return "(still running)"
        self._pumping_stderr.join(START_TIMEOUT)
        return "".join(self._stderr)

    def stop(self) -> str:
        """Stop (SIGTERM) and return what it wrote to stderr since the last stop. A clean stop
        finishes the analysis and the writer's work; it gets 60 s, and past 30 the server
        writes its threads' stacks, shown here."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(START_TIMEOUT)
            raise AssertionError(f"the server did not stop within {STOP_TIMEOUT:.0f} s; it "
                                 f"printed {self.lines[-20:]} and wrote to stderr:\n"
                                 f"{self.stderr()[-12_000:]}") from None
        written = self.stderr()
        self._stderr.clear()
        self._pumping.join(STOP_TIMEOUT)
        self._close_pipes()
        return written

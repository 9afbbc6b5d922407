"""How many kiosks one `proctor-server` serves: N simulated kiosks doing what `console/kiosk` does,
a fresh server (SQLite, analysis on) per level, levels ramped in one run.

    python3 tests/benchmarks/capacity.py [--levels 125,250,500,1000] [--seconds 75]
                                         [--cadence 10] [--heartbeat 5] [--streams 1] [--tls]
                                         [--server-env NAME=VALUE ...] [--profile LEVEL]
                                         [--postgresql-url URL [--workers 2]]

Each simulated kiosk, like the real one: a snapshot of a real face (resources/demo_frames, one of
several, in capture order) every ``--cadence`` seconds on its upload connection, and the attempt's
heartbeat (``GET /api/v1/attempts/{id}``) every ``--heartbeat`` seconds on a second connection; each
connection is kept between requests and opened again when the server has closed it, as the
kiosk's HTTP client does (so the count of new connections shows the server's keep-alive policy).
Kiosks start at random offsets inside one cadence. ``--streams`` proctor streams stay open and are
read. The generator is one asyncio process writing HTTP/1.1 by hand, so it costs little: its own
CPU is printed, as the machine is shared.

Per level it prints: uploads/s offered and achieved, upload and heartbeat p50/p99, errors, new
connections, analysis lag p50/p99 of each session's newest frame (from the snapshots'
``received_at`` and ``analysed_at``: a frame's lag is counted while it is the newest of its session,
so a frame superseded before its analysis counts as skipped, not as lag, and a newest frame never
analysed counts until the level's end), frames skipped (the server's per-session
``frames_skipped``), server CPU (cores) and RSS, and the generator's CPU.

``--profile LEVEL`` samples that level's server with py-spy during the load (attached from outside,
``--nonblocking``) and prints where its threads spent their time: own time per function, and the
time under the request handlers, the analysis and the snapshot writer. With ``--profile-gil``
only the thread holding the interpreter lock is sampled: what the others wait behind.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

import psutil

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.ingest import empty_postgresql, server_cpu_seconds  # noqa: E402
from tests.benchmarks.server import launch  # noqa: E402

FRAMES = REPO / "resources" / "demo_frames"
BOUNDARY = "capacity-benchmark-boundary"
#: A request not answered within this long counts as an error (the kiosk's own timeout is 8 s).
REQUEST_TIMEOUT = 8.0
ARGS_SERIES = [0.0]  # the --series step, for printing


# ---- a small HTTP/1.1 client on asyncio streams -------------------------------------------------
class Connection:
    """One kept-alive connection, opened again when the server has closed it (as httpx does)."""

    opened = 0  # across all connections: how many TCP (and TLS) connections were made

    def __init__(self, host: str, port: int, tls: ssl.SSLContext | None) -> None:
        self.host, self.port, self.tls = host, port, tls
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.close()
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port, ssl=self.tls)
        Connection.opened += 1

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, headers: dict[str, str],
                      body: bytes = b"") -> tuple[int, bytes]:
        for attempt in (1, 2):
            if self.reader is None or self.reader.at_eof() or self.writer.is_closing():
                await self._open()
            head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                    f"Content-Length: {len(body)}"]
            head += [f"{k}: {v}" for k, v in headers.items()]
            self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
            try:
                await self.writer.drain()
                return await asyncio.wait_for(self._response(), REQUEST_TIMEOUT)
            except TimeoutError:
                self.close()
                raise
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()  # closed by the server while idle: open again once, as httpx does
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _response(self) -> tuple[int, bytes]:
        status_line = await self.reader.readuntil(b"\r\n")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readuntil(b"\r\n")
            if line == b"\r\n":
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        body = await self.reader.readexactly(length) if length else b""
        if close:
            self.close()
        return status, body


def multipart(snapshot_id: str, captured_at: str, image: bytes) -> bytes:
    parts = []
    for name, value in (("snapshot_id", snapshot_id), ("captured_at", captured_at)):
        parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                     f"{value}\r\n".encode())
    parts.append(f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="image"; '
                 f'filename="{snapshot_id}.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'.encode()
                 + image + b"\r\n")
    parts.append(f"--{BOUNDARY}--\r\n".encode())
    return b"".join(parts)


# ---- the server ---------------------------------------------------------------------------------
@dataclass
class Server:
    process: subprocess.Popen[str] | None  # None: a center started elsewhere (--against)
    url: str
    keys: dict
    tls: ssl.SSLContext | None
    attempts: list[tuple[str, str]] = field(default_factory=list)
    session_of: dict[str, str] = field(default_factory=dict)  # attempt id -> session id

    @property
    def host_port(self) -> tuple[str, int]:
        parts = urlsplit(self.url)
        return parts.hostname or "127.0.0.1", parts.port or 80


def start_server(data_dir: Path, use_tls: bool, extra_env: dict[str, str],
                 workers: int = 1) -> Server:
    script = shutil.which("proctor-server")
    command = [script] if script else [sys.executable, "-m", "core.api.server"]
    command += ["--data-dir", str(data_dir), "--port", "0", "--tls" if use_tls else "--no-tls",
                "--workers", str(workers)]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update({"PYTHONUNBUFFERED": "1", **extra_env})
    process, url = launch(command, env)
    context = None
    if use_tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the benchmark measures load, not trust
    keys = json.loads((data_dir / "keys.json").read_text())
    return Server(process, url, keys, context)


async def start_attempts(server: Server, count: int) -> None:
    host, port = server.host_port
    admin = {"Authorization": f"Bearer {server.keys['admin_key']}",
             "Content-Type": "application/json"}
    kiosk = {"Authorization": f"Bearer {server.keys['kiosk_key']}",
             "Content-Type": "application/json"}
    setup = Connection(host, port, server.tls)
    status, body = await setup.request("POST", "/api/v1/exams", admin, json.dumps(
        {"title": "Capacity", "duration_seconds": 7 * 24 * 3600,
         "snapshot_interval_seconds": 10}).encode())
    assert status == 201, body
    exam_id = json.loads(body)["exam_id"]

    async def starter(numbers: range) -> None:
        connection = Connection(host, port, server.tls)
        for n in numbers:
            status, body = await connection.request("POST", "/api/v1/attempts", kiosk, json.dumps(
                {"exam_id": exam_id, "candidate_ref": f"CAP-{n:04d}",
                 "candidate_name": f"Kiosk {n}", "seat": f"S-{n}"}).encode())
            assert status == 201, body
            started = json.loads(body)
            server.attempts.append((started["attempt_id"], started["token"]))
            server.session_of[started["attempt_id"]] = started["proctor_session_id"]
        connection.close()

    await asyncio.gather(*(starter(range(k, count, 8)) for k in range(8)))
    setup.close()


# ---- the load -----------------------------------------------------------------------------------
@dataclass
class Figures:
    upload_ms: list[float] = field(default_factory=list)
    upload_at: list[float] = field(default_factory=list)  # when each answered upload was sent
    heartbeat_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    offered: int = 0

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


async def kiosk(server: Server, attempt: tuple[str, str], frames: list[bytes], args,
                figures: Figures, until: float) -> None:
    host, port = server.host_port
    attempt_id, token = attempt
    auth = {"Authorization": f"Bearer {token}"}
    uploads, beats = Connection(host, port, server.tls), Connection(host, port, server.tls)
    upload_path = f"/api/v1/attempts/{attempt_id}/snapshots"
    loop = asyncio.get_running_loop()

    async def upload_loop() -> None:
        await asyncio.sleep(min(random.uniform(0, args.cadence), max(0.0, until - loop.time())))
        n = random.randrange(len(frames))
        next_at = loop.time()
        while next_at < until:
            body = multipart(str(uuid.uuid4()), datetime.now(UTC).isoformat(),
                             frames[n % len(frames)])
            n += 1
            figures.offered += 1
            started = time.perf_counter()
            try:
                status, _ = await uploads.request("POST", upload_path, {
                    **auth, "Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}, body)
                if status in (200, 201):
                    figures.upload_ms.append((time.perf_counter() - started) * 1000)
                    figures.upload_at.append(started)
                else:
                    figures.error(f"upload {status}")
            except (OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
                figures.error(f"upload {type(exc).__name__}")
            next_at += args.cadence
            await asyncio.sleep(max(0.0, min(next_at, until) - loop.time()))

    async def heartbeat_loop() -> None:
        await asyncio.sleep(min(random.uniform(0, args.heartbeat), max(0.0, until - loop.time())))
        next_at = loop.time()
        while next_at < until:
            started = time.perf_counter()
            try:
                status, _ = await beats.request("GET", f"/api/v1/attempts/{attempt_id}", auth)
                if status == 200:
                    figures.heartbeat_ms.append((time.perf_counter() - started) * 1000)
                else:
                    figures.error(f"heartbeat {status}")
            except (OSError, TimeoutError, asyncio.IncompleteReadError) as exc:
                figures.error(f"heartbeat {type(exc).__name__}")
            next_at += args.heartbeat
            await asyncio.sleep(max(0.0, min(next_at, until) - loop.time()))

    try:
        await asyncio.gather(upload_loop(), heartbeat_loop())
    finally:
        uploads.close()
        beats.close()


async def read_stream(server: Server, until: float, counter: list[int]) -> None:
    host, port = server.host_port
    reader, writer = await asyncio.open_connection(host, port, ssl=server.tls)
    writer.write((f"GET /api/v1/proctor/stream HTTP/1.1\r\nHost: {host}\r\n"
                  f"Authorization: Bearer {server.keys['admin_key']}\r\n"
                  "Accept: text/event-stream\r\n\r\n").encode())
    loop = asyncio.get_running_loop()
    with contextlib.suppress(TimeoutError, ConnectionError, asyncio.IncompleteReadError):
        while loop.time() < until:
            chunk = await asyncio.wait_for(reader.read(65536), max(0.1, until - loop.time()))
            if not chunk:
                break
            counter[0] += chunk.count(b"\nevent:") + chunk.startswith(b"event:")
    writer.close()


# ---- analysis lag -------------------------------------------------------------------------------
def parse_time(text: str | None) -> float | None:
    return None if text is None else datetime.fromisoformat(text).timestamp()


async def analysis_figures(server: Server, ended_at: float) -> dict:
    """Lag of each session's newest frame, and the frames the server skipped."""
    host, port = server.host_port
    admin = {"Authorization": f"Bearer {server.keys['admin_key']}"}
    lags: list[float] = []
    skipped = analysed = total = 0
    has_analysed_at = True

    async def reader(part: list[tuple[str, str]]) -> None:
        nonlocal skipped, analysed, total, has_analysed_at
        connection = Connection(host, port, server.tls)
        for attempt_id, _ in part:
            session_id = server.session_of[attempt_id]
            _, body = await connection.request(
                "GET", f"/api/v1/proctor/sessions/{session_id}/snapshots?limit=10000", admin)
            snapshots = sorted(json.loads(body), key=lambda s: s["received_at"])
            total += len(snapshots)
            for index, snap in enumerate(snapshots):
                received = parse_time(snap["received_at"])
                if "analysed_at" not in snap:
                    has_analysed_at = False
                done = parse_time(snap.get("analysed_at"))
                following = (parse_time(snapshots[index + 1]["received_at"])
                             if index + 1 < len(snapshots) else None)
                if snap["face_count"] is not None:
                    analysed += 1
                if done is not None and (following is None or done <= following):
                    lags.append(done - received)  # analysed while it was the newest
                elif done is None and following is None:
                    # the newest, never analysed: waiting since it arrived (some arrive after
                    # the level's end, from requests still in flight then)
                    lags.append(max(ended_at, time.time()) - received)
            _, body = await connection.request(
                "GET", f"/api/v1/proctor/sessions/{session_id}", admin)
            skipped += json.loads(body).get("frames_skipped", 0) or 0
        connection.close()

    await asyncio.gather(*(reader(server.attempts[k::8]) for k in range(8)))
    return {"lags": lags, "skipped": skipped, "analysed": analysed, "total": total,
            "has_analysed_at": has_analysed_at}


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


# ---- one level ----------------------------------------------------------------------------------
async def drive(server: Server, count: int, args, frames: list[bytes],
                during: Callable[[], Awaitable[None]] | None = None) -> dict:
    """Start ``count`` attempts on ``server``, load it for ``args.seconds`` and read the figures
    that are seen from outside (``during``, if given, runs beside the load, e.g. a profiler)."""
    await start_attempts(server, count)
    loop = asyncio.get_running_loop()
    figures, stream_events = Figures(), [0]
    Connection.opened = 0
    me0, wall0 = time.process_time(), time.monotonic()
    until = loop.time() + args.seconds
    await asyncio.gather(
        *(kiosk(server, attempt, frames, args, figures, until) for attempt in server.attempts),
        *(read_stream(server, until, stream_events) for _ in range(args.streams)),
        *([during()] if during is not None else []))
    wall = time.monotonic() - wall0
    generator_cores = (time.process_time() - me0) / wall
    ended_at = time.time()
    await asyncio.sleep(args.settle)
    analysis = await analysis_figures(server, ended_at)
    return {
        "kiosks": count, "offered": figures.offered / args.seconds,
        "achieved": len(figures.upload_ms) / args.seconds,
        "up50": pct(figures.upload_ms, 0.5), "up99": pct(figures.upload_ms, 0.99),
        "hb50": pct(figures.heartbeat_ms, 0.5), "hb99": pct(figures.heartbeat_ms, 0.99),
        "errors": sum(figures.errors.values()), "error_kinds": figures.errors,
        "connections": Connection.opened, "stream_events": stream_events[0],
        "lag50": pct(analysis["lags"], 0.5), "lag99": pct(analysis["lags"], 0.99),
        "analysed": analysis["analysed"], "frames": analysis["total"],
        "skipped": analysis["skipped"], "has_analysed_at": analysis["has_analysed_at"],
        "generator_cores": generator_cores, "wall": wall,
        "series": series(figures.upload_at, figures.upload_ms, args.series),
    }


async def run_level(count: int, args, frames: list[bytes], work: Path) -> dict:
    data_dir = work / f"center-{count}"
    profile_to = work / f"profile-{count}.txt" if args.profile == count else None
    extra_env = dict(item.split("=", 1) for item in args.server_env)
    if args.postgresql_url:
        empty_postgresql(args.postgresql_url)  # a fresh center per level, as with SQLite
        extra_env["PROCTOR_DATABASE_URL"] = args.postgresql_url
    server = start_server(data_dir, args.tls, extra_env, args.workers)
    server_process = psutil.Process(server.process.pid)
    rss: list[int] = []
    cpu: list[tuple[float, float]] = []  # (monotonic time, server CPU seconds)

    async def beside_the_load() -> None:
        cpu.append((time.monotonic(), server_cpu_seconds(server_process)))
        spy = None
        if profile_to is not None:  # sample the running server (not the set-up) from outside
            spy = subprocess.Popen(
                ["py-spy", "record", "--pid", str(server.process.pid), "--subprocesses",
                 "--nonblocking", "--rate", "100", "--format", "raw",
                 *(["--gil"] if args.profile_gil else []), "--duration",
                 str(int(args.seconds)), "-o", str(profile_to)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ends = time.monotonic() + args.seconds
        while time.monotonic() < ends:
            with contextlib.suppress(psutil.Error):
                rss.append(sum(p.memory_info().rss for p in
                               [server_process, *server_process.children(recursive=True)]))
            await asyncio.sleep(min(5.0, max(0.0, ends - time.monotonic())))
        cpu.append((time.monotonic(), server_cpu_seconds(server_process)))
        if spy is not None:
            await asyncio.to_thread(spy.wait, 60)

    try:
        row = await drive(server, count, args, frames, beside_the_load)
    finally:
        server.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.process.wait(30)
    (t0, cpu0), (t1, cpu1) = cpu[0], cpu[-1]
    row.update(server_cores=(cpu1 - cpu0) / (t1 - t0), rss_mb=max(rss, default=0) / 2**20,
               profile=profile_to)
    return row


def series(sent: list[float], ms: list[float], step: float) -> str:
    """Upload p50/max per ``step`` seconds of the level (stalls show as a run of high values)."""
    if not sent or step <= 0:
        return ""
    t0, buckets = min(sent), {}
    for at, value in zip(sent, ms, strict=True):
        buckets.setdefault(int((at - t0) // step), []).append(value)
    return " ".join(f"{pct(v, 0.5):.0f}/{max(v):.0f}" for _, v in sorted(buckets.items()))


def print_row(row: dict) -> None:
    lag = (f"{row['lag50']:5.1f} / {row['lag99']:5.1f} s" if row["has_analysed_at"]
           else "   (no analysed_at)")
    print(f"{row['kiosks']:6d} | {row['offered']:6.1f} / {row['achieved']:6.1f} "
          f"| {row['up50']:6.0f} / {row['up99']:6.0f} ms "
          f"| {row['hb50']:5.0f} / {row['hb99']:6.0f} ms "
          f"| {row['errors']:5d} | {row['connections']:6d} | {lag} "
          f"| {row['analysed']:6d}/{row['frames']:<6d} {row['skipped']:5d} "
          f"| {row['server_cores']:4.2f} {row['rss_mb']:5.0f} MB | {row['generator_cores']:4.2f}",
          flush=True)
    if row["error_kinds"]:
        print(f"         errors: {row['error_kinds']}", flush=True)
    if row["series"]:
        print(f"         upload p50/max ms per {ARGS_SERIES[0]:g} s: {row['series']}", flush=True)


def print_profile(path: Path, top: int = 30) -> None:
    """py-spy's collapsed stacks: the share of active samples per function, own and inclusive."""
    own: dict[str, int] = {}
    inclusive: dict[str, int] = {}
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames_ = [f for f in stack.split(";") if not f.startswith(("process ", "thread "))]
        if not frames_:
            continue
        total += int(count)
        own[frames_[-1]] = own.get(frames_[-1], 0) + int(count)
        for name in set(frames_):
            inclusive[name] = inclusive.get(name, 0) + int(count)
    print(f"\nprofile: {total} active samples")
    for title, table in (("own time", own), ("inclusive time", inclusive)):
        print(f"  by {title}:")
        for name, count in sorted(table.items(), key=lambda kv: -kv[1])[:top]:
            print(f"    {100 * count / total:5.1f} %  {name}")


def load_elsewhere(args, frames: list[bytes]) -> int:
    """``--against``: one level's load on a center this script did not start."""
    if not (args.kiosk_key and args.admin_key):
        print("--against needs --kiosk-key and --admin-key", file=sys.stderr)
        return 2
    context = None
    if args.against.startswith("https:"):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the benchmark measures load, not trust
    server = Server(None, args.against.rstrip("/"),
                    {"kiosk_key": args.kiosk_key, "admin_key": args.admin_key}, context)
    row = asyncio.run(drive(server, int(args.levels.split(",")[0]), args, frames))
    print(json.dumps(row), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", default="125,250,500,1000")
    parser.add_argument("--seconds", type=float, default=75)
    parser.add_argument("--cadence", type=float, default=10)
    parser.add_argument("--heartbeat", type=float, default=5)
    parser.add_argument("--streams", type=int, default=1)
    parser.add_argument("--settle", type=float, default=5,
                        help="seconds after the load before the analysis figures are read")
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--server-env", action="append", default=[],
                        help="NAME=VALUE for the server (e.g. PROCTOR_ANALYSIS_WORKERS=2)")
    parser.add_argument("--postgresql-url", metavar="URL",
                        help="serve from this PostgreSQL database instead of a SQLite file (a "
                             "throw-away database: its schema is emptied before each level)")
    parser.add_argument("--workers", type=int, default=1,
                        help="proctor-server --workers (above 1 needs --postgresql-url)")
    parser.add_argument("--series", type=float, default=0, metavar="SECONDS",
                        help="also print the upload latency per this many seconds")
    parser.add_argument("--profile", type=int, default=None, metavar="LEVEL")
    parser.add_argument("--profile-gil", action="store_true",
                        help="sample only the thread holding the interpreter lock: what keeps "
                             "the other threads waiting")
    parser.add_argument("--keep-profile", type=Path, default=None, metavar="FILE",
                        help="also keep py-spy's collapsed stacks in FILE")
    parser.add_argument("--against", metavar="URL",
                        help="load a center started elsewhere (e.g. the console's embedded one) "
                             "with the first level's kiosks, and print the figures as one JSON "
                             "line; needs --kiosk-key and --admin-key")
    parser.add_argument("--kiosk-key")
    parser.add_argument("--admin-key")
    args = parser.parse_args(argv)
    ARGS_SERIES[0] = args.series
    frames = [path.read_bytes() for path in sorted(FRAMES.glob("*.jpg"))]
    if args.against:
        return load_elsewhere(args, frames)
    print(f"{len(frames)} face frames, cadence {args.cadence:g} s, heartbeat {args.heartbeat:g} s, "
          f"{args.seconds:g} s per level, {args.streams} stream(s), "
          f"{'HTTPS' if args.tls else 'HTTP'}, "
          f"{'PostgreSQL' if args.postgresql_url else 'SQLite'}, {args.workers} worker(s), "
          f"{os.cpu_count()} cores", flush=True)
    print("kiosks | uploads/s offered / achieved | upload p50 / p99 | heartbeat p50 / p99 "
          "| errors | conns | newest-frame lag p50 / p99 | analysed/frames skipped "
          "| server cores RSS | generator cores", flush=True)
    with tempfile.TemporaryDirectory(prefix="capacity-") as folder:
        for level in (int(n) for n in args.levels.split(",")):
            row = asyncio.run(run_level(level, args, frames, Path(folder)))
            print_row(row)
            if row["profile"] is not None and Path(row["profile"]).exists():
                print_profile(Path(row["profile"]))
                if args.keep_profile is not None:
                    shutil.copyfile(row["profile"], args.keep_profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Snapshot ingest throughput: the full pipeline of a real `proctor-server` against a durable
upload sink, measured in the same run on the same machine, in alternating rounds (A B A B).

    python3 tests/benchmarks/ingest.py [--uploaders 16] [--seconds 10] [--rounds 3]
                                       [--analysis on|off] [--in-process-seconds 5] [--profile]

Both servers are subprocesses on 127.0.0.1 port 0, one uvicorn worker each:

* full: `proctor-server` (temp data dir, SQLite, frame analysis on unless ``--analysis off``):
  auth, multipart parsing, validation with a reduced decode, EXIF stripping, thumbnail, then
  the snapshot writer's group commit (files fsync'd, renamed, folders fsync'd, one
  synchronous=FULL SQLite commit per batch), the events, and analysis off the request path;
* sink: a Starlette app with one POST route that parses the same multipart request and stores
  the image durably: temp file, fsync, rename, fsync of the folder (in the thread pool, as a
  blocking write would be served), then answers 201. The reference of the 0.7 target: what a
  durable upload costs at all, with nothing else done.

The load comes from `wrk` (``apt-get install -y wrk``) with a Lua script that builds each
multipart body with its own snapshot_id (a repeat would take the idempotent 200 path) and
spreads requests over several attempts, one per simulated kiosk. Without wrk a multi-process
httpx generator is used, which saturates near 570 req/s on a 2-core machine: the output says
so. Each round prints uploads/s and the server's CPU per upload (user + system of its process);
each pair of rounds prints the ratio full / sink (target: at least 0.7, judged on the median).

The in-process phase then does the full server's work without HTTP in this process (the same
core, the same number of concurrent uploaders as threads, the same frames; analysis as
chosen) and prints its CPU per upload: the difference to the full server's figure is what
serving it over HTTP costs (parsing, auth, the response, the event loop). It also times the
lean route's own steps (multipart parse, auth) on one request in a loop.

With ``--postgresql-url URL`` (a throw-away database: its schema is emptied) it also runs the
full pipeline on PostgreSQL with ``proctor-server --workers 1`` and ``--workers 2`` in A B
rounds and prints the ratio (target: 2 workers at least 1.5x one).

``--profile`` adds a round of the full server under py-spy and prints where time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
#: The checkout whose core is measured (``--before`` runs this script's in-process phase on
#: another checkout's core, in a child process).
sys.path.insert(0, os.environ.get("INGEST_CORE_ROOT", str(REPO)))

from tests.benchmarks.server import launch  # noqa: E402

BOUNDARY = "----proctorbench7MA4YWxkTrZu0gW"
FRAMES = 8  # distinct 640x480 JPEGs of about 50 KB, sent in turn
TARGET_RATIO = 0.7
WARMUP_SECONDS = 5  # the full server's first seconds (analysis starting, caches) run slower
UPLOAD_ROUTE = "/api/v1/attempts/{attempt_id}/snapshots"

LUA_SCRIPT = r"""
-- args: frames-list-file attempts-file run-number
local boundary = "@BOUNDARY@"
local frames, attempts = {}, {}
local counter, run = 0, 0
local threads = {}
local next_tid = 0

function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

function init(args)
  for path in io.lines(args[1]) do
    local f = assert(io.open(path, "rb"))
    frames[#frames + 1] = f:read("*a")
    f:close()
  end
  for line in io.lines(args[2]) do
    local id, token = line:match("^(%S+) (%S+)$")
    attempts[#attempts + 1] = {id, token}
  end
  run = tonumber(args[3])
end

function request()
  counter = counter + 1
  local a = attempts[(counter + tid) % #attempts + 1]
  local frame = frames[(counter + tid) % #frames + 1]
  local snapshot_id = string.format("%08x-%04x-4000-8000-%012x", run, tid, counter)
  local body = "--" .. boundary .. "\r\n"
    .. "Content-Disposition: form-data; name=\"snapshot_id\"\r\n\r\n" .. snapshot_id .. "\r\n"
    .. "--" .. boundary .. "\r\n"
    .. "Content-Disposition: form-data; name=\"image\"; filename=\"frame.jpg\"\r\n"
    .. "Content-Type: image/jpeg\r\n\r\n" .. frame .. "\r\n"
    .. "--" .. boundary .. "--\r\n"
  return wrk.format("POST", "/api/v1/attempts/" .. a[1] .. "/snapshots",
    {["Authorization"] = "Bearer " .. a[2],
     ["Content-Type"] = "multipart/form-data; boundary=" .. boundary}, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d %d %.0f %.0f\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
""".replace("@BOUNDARY@", BOUNDARY)


# ---- the durable sink (its own process: `ingest.py --serve-sink DIR`) ----------------------------
def serve_sink(out_dir: Path) -> None:
    """An async Starlette route that parses the multipart body and stores the image durably
    (temp file, fsync, rename, folder fsync) in the thread pool, then answers 201."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    def store(snapshot_id: str, data: bytes) -> None:
        path = out_dir / f"{snapshot_id}.jpg"
        tmp = out_dir / f".{snapshot_id}.jpg.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        folder = os.open(out_dir, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)

    async def upload(request: Request) -> JSONResponse:
        form = await request.form()
        data = await form["image"].read()  # type: ignore[union-attr]
        snapshot_id = str(form["snapshot_id"])
        await form.close()
        await run_in_threadpool(store, snapshot_id, data)
        return JSONResponse({"snapshot_id": snapshot_id, "size_bytes": len(data)},
                            status_code=201)

    app = Starlette(routes=[Route(UPLOAD_ROUTE, upload, methods=["POST"])])
    # IPPROTO_TCP like core.api.server.ApiServer, so asyncio sets TCP_NODELAY on connections.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(2048)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    print(f"listening on http://127.0.0.1:{sock.getsockname()[1]}", flush=True)
    asyncio.run(server.serve(sockets=[sock]))


# ---- processes ----------------------------------------------------------------------------------
@dataclass
class Target:
    name: str
    url: str
    process: subprocess.Popen[str]
    attempts: list[tuple[str, str]]


def start_full(data_dir: Path, kiosks: int, analysis: bool, workers: int = 1,
               database_url: str | None = None) -> Target:
    import httpx

    script = shutil.which("proctor-server")
    command = [script] if script else [sys.executable, "-m", "core.api.server"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update({"PROCTOR_ANALYSIS": "1" if analysis else "0", "PYTHONUNBUFFERED": "1"})
    if database_url:
        env["PROCTOR_DATABASE_URL"] = database_url
    process, url = launch([*command, "--data-dir", str(data_dir), "--port", "0",
                           "--workers", str(workers)], env)
    keys = json.loads((data_dir / "keys.json").read_text())
    with httpx.Client(base_url=url, timeout=30) as client:
        admin = {"Authorization": f"Bearer {keys['admin_key']}"}
        kiosk = {"Authorization": f"Bearer {keys['kiosk_key']}"}
        exam = client.post("/api/v1/exams", headers=admin,
                           json={"title": "Benchmark", "duration_seconds": 7 * 24 * 3600})
        exam.raise_for_status()
        attempts = []
        for n in range(kiosks):
            started = client.post("/api/v1/attempts", headers=kiosk, json={
                "exam_id": exam.json()["exam_id"], "candidate_ref": f"BENCH-{n:03d}",
                "candidate_name": f"Kiosk {n}"})
            started.raise_for_status()
            attempts.append((started.json()["attempt_id"], started.json()["token"]))
    target = Target("full", url, process, attempts)
    target.admin_key = keys["admin_key"]  # type: ignore[attr-defined]
    return target


def start_sink(out_dir: Path, kiosks: int) -> Target:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process, url = launch([sys.executable, __file__, "--serve-sink", str(out_dir)], env)
    attempts = [(str(uuid.uuid4()), "sink-needs-no-token") for _ in range(kiosks)]
    target = Target("sink", url, process, attempts)
    target.out_dir = out_dir  # type: ignore[attr-defined]
    return target


# ---- load generators ----------------------------------------------------------------------------
@dataclass
class Measurement:
    uploads: int
    failures: int
    seconds: float
    p50_ms: float | None = None
    p99_ms: float | None = None
    cpu_ms_per_upload: float | None = None
    system_ms_per_upload: float | None = None  # the kernel's share of it

    @property
    def per_second(self) -> float:
        return self.uploads / self.seconds


class WrkLoad:
    description = "wrk with a Lua script building each multipart body"

    def __init__(self, work_dir: Path, frames: list[Path], uploaders: int) -> None:
        self.work_dir = work_dir
        self.frames_file = work_dir / "frames.txt"
        self.frames_file.write_text("".join(f"{p}\n" for p in frames))
        self.script = work_dir / "upload.lua"
        self.script.write_text(LUA_SCRIPT)
        self.uploaders = uploaders
        self.run = 0

    def drive(self, target: Target, seconds: float) -> Measurement:
        self.run += 1
        attempts_file = self.work_dir / f"attempts-{target.name}.txt"
        attempts_file.write_text("".join(f"{a} {t}\n" for a, t in target.attempts))
        threads = min(2, self.uploaders)
        result = subprocess.run(
            ["wrk", "-t", str(threads), "-c", str(self.uploaders), "-d", f"{seconds:g}s",
             "--timeout", "10s", "-s", str(self.script), target.url, "--",
             str(self.frames_file), str(attempts_file), str(self.run)],
            capture_output=True, text=True, timeout=seconds + 60)
        line = next((x for x in result.stdout.splitlines() if x.startswith("RESULT ")), None)
        if line is None:
            raise SystemExit(f"wrk failed:\n{result.stdout}\n{result.stderr}")
        requests, duration_us, connect, read, write, status, timeout, p50, p99 = (
            int(float(x)) for x in line.split()[1:])
        failures = connect + read + write + status + timeout
        return Measurement(requests - status - timeout, failures, duration_us / 1e6,
                           p50 / 1000, p99 / 1000)


def _httpx_worker(url: str, attempts: list[tuple[str, str]], frames: list[bytes],
                  threads: int, seconds: float, tag: int, results: multiprocessing.Queue) -> None:
    import httpx

    stop_at = time.monotonic() + seconds
    counts = [0, 0]
    lock = threading.Lock()

    def uploader(n: int) -> None:
        ok = bad = 0
        with httpx.Client(base_url=url, timeout=10) as client:
            i = 0
            while time.monotonic() < stop_at:
                i += 1
                attempt_id, token = attempts[(n + i) % len(attempts)]
                snapshot_id = f"{tag:08x}-{n:04x}-4000-8000-{i:012x}"
                response = client.post(
                    f"/api/v1/attempts/{attempt_id}/snapshots",
                    headers={"Authorization": f"Bearer {token}"},
                    data={"snapshot_id": snapshot_id},
                    files={"image": ("frame.jpg", frames[i % len(frames)], "image/jpeg")})
                if response.status_code == 201:
                    ok += 1
                else:
                    bad += 1
        with lock:
            counts[0] += ok
            counts[1] += bad

    workers = [threading.Thread(target=uploader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    results.put(tuple(counts))


class HttpxLoad:
    description = ("a multi-process httpx generator (wrk not found; it saturates near 570 req/s, "
                   "so the ratio understates a fast server)")

    def __init__(self, frames: list[Path], uploaders: int) -> None:
        self.frames = [p.read_bytes() for p in frames]
        self.uploaders = uploaders
        self.run = 0

    def drive(self, target: Target, seconds: float) -> Measurement:
        self.run += 1
        processes = max(1, min(os.cpu_count() or 1, self.uploaders))
        results: multiprocessing.Queue = multiprocessing.Queue()
        share = [self.uploaders // processes + (i < self.uploaders % processes)
                 for i in range(processes)]
        started = time.monotonic()
        workers = [multiprocessing.Process(target=_httpx_worker, args=(
            target.url, target.attempts, self.frames, n, seconds, self.run * 1000 + i, results))
            for i, n in enumerate(share)]
        for worker in workers:
            worker.start()
        totals = [results.get(timeout=seconds + 60) for _ in workers]
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - started
        return Measurement(sum(t[0] for t in totals), sum(t[1] for t in totals), elapsed)


# ---- the run ------------------------------------------------------------------------------------
def make_frames(folder: Path) -> list[Path]:
    from tests.helpers import jpeg_bytes

    paths = []
    for seed in range(FRAMES):
        path = folder / f"frame-{seed}.jpg"
        path.write_bytes(jpeg_bytes(640, 480, seed=seed, quality=65))
        paths.append(path)
    return paths


def stop(targets: list[Target]) -> None:
    for target in targets:
        target.process.terminate()
    for target in targets:
        try:
            target.process.wait(15)
        except subprocess.TimeoutExpired:
            target.process.kill()


def empty_folder(folder: Path) -> None:
    for path in folder.iterdir():
        path.unlink(missing_ok=True)  # a temp file of an upload in flight may go meanwhile


def stored_snapshots(target: Target) -> int:
    import httpx

    storage = httpx.get(f"{target.url}/api/v1/storage", timeout=30,
                        headers={"Authorization": f"Bearer {target.admin_key}"})  # type: ignore[attr-defined]
    return storage.json()["files"] // 2


def profile_full(load: WrkLoad | HttpxLoad, full: Target, seconds: float, work: Path,
                 keep: Path | None = None) -> None:
    """Where time goes in the full server: py-spy samples every thread (idle ones too) during
    one more round; busy samples are summed per kind of thread (event loop, request worker
    threads, the snapshot writer, analysis) and, within the workers and the writer, by the
    innermost core function."""
    spy_command = shutil.which("py-spy")
    if spy_command is None:
        print("profile: py-spy is not installed (pip install py-spy); no profile taken")
        return
    out = work / "full.pyspy.txt"
    spy = subprocess.Popen(
        [spy_command, "record", "-p", str(full.process.pid), "-d", f"{seconds:g}", "-r", "200",
         "--nonblocking", "--format", "raw", "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    measured = load.drive(full, seconds)
    _, spy_errors = spy.communicate(timeout=60)
    if not out.exists():
        print(f"profile: py-spy failed ({spy_errors.strip()[-300:]})")
        return
    if keep is not None:
        shutil.copyfile(out, keep)
    busy: Counter[str] = Counter()
    total: Counter[str] = Counter()
    where: Counter[str] = Counter()
    for line in out.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames, samples = stack.split(";"), int(count)
        leaf = frames[-1]
        is_waiting = any(w in leaf for w in IDLE_FRAMES)
        if any("GroupCommitWriter._run" in f for f in frames):
            kind = "snapshot writer"
        elif any("FrameAnalysis" in f or "analysis.py" in f for f in frames):
            kind = "analysis"
        elif any("WorkerThread.run" in f for f in frames):
            kind = "request worker threads"
        elif any("run_forever" in f for f in frames):
            kind = "event loop"
        else:
            continue
        total[kind] += samples
        if not is_waiting:
            busy[kind] += samples
            if kind == "event loop":
                mine = [f for f in frames if "core/" in f or "starlette/" in f or "uvicorn/" in f]
                near = mine[-1].split(" (")[0] if mine else "?"
                where[f"{kind}: {near} | {leaf.split(' (')[0]}"] += samples
            elif kind in ("snapshot writer", "request worker threads"):
                own = [f for f in frames if "core/" in f]
                where[f"{kind}: {_describe(own[-1] if own else leaf, leaf)}"] += samples
    print(f"profile ({measured.per_second:.1f} uploads/s while sampled), busy ms per upload "
          f"(wall time; threads overlap):")
    for kind in total:
        print(f"  {kind:>24}: {busy[kind] / 200 / max(1, measured.uploads) * 1000:.2f} ms "
              f"(busy {100 * busy[kind] / max(1, total[kind]):.0f}% of its samples)")
    for what, samples in where.most_common(25):
        print(f"    {samples / 200 / max(1, measured.uploads) * 1000:5.2f} ms  {what}")


IDLE_FRAMES = ("Condition.wait", "EpollSelector.select", "Queue.get", "_wait_for_tstate_lock",
               "Event.wait", "SimpleQueue.get", "GroupCommitWriter._take_batch ",
               "GroupCommitWriter._run_commits ")


def _describe(core_frame: str, leaf: str) -> str:
    function = core_frame.split(" (")[0]
    described = {
        "MediaStore.write_durable": "files: create, write, fsync, rename, folder fsync",
        "_fsync_folder": "files: folder fsync",
        "MediaStore.validate": "image: decode (reduced), checks",
        "make_thumbnail": "image: thumbnail encode",
        "strip_jpeg_metadata": "image: strip EXIF",
        "MediaStore.resolve": "files: safe path resolution",
    }.get(function)
    if described is None and ("sqlalchemy" in leaf or "sqlite" in leaf):
        described = f"database: {function}"
    return described or f"{function} | {leaf.split(' (')[0]}"


# ---- the same work in-process -------------------------------------------------------------------
def measure_in_process(folder: Path, frames: list[Path], uploaders: int, kiosks: int,
                       seconds: float, analysis: bool) -> Measurement:
    """The full server's work without HTTP: a core in this process (SQLite, the same writer,
    analysis as chosen), ``uploaders`` threads storing snapshots in a loop, decoding at most as
    many at a time as the upload route does."""
    from core.api.snapshot_upload import PREPARE_THREADS
    from core.bootstrap import build_core
    from core.config import CoreConfig
    from core.services.snapshots import PreparedSnapshot

    config = CoreConfig.load(data_dir=folder, env={"PROCTOR_ANALYSIS": "1" if analysis else "0"})
    core = build_core(config)
    core.start_background_jobs()
    images = [p.read_bytes() for p in frames]
    try:
        exam = core.exams.create_exam("Benchmark", 7 * 24 * 3600)
        attempts = [core.attempts.start_attempt(exam.exam_id, f"BENCH-{n:03d}", f"Kiosk {n}")
                    for n in range(kiosks)]
        counts = [0] * uploaders
        go = threading.Event()
        stop_at = [0.0]

        decoding = threading.Semaphore(PREPARE_THREADS)  # as many at a time as the route

        def uploader(n: int) -> None:
            go.wait()
            i = 0
            while time.monotonic() < stop_at[0]:
                i += 1
                attempt = attempts[(n + i) % len(attempts)]
                with decoding:
                    prepared = core.snapshots.prepare_snapshot(
                        attempt.attempt_id, str(uuid.uuid4()), images[(n + i) % len(images)])
                assert isinstance(prepared, PreparedSnapshot)
                core.snapshots.submit(prepared).result()
                counts[n] += 1

        def run(duration: float) -> Measurement:
            counts[:] = [0] * uploaders
            threads = [threading.Thread(target=uploader, args=(n,)) for n in range(uploaders)]
            for thread in threads:
                thread.start()
            me = psutil.Process()
            before, started = me.cpu_times(), time.monotonic()
            stop_at[0] = started + duration
            go.set()
            for thread in threads:
                thread.join()
            after, elapsed = me.cpu_times(), time.monotonic() - started
            go.clear()
            done = sum(counts)
            cpu = after.user - before.user + after.system - before.system
            return Measurement(done, 0, elapsed, cpu_ms_per_upload=1000 * cpu / max(1, done))

        run(WARMUP_SECONDS)
        return run(seconds)
    finally:
        core.close()


def time_route_steps(folder: Path, frame: bytes, repeats: int = 2000) -> dict[str, float]:
    """CPU ms of the lean route's own steps on one request, in a loop in this process: the
    multipart parse (Starlette's parser), the secret check, and building the JSON answer."""
    from fastapi.security import HTTPBearer
    from starlette.requests import Request

    from core.api.app import create_app
    from core.api.auth import Access, authorize
    from core.api.snapshot_upload import answer_body
    from core.bootstrap import build_core
    from core.config import CoreConfig
    from core.domain.records import SnapshotDTO

    core = build_core(CoreConfig.load(data_dir=folder, env={"PROCTOR_ANALYSIS": "0"}))
    try:
        app = create_app(core)
        exam = core.exams.create_exam("Benchmark", 3600)
        attempt = core.attempts.start_attempt(exam.exam_id, "BENCH", "Kiosk")
        snapshot_id = str(uuid.uuid4())
        body = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"snapshot_id\"\r\n\r\n"
                f"{snapshot_id}\r\n--{BOUNDARY}\r\nContent-Disposition: form-data; "
                f"name=\"image\"; filename=\"frame.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n"
                ).encode() + frame + f"\r\n--{BOUNDARY}--\r\n".encode()
        headers = [(b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
                   (b"authorization", f"Bearer {attempt.token}".encode())]

        def request() -> Request:
            sent = False

            async def receive() -> dict[str, object]:
                nonlocal sent
                if sent:
                    return {"type": "http.disconnect"}
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

            return Request({"type": "http", "method": "POST", "path": "/", "headers": headers,
                            "query_string": b"", "app": app}, receive)

        async def parse() -> None:
            form = await request().form()
            await form["image"].read()  # type: ignore[union-attr]
            await form.close()

        bearer = HTTPBearer(auto_error=False)

        async def auth() -> None:
            r = request()
            await authorize(r, await bearer(r), Access.ATTEMPT, attempt.attempt_id)

        async def answer() -> None:
            now = datetime.now(UTC)
            answer_body(SnapshotDTO(snapshot_id, "session", now, now, 640, 480, len(frame)))

        async def timed(step: object) -> float:
            for _ in range(100):
                await step()  # type: ignore[operator]
            started = time.process_time()
            for _ in range(repeats):
                await step()  # type: ignore[operator]
            return 1000 * (time.process_time() - started) / repeats

        async def all_steps() -> dict[str, float]:
            return {"multipart parse": await timed(parse), "secret check": await timed(auth),
                    "JSON answer": await timed(answer)}

        return asyncio.run(all_steps())
    finally:
        core.close()


# ---- PostgreSQL: one worker against two ----------------------------------------------------------
def server_cpu_seconds(process: psutil.Process) -> float:
    """User + system CPU of a server and its worker processes."""
    total = 0.0
    for each in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            times = each.cpu_times()
            total += times.user + times.system
    return total


def empty_postgresql(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def compare_postgresql_workers(args: argparse.Namespace, load: WrkLoad | HttpxLoad,
                               work: Path, analysis: bool) -> None:
    """The full pipeline on ``--postgresql-url`` (a throw-away database: its schema is emptied)
    served by ``proctor-server --workers 1`` and ``--workers 2``, in A B A B rounds (a fresh
    server and schema each time). Prints uploads/s and the servers' CPU per upload; the target
    is 2 workers at least 1.5x one."""
    rates: dict[int, list[float]] = {1: [], 2: []}
    print(f"postgresql: {args.rounds} A B rounds x {args.seconds:g} s, 1 then 2 workers, "
          f"analysis {args.analysis}")
    for round_number in range(1, args.rounds + 1):
        for workers in (1, 2):
            empty_postgresql(args.postgresql_url)
            data_dir = work / f"pg-{round_number}-{workers}"
            data_dir.mkdir()
            target = start_full(data_dir, args.kiosks, analysis, workers, args.postgresql_url)
            try:
                load.drive(target, WARMUP_SECONDS)
                server = psutil.Process(target.process.pid)
                cpu_before = server_cpu_seconds(server)
                measured = load.drive(target, args.seconds)
                cpu_ms = (1000 * (server_cpu_seconds(server) - cpu_before)
                          / max(1, measured.uploads))
            finally:
                stop([target])
            rates[workers].append(measured.per_second)
            print(f"  round {round_number} {workers} worker{'s' if workers > 1 else ''}: "
                  f"{measured.per_second:7.1f} uploads/s, server CPU {cpu_ms:.2f} ms/upload "
                  f"({measured.uploads} ok, {measured.failures} failed)", flush=True)
    one, two = statistics.median(rates[1]), statistics.median(rates[2])
    speedups = [b / a for a, b in zip(rates[1], rates[2], strict=True)]
    verdict = "met" if statistics.median(speedups) >= 1.5 else "NOT met"
    print(f"postgresql 2 workers / 1 worker per round: "
          f"{', '.join(f'{x:.2f}' for x in speedups)}; median {statistics.median(speedups):.2f} "
          f"({two:.1f} vs {one:.1f} uploads/s; target >= 1.5: {verdict})")


def compare_checkouts(args: argparse.Namespace) -> int:
    """The in-process phase on another checkout's core (before) and on this one's (after), each
    round in a fresh child process and data dir, alternating: uploads/s and CPU per upload."""
    figures: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory(prefix="ingest-ab-") as tmp:
        work = Path(tmp)
        (work / "frames").mkdir()
        frames = make_frames(work / "frames")
        del frames
        for round_number in range(1, args.rounds + 1):
            for name, root in (("before", args.before.resolve()), ("after", REPO)):
                data = work / f"{name}-{round_number}"
                done = subprocess.run(
                    [sys.executable, __file__, "--in-process-child", str(work / "frames"),
                     str(data), "--uploaders", str(args.uploaders), "--kiosks",
                     str(args.kiosks), "--in-process-seconds", str(args.in_process_seconds),
                     "--analysis", args.analysis],
                    capture_output=True, text=True, check=False,
                    env={**{k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")},
                         "INGEST_CORE_ROOT": str(root), "PYTHONPATH": str(root)})
                if done.returncode != 0:
                    raise SystemExit(f"{name} failed: {done.stderr[-3000:]}")
                rate, cpu = json.loads(done.stdout.strip().splitlines()[-1])
                figures[name].append((rate, cpu))
                print(f"round {round_number} {name:>6}: {rate:6.1f} uploads/s, CPU {cpu:.2f} ms "
                      "per upload", flush=True)
    ratios = [a[1] / b[1] for a, b in zip(figures["after"], figures["before"], strict=True)]
    rates = [a[0] / b[0] for a, b in zip(figures["after"], figures["before"], strict=True)]
    print(f"CPU per upload after / before per round: {', '.join(f'{r:.2f}' for r in ratios)} "
          f"(median {statistics.median(ratios):.2f}); uploads/s after / before: "
          f"{', '.join(f'{r:.2f}' for r in rates)} (median {statistics.median(rates):.2f})")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploaders", type=int, default=16, help="concurrent uploaders")
    parser.add_argument("--kiosks", type=int, default=16, help="attempts the uploads spread over")
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per round")
    parser.add_argument("--rounds", type=int, default=3, help="A B rounds (full, then sink)")
    parser.add_argument("--analysis", choices=("on", "off"), default="on",
                        help="frame analysis in the full server (default on, as shipped)")
    parser.add_argument("--in-process-seconds", type=float, default=5,
                        help="seconds of the in-process phase (0 skips it)")
    parser.add_argument("--httpx", action="store_true", help="use httpx even if wrk exists")
    parser.add_argument("--profile", action="store_true",
                        help="one more round of the full server under py-spy")
    parser.add_argument("--profile-raw", type=Path, help="keep py-spy's raw samples here")
    parser.add_argument("--postgresql-url", help="also compare 1 and 2 workers on this "
                        "throw-away PostgreSQL database (its schema is emptied)")
    parser.add_argument("--serve-sink", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--before", type=Path,
                        help="another checkout: only the in-process phase, of that checkout's "
                             "core and of this one's, in A B rounds (--rounds, "
                             "--in-process-seconds, --analysis, --uploaders, --kiosks)")
    parser.add_argument("--in-process-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_sink:
        serve_sink(Path(args.serve_sink))
        return 0
    if args.in_process_child:
        frames_dir, data = args.in_process_child
        measured = measure_in_process(data, sorted(frames_dir.glob("*.jpg")), args.uploaders,
                                      args.kiosks, args.in_process_seconds,
                                      args.analysis == "on")
        print(json.dumps([measured.per_second, measured.cpu_ms_per_upload]))
        return 0
    if args.before:
        return compare_checkouts(args)
    analysis = args.analysis == "on"

    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        work = Path(tmp)
        for name in ("data", "sink", "frames"):
            (work / name).mkdir()
        frames = make_frames(work / "frames")
        sizes = [p.stat().st_size for p in frames]
        targets: list[Target] = []
        try:
            full = start_full(work / "data", args.kiosks, analysis)
            targets.append(full)
            sink = start_sink(work / "sink", args.kiosks)
            targets.append(sink)
        except BaseException:
            stop(targets)
            raise
        use_wrk = shutil.which("wrk") and not args.httpx
        load = WrkLoad(work, frames, args.uploaders) if use_wrk else HttpxLoad(frames,
                                                                               args.uploaders)
        print(f"load: {load.description}")
        print(f"{args.uploaders} concurrent uploaders over {args.kiosks} attempts; 640x480 "
              f"JPEGs of {min(sizes) // 1000}-{max(sizes) // 1000} KB; full server on SQLite "
              f"with analysis {args.analysis}; {args.rounds} A B rounds x {args.seconds:g} s; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
        results: dict[str, list[Measurement]] = {t.name: [] for t in targets}
        ratios: list[float] = []
        try:
            for target in targets:
                load.drive(target, WARMUP_SECONDS)
            empty_folder(sink.out_dir)  # type: ignore[attr-defined]
            already_stored = stored_snapshots(full)
            full_uploads = 0
            for round_number in range(1, args.rounds + 1):
                for target in targets:
                    server = psutil.Process(target.process.pid)
                    cpu_before = server.cpu_times()
                    measured = load.drive(target, args.seconds)
                    cpu_after = server.cpu_times()
                    cpu_seconds = (cpu_after.user - cpu_before.user
                                   + cpu_after.system - cpu_before.system)
                    measured.cpu_ms_per_upload = 1000 * cpu_seconds / max(1, measured.uploads)
                    measured.system_ms_per_upload = (1000 * (cpu_after.system - cpu_before.system)
                                                     / max(1, measured.uploads))
                    results[target.name].append(measured)
                    if target is full:
                        full_uploads += measured.uploads
                    else:
                        empty_folder(sink.out_dir)  # type: ignore[attr-defined]
                    latency = (f", p50 {measured.p50_ms:.1f} ms, p99 {measured.p99_ms:.1f} ms"
                               if measured.p50_ms is not None else "")
                    print(f"  round {round_number} {target.name:>4}: "
                          f"{measured.per_second:7.1f} uploads/s, server CPU "
                          f"{measured.cpu_ms_per_upload:.2f} ms/upload (kernel "
                          f"{measured.system_ms_per_upload:.2f}; {measured.uploads} ok, "
                          f"{measured.failures} failed{latency})", flush=True)
                ratios.append(results["full"][-1].per_second / results["sink"][-1].per_second)
                print(f"  round {round_number} ratio full / sink: {ratios[-1]:.2f}", flush=True)
            stored = stored_snapshots(full) - already_stored
            if args.profile:
                profile_full(load, full, args.seconds, work, args.profile_raw)
        finally:
            stop(targets)

        in_process = None
        steps: dict[str, float] = {}
        if args.in_process_seconds > 0:
            in_process = measure_in_process(work / "in-process", frames, args.uploaders,
                                            args.kiosks, args.in_process_seconds, analysis)
            steps = time_route_steps(work / "steps", frames[0].read_bytes())

    rates = {name: statistics.median(m.per_second for m in ms) for name, ms in results.items()}
    cpu = {name: statistics.median(m.cpu_ms_per_upload or 0 for m in ms)
           for name, ms in results.items()}
    print(f"median of {args.rounds} rounds:")
    for name, rate in rates.items():
        print(f"  {name:>4}: {rate:7.1f} uploads/s, server CPU {cpu[name]:.2f} ms per upload")
    ratio = statistics.median(ratios)
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(f"ratio full / sink per round: {', '.join(f'{r:.2f}' for r in ratios)}; median "
          f"{ratio:.2f} (target >= {TARGET_RATIO}: {verdict})")
    if in_process is not None:
        print(f"in-process (same work, no HTTP, {args.uploaders} threads, analysis "
              f"{args.analysis}; with analysis on, its CPU per upload depends on how many frames "
              f"it gets to, so compare with --analysis off): "
              f"{in_process.per_second:.1f} uploads/s, CPU {in_process.cpu_ms_per_upload:.2f} ms "
              f"per upload; through HTTP the full server used {cpu['full']:.2f} ms "
              f"(+{cpu['full'] - (in_process.cpu_ms_per_upload or 0):.2f} ms for serving it)")
        print("  the lean route's own steps, in-process: " + ", ".join(
            f"{name} {ms:.3f} ms" for name, ms in steps.items()))
    if args.postgresql_url:
        with tempfile.TemporaryDirectory(prefix="ingest-bench-pg-") as tmp:
            pg_work = Path(tmp)
            (pg_work / "frames").mkdir()
            pg_frames = make_frames(pg_work / "frames")
            pg_load = (WrkLoad(pg_work, pg_frames, args.uploaders) if use_wrk
                       else HttpxLoad(pg_frames, args.uploaders))
            compare_postgresql_workers(args, pg_load, pg_work, analysis)
    # Uploads still in flight when a round ends are stored but not counted: at most one per
    # uploader per round.
    in_flight = stored - full_uploads
    is_consistent = 0 <= in_flight <= args.uploaders * (args.rounds + 1)
    print(f"check: the full server stored {stored} snapshots for {full_uploads} counted uploads "
          f"(+{in_flight} in flight at round ends): {'ok' if is_consistent else 'MISMATCH'}")
    return 0 if is_consistent else 1


if __name__ == "__main__":
    sys.exit(main())

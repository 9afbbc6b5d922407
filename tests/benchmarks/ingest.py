"""Snapshot ingest throughput: the full pipeline of a real `proctor-server` against a bare upload
endpoint, measured in the same run on the same machine.

    python3 tests/benchmarks/ingest.py [--uploaders 8] [--seconds 10] [--rounds 2] [--profile]

Both servers are subprocesses on 127.0.0.1 port 0 under the same uvicorn settings:

* full: `proctor-server` (temp data dir, PROCTOR_ANALYSIS=0): auth, multipart parsing, full
  validation with a reduced decode, EXIF stripping, thumbnail, two fsync'd atomic writes, the
  SQLite row and the session summary update;
* bare starlette: a Starlette app with one POST route that parses the same multipart request
  and only writes the image bytes to a new file (the reference of the 50 % target);
* bare fastapi: the same work behind the real API's route declaration (a sync FastAPI endpoint
  with UploadFile and Form fields), to show what the framework alone costs.

The load comes from `wrk` with a Lua script that builds each multipart body with its own
snapshot_id (a repeat would take the idempotent 200 path) and spreads requests over several
attempts, one per simulated kiosk. Without wrk a multi-process httpx generator is used, which
saturates near 570 req/s on a 2-core machine: the output says so. Prints uploads/s for both
and the ratios (target: full at least 0.5 of bare starlette). ``--profile`` adds a round of the
full server under py-spy and prints where an upload's time goes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import queue
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
from pathlib import Path
from typing import Annotated

import psutil
from fastapi import File, Form, UploadFile  # module level: the bare FastAPI route's annotations

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

BOUNDARY = "----proctorbench7MA4YWxkTrZu0gW"
FRAMES = 8  # distinct 640x480 JPEGs of about 50 KB, sent in turn
WARMUP_SECONDS = 2
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


# ---- the bare endpoints (each runs in its own process: `ingest.py --serve-bare KIND DIR`) -------
def serve_bare(kind: str, out_dir: Path) -> None:
    """``starlette``: an async route that parses the multipart body and writes the image to a
    new file. ``fastapi``: the same work behind the same route declaration as the real API (a
    sync endpoint with UploadFile and Form fields, run in the thread pool)."""
    import uvicorn

    def store(snapshot_id: str, data: bytes) -> None:
        # A new file per upload, like the real store (creating a file costs more than rewriting
        # one); the driver empties the folder after each round.
        with open(out_dir / f"{snapshot_id}.jpg", "xb") as handle:
            handle.write(data)

    if kind == "starlette":
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import JSONResponse
        from starlette.routing import Route

        async def upload(request: Request) -> JSONResponse:
            form = await request.form()
            data = await form["image"].read()
            snapshot_id = str(form["snapshot_id"])
            store(snapshot_id, data)
            await form.close()
            return JSONResponse({"snapshot_id": snapshot_id, "size_bytes": len(data)},
                                status_code=201)

        app = Starlette(routes=[Route(UPLOAD_ROUTE, upload, methods=["POST"])])
    else:
        from fastapi import FastAPI

        app = FastAPI()

        @app.post(UPLOAD_ROUTE, status_code=201)
        def upload_snapshot(
            attempt_id: str,
            image: Annotated[UploadFile, File()],
            snapshot_id: Annotated[str, Form(max_length=100)],
            captured_at: Annotated[str | None, Form(max_length=64)] = None,
        ) -> dict[str, object]:
            data = image.file.read()
            store(snapshot_id, data)
            return {"snapshot_id": snapshot_id, "size_bytes": len(data)}

    # IPPROTO_TCP like core.server.ApiServer, so asyncio sets TCP_NODELAY on connections.
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


def launch(command: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=env, cwd=REPO)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        if line is None:
            break
        if line.startswith("listening on "):
            return process, line.removeprefix("listening on ")
    process.kill()
    raise SystemExit(f"{command[0]} did not start")


def start_full(data_dir: Path, kiosks: int) -> Target:
    import httpx

    script = shutil.which("proctor-server")
    command = [script] if script else [sys.executable, "-m", "core.server"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update({"PROCTOR_ANALYSIS": "0", "PYTHONUNBUFFERED": "1"})
    process, url = launch([*command, "--data-dir", str(data_dir), "--port", "0"], env)
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


def start_bare(kind: str, out_dir: Path, kiosks: int) -> Target:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process, url = launch([sys.executable, __file__, "--serve-bare", kind, str(out_dir)], env)
    attempts = [(str(uuid.uuid4()), "bare-needs-no-token") for _ in range(kiosks)]
    target = Target(f"bare {kind}", url, process, attempts)
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
        path.unlink()


def stored_snapshots(target: Target) -> int:
    import httpx

    storage = httpx.get(f"{target.url}/api/v1/storage", timeout=30,
                        headers={"Authorization": f"Bearer {target.admin_key}"})  # type: ignore[attr-defined]
    return storage.json()["files"] // 2


def profile_full(load: WrkLoad | HttpxLoad, full: Target, seconds: float, work: Path) -> None:
    """Where an upload's time goes in the full server: py-spy samples every thread (idle ones
    too) during one more round; the busy samples of the request threads are summed by the
    innermost core function, the event loop by whether it was working or waiting."""
    spy_command = shutil.which("py-spy")
    if spy_command is None:
        print("profile: py-spy is not installed (pip install py-spy); no profile taken")
        return
    out = work / "full.pyspy.txt"
    spy = subprocess.Popen(
        [spy_command, "record", "-p", str(full.process.pid), "-d", f"{seconds:g}", "-r", "200",
         "--idle", "--nonblocking", "--format", "raw", "-o", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    measured = load.drive(full, seconds)
    _, spy_errors = spy.communicate(timeout=60)
    if not out.exists():
        print(f"profile: py-spy failed ({spy_errors.strip()[-300:]})")
        return
    workers: Counter[str] = Counter()
    loop_busy = loop_total = 0
    for line in out.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames, samples = stack.split(";"), int(count)
        leaf = frames[-1]
        is_waiting = any(w in leaf for w in IDLE_FRAMES)
        if any("WorkerThread.run" in f for f in frames):
            if not is_waiting:
                own = [f for f in frames if "core/" in f]
                workers[_describe(own[-1] if own else leaf, leaf)] += samples
        elif any("run_forever" in f for f in frames):
            loop_total += samples
            loop_busy += 0 if is_waiting else samples
    busy = sum(workers.values())
    seconds_per_upload = busy / 200 / max(1, measured.uploads)
    print(f"profile ({measured.per_second:.1f} uploads/s while sampled): request threads busy "
          f"{seconds_per_upload * 1000:.2f} ms per upload (wall time, threads overlap):")
    for what, samples in workers.most_common(10):
        print(f"  {100 * samples / busy:5.1f}%  {what}")
    if loop_total:
        print(f"  event loop (HTTP parsing, multipart, routing, responses) busy "
              f"{100 * loop_busy / loop_total:.0f}% of the time")


IDLE_FRAMES = ("Condition.wait", "EpollSelector.select", "Queue.get", "_wait_for_tstate_lock")


def _describe(core_frame: str, leaf: str) -> str:
    function = core_frame.split(" (")[0]
    where = {
        "MediaStore.write_atomic_many": "files: create, write, fsync, rename",
        "MediaStore.validate": "image: decode (reduced), checks",
        "make_thumbnail": "image: thumbnail encode",
        "strip_jpeg_metadata": "image: strip EXIF",
        "MediaStore.resolve": "files: safe path resolution",
    }.get(function)
    if where is None and ("sqlalchemy" in leaf or "sqlite" in leaf):
        where = f"database: {function}"
    if where is None and "lock" in leaf.lower():
        where = f"waiting for the write lock ({function})"
    return where or f"{function} | {leaf.split(' (')[0]}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploaders", type=int, default=8, help="concurrent uploaders")
    parser.add_argument("--kiosks", type=int, default=8, help="attempts the uploads spread over")
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per round")
    parser.add_argument("--rounds", type=int, default=2, help="rounds over all targets")
    parser.add_argument("--httpx", action="store_true", help="use httpx even if wrk exists")
    parser.add_argument("--profile", action="store_true",
                        help="one more round of the full server under py-spy")
    parser.add_argument("--serve-bare", nargs=2, metavar=("KIND", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare:
        serve_bare(args.serve_bare[0], Path(args.serve_bare[1]))
        return 0

    with tempfile.TemporaryDirectory(prefix="ingest-bench-") as tmp:
        work = Path(tmp)
        for name in ("data", "bare-starlette", "bare-fastapi", "frames"):
            (work / name).mkdir()
        frames = make_frames(work / "frames")
        sizes = [p.stat().st_size for p in frames]
        targets: list[Target] = []
        try:
            full = start_full(work / "data", args.kiosks)
            targets.append(full)
            for kind in ("starlette", "fastapi"):
                targets.insert(-1, start_bare(kind, work / f"bare-{kind}", args.kiosks))
        except BaseException:
            stop(targets)
            raise
        use_wrk = shutil.which("wrk") and not args.httpx
        load = WrkLoad(work, frames, args.uploaders) if use_wrk else HttpxLoad(frames,
                                                                               args.uploaders)
        print(f"load: {load.description}")
        print(f"{args.uploaders} concurrent uploaders over {args.kiosks} attempts; 640x480 "
              f"JPEGs of {min(sizes) // 1000}-{max(sizes) // 1000} KB; "
              f"{args.rounds} rounds x {args.seconds:g} s per target, in turn; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
        results: dict[str, list[Measurement]] = {t.name: [] for t in targets}
        try:
            for target in targets:
                load.drive(target, WARMUP_SECONDS)
                if target is not full:
                    empty_folder(target.out_dir)  # type: ignore[attr-defined]
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
                    results[target.name].append(measured)
                    if target is full:
                        full_uploads += measured.uploads
                    else:
                        empty_folder(target.out_dir)  # type: ignore[attr-defined]
                    latency = (f", p50 {measured.p50_ms:.1f} ms, p99 {measured.p99_ms:.1f} ms"
                               if measured.p50_ms is not None else "")
                    print(f"  round {round_number} {target.name:>14}: "
                          f"{measured.per_second:7.1f} uploads/s, server CPU "
                          f"{measured.cpu_ms_per_upload:.2f} ms/upload ({measured.uploads} ok, "
                          f"{measured.failures} failed{latency})", flush=True)
            stored = stored_snapshots(full) - already_stored
            if args.profile:
                profile_full(load, full, args.seconds, work)
        finally:
            stop(targets)

    rates = {name: statistics.median(m.per_second for m in ms) for name, ms in results.items()}
    cpu = {name: statistics.median(m.cpu_ms_per_upload or 0 for m in ms)
           for name, ms in results.items()}
    print(f"median of {args.rounds} rounds:")
    for name, rate in rates.items():
        print(f"  {name:>14}: {rate:7.1f} uploads/s, server CPU {cpu[name]:.2f} ms per upload")
    ratio = rates["full"] / rates["bare starlette"]
    print(f"ratio full / bare starlette: {ratio:.2f} "
          f"(target >= 0.50: {'met' if ratio >= 0.5 else 'NOT met'})")
    print(f"ratio full / bare fastapi  : {rates['full'] / rates['bare fastapi']:.2f} "
          f"(the same route declaration, parsing and thread pool as the real API)")
    print(f"CPU per upload, full / bare starlette: {cpu['full'] / cpu['bare starlette']:.1f}x "
          f"(the figure least moved by other load on the machine)")
    # Uploads still in flight when a round ends are stored but not counted: at most one per
    # uploader per round.
    in_flight = stored - full_uploads
    is_consistent = 0 <= in_flight <= args.uploaders * (args.rounds + 1)
    print(f"check: the full server stored {stored} snapshots for {full_uploads} counted uploads "
          f"(+{in_flight} in flight at round ends): {'ok' if is_consistent else 'MISMATCH'}")
    return 0 if is_consistent else 1


if __name__ == "__main__":
    sys.exit(main())

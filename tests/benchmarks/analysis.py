"""Benchmark: frame analysis speed, and what analysis costs the upload path.

    python3 tests/benchmarks/analysis.py [--seconds 4] [--rounds 8] [--clients 8] [--control]

1. Frames analysed per second by one worker thread on one core (640x480 JPEGs with real faces
   composed from scikit-image's astronaut): the pure inspection (reduced colour decode + cues +
   YuNet face detector), then through a real core (file read, inspection, results and events written
   to SQLite).
2. Upload throughput of a real ``proctor-server`` subprocess with ``PROCTOR_ANALYSIS=0`` and
   ``=1``, alternating in the same run (off, on, off, on, ...), under the same load: a
   multi-threaded Python httpx client (one thread and one attempt per simulated kiosk) posting
   snapshots as fast as the server answers. The load generator runs on the same machine and
   takes CPU too, so absolute rates are a floor; the off/on ratio is the figure, taken per
   round (an "off" and an "on" phase back to back, in alternating order) and summarised by
   the median, so slow drifts in other load on the machine cancel out. Target: with analysis
   on, uploads/s drop by at most 10%. ``--control`` runs "off" against "off": the spread it
   shows is the noise floor of the machine at that time.
3. The direct cost, which other load on the machine cannot blur: the analysis work done while
   the uploads ran, as a share of the machine's CPU.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.jobs.analysis import decode_frame, inspect_frame, load_face_detector, small_copy  # noqa: E402
from tests.benchmarks.server import BenchmarkServer  # noqa: E402
from tests.core.jobs.test_analysis_frames import (  # noqa: E402
    no_face_jpeg,
    one_face_jpeg,
    two_faces_jpeg,
)

ADMIN_KEY = "bench-admin-key"
KIOSK_KEY = "bench-kiosk-key"


def frame_pool(count: int = 24) -> list[bytes]:
    makers = [one_face_jpeg, one_face_jpeg, no_face_jpeg, two_faces_jpeg]
    return [makers[i % len(makers)](seed=i) for i in range(count)]


# ---- 1. analysis speed -------------------------------------------------------------------------
def inspection_rate(frames: list[bytes], seconds: float) -> tuple[float, float]:
    import cv2

    cv2.setNumThreads(1)
    detector = load_face_detector()
    previous = None
    done = 0
    started = time.perf_counter()
    for frame in itertools.cycle(frames):
        decoded = decode_frame(frame, 640)
        assert decoded is not None
        inspect_frame(decoded, detector, previous)
        previous = small_copy(decoded)
        done += 1
        if time.perf_counter() - started >= seconds:
            break
    elapsed = time.perf_counter() - started
    return done / elapsed, elapsed / done * 1000


def core_rate(frames: list[bytes], count: int) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {"PROCTOR_ANALYSIS": "1", "PROCTOR_ANALYSIS_QUEUE": str(count)}
        core = build_core(CoreConfig.load(data_dir=tmp, env=env))
        try:
            exam = core.exams.create_exam("Bench", duration_seconds=3600)
            attempts = [core.attempts.start_attempt(exam.exam_id, f"B-{i}", f"Bench {i}")
                        for i in range(8)]
            for i in range(count):  # queued: the workers are not running yet
                attempt = attempts[i % len(attempts)]
                core.snapshots.record_snapshot(attempt.attempt_id, str(uuid.uuid4()),
                                               frames[i % len(frames)])
            started = time.perf_counter()
            core.analysis.start()
            assert core.analysis.drain(timeout=300)
            elapsed = time.perf_counter() - started
            return core.analysis.analysed_count / elapsed, core.analysis.analysed_count
        finally:
            core.close()


# ---- 2. upload throughput with and without analysis --------------------------------------------
def start_server(analysis: bool, data_dir: Path) -> BenchmarkServer:
    return BenchmarkServer(data_dir, settings={
        "PROCTOR_ANALYSIS": "1" if analysis else "0", "PROCTOR_ADMIN_KEY": ADMIN_KEY,
        "PROCTOR_KIOSK_KEY": KIOSK_KEY})


def drive_uploads(url: str, frames: list[bytes], clients: int, seconds: float,
                  warmup: float = 1.0) -> tuple[float, int, list[str], float]:
    """(uploads/s in the measured window, all uploads, session ids, mean latency ms)."""
    with httpx.Client(base_url=url, timeout=30) as admin:
        exam = admin.post("/api/v1/exams", json={"title": "Load", "duration_seconds": 7200},
                          headers={"Authorization": f"Bearer {ADMIN_KEY}"}).json()
    starts = []
    with httpx.Client(base_url=url, timeout=30) as kiosk:
        for i in range(clients):
            response = kiosk.post(
                "/api/v1/attempts", headers={"Authorization": f"Bearer {KIOSK_KEY}"},
                json={"exam_id": exam["exam_id"], "candidate_ref": f"L-{i}",
                      "candidate_name": f"Load {i}"})
            response.raise_for_status()
            starts.append(response.json())
    go = time.perf_counter()
    measure_from, measure_to = go + warmup, go + warmup + seconds
    counted = [0] * clients
    uploaded = [0] * clients
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []

    def kiosk_loop(index: int) -> None:
        attempt = starts[index]
        headers = {"Authorization": f"Bearer {attempt['token']}"}
        path = f"/api/v1/attempts/{attempt['attempt_id']}/snapshots"
        with httpx.Client(base_url=url, timeout=30) as client:
            for n in itertools.count(index):
                before = time.perf_counter()
                if before >= measure_to:
                    return
                response = client.post(path, headers=headers, files={
                    "image": ("frame.jpg", frames[n % len(frames)], "image/jpeg")}, data={
                    "snapshot_id": str(uuid.uuid4()),
                    "captured_at": datetime.now(UTC).isoformat()})
                after = time.perf_counter()
                if response.status_code != 201:
                    errors.append(f"{response.status_code} {response.text[:120]}")
                    return
                uploaded[index] += 1
                if measure_from <= before and after <= measure_to:
                    counted[index] += 1
                    latencies[index].append(after - before)

    threads = [threading.Thread(target=kiosk_loop, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"uploads failed: {errors[:3]}")
    all_latencies = [x for per in latencies for x in per]
    return (sum(counted) / seconds, sum(uploaded), [s["proctor_session_id"] for s in starts],
            statistics.mean(all_latencies) * 1000)


def analysed_snapshots(url: str, session_ids: list[str], settle: float = 4.0) -> tuple[int, int]:
    """(analysed, total) once the server's analysis has caught up or ``settle`` s have passed."""
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    deadline = time.monotonic() + settle
    with httpx.Client(base_url=url, timeout=30, headers=headers) as admin:
        while True:
            listed = [s for sid in session_ids
                      for s in admin.get(f"/api/v1/proctor/sessions/{sid}/snapshots").json()]
            analysed = sum(1 for s in listed if s["face_count"] is not None)
            if analysed == len(listed) or time.monotonic() > deadline:
                return analysed, len(listed)
            time.sleep(0.5)  # a benchmark polling another process: nothing to wait on


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=4.0, help="measured seconds per phase")
    parser.add_argument("--rounds", type=int, default=8, help="off/on pairs")
    parser.add_argument("--clients", type=int, default=8, help="uploading kiosk threads")
    parser.add_argument("--control", action="store_true",
                        help="compare analysis off with off (the noise of this machine)")
    args = parser.parse_args()

    frames = frame_pool()
    sizes = [len(f) for f in frames]
    print(f"frames: {len(frames)} distinct 640x480 JPEGs, {min(sizes) // 1000}-"
          f"{max(sizes) // 1000} KB (one face, two faces, no face)")
    rate, per_frame = inspection_rate(frames, seconds=4.0)
    print(f"inspection, one thread: {rate:.1f} frames/s ({per_frame:.1f} ms per frame: "
          "320x240 colour decode, cues, YuNet face count)")
    core_frames_per_s, count = core_rate(frames, count=200)
    print(f"through a real core, one worker: {core_frames_per_s:.1f} frames/s ({count} snapshots, "
          "file read + inspection + SQLite write of results and events)")

    # Two settings, "a" (analysis off) and "b" (on; with --control off too, which shows how far
    # the machine's other load alone moves the figures).
    settings = {"a": False, "b": not args.control}
    labels = {"a": "off", "b": "off (control)" if args.control else "on"}
    results: dict[str, list[float]] = {"a": [], "b": []}
    latency: dict[str, list[float]] = {"a": [], "b": []}
    analysed_during_load: list[int] = []
    print(f"\nupload load: {args.clients} httpx client threads, {args.seconds:g} s per phase, "
          "against a proctor-server subprocess")
    with tempfile.TemporaryDirectory() as tmp:
        for round_number in range(args.rounds):
            # ABBA order (a-b, b-a, ...) so that whatever the previous phase left behind (disk
            # write-back, warm caches) weighs on both settings alike.
            for key in ("a", "b") if round_number % 2 == 0 else ("b", "a"):
                analysis = settings[key]
                server = start_server(analysis, Path(tmp) / f"r{round_number}-{key}")
                try:
                    cpu_before = server.cpu_seconds()
                    uploads, done, sessions, mean_ms = drive_uploads(
                        server.url, frames, args.clients, args.seconds)
                    cpu_ms = (server.cpu_seconds() - cpu_before) * 1000 / done
                    during, _ = analysed_snapshots(server.url, sessions, settle=0)
                    analysed, total = analysed_snapshots(server.url, sessions,
                                                         settle=4.0 if analysis else 0)
                finally:
                    server.stop()
                results[key].append(uploads)
                latency[key].append(mean_ms)
                if analysis:
                    analysed_during_load.append(during)
                print(f"  round {round_number + 1}, analysis {labels[key]:3}: "
                      f"{uploads:6.1f} uploads/s, mean latency {mean_ms:5.1f} ms, server CPU "
                      f"{cpu_ms:4.1f} ms per upload, {during}/{total} snapshots analysed when "
                      f"the load stopped, {analysed} 4 s later")
    off, on = statistics.mean(results["a"]), statistics.mean(results["b"])
    drop = (off - on) / off * 100
    paired = [(a - b) / a * 100 for a, b in zip(results["a"], results["b"], strict=True)]
    median_drop = statistics.median(paired)
    print(f"\nuploads/s analysis {labels['a']}: {off:.1f}   {labels['b']}: {on:.1f}   "
          f"drop of the means: {drop:.1f}%")
    print(f"drop per round: {', '.join(f'{d:.1f}%' for d in paired)}; "
          f"median {median_drop:.1f}% (target: at most 10%) -> "
          f"{'OK' if median_drop <= 10 else 'OVER TARGET'}")
    print(f"mean upload latency {labels['a']}: {statistics.mean(latency['a']):.1f} ms   "
          f"{labels['b']}: {statistics.mean(latency['b']):.1f} ms")
    if not analysed_during_load:
        return
    # The direct cost, which the machine's other load cannot blur: analysis work done while
    # the uploads ran (the warm-up second included), at the per-frame cost measured above.
    frames_per_phase = statistics.mean(analysed_during_load)
    phase_seconds = args.seconds + 1.0
    share = frames_per_phase / core_frames_per_s / (phase_seconds * (os.cpu_count() or 1)) * 100
    print(f"analysis while the uploads ran: {frames_per_phase:.1f} frames per {phase_seconds:g} s "
          f"phase ({frames_per_phase / phase_seconds:.1f} frames/s), about {share:.1f}% of "
          f"the machine's {os.cpu_count()} cores at {1000 / core_frames_per_s:.0f} ms per frame")


if __name__ == "__main__":
    main()

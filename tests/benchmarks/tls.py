"""What TLS costs: snapshot upload throughput over HTTPS against plain HTTP in the same run, and
the kiosk's CPU when it talks to a TLS center.

    python3 tests/benchmarks/tls.py [--uploaders 8] [--seconds 8] [--rounds 2] [--kiosk-seconds 60]

1. Two real `proctor-server` processes (temp data dirs, PROCTOR_ANALYSIS=0): one with --tls, one
   without. Rounds alternate HTTPS, HTTP, HTTPS, HTTP (ABAB) so drift in the machine's load hits
   both alike; the load is `wrk` with the multipart upload script of tests/benchmarks/ingest.py
   (kept-alive connections, as kiosks use), or an httpx generator without wrk. Target: HTTPS at
   least 0.8 of HTTP uploads/s.
2. A real `proctor-candidate --camera synthetic` enrolled with an enrolment file (pinned TLS) at
   the default snapshot interval, measured after a warm-up: CPU as % of one core (target < 5 %).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from console.kiosk.kiosk_timings import KioskTimings  # noqa: E402
from core.client import ProctorClient  # noqa: E402
from core.net.enrolment_file import Enrolment, write_enrolment_file  # noqa: E402
from core.net.tls import read_fingerprint  # noqa: E402
from tests.benchmarks.ingest import (  # noqa: E402
    HttpxLoad,
    Measurement,
    Target,
    WrkLoad,
    make_frames,
)
from tests.benchmarks.server import launch  # noqa: E402

RATIO_TARGET = 0.8
CPU_TARGET_PERCENT = 5.0
WARM_UP_SECONDS = 5.0


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(PROCTOR_ANALYSIS="0", PYTHONUNBUFFERED="1", QT_QPA_PLATFORM="offscreen")
    return env


def start_server(data_dir: Path, kiosks: int, tls: bool) -> tuple[Target, str | None, dict]:
    script = shutil.which("proctor-server")
    command = [script] if script else [sys.executable, "-m", "core.api.server"]
    args = [*command, "--data-dir", str(data_dir), "--port", "0", "--tls" if tls else "--no-tls"]
    process, url = launch(args, server_env())
    keys = json.loads((data_dir / "keys.json").read_text())
    fingerprint = read_fingerprint(data_dir) if tls else None
    with ProctorClient(url, keys["admin_key"], timeout=30, fingerprint=fingerprint) as admin:
        exam = admin.request("POST", "/exams", json={
            "title": "TLS benchmark", "duration_seconds": 7 * 24 * 3600}).json()
        attempts = []
        for n in range(kiosks):
            started = admin.request("POST", "/attempts", secret=keys["kiosk_key"], json={
                "exam_id": exam["exam_id"], "candidate_ref": f"TLS-{n:03d}",
                "candidate_name": f"Kiosk {n}"}).json()
            attempts.append((started["attempt_id"], started["token"]))
    return Target("https" if tls else "http", url, process, attempts), fingerprint, keys


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def kiosk_cpu(url: str, keys: dict, fingerprint: str, seconds: float, work: Path) -> dict:
    with ProctorClient(url, keys["admin_key"], fingerprint=fingerprint) as admin:
        exam = admin.request("POST", "/exams", json={  # the default snapshot interval
            "title": "Kiosk over TLS", "duration_seconds": 3600}).json()
        enrolment = write_enrolment_file(work / "kiosk.json",
                                         Enrolment(url, keys["kiosk_key"], fingerprint))
        script = shutil.which("proctor-candidate")
        command = [script] if script else [sys.executable, "-m", "console.kiosk"]
        kiosk = subprocess.Popen(
            [*command, "--enrol", str(enrolment), "--exam-id", exam["exam_id"],
             "--candidate-ref", "TLS-KIOSK", "--candidate-name", "Bench Mark",
             "--camera", "synthetic", "--spool-dir", str(work / "spool")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=server_env())
        process = psutil.Process(kiosk.pid)
        try:
            time.sleep(WARM_UP_SECONDS)
            start_cpu = sum(process.cpu_times()[:2])
            start_wall = time.monotonic()
            time.sleep(seconds)
            cpu = sum(process.cpu_times()[:2]) - start_cpu
            wall = time.monotonic() - start_wall
            sessions = [s for s in admin.request("GET", "/proctor/sessions",
                                                 params={"status": "all"}).json()
                        if s["candidate_ref"] == "TLS-KIOSK"]
        finally:
            stop(kiosk)  # type: ignore[arg-type]
    return {"seconds": wall, "cpu_percent": 100.0 * cpu / wall,
            "snapshots": sessions[0]["snapshot_count"] if sessions else 0,
            "interval": sessions[0]["snapshot_interval_seconds"] if sessions else None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploaders", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8.0, help="per round")
    parser.add_argument("--rounds", type=int, default=2, help="ABAB pairs")
    parser.add_argument("--kiosk-seconds", type=float, default=60.0)
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="tls-bench-"))
    (work / "frames").mkdir()
    frames = make_frames(work / "frames")
    load: WrkLoad | HttpxLoad = (WrkLoad(work, frames, args.uploaders) if shutil.which("wrk")
                                 else HttpxLoad(frames, args.uploaders))
    https, fingerprint, keys = start_server(work / "tls", args.uploaders, tls=True)
    http, _, _ = start_server(work / "plain", args.uploaders, tls=False)
    results: dict[str, list[Measurement]] = {"https": [], "http": []}
    try:
        for target in (https, http):  # warm both up (imports, first requests)
            load.drive(target, 2)
        for _ in range(args.rounds):
            for target in (https, http):
                server = psutil.Process(target.process.pid)
                before = sum(server.cpu_times()[:2])
                measured = load.drive(target, args.seconds)
                measured.cpu_ms_per_upload = (1000 * (sum(server.cpu_times()[:2]) - before)
                                              / max(1, measured.uploads))
                results[target.name].append(measured)
        assert fingerprint is not None
        kiosk = kiosk_cpu(https.url, keys, fingerprint, args.kiosk_seconds, work)
    finally:
        stop(https.process)
        stop(http.process)
        shutil.rmtree(work, ignore_errors=True)

    load_avg = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"upload throughput, {load.description}, {args.uploaders} connections, "
          f"{args.rounds} ABAB rounds of {args.seconds:g} s, {os.cpu_count()} CPUs "
          f"(load average {load_avg})")
    medians, cpu = {}, {}
    for name, runs in results.items():
        rates = [m.per_second for m in runs]
        medians[name] = statistics.median(rates)
        cpu[name] = statistics.median(m.cpu_ms_per_upload or 0.0 for m in runs)
        failures = sum(m.failures for m in runs)
        print(f"  {name:>5}: {' '.join(f'{r:7.1f}' for r in rates)} uploads/s "
              f"(median {medians[name]:.1f}; failures {failures}); server CPU "
              f"{cpu[name]:.2f} ms per upload")
    # Each HTTPS round against the HTTP round right after it: drift hits both alike.
    pairs = [a.per_second / b.per_second
             for a, b in zip(results["https"], results["http"], strict=True) if b.per_second]
    ratio = statistics.median(pairs) if pairs else 0.0
    print(f"  HTTPS / HTTP per ABAB pair: {' '.join(f'{r:.2f}' for r in pairs)}; median "
          f"{ratio:.2f} (target >= {RATIO_TARGET}): "
          f"{'within target' if ratio >= RATIO_TARGET else 'UNDER TARGET'}")
    print(f"  server CPU per upload, HTTP / HTTPS = {cpu['http'] / cpu['https']:.2f} "
          "(the throughput cost of TLS when the CPU, not the disk, is the limit)")
    print(f"kiosk over pinned TLS: proctor-candidate, synthetic camera, preview on "
          f"({KioskTimings.preview_fps:.0f} fps), snapshot interval {kiosk['interval']} s, "
          f"measured {kiosk['seconds']:.0f} s after a {WARM_UP_SECONDS:.0f} s warm-up")
    print(f"  CPU {kiosk['cpu_percent']:.2f}% of one core (target < {CPU_TARGET_PERCENT:.0f}%), "
          f"{kiosk['snapshots']} snapshots stored: "
          f"{'within target' if kiosk['cpu_percent'] < CPU_TARGET_PERCENT else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Kiosk cost while capturing: CPU (share of one core) and RSS of the real `proctor-candidate`
process (offscreen, synthetic camera, live preview on) against a real `proctor-server`.

Run: python3 tests/benchmarks/candidate.py [--seconds 60] [--short-seconds 20]

Two runs, measured one after the other in this process:
  1. the default snapshot interval (30 s) for --seconds (default 60 s): the figure to quote;
  2. a 2-second interval for --short-seconds (default 20 s): what a busier schedule costs.
Targets: under 5 % of one core and under 200 MB RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from console.kiosk.kiosk_timings import KioskTimings  # noqa: E402
from console.proctor.center import RemoteCenter  # noqa: E402
from tests.benchmarks.server import launch  # noqa: E402

WARM_UP_SECONDS = 5.0
CPU_TARGET_PERCENT = 5.0
RSS_TARGET_MB = 200.0


def command(name: str) -> str:
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} is not installed; run: python3 -m pip install -e .")
    return found


def measure(url: str, keys: dict, admin: RemoteCenter, interval: int, seconds: float,
            spool: Path, env: dict[str, str], ref: str) -> dict[str, float]:
    exam = admin.create_exam(f"Benchmark ({interval} s)", duration_seconds=3600,
                             snapshot_interval_seconds=interval)
    kiosk = subprocess.Popen(
        [command("proctor-candidate"), "--server", url, "--kiosk-key", keys["kiosk_key"],
         "--exam-id", exam.exam_id, "--candidate-ref", ref, "--candidate-name", "Bench Mark",
         "--camera", "synthetic", "--spool-dir", str(spool)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    process = psutil.Process(kiosk.pid)
    try:
        time.sleep(WARM_UP_SECONDS)  # start-up (imports, first snapshot) is not steady state
        start_cpu = sum(process.cpu_times()[:2])
        start_wall = time.monotonic()
        peak_rss = 0
        while time.monotonic() - start_wall < seconds:
            peak_rss = max(peak_rss, process.memory_info().rss)
            time.sleep(0.5)
        cpu = sum(process.cpu_times()[:2]) - start_cpu
        wall = time.monotonic() - start_wall
        end_rss = process.memory_info().rss
        sessions = [s for s in admin.list_sessions("all") if s.candidate_ref == ref]
        return {
            "interval_s": interval,
            "seconds": wall,
            "cpu_percent": 100.0 * cpu / wall,
            "rss_mb": end_rss / 2**20,
            "peak_rss_mb": peak_rss / 2**20,
            "snapshots": sessions[0].snapshot_count if sessions else 0,
        }
    finally:
        kiosk.send_signal(signal.SIGTERM)
        kiosk.wait(20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--short-seconds", type=float, default=20.0)
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(QT_QPA_PLATFORM="offscreen", PROCTOR_ANALYSIS="0")
    work = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    server, url = launch(
        [command("proctor-server"), "--data-dir", str(work / "data"), "--port", "0"], env)
    try:
        keys = json.loads((work / "data" / "keys.json").read_text())
        admin = RemoteCenter(url, keys["admin_key"])
        runs = [
            measure(url, keys, admin, 30, args.seconds, work / "spool", env, "BENCH-30"),
            measure(url, keys, admin, 2, args.short_seconds, work / "spool", env, "BENCH-2"),
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)
        shutil.rmtree(work, ignore_errors=True)

    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"proctor-candidate, synthetic camera, preview on ({KioskTimings.preview_fps:.0f} fps, "
          f"400x300), {os.cpu_count()} CPUs (load average {load}), after a "
          f"{WARM_UP_SECONDS:.0f} s warm-up")
    print(f"{'interval':>9} {'measured':>9} {'CPU (1 core)':>13} {'RSS':>9} {'peak RSS':>9} "
          f"{'snapshots':>10}")
    for run in runs:
        print(f"{run['interval_s']:>8.0f}s {run['seconds']:>8.1f}s {run['cpu_percent']:>12.2f}% "
              f"{run['rss_mb']:>7.1f}MB {run['peak_rss_mb']:>7.1f}MB {run['snapshots']:>10.0f}")
    default = runs[0]
    is_ok = default["cpu_percent"] < CPU_TARGET_PERCENT and default["peak_rss_mb"] < RSS_TARGET_MB
    print(f"default interval: {default['cpu_percent']:.2f}% of one core (target < "
          f"{CPU_TARGET_PERCENT:.0f}%), peak RSS {default['peak_rss_mb']:.1f} MB (target < "
          f"{RSS_TARGET_MB:.0f} MB): {'within target' if is_ok else 'OVER TARGET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Time to check a 2,000-snapshot session: the appeal bundle with ``proctor-verify BUNDLE``
and the center's data dir with ``proctor-verify --data-dir`` (real processes, a real SQLite
data dir with real 640x480 JPEGs of about 50 KB), and the time to make the bundle.

    python3 tests/benchmarks/verify.py [--snapshots 2000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.clock import FakeClock  # noqa: E402
from tests.helpers import jpeg_bytes, new_snapshot_id  # noqa: E402


def timed_verify(*args: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "core.api.verify", *args], capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stdout + done.stderr
    return elapsed, done.stdout.strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshots", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        clock = FakeClock()
        core = build_core(CoreConfig.load(data_dir=data_dir, env={"PROCTOR_ANALYSIS": "0"}),
                          clock)
        exam = core.exams.create_exam("Benchmark", duration_seconds=24 * 3600,
                                      snapshot_interval_seconds=30)
        started = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee")
        frames = [jpeg_bytes(seed=seed) for seed in range(20)]
        for n in range(args.snapshots):
            clock.advance(30)
            core.snapshots.record_snapshot(started.attempt_id, new_snapshot_id(),
                                           frames[n % len(frames)])
            if n % 50 == 0:
                core.attempts.record_kiosk_event(started.attempt_id, "focus_lost")
        assert started.proctor_session_id is not None
        core.proctoring.terminate_session(started.proctor_session_id, "benchmark")
        made = time.perf_counter()
        bundle = core.evidence.bundle(started.proctor_session_id)
        made = time.perf_counter() - made
        key = f"sha256:{core.evidence.key.fingerprint}"
        core.close()
        path = Path(folder) / "bundle.zip"
        path.write_bytes(bundle)
        bundle_seconds, bundle_line = timed_verify(str(path), "--key", key)
        dir_seconds, dir_line = timed_verify("--data-dir", str(data_dir))
    print(f"bundle of {args.snapshots} snapshots: {len(bundle) / 1e6:.1f} MB, made in "
          f"{made:.2f} s")
    print(f"proctor-verify BUNDLE: {bundle_seconds:.2f} s (process start included): {bundle_line}")
    print(f"proctor-verify --data-dir: {dir_seconds:.2f} s: {dir_line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

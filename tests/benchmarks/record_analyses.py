"""Benchmark: how long the analysis holds the database's single writer to store its results.

    python3 tests/benchmarks/record_analyses.py [--sessions 200] [--batch 16] [--rounds 30]
                                                [--busy-threads 0]

A real core on a SQLite file (analysis off: the results are made up, the writes are real):
``--sessions`` running attempts, one stored snapshot each per round; then the analysis' results
of ``--batch`` frames of as many sessions are stored in one ``record_analyses`` write (what a
busy analysis worker does), and the same number of frames one write each (what it does when it
keeps up), alternating in the same run. While either write runs, every upload's commit waits.
Prints the median and p90 of each, per write and per frame.

``--busy-threads N`` runs N threads of plain Python beside the writes, as a loaded server's
request threads and event loop are: every time the write lets go of the interpreter (SQLite
does around each statement step, one per row read or written) it waits to get it back, so what
the write costs then is mostly the number of those steps.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.bootstrap import build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.clock import SystemClock  # noqa: E402
from core.services.snapshots import AnalysisResult  # noqa: E402
from tests.helpers import jpeg_bytes, new_snapshot_id  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--busy-threads", type=int, default=0)
    args = parser.parse_args(argv)
    stop = threading.Event()

    def busy() -> None:
        while not stop.is_set():
            sum(i * i for i in range(2000))

    spinners = [threading.Thread(target=busy, daemon=True) for _ in range(args.busy_threads)]
    with tempfile.TemporaryDirectory() as work:
        core = build_core(CoreConfig.load(data_dir=Path(work) / "data",
                                          env={"PROCTOR_ANALYSIS": "0"}), SystemClock())
        try:
            exam = core.exams.create_exam("Benchmark", duration_seconds=7 * 24 * 3600,
                                          snapshot_interval_seconds=10)
            kiosks = [core.attempts.start_attempt(exam.exam_id, f"B-{n}", f"Kiosk {n}")
                      for n in range(args.sessions)]
            image = jpeg_bytes()
            for spinner in spinners:
                spinner.start()
            batched: list[float] = []
            one_by_one: list[float] = []
            for round_ in range(args.rounds):
                first = (round_ * args.batch * 2) % max(1, args.sessions - 2 * args.batch)
                results = []
                for kiosk in kiosks[first:first + 2 * args.batch]:
                    snapshot_id = new_snapshot_id()
                    core.snapshots.record_snapshot(kiosk.attempt_id, snapshot_id, image)
                    results.append(AnalysisResult(snapshot_id, 1, ()))
                halves = [results[:args.batch], results[args.batch:]]
                if round_ % 2:
                    halves.reverse()
                started = time.perf_counter()
                core.snapshots.record_analyses(halves[0])
                batched.append((time.perf_counter() - started) * 1000)
                for result in halves[1]:
                    started = time.perf_counter()
                    core.snapshots.record_analyses([result])
                    one_by_one.append((time.perf_counter() - started) * 1000)
        finally:
            stop.set()
            core.close()
    per_write = [sum(one_by_one[i:i + args.batch])
                 for i in range(0, len(one_by_one), args.batch)]
    print(f"{args.batch} frames of {args.batch} sessions, {args.rounds} rounds, "
          f"{args.sessions} sessions running, {args.busy_threads} busy threads")
    for name, figures, frames in (("one write for all", batched, args.batch),
                                  ("one write per frame", one_by_one, 1)):
        median = statistics.median(figures)
        p90 = statistics.quantiles(figures, n=10)[-1]
        print(f"  {name:20}: {median:6.2f} ms per write (p90 {p90:6.2f}), "
              f"{median / frames:5.2f} ms per frame")
    print(f"  the {args.batch} frames in one write take "
          f"{statistics.median(per_write) / statistics.median(batched):.1f}x less writer time "
          f"than one write each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Upload throughput while the exam system's webhook receiver answers only after 10 s, against
no webhook at all: the same `proctor-server`, in alternating rounds (none, slow, none, slow...).

    python3 tests/benchmarks/webhooks.py [--uploaders 16] [--seconds 10] [--rounds 3]
                                         [--changes-per-second 5] [--delay 10]

The server and the load are those of tests/benchmarks/ingest.py (wrk when installed, else its
httpx generator; analysis off, so only the webhooks differ). In every round a thread makes
proctor warnings at ``--changes-per-second`` over the attempts (each one a change the webhook
hears); in the slow rounds a webhook hearing every type points at a receiver (an HTTP server in
this process, tests/core/api/webhook_receiver.py) that answers after ``--delay`` seconds, so the
sender's threads are all held and deliveries pile up and are retried. Prints uploads/s per round
and the median ratio slow / none (target: at least 0.9).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.ingest import (  # noqa: E402
    WARMUP_SECONDS,
    HttpxLoad,
    Measurement,
    Target,
    WrkLoad,
    make_frames,
    start_full,
    stop,
)
from tests.core.api.webhook_receiver import make_server, received  # noqa: E402

TARGET_RATIO = 0.9
TYPES = ["attempt.started", "attempt.submitted", "attempt.expired", "attempt.terminated",
         "session.flagged", "session.warned", "session.paused", "session.resumed",
         "session.time_added", "session.reviewed"]


def make_changes(target: Target, per_second: float, stop_at: float) -> int:
    """Warn the attempts' sessions in turn at ``per_second`` until ``stop_at``."""
    admin = {"Authorization": f"Bearer {target.admin_key}"}  # type: ignore[attr-defined]
    made = 0
    with httpx.Client(base_url=target.url, timeout=30, headers=admin) as client:
        sessions = [s["session_id"] for s in client.get("/api/v1/proctor/sessions").json()]
        while time.monotonic() < stop_at:
            session_id = sessions[made % len(sessions)]
            client.post(f"/api/v1/proctor/sessions/{session_id}/warn",
                        json={"message": f"Benchmark warning {made}"}).raise_for_status()
            made += 1
            time.sleep(1 / per_second)
    return made


def round_with_changes(load: WrkLoad | HttpxLoad, target: Target, seconds: float,
                       per_second: float) -> tuple[Measurement, int]:
    made = [0]
    worker = threading.Thread(target=lambda: made.__setitem__(
        0, make_changes(target, per_second, time.monotonic() + seconds)))
    worker.start()
    measured = load.drive(target, seconds)
    worker.join()
    return measured, made[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploaders", type=int, default=16)
    parser.add_argument("--kiosks", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--changes-per-second", type=float, default=5)
    parser.add_argument("--delay", type=float, default=10, help="the receiver's answer delay")
    parser.add_argument("--httpx", action="store_true", help="use httpx even if wrk exists")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="webhooks-bench-") as tmp:
        work = Path(tmp)
        (work / "data").mkdir()
        (work / "frames").mkdir()
        frames = make_frames(work / "frames")
        receiver = make_server(work / "received.jsonl", delay=args.delay)
        threading.Thread(target=receiver.serve_forever, daemon=True).start()
        hook_url = f"http://127.0.0.1:{receiver.server_address[1]}/hooks"
        full = start_full(work / "data", args.kiosks, analysis=False)
        admin = {"Authorization": f"Bearer {full.admin_key}"}  # type: ignore[attr-defined]
        use_wrk = shutil.which("wrk") and not args.httpx
        load = WrkLoad(work, frames, args.uploaders) if use_wrk else HttpxLoad(frames,
                                                                               args.uploaders)
        print(f"load: {load.description}")
        print(f"{args.uploaders} uploaders over {args.kiosks} attempts, {args.rounds} rounds "
              f"x {args.seconds:g} s each way, {args.changes_per_second:g} warnings/s in every "
              f"round, receiver answering after {args.delay:g} s in the slow rounds")
        rates: dict[str, list[float]] = {"none": [], "slow": []}
        ratios = []
        try:
            load.drive(full, WARMUP_SECONDS)
            with httpx.Client(base_url=full.url, timeout=30, headers=admin) as client:
                for number in range(1, args.rounds + 1):
                    for kind in ("none", "slow"):
                        hook = None
                        if kind == "slow":
                            hook = client.post("/api/v1/webhooks", json={
                                "url": hook_url, "events": TYPES}).json()["webhook_id"]
                        measured, made = round_with_changes(load, full, args.seconds,
                                                            args.changes_per_second)
                        backlog = ""
                        if hook is not None:
                            listed = client.get(f"/api/v1/webhooks/{hook}/deliveries",
                                                params={"limit": 1000}).json()
                            waiting = sum(1 for d in listed if d["status"] == "pending")
                            backlog = (f"; {waiting} deliveries pending, "
                                       f"{len(received(work / 'received.jsonl'))} posts "
                                       f"received so far")
                            client.delete(f"/api/v1/webhooks/{hook}")
                        rates[kind].append(measured.per_second)
                        print(f"  round {number} {kind}: {measured.per_second:7.1f} uploads/s "
                              f"({measured.uploads} ok, {measured.failures} failed, {made} "
                              f"warnings{backlog})", flush=True)
                    ratios.append(rates["slow"][-1] / rates["none"][-1])
                    print(f"  round {number} ratio slow / none: {ratios[-1]:.3f}", flush=True)
        finally:
            stop([full])
            receiver.shutdown()
    ratio = statistics.median(ratios)
    print(f"median: none {statistics.median(rates['none']):.1f} uploads/s, slow "
          f"{statistics.median(rates['slow']):.1f} uploads/s, ratio {ratio:.3f} "
          f"(target at least {TARGET_RATIO})")
    return 0 if ratio >= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())

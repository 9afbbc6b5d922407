"""What a kiosk's heartbeat costs: heartbeats/s of a real `proctor-server` (SQLite, analysis
off), its CPU per heartbeat, and the durable writes heartbeats cause (rows added to the change
log, one per session change, and session rows whose kiosk_seen_at moved).

    python3 tests/benchmarks/heartbeat.py [--sessions 200] [--seconds 15] [--threads 8]
                                          [--before PATH] [--rounds 2]

``--before PATH`` also runs the server from another checkout (e.g. the main branch before
kiosk_seen_at) in A B rounds, so both figures come from one run on the same machine. Each
session's kiosk heartbeats as fast as the threads allow (far more often than the 5 s of a real
kiosk), so the figure is the cost per heartbeat, not a center's load.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.server import BenchmarkServer  # noqa: E402

API = "/api/v1"


def database_rows(data_dir: Path) -> tuple[int, int]:
    """(change log rows, sessions with a kiosk_seen_at) in the server's database now."""
    with sqlite3.connect(data_dir / "proctor.db") as db:
        changes = db.execute("SELECT count(*) FROM changes").fetchone()[0]
        columns = [r[1] for r in db.execute("PRAGMA table_info(proctor_sessions)")]
        seen = (db.execute("SELECT count(*) FROM proctor_sessions "
                           "WHERE kiosk_seen_at IS NOT NULL").fetchone()[0]
                if "kiosk_seen_at" in columns else 0)
    return changes, seen


def client(url: str, secret: str | None = None) -> httpx.Client:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return httpx.Client(base_url=url + API, headers=headers, timeout=30,
                        transport=httpx.HTTPTransport())


def start_sessions(server: BenchmarkServer, count: int) -> list[tuple[str, str]]:
    with client(server.url, server.admin) as admin:
        exam = admin.post("/exams", json={"title": "Heartbeat benchmark",
                                          "duration_seconds": 6 * 3600}).json()
    attempts = []
    with client(server.url, server.kiosk) as kiosk:
        for n in range(count):
            started = kiosk.post("/attempts", json={"exam_id": exam["exam_id"],
                                                    "candidate_ref": f"beat-{n}",
                                                    "candidate_name": f"Candidate {n}"}).json()
            attempts.append((started["attempt_id"], started["token"]))
    return attempts


def measure(root: Path, sessions: int, seconds: float, threads: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        server = BenchmarkServer(Path(folder) / "data", settings={"PROCTOR_ANALYSIS": "0"},
                                 root=root)
        try:
            attempts = start_sessions(server, sessions)
            changes_before, _ = database_rows(server.data_dir)
            cpu_before = server.cpu_seconds()
            stop_at = time.monotonic() + seconds
            counts = [0] * threads

            def beat(worker: int) -> None:
                with client(server.url) as c:
                    n = worker
                    while time.monotonic() < stop_at:
                        attempt_id, token = attempts[n % len(attempts)]
                        answer = c.get(f"/attempts/{attempt_id}",
                                       headers={"Authorization": f"Bearer {token}"})
                        assert answer.status_code == 200, answer.text
                        counts[worker] += 1
                        n += threads

            workers = [threading.Thread(target=beat, args=(w,)) for w in range(threads)]
            started = time.monotonic()
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            elapsed = time.monotonic() - started
            cpu = server.cpu_seconds() - cpu_before
            time.sleep(3)  # the contact flusher's next round
            changes_after, seen = database_rows(server.data_dir)
            total = sum(counts)
            return {"per_s": total / elapsed, "cpu_ms": 1000 * cpu / total,
                    "changes": changes_after - changes_before, "beats": total,
                    "seen": seen}
        finally:
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", type=Path, help="another checkout to compare with")
    args = parser.parse_args()
    sides = [("before", args.before)] if args.before else []
    sides.append(("after", REPO))
    for round_ in range(args.rounds):
        for name, root in sides:
            r = measure(root, args.sessions, args.seconds, args.threads)
            print(f"round {round_ + 1} {name}: {r['per_s']:.0f} heartbeats/s, "
                  f"{r['cpu_ms']:.2f} ms server CPU each; {r['beats']:.0f} heartbeats caused "
                  f"{r['changes']:.0f} change-log rows ({r['changes'] / r['beats']:.4f} per "
                  f"heartbeat), {r['seen']:.0f} sessions with kiosk_seen_at", flush=True)


if __name__ == "__main__":
    main()

"""The live change stream under a center's load: a real `proctor-server`, 300 active sessions,
uploads at 30/s, 5 stream subscribers.

    python3 tests/benchmarks/stream.py [--sessions 300] [--rate 30] [--subscribers 5]
                                       [--minutes 5] [--rounds 2] [--round-seconds 15]

Prints, in one run:

* latency: for every upload, the time from sending it to each subscriber's `snapshot_recorded`
  for it (an upper bound of "change to arrival": the change commits inside that window), p50 and
  p99 over all subscribers (target p99 < 250 ms on loopback);
* server RSS sampled every 10 s over the paced run (target: flat);
* upload throughput at saturation with 0 and with 5 subscribers, A B A B rounds in the same run
  (target: with / without >= 0.9).

Analysis stays on (the default), as in a real center.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from httpx_sse import connect_sse
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.benchmarks.server import BenchmarkServer  # noqa: E402

API = "/api/v1"


def frame(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.new("RGB", (640, 480), (rng.randrange(256), 90, 140))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(640), rng.randrange(480)
        draw.ellipse((x, y, x + 80, y + 80), fill=(rng.randrange(256), 120, rng.randrange(256)))
    image = Image.blend(image, Image.effect_noise((640, 480), 40).convert("RGB"), 0.25)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def client(url: str, secret: str) -> httpx.Client:
    return httpx.Client(base_url=url + API, headers={"Authorization": f"Bearer {secret}"},
                        timeout=httpx.Timeout(30, read=120), transport=httpx.HTTPTransport())


def start_sessions(server: BenchmarkServer, count: int) -> list[tuple[str, str]]:
    with client(server.url, server.admin) as admin:
        exam = admin.post("/exams", json={"title": "Stream benchmark",
                                          "duration_seconds": 6 * 3600}).json()
    attempts = []
    with client(server.url, server.kiosk) as kiosk:
        for n in range(count):
            started = kiosk.post("/attempts", json={"exam_id": exam["exam_id"],
                                                    "candidate_ref": f"bench-{n}",
                                                    "candidate_name": f"Candidate {n}"}).json()
            attempts.append((started["attempt_id"], started["token"]))
    return attempts


class Subscriber:
    """Reads the stream; records when each snapshot_recorded arrived."""

    def __init__(self, server: BenchmarkServer) -> None:
        self.arrivals: dict[str, float] = {}
        self.count = 0
        self._client = client(server.url, server.admin)
        self._stop = threading.Event()
        self._opened = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        self._opened.wait(10)

    def _read(self) -> None:
        try:
            with connect_sse(self._client, "GET", "/proctor/stream") as source:
                self._opened.set()
                for sse in source.iter_sse():
                    now = time.perf_counter()
                    self.count += 1
                    if sse.event == "snapshot_recorded":
                        self.arrivals[json.loads(sse.data)["snapshot_id"]] = now
                    if self._stop.is_set():
                        return
        except httpx.HTTPError:
            pass

    def close(self) -> None:
        self._stop.set()
        self._client.close()


def upload(http: httpx.Client, attempt: tuple[str, str], image: bytes) -> tuple[str, float, int]:
    snapshot_id = str(uuid.uuid4())
    sent = time.perf_counter()
    response = http.post(f"{API}/attempts/{attempt[0]}/snapshots",
                         headers={"Authorization": f"Bearer {attempt[1]}"},
                         files={"image": ("f.jpg", image, "image/jpeg")},
                         data={"snapshot_id": snapshot_id})
    return snapshot_id, sent, response.status_code


def paced_run(server: BenchmarkServer, attempts: list[tuple[str, str]], frames: list[bytes],
              rate: float, seconds: float, subscribers: list[Subscriber]) -> None:
    sent_at: dict[str, float] = {}
    rss: list[tuple[float, float]] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    start = time.perf_counter()
    next_rss = start
    pool = ThreadPoolExecutor(16)
    http = httpx.Client(base_url=server.url, timeout=30, transport=httpx.HTTPTransport(),
                        limits=httpx.Limits(max_connections=32))
    cycle = itertools.cycle(attempts)

    def one(attempt: tuple[str, str], image: bytes) -> None:
        snapshot_id, sent, status = upload(http, attempt, image)
        with lock:
            sent_at[snapshot_id] = sent
            statuses[status] = statuses.get(status, 0) + 1

    for n in itertools.count():
        due = start + n / rate
        now = time.perf_counter()
        if due - start > seconds:
            break
        if now >= next_rss:
            rss.append((now - start, server.rss_mb()))
            next_rss += 10
        if due > now:
            time.sleep(due - now)
        pool.submit(one, next(cycle), frames[n % len(frames)])
    pool.shutdown(wait=True)
    time.sleep(1.0)
    http.close()
    latencies = [(sub.arrivals[sid] - sent) * 1000 for sub in subscribers
                 for sid, sent in sent_at.items() if sid in sub.arrivals]
    missing = sum(1 for sub in subscribers for sid in sent_at if sid not in sub.arrivals)
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    print(f"paced run: {len(sent_at)} uploads at {rate}/s over {seconds:.0f} s, statuses "
          f"{statuses}, {len(subscribers)} subscribers, {missing} arrivals missing")
    print(f"  upload sent -> snapshot_recorded at a subscriber: p50 {p50:.1f} ms, "
          f"p99 {p99:.1f} ms, max {latencies[-1]:.1f} ms  (target p99 < 250 ms)")
    rss.append((time.perf_counter() - start, server.rss_mb()))
    first, last = rss[0][1], rss[-1][1]
    print("  server RSS (s, MB): " + ", ".join(f"{t:.0f}:{mb:.0f}" for t, mb in rss))
    half = [mb for t, mb in rss if t >= rss[-1][0] / 2]
    print(f"  RSS first {first:.0f} MB, last {last:.0f} MB, max {max(mb for _, mb in rss):.0f} "
          f"MB; second half spread {max(half) - min(half):.1f} MB (flat: no steady growth)")


def saturate(server: BenchmarkServer, attempts: list[tuple[str, str]], frames: list[bytes],
             seconds: float, uploaders: int = 8) -> tuple[float, float]:
    """Uploads/s with ``uploaders`` back-to-back clients; and server CPU ms per upload."""
    done = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    cpu0 = server.cpu_seconds()

    def worker(offset: int) -> None:
        nonlocal done
        with httpx.Client(base_url=server.url, timeout=30,
                          transport=httpx.HTTPTransport()) as http:
            n = offset
            while time.perf_counter() < stop_at:
                _sid, _sent, status = upload(http, attempts[n % len(attempts)],
                                             frames[n % len(frames)])
                n += uploaders
                if status == 201:
                    with lock:
                        done += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(uploaders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu = server.cpu_seconds() - cpu0
    return done / elapsed, cpu * 1000 / max(done, 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--subscribers", type=int, default=5)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--round-seconds", type=float, default=15.0)
    args = parser.parse_args()
    frames = [frame(n) for n in range(8)]
    with tempfile.TemporaryDirectory() as tmp:
        server = BenchmarkServer(Path(tmp) / "data")
        try:
            attempts = start_sessions(server, args.sessions)
            print(f"proctor-server at {server.url}: {len(attempts)} active sessions")
            subscribers = [Subscriber(server) for _ in range(args.subscribers)]
            paced_run(server, attempts, frames, args.rate, args.minutes * 60, subscribers)
            for sub in subscribers:
                sub.close()
            rates: dict[int, list[float]] = {0: [], args.subscribers: []}
            for round_number in range(args.rounds):
                for count in (0, args.subscribers):  # A B A B
                    subs = [Subscriber(server) for _ in range(count)]
                    rate, cpu_ms = saturate(server, attempts, frames, args.round_seconds)
                    for sub in subs:
                        sub.close()
                    rates[count].append(rate)
                    print(f"round {round_number + 1}: {count} subscribers: {rate:.1f} uploads/s, "
                          f"{cpu_ms:.2f} ms server CPU per upload")
            without = statistics.median(rates[0])
            with_subs = statistics.median(rates[args.subscribers])
            print(f"throughput with {args.subscribers} subscribers / without: "
                  f"{with_subs / without:.2f} (median {with_subs:.1f} vs {without:.1f} uploads/s; "
                  "target >= 0.9)")
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

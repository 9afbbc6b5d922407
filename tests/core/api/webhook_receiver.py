"""A small exam-system receiver of webhooks, as a process of its own or on a thread:

    python -m tests.core.api.webhook_receiver LOG [--port N] [--delay SECONDS] [--status CODE]

It listens on 127.0.0.1 (port 0 picks one and it prints ``listening on PORT``), answers every
POST with ``--status`` (200 unless told) after ``--delay`` seconds, and appends one JSON line
per request to LOG: the headers it names and the raw body (as text), written before it answers.
``verified`` checks what arrived with the signature rule of the README."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import hmac
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HEADERS = ("Proctor-Webhook-Id", "Proctor-Webhook-Timestamp", "Proctor-Webhook-Signature",
           "Content-Type")


class Receiver(ThreadingHTTPServer):
    """The receiver's server; ``answer`` (status, delay) may be changed while it runs."""

    answer: dict[str, float]


def make_server(log: Path, port: int = 0, delay: float = 0.0, status: int = 200) -> Receiver:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            line = {"path": self.path, "headers": {h: self.headers.get(h) for h in HEADERS},
                    "body": body.decode("utf-8"), "received_at": time.time()}
            with lock, open(log, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(line) + "\n")
            answer = server.answer
            if answer["delay"]:
                time.sleep(answer["delay"])
            self.send_response(int(answer["status"]))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    server = Receiver(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    server.answer = {"status": status, "delay": delay}
    return server


def received(log: Path) -> list[dict[str, Any]]:
    """Every request the receiver logged, in order of arrival."""
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]


def is_signed(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The README's check: v1=hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the
    secret's UTF-8 bytes, compared in constant time."""
    timestamp = headers["Proctor-Webhook-Timestamp"]
    expected = hmac.new(secret.encode("utf-8"), timestamp.encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    given = headers["Proctor-Webhook-Signature"].removeprefix("v1=")
    return hmac.compare_digest(expected, given)


def events_once(log: Path, secret: str) -> list[dict[str, Any]]:
    """The events received, each once (deduped by event_id, the first arrival kept), after
    checking every request's signature and that its id header names its event."""
    seen: dict[str, dict[str, Any]] = {}
    for request in received(log):
        body = request["body"].encode("utf-8")
        assert is_signed(secret, request["headers"], body), request
        event = json.loads(body)
        assert request["headers"]["Proctor-Webhook-Id"] == event["event_id"], request
        seen.setdefault(event["event_id"], event)
    return list(seen.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("log", type=Path)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.0)
    parser.add_argument("--status", type=int, default=200)
    args = parser.parse_args(argv)
    server = make_server(args.log, args.port, args.delay, args.status)
    print(f"listening on {server.server_address[1]}", flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())

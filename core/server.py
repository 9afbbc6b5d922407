"""Run the HTTP API with uvicorn: ApiServer (a background thread, used by the console and tests)
and ``proctor-server`` (headless: API + sweeper, clean shutdown on SIGINT/SIGTERM)."""

from __future__ import annotations

import argparse
import asyncio
import errno
import logging
import signal
import socket
import sys
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # uvicorn is imported when a server starts: command-line parsing stays fast
    import uvicorn

log = logging.getLogger(__name__)


class ServerStartError(RuntimeError):
    """The API could not start; the message says why and what to do."""


class ApiServer:
    def __init__(self, app: Any, host: str, port: int) -> None:
        self._app = app
        self.host = host
        self.requested_port = port
        self.port: int | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def is_running(self) -> bool:
        return bool(self._server and self._server.started and self._thread and
                    self._thread.is_alive())

    def start(self, timeout: float = 15.0) -> None:
        import uvicorn

        sock = self._bind()
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app, log_level="warning", access_log=False, lifespan="off",
            timeout_graceful_shutdown=3,
        )
        self._server = uvicorn.Server(config)
        server = self._server

        def run() -> None:
            try:
                asyncio.run(server.serve(sockets=[sock]))
            except BaseException as exc:  # surfaced by start()/stop()
                self._error = exc
            finally:
                sock.close()

        self._thread = threading.Thread(target=run, name="proctor-api", daemon=True)
        self._thread.start()
        ready = threading.Event()
        while not ready.wait(0.02):
            if server.started:
                return
            if not self._thread.is_alive():
                raise ServerStartError(f"The API server stopped while starting: {self._error}")
            timeout -= 0.02
            if timeout <= 0:
                self.stop()
                raise ServerStartError("The API server did not start within the time allowed.")

    def stop(self, timeout: float = 10.0) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _bind(self) -> socket.socket:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP;
        # without it every reply waits ~40 ms for a delayed ACK on kept-alive connections.
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.requested_port))
        except OSError as exc:
            sock.close()
            if exc.errno == errno.EADDRINUSE:
                raise ServerStartError(
                    f"Port {self.requested_port} on {self.host} is already in use. Close the "
                    "other program or choose another port with --port or PROCTOR_PORT."
                ) from exc
            raise ServerStartError(
                f"Cannot listen on {self.host}:{self.requested_port}: {exc.strerror}."
            ) from exc
        sock.listen(2048)
        sock.setblocking(False)
        return sock


def add_core_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", help="where the database, keys and media live "
                        "(env PROCTOR_DATA_DIR)")
    parser.add_argument("--host", help="address to listen on (env PROCTOR_HOST, default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on, 0 for a free one "
                        "(env PROCTOR_PORT, default 8765)")


def main(argv: list[str] | None = None) -> int:
    from core.api import create_app
    from core.bootstrap import build_core
    from core.config import ConfigError, CoreConfig

    parser = argparse.ArgumentParser(
        prog="proctor-server", description="Proctor Console core and HTTP API, without a window."
    )
    add_core_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = CoreConfig.load(data_dir=args.data_dir, host=args.host, port=args.port)
    except ConfigError as exc:
        print(f"proctor-server: {exc}", file=sys.stderr)
        return 2
    core = build_core(config)
    server = ApiServer(create_app(core), config.host, config.port)
    try:
        server.start()
    except ServerStartError as exc:
        core.close()
        print(f"proctor-server: {exc}", file=sys.stderr)
        return 2
    core.start_background_jobs()
    if config.keys_generated:
        print(f"new keys were generated and kept in {config.keys_path} (mode 0600):")
        print(f"  admin key: {config.admin_key}")
        print(f"  kiosk key: {config.kiosk_key}")
    print(f"listening on {server.url}", flush=True)

    stop = threading.Event()

    def request_stop(signum: int, _frame: object) -> None:
        log.info("received %s, shutting down", signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    while not stop.wait(0.5):
        if not server.is_running:
            log.error("the API server stopped unexpectedly")
            break
    server.stop()
    core.close()
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

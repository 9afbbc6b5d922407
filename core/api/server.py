"""Run the HTTP API with uvicorn: ApiServer (a background thread, used by the console and tests)
and ``proctor-server`` (headless: API + sweeper, clean shutdown on SIGINT/SIGTERM).

``proctor-server --workers N`` (PostgreSQL only) binds the port once, upgrades the database once,
then forks N worker processes that each build their own core and accept on the shared socket.
The parent prints the ready line when every worker is ready, restarts a worker that dies, and
passes SIGINT/SIGTERM on. Workers share their changes through the database
(``core.events.change_log``) and claim background jobs, so nothing runs twice.

``proctor-server backup DEST`` and ``proctor-server restore SRC --data-dir NEWDIR`` are parsed
apart and run ``core.backup``, which is imported only then."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import faulthandler
import gc
import logging
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:  # uvicorn is imported when a server starts: command-line parsing stays fast
    from collections.abc import Coroutine

    import uvicorn

    from core.jobs.serving_loop import ServingLoopWatch


log = logging.getLogger(__name__)

#: Seconds a TLS connection has to complete its handshake before it is dropped (asyncio's own
#: default is 60: a silent connection held a slot that long).
TLS_HANDSHAKE_TIMEOUT = 10.0
#: How long an idle connection is kept open. Longer than a kiosk's snapshot interval, so a kiosk
#: keeps one connection for its uploads and one for its heartbeat instead of opening (and with
#: HTTPS, handshaking) a new one for nearly every request.
KEEP_ALIVE_SECONDS = 75


class ServerStartError(RuntimeError):
    """The API could not start; the message says why and what to do."""


class ApiServer:
    def __init__(self, app: Any, host: str, port: int,
                 header_timeout: float = 10.0,  # seconds for a request's headers to arrive
                 sock: socket.socket | None = None, *,
                 ssl_certfile: Path | None = None, ssl_keyfile: Path | None = None,
                 tls_handshake_timeout: float = TLS_HANDSHAKE_TIMEOUT,
                 serving_loop: ServingLoopWatch | None = None) -> None:
        self._app = app
        #: Ticks on the serving loop while it runs, so other work can see it falling behind.
        self._serving_loop = serving_loop
        self.ssl_certfile, self.ssl_keyfile = ssl_certfile, ssl_keyfile  # HTTPS when given
        self.tls_handshake_timeout = tls_handshake_timeout
        self.host = host
        self.header_timeout = header_timeout
        self.requested_port = port
        self._sock = sock  # already bound and listening (several worker processes share it)
        self.port: int | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        scheme = "https" if self.ssl_certfile else "http"
        return f"{scheme}://{self.host}:{self.port}"

    @property
    def is_running(self) -> bool:
        return bool(self._server and self._server.started and self._thread and
                    self._thread.is_alive())

    def start(self, timeout: float = 15.0) -> None:
        import uvicorn

        from core.api.http_protocol import protocol_with_header_deadline

        sock = self._sock or bind_socket(self.host, self.requested_port)
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._app, log_level="warning", access_log=False, lifespan="off",
            timeout_graceful_shutdown=3, timeout_keep_alive=KEEP_ALIVE_SECONDS,
            http=protocol_with_header_deadline(self.header_timeout),
            ssl_certfile=self.ssl_certfile, ssl_keyfile=self.ssl_keyfile,
        )
        self._server = uvicorn.Server(config)
        server = self._server

        handshake_timeout = self.tls_handshake_timeout
        serving_loop = self._serving_loop

        def loop_with_handshake_deadline() -> asyncio.AbstractEventLoop:
            return HandshakeDeadlineLoop(handshake_timeout)

        def run() -> None:
            try:
                with asyncio.Runner(loop_factory=loop_with_handshake_deadline) as runner:
                    runner.run(_serve_watched(server.serve(sockets=[sock]), serving_loop))
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
        stopping = getattr(getattr(self._app, "state", None), "stopping", None)
        if isinstance(stopping, threading.Event):
            stopping.set()  # long-lived responses (the change stream) end now
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None


async def _serve_watched(serving: Coroutine[Any, Any, None],
                         watch: ServingLoopWatch | None) -> None:
    """``serving`` (uvicorn's serve), with ``watch`` ticking on the same loop until it ends."""
    ticking = asyncio.ensure_future(watch.run()) if watch is not None else None
    try:
        await serving
    finally:
        if ticking is not None:
            ticking.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticking


class HandshakeDeadlineLoop(asyncio.SelectorEventLoop):
    """The event loop the API serves on: a TLS server it creates drops a connection whose
    handshake is not complete within ``tls_handshake_timeout`` seconds (uvicorn creates its
    server without saying, which leaves asyncio's 60)."""

    def __init__(self, tls_handshake_timeout: float = TLS_HANDSHAKE_TIMEOUT) -> None:
        super().__init__()
        self.tls_handshake_timeout = tls_handshake_timeout

    async def create_server(self, *args: Any, **kwargs: Any) -> asyncio.Server:
        if kwargs.get("ssl") is not None and kwargs.get("ssl_handshake_timeout") is None:
            kwargs["ssl_handshake_timeout"] = self.tls_handshake_timeout
        return await super().create_server(*args, **kwargs)


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (port 0: a free one), or a ServerStartError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP;
    # without it every reply waits ~40 ms for a delayed ACK on kept-alive connections.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise ServerStartError(
                f"Port {port} on {host} is already in use. Close the "
                "other program or choose another port with --port or PROCTOR_PORT."
            ) from exc
        raise ServerStartError(
            f"Cannot listen on {host}:{port}: {exc.strerror}."
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


#: ``proctor-server backup ...`` and ``proctor-server restore ...``: parsed apart (the plain
#: ``proctor-server`` takes no positional argument, so a first word names one of these).
SUBCOMMANDS = ("backup", "restore")


def main(argv: list[str] | None = None) -> int:
    args_given = sys.argv[1:] if argv is None else argv
    if args_given and args_given[0] in SUBCOMMANDS:
        return backup_main(args_given)
    from core.api.secure_serving import TlsError, add_tls_arguments, resolve_tls
    from core.config import SHOWN_KEYS, ConfigError, CoreConfig
    from core.data_dir_lock import DataDirInUse, DataDirLock

    parser = argparse.ArgumentParser(
        prog="proctor-server", description="Proctor Console core and HTTP API, without a window.",
        epilog="Backups: proctor-server backup DEST [--data-dir DIR] copies a center, running or "
        "not, into the new folder DEST; proctor-server restore SRC --data-dir NEWDIR makes a "
        "center from it (each with --help).",
    )
    add_core_arguments(parser)
    parser.add_argument("--workers", type=int, default=1, metavar="N",
                        help="serve with N processes (needs a PostgreSQL PROCTOR_DATABASE_URL)")
    parser.add_argument("--show-keys", action="store_true",
                        help="print the admin and kiosk keys in effect, and where each comes "
                        "from, then exit")
    add_tls_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = CoreConfig.load(data_dir=args.data_dir, host=args.host, port=args.port)
        config = resolve_tls(config, args.tls)
    except (ConfigError, TlsError) as exc:
        print(f"proctor-server: {exc}", file=sys.stderr)
        return 2
    if args.show_keys:
        for name in SHOWN_KEYS:
            print(f"{_key_label(name)}: {getattr(config, name)}  (from {config.key_sources[name]})")
        from core.net.evidence_key import KEYS_DIR, EvidenceKey
        print(f"evidence key sha256 "
              f"{EvidenceKey.load_or_create(config.data_dir / KEYS_DIR).fingerprint}")
        return 0
    problem = workers_problem(args.workers, config.database_url)
    if problem:
        print(f"proctor-server: {problem}", file=sys.stderr)
        return 2
    data_dir_lock = DataDirLock(config.data_dir, "proctor-server")
    try:
        data_dir_lock.acquire()  # held until the process exits (worker processes share it)
    except DataDirInUse as exc:
        print(f"proctor-server: {exc}", file=sys.stderr)
        return 2
    try:
        sock = bind_socket(config.host, config.port)
    except ServerStartError as exc:
        print(f"proctor-server: {exc}", file=sys.stderr)
        return 2
    if args.workers == 1:
        return _serve_one(config, sock)
    return _serve_workers(config, sock, args.workers)


def backup_main(argv: list[str]) -> int:
    """``proctor-server backup DEST [--data-dir DIR]`` and ``proctor-server restore SRC
    --data-dir NEWDIR`` (core/backup.py); a refusal is one sentence on stderr and status 2."""
    parser = argparse.ArgumentParser(prog="proctor-server")
    commands = parser.add_subparsers(dest="command", required=True)
    backup = commands.add_parser(
        "backup", help="copy a center, running or not, into a new folder",
        description="Copy a center's database, media, keys and TLS identity, with a manifest, "
        "into the new folder DEST. The center may keep running. On PostgreSQL "
        "(PROCTOR_DATABASE_URL, PROCTOR_MEDIA_ROOT) the database is a pg_dump custom dump.")
    backup.add_argument("destination", metavar="DEST", help="a folder that does not exist yet")
    backup.add_argument("--data-dir", metavar="DIR",
                        help="the center's data dir (env PROCTOR_DATA_DIR)")
    restore = commands.add_parser(
        "restore", help="make a center from a backup",
        description="Check a backup's files against its manifest and make a center from it in "
        "NEWDIR (new or empty), upgraded to this version. On PostgreSQL the dump goes into the "
        "empty database of PROCTOR_DATABASE_URL; PROCTOR_MEDIA_ROOT, when set, receives the "
        "media.")
    restore.add_argument("source", metavar="SRC", help="a folder made by proctor-server backup")
    restore.add_argument("--data-dir", required=True, metavar="NEWDIR",
                         help="the restored center's data dir (new or empty)")
    args = parser.parse_args(argv)

    from core.backup import BackupError, CenterLocation, restore_backup, take_backup

    try:
        if args.command == "backup":
            backup_report = take_backup(CenterLocation.find(args.data_dir), args.destination)
            for missing in backup_report.missing:
                print(f"proctor-server: {missing.sentence()}.", file=sys.stderr)
            line = backup_report.line()
        else:
            line = restore_backup(args.source, args.data_dir).line()
    except BackupError as exc:
        print(f"proctor-server: {exc}", file=sys.stderr)
        return 2
    print(line, flush=True)
    return 0


def workers_problem(workers: int, database_url: str) -> str | None:
    """Why ``--workers`` cannot be used with this database, or None."""
    if workers < 1 or workers > 64:
        return "--workers takes a number from 1 to 64."
    if workers > 1 and not database_url.startswith("postgresql"):
        return (f"--workers {workers} needs a PostgreSQL database (PROCTOR_DATABASE_URL="
                "postgresql+psycopg://...): the embedded SQLite file serves one process. "
                "Run one worker, or point PROCTOR_DATABASE_URL at PostgreSQL.")
    if workers > 1 and not hasattr(os, "fork"):
        return "--workers above 1 needs a system with fork() (Linux or macOS)."
    return None


def _print_keys(config: Any) -> None:
    from core.config import SHOWN_KEYS

    new_keys = [name for name in SHOWN_KEYS if name in config.generated_keys]
    if new_keys:  # only keys this start made: never one from the environment or an old start
        print(f"new keys were generated and kept in {config.keys_path} (mode 0600):")
        for name in new_keys:
            print(f"  {_key_label(name)}: {getattr(config, name)}")
        print("  (proctor-server --show-keys prints the keys in effect again)")


class StopRequest:
    """SIGINT and SIGTERM, noted by a handler that takes no lock, and waited for by polling.

    A Python signal handler runs in the main thread between two of its steps. The handler used
    to set a ``threading.Event`` the main thread was waiting on: when the signal came while that
    thread held the event's own lock (entering or leaving the wait), ``set()`` waited for that
    lock forever and the server never stopped (once in about 45 runs of its tests under load). The
    handler now only notes the signal; nothing is logged in it either (logging locks too)."""

    POLL_SECONDS = 0.1

    def __init__(self) -> None:
        self.signum: int | None = None
        self._said = False
        signal.signal(signal.SIGINT, self._note)
        signal.signal(signal.SIGTERM, self._note)

    def _note(self, signum: int, _frame: object) -> None:
        self.signum = signum

    def wait(self, timeout: float) -> bool:
        """Whether a stop was asked, waiting up to ``timeout`` seconds for one."""
        deadline = time.monotonic() + timeout
        while self.signum is None and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(self.POLL_SECONDS, left))
        if self.signum is not None and not self._said:
            self._said = True
            log.info("received %s, shutting down", signal.Signals(self.signum).name)
        return self.signum is not None


def _start_core_server(config: Any, sock: socket.socket) -> tuple[Any, ApiServer]:
    from core.api.app import create_app
    from core.bootstrap import build_core

    core = build_core(config)
    from core.api.secure_serving import server_certificates

    certificates = server_certificates(config)
    server = ApiServer(create_app(core), config.host, config.port, config.header_timeout,
                       sock=sock,
                       ssl_certfile=certificates.cert_chain if certificates else None,
                       ssl_keyfile=certificates.key if certificates else None,
                       serving_loop=core.serving_loop)
    try:
        server.start()
    except ServerStartError:
        core.close()
        raise
    core.start_background_jobs()
    freeze_start_up_objects()
    return core, server


#: Objects the cyclic collector lets accumulate before it looks at the young ones (Python's
#: default is 700). See ``freeze_start_up_objects``.
YOUNG_GENERATION = 10_000


def freeze_start_up_objects() -> None:
    """What the server made to start (modules, the app and its schemas, the core) lives as long
    as the process: it is moved out of the cyclic collector's way, so a full collection walks
    only what was made since. Each full collection holds the interpreter lock while it walks;
    on a loaded center that walk took 100-170 ms, and every request waited behind it
    (``tests/benchmarks/grid_under_load.py``).

    The collector then waits for ``YOUNG_GENERATION`` new objects instead of 700. A loaded
    server's requests live for tens of milliseconds to seconds; with 700, thousands of them
    outlived two collections a second, reached the oldest generation and made it grow by a
    quarter every 2-3 s, each time a full collection (150-300 ms at 1,000 kiosks, the whole
    process waiting). With 10,000 most die before their first collection: timed inside a
    server at 1,000 kiosks (40 s, analysis on), the collector's pauses went from 5.9-6.8 s to
    1.2-2.2 s in all, full collections from 23 to 1; each young collection now takes 20-30 ms
    instead of under 1 ms."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])


def _serve_one(config: Any, sock: socket.socket) -> int:
    stop = StopRequest()  # before the first answer: a SIGTERM from then on stops cleanly
    try:
        core, server = _start_core_server(config, sock)
    except ServerStartError as exc:
        print(f"proctor-server: {exc}", file=sys.stderr)
        return 2
    _print_keys(config)
    print(f"listening on {server.url}", flush=True)
    from core.api.secure_serving import print_identity_and_announce

    announcement = print_identity_and_announce(config, sock.getsockname()[1])
    while not stop.wait(0.5):
        if not server.is_running:
            log.error("the API server stopped unexpectedly")
            break
    write_stacks_if_stopping_hangs()
    announcement.close()
    server.stop()
    core.close()
    print("stopped", flush=True)
    return 0


STOP_STACKS_SECONDS = 30.0


def write_stacks_if_stopping_hangs(seconds: float = STOP_STACKS_SECONDS,
                                   file: TextIO | None = None) -> None:
    """Called when a stop begins: if the process still runs ``seconds`` later (its parts not
    stopped, or the interpreter waiting for a thread as it exits), every thread's stack is
    written to ``file`` (stderr), once, and the stop goes on: what it waits for is then in the
    log, not a guess. A quick stop ends the process first."""
    faulthandler.dump_traceback_later(seconds, exit=False, file=file or sys.stderr)


# ---- several worker processes ------------------------------------------------------------------
WORKER_READY_SECONDS = 60.0


def _serve_workers(config: Any, sock: socket.socket, count: int) -> int:
    from core.db.engine import create_db_engine
    from core.db.migrate import upgrade_to_head

    engine = create_db_engine(config.database_url)  # migrate once, before any worker starts
    upgrade_to_head(engine)
    engine.dispose()
    port = sock.getsockname()[1]
    workers: dict[int, int] = {}  # pid -> worker number
    for number in range(count):
        pid, ready = _fork_worker(config, sock, number)
        workers[pid] = number
        if not ready:
            _stop_workers(workers)
            print(f"proctor-server: worker {number + 1} of {count} did not start; see the log "
                  "above.", file=sys.stderr)
            return 2
    stop = StopRequest()  # after the forks (each worker sets its own), before "listening"
    _print_keys(config)
    print(f"listening on {'https' if config.tls else 'http'}://{config.host}:{port}", flush=True)
    from core.api.secure_serving import print_identity_and_announce

    announcement = print_identity_and_announce(config, port)
    log.info("%d worker processes serving (pids %s)", count, ", ".join(map(str, workers)))
    while not stop.wait(0.5):
        for pid, number in list(workers.items()):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:  # a worker died: start another in its place
                del workers[pid]
                log.error("worker %d (pid %d) stopped with status %d; starting a new one",
                          number + 1, pid, status)
                new_pid, _ready = _fork_worker(config, sock, number)
                workers[new_pid] = number
    announcement.close()
    _stop_workers(workers)
    sock.close()
    print("stopped", flush=True)
    return 0


def _fork_worker(config: Any, sock: socket.socket, number: int) -> tuple[int, bool]:
    """Start worker ``number`` in a child process; (its pid, whether it said it was ready)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker
        os.close(read_end)
        code = 1
        try:
            code = _worker_main(config, sock, write_end)
        except BaseException:
            log.exception("worker %d failed", number + 1)
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        import select

        readable, _, _ = select.select([pipe], [], [], WORKER_READY_SECONDS)
        ready = bool(readable) and pipe.read(1) == b"1"
    return pid, ready


def _worker_main(config: Any, sock: socket.socket, ready_fd: int) -> int:
    parent = os.getppid()
    stop = StopRequest()
    core, server = _start_core_server(config, sock)
    os.write(ready_fd, b"1")
    os.close(ready_fd)
    while not stop.wait(0.5):
        if not server.is_running:
            log.error("the API server of worker pid %d stopped unexpectedly", os.getpid())
            break
        if os.getppid() != parent:  # the supervising process died (kill -9): no orphans
            log.error("worker pid %d lost its parent process; stopping", os.getpid())
            break
    write_stacks_if_stopping_hangs()
    server.stop()
    core.close()
    return 0


def _stop_workers(workers: dict[int, int], timeout: float = 20.0) -> None:
    for pid in workers:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for pid in workers:
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.05)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def _key_label(name: str) -> str:
    return name.replace("_", " ")


if __name__ == "__main__":
    sys.exit(main())

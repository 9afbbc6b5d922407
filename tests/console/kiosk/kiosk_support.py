"""Test support for the kiosk: a frame source a test can break and mend, a server that can be
stopped and started again on the same port, a center over TLS with its own certificates, a
network where no center answers, and small readers of the server's records."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

from console.kiosk.camera.frame_source import CameraUnavailable, FrameSource
from console.kiosk.camera.synthetic_frame_source import SyntheticFrameSource
from console.kiosk.kiosk_timings import KioskTimings
from console.proctor.center import RemoteCenter
from core.api.app import create_app
from core.api.server import ApiServer
from core.bootstrap import Core, build_core
from core.client import BrowseResult
from core.config import CoreConfig
from core.domain.clock import SystemClock
from core.net.tls import ensure_server_certificates
from tests.core.api.tls_support import TlsServer

#: Short periods so a test sees minutes of kiosk life in a second or two.
FAST = KioskTimings(
    heartbeat_seconds=0.3,
    first_snapshot_delay_seconds=0.2,
    snapshot_interval_seconds=0.4,
    retry_backoff_seconds=(0.1, 0.2),
    failing_retry_seconds=0.4,
    preview_fps=10,
    camera_stall_seconds=1.0,
    focus_debounce_seconds=0.2,
    submit_flush_seconds=3,
    request_timeout_seconds=3,
    join_retry_seconds=0.3,
    close_flush_seconds=0.5,
)


class FakeFrameSource(FrameSource):
    """Real frames (the synthetic picture) that a test can deny or stop at any moment."""

    description = "test camera"

    def __init__(self, is_openable: bool = True, breaks_after_the_check: bool = False) -> None:
        """``breaks_after_the_check``: the readiness check's open works, every later one fails
        (a camera that someone unplugs, or another program takes, once the exam has started)."""
        self.is_openable = is_openable
        self.breaks_after_the_check = breaks_after_the_check
        self.is_delivering = True
        self.is_open = False
        self.open_count = 0
        self._picture = SyntheticFrameSource(label="TEST CAMERA")
        self._lock = threading.Lock()

    def open(self) -> None:
        with self._lock:
            self.open_count += 1
            if self.breaks_after_the_check and self.open_count == 2:
                self.is_openable = False
            if not self.is_openable:
                raise CameraUnavailable("The test camera refused to open.")
            self._picture.open()
            self.is_open = True

    def read(self) -> np.ndarray | None:
        with self._lock:
            if not self.is_open or not self.is_delivering:
                return None
            return self._picture.read()

    def close(self) -> None:
        with self._lock:
            self._picture.close()
            self.is_open = False


class RestartableServer:
    """A real uvicorn server over a real core that a test can stop and start on the same port."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.port = 0
        self._server: ApiServer | None = None
        self._admin: RemoteCenter | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._server = ApiServer(create_app(self.core), "127.0.0.1", self.port)
        self._server.start()
        self.port = self._server.port or 0

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.close()
            self._admin = None
        if self._server is not None:
            self._server.stop()
            self._server = None

    def admin(self) -> RemoteCenter:
        """The administrator's client (one per run of the server, closed when it stops)."""
        if self._admin is None:
            self._admin = RemoteCenter(self.url, self.core.config.admin_key)
        return self._admin


def no_centers(_seconds: float, _stop: threading.Event) -> BrowseResult:
    """A network where no center answers (the real one's hint is the kiosk's own words)."""
    return BrowseResult(hint="No center answered on this network.")


def event_types(core: Core, session_id: str) -> list[str]:
    """The session's timeline on the server, oldest first."""
    return [e.type for e in reversed(core.proctoring.get_session(session_id).events)]


def stored_snapshot_ids(core: Core, session_id: str) -> list[str]:
    return [s.snapshot_id for s in core.proctoring.list_snapshots(session_id)]


@contextmanager
def tls_center(config: CoreConfig, port: int = 0) -> Iterator[TlsServer]:
    """A real HTTPS center on 127.0.0.1 (system clock) with its own certificates; ``port``
    lets a second center take over the first one's address."""
    config = config.with_overrides(tls=True)
    certificates = ensure_server_certificates(config.data_dir, "127.0.0.1")
    core = build_core(config, SystemClock())
    server = ApiServer(create_app(core), "127.0.0.1", port, ssl_certfile=certificates.cert_chain,
                       ssl_keyfile=certificates.key)
    server.start()
    try:
        yield TlsServer(core, server, certificates)
    finally:
        server.stop()
        core.close()


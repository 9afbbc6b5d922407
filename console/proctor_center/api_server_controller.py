"""ApiServerController: the embedded HTTP API (what kiosks talk to), as the console sees it —
running or not, at which address, and, when it could not start, why and what to do."""

from __future__ import annotations

import logging
import socket

from PySide6.QtCore import QObject, QTimer, Signal

from core.api import create_app
from core.bootstrap import Core
from core.server import ApiServer, ServerStartError

log = logging.getLogger(__name__)

WILDCARD_HOSTS = {"", "0.0.0.0", "::"}
HEALTH_CHECK_MS = 2000


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), or 127.0.0.1."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        return probe.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


class ApiServerController(QObject):
    #: Running, stopped or failed: read ``is_running``, ``url`` and ``problem``.
    state_changed = Signal()

    def __init__(self, core: Core, host: str, port: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._app = create_app(core)
        self.host = host
        self.requested_port = port
        self._server: ApiServer | None = None
        #: Why the API is not running (a sentence with what to do), or None.
        self.problem: str | None = None
        self._watch = QTimer(self)
        self._watch.setInterval(HEALTH_CHECK_MS)
        self._watch.timeout.connect(self._check)

    # ---- state ----------------------------------------------------------------------------
    @property
    def is_running(self) -> bool:
        return self._server is not None and self._server.is_running

    @property
    def port(self) -> int | None:
        return self._server.port if self._server is not None else None

    @property
    def url(self) -> str | None:
        """The address the server listens on, e.g. ``http://127.0.0.1:8765``."""
        return self._server.url if self.is_running and self._server is not None else None

    @property
    def kiosk_url(self) -> str | None:
        """The address a kiosk should type: the LAN address when listening on all interfaces."""
        if not self.is_running:
            return None
        host = lan_address() if self.host in WILDCARD_HOSTS else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}"

    @property
    def is_local_only(self) -> bool:
        return self.host in {"127.0.0.1", "localhost", "::1"}

    @property
    def kiosk_key(self) -> str:
        return self._core.config.kiosk_key

    # ---- commands -------------------------------------------------------------------------
    def start(self, port: int | None = None) -> bool:
        """Start (or restart) the API; False with ``problem`` set when it cannot."""
        if port is not None:
            self.requested_port = port
        self.stop(announce=False)
        server = ApiServer(self._app, self.host, self.requested_port)
        try:
            server.start()
        except ServerStartError as exc:
            self._server = None
            self.problem = str(exc)
            log.error("the API server did not start: %s", exc)
            self.state_changed.emit()
            return False
        self._server = server
        self.problem = None
        self._watch.start()
        log.info("API listening on %s", server.url)
        self.state_changed.emit()
        return True

    def retry(self) -> bool:
        return self.start()

    def use_free_port(self) -> bool:
        """Let the system choose a free port (kiosks then need the new address)."""
        return self.start(port=0)

    def stop(self, announce: bool = True) -> None:
        self._watch.stop()
        if self._server is not None:
            self._server.stop()
            self._server = None
            if announce:
                self.state_changed.emit()

    def _check(self) -> None:
        if self._server is not None and not self._server.is_running:
            self._server.stop()
            self._server = None
            self._watch.stop()
            self.problem = ("The API server stopped unexpectedly, so kiosks cannot upload. "
                            "Press Retry to start it again; the log has the details.")
            self.state_changed.emit()

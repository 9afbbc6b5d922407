"""ApiServerController: the embedded HTTP API (what kiosks talk to), as the console sees it —
running or not, on this computer only or on the center's network, at which addresses, and, when
it could not start, why and what to do.

Serving follows the same rule as ``proctor-server``: HTTPS with the center's own certificates
(``core.net.tls``) by default whenever the host is not a loopback address, plain HTTP refused there
(``PROCTOR_TLS=0`` included); on loopback plain HTTP unless ``PROCTOR_TLS=1``.

The proctor switches between "this computer only" (127.0.0.1, or the loopback ``--host``) and
"the center's network" (0.0.0.0, or the non-loopback ``--host``) while the console runs: the
server restarts on the same port. The choice is remembered in the console settings; a
non-loopback ``--host`` (or ``PROCTOR_HOST``) starts on the network whatever was remembered.
While on the network the console is announced over mDNS (``core.net.discovery``) so kiosks can find
it; an announcement that cannot be made is a hint in the log, never an error.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import logging
import socket
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from console.proctor.console_settings import ConsoleSettings
from core import __version__
from core.api.app import create_app
from core.api.secure_serving import center_enrolment, resolve_tls, server_certificates
from core.api.server import ApiServer, ServerStartError
from core.bootstrap import Core
from core.config import CoreConfig
from core.net.discovery import CenterAnnouncement, announce_center
from core.net.enrolment_file import (
    Enrolment,
    EnrolmentFileError,
    write_enrolment_file,
)
from core.net.tls import (
    ServerCertificates,
    TlsError,
    is_loopback_host,
    local_addresses,
    read_fingerprint,
    tls_problem,
)
from core.services.enrolment_codes import IssuedCode

log = logging.getLogger(__name__)

WILDCARD_HOSTS = {"", "0.0.0.0", "::"}
LOOPBACK_HOST = "127.0.0.1"
NETWORK_HOST = "0.0.0.0"
HEALTH_CHECK_MS = 2000

#: Announces the console on the network: (host listened on, port, CA fingerprint or None).
Announcer = Callable[[str, int, str | None], CenterAnnouncement]


def ipv4_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses, read from its interfaces (ifaddr)."""
    return [address for address in local_addresses() if ":" not in address]


def announce_console(host: str, port: int, fingerprint: str | None) -> CenterAnnouncement:
    """Announce this console as a center on the network (mDNS), on ``host`` when it is one
    address, else on every IPv4 address of the machine."""
    addresses = [host] if _is_address(host) else ipv4_addresses()
    return announce_center(socket.gethostname().split(".")[0], port, fingerprint=fingerprint,
                           version=__version__, addresses=addresses)


def _is_address(host: str) -> bool:
    try:
        return not ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def _url(scheme: str, host: str, port: int | None) -> str:
    return f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}"


class _Announcement:
    """The mDNS announcement, made in a background thread (zeroconf probes the network for a
    second or two) and withdrawn by ``close()``, even when that comes first."""

    def __init__(self, announce: Announcer, host: str, port: int,
                 fingerprint: str | None) -> None:
        self._lock = threading.Lock()
        self._closed = False
        self._running: CenterAnnouncement | None = None
        self._thread = threading.Thread(target=self._run, args=(announce, host, port, fingerprint),
                                        name="proctor-announce", daemon=True)
        self._thread.start()

    def _run(self, announce: Announcer, host: str, port: int, fingerprint: str | None) -> None:
        try:
            made = announce(host, port, fingerprint)
        except Exception as exc:  # finding the console by name is a convenience
            log.info("the console is not announced on the network (%s); kiosks can still type "
                     "its address", exc)
            return
        if made.hint:
            log.info("the console is not announced on the network: %s", made.hint)
        with self._lock:
            withdraw = self._closed
            if not withdraw:
                self._running = made
        if withdraw:
            made.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            running, self._running = self._running, None
        if running is not None:
            running.close()


class ApiServerController(QObject):
    #: Running, stopped, failed or switched: read ``is_running``, ``url``, ``problem``,
    #: ``listens_on_network`` and ``network_problem``.
    state_changed = Signal()

    def __init__(self, core: Core, host: str, port: int, parent: QObject | None = None, *,
                 settings: ConsoleSettings | None = None,
                 addresses: Callable[[], list[str]] | None = None,
                 announce: Announcer | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._config = core.config  # as started: the TLS choice (PROCTOR_TLS) is read from it
        self._app = create_app(core)
        self._settings = settings or ConsoleSettings.in_data_dir(core.config.data_dir)
        self._addresses = addresses or ipv4_addresses
        self._announce: Announcer = announce or announce_console
        self._local_host = host if is_loopback_host(host) else LOOPBACK_HOST
        self._network_host = NETWORK_HOST if is_loopback_host(host) else host
        on_network = not is_loopback_host(host) or self._settings.listen_on_network
        self.host = self._network_host if on_network else self._local_host
        self.requested_port = port
        self._server: ApiServer | None = None
        self._certificates: ServerCertificates | None = None
        self._announcement: _Announcement | None = None
        #: Why the API is not running (a sentence with what to do), or None.
        self.problem: str | None = None
        #: Why the last switch between this computer and the network failed, or None.
        self.network_problem: str | None = None
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
    def uses_tls(self) -> bool:
        """Served over HTTPS with the center's certificates."""
        return self.is_running and self._certificates is not None

    @property
    def listens_on_network(self) -> bool:
        """Kiosks on other computers can connect (the host is not a loopback address)."""
        return not is_loopback_host(self.host)

    @property
    def is_local_only(self) -> bool:
        return not self.listens_on_network

    @property
    def kiosk_urls(self) -> list[str]:
        """The addresses kiosks can use: one per IPv4 address of this machine on the network
        (or the one ``--host`` address), the loopback address on this computer only."""
        if not self.is_running:
            return []
        scheme = "https" if self.uses_tls else "http"
        hosts = self._addresses() if self.host in WILDCARD_HOSTS else [self.host]
        return [_url(scheme, host, self.port) for host in hosts]

    @property
    def kiosk_url(self) -> str | None:
        """The address a kiosk should type: the first of ``kiosk_urls``; this computer's own
        when the machine has no network address yet."""
        if not self.is_running:
            return None
        urls = self.kiosk_urls
        return urls[0] if urls else _url("https" if self.uses_tls else "http", LOOPBACK_HOST,
                                         self.port)

    @property
    def kiosk_key(self) -> str:
        return self._core.config.kiosk_key

    @property
    def fingerprint(self) -> str | None:
        """The center's identity kiosks pin (64 hex digits: the SHA-256 of its CA), or None
        before the console first served with TLS."""
        if self._certificates is not None:
            return self._certificates.fingerprint
        try:
            return read_fingerprint(self._config.data_dir)
        except TlsError as exc:
            log.warning("%s", exc)
            return None

    @property
    def is_announced(self) -> bool:
        """An mDNS announcement was started for the current server (it may still be probing)."""
        return self._announcement is not None

    def now(self) -> datetime:
        """The center's clock (an enrolment code's expiry is on it)."""
        return self._core.clock.now()

    # ---- commands -------------------------------------------------------------------------
    def start(self, port: int | None = None) -> bool:
        """Start (or restart) the API; False with ``problem`` set when it cannot."""
        if port is not None:
            self.requested_port = port
        self.stop(announce=False)
        started = self._serve()
        self.state_changed.emit()
        return started

    def retry(self) -> bool:
        return self.start()

    def use_free_port(self) -> bool:
        """Let the system choose a free port (kiosks then need the new address)."""
        return self.start(port=0)

    def set_listen_on_network(self, on: bool) -> bool:
        """Serve on the center's network (HTTPS) or on this computer only, restarting on the
        same port, and remember the choice. When the new address cannot be served, the server
        goes back to where it was, ``network_problem`` says why, and False is returned."""
        target = self._network_host if on else self._local_host
        if target == self.host and self.is_running:
            self.network_problem = None
            self._settings.listen_on_network = on
            self.state_changed.emit()
            return True
        if self.port is not None:
            self.requested_port = self.port  # same port: kiosks on this computer keep working
        previous = self.host
        self.stop(announce=False)
        self.host = target
        if self._serve():
            self.network_problem = None
            self._settings.listen_on_network = on
            self.state_changed.emit()
            return True
        failure = self.problem or "The server did not start."
        self.host = previous
        restored = self._serve()
        where = ("on the center's network" if on else "on this computer only")
        now = ("It still listens on the center's network." if not is_loopback_host(previous)
               else "It still listens on this computer only.") if restored else ""
        self.network_problem = f"The console could not listen {where}: {failure} {now}".strip()
        log.warning("%s", self.network_problem)
        self.state_changed.emit()
        return False

    def stop(self, announce: bool = True) -> None:
        self._watch.stop()
        self._stop_announcing()
        if self._server is not None:
            self._server.stop()
            self._server = None
            self._certificates = None
            if announce:
                self.state_changed.emit()

    # ---- enrolment ------------------------------------------------------------------------
    def enrolment(self, server_url: str | None = None) -> Enrolment:
        """What a kiosk needs (address, kiosk key, fingerprint) for ``server_url`` (default
        ``kiosk_url``). EnrolmentFileError when the server is not running."""
        url = server_url or self.kiosk_url
        if url is None:
            raise EnrolmentFileError("The API server is not running, so a kiosk could not "
                                     "connect with this file. Start it first (Retry in the "
                                     "status bar).")
        if not self.uses_tls:  # this computer only: the kiosk must not pin a plain server
            return Enrolment(url.rstrip("/"), self.kiosk_key, None)
        return center_enrolment(self._core.config, url)

    def export_enrolment_file(self, path: Path, server_url: str | None = None,
                              room: str | None = None) -> Enrolment:
        """Write the enrolment file (mode 0600), with the kiosk's room when given. OSError or
        EnrolmentFileError when it cannot."""
        enrolment = self.enrolment(server_url)
        if room:
            enrolment = dataclasses.replace(enrolment, room=room)
        write_enrolment_file(path, enrolment)
        log.info("wrote a kiosk enrolment file for %s to %s", enrolment.server_url, path)
        return enrolment

    def make_enrolment_code(self, room: str | None = None) -> IssuedCode:
        """A one-time enrolment code (works once, for 10 minutes), for the room given."""
        return self._core.enrolment.issue(room)

    # ---- internals ------------------------------------------------------------------------
    def _serve(self) -> bool:
        """Start the server on ``host`` and ``requested_port``; False with ``problem`` set."""
        host = self.host
        try:
            served = self._served_config(host)
            certificates = server_certificates(served)
        except TlsError as exc:
            return self._failed(str(exc))
        except OSError as exc:
            return self._failed(
                f"The center's certificate could not be made in {self._config.data_dir} "
                f"({exc.strerror or exc}). Check that the data folder is writable.")
        stopping = getattr(self._app.state, "stopping", None)
        if isinstance(stopping, threading.Event):
            stopping.clear()  # the last stop ended the change streams; new ones may run again
        server = ApiServer(
            self._app, host, self.requested_port, self._config.header_timeout,
            ssl_certfile=certificates.cert_chain if certificates else None,
            ssl_keyfile=certificates.key if certificates else None,
            serving_loop=self._core.serving_loop)
        try:
            server.start()
        except ServerStartError as exc:
            return self._failed(str(exc))
        self._server, self._certificates = server, certificates
        self.problem = None
        self._watch.start()
        log.info("API listening on %s", server.url)
        if self.listens_on_network and server.port is not None:
            self._announcement = _Announcement(
                self._announce, host, server.port,
                certificates.fingerprint if certificates else None)
        return True

    def _served_config(self, host: str) -> CoreConfig:
        config = dataclasses.replace(self._config, host=host)
        if tls_problem(host, config.tls):
            raise TlsError(
                "PROCTOR_TLS=0 does not allow listening on the center's network: kiosks would "
                "send keys and pictures in plain text. Remove PROCTOR_TLS=0 and start the "
                "console again, or keep listening on this computer only.")
        return resolve_tls(config, None)

    def _failed(self, problem: str) -> bool:
        self._server = None
        self._certificates = None
        self.problem = problem
        log.error("the API server did not start: %s", problem)
        return False

    def _stop_announcing(self) -> None:
        announcement, self._announcement = self._announcement, None
        if announcement is not None:
            announcement.close()

    def _check(self) -> None:
        if self._server is not None and not self._server.is_running:
            self._stop_announcing()
            self._server.stop()
            self._server = None
            self._certificates = None
            self._watch.stop()
            self.problem = ("The API server stopped unexpectedly, so kiosks cannot upload. "
                            "Press Retry to start it again; the log has the details.")
            self.state_changed.emit()

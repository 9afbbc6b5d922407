"""proctor-candidate: the kiosk capture window (see ``proctor-candidate --help``)."""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
import sys

import cv2
from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication

from console.candidate.enrolment_args import pin_server, read_enrolment_args
from console.candidate.kiosk_settings import KioskSettings
from console.candidate.kiosk_timings import KioskTimings
from console.candidate.kiosk_window import KioskWindow


def main(argv: list[str] | None = None) -> int:
    argv, fingerprint = read_enrolment_args(argv)
    settings = KioskSettings.from_args(argv)
    pin_server(settings.server_url, fingerprint)
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise
    timings = KioskTimings(
        heartbeat_seconds=settings.heartbeat_seconds or KioskTimings.heartbeat_seconds,
        snapshot_interval_seconds=settings.snapshot_interval_seconds,
    )
    # The kiosk's OpenCV work is a few small images a second: one thread does it fastest, and
    # OpenCV's thread pool would otherwise wake every core for each frame.
    cv2.setNumThreads(1)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("proctor-candidate")
    app.setApplicationDisplayName("Proctor Kiosk")
    window = KioskWindow(settings, timings)
    stop_on_signals(app)
    if settings.is_fullscreen:
        window.showFullScreen()
    else:
        window.show()
    status = app.exec()
    window.shutdown()
    logging.getLogger(__name__).info("stopped")
    return status


def stop_on_signals(app: QApplication) -> None:
    """SIGINT/SIGTERM close the window cleanly (threads stopped, spool kept): Python signal
    handlers only run when Python code runs, so the signal wakes the Qt loop through a socket."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def wake() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(wake)
    app._signal_sockets = (reader, writer, notifier)  # type: ignore[attr-defined]  # keep alive

    def request_quit(signum: int, _frame: object) -> None:
        logging.getLogger(__name__).info("received %s, closing", signal.Signals(signum).name)
        app.closeAllWindows()
        app.quit()

    signal.signal(signal.SIGINT, request_quit)
    signal.signal(signal.SIGTERM, request_quit)


if __name__ == "__main__":
    sys.exit(main())

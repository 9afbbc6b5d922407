"""proctor-candidate: the kiosk capture window (see ``proctor-candidate --help``).

The flags are parsed, and the display checked (``console.startup``), before Qt and OpenCV are
imported: ``--help`` answers at once, and a machine that cannot show a window says why in one
sentence instead of aborting inside Qt.
"""

from __future__ import annotations

import logging
import sys

from console.kiosk.joining.enrolment_args import pin_server, read_enrolment_args
from console.kiosk.kiosk_settings import KioskSettings
from console.startup import exit_status_if_no_display, quit_after_first_paint, take_smoke_test_flag

PROGRAM = "proctor-candidate"


def main(argv: list[str] | None = None) -> int:
    argv, smoke_test = take_smoke_test_flag(argv)
    argv, fingerprint, typed = read_enrolment_args(argv)
    settings = KioskSettings.from_args(argv)
    status = exit_status_if_no_display(PROGRAM)
    if status is not None:
        return status
    # --enrol's or --fingerprint's pin, else the config files' (managed kiosks)
    pin_server(settings.server_url, fingerprint or settings.fingerprint, given=typed)
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is noise
    import cv2
    from PySide6.QtWidgets import QApplication

    from console.i18n import install_language, resolve_language
    from console.kiosk.kiosk_timings import KioskTimings
    from console.kiosk.kiosk_window import KioskWindow
    from console.ui import GuiThreadGarbageCollector, freeze_start_up_objects, quit_on_signals

    timings = KioskTimings(
        heartbeat_seconds=settings.heartbeat_seconds or KioskTimings.heartbeat_seconds,
        snapshot_interval_seconds=settings.snapshot_interval_seconds,
    )
    # The kiosk's OpenCV work is a few small images a second: one thread does it fastest, and
    # OpenCV's thread pool would otherwise wake every core for each frame.
    cv2.setNumThreads(1)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("proctor-candidate")
    install_language(resolve_language(settings.language))
    app.setApplicationDisplayName(app.translate("KioskWindow", "Proctor Kiosk"))
    garbage_collector = GuiThreadGarbageCollector(app)
    window = KioskWindow(settings, timings)

    def close_cleanly() -> None:
        """SIGINT/SIGTERM: close the window (threads stopped, spool kept), then quit."""
        app.closeAllWindows()
        app.quit()

    restore_signals = quit_on_signals(app, close_cleanly)
    if smoke_test:
        quit_after_first_paint(window)
    if settings.is_fullscreen:
        window.showFullScreen()
    else:
        window.show()
    freeze_start_up_objects()
    status = app.exec()
    window.shutdown()
    restore_signals()
    garbage_collector.stop()
    logging.getLogger(__name__).info("stopped")
    return status


if __name__ == "__main__":
    sys.exit(main())

"""proctor-console: the Qt console with the embedded core and HTTP API.

    proctor-console [--data-dir DIR] [--host HOST] [--port PORT]
    proctor-console --demo [--demo-kiosks N] [--demo-speed X]

Flags override the ``PROCTOR_*`` environment variables, exactly as for proctor-server.
``--port 0`` picks a free port; the real address is printed as ``listening on http://...``.
"""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from console.console_app import ConsoleApp
from console.demo.demo_mode import DemoConsoleApp, add_demo_arguments, is_demo
from core.server import add_core_arguments


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="proctor-console",
        description="Proctor Console: watch running exam sessions, act on them, and serve the "
                    "HTTP API that candidate kiosks connect to.",
    )
    add_core_arguments(parser)
    add_demo_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # demo kiosks: one line per request
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "proctor-console"])
    app.setApplicationName("Proctor Console")
    app.setOrganizationName("Proctor Console")
    console = DemoConsoleApp(args, app) if is_demo(args) else ConsoleApp(args, app)
    return console.run()  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())

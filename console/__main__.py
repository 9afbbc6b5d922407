"""proctor-console: the Qt console with the embedded core and HTTP API.

    proctor-console [--data-dir DIR] [--host HOST] [--port PORT]
    proctor-console --demo [--demo-kiosks N] [--demo-speed X]

Flags override the ``PROCTOR_*`` environment variables, exactly as for proctor-server.
``--port 0`` picks a free port; the real address is printed as ``listening on http://...``.

The arguments are parsed, and the display checked (``console.startup``), before Qt, the core or
uvicorn is imported: ``--help`` and a bad flag answer at once, and a machine that cannot show a
window says why in one sentence instead of aborting inside Qt.
"""

from __future__ import annotations

import argparse
import logging
import sys

from console.demo.demo_arguments import add_demo_arguments, is_demo
from console.startup import exit_status_if_no_display
from core.server import add_core_arguments

PROGRAM = "proctor-console"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Proctor Console: watch running exam sessions, act on them, and serve the "
                    "HTTP API that candidate kiosks connect to.",
    )
    add_core_arguments(parser)
    add_demo_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    status = exit_status_if_no_display(PROGRAM)
    if status is not None:
        return status
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # demo kiosks: one line per request
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else PROGRAM])
    app.setApplicationName("Proctor Console")
    app.setOrganizationName("Proctor Console")
    if is_demo(args):
        from console.demo.demo_mode import DemoConsoleApp

        console = DemoConsoleApp(args, app)
    else:
        from console.console_app import ConsoleApp

        console = ConsoleApp(args, app)
    return console.run()  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())

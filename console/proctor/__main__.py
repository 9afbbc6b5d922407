"""proctor-console: the Qt console with the embedded core and HTTP API.

    proctor-console [--data-dir DIR] [--host HOST] [--port PORT] [--desk NAME]
    proctor-console --server URL [--fingerprint sha256:HEX] [--user NAME]
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

from console.proctor.demo.demo_arguments import add_demo_arguments, is_demo
from console.startup import exit_status_if_no_display, quit_after_first_paint, take_smoke_test_flag
from core.api.server import add_core_arguments

PROGRAM = "proctor-console"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Proctor Console: watch running exam sessions, act on them, and serve the "
                    "HTTP API that candidate kiosks connect to.",
    )
    add_core_arguments(parser)
    parser.add_argument("--desk", metavar="NAME",
                        help="the name of the proctor at this desk, recorded as who flagged, "
                        "warned or terminated (asked once at the first start otherwise)")
    remote = parser.add_argument_group(
        "another computer's center",
        "Open the Proctor Center of a running proctor-server (or another console) instead of "
        "this computer's own center. You sign in first; PROCTOR_PASSWORD (with --user) or "
        "PROCTOR_ADMIN_KEY in the environment signs in without asking.")
    remote.add_argument("--server", metavar="URL",
                        help="the center's address, e.g. https://10.0.0.5:8765")
    remote.add_argument("--fingerprint", metavar="sha256:HEX",
                        help="the center's certificate fingerprint, as proctor-server prints it "
                        "and Connect kiosks shows it: only that center is trusted")
    remote.add_argument("--user", metavar="NAME", help="your proctor username")
    parser.add_argument("--language", metavar="CODE", default="system",
                        help="the language of the console's words: en, ar or system (the "
                        "default: the system's language; English when it is none of these)")
    add_demo_arguments(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv, smoke_test = take_smoke_test_flag(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.server and is_demo(args):
        parser.error("--server and --demo cannot be used together: a demo runs its own center")
    if args.language.strip().lower() not in ("en", "ar", "system"):
        parser.error(f"--language {args.language}: the console speaks en and ar (or system: "
                     "the system's language)")
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
    from console.i18n import install_language, resolve_language

    install_language(resolve_language(args.language))
    if is_demo(args):
        from console.proctor.demo.demo_mode import DemoConsoleApp

        console = DemoConsoleApp(args, app)
    else:
        from console.proctor.console_app import ConsoleApp

        console = ConsoleApp(args, app)
    if smoke_test:
        console.started.connect(lambda: quit_after_first_paint(console.window))
    return console.run()  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())

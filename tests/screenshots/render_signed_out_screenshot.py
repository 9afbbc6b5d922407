"""Render the console of a proctor whose account the administrator disabled, offscreen: a real
core served over HTTP on loopback, ``proctor-console --server URL --user sam`` signed in as Sam
Ortiz, then Sam's account disabled through the API.

    QT_QPA_PLATFORM=offscreen python3 tests/screenshots/render_signed_out_screenshot.py [--out DIR]

Writes console-signed-out.png: the Proctor Center acting as nobody (the banner with the center's
sentence, the greyed grid that keeps its cards, the actions off) with the sign-in dialog that
opened over it, showing the reason.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import httpx
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication

from console.proctor.__main__ import build_parser
from console.proctor.center import RemoteCenter
from console.proctor.console_app import ConsoleApp
from core.api.app import create_app
from core.api.server import ApiServer
from core.bootstrap import build_core
from core.config import CoreConfig
from core.domain.clock import FakeClock
from tests.screenshots.render_console_screenshots import WINDOW_SIZE, populate, wait_for_cards
from tests.screenshots.screenshot_support import SCREENSHOTS, settle, wait_for

PASSWORD = "correct horse battery"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(SCREENSHOTS))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])

    with tempfile.TemporaryDirectory(prefix="signed-out-shot-") as temp:
        os.environ["XDG_CONFIG_HOME"] = str(Path(temp) / "config")  # the console's ini
        os.environ["PROCTOR_PASSWORD"] = PASSWORD
        os.environ.pop("PROCTOR_ADMIN_KEY", None)
        clock = FakeClock(datetime.now(UTC) - timedelta(minutes=60))
        config = CoreConfig.load(data_dir=Path(temp) / "center", env={"PROCTOR_ANALYSIS": "0"})
        core = build_core(config, clock)
        sessions = populate(core, clock)
        sam = core.proctors.create_proctor("sam", "Sam Ortiz", PASSWORD)
        server = ApiServer(create_app(core), "127.0.0.1", 0)
        server.start()
        console = ConsoleApp(build_parser().parse_args(
            ["--server", server.url, "--user", "sam"]), app)
        window = console.start()
        window.resize(*WINDOW_SIZE)
        wait_for_cards(app, window, 8)
        assert console.context is not None
        center = console.context.center
        assert isinstance(center, RemoteCenter)
        wait_for(app, lambda: center.wait_until_following(0.01))
        window.select_session(sessions["Grace Okafor"])
        settle(app, 0.5)

        answer = httpx.post(f"{server.url}/api/v1/proctors/{sam.proctor_id}/disable",
                            headers={"Authorization": f"Bearer {config.admin_key}"})
        answer.raise_for_status()
        wait_for(app, lambda: console.sign_in_dialog is not None
                 and console.sign_in_dialog.isVisible())
        settle(app, 1.0)
        dialog = console.sign_in_dialog
        assert dialog is not None
        picture = window.grab()
        shown = dialog.grab()
        corner = QPoint((picture.width() - shown.width()) // 2,
                        (picture.height() - shown.height()) // 2)
        with QPainter(picture) as painter:  # the dialog as it opens, over the window's middle
            painter.drawPixmap(corner, shown)
            painter.setPen(QColor("#9aa3af"))  # its edge, as the window manager would draw it
            painter.drawRect(QRect(corner, shown.size()).adjusted(-1, -1, 0, 0))
        path = out / "console-signed-out.png"
        picture.save(str(path))
        print(f"wrote {path} ({picture.width()}x{picture.height()})")

        console.shutdown()
        server.stop()
        core.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

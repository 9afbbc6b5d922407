"""Render the remote console's documentation screenshots offscreen: a real core served over HTTP
on loopback, a proctor account, and a Proctor Center signed in to it as that proctor.

    QT_QPA_PLATFORM=offscreen python3 tests/screenshots/render_remote_screenshots.py [--out DIR]

Writes remote-console.png (the grid of a center whose server runs elsewhere, acting as Dana Lee)
and remote-console-lost.png (the same window after the server stopped: the banner, the greyed
grid, the actions off).
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

from PySide6.QtWidgets import QApplication

from console.proctor.center import sign_in
from console.proctor.console_app import console_style_sheet
from console.proctor.console_settings import ConsoleSettings
from console.proctor.context import ConsoleContext
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from core.api.app import create_app
from core.api.server import ApiServer
from core.bootstrap import build_core
from core.config import CoreConfig
from core.domain.clock import FakeClock
from tests.screenshots.render_console_screenshots import WINDOW_SIZE, populate, wait_for_cards
from tests.screenshots.screenshot_support import SCREENSHOTS, grab, settle, wait_for

PASSWORD = "correct horse battery"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(SCREENSHOTS))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setStyleSheet(console_style_sheet())

    with tempfile.TemporaryDirectory(prefix="remote-shots-") as temp:
        # The sessions happen on the center's own clock, ending at this very moment: the
        # remote console measures time left with the real one.
        clock = FakeClock(datetime.now(UTC) - timedelta(minutes=60))
        config = CoreConfig.load(data_dir=Path(temp) / "center", env={"PROCTOR_ANALYSIS": "0"})
        core = build_core(config, clock)
        sessions = populate(core, clock)
        core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
        server = ApiServer(create_app(core), "127.0.0.1", 0)
        server.start()
        center = sign_in(server.url, "dana", PASSWORD)
        settings = ConsoleSettings.in_data_dir(Path(temp))
        context = ConsoleContext.create(center, settings)
        window = ProctorCenterWindow(context)
        window.resize(*WINDOW_SIZE)
        window.show()
        wait_for_cards(app, window, 8)
        wait_for(app, lambda: center.wait_until_following(0.01))
        window.select_session(sessions["Grace Okafor"])
        window.grid.setFocus()
        settle(app, 1.0)
        grab(window, out / "remote-console.png")

        server.stop()
        wait_for(app, lambda: window.connection_banner.isVisible())
        settle(app, 0.5)
        grab(window, out / "remote-console-lost.png")

        window.quit_now()
        context.close()
        center.close()
        core.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``proctor-console --demo``: the whole product on one laptop, in one command.

The console starts on a fresh temporary data dir (removed again on close) unless ``--data-dir``
names one, listens on a free port unless ``--port`` names one, and then runs ``--demo-kiosks``
simulated kiosks (real HTTP clients of the real API, see DemoKiosks) in this process. The
presenter's own data is never read or written: ``PROCTOR_DATA_DIR``, ``PROCTOR_MEDIA_ROOT``,
``PROCTOR_DATABASE_URL`` and ``PROCTOR_PORT`` are ignored in demo mode. Closing the window
stops the kiosks before the server, so none of them sees the server vanish.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QLabel

from console.proctor.console_app import ConsoleApp
from console.proctor.demo.demo_arguments import DEFAULT_KIOSKS, add_demo_arguments, is_demo
from console.proctor.demo.demo_kiosks import DemoKiosks
from core.config import CoreConfig
from resources import TOKENS

log = logging.getLogger(__name__)

__all__ = ["DemoConsoleApp", "add_demo_arguments", "is_demo"]

#: Settings a demo must not take from the presenter's environment: they point at real data.
REAL_DATA_SETTINGS = ("PROCTOR_DATA_DIR", "PROCTOR_MEDIA_ROOT", "PROCTOR_DATABASE_URL",
                      "PROCTOR_PORT")
DEMO_SNAPSHOT_SECONDS = 5


class DemoConsoleApp(ConsoleApp):
    asks_who_is_at_the_desk = False  # throw-away data: the actions are the demo admin's
    """ConsoleApp with a throw-away data dir and simulated kiosks."""

    def __init__(self, args: argparse.Namespace, app=None) -> None:
        super().__init__(args, app)
        self.kiosk_count: int = args.demo_kiosks or DEFAULT_KIOSKS
        self.kiosks: DemoKiosks | None = None
        self._temporary_dir: Path | None = None
        self.problem_label: QLabel | None = None

    def load_config(self) -> CoreConfig:
        data_dir = self.args.data_dir
        if not data_dir:
            self._temporary_dir = Path(tempfile.mkdtemp(prefix="proctor-demo-"))
            data_dir = self._temporary_dir
        env = {k: v for k, v in os.environ.items() if k not in REAL_DATA_SETTINGS}
        port = self.args.port if self.args.port is not None else 0
        log.info("demo data in %s", data_dir)
        return CoreConfig.load(data_dir=data_dir, host=self.args.host, port=port, env=env)

    def after_start(self) -> None:
        assert self.window is not None and self.server is not None and self.config is not None
        self.window.setWindowTitle(f"{self.window.windowTitle()} (demo)")
        # The demo's exams are simulated: closing the demo needs no question.
        self.window.ask_before_quitting = False
        if not self.server.is_running or self.server.url is None:
            log.error("the demo kiosks cannot run without the API server")
            self.show_problem("The demo's simulated kiosks cannot run: the API server did not "
                              "start (the log says why).")
            return
        self.kiosks = DemoKiosks(
            self.server.url, self.config.admin_key, self.config.kiosk_key,
            count=self.kiosk_count, time_scale=1.0 / self.args.demo_speed,
            snapshot_interval=DEMO_SNAPSHOT_SECONDS,
        )
        self.kiosks.start()
        if self.kiosks.frames_problem:
            self.show_problem(self.kiosks.frames_problem)
        self.window.statusBar().showMessage(
            f"Demo: {self.kiosk_count} simulated kiosks are taking an exam.", 15000)

    def show_problem(self, sentence: str) -> None:
        """Say on screen, for as long as the demo runs, what keeps it from working as scripted."""
        assert self.window is not None
        label = QLabel(sentence)
        label.setObjectName("demoProblem")
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {TOKENS['danger']}; font-weight: 600;")
        self.window.statusBar().addPermanentWidget(label, 1)
        self.problem_label = label

    def shutdown(self) -> None:
        if self.kiosks is not None:
            self.kiosks.stop()
            self.kiosks = None
        already = self._is_shut_down
        super().shutdown()
        if not already and self._temporary_dir is not None:
            shutil.rmtree(self._temporary_dir, ignore_errors=True)
            log.info("removed the demo data in %s", self._temporary_dir)

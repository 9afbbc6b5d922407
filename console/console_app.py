"""ConsoleApp: starts and stops everything ``proctor-console`` runs — the core (SQLite store,
media, sweeper), the HTTP API thread kiosks talk to, and the Proctor Center window.

Start-up order: configuration, core, console context (bridge, task runner, thumbnails,
settings in ``<data dir>/console.ini``), API server, background jobs, details windows, main
window. A port that is already in use does not stop the console: the window opens and its
status bar says what to do.
Shutdown (window closed, Ctrl+C or SIGTERM) runs in reverse and is safe to call twice.

Flags are parsed by ``console.__main__.build_parser``; a later flag (``--demo``, say) can
subclass this or hook ``load_config`` / ``after_start``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from console.console_settings import ConsoleSettings
from console.context import ConsoleContext
from console.proctor_center.api_server_controller import ApiServerController
from console.proctor_center.proctor_center_window import ProctorCenterWindow
from console.session_details.details_windows import DetailsWindows
from console.ui import icon, quit_on_signals
from core.bootstrap import Core, build_core
from core.config import ConfigError, CoreConfig
from core.data_dir_lock import DataDirInUse, DataDirLock
from resources import load_style
from resources import path as resource_path

log = logging.getLogger(__name__)


def console_style_sheet() -> str:
    """The console's QSS with its colour tokens and the icons folder filled in."""
    return load_style("console", {"icons": resource_path("icons").as_posix()})


class StartupError(RuntimeError):
    """The console cannot start; the message says why and what to do."""


class ConsoleApp(QObject):
    started = Signal()

    def __init__(self, args: argparse.Namespace, app: QApplication | None = None) -> None:
        super().__init__()
        self.args = args
        self.app: QApplication = app or QApplication.instance()  # type: ignore[assignment]
        self.config: CoreConfig | None = None
        self.core: Core | None = None
        self.data_dir_lock: DataDirLock | None = None
        self.context: ConsoleContext | None = None
        self.server: ApiServerController | None = None
        self.window: ProctorCenterWindow | None = None
        self.details: DetailsWindows | None = None
        self._restore_signals: Callable[[], None] | None = None
        self._is_shut_down = False
        self._previous_style = self.app.styleSheet()

    # ---- start -----------------------------------------------------------------------------
    def load_config(self) -> CoreConfig:
        """The core's configuration: flags win over ``PROCTOR_*`` env vars, env over defaults."""
        return CoreConfig.load(data_dir=self.args.data_dir, host=self.args.host,
                               port=self.args.port)

    def start(self) -> ProctorCenterWindow:
        """Build everything and show the window. Raises StartupError with a readable message."""
        try:
            self.config = self.load_config()
        except ConfigError as exc:
            raise StartupError(f"The settings are not usable: {exc}") from exc
        self.data_dir_lock = DataDirLock(self.config.data_dir, "proctor-console")
        try:
            self.data_dir_lock.acquire()  # released by shutdown()
        except DataDirInUse as exc:
            raise StartupError(str(exc)) from exc
        try:
            self.core = build_core(self.config)
        except Exception as exc:
            raise StartupError(
                f"The console could not open its data in {self.config.data_dir} ({exc}). Check "
                "that the folder is writable, or choose another one with --data-dir."
            ) from exc
        settings = ConsoleSettings.in_data_dir(self.config.data_dir)
        self.context = ConsoleContext.create(self.core, settings)
        self.app.setStyleSheet(console_style_sheet())
        self.app.setWindowIcon(icon("app"))

        self.server = ApiServerController(self.core, self.config.host, self.config.port, self)
        if self.server.start():
            print(f"listening on {self.server.url}", flush=True)
        else:
            print(f"proctor-console: the API is not running: {self.server.problem}",
                  file=sys.stderr, flush=True)
        self.core.start_background_jobs()
        self.details = self.install_details()
        self.window = ProctorCenterWindow(self.context, self.server)
        self.window.closed.connect(self._window_closed)
        self.window.show()
        self.after_start()
        self.started.emit()
        return self.window

    def install_details(self) -> DetailsWindows:
        """The session details windows: ``context.open_details`` opens (or raises) one."""
        assert self.context is not None
        return DetailsWindows.install(self.context)

    def after_start(self) -> None:
        """Hook for subclasses (e.g. a demo mode): everything is running and shown."""

    # ---- run and stop ----------------------------------------------------------------------
    def run(self) -> int:
        """Start, run the Qt loop until the window closes or a signal arrives, shut down."""
        try:
            self.start()
        except StartupError as exc:
            self.shutdown()
            report_startup_error(str(exc))
            return 2
        self.install_signal_handlers()
        try:
            self.app.exec()
        finally:
            self.shutdown()
        return 0

    def install_signal_handlers(self) -> None:
        """SIGINT/SIGTERM (Ctrl+C in the terminal, ``kill``) close the window without asking:
        a clean exit 0."""
        self._restore_signals = quit_on_signals(self, self.request_quit)

    def request_quit(self) -> None:
        if self.window is not None and self.window.isVisible():
            self.window.quit_now()
        else:
            self.app.quit()

    def shutdown(self) -> None:
        """Stop in reverse order: windows, API, console context, core (sweeper, engine)."""
        if self._is_shut_down:
            return
        self._is_shut_down = True
        if self._restore_signals is not None:
            self._restore_signals()
            self._restore_signals = None
        if self.details is not None:
            self.details.close_all()
        if self.window is not None and self.window.isVisible():
            self.window.quit_now()
        if self.server is not None:
            self.server.stop()
        if self.context is not None:
            self.context.close()
        if self.core is not None:
            self.core.close()
        if self.data_dir_lock is not None:
            self.data_dir_lock.release()
        self.app.setStyleSheet(self._previous_style)
        log.info("proctor-console stopped")

    def _window_closed(self) -> None:
        if self.details is not None:
            self.details.close_all()
        self.app.quit()


def report_startup_error(message: str) -> None:
    print(f"proctor-console: {message}", file=sys.stderr, flush=True)
    if QGuiApplication.platformName() not in {"offscreen", "minimal"}:
        QMessageBox.critical(None, "Proctor Console cannot start", message)

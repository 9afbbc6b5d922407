"""ConsoleApp: starts and stops everything ``proctor-console`` runs — the core (SQLite store,
media, sweeper), the HTTP API thread kiosks talk to, and the Proctor Center window; or, with
``--server URL`` (or File ▸ Connect to an exam center's server…), only the window, signed in to
another computer's center.

Start-up order: configuration, core, console context (bridge, task runner, thumbnails,
settings in ``<data dir>/console.ini``), API server, background jobs, details windows, main
window. A port that is already in use does not stop the console: the window opens and its
status bar says what to do.
Shutdown (window closed, Ctrl+C or SIGTERM) runs in reverse and is safe to call twice.

Flags are parsed by ``console.proctor.__main__.build_parser``; a later flag (``--demo``, say) can
subclass this or hook ``load_config`` / ``after_start``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from console.proctor.api_server_controller import ApiServerController
from console.proctor.center import Center, EmbeddedCenter, sign_in, with_admin_key
from console.proctor.console_settings import ConsoleSettings
from console.proctor.context import ConsoleContext
from console.proctor.dialogs.sign_in_dialog import SignInDialog
from console.proctor.dialogs.welcome_dialog import WelcomeDialog
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from console.proctor.session_details.details_windows import DetailsWindows
from console.tasks import TaskRunner
from console.ui import (
    GuiThreadGarbageCollector,
    freeze_start_up_objects,
    icon,
    quit_on_signals,
)
from core.bootstrap import Core, build_core
from core.config import ConfigError, CoreConfig
from core.data_dir_lock import DataDirInUse, DataDirLock
from core.domain.accounts import ADMIN_ACTOR
from core.domain.errors import DomainError
from core.net.pinning import CenterIdentityChanged, PinError
from resources import load_style
from resources import path as resource_path

log = logging.getLogger(__name__)


def console_style_sheet() -> str:
    """The console's QSS with its colour tokens and the icons folder filled in."""
    return load_style("console", {"icons": resource_path("icons").as_posix()})


class StartupError(RuntimeError):
    """The console cannot start; the message says why and what to do."""


class StartupCancelled(Exception):
    """The person closed the sign-in dialog: nothing to start, nothing went wrong."""


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
        self._sign_in_tasks: TaskRunner | None = None
        self.welcome_dialog: WelcomeDialog | None = None
        #: The sign-in dialog File ▸ Connect… (or a sign-out by the center) opened, if any.
        self.sign_in_dialog: SignInDialog | None = None
        self._is_shut_down = False
        self._quit_requested = False  # by a signal (request_quit)
        self._previous_style = self.app.styleSheet()

    # ---- start -----------------------------------------------------------------------------
    def load_config(self) -> CoreConfig:
        """The core's configuration: flags win over ``PROCTOR_*`` env vars, env over defaults."""
        return CoreConfig.load(data_dir=self.args.data_dir, host=self.args.host,
                               port=self.args.port)

    def start(self) -> ProctorCenterWindow:
        """Build everything and show the window. Raises StartupError with a readable message."""
        if getattr(self.args, "server", None):
            center = self.sign_in_from_arguments()
            if center is None:
                raise StartupCancelled()
            self._start_remote(center)
        else:
            self._start_embedded()
        assert self.window is not None
        self.after_start()
        self.started.emit()
        return self.window

    def _start_embedded(self) -> None:
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
        desk = (getattr(self.args, "desk", None) or "").strip()
        if desk:
            settings.desk_name = desk
        self.context = ConsoleContext.create(
            EmbeddedCenter(self.core, who=settings.desk_name or ADMIN_ACTOR), settings)
        self._use_console_look()

        self.server = ApiServerController(self.core, self.config.host, self.config.port, self,
                                          settings=settings)
        if self.server.start():
            print(f"listening on {self.server.kiosk_url or self.server.url}", flush=True)
            if self.server.uses_tls and self.server.fingerprint:
                print(f"certificate sha256 {self.server.fingerprint}", flush=True)
        else:
            print(f"proctor-console: the API is not running: {self.server.problem}",
                  file=sys.stderr, flush=True)
        self.core.start_background_jobs()
        self._open_window()
        if not settings.desk_name and self.asks_who_is_at_the_desk:
            self.ask_who_is_at_the_desk()

    def _start_remote(self, center: Center) -> None:
        """The Proctor Center of another computer's exam center: no core, no API here."""
        self.context = ConsoleContext.create(center, ConsoleSettings.for_remote_console())
        self._use_console_look()
        self._open_window()
        assert self.window is not None
        # Closing this window ends nothing: the exams run on the center's server.
        self.window.ask_before_quitting = False
        print(f"connected to {center.location} as {center.who}", flush=True)

    def _use_console_look(self) -> None:
        self.app.setStyleSheet(console_style_sheet())
        self.app.setWindowIcon(icon("app"))

    def _open_window(self) -> None:
        assert self.context is not None
        self.details = self.install_details()
        self.window = ProctorCenterWindow(self.context, self.server)
        self.details.main_window = self.window  # details open on its screen
        self.window.closed.connect(self._window_closed)
        self.window.connect_to_server_requested.connect(self.connect_to_server)
        if isinstance(self.context.center, EmbeddedCenter):
            self.window.desk_action.setVisible(True)
            self.window.desk_action.triggered.connect(self.ask_who_is_at_the_desk)
        self.window.show()

    # ---- who acts, and which center ----------------------------------------------------------
    #: Ask for the desk's proctor on the first start (a demo, with throw-away data, does not).
    asks_who_is_at_the_desk = True

    def ask_who_is_at_the_desk(self) -> WelcomeDialog:
        """Once, on this center's first start: the name recorded as who acted (remembered), or
        the choice to connect to another computer's center instead."""
        assert self.window is not None and self.context is not None
        dialog = WelcomeDialog(self.context.settings.desk_name, parent=self.window)
        dialog.accepted.connect(lambda: self._welcome_answered(dialog))
        dialog.open()
        self.welcome_dialog = dialog
        return dialog

    def _welcome_answered(self, dialog: WelcomeDialog) -> None:
        if dialog.chose_connect:
            self.connect_to_server()
            return
        self.set_desk_name(dialog.name)

    def set_desk_name(self, name: str) -> None:
        assert self.context is not None and self.window is not None
        name = name.strip()
        if not name or not isinstance(self.context.center, EmbeddedCenter):
            return
        self.context.settings.desk_name = name
        self.context.settings.sync()
        self.context.center.who = name
        self.window.show_who()

    def sign_in_from_arguments(self) -> Center | None:
        """``--server URL``: sign in without asking when the secret is in the environment
        (``--user`` with PROCTOR_PASSWORD, or PROCTOR_ADMIN_KEY), else with the sign-in dialog.
        None: the person closed the dialog."""
        url = str(self.args.server)
        fingerprint = getattr(self.args, "fingerprint", None)
        user = getattr(self.args, "user", None)
        password = os.environ.get("PROCTOR_PASSWORD")
        admin_key = os.environ.get("PROCTOR_ADMIN_KEY")
        try:
            if user and password:
                return sign_in(url, user, password, fingerprint=fingerprint)
            if not user and admin_key:
                return with_admin_key(url, admin_key, fingerprint=fingerprint)
        except (DomainError, CenterIdentityChanged, PinError) as exc:
            raise StartupError(str(exc)) from exc
        self._use_console_look()
        dialog = self._sign_in_dialog(url, user, fingerprint)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.center

    def _sign_in_dialog(self, url: str | None, user: str | None,
                        fingerprint: str | None) -> SignInDialog:
        if self._sign_in_tasks is None:
            self._sign_in_tasks = TaskRunner(max_threads=1)
        dialog = SignInDialog(self._sign_in_tasks, ConsoleSettings.for_remote_console(),
                              parent=self.window)
        dialog.fill(url, user, fingerprint)
        return dialog

    def connect_to_server(self) -> None:
        """File ▸ Connect to an exam center's server…: sign in, then this window shows that
        center (this computer's own center stops, so only when no exam runs on it). Also
        asked for, at once, when the center signed this console out: the dialog then shows the
        center's sentence and that center's address."""
        window = self.window
        if window is None:
            return
        if self.sign_in_dialog is not None and self.sign_in_dialog.isVisible():
            self.sign_in_dialog.raise_()
            self.sign_in_dialog.activateWindow()
            return
        reason = self.context.bridge.signed_out_reason if self.context is not None else ""
        if reason and self.context is not None:
            center = self.context.center
            dialog = self._sign_in_dialog(center.location, getattr(center, "username", None),
                                          getattr(center, "fingerprint", None))
            dialog.explain(reason)
            dialog.accepted.connect(lambda: self._switch_to(dialog.center))
            self.sign_in_dialog = dialog
            dialog.open()
            return
        running = window.running_exam_count() if self.core is not None else 0
        if running:
            QMessageBox.information(
                window, "Exams are running here",
                f"{running} exam{'s' if running != 1 else ''} run on this computer's center. "
                "Connect to another center's server once they have ended, or from another "
                "computer.")
            return
        dialog = self._sign_in_dialog(None, None, None)
        dialog.accepted.connect(lambda: self._switch_to(dialog.center))
        self.sign_in_dialog = dialog
        dialog.open()

    def _switch_to(self, center: Center | None) -> None:
        if center is None or self.window is None:
            return
        self.window.closed.disconnect(self._window_closed)  # closing it is no quit here
        self._close_center()
        self.details = self.window = self.server = self.context = None
        self.core = self.data_dir_lock = None
        self._start_remote(center)

    def _close_center(self) -> None:
        """Everything ``start`` built, in reverse order (the application keeps running). Safe
        to call twice; the parts stay readable afterwards (tests look at them)."""
        if self.details is not None:
            self.details.close_all()
        if self.window is not None and self.window.isVisible():
            self.window.quit_now()
        if self.server is not None:
            self.server.stop()
        if self.context is not None:
            self.context.close()
            self.context.center.close()
        if self.core is not None:
            self.core.close()
        if self.data_dir_lock is not None:
            self.data_dir_lock.release()

    def install_details(self) -> DetailsWindows:
        """The session details windows: ``context.open_details`` opens (or raises) one."""
        assert self.context is not None
        return DetailsWindows.install(self.context)

    def after_start(self) -> None:
        """Hook for subclasses (e.g. a demo mode): everything is running and shown."""

    # ---- run and stop ----------------------------------------------------------------------
    def run(self) -> int:
        """Start, run the Qt loop until the window closes or a signal arrives, shut down. The
        signals are heard from the first moment: one that arrives while the console starts
        (its address may already be printed) closes it as soon as it has started."""
        garbage_collector = GuiThreadGarbageCollector(self)
        self.install_signal_handlers()
        try:
            self.start()
        except StartupCancelled:
            self.shutdown()
            return 0
        except StartupError as exc:
            self.shutdown()
            report_startup_error(str(exc))
            return 2
        freeze_start_up_objects()
        try:
            if not self._quit_requested:  # a signal heard in a start-up dialog's own loop
                self.app.exec()
        finally:
            self.shutdown()
            garbage_collector.stop()
        return 0

    def install_signal_handlers(self) -> None:
        """SIGINT/SIGTERM (Ctrl+C in the terminal, ``kill``) close the window without asking:
        a clean exit 0."""
        self._restore_signals = quit_on_signals(self, self.request_quit)

    def request_quit(self) -> None:
        self._quit_requested = True
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
        if self.window is not None and self.window.isVisible():
            self.window.quit_now()
        self._close_center()
        if self._sign_in_tasks is not None:
            self._sign_in_tasks.shutdown()
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

"""install_alerts(window, context): the alerts of the Proctor Center in one call — the "Alerts"
button in the toolbar, the controller that raises alerts, the Alerts list dialog, and
File ▸ Settings. Opening an alert opens its session's details and selects its card."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from console.i18n import translate
from console.proctor.alerts.alert_controller import TICK_MS, AlertController
from console.proctor.alerts.alert_list_model import AlertListModel
from console.proctor.alerts.alert_notifier import AlertNotifier
from console.proctor.alerts.alerts_button import AlertsButton
from console.proctor.alerts.alerts_dialog import AlertsDialog
from console.proctor.alerts.settings_dialog import SettingsDialog
from console.proctor.context import ConsoleContext
from resources import load_style


def alerts_style_sheet() -> str:
    return load_style("alerts")


class AlertCenter(QObject):
    """Everything alerts add to a window; built by ``install_alerts``."""

    def __init__(self, context: ConsoleContext, parent_widget: QWidget, *,
                 tick_ms: int = TICK_MS) -> None:
        super().__init__(parent_widget)
        self._context = context
        self._parent_widget = parent_widget
        self.model = AlertListModel(self)
        self.notifier = AlertNotifier(QGuiApplication.windowIcon(), self)
        self.controller = AlertController(context, self.model, self.notifier, self,
                                          tick_ms=tick_ms)
        self.button = AlertsButton(self.model)
        self.button.setStyleSheet(alerts_style_sheet())
        self.button.clicked.connect(self.show_alerts)
        self.settings_action = QAction(translate("AlertCenter", "Settings…"), self)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.setStatusTip(
            translate("AlertCenter", "Alerts, desktop notifications and sound"))
        self.settings_action.triggered.connect(self.show_settings)
        self.dialog: AlertsDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.controller.session_requested.connect(lambda sid: context.open_details(sid))

    def show_alerts(self) -> AlertsDialog:
        if self.dialog is None:
            self.dialog = AlertsDialog(self.model, self._parent_widget)
            self.dialog.setStyleSheet(alerts_style_sheet())
            self.dialog.session_requested.connect(self.controller.open_session)
            self.dialog.settings_requested.connect(self.show_settings)
            self.dialog.handling_requested.connect(self.controller.handle)
            self.controller.handling_failed.connect(self.dialog.show_problem)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def show_settings(self) -> SettingsDialog:
        if self.settings_dialog is None:
            self.settings_dialog = SettingsDialog(self._context.settings, self._parent_widget)
            self.settings_dialog.alert_settings_saved.connect(self.controller.apply_settings)
        self.settings_dialog.show_settings(self.controller.settings)
        self.settings_dialog.show()
        self.settings_dialog.raise_()
        self.settings_dialog.activateWindow()
        return self.settings_dialog

    def close(self) -> None:
        self.controller.close()
        for dialog in (self.dialog, self.settings_dialog):
            if dialog is not None:
                dialog.close()


def install_alerts(window: Any, context: ConsoleContext, *, tick_ms: int = TICK_MS) -> AlertCenter:
    """Add alerts to the Proctor Center ``window``: its toolbar gets the Alerts button, its File
    menu a Settings item (before Quit), opening an alert selects the session's card, and closing
    the window stops the alerts."""
    center = AlertCenter(context, window, tick_ms=tick_ms)
    window.toolbar.addWidget(center.button)
    quit_action = getattr(window, "quit_action", None)
    menus = [o for o in (quit_action.associatedObjects() if quit_action else [])
             if isinstance(o, QMenu)]
    if menus:
        menus[0].insertAction(quit_action, center.settings_action)
        menus[0].insertSeparator(quit_action)
    else:
        window.toolbar.addAction(center.settings_action)
    center.controller.session_requested.connect(window.select_session)
    window.closed.connect(center.close)
    window.alerts = center
    return center

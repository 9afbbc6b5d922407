"""The Proctor Center's commands: its actions (with their keys and tips), the menu bar and the
toolbar, and the File menu's dialogs (Exams, Connect kiosks, Proctors). A mixin of
ProctorCenterWindow: the actions call the window's command methods."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from console.proctor.center.remote import RemoteCenter
from console.proctor.dialogs.connect_dialog import ConnectDialog
from console.proctor.dialogs.exams_dialog import ExamsDialog
from console.proctor.dialogs.proctors_dialog import ProctorsDialog
from console.proctor.dialogs.remote_connect_dialog import RemoteConnectDialog
from console.proctor.dialogs.webhooks_dialog import WebhooksDialog
from console.proctor.proctor_center.session_list_model import SessionView
from console.proctor.proctor_center.sort_labels import SORT_LABELS
from console.proctor.settings_values import SortKey
from console.ui import icon

#: The English tips (shown through the CenterCommands context's translation).
ACTION_TIPS = {
    "flag": QT_TRANSLATE_NOOP("CenterCommands", "Flag the selected session for review (F)"),
    "warn": QT_TRANSLATE_NOOP("CenterCommands", "Send the candidate a warning (W)"),
    "terminate": QT_TRANSLATE_NOOP("CenterCommands", "End the selected exam now (T)"),
    "pause": QT_TRANSLATE_NOOP("CenterCommands",
                               "Pause the selected exam, or resume it when paused (P)"),
    "add_time": QT_TRANSLATE_NOOP("CenterCommands", "Give the selected candidate more minutes"),
}


class CenterCommands:
    """Builds ``*_action`` attributes, the menus and the toolbar on a ProctorCenterWindow."""

    def _build_commands(self, show_samples: bool, sort_key: SortKey) -> None:
        self._build_actions(show_samples, sort_key)
        self._build_menus()
        self._build_toolbar()

    def _build_actions(self, show_samples: bool, sort_key: SortKey) -> None:
        def make(text: str, slot: Callable[[], object], icon_name: str | None = None,
                 shortcut: str | None = None, tip: str | None = None) -> QAction:
            action = QAction(text, self)
            if icon_name:
                action.setIcon(icon(icon_name))
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            if tip:
                action.setToolTip(tip)
                action.setStatusTip(tip)
            action.triggered.connect(slot)
            return action

        self.details_action = make(self.tr("View details"), self.open_selected_details,
                                   "details", tip=self.tr("Open the selected session (Enter or "
                                                          "double-click)"))
        self.flag_action = make(self.tr("Flag…"), self.flag_selected, "flag", "F",
                                self.tr(ACTION_TIPS["flag"]))
        self.warn_action = make(self.tr("Warn…"), self.warn_selected, "warn", "W",
                                self.tr(ACTION_TIPS["warn"]))
        self.terminate_action = make(self.tr("Terminate…"), self.terminate_selected, "terminate",
                                     "T", self.tr(ACTION_TIPS["terminate"]))
        self.pause_action = make(self.tr("Pause…"), self.pause_selected, None, "P",
                                 self.tr(ACTION_TIPS["pause"]))
        self.add_time_action = make(self.tr("Add time…"), self.add_time_selected, None, None,
                                    self.tr(ACTION_TIPS["add_time"]))
        self.pause_room_action = make(self.tr("Pause every exam in the room…"), self.pause_room,
                                      None, None, self.tr("Pause every running exam of the room "
                                                          "the grid shows, with one reason"))
        self.pause_room_action.setEnabled(False)
        for action in (self.flag_action, self.warn_action, self.terminate_action,
                       self.pause_action):
            # Single-letter keys act only while the grid has focus (never while typing).
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.grid.addAction(action)
        self.exams_action = make(self.tr("Exams…"), self.show_exams, "exams", "Ctrl+E",
                                 self.tr("Create exams and see the list"))
        self.connect_action = make(self.tr("Connect kiosks…"), self.show_connect, "connect",
                                   "Ctrl+K", self.tr("The address, key and command line for a "
                                                     "kiosk"))
        self.proctors_action = make(self.tr("Proctors…"), self.show_proctors, None, None,
                                    self.tr("Create and disable the accounts proctors sign in "
                                            "with"))
        self.proctors_action.setVisible(self.context.center.can_manage_proctors)
        self.webhooks_action = make(self.tr("Webhooks…"), self.show_webhooks, None, None,
                                    self.tr("The exam system's addresses that hear what "
                                            "happens: add, test, remove"))
        self.webhooks_action.setVisible(self.context.center.can_manage_proctors)
        self.server_action = make(self.tr("Connect to an exam center's server…"),
                                  self.connect_to_server_requested.emit, None, None,
                                  self.tr("Watch the sessions of a center whose server runs on "
                                          "another computer"))
        self.connect_action.setVisible(self.server is not None or (
            isinstance(self.context.center, RemoteCenter)
            and self.context.center.can_manage_proctors))
        self.refresh_action = make(self.tr("Refresh"), self.refresh_all, None, "F5",
                                   self.tr("Read every session again"))
        self.find_action = make(self.tr("Find"), self._focus_search, None, "Ctrl+F")
        self.quit_action = make(self.tr("Quit"), self.close, None, "Ctrl+Q")
        self.samples_action = QAction(self.tr("Show sample sessions until the first exam runs"),
                                      self)
        self.samples_action.setCheckable(True)
        self.samples_action.setChecked(show_samples)
        self.samples_action.toggled.connect(self.set_show_samples)

        self.view_group = QActionGroup(self)
        self.active_view_action = make(self.tr("Active sessions"),
                                       lambda: self.set_view(SessionView.ACTIVE), None, "Ctrl+1")
        self.ended_view_action = make(self.tr("Ended sessions"),
                                      lambda: self.set_view(SessionView.ENDED), None, "Ctrl+2")
        for action in (self.active_view_action, self.ended_view_action):
            action.setCheckable(True)
            self.view_group.addAction(action)
        self.active_view_action.setChecked(True)

        self.sort_group = QActionGroup(self)
        self.sort_actions: dict[SortKey, QAction] = {}
        for key, label in SORT_LABELS.items():
            action = QAction(QCoreApplication.translate("SortLabels", label), self)
            action.setCheckable(True)
            action.setChecked(key == sort_key)
            action.triggered.connect(lambda _checked=False, k=key: self.set_sort_key(k))
            self.sort_group.addAction(action)
            self.sort_actions[key] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.exams_action)
        file_menu.addAction(self.connect_action)
        file_menu.addAction(self.proctors_action)
        file_menu.addAction(self.webhooks_action)
        file_menu.addSeparator()
        self.desk_action = file_menu.addAction(self.tr("Proctor at this desk…"))
        self.desk_action.setStatusTip(self.tr("The name your flags, warnings and terminations "
                                              "are recorded under"))
        self.desk_action.setVisible(False)  # the application shows it where it applies
        file_menu.addAction(self.server_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.active_view_action)
        view_menu.addAction(self.ended_view_action)
        view_menu.addSeparator()
        sort_menu = view_menu.addMenu(self.tr("Sort by"))
        for action in self.sort_actions.values():
            sort_menu.addAction(action)
        view_menu.addAction(self.find_action)
        view_menu.addSeparator()
        view_menu.addAction(self.samples_action)
        view_menu.addAction(self.refresh_action)
        session_menu = bar.addMenu(self.tr("&Session"))
        session_menu.addAction(self.details_action)
        session_menu.addSeparator()
        session_menu.addAction(self.flag_action)
        session_menu.addAction(self.warn_action)
        session_menu.addAction(self.terminate_action)
        session_menu.addSeparator()
        session_menu.addAction(self.pause_action)
        session_menu.addAction(self.add_time_action)
        session_menu.addAction(self.pause_room_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Actions"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(18, 18))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (self.details_action, self.flag_action, self.warn_action):
            toolbar.addAction(action)
        toolbar.addAction(self.terminate_action)
        toolbar.widgetForAction(self.terminate_action).setObjectName("terminateToolButton")
        spacer = QWidget()
        spacer.setSizePolicy(spacer.sizePolicy().Policy.Expanding,
                             spacer.sizePolicy().Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addAction(self.exams_action)
        toolbar.addAction(self.connect_action)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _fit_toolbar(self) -> None:
        """Words beside the icons where they fit; in a narrow window the icons alone (each
        with its tip), so Exams, Connect kiosks and Alerts stay on the toolbar instead of
        going behind its overflow arrow."""
        toolbar = self.toolbar
        wide = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        if toolbar.toolButtonStyle() == wide:  # measured with the words shown
            self._wide_toolbar_width = toolbar.sizeHint().width()
        fits = self.width() >= getattr(self, "_wide_toolbar_width", 0)
        style = wide if fits else Qt.ToolButtonStyle.ToolButtonIconOnly
        if toolbar.toolButtonStyle() != style:
            toolbar.setToolButtonStyle(style)

    # ---- the File menu's dialogs ----------------------------------------------------------
    def show_exams(self) -> ExamsDialog:
        if self._exams_dialog is None:
            self._exams_dialog = ExamsDialog(self.context, self)
        self._exams_dialog.show()
        self._exams_dialog.raise_()
        self._exams_dialog.activateWindow()
        return self._exams_dialog

    def show_proctors(self) -> ProctorsDialog:
        if self._proctors_dialog is None:
            self._proctors_dialog = ProctorsDialog(self.context.center, self.context.tasks, self)
        self._proctors_dialog.show()
        self._proctors_dialog.raise_()
        self._proctors_dialog.activateWindow()
        return self._proctors_dialog

    def show_webhooks(self) -> WebhooksDialog:
        if self._webhooks_dialog is None:
            self._webhooks_dialog = WebhooksDialog(self.context.center, self.context.tasks, self)
        self._webhooks_dialog.show()
        self._webhooks_dialog.raise_()
        self._webhooks_dialog.activateWindow()
        return self._webhooks_dialog

    def show_connect(self) -> ConnectDialog | RemoteConnectDialog | None:
        if self.server is None:
            center = self.context.center
            if isinstance(center, RemoteCenter) and center.can_manage_proctors:
                return self._show_remote_connect(center)
            self.statusBar().showMessage(self.tr(
                "Connect kiosks needs the administrator's key: sign in to the center with it "
                "(PROCTOR_ADMIN_KEY), or ask the administrator for an enrolment file or code."),
                10000)
            return None
        if self._connect_dialog is None:
            self._connect_dialog = ConnectDialog(self.server, self)
        self._connect_dialog.refresh()
        self._connect_dialog.show()
        self._connect_dialog.raise_()
        self._connect_dialog.activateWindow()
        return self._connect_dialog

    def _show_remote_connect(self, center: RemoteCenter) -> RemoteConnectDialog:
        """Connect kiosks of a center elsewhere, from a console signed in with the admin key."""
        dialog = getattr(self, "_remote_connect_dialog", None)
        if dialog is None:
            dialog = RemoteConnectDialog(center, self.context.tasks, self)
            self._remote_connect_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

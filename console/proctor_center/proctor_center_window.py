"""ProctorCenterWindow: the window a proctor lives in — every session as a card, counts of what
needs attention, search and filters, actions from the toolbar, the card menu and the keyboard,
and the state of the API kiosks talk to."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from console.actions import SessionActions
from console.connect_dialog import ConnectDialog
from console.context import ConsoleContext
from console.exams_dialog import ExamsDialog
from console.proctor_center.api_server_controller import ApiServerController
from console.proctor_center.session_filter_model import SORT_LABELS, SessionFilterModel, SortKey
from console.proctor_center.session_grid_view import SessionGridView
from console.proctor_center.session_list_model import (
    DEFAULT_THUMBNAIL_SIZE,
    SessionListModel,
    SessionView,
)
from console.proctor_center.storage_banner import StorageBanner
from core.services.dto import ExamDTO, SessionDTO, StorageStats
from resources import path as resource_path

SETTING_SHOW_SAMPLES = "proctor_center/show_samples"
SETTING_SORT = "proctor_center/sort"
SETTING_GEOMETRY = "proctor_center/geometry"
STORAGE_REFRESH_MS = 30_000


def icon(name: str) -> QIcon:
    file = resource_path("icons", f"{name}.svg")
    return QIcon(str(file)) if file.exists() else QIcon()


def repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class ServerStatusWidget(QWidget):
    """Status-bar corner: where kiosks connect and whether the API is up, with what to do."""

    def __init__(self, server: ApiServerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._server = server
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 4, 0)
        layout.setSpacing(6)
        self.dot = QLabel("●")
        self.dot.setObjectName("serverDot")
        self.label = QLabel()
        self.label.setObjectName("serverLabel")
        self.retry_button = QPushButton("Retry")
        self.free_port_button = QPushButton("Use a free port")
        for button in (self.retry_button, self.free_port_button):
            button.setObjectName("statusButton")
        layout.addWidget(self.dot)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.free_port_button)
        self.retry_button.clicked.connect(server.retry)
        self.free_port_button.clicked.connect(server.use_free_port)
        server.state_changed.connect(self.refresh)
        self.refresh()

    @property
    def text(self) -> str:
        return self.label.text()

    def refresh(self) -> None:
        server = self._server
        if server.is_running:
            self.label.setText(f"Kiosks connect to {server.kiosk_url}  ·  API up")
            self.label.setToolTip("The HTTP API is running. File ▸ Connect kiosks shows the key "
                                  "and the command line for a kiosk.")
            self.dot.setProperty("tone", "ok")
            self.retry_button.hide()
            self.free_port_button.hide()
        else:
            problem = server.problem or "The API server is not running."
            self.label.setText(f"Kiosks cannot connect: {problem}")
            self.label.setToolTip(problem)
            self.dot.setProperty("tone", "danger")
            self.retry_button.show()
            self.free_port_button.show()
        repolish(self.dot)


class ProctorCenterWindow(QMainWindow):
    closed = Signal()

    def __init__(self, context: ConsoleContext, server: ApiServerController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.server = server
        self.exams: list[ExamDTO] = []
        self._exams_dialog: ExamsDialog | None = None
        self._connect_dialog: ConnectDialog | None = None
        self._has_loaded = False
        self.setObjectName("proctorCenter")
        self.setWindowTitle("Proctor Center — Proctor Console")
        self.setMinimumSize(QSize(960, 600))

        settings = context.settings
        show_samples = _as_bool(settings.value(SETTING_SHOW_SAMPLES, True))
        sort_key = str(settings.value(SETTING_SORT, SortKey.ATTENTION))
        if sort_key not in SortKey.__members__.values():
            sort_key = SortKey.ATTENTION

        self.model = SessionListModel(context, self, show_samples=show_samples)
        self.proxy = SessionFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_sort_key(sort_key)
        self.grid = SessionGridView()
        self.grid.setModel(self.proxy)
        self.actions = SessionActions(context, self)

        self._build_actions(show_samples, SortKey(sort_key))
        self._build_menus()
        self._build_toolbar()
        self._build_body()
        self._build_status_bar()
        self._connect()

        self._storage_timer = QTimer(self)
        self._storage_timer.setInterval(STORAGE_REFRESH_MS)
        self._storage_timer.timeout.connect(self.refresh_storage)
        self._storage_timer.start()
        self._storage_soon = QTimer(self)  # after changes (new snapshots), at most every 3 s
        self._storage_soon.setSingleShot(True)
        self._storage_soon.setInterval(3000)
        self._storage_soon.timeout.connect(self.refresh_storage)

        geometry = settings.value(SETTING_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1366, 768)
        self._update_thumbnail_size()
        self.reload_exams()
        self.refresh_storage()
        self._update_actions()
        self._update_header()

    # ---- building --------------------------------------------------------------------------
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

        self.details_action = make("View details", self.open_selected_details, "details",
                                   tip="Open the selected session (Enter or double-click)")
        self.flag_action = make("Flag…", self.flag_selected, "flag", "F",
                                "Flag the selected session for review (F)")
        self.warn_action = make("Warn…", self.warn_selected, "warn", "W",
                                "Send the candidate a warning (W)")
        self.terminate_action = make("Terminate…", self.terminate_selected, "terminate", "T",
                                     "End the selected exam now (T)")
        for action in (self.flag_action, self.warn_action, self.terminate_action):
            # Single-letter keys act only while the grid has focus (never while typing).
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.grid.addAction(action)
        self.exams_action = make("Exams…", self.show_exams, "exams", "Ctrl+E",
                                 "Create exams and see the list")
        self.connect_action = make("Connect kiosks…", self.show_connect, "connect", "Ctrl+K",
                                   "The address, key and command line for a kiosk")
        self.refresh_action = make("Refresh", self.refresh_all, None, "F5",
                                   "Read every session again")
        self.find_action = make("Find", self._focus_search, None, "Ctrl+F")
        self.quit_action = make("Quit", self.close, None, "Ctrl+Q")
        self.samples_action = QAction("Show sample sessions when nothing is running", self)
        self.samples_action.setCheckable(True)
        self.samples_action.setChecked(show_samples)
        self.samples_action.toggled.connect(self.set_show_samples)

        self.view_group = QActionGroup(self)
        self.active_view_action = make("Active sessions", lambda: self.set_view(SessionView.ACTIVE),
                                       None, "Ctrl+1")
        self.ended_view_action = make("Ended sessions", lambda: self.set_view(SessionView.ENDED),
                                      None, "Ctrl+2")
        for action in (self.active_view_action, self.ended_view_action):
            action.setCheckable(True)
            self.view_group.addAction(action)
        self.active_view_action.setChecked(True)

        self.sort_group = QActionGroup(self)
        self.sort_actions: dict[SortKey, QAction] = {}
        for key, label in SORT_LABELS.items():
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(key == sort_key)
            action.triggered.connect(lambda _checked=False, k=key: self.set_sort_key(k))
            self.sort_group.addAction(action)
            self.sort_actions[key] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.exams_action)
        file_menu.addAction(self.connect_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.active_view_action)
        view_menu.addAction(self.ended_view_action)
        view_menu.addSeparator()
        sort_menu = view_menu.addMenu("Sort by")
        for action in self.sort_actions.values():
            sort_menu.addAction(action)
        view_menu.addAction(self.find_action)
        view_menu.addSeparator()
        view_menu.addAction(self.samples_action)
        view_menu.addAction(self.refresh_action)
        session_menu = bar.addMenu("&Session")
        session_menu.addAction(self.details_action)
        session_menu.addSeparator()
        session_menu.addAction(self.flag_action)
        session_menu.addAction(self.warn_action)
        session_menu.addAction(self.terminate_action)

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Actions")
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

    def _build_body(self) -> None:
        body = QWidget()
        body.setObjectName("centerBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)

        header = QHBoxLayout()
        header.setSpacing(8)
        title = QLabel("Proctor Center")
        title.setObjectName("pageTitle")
        header.addWidget(title)
        header.addSpacing(12)
        self.count_labels: dict[str, QLabel] = {}
        for key in ("total", "flagged", "high_risk", "stale"):
            chip = QLabel()
            chip.setObjectName("countChip")
            self.count_labels[key] = chip
            header.addWidget(chip)
        header.addStretch(1)
        self.active_button = QPushButton("Active")
        self.ended_button = QPushButton("Ended")
        self.view_buttons = QButtonGroup(self)
        segments = QHBoxLayout()
        segments.setSpacing(0)
        for position, button in (("left", self.active_button), ("right", self.ended_button)):
            button.setCheckable(True)
            button.setObjectName("segmentButton")
            button.setProperty("position", position)
            button.setToolTip("Active sessions (Ctrl+1)" if position == "left"
                              else "Completed and cancelled sessions (Ctrl+2)")
            self.view_buttons.addButton(button)
            segments.addWidget(button)
        header.addLayout(segments)
        self.active_button.setChecked(True)
        self.active_button.clicked.connect(lambda: self.set_view(SessionView.ACTIVE))
        self.ended_button.clicked.connect(lambda: self.set_view(SessionView.ENDED))
        layout.addLayout(header)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        self.search_field = QLineEdit()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText("Search by name, candidate ID or exam")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(300)
        self.exam_box = QComboBox()
        self.exam_box.setObjectName("examFilter")
        self.exam_box.setMinimumWidth(220)
        self.exam_box.setMaximumWidth(360)
        self.exam_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.exam_box.addItem("All exams", None)
        self.sort_box = QComboBox()
        self.sort_box.setObjectName("sortBox")
        for key, label in SORT_LABELS.items():
            self.sort_box.addItem(label, str(key))
        self.sort_box.setCurrentIndex(self.sort_box.findData(str(self.proxy.sort_key)))
        filters.addWidget(self.search_field, 3)
        filters.addWidget(self.exam_box, 1)
        sort_caption = QLabel("Sort")
        sort_caption.setObjectName("fieldCaption")
        filters.addSpacing(8)
        filters.addWidget(sort_caption)
        filters.addWidget(self.sort_box)
        layout.addLayout(filters)

        self.samples_banner = QLabel(
            "No exam is running, so two sample sessions show what the grid looks like. "
            "Their actions are off. Turn them off in View ▸ Show sample sessions."
        )
        self.samples_banner.setObjectName("samplesBanner")
        self.samples_banner.setWordWrap(True)
        self.samples_banner.hide()
        layout.addWidget(self.samples_banner)
        self.storage_banner = StorageBanner(self.context.core.storage_status)
        layout.addWidget(self.storage_banner)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        status.setObjectName("statusBar")
        status.setSizeGripEnabled(False)
        self.storage_label = QLabel()
        self.storage_label.setObjectName("storageLabel")
        status.addPermanentWidget(self.storage_label)
        self.server_status: ServerStatusWidget | None = None
        if self.server is not None:
            self.server_status = ServerStatusWidget(self.server)
            status.addPermanentWidget(self.server_status)

    def _connect(self) -> None:
        self.model.sessions_changed.connect(self._sessions_changed)
        self.model.loaded.connect(self._loaded)
        self.model.clock_ticked.connect(self._update_header)
        self.model.load_failed.connect(lambda message: self.statusBar().showMessage(message, 15000))
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._update_empty_state)
        self.grid.selectionModel().selectionChanged.connect(self._selection_changed)
        self.grid.activated.connect(self._card_activated)
        self.grid.card_menu_requested.connect(self.show_card_menu)
        self.search_field.textChanged.connect(self._search_changed)
        self.exam_box.currentIndexChanged.connect(self._exam_chosen)
        self.sort_box.currentIndexChanged.connect(
            lambda _i: self.set_sort_key(SortKey(self.sort_box.currentData())))
        self.actions.action_finished.connect(self._action_finished)
        self.actions.action_failed.connect(
            lambda _sid, message: self.statusBar().showMessage(message, 15000))
        self.context.bridge.exams_changed.connect(lambda _exam_id: self.reload_exams())

    # ---- what is selected ------------------------------------------------------------------
    def current_session(self) -> SessionDTO | None:
        rows = self.grid.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.session_at(rows[0].row())

    def select_session(self, session_id: str) -> bool:
        row = self.proxy.row_of(session_id)
        if row is None:
            return False
        index = self.proxy.index(row, 0)
        self.grid.setCurrentIndex(index)
        self.grid.scrollTo(index)
        return True

    def visible_session_ids(self) -> list[str]:
        """Session ids in grid order (after sort and filter)."""
        return [s.session_id for r in range(self.proxy.rowCount())
                if (s := self.proxy.session_at(r)) is not None]

    # ---- commands --------------------------------------------------------------------------
    def open_selected_details(self) -> None:
        session = self.current_session()
        if session is not None:
            self.context.open_details(session.session_id)

    def flag_selected(self) -> None:
        self.actions.flag(self.current_session())

    def warn_selected(self) -> None:
        self.actions.warn(self.current_session())

    def terminate_selected(self) -> None:
        self.actions.terminate(self.current_session())

    def set_view(self, view: SessionView) -> None:
        (self.active_view_action if view is SessionView.ACTIVE
         else self.ended_view_action).setChecked(True)
        (self.active_button if view is SessionView.ACTIVE else self.ended_button).setChecked(True)
        if view is self.model.view:
            return
        self._has_loaded = False
        self.model.set_view(view)
        self._update_header()
        self._update_empty_state()

    def set_sort_key(self, key: SortKey) -> None:
        self.proxy.set_sort_key(key)
        self.sort_actions[key].setChecked(True)
        position = self.sort_box.findData(str(key))
        if position != self.sort_box.currentIndex():
            self.sort_box.setCurrentIndex(position)
        self.context.settings.setValue(SETTING_SORT, str(key))

    def set_show_samples(self, show: bool) -> None:
        if self.samples_action.isChecked() != show:
            self.samples_action.setChecked(show)
        self.context.settings.setValue(SETTING_SHOW_SAMPLES, show)
        self.context.settings.sync()
        self.model.set_show_samples(show)

    def refresh_all(self) -> None:
        self.model.reload()
        self.reload_exams()
        self.refresh_storage()

    def show_exams(self) -> ExamsDialog:
        if self._exams_dialog is None:
            self._exams_dialog = ExamsDialog(self.context, self)
        self._exams_dialog.show()
        self._exams_dialog.raise_()
        self._exams_dialog.activateWindow()
        return self._exams_dialog

    def show_connect(self) -> ConnectDialog | None:
        if self.server is None:
            self.statusBar().showMessage("This window runs without an API server.", 8000)
            return None
        if self._connect_dialog is None:
            self._connect_dialog = ConnectDialog(self.server, self)
        self._connect_dialog.refresh()
        self._connect_dialog.show()
        self._connect_dialog.raise_()
        self._connect_dialog.activateWindow()
        return self._connect_dialog

    def show_card_menu(self, index: QModelIndex, position: QPoint) -> QMenu:
        session = self.proxy.session_at(index.row())
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.details_action)
        menu.addSeparator()
        reason = SessionActions.why_not(session)
        if reason is not None:
            note = menu.addAction(reason)
            note.setEnabled(False)
        menu.addAction(self.flag_action)
        menu.addAction(self.warn_action)
        menu.addAction(self.terminate_action)
        menu.popup(position)
        return menu

    def reload_exams(self) -> None:
        self.context.tasks.submit(self.context.core.exams.list_exams,
                                  on_done=self._exams_loaded)

    def refresh_storage(self) -> None:
        self.context.tasks.submit(self.context.core.snapshots.storage_stats,
                                  on_done=self._storage_loaded)

    # ---- reactions -------------------------------------------------------------------------
    def _sessions_changed(self) -> None:
        if not self._storage_soon.isActive():
            self._storage_soon.start()
        self._update_header()
        self._update_actions()
        self._update_empty_state()

    def _loaded(self) -> None:
        self._has_loaded = True
        self._sessions_changed()

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _card_activated(self, index: QModelIndex) -> None:
        session = self.proxy.session_at(index.row())
        if session is not None:
            self.context.open_details(session.session_id)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._update_empty_state()

    def _exam_chosen(self, _position: int) -> None:
        self.proxy.set_exam_id(self.exam_box.currentData())
        self._update_empty_state()

    def _exams_loaded(self, exams: list[ExamDTO]) -> None:
        self.exams = list(exams)
        chosen = self.exam_box.currentData()
        self.exam_box.blockSignals(True)
        self.exam_box.clear()
        self.exam_box.addItem("All exams", None)
        for exam in exams:
            self.exam_box.addItem(exam.title, exam.exam_id)
        position = self.exam_box.findData(chosen) if chosen else 0
        self.exam_box.setCurrentIndex(max(0, position))
        self.exam_box.blockSignals(False)
        if position < 0:
            self._exam_chosen(0)

    def _storage_loaded(self, stats: StorageStats) -> None:
        megabytes = stats.bytes / (1024 * 1024)
        self.storage_label.setText(f"Evidence on disk: {megabytes:,.1f} MB in "
                                   f"{stats.files:,} files")

    def _action_finished(self, session_id: str, action: str) -> None:
        self.statusBar().showMessage(self.actions.done_message(session_id, action), 8000)

    def _focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def _update_actions(self) -> None:
        session = self.current_session()
        self.details_action.setEnabled(session is not None)
        allowed = SessionActions.can_act(session)
        reason = SessionActions.why_not(session)
        for action, tip in (
            (self.flag_action, "Flag the selected session for review (F)"),
            (self.warn_action, "Send the candidate a warning (W)"),
            (self.terminate_action, "End the selected exam now (T)"),
        ):
            action.setEnabled(allowed)
            action.setToolTip(tip if allowed or reason is None else reason)

    def _update_header(self) -> None:
        counts = self.model.counts()
        chips = self.count_labels
        if self.model.view is SessionView.ACTIVE:
            values = (
                ("total", f"{counts.total} active", "neutral"),
                ("flagged", f"{counts.flagged} flagged", "danger" if counts.flagged else "muted"),
                ("high_risk", f"{counts.high_risk} high risk",
                 "danger" if counts.high_risk else "muted"),
                ("stale", f"{counts.stale} without recent snapshot",
                 "warn" if counts.stale else "muted"),
            )
        else:
            values = (
                ("total", f"{counts.completed} completed", "neutral"),
                ("flagged", f"{counts.cancelled} cancelled", "muted"),
                ("high_risk", f"{counts.flagged} flagged", "danger" if counts.flagged else "muted"),
                ("stale", f"{counts.high_risk} high risk",
                 "danger" if counts.high_risk else "muted"),
            )
        for key, text, tone in values:
            chip = chips[key]
            if chip.text() != text:
                chip.setText(text)
            if chip.property("tone") != tone:
                chip.setProperty("tone", tone)
                repolish(chip)
        self.samples_banner.setVisible(self.model.is_showing_samples)

    def _update_empty_state(self) -> None:
        if self.proxy.rowCount():
            self.stack.setCurrentWidget(self.grid)
            return
        if not self._has_loaded and self.model.is_loading:
            text = "Loading sessions…"
        elif self.model.rowCount() and self.proxy.is_filtering:
            text = ("No session matches the search or exam filter.\n"
                    "Clear the search box or choose “All exams”.")
        elif self.model.view is SessionView.ENDED:
            text = ("No session has ended yet.\n"
                    "Completed and cancelled sessions are listed here for review.")
        else:
            text = ("No exam is running right now.\n"
                    "A session appears here as soon as a candidate starts an exam on a kiosk.\n"
                    "File ▸ Connect kiosks shows what to type on a kiosk.")
        self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label)

    def _update_thumbnail_size(self) -> None:
        ratio = self.devicePixelRatioF()
        self.model.set_thumbnail_size(QSize(round(DEFAULT_THUMBNAIL_SIZE.width() * ratio),
                                            round(DEFAULT_THUMBNAIL_SIZE.height() * ratio)))

    # ---- Qt events -------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._update_thumbnail_size()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.context.settings.setValue(SETTING_GEOMETRY, self.saveGeometry())
        self.context.settings.sync()
        self._storage_timer.stop()
        self._storage_soon.stop()
        self.model.close()
        for dialog in (self._exams_dialog, self._connect_dialog):
            if dialog is not None:
                dialog.close()
        super().closeEvent(event)
        self.closed.emit()


def _as_bool(value: object) -> bool:
    """QSettings INI files give strings back: read "false"/"0" as False."""
    if isinstance(value, str):
        return value.strip().lower() not in {"false", "0", "no", "off", ""}
    return bool(value)

"""ProctorCenterWindow: the window a proctor lives in — every session as a card, counters of
what needs attention (each filters the grid), search and filters, actions from the toolbar,
the card menu and the keyboard, and the state of the API kiosks talk to.

The header is CenterHeader, the status-bar corner ServerStatusWidget; this module builds the
actions and menus, wires the pieces to the model and the proxy, and asks before quitting
while exams are running."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QItemSelection,
    QLocale,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.i18n import plural, translate
from console.proctor.actions import SessionActions
from console.proctor.alerts import install_alerts
from console.proctor.api_server_controller import ApiServerController
from console.proctor.context import ConsoleContext
from console.proctor.dialogs.connect_dialog import ConnectDialog
from console.proctor.dialogs.exams_dialog import ExamsDialog
from console.proctor.dialogs.proctors_dialog import ProctorsDialog
from console.proctor.dialogs.webhooks_dialog import WebhooksDialog
from console.proctor.formatting import actor_words
from console.proctor.proctor_center.center_commands import ACTION_TIPS, CenterCommands
from console.proctor.proctor_center.center_header import CenterHeader
from console.proctor.proctor_center.connection_banner import ConnectionBanner
from console.proctor.proctor_center.quit_question import ask_to_quit
from console.proctor.proctor_center.server_status import ServerStatusWidget
from console.proctor.proctor_center.session_filter_model import CountFilter, SessionFilterModel
from console.proctor.proctor_center.session_grid_view import SessionGridView
from console.proctor.proctor_center.session_list_model import (
    DEFAULT_THUMBNAIL_SIZE,
    SessionListModel,
    SessionView,
)
from console.proctor.proctor_center.storage_banner import StorageBanner
from console.proctor.settings_values import SortKey
from core.domain.enums import SessionFilter
from core.domain.records import ExamDTO, SessionDTO, StorageStats

log = logging.getLogger(__name__)

STORAGE_REFRESH_MS = 30_000
#: The narrowest the window goes: the header and the toolbar fit it whole (an 800 px screen).
MINIMUM_WIDTH = 720


class ProctorCenterWindow(CenterCommands, QMainWindow):
    closed = Signal()
    #: File ▸ Connect to an exam center's server…: the application signs in and swaps centers.
    connect_to_server_requested = Signal()

    def __init__(self, context: ConsoleContext, server: ApiServerController | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.server = server
        self.exams: list[ExamDTO] = []
        self._exams_dialog: ExamsDialog | None = None
        self._connect_dialog: ConnectDialog | None = None
        self._proctors_dialog: ProctorsDialog | None = None
        self._webhooks_dialog: WebhooksDialog | None = None
        self._has_loaded = False
        #: When the grid last heard from the center (for the lost-server banner).
        self.last_updated: datetime | None = None
        #: Ask before closing while real exams run (off for throw-away data, e.g. a demo).
        self.ask_before_quitting = True
        self._quit_confirmed = False
        #: The open "exams are running" question, if any.
        self.quit_box: QMessageBox | None = None
        self.setObjectName("proctorCenter")
        self._show_title()
        self.setMinimumSize(QSize(MINIMUM_WIDTH, 540))

        settings = context.settings
        self.model = SessionListModel(context, self, show_samples=settings.show_samples)
        self.proxy = SessionFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.set_sort_key(settings.sort_key)
        self.grid = SessionGridView()
        self.grid.setModel(self.proxy)
        self.actions = SessionActions(context, self)

        self._build_commands(settings.show_samples, settings.sort_key)
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

        geometry = settings.window_geometry
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(first_size(self.screen()))
        self._update_thumbnail_size()
        if settings.watched_room:  # this console watches one room: the grid opens on it
            self.watch_room(settings.watched_room)
        self.reload_exams()
        self.refresh_storage()
        self._update_actions()
        self._update_header()
        install_alerts(self, context)

    # ---- building --------------------------------------------------------------------------
    def _build_body(self) -> None:
        body = QWidget()
        body.setObjectName("centerBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(10)
        self.header = CenterHeader()
        self.header.show_sort_key(self.proxy.sort_key)
        layout.addWidget(self.header)
        self.search_field = self.header.search_field
        self.exam_box = self.header.exam_box
        self.sort_box = self.header.sort_box

        self.samples_banner = QLabel(self.tr(
            "No exam has run here yet, so two sample sessions show what the grid looks like. "
            "Their actions are off, and they go away for good when the first candidate starts. "
            "Turn them off in View ▸ Show sample sessions."
        ))
        self.samples_banner.setObjectName("samplesBanner")
        self.samples_banner.setWordWrap(True)
        self.samples_banner.hide()
        layout.addWidget(self.samples_banner)
        self.storage_banner = StorageBanner(self.context.center.storage_status,
                                            tasks=self.context.tasks)
        layout.addWidget(self.storage_banner)
        self.connection_banner = ConnectionBanner(self.context.center.location)
        layout.addWidget(self.connection_banner)

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
        self.who_label = QLabel()
        self.who_label.setObjectName("whoLabel")
        self.who_label.setContentsMargins(0, 0, 14, 0)  # apart from the server status dot
        status.addPermanentWidget(self.who_label)
        self.show_who()
        self.server_status: ServerStatusWidget | None = None
        if self.server is not None:
            self.server_status = ServerStatusWidget(self.server)
            status.addPermanentWidget(self.server_status)

    def show_who(self) -> None:
        """Who acts from this window, as the center records it (and, remote, where); nobody
        once the center signed this console out."""
        center = self.context.center
        where = "" if center.kind == "embedded" else f" · {center.location}"
        if self.context.bridge.signed_out_reason:
            self.who_label.setText(self.tr("Signed out: acting as nobody") + where)
        else:
            self.who_label.setText(self.tr("Acting as {who}").format(
                who=translate("Formatting", actor_words(center.who))) + where)

    def _show_title(self) -> None:
        center = self.context.center
        who = self.tr("signed out") if self.context.bridge.signed_out_reason else center.who
        self.setWindowTitle(self.tr("Proctor Center — Proctor Console")
                            if center.kind == "embedded" else
                            self.tr("Proctor Center — {where} — {who}").format(
                                where=center.location, who=who))

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
        header = self.header
        header.view_chosen.connect(self.set_view)
        header.count_chosen.connect(self.filter_by_count)
        header.search_changed.connect(self._search_changed)
        header.exam_chosen.connect(self._exam_chosen)
        header.room_chosen.connect(self.watch_room)
        header.sort_chosen.connect(self.set_sort_key)
        self.actions.action_finished.connect(self._action_finished)
        self.actions.action_failed.connect(
            lambda _sid, message: self.statusBar().showMessage(message, 15000))
        bridge = self.context.bridge
        bridge.exams_changed.connect(lambda _exam_id: self.reload_exams())
        bridge.reachability_changed.connect(self._reachability_changed)
        bridge.signed_out.connect(self._signed_out)
        self.connection_banner.sign_in_requested.connect(self.connect_to_server_requested)
        for signal in (bridge.session_changed, bridge.snapshot_recorded, bridge.event_recorded):
            signal.connect(self._note_update)

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

    def running_exam_count(self) -> int:
        """Real sessions active now (samples are not exams), read from the core."""
        return len(self.context.center.list_sessions(SessionFilter.ACTIVE))

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

    def pause_selected(self) -> None:
        session = self.current_session()
        (self.actions.resume if session is not None and session.paused
         else self.actions.pause)(session)

    def add_time_selected(self) -> None:
        self.actions.add_time(self.current_session())

    def pause_room(self) -> object:
        """Pause every running exam of the room the grid shows (asks for one reason)."""
        room = self.proxy.room
        if not room:
            self.statusBar().showMessage(self.tr("Choose a room in the grid's room box first."),
                                         8000)
            return None
        return self.actions.pause_room(room, self.model.sessions())

    def watch_room(self, room: str | None) -> None:
        """Show only the sessions of ``room`` (None: every room); the console remembers it,
        and its alerts follow it."""
        self.proxy.set_room(room)
        self.context.settings.watched_room = room or ""
        self.context.settings.sync()
        self.header.set_rooms(self._rooms(), room)
        self.pause_room_action.setEnabled(bool(room))
        self._update_empty_state()

    def _rooms(self) -> list[str]:
        return [s.room for s in self.model.sessions() if s.room]

    def set_view(self, view: SessionView) -> None:
        (self.active_view_action if view is SessionView.ACTIVE
         else self.ended_view_action).setChecked(True)
        self.header.show_view(view)
        if view is self.model.view:
            return
        self._has_loaded = False
        self.filter_by_count(CountFilter.ALL)  # the counters differ between the views
        self.model.set_view(view)
        self._update_header()
        self._update_empty_state()

    def filter_by_count(self, kind: CountFilter) -> None:
        """Show only the sessions a header counter counts (ALL: every session)."""
        self.header.counter_filter = kind
        self.proxy.set_count_filter(kind)
        self._update_header()
        self._update_empty_state()

    def set_sort_key(self, key: SortKey) -> None:
        self.proxy.set_sort_key(key)
        self.sort_actions[key].setChecked(True)
        self.header.show_sort_key(key)
        self.context.settings.sort_key = key

    def set_show_samples(self, show: bool) -> None:
        if self.samples_action.isChecked() != show:
            self.samples_action.setChecked(show)
        self.context.settings.show_samples = show
        self.context.settings.sync()
        self.model.set_show_samples(show)

    def refresh_all(self) -> None:
        self.model.reload()
        self.reload_exams()
        self.refresh_storage()

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
        menu.addSeparator()
        self.pause_action.setText(self.tr("Resume") if session is not None and session.paused
                                  else self.tr("Pause…"))
        menu.addAction(self.pause_action)
        menu.addAction(self.add_time_action)
        if session is not None and session.room:
            menu.addSeparator()
            room = menu.addAction(self.tr("Pause every exam in {room}…").format(
                room=session.room))
            room.triggered.connect(lambda: self.actions.pause_room(
                session.room or "", self.model.sessions()))
        menu.popup(position)
        return menu

    def reload_exams(self) -> None:
        self.context.tasks.submit(self.context.center.list_exams,
                                  on_done=self._exams_loaded, on_error=self._not_read)

    def refresh_storage(self) -> None:
        self.context.tasks.submit(self.context.center.storage_stats,
                                  on_done=self._storage_loaded, on_error=self._not_read)

    def quit_now(self) -> None:
        """Close without asking (Ctrl+C or SIGTERM in a terminal, the app shutting down)."""
        self._quit_confirmed = True
        self.close()

    # ---- reactions -------------------------------------------------------------------------
    def _sessions_changed(self) -> None:
        if not self._storage_soon.isActive():
            self._storage_soon.start()
        self.header.set_rooms(self._rooms(), self.proxy.room)
        self._update_header()
        self._update_actions()
        self._update_empty_state()

    def _loaded(self) -> None:
        self._has_loaded = True
        self._note_update()
        self._sessions_changed()

    @staticmethod
    def _not_read(error: BaseException) -> None:
        """The exam list or the storage figures could not be read: the grid's own read says
        why (or the lost-server banner does); they are read again with the next change."""
        log.info("not read: %s", error)

    def _note_update(self) -> None:
        if self.context.bridge.is_reachable:
            self.last_updated = datetime.now(UTC)

    def _reachability_changed(self, reachable: bool) -> None:
        """Lost: banner, grid greyed, actions off. Back: banner gone, every list read again."""
        if reachable:
            self.connection_banner.show_found()
            self.grid.setGraphicsEffect(None)  # type: ignore[arg-type]
            self.refresh_all()
        else:
            self._grey_grid()
        self._update_header()
        self._update_actions()

    def _signed_out(self, _reason: str) -> None:
        """The center signed this console out: it acts for nobody, the grid keeps what it
        showed (greyed), the banner says why, and signing in again is asked for at once."""
        self.show_who()
        self._show_title()
        self._grey_grid()
        self._update_header()
        self._update_actions()
        self.connect_to_server_requested.emit()

    def _grey_grid(self) -> None:
        greyed = QGraphicsOpacityEffect(self.grid)
        greyed.setOpacity(0.45)
        self.grid.setGraphicsEffect(greyed)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _card_activated(self, index: QModelIndex) -> None:
        session = self.proxy.session_at(index.row())
        if session is not None:
            self.context.open_details(session.session_id)

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search_text(text)
        self._update_empty_state()

    def _exam_chosen(self, exam_id: str | None) -> None:
        self.proxy.set_exam_id(exam_id)
        self._update_empty_state()

    def _exams_loaded(self, exams: list[ExamDTO]) -> None:
        self.exams = list(exams)
        if not self.header.set_exams(self.exams):
            self._exam_chosen(None)

    def _storage_loaded(self, stats: StorageStats) -> None:
        megabytes = stats.bytes / (1024 * 1024)
        locale = QLocale()
        self.storage_label.setText(plural(self.tr(
            "Evidence on disk: {size} MB in %Ln file(s)", "", stats.files), stats.files).format(
            size=locale.toString(megabytes, "f", 1)))

    def _action_finished(self, session_id: str, action: str) -> None:
        self.statusBar().showMessage(self.actions.done_message(session_id, action), 8000)

    def _focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def _update_actions(self) -> None:
        session = self.current_session()
        self.details_action.setEnabled(session is not None)
        bridge = self.context.bridge
        allowed = SessionActions.can_act(session) and bridge.may_act
        reason = (self.tr("Signed out: sign in again to flag, warn or terminate.")
                  if bridge.signed_out_reason else SessionActions.why_not(session)
                  if bridge.is_reachable else
                  self.tr("The exam center's server cannot be reached; this is back when it is."))
        for action, tip in ((self.flag_action, ACTION_TIPS["flag"]),
                            (self.warn_action, ACTION_TIPS["warn"]),
                            (self.terminate_action, ACTION_TIPS["terminate"]),
                            (self.pause_action, ACTION_TIPS["pause"]),
                            (self.add_time_action, ACTION_TIPS["add_time"])):
            action.setEnabled(allowed)
            action.setToolTip(QCoreApplication.translate("CenterCommands", tip)
                              if allowed or reason is None else reason)

    def _update_header(self) -> None:
        self.header.show_counts(self.model.counts())
        self.samples_banner.setVisible(self.model.is_showing_samples)
        bridge = self.context.bridge
        if bridge.signed_out_reason:  # never told as a network problem
            self.connection_banner.show_signed_out(bridge.signed_out_reason, self.last_updated)
        elif not bridge.is_reachable:  # why may become known while it retries
            self.connection_banner.show_lost(self.last_updated, self.context.center.last_problem)

    def _update_empty_state(self) -> None:
        if self.proxy.rowCount():
            self.stack.setCurrentWidget(self.grid)
            return
        if not self._has_loaded and self.model.is_loading:
            text = self.tr("Loading sessions…")
        elif self.model.rowCount() and self.proxy.is_filtering:
            text = self.tr("No session matches the search, the exam or the counter you chose.\n"
                           "Press Esc in the search box, choose “All exams”, or click the first "
                           "counter to see every session.")
        elif self.model.view is SessionView.ENDED:
            text = self.tr("No session has ended yet.\nSubmitted, timed-out and terminated "
                           "sessions are listed here for review.")
        else:
            where = (self.tr("File ▸ Connect kiosks shows what to type on a kiosk.")
                     if self.server is not None else
                     self.tr("Kiosks are set up at the exam center's own console."))
            text = self.tr("No exam is running right now.\nA session appears here as soon as a "
                           "candidate starts an exam on a kiosk.") + "\n" + where
        self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label)

    def _update_thumbnail_size(self) -> None:
        ratio = self.devicePixelRatioF()
        self.model.set_thumbnail_size(QSize(round(DEFAULT_THUMBNAIL_SIZE.width() * ratio),
                                            round(DEFAULT_THUMBNAIL_SIZE.height() * ratio)))

    def _ask_to_quit(self, running: int) -> QMessageBox:
        if self.quit_box is None:
            self.quit_box = ask_to_quit(self, running, self.quit_now)
            self.quit_box.finished.connect(self._quit_answered)
        self.quit_box.raise_()
        return self.quit_box

    def _quit_answered(self) -> None:
        self.quit_box = None

    # ---- Qt events -------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_toolbar()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.DevicePixelRatioChange:
            self._update_thumbnail_size()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ask_before_quitting and not self._quit_confirmed:
            running = self.running_exam_count()
            if running:
                event.ignore()
                self._ask_to_quit(running)
                return
        self.context.settings.window_geometry = self.saveGeometry()
        self.context.settings.sync()
        self._storage_timer.stop()
        self._storage_soon.stop()
        self.storage_banner.timer.stop()
        self.model.close()
        for dialog in (self._exams_dialog, self._connect_dialog, self._proctors_dialog,
                       self._webhooks_dialog):
            if dialog is not None:
                dialog.close()
        super().closeEvent(event)
        self.closed.emit()


def first_size(screen: QScreen | None) -> QSize:
    """The window's size at its first start: 1366x768, or the screen's room if smaller (an
    800x600 exam-room PC)."""
    wanted = QSize(1366, 768)
    if screen is None:
        return wanted
    frame = QSize(16, 48)  # the window manager's frame: a title bar and borders
    return wanted.boundedTo(screen.availableGeometry().size() - frame)

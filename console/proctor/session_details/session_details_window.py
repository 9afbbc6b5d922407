"""SessionDetailsWindow: one session, live or ended — header facts, the snapshot gallery with a
large preview, the event timeline, proctor actions, review and evidence export.

The window puts the pieces together and keeps them current: the columns are an EvidencePane,
the selection a GalleryNavigator, the buttons an ActionBar run by ``action_policy``, review a
ReviewFlow and export an EvidenceExport. Everything that touches the database or decodes an
image runs in the TaskRunner; the window learns about changes from the CenterEventBridge (never
by polling; a one-second timer only moves the "time left" clock of a live session)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QLocale, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QListView,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.proctor.actions import SessionActions
from console.proctor.context import ConsoleContext
from console.proctor.session_details.action_bar import ActionBar
from console.proctor.session_details.action_policy import button_states
from console.proctor.session_details.evidence_pane import EvidencePane
from console.proctor.session_details.export_flow import EvidenceExport
from console.proctor.session_details.gallery_model import GalleryModel
from console.proctor.session_details.navigation import GalleryNavigator
from console.proctor.session_details.pages import ErrorPage, sample_page
from console.proctor.session_details.review_dialog import ReviewDialog
from console.proctor.session_details.review_flow import ReviewFlow
from console.proctor.session_details.session_facts import is_live, no_snapshot_words
from console.proctor.session_details.session_header import SessionHeader
from console.proctor.session_details.snapshot_preview import SnapshotPreview, events_near
from console.proctor.session_details.status_banner import StatusBanner
from console.proctor.session_details.timeline_model import TimelineModel, timeline_title
from core.domain.records import SessionDetail, SessionDTO, SnapshotDTO
from core.domain.samples import is_sample_id
from resources import load_style

EVIDENCE_PAGE, SAMPLE_PAGE, ERROR_PAGE = range(3)
#: After a lost center comes back: how many of the newest snapshots are checked for ones the
#: window missed (the live stream resumes without gaps; this covers a stream reset).
CATCH_UP_SNAPSHOTS = 50


class SessionDetailsWindow(QWidget):
    detail_loaded = Signal(str)  # session_id, after every refresh of the header and timeline
    load_failed = Signal(str)  # a sentence for the user
    review_saved = Signal(str)  # outcome
    review_failed = Signal(str)
    export_finished = Signal(str)  # path
    export_failed = Signal(str)
    export_cancelled = Signal()
    image_saved = Signal(str)  # path
    bundle_saved = Signal(str)  # path
    bundle_failed = Signal(str)  # the sentence shown
    closed = Signal(str)  # session_id

    def __init__(self, context: ConsoleContext, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sessionDetailsWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(load_style("details"))
        self.setWindowTitle(self.tr("Session details"))
        self.resize(1340, 740)
        self._context = context
        self._center = context.center
        self._session_id = session_id
        self._is_sample = is_sample_id(session_id)
        self._detail: SessionDetail | None = None
        self._is_closed = False
        self._is_refreshing = False
        self._needs_refresh = False
        self._actions = SessionActions(context, self)
        self._review = ReviewFlow(context.tasks, self._center, session_id, self)
        self._export = EvidenceExport(context, session_id, self)

        self.header = SessionHeader(self)
        self._action_bar = ActionBar(self)
        self.gallery_model = GalleryModel(context.tasks, session_id, self._center,
                                          parent=self)
        self.timeline_model = TimelineModel(self)
        self.preview = SnapshotPreview(context.tasks, self._center.read_image, self)
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.evidence = EvidencePane(self.gallery_model, self.timeline_model, self.preview,
                                     context.thumbnails, self)
        self._navigator = GalleryNavigator(self.evidence.gallery, self.gallery_model,
                                           self.evidence.timeline, self.timeline_model,
                                           (self.preview,), self)
        self._error_page = ErrorPage(self)
        self._body = QStackedWidget(self)
        self._body.insertWidget(EVIDENCE_PAGE, self.evidence)
        self._body.insertWidget(SAMPLE_PAGE, sample_page(self))
        self._body.insertWidget(ERROR_PAGE, self._error_page)
        self.status_banner = StatusBanner(self)

        # Header and buttons side by side; on a narrow window (an 800 px screen) the buttons go
        # under the header, so the window's narrowest is its evidence columns' narrowest.
        top = self._top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header, 1)
        top.addWidget(self._action_bar, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self.status_banner)
        layout.addWidget(self._body, 1)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self._connect()

        margins = layout.contentsMargins()
        self.setMinimumWidth(margins.left() + margins.right() + max(
            self._body.minimumSizeHint().width(), self.header.minimumSizeHint().width(),
            self._action_bar.minimumSizeHint().width()))
        self._update_buttons()
        if self._is_sample:
            self._body.setCurrentIndex(SAMPLE_PAGE)
        else:
            self.gallery_view.setFocus()  # the arrow keys step through the snapshots at once
            self.gallery_model.fetchMore()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange_top()
        super().resizeEvent(event)

    def _arrange_top(self) -> None:
        """The buttons beside the header when both fit, else under it."""
        margins = self.layout().contentsMargins()
        side_by_side = (margins.left() + margins.right() + self.header.minimumSizeHint().width()
                        + self._top.spacing() + self._action_bar.minimumSizeHint().width())
        direction = (QBoxLayout.Direction.LeftToRight if self.width() >= side_by_side
                     else QBoxLayout.Direction.TopToBottom)
        if self._top.direction() != direction:
            self._top.setDirection(direction)
            self._top.setAlignment(self._action_bar, Qt.AlignmentFlag.AlignTop | (
                Qt.AlignmentFlag.AlignRight if direction == QBoxLayout.Direction.LeftToRight
                else Qt.AlignmentFlag.AlignLeft))
            self.layout().activate()  # at this size, not after the next event

    @property
    def buttons_beside_header(self) -> bool:
        """True when the action buttons sit beside the header (a wide window)."""
        return self._top.direction() == QBoxLayout.Direction.LeftToRight

    def _outside_links(self) -> tuple[tuple[SignalInstance, Callable[..., None]], ...]:
        """The signals of the core and the thumbnail cache this window follows while open."""
        bridge = self._context.bridge
        return ((bridge.session_changed, self._on_session_changed),
                (bridge.event_recorded, self._on_event_recorded),
                (bridge.snapshot_recorded, self._on_snapshot_recorded),
                (bridge.snapshot_analysed, self._on_snapshot_analysed),
                (bridge.reachability_changed, self._on_reachability_changed),
                (bridge.signed_out, self._on_signed_out),
                (self._context.thumbnails.thumbnail_ready, self.gallery_model.thumbnail_ready))

    def _connect(self) -> None:
        for signal, slot in self._outside_links():
            signal.connect(slot)
        self._action_bar.triggered.connect(self._on_button)
        self._actions.action_finished.connect(lambda *_args: self.refresh())
        self._actions.action_failed.connect(lambda *_args: self.refresh())
        self._navigator.selected.connect(
            lambda row: self._show_preview(self.gallery_model.snapshot(row)))
        self.preview.save_image_requested.connect(lambda _sid: self.save_selected_image())
        self.gallery_model.page_loaded.connect(self._on_page_loaded)
        self.gallery_model.rowsInserted.connect(lambda *_: self._update_gallery_title())
        self.gallery_model.load_failed.connect(lambda text: self.status_banner.show_message(
            self.tr("{problem}. Close this window and open the session again.").format(
                problem=text), "error"))

        self._review.saving_changed.connect(lambda _saving: self._update_buttons())
        self._review.saved.connect(self._review_done)
        self._review.failed.connect(self._review_error)
        self._export.busy_changed.connect(lambda _busy: self._update_buttons())
        self._export.finished.connect(self._export_done)
        self._export.failed.connect(self._export_error)
        self._export.cancelled.connect(self._export_cancelled)
        self._export.image_saved.connect(self._image_saved)
        self._export.bundle_busy_changed.connect(lambda _busy: self._update_buttons())
        self._export.bundle_saved.connect(self._bundle_saved)
        self._export.bundle_failed.connect(self._bundle_failed)
        self._export.image_failed.connect(
            lambda text: self.status_banner.show_message(text, "error"))

    # ---- public API -----------------------------------------------------------------------
    @property
    def session_id(self) -> str:
        return self._session_id

    @property
    def session(self) -> SessionDTO | None:
        return self._detail.session if self._detail else None

    @property
    def is_sample(self) -> bool:
        return self._is_sample

    @property
    def gallery_view(self) -> QListView:
        return self.evidence.gallery

    @property
    def timeline_view(self) -> QListView:
        return self.evidence.timeline

    @property
    def shows_gallery(self) -> bool:
        return self._body.currentIndex() == EVIDENCE_PAGE

    @property
    def status_text(self) -> str:
        return self.status_banner.text

    def button(self, name: str) -> QPushButton:
        """One of ``flag``, ``warn``, ``terminate``, ``pause`` (Resume while paused),
        ``add_time``, ``review``, ``export``, ``bundle``."""
        return self._action_bar.button(name)

    def column_widths(self) -> list[int]:
        """Widths of the gallery, preview and timeline columns."""
        return self.evidence.column_widths()

    def current_row(self) -> int:
        return self._navigator.current_row()

    def select_row(self, row: int) -> None:
        self._navigator.select_row(row)

    def step(self, delta: int) -> None:
        """Select the next (+1, older) or previous (-1, newer) snapshot."""
        self._navigator.step(delta)

    def go_first(self) -> None:
        self._navigator.go_first()

    def go_last(self) -> None:
        """Select the oldest snapshot of the session (loading the remaining pages first)."""
        self._navigator.go_last()

    def refresh(self) -> None:
        """Re-read the session (header, timeline, buttons) in the background."""
        if self._is_closed:
            return
        if self._is_refreshing:
            self._needs_refresh = True
            return
        self._is_refreshing = True
        self._context.tasks.submit(self._center.get_session, self._session_id,
                                   on_done=self._apply_detail, on_error=self._detail_failed)

    def open_review_dialog(self) -> ReviewDialog | None:
        return self._review.open_dialog(self.session)

    def submit_review(self, outcome: str, note: str) -> None:
        self._review.submit(outcome, note)

    def export_report(self) -> None:
        """Ask where to save the PDF, then export it behind a cancellable progress dialog."""
        if self.session is not None:
            self._export.export_report(self.session)

    def export_report_to(self, path: str) -> QProgressDialog:
        """Export the evidence report to ``path`` in the background (no file dialog)."""
        return self._export.export_report_to(path)

    def export_bundle(self) -> None:
        """Ask where to save the evidence bundle, then save it in the background."""
        if self.session is not None:
            self._export.export_bundle(self.session)

    def export_bundle_to(self, path: str) -> None:
        """Save the center's signed evidence bundle to ``path`` in the background (no file
        dialog)."""
        self._export.export_bundle_to(path)

    def save_selected_image(self) -> None:
        snapshot, session = self.preview.snapshot, self.session
        if snapshot is not None and session is not None:
            self._export.save_image(snapshot, session)

    def save_image_to(self, snapshot_id: str, path: str) -> None:
        """Write the original JPEG bytes of one snapshot to ``path`` in the background."""
        self._export.save_image_to(snapshot_id, path)

    # ---- loading ----------------------------------------------------------------------------
    def _apply_detail(self, detail: SessionDetail) -> None:
        self._is_refreshing = False
        if self._is_closed:
            return
        if self._needs_refresh:
            self._needs_refresh = False
            self.refresh()
        self._detail = detail
        session = detail.session
        self.setWindowTitle(self.tr("{name} — {exam} · Session details").format(
            name=session.candidate_name, exam=session.exam_title))
        self.header.set_session(session, self._center.now(), detail.events)
        self.timeline_model.set_events(detail.events)
        self.evidence.set_timeline_title(timeline_title(detail.events))
        self._update_gallery_title()
        self._update_buttons()
        if is_live(session) and not session.is_sample:
            self._clock.start()
        else:
            self._clock.stop()
        if self.preview.snapshot is not None:
            self._show_preview(self.preview.snapshot)
        elif self.gallery_model.rowCount() == 0 and not self._is_sample:
            self._show_empty_preview()
        self.detail_loaded.emit(self._session_id)

    def _detail_failed(self, error: BaseException) -> None:
        self._is_refreshing = False
        if self._is_closed:
            return
        if self._detail is None:
            self.header.set_message(self.tr("Session unavailable"))
            self._error_page.show_error(error)
            self._body.setCurrentIndex(ERROR_PAGE)
            self.gallery_model.close()
            self._update_buttons()
        else:
            self.status_banner.show_message(
                self.tr("The session could not be refreshed: {error}. The facts shown may be out "
                        "of date; they refresh with the next change.").format(error=error),
                "error")
        self.load_failed.emit(str(error))

    def _on_session_changed(self, session_id: str, _status: str, _change: str) -> None:
        if session_id == self._session_id:
            self.refresh()

    def _on_event_recorded(self, session_id: str, _event_id: str, _type: str) -> None:
        if session_id == self._session_id:
            self.refresh()

    def _on_snapshot_recorded(self, session_id: str, snapshot_id: str) -> None:
        if session_id == self._session_id and not self._is_closed:
            self.gallery_model.add_snapshot(snapshot_id)

    def _on_snapshot_analysed(self, session_id: str, snapshot_id: str) -> None:
        if session_id == self._session_id and not self._is_closed:
            self.gallery_model.refresh_snapshot(snapshot_id)

    def _on_reachability_changed(self, reachable: bool) -> None:
        """Lost: actions off. Back: the session read again, and any newest snapshots the
        window has not seen added."""
        self._update_buttons()
        if reachable and not self._is_closed:
            self.refresh()
            self._context.tasks.submit(
                self._center.list_snapshots, self._session_id, CATCH_UP_SNAPSHOTS,
                on_done=lambda rows: [self.gallery_model.add_snapshot(s.snapshot_id)
                                      for s in rows],
                on_error=lambda _exc: None)

    def _on_signed_out(self, _reason: str) -> None:
        """The center signed this console out: no action, no review (the main window asks to
        sign in again)."""
        self._update_buttons()

    def _tick(self) -> None:
        self.header.tick(self._center.now())

    # ---- gallery and preview ---------------------------------------------------------------
    def _on_page_loaded(self, _added: int) -> None:
        if self.gallery_model.rowCount() == 0 and self._detail is not None:
            self._show_empty_preview()

    def _show_preview(self, snapshot: SnapshotDTO) -> None:
        session = self.session
        interval = session.snapshot_interval_seconds if session else 30
        total = max(session.snapshot_count if session else 0, self.gallery_model.rowCount())
        row = self.gallery_model.row_of(snapshot.snapshot_id)
        if row >= 0:
            snapshot = self.gallery_model.snapshot(row)
        locale = QLocale()
        position = self.tr("{row} of {total}, newest first").format(
            row=locale.toString(row + 1), total=locale.toString(total)) if row >= 0 else ""
        events = self._detail.events if self._detail else []
        nearby = events_near(events, snapshot.captured_at, timedelta(seconds=interval))
        self.preview.show_snapshot(snapshot, nearby, interval, position)

    def _show_empty_preview(self) -> None:
        if self._detail is not None:
            self.preview.set_placeholder(no_snapshot_words(self._detail.session,
                                                           self._detail.events))

    def _update_gallery_title(self) -> None:
        loaded = self.gallery_model.rowCount()
        total = max(self.session.snapshot_count if self.session else 0, loaded)
        locale = QLocale()
        more = "" if loaded >= total else self.tr(" ({count} loaded)").format(
            count=locale.toString(loaded))
        self.evidence.set_gallery_title(self.tr("Snapshots · {count}").format(
            count=locale.toString(total)) + more)

    # ---- buttons, review, export ------------------------------------------------------------
    def _update_buttons(self) -> None:
        self._action_bar.apply(button_states(self.session, exporting=self._export.is_exporting,
                                             bundling=self._export.is_bundling,
                                             saving_review=self._review.is_saving,
                                             reachable=self._context.bridge.is_reachable,
                                             signed_out=bool(self._context.bridge
                                                             .signed_out_reason)))

    def _on_button(self, name: str) -> None:
        session = self.session
        if session is None or not button_states(session)[name].enabled:
            return
        if name in ("flag", "warn", "terminate", "add_time"):
            getattr(self._actions, name)(session)
        elif name == "pause":
            (self._actions.resume if session.paused else self._actions.pause)(session)
        elif name == "review":
            self.open_review_dialog()
        elif name == "export":
            self.export_report()
        elif name == "bundle":
            self.export_bundle()

    def _review_done(self, session: SessionDTO) -> None:
        if self._detail is not None:
            self._detail = SessionDetail.of(session, self._detail.events, self._detail.warnings)
        self.header.set_session(session, self._center.now())
        self._update_buttons()
        self.status_banner.show_message(self.tr("The review was saved."), "ok")
        self.refresh()
        self.review_saved.emit(session.review_outcome or "")

    def _review_error(self, message: str) -> None:
        self.status_banner.show_message(
            self.tr("The review was not saved: {error}").format(error=message), "error")
        self.review_failed.emit(message)

    def _export_done(self, path: str) -> None:
        self.status_banner.show_message(self.tr("Report saved to {path}").format(path=path), "ok",
                                        self._open_folder(path))
        self.export_finished.emit(path)

    def _export_error(self, path: str, message: str) -> None:
        self.status_banner.show_message(
            self.tr("The report could not be saved to {path}: {error}. Choose another folder and "
                    "try again.").format(path=path, error=message), "error")
        self.export_failed.emit(message)

    def _export_cancelled(self) -> None:
        self.status_banner.show_message(
            self.tr("Export cancelled; no file was written."), "info")
        self.export_cancelled.emit()

    def _image_saved(self, path: str) -> None:
        self.status_banner.show_message(self.tr("Image saved to {path}").format(path=path), "ok",
                                        self._open_folder(path))
        self.image_saved.emit(path)

    def _bundle_saved(self, path: str, command: str) -> None:
        self.status_banner.show_message(
            self.tr("Evidence bundle saved to {path}. Anyone can check it offline with: "
                    "{command}").format(path=path, command=command), "ok",
            self._open_folder(path))
        self.bundle_saved.emit(path)

    def _open_folder(self, path: str) -> tuple[str, Callable[[], object]]:
        """The banner's button that shows the folder of ``path``."""
        return self.tr("Open folder"), lambda: self._export.open_folder(path)

    def _bundle_failed(self, message: str) -> None:
        self.status_banner.show_message(message, "error")
        self.bundle_failed.emit(message)

    # ---- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._is_closed:
            self._is_closed = True
            self._export.close()  # closing the window stops its exports
            self._review.close()
            self._navigator.close()
            self._clock.stop()
            self.gallery_model.close()
            self.preview.close_down()
            for signal, slot in self._outside_links():
                signal.disconnect(slot)
            self.closed.emit(self._session_id)
        super().closeEvent(event)

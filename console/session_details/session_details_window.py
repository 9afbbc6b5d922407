"""SessionDetailsWindow: one session, live or ended — header facts, the snapshot gallery with a
large preview, the event timeline, proctor actions, review and evidence export.

Everything that touches the database or decodes an image runs in the TaskRunner; the window
learns about changes from the CoreEventBridge (never by polling; a one-second timer only
moves the "time left" clock of a live session)."""

from __future__ import annotations

import re
import threading
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSize,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from console.actions import SessionActions
from console.context import ConsoleContext
from console.session_details.gallery_delegate import TILE_SIZE, GalleryDelegate
from console.session_details.gallery_model import GalleryModel
from console.session_details.report_exporter import ExportCancelled, ReportExporter
from console.session_details.review_dialog import ReviewDialog
from console.session_details.session_facts import is_live
from console.session_details.session_header import SessionHeader
from console.session_details.snapshot_preview import SnapshotPreview
from console.session_details.timeline_delegate import TimelineDelegate
from console.session_details.timeline_model import TimelineModel
from core.domain.samples import is_sample_id
from core.services.dto import EventDTO, SessionDetail, SessionDTO, SnapshotDTO
from resources import load_style

SAMPLE_EXPLANATION = (
    "<h2>This is a sample session</h2>"
    "<p>Sample sessions appear in the Proctor Center while no real exam is running, so the "
    "screen shows what a live session looks like. They are made up: nobody is taking an exam, "
    "and they hold no snapshots, no events and no evidence.</p>"
    "<p>Flag, warn, terminate, review and export are switched off for samples.</p>"
    "<p><b>To see a real session</b>, start an exam on a candidate kiosk. It appears in the "
    "Proctor Center within a few seconds, and the samples go away.</p>"
)
STEP_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}


class _ExportProgress(QObject):
    """Carries progress from the export worker to the GUI thread (queued signal)."""

    progressed = Signal(int, int)  # done, total


class SessionDetailsWindow(QWidget):
    detail_loaded = Signal(str)  # session_id, after every refresh of the header and timeline
    load_failed = Signal(str)  # a sentence for the user
    review_saved = Signal(str)  # outcome
    review_failed = Signal(str)
    export_finished = Signal(str)  # path
    export_failed = Signal(str)
    export_cancelled = Signal()
    image_saved = Signal(str)  # path
    closed = Signal(str)  # session_id

    def __init__(self, context: ConsoleContext, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("sessionDetailsWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setStyleSheet(load_style("details"))
        self.setWindowTitle("Session details")
        self.resize(1340, 740)
        self._context = context
        self._core = context.core
        self._session_id = session_id
        self._is_sample = is_sample_id(session_id)
        self._detail: SessionDetail | None = None
        self._is_closed = False
        self._is_refreshing = False
        self._needs_refresh = False
        self._follows_newest = True
        self._jump_target: str | None = None
        self._review_dialog: ReviewDialog | None = None
        self._export_cancels: set[threading.Event] = set()
        self._exporter = ReportExporter(self._core.snapshots.read_image, self._core.clock.now)
        self._actions = SessionActions(context, self)

        self.header = SessionHeader(self)
        self._build_buttons()
        self.gallery_model = GalleryModel(context.tasks, session_id, self._core.proctoring,
                                          self._core.snapshots, parent=self)
        self.timeline_model = TimelineModel(self)
        self.preview = SnapshotPreview(context.tasks, self._core.snapshots.read_image, self)
        self._body = QStackedWidget(self)
        self._body.addWidget(self._build_evidence())
        self._body.addWidget(self._build_sample_page())
        self._body.addWidget(self._build_error_page())
        self._status = QLabel(self)
        self._status.setObjectName("statusBanner")
        self._status.setWordWrap(True)
        self._status.hide()

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.header, 1)
        top.addWidget(self._button_bar, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addWidget(self._status)
        layout.addWidget(self._body, 1)

        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

        bridge = context.bridge
        bridge.session_changed.connect(self._on_session_changed)
        bridge.event_recorded.connect(self._on_event_recorded)
        bridge.snapshot_recorded.connect(self._on_snapshot_recorded)
        bridge.snapshot_analysed.connect(self._on_snapshot_analysed)
        context.thumbnails.thumbnail_ready.connect(self.gallery_model.thumbnail_ready)
        self._connect_actions()

        self._update_buttons()
        if self._is_sample:
            self._body.setCurrentIndex(1)
        else:
            self._gallery.setFocus()  # the arrow keys step through the snapshots at once
            self.gallery_model.fetchMore()
        self.refresh()

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
        return self._gallery

    @property
    def timeline_view(self) -> QListView:
        return self._timeline

    @property
    def shows_gallery(self) -> bool:
        return self._body.currentIndex() == 0

    @property
    def status_text(self) -> str:
        return self._status.text() if not self._status.isHidden() else ""

    def button(self, name: str) -> QPushButton:
        """One of ``flag``, ``warn``, ``terminate``, ``review``, ``export``."""
        return self._buttons[name]

    def current_row(self) -> int:
        index = self._gallery.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if not 0 <= row < self.gallery_model.rowCount():
            return
        index = self.gallery_model.index(row)
        self._gallery.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._gallery.scrollTo(index)

    def step(self, delta: int) -> None:
        """Select the next (+1, older) or previous (-1, newer) snapshot."""
        rows = self.gallery_model.rowCount()
        if rows == 0:
            return
        row = self.current_row()
        target = 0 if row < 0 else row + delta
        if target >= rows:
            if not self.gallery_model.is_exhausted:
                oldest = self.gallery_model.snapshot(rows - 1).captured_at
                self.gallery_model.load_until(oldest - timedelta(microseconds=1),
                                              lambda: self.select_row(min(target, self._last())))
            return
        self.select_row(max(0, target))

    def go_first(self) -> None:
        self.select_row(0)

    def go_last(self) -> None:
        """Select the oldest snapshot of the session (loading the remaining pages first)."""
        self.gallery_model.load_until(datetime.min.replace(tzinfo=self._core.clock.now().tzinfo),
                                      lambda: self.select_row(self._last()))

    def refresh(self) -> None:
        """Re-read the session (header, timeline, buttons) in the background."""
        if self._is_closed:
            return
        if self._is_refreshing:
            self._needs_refresh = True
            return
        self._is_refreshing = True
        self._context.tasks.submit(self._core.proctoring.get_session, self._session_id,
                                   on_done=self._apply_detail, on_error=self._detail_failed)

    def open_review_dialog(self) -> ReviewDialog | None:
        session = self.session
        if session is None or not self._can_review(session):
            return None
        dialog = ReviewDialog(session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.submit_review(dialog.outcome() or "", dialog.note()))
        self._review_dialog = dialog
        dialog.open()
        return dialog

    def submit_review(self, outcome: str, note: str) -> None:
        self._buttons["review"].setEnabled(False)
        self._context.tasks.submit(self._core.proctoring.review_session, self._session_id,
                                   outcome, note, on_done=self._review_done,
                                   on_error=self._review_error)

    def export_report(self) -> None:
        """Ask where to save the PDF, then export it behind a cancellable progress dialog."""
        session = self.session
        if session is None:
            return
        default = Path(self._export_dir()) / f"{_file_stem(session)}-report.pdf"
        path, _filter = QFileDialog.getSaveFileName(self, "Export report", str(default),
                                                    "PDF documents (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self._context.settings.export_dir = str(Path(path).parent)
            self.export_report_to(path)

    def export_report_to(self, path: str) -> QProgressDialog:
        """Export the evidence report to ``path`` in the background (no file dialog)."""
        cancel = threading.Event()
        progress = QProgressDialog("Preparing the report…", "Cancel", 0, 0, self)
        progress.setObjectName("exportProgress")
        progress.setWindowTitle("Export report")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(cancel.set)
        self._export_cancels.add(cancel)
        relay = _ExportProgress()  # no parent: the job keeps it alive until it ends

        def show_progress(done: int, total: int) -> None:
            if not cancel.is_set() and not self._is_closed:
                progress.setMaximum(total)
                progress.setValue(done)
                progress.setLabelText(f"Adding snapshot {max(0, done - 1):,} of {total - 1:,}…"
                                      if done else "Writing the timeline…")

        relay.progressed.connect(show_progress)
        self._buttons["export"].setEnabled(False)
        self._context.tasks.submit(
            self._write_report, path, relay, cancel,
            on_done=lambda written: self._export_done(progress, cancel, str(written)),
            on_error=lambda exc: self._export_error(progress, cancel, path, exc),
        )
        return progress

    def save_selected_image(self) -> None:
        snapshot = self.preview.snapshot
        session = self.session
        if snapshot is None or session is None:
            return
        stamp = snapshot.captured_at.astimezone().strftime("%Y%m%d-%H%M%S")
        default = Path(self._export_dir()) / f"{_file_stem(session)}-{stamp}.jpg"
        path, _filter = QFileDialog.getSaveFileName(self, "Save image", str(default),
                                                    "JPEG images (*.jpg *.jpeg)")
        if path:
            if not path.lower().endswith((".jpg", ".jpeg")):
                path += ".jpg"
            self._context.settings.export_dir = str(Path(path).parent)
            self.save_image_to(snapshot.snapshot_id, path)

    def save_image_to(self, snapshot_id: str, path: str) -> None:
        """Write the original JPEG bytes of one snapshot to ``path`` in the background."""
        read_image = self._core.snapshots.read_image
        self._context.tasks.submit(
            lambda: ReportExporter.write_image(path, read_image(snapshot_id)),
            on_done=lambda written: self._image_saved(str(written)),
            on_error=lambda exc: self._show_status(
                f"The image could not be saved to {path}: {exc}. Choose another folder and "
                "try again.", "error"),
        )

    # ---- building ---------------------------------------------------------------------------
    def _build_buttons(self) -> None:
        self._button_bar = QFrame(self)
        self._button_bar.setObjectName("actionBar")
        bar = QVBoxLayout(self._button_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(8)
        actions_row = QHBoxLayout()
        actions_row.setSpacing(6)
        evidence_row = QHBoxLayout()
        evidence_row.setSpacing(6)
        self._buttons: dict[str, QPushButton] = {}
        specs = (
            ("flag", "Flag…", "Mark this session for attention with a reason", actions_row),
            ("warn", "Warn…", "Send the candidate a warning they must acknowledge", actions_row),
            ("terminate", "Terminate…", "End this exam now", actions_row),
            ("review", "Review…", "Record the outcome of the post-exam review", evidence_row),
            ("export", "Export report…", "Save a PDF with the facts, timeline and snapshots",
             evidence_row),
        )
        for name, text, tip, row in specs:
            button = QPushButton(text, self._button_bar)
            button.setObjectName(f"{name}Button")
            button.setToolTip(tip)
            button.setAutoDefault(False)
            row.addWidget(button)
            self._buttons[name] = button
        bar.addLayout(actions_row)
        bar.addLayout(evidence_row)
        bar.addStretch(1)
        self._buttons["flag"].clicked.connect(lambda: self._act("flag"))
        self._buttons["warn"].clicked.connect(lambda: self._act("warn"))
        self._buttons["terminate"].clicked.connect(lambda: self._act("terminate"))
        self._buttons["review"].clicked.connect(self.open_review_dialog)
        self._buttons["export"].clicked.connect(self.export_report)

    def _build_evidence(self) -> QWidget:
        self._gallery = QListView(self)
        self._gallery.setObjectName("gallery")
        self._gallery.setViewMode(QListView.ViewMode.IconMode)
        self._gallery.setMovement(QListView.Movement.Static)
        self._gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self._gallery.setFlow(QListView.Flow.LeftToRight)
        self._gallery.setWrapping(True)
        self._gallery.setUniformItemSizes(True)
        self._gallery.setSpacing(4)
        self._gallery.setGridSize(QSize(TILE_SIZE.width() + 4, TILE_SIZE.height() + 4))
        self._gallery.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._gallery.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._gallery.setMouseTracking(True)
        self._gallery.setModel(self.gallery_model)
        self._gallery.setItemDelegate(GalleryDelegate(self._context.thumbnails, self._gallery))
        self._gallery.selectionModel().currentChanged.connect(self._on_gallery_current)
        self._gallery.installEventFilter(self)
        self.preview.installEventFilter(self)
        self.preview.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.preview.save_image_requested.connect(lambda _sid: self.save_selected_image())
        self.gallery_model.page_loaded.connect(self._on_page_loaded)
        self.gallery_model.snapshot_inserted.connect(self._on_snapshot_inserted)
        self.gallery_model.load_failed.connect(lambda text: self._show_status(
            f"{text}. Close this window and open the session again.", "error"))
        self.gallery_model.rowsInserted.connect(lambda *_: self._update_gallery_title())

        self._timeline = QListView(self)
        self._timeline.setObjectName("timeline")
        self._timeline.setModel(self.timeline_model)
        self._timeline.setItemDelegate(TimelineDelegate(self._timeline))
        self._timeline.setUniformItemSizes(True)
        self._timeline.setMouseTracking(True)
        self._timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._timeline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._timeline.selectionModel().currentChanged.connect(self._on_timeline_current)

        self._gallery_title = QLabel("Snapshots", self)
        self._gallery_title.setObjectName("sectionTitle")
        self._timeline_title = QLabel("Timeline", self)
        self._timeline_title.setObjectName("sectionTitle")
        self._preview_title = QLabel("Preview", self)
        self._preview_title.setObjectName("sectionTitle")
        hint = QLabel("← → step  ·  Home newest  ·  End oldest", self)
        hint.setObjectName("sectionHint")

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("evidenceSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.setHandleWidth(14)
        splitter.addWidget(_section(self._gallery_title, self._gallery))
        splitter.addWidget(_section(self._preview_title, self.preview, hint))
        splitter.addWidget(_section(self._timeline_title, self._timeline))
        gallery_width = 2 * (TILE_SIZE.width() + 4) + 4 * 4 + 22
        splitter.setSizes([gallery_width, 560, 360])
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        self._gallery.setMinimumWidth(TILE_SIZE.width() + 30)
        self._timeline.setMinimumWidth(280)
        return splitter

    def _build_sample_page(self) -> QWidget:
        page = QFrame(self)
        page.setObjectName("samplePage")
        text = QLabel(SAMPLE_EXPLANATION, page)
        text.setObjectName("sampleExplanation")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self._sample_text = text
        return _centred(page, text)

    def _build_error_page(self) -> QWidget:
        page = QFrame(self)
        page.setObjectName("errorPage")
        self._error_text = QLabel(page)
        self._error_text.setObjectName("errorExplanation")
        self._error_text.setWordWrap(True)
        return _centred(page, self._error_text)

    def _connect_actions(self) -> None:
        self._actions.action_finished.connect(lambda *_args: self.refresh())
        self._actions.action_failed.connect(lambda *_args: self.refresh())

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
        self.setWindowTitle(f"{session.candidate_name} — {session.exam_title} · Session details")
        self.header.set_session(session, self._core.clock.now())
        self.timeline_model.set_events(detail.events)
        self._timeline_title.setText(f"Timeline · {len(detail.events)} events")
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
            self.header.set_message("Session unavailable")
            self._error_text.setText(
                f"<h2>This session could not be opened</h2><p>{error}</p><p>It may have been "
                "removed. Close this window and choose the session again in the Proctor "
                "Center.</p>")
            self._body.setCurrentIndex(2)
            self.gallery_model.close()
            self._update_buttons()
        else:
            self._show_status(f"The session could not be refreshed: {error}. The facts shown "
                              "may be out of date; they refresh with the next change.", "error")
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

    def _tick(self) -> None:
        self.header.tick(self._core.clock.now())

    # ---- gallery and preview ---------------------------------------------------------------
    def _on_page_loaded(self, _added: int) -> None:
        if self.current_row() < 0 and self.gallery_model.rowCount() > 0:
            self.select_row(0)
        elif self.gallery_model.rowCount() == 0 and self._detail is not None:
            self._show_empty_preview()

    def _on_snapshot_inserted(self, row: int) -> None:
        current = self.current_row()
        if current < 0 or (row == 0 and current == 1 and self._follows_newest):
            self.select_row(0)  # a proctor watching the newest keeps watching the newest
        self._update_gallery_title()

    def _on_gallery_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self._follows_newest = current.row() == 0
        self._show_preview(self.gallery_model.snapshot(current.row()))

    def _show_preview(self, snapshot: SnapshotDTO) -> None:
        session = self.session
        interval = session.snapshot_interval_seconds if session else 30
        total = max(session.snapshot_count if session else 0, self.gallery_model.rowCount())
        row = self.gallery_model.row_of(snapshot.snapshot_id)
        if row >= 0:
            snapshot = self.gallery_model.snapshot(row)
        position = f"{row + 1:,} of {total:,}, newest first" if row >= 0 else ""
        self.preview.show_snapshot(snapshot, self._events_near(snapshot, interval), interval,
                                   position)

    def _events_near(self, snapshot: SnapshotDTO, seconds: int) -> list[EventDTO]:
        if self._detail is None:
            return []
        window = timedelta(seconds=seconds)
        captured_at = snapshot.captured_at
        return [e for e in self._detail.events if abs(e.occurred_at - captured_at) <= window]

    def _show_empty_preview(self) -> None:
        session = self.session
        if session is None:
            return
        if any(e.type == "media_purged" for e in (self._detail.events if self._detail else ())):
            message = ("The snapshots of this session were deleted after the retention period. "
                       "The timeline below is kept.")
        elif is_live(session):
            message = ("No snapshot yet. The kiosk sends the first one within a few seconds of "
                       "the camera opening; it appears here by itself.")
        else:
            message = "This session has no snapshots."
        self.preview.set_placeholder(message)

    def _update_gallery_title(self) -> None:
        loaded = self.gallery_model.rowCount()
        total = max(self.session.snapshot_count if self.session else 0, loaded)
        more = "" if loaded >= total else f" ({loaded:,} loaded)"
        self._gallery_title.setText(f"Snapshots · {total:,}{more}")

    def _last(self) -> int:
        return self.gallery_model.rowCount() - 1

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self._gallery, self.preview):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in STEP_KEYS:
                self.step(STEP_KEYS[key])
                return True
            if key == Qt.Key.Key_Home:
                self.go_first()
                return True
            if key == Qt.Key.Key_End:
                self.go_last()
                return True
        return super().eventFilter(watched, event)

    # ---- timeline ---------------------------------------------------------------------------
    def _on_timeline_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._is_sample:
            return
        event = self.timeline_model.event_at(current.row())
        self._jump_target = event.event_id
        self.gallery_model.load_until(event.occurred_at,
                                      lambda: self._jump_to(event.event_id, event.occurred_at))

    def _jump_to(self, event_id: str, when: datetime) -> None:
        if self._is_closed or self._jump_target != event_id:
            return  # another event was chosen meanwhile
        row = self.gallery_model.nearest_row(when)
        if row >= 0:
            self.select_row(row)

    # ---- actions, review, export ------------------------------------------------------------
    def _act(self, action: str) -> None:
        session = self.session
        if session is None or not self._can_act(session):
            return
        getattr(self._actions, action)(session)

    def _can_act(self, session: SessionDTO) -> bool:
        return is_live(session) and not session.is_sample and self._actions.can_act(session)

    @staticmethod
    def _can_review(session: SessionDTO) -> bool:
        return not session.is_sample and not is_live(session)

    def _update_buttons(self) -> None:
        session = self.session
        can_act = session is not None and self._can_act(session)
        for name in ("flag", "warn", "terminate"):
            button = self._buttons[name]
            button.setEnabled(can_act)
            if session is not None and session.is_sample:
                button.setToolTip("Sample sessions are read-only.")
            elif session is not None and not is_live(session):
                button.setToolTip("This session has ended.")
        review = self._buttons["review"]
        review.setEnabled(session is not None and self._can_review(session))
        review.setText("Edit review…" if session is not None and session.review_outcome
                       else "Review…")
        if session is not None and is_live(session) and not session.is_sample:
            review.setToolTip("A session is reviewed after it ends.")
        elif session is not None and session.is_sample:
            review.setToolTip("Sample sessions are read-only.")
        self._buttons["export"].setEnabled(session is not None and not session.is_sample)

    def _review_done(self, session: SessionDTO) -> None:
        if self._is_closed:
            return
        if self._detail is not None:
            self._detail = SessionDetail(session, self._detail.events, self._detail.warnings)
        self.header.set_session(session, self._core.clock.now())
        self._update_buttons()
        self._show_status("The review was saved.", "ok")
        self.refresh()
        self.review_saved.emit(session.review_outcome or "")

    def _review_error(self, error: BaseException) -> None:
        if self._is_closed:
            return
        self._update_buttons()
        self._show_status(f"The review was not saved: {error}", "error")
        self.review_failed.emit(str(error))

    def _write_report(self, path: str, relay: _ExportProgress, cancel: threading.Event) -> Path:
        """Worker thread: read everything fresh, then write the PDF."""
        detail = self._core.proctoring.get_session(self._session_id)
        snapshots = self._core.proctoring.list_snapshots(self._session_id)
        return self._exporter.write(path, detail, snapshots,
                                    lambda done, total: relay.progressed.emit(done, total),
                                    cancel.is_set)

    def _export_done(self, progress: QProgressDialog, cancel: threading.Event,
                     path: str) -> None:
        self._export_cancels.discard(cancel)
        if self._is_closed:
            return  # the window (and its progress dialog) is gone; the file is complete
        progress.close()
        progress.deleteLater()
        self._update_buttons()
        self._show_status(f"Report saved to {path}", "ok")
        self.export_finished.emit(path)

    def _export_error(self, progress: QProgressDialog, cancel: threading.Event, path: str,
                      error: BaseException) -> None:
        self._export_cancels.discard(cancel)
        if self._is_closed:
            return
        progress.close()
        progress.deleteLater()
        self._update_buttons()
        if isinstance(error, ExportCancelled):
            self._show_status("Export cancelled; no file was written.", "info")
            self.export_cancelled.emit()
            return
        self._show_status(f"The report could not be saved to {path}: {error}. Choose another "
                          "folder and try again.", "error")
        self.export_failed.emit(str(error))

    def _image_saved(self, path: str) -> None:
        if self._is_closed:
            return
        self._show_status(f"Image saved to {path}", "ok")
        self.image_saved.emit(path)

    def _export_dir(self) -> str:
        saved = self._context.settings.export_dir
        if saved and Path(str(saved)).is_dir():
            return str(saved)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        return documents or str(Path.home())

    def _show_status(self, text: str, tone: str) -> None:
        self._status.setText(text)
        self._status.setProperty("tone", tone)
        self._status.style().unpolish(self._status)
        self._status.style().polish(self._status)
        self._status.show()

    # ---- closing ----------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._is_closed:
            self._is_closed = True
            for cancel in self._export_cancels:  # closing the window stops its exports
                cancel.set()
            self._clock.stop()
            self.gallery_model.close()
            self.preview.close_down()
            bridge = self._context.bridge
            bridge.session_changed.disconnect(self._on_session_changed)
            bridge.event_recorded.disconnect(self._on_event_recorded)
            bridge.snapshot_recorded.disconnect(self._on_snapshot_recorded)
            bridge.snapshot_analysed.disconnect(self._on_snapshot_analysed)
            self._context.thumbnails.thumbnail_ready.disconnect(self.gallery_model.thumbnail_ready)
            self.closed.emit(self._session_id)
        super().closeEvent(event)


def _section(title: QLabel, body: QWidget, hint: QLabel | None = None) -> QWidget:
    section = QFrame()
    section.setObjectName("section")
    layout = QVBoxLayout(section)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    row = QHBoxLayout()
    row.addWidget(title)
    row.addStretch(1)
    if hint is not None:
        row.addWidget(hint)
    layout.addLayout(row)
    layout.addWidget(body, 1)
    return section


def _centred(page: QFrame, text: QLabel, width: int = 620) -> QFrame:
    """``text`` at a readable width in the middle of ``page`` (no alignment flags: they would
    keep a word-wrapped label from getting the height its text needs)."""
    text.setFixedWidth(width)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(text)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(32, 32, 32, 32)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)
    return page


def _file_stem(session: SessionDTO) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "-", session.candidate_name).strip("-") or "session"
    return f"{name}-{session.started_at.astimezone().strftime('%Y%m%d-%H%M')}"

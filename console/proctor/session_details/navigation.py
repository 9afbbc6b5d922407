"""GalleryNavigator: which snapshot is selected in the details window.

The arrow keys step through the snapshots (loading older pages when stepping past the loaded
ones), Home and End go to the newest and the oldest, a proctor watching the newest snapshot
keeps watching the newest as new ones arrive, and choosing a timeline event selects the
snapshot taken nearest to it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListView, QWidget

from console.proctor.session_details.gallery_model import GalleryModel
from console.proctor.session_details.timeline_model import TimelineModel

STEP_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
THE_BEGINNING = datetime.min.replace(tzinfo=UTC)


class GalleryNavigator(QObject):
    selected = Signal(int)  # the row now current in the gallery

    def __init__(self, gallery: QListView, model: GalleryModel, timeline: QListView,
                 timeline_model: TimelineModel, key_widgets: tuple[QWidget, ...] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._gallery = gallery
        self._model = model
        self._timeline_model = timeline_model
        self._follows_newest = True
        self._jump_target: str | None = None
        self._is_closed = False
        self._key_widgets = (gallery, *key_widgets)
        for widget in self._key_widgets:
            widget.installEventFilter(self)
        gallery.selectionModel().currentChanged.connect(self._on_gallery_current)
        timeline.selectionModel().currentChanged.connect(self._on_timeline_current)
        model.page_loaded.connect(self._on_page_loaded)
        model.snapshot_inserted.connect(self._on_snapshot_inserted)

    # ---- reading and moving the selection --------------------------------------------------
    def current_row(self) -> int:
        index = self._gallery.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if not 0 <= row < self._model.rowCount():
            return
        index = self._model.index(row)
        self._gallery.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self._gallery.scrollTo(index)

    def step(self, delta: int) -> None:
        """Select the next (+1, older) or previous (-1, newer) snapshot."""
        rows = self._model.rowCount()
        if rows == 0:
            return
        row = self.current_row()
        target = 0 if row < 0 else row + delta
        if target >= rows:
            if not self._model.is_exhausted:
                oldest = self._model.snapshot(rows - 1).captured_at
                self._model.load_until(oldest - timedelta(microseconds=1),
                                       lambda: self.select_row(min(target, self._last())))
            return
        self.select_row(max(0, target))

    def go_first(self) -> None:
        self.select_row(0)

    def go_last(self) -> None:
        """Select the oldest snapshot of the session (loading the remaining pages first)."""
        self._model.load_until(THE_BEGINNING, lambda: self.select_row(self._last()))

    def close(self) -> None:
        """The window is closing: loads and jumps still in flight change nothing."""
        self._is_closed = True

    # ---- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in self._key_widgets:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in STEP_KEYS:
                self.step(STEP_KEYS[Qt.Key(key)])
                return True
            if key == Qt.Key.Key_Home:
                self.go_first()
                return True
            if key == Qt.Key.Key_End:
                self.go_last()
                return True
        return super().eventFilter(watched, event)

    # ---- what the model and the views report -----------------------------------------------
    def _on_page_loaded(self, _added: int) -> None:
        if self.current_row() < 0 and self._model.rowCount() > 0:
            self.select_row(0)

    def _on_snapshot_inserted(self, row: int) -> None:
        current = self.current_row()
        if current < 0 or (row == 0 and current == 1 and self._follows_newest):
            self.select_row(0)  # a proctor watching the newest keeps watching the newest

    def _on_gallery_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self._follows_newest = current.row() == 0
        self.selected.emit(current.row())

    def _on_timeline_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self._is_closed:
            return
        event = self._timeline_model.event_at(current.row())
        self._jump_target = event.event_id
        self._model.load_until(event.occurred_at,
                               lambda: self._jump_to(event.event_id, event.occurred_at))

    def _jump_to(self, event_id: str, when: datetime) -> None:
        if self._is_closed or self._jump_target != event_id:
            return  # another event was chosen meanwhile
        row = self._model.nearest_row(when)
        if row >= 0:
            self.select_row(row)

    def _last(self) -> int:
        return self._model.rowCount() - 1

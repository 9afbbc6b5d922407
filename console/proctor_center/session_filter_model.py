"""SessionFilterModel: sorts the grid (attention, name, start time) and filters it by text and
by exam. Sorting and filtering run in Qt's C++ proxy on integer and string roles; only the
row filter itself is Python, and it re-runs only when the filter or a session row changes."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from console.proctor_center.session_list_model import (
    ATTENTION_ROLE,
    NAME_KEY_ROLE,
    SEARCH_TEXT_ROLE,
    STARTED_AT_ROLE,
    SessionListModel,
    search_text,
)
from core.services.dto import SessionDTO


class SortKey(StrEnum):
    ATTENTION = "attention"
    NAME = "name"
    START_TIME = "start_time"


SORT_LABELS = {
    SortKey.ATTENTION: "Needs attention first",
    SortKey.NAME: "Name (A to Z)",
    SortKey.START_TIME: "Newest start first",
}

_SORTING = {
    SortKey.ATTENTION: (ATTENTION_ROLE, Qt.SortOrder.DescendingOrder),
    SortKey.NAME: (NAME_KEY_ROLE, Qt.SortOrder.AscendingOrder),
    SortKey.START_TIME: (STARTED_AT_ROLE, Qt.SortOrder.DescendingOrder),
}


class SessionFilterModel(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions: SessionListModel | None = None
        self._words: tuple[str, ...] = ()
        self._exam_id: str | None = None
        self._sort_key = SortKey.ATTENTION
        self.setDynamicSortFilter(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # Only a change of this role (or of a whole row) re-runs the filter; clock ticks don't.
        self.setFilterRole(SEARCH_TEXT_ROLE)
        self.set_sort_key(SortKey.ATTENTION)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if not isinstance(model, SessionListModel):
            raise TypeError("SessionFilterModel filters a SessionListModel")
        self._sessions = model
        super().setSourceModel(model)
        self._sort()

    # ---- settings ----------------------------------------------------------------------------
    @property
    def sort_key(self) -> SortKey:
        return self._sort_key

    @property
    def search_text(self) -> str:
        return " ".join(self._words)

    @property
    def exam_id(self) -> str | None:
        return self._exam_id

    def set_sort_key(self, key: SortKey | str) -> None:
        self._sort_key = SortKey(key)
        role, _order = _SORTING[self._sort_key]
        self.setSortRole(role)
        self._sort()

    def set_search_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_exam_id(self, exam_id: str | None) -> None:
        exam_id = exam_id or None
        if exam_id == self._exam_id:
            return
        self.beginFilterChange()
        self._exam_id = exam_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    # ---- what the window asks ----------------------------------------------------------------
    def session_at(self, row: int) -> SessionDTO | None:
        if self._sessions is None or not 0 <= row < self.rowCount():
            return None
        return self._sessions.session_at(self.mapToSource(self.index(row, 0)).row())

    def row_of(self, session_id: str) -> int | None:
        if self._sessions is None:
            return None
        source_row = self._sessions.row_of(session_id)
        if source_row is None:
            return None
        index = self.mapFromSource(self._sessions.index(source_row))
        return index.row() if index.isValid() else None

    @property
    def is_filtering(self) -> bool:
        return bool(self._words or self._exam_id)

    # ---- QSortFilterProxyModel ---------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._sessions is None or source_parent.isValid():
            return False
        session = self._sessions.session_at(source_row)
        if self._exam_id is not None and session.exam_id != self._exam_id:
            return False
        if self._words:
            haystack = search_text(session)
            return all(word in haystack for word in self._words)
        return True

    def _sort(self) -> None:
        _role, order = _SORTING[self._sort_key]
        self.sort(0, order)

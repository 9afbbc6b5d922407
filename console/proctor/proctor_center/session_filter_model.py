"""SessionFilterModel: what the grid shows — sorted by attention, name or start time, filtered
by text (name, candidate ref, exam, seat), by exam, and by what a header counter counts (flagged,
high risk, kiosks offline, terminated).

The sort is asked of the source model, which keeps its rows in order with Python's sort on
precomputed keys; this proxy keeps that order (it never sorts itself: QSortFilterProxyModel
would call back into Python for every comparison, 50-230 ms per re-sort of 1,000 rows here).
The row filter is Python, so it re-runs only when it can change its answer: when the filter
changes, rows are added, the order changes, or a row's searchable text (name, ref, exam,
seat) changes while a filter is set. Clock ticks and risk or snapshot changes never re-run it (Qt's
dynamic filtering would call it for every changed row).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
)

from console.proctor.proctor_center.session_list_model import (
    SEARCH_TEXT_ROLE,
    THUMBNAIL_ROLES,
    TIME_ROLES,
    SessionListModel,
)
from console.proctor.proctor_center.session_rules import kiosk_words, search_text
from console.proctor.proctor_center.sort_labels import SORT_LABELS
from console.proctor.settings_values import SortKey
from core.domain.enums import RiskLevel, SessionStatus
from core.domain.records import SessionDTO

__all__ = ["SORT_LABELS", "CountFilter", "SessionFilterModel", "SortKey"]

#: Changes that never move a session in or out of a counter's set.
_QUIET_ROLES = frozenset(TIME_ROLES) | frozenset(THUMBNAIL_ROLES)


def _compact(word: str) -> str:
    compact = "".join(c for c in word if c.isalnum())
    return compact if compact != word and len(compact) >= 2 else ""


class CountFilter(StrEnum):
    """What a header counter counts; the grid can be narrowed to it."""

    ALL = "all"
    FLAGGED = "flagged"
    HIGH_RISK = "high_risk"
    OFFLINE = "offline"
    TERMINATED = "terminated"


class SessionFilterModel(QSortFilterProxyModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sessions: SessionListModel | None = None
        self._words: tuple[str, ...] = ()
        #: Each word without its punctuation ("b-14" -> "b14", so it finds the seat "B14"); ""
        #: when that leaves the word as it was or under two characters (too common to match).
        self._compact_words: tuple[str, ...] = ()
        self._exam_id: str | None = None
        self._room: str | None = None
        self._count_filter = CountFilter.ALL
        self.setDynamicSortFilter(False)  # see _source_data_changed
        self.setFilterRole(SEARCH_TEXT_ROLE)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        if not isinstance(model, SessionListModel):
            raise TypeError("SessionFilterModel filters a SessionListModel")
        if self._sessions is not None:
            self._sessions.dataChanged.disconnect(self._source_data_changed)
        self._sessions = model
        super().setSourceModel(model)
        model.dataChanged.connect(self._source_data_changed)

    # ---- settings ----------------------------------------------------------------------------
    @property
    def sort_key(self) -> SortKey:
        return self._sessions.sort_key if self._sessions is not None else SortKey.ATTENTION

    @property
    def search_text(self) -> str:
        return " ".join(self._words)

    @property
    def exam_id(self) -> str | None:
        return self._exam_id

    def set_sort_key(self, key: SortKey | str) -> None:
        if self._sessions is None:
            raise RuntimeError("set the source model first")
        self._sessions.set_sort_key(key)

    def set_search_text(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self._compact_words = tuple(_compact(w) for w in words)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def room(self) -> str | None:
        return self._room

    def set_room(self, room: str | None) -> None:
        """Only the sessions of this exam room (None: every room)."""
        room = room or None
        if room == self._room:
            return
        self.beginFilterChange()
        self._room = room
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_exam_id(self, exam_id: str | None) -> None:
        exam_id = exam_id or None
        if exam_id == self._exam_id:
            return
        self.beginFilterChange()
        self._exam_id = exam_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @property
    def count_filter(self) -> CountFilter:
        return self._count_filter

    def set_count_filter(self, kind: CountFilter) -> None:
        kind = CountFilter(kind)
        if kind is self._count_filter:
            return
        self.beginFilterChange()
        self._count_filter = kind
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
        return bool(self._words or self._exam_id or self._room
                    or self._count_filter is not CountFilter.ALL)

    def _source_data_changed(self, _top: QModelIndex, _bottom: QModelIndex,
                             roles: list[int]) -> None:
        if not self.is_filtering:
            return
        text_may_differ = not roles or SEARCH_TEXT_ROLE in roles
        count_may_differ = (self._count_filter is not CountFilter.ALL
                            and not _QUIET_ROLES.issuperset(roles))
        if ((self._words or self._exam_id or self._room) and text_may_differ) or count_may_differ:
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    # ---- QSortFilterProxyModel ---------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int,
                         source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        if self._sessions is None or source_parent.isValid():
            return False
        if not self.is_filtering:
            return True
        session = self._sessions.session_at(source_row)
        if self._exam_id is not None and session.exam_id != self._exam_id:
            return False
        if self._room is not None and session.room != self._room:
            return False
        if not self._counts(session):
            return False
        if self._words:
            haystack = search_text(session)
            return all(word in haystack or (compact and compact in haystack)
                       for word, compact in zip(self._words, self._compact_words, strict=True))
        return True

    def _counts(self, session: SessionDTO) -> bool:
        """Whether the chosen header counter counts ``session``."""
        kind = self._count_filter
        if kind is CountFilter.ALL:
            return True
        if session.is_sample:
            return False
        if kind is CountFilter.FLAGGED:
            return session.is_flagged
        if kind is CountFilter.HIGH_RISK:
            return session.risk_level == RiskLevel.HIGH
        if kind is CountFilter.TERMINATED:
            return session.status == SessionStatus.CANCELLED
        assert self._sessions is not None
        return bool(kiosk_words(session, self._sessions.now()))

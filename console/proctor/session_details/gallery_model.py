"""GalleryModel: every snapshot of one session, newest first, loaded a page at a time.

Pages are read in the TaskRunner (``canFetchMore``/``fetchMore`` drive them, so a session with
thousands of snapshots opens with only its first page); a snapshot recorded while the window is
open is read and inserted at its place (the front, for a live session); an analysed snapshot
updates its row. Thumbnails are not decoded here: the delegate asks the ThumbnailCache for the
visible rows only, and the model reports ``thumbnail_ready`` for its own rows as ``dataChanged``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from console.i18n import local_digits, translate
from console.proctor.center import Center
from console.proctor.formatting import clock_time, date_time
from console.tasks import TaskRunner
from core.domain.records import SnapshotDTO

SnapshotRole = Qt.ItemDataRole.UserRole + 1  #: the SnapshotDTO
SnapshotIdRole = Qt.ItemDataRole.UserRole + 2  #: str
CapturedAtRole = Qt.ItemDataRole.UserRole + 3  #: aware datetime
BadgesRole = Qt.ItemDataRole.UserRole + 4  #: tuple of short words ("No face", "Too dark")
ThumbnailRole = Qt.ItemDataRole.UserRole + 5  #: changes when the thumbnail is ready (no value)

PAGE_SIZE = 60
ITEM_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemNeverHasChildren)

#: Analysis cues (comma-separated in SnapshotDTO.analysis, see core/domain/episodes.py) in words.
CUE_WORDS = {
    "camera_blocked": QT_TRANSLATE_NOOP("GalleryModel", "Blocked"),
    "frozen": QT_TRANSLATE_NOOP("GalleryModel", "Frozen"),
    "too_dark": QT_TRANSLATE_NOOP("GalleryModel", "Too dark"),
    "looking_away": QT_TRANSLATE_NOOP("GalleryModel", "Looking away"),
}
#: The badges analysis_badges writes itself, for their translation.
OWN_BADGES = (QT_TRANSLATE_NOOP("GalleryModel", "No face"),
              QT_TRANSLATE_NOOP("GalleryModel", "Several faces"))
#: Cues that explain a zero face count by themselves ("No face" would only repeat them).
COVERING_CUES = frozenset({"camera_blocked", "too_dark"})
FACE_CUES = frozenset({"no_face", "multiple_faces"})

Index = QModelIndex | QPersistentModelIndex


def analysis_badges(snapshot: SnapshotDTO) -> tuple[str, ...]:
    """The analysis result of one snapshot as short badge words, e.g. ``("No face",)``,
    ``("2 faces",)``, ``("Too dark",)``; empty when nothing was found or not analysed yet."""
    cues = [c.strip() for c in (snapshot.analysis or "").split(",") if c.strip()]
    words: list[str] = []
    faces = snapshot.face_count
    if faces is None and "no_face" in cues:
        faces = 0
    if faces == 0 and not COVERING_CUES.intersection(cues):
        words.append("No face")
    elif faces is not None and faces >= 2:
        words.append(f"{faces} faces")
    elif faces is None and "multiple_faces" in cues:
        words.append("Several faces")
    for cue in cues:
        if cue in FACE_CUES:
            continue
        word = CUE_WORDS.get(cue, cue.replace("_", " ").capitalize())
        if word not in words:
            words.append(word)
    return tuple(words)


def badge_words(snapshot: SnapshotDTO) -> tuple[str, ...]:
    """``analysis_badges`` in the console's language (the English words stay the badges'
    names: the report translates them in its own words)."""
    words = []
    for badge in analysis_badges(snapshot):
        count, _space, rest = badge.partition(" ")
        if count.isdigit() and rest == "faces":
            words.append(translate("GalleryModel", "{count} faces").format(
                count=local_digits(count)))
        elif badge in CUE_WORDS.values() or badge in OWN_BADGES:
            words.append(translate("GalleryModel", badge))
        else:
            words.append(badge)
    return tuple(words)


class GalleryModel(QAbstractListModel):
    page_loaded = Signal(int)  # rows added by the page
    load_failed = Signal(str)  # a sentence for the user
    snapshot_inserted = Signal(int)  # row of a live snapshot inserted while the window is open

    def __init__(self, tasks: TaskRunner, session_id: str, center: Center,
                 page_size: int = PAGE_SIZE, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._session_id = session_id
        self._proctoring = center
        self._snapshots = center
        self._page_size = page_size
        self._rows: list[SnapshotDTO] = []
        self._ids: list[str] = []  # parallel to _rows, for a C-speed index()
        self._known: set[str] = set()
        self._is_fetching = False
        self._is_exhausted = False
        self._is_closed = False
        self._waiting: list[tuple[datetime, Callable[[], None]]] = []
        self._early_live: list[SnapshotDTO] = []  # arrived while a page was being read

    # ---- Qt model API ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        snapshot = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return clock_time(snapshot.captured_at)
        if role == Qt.ItemDataRole.ToolTipRole:
            badges = badge_words(snapshot)
            extra = f"\n{translate('GalleryModel', ', ').join(badges)}" if badges else ""
            return translate("GalleryModel", "Captured {time}").format(
                time=date_time(snapshot.captured_at)) + extra
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return translate("GalleryModel", "Snapshot captured at {time}").format(
                time=clock_time(snapshot.captured_at))
        if role == SnapshotRole:
            return snapshot
        if role == SnapshotIdRole:
            return snapshot.snapshot_id
        if role == CapturedAtRole:
            return snapshot.captured_at
        if role == BadgesRole:
            return badge_words(snapshot)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ITEM_FLAGS

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._is_exhausted and not self._is_fetching \
            and not self._is_closed

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent):
            self._fetch_page(self._page_size)

    # ---- queries ---------------------------------------------------------------------------
    @property
    def is_exhausted(self) -> bool:
        """True once every stored snapshot of the session is in the model."""
        return self._is_exhausted

    @property
    def is_fetching(self) -> bool:
        return self._is_fetching

    def snapshot(self, row: int) -> SnapshotDTO:
        return self._rows[row]

    def snapshots(self) -> list[SnapshotDTO]:
        return list(self._rows)

    def row_of(self, snapshot_id: str) -> int:
        """The row of a snapshot, or -1 when it is not (yet) in the model."""
        if snapshot_id not in self._known:
            return -1
        return self._ids.index(snapshot_id)

    def nearest_row(self, when: datetime) -> int:
        """The row whose capture time is nearest to ``when`` among the loaded rows (-1: none)."""
        if not self._rows:
            return -1
        # Rows run newest first; search the reversed (ascending) order.
        ascending = [-s.captured_at.timestamp() for s in self._rows]
        position = bisect.bisect_left(ascending, -when.timestamp())
        candidates = [r for r in (position - 1, position) if 0 <= r < len(self._rows)]
        return min(candidates, key=lambda r: abs(self._rows[r].captured_at - when))

    # ---- loading ---------------------------------------------------------------------------
    def close(self) -> None:
        """Stop loading: results that arrive after the window closed are dropped."""
        self._is_closed = True
        self._waiting.clear()
        self._early_live.clear()

    def load_until(self, when: datetime, on_loaded: Callable[[], None]) -> None:
        """Load pages until the snapshot nearest to ``when`` is in the model, then call
        ``on_loaded`` (at once when it already is)."""
        if self._covers(when):
            on_loaded()
            return
        self._waiting.append((when, on_loaded))
        if not self._is_fetching:
            self._fetch_page(self._page_size * 5, until=when)

    def add_snapshot(self, snapshot_id: str) -> None:
        """A snapshot of this session was recorded: read it and insert it at its place."""
        if snapshot_id in self._known or self._is_closed:
            return
        self._tasks.submit(self._snapshots.get_snapshot, snapshot_id,
                           on_done=self._insert_live, on_error=lambda _exc: None)

    def refresh_snapshot(self, snapshot_id: str) -> None:
        """A snapshot's analysis arrived: re-read it and update its row."""
        if snapshot_id not in self._known or self._is_closed:
            return
        self._tasks.submit(self._snapshots.get_snapshot, snapshot_id,
                           on_done=self._replace, on_error=lambda _exc: None)

    def thumbnail_ready(self, snapshot_id: str) -> None:
        row = self.row_of(snapshot_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index, [ThumbnailRole])

    def _covers(self, when: datetime) -> bool:
        if self._is_exhausted:
            return True
        return bool(self._rows) and self._rows[-1].captured_at <= when

    def _fetch_page(self, limit: int, until: datetime | None = None) -> None:
        self._is_fetching = True
        boundary_at = self._rows[-1].captured_at if self._rows else None
        boundary_ids = frozenset(s.snapshot_id for s in self._rows
                                 if boundary_at is not None and s.captured_at == boundary_at)
        self._tasks.submit(self._read_pages, boundary_at, boundary_ids, limit, until,
                           on_done=self._append_page, on_error=self._page_failed)

    def _read_pages(self, boundary_at: datetime | None, boundary_ids: frozenset[str], limit: int,
                    until: datetime | None) -> tuple[list[SnapshotDTO], bool]:
        """Worker thread: the next page after the oldest loaded row (or, with ``until``, every
        page down to one row older than ``until``). Rows captured at the same instant as the
        oldest loaded one are read again and skipped by id, so no snapshot falls between pages."""
        fresh: list[SnapshotDTO] = []
        known = set(boundary_ids)
        while True:
            wanted = limit + len(known)
            before = None if boundary_at is None else boundary_at + timedelta(microseconds=1)
            rows = self._proctoring.list_snapshots(self._session_id, limit=wanted, before=before)
            page = [s for s in rows if s.snapshot_id not in known]
            fresh += page
            is_exhausted = len(rows) < wanted
            if is_exhausted or not page or until is None or page[-1].captured_at <= until:
                return fresh, is_exhausted
            boundary_at = page[-1].captured_at
            known = {s.snapshot_id for s in page if s.captured_at == boundary_at}

    def _append_page(self, result: tuple[list[SnapshotDTO], bool]) -> None:
        self._is_fetching = False
        if self._is_closed:
            return
        page, is_exhausted = result
        page = [s for s in page if s.snapshot_id not in self._known]
        self._is_exhausted = is_exhausted
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows += page
            self._ids += [s.snapshot_id for s in page]
            self._known.update(self._ids[first:])
            self.endInsertRows()
        self.page_loaded.emit(len(page))
        early, self._early_live = self._early_live, []
        for snapshot in early:
            self._insert_live(snapshot)
        self._resume_waiting()

    def _page_failed(self, error: BaseException) -> None:
        self._is_fetching = False
        if self._is_closed:
            return
        self._is_exhausted = True  # stop the view from asking again in a loop
        self._waiting.clear()
        self.load_failed.emit(translate("GalleryModel",
                                        "The snapshots could not be loaded: {error}").format(
            error=error))

    def _resume_waiting(self) -> None:
        ready = [(w, cb) for w, cb in self._waiting if self._covers(w)]
        self._waiting = [(w, cb) for w, cb in self._waiting if not self._covers(w)]
        for _when, callback in ready:
            callback()
        if self._waiting and not self._is_fetching:
            self._fetch_page(self._page_size * 5, until=min(w for w, _cb in self._waiting))

    def _insert_live(self, snapshot: SnapshotDTO) -> None:
        if self._is_closed or snapshot.snapshot_id in self._known:
            return
        row = self._position_for(snapshot)
        if row < 0:
            if self._is_fetching:  # the page being read may predate it: try again after
                self._early_live.append(snapshot)
            return  # older than every loaded row: the next page brings it in order
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, snapshot)
        self._ids.insert(row, snapshot.snapshot_id)
        self._known.add(snapshot.snapshot_id)
        self.endInsertRows()
        self.snapshot_inserted.emit(row)

    def _position_for(self, snapshot: SnapshotDTO) -> int:
        key = (snapshot.captured_at, snapshot.snapshot_id)
        for row, existing in enumerate(self._rows):
            if key > (existing.captured_at, existing.snapshot_id):
                return row
        if self._is_exhausted or (not self._rows and not self._is_fetching):
            return len(self._rows)
        return -1

    def _replace(self, snapshot: SnapshotDTO) -> None:
        row = self.row_of(snapshot.snapshot_id)
        if row < 0 or self._is_closed:
            return
        self._rows[row] = snapshot
        index = self.index(row)
        self.dataChanged.emit(index, index, [BadgesRole, SnapshotRole, Qt.ItemDataRole.ToolTipRole])

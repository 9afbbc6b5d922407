"""SessionListModel: the sessions of one view (active or ended), one row per proctor session.

The model learns about changes from the core's events (through the bridge) and touches only
the rows that changed: events are coalesced for a few milliseconds, the changed sessions are
read with ``get_session_summary`` in the task runner (one request at a time, so results apply
in order), and each row is updated, inserted or removed. A one-second timer only moves clocks
and staleness forward; it never reads the database.

The rows are kept in the chosen order (attention, name or start time) here, with Python's sort
on precomputed keys, and a reorder is announced as one layout change that keeps persistent
indexes (selection). Sorting in QSortFilterProxyModel instead would call back into Python for
every comparison: 50-230 ms per re-sort of 1,000 rows on this machine, against about 1 ms here.
The filter proxy (SessionFilterModel) keeps this order and only filters.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPixmap

from console.avatar import initials
from console.context import ConsoleContext
from console.formatting import REVIEW_WORDS, camera_is_off, clock_time, duration, status_words
from core.domain.enums import RiskLevel, SessionFilter, SessionStatus
from core.domain.errors import SessionNotFound
from core.domain.lifecycle import remaining_seconds
from core.services.dto import SessionDTO

log = logging.getLogger(__name__)

_USER = int(Qt.ItemDataRole.UserRole)
#: The whole SessionDTO.
SESSION_ROLE = _USER + 1
SESSION_ID_ROLE = _USER + 2
CANDIDATE_NAME_ROLE = _USER + 3
CANDIDATE_REF_ROLE = _USER + 4
EXAM_ID_ROLE = _USER + 5
EXAM_TITLE_ROLE = _USER + 6
STATUS_ROLE = _USER + 7
IS_SAMPLE_ROLE = _USER + 8
IS_FLAGGED_ROLE = _USER + 9
RISK_SCORE_ROLE = _USER + 10
RISK_LEVEL_ROLE = _USER + 11
SNAPSHOT_COUNT_ROLE = _USER + 12
LAST_SNAPSHOT_AT_ROLE = _USER + 13
FACE_COUNT_ROLE = _USER + 14
REVIEW_OUTCOME_ROLE = _USER + 15
#: Seconds since the epoch, for sorting by start time.
STARTED_AT_ROLE = _USER + 16
#: Seconds until the deadline (active sessions), else None. Time-dependent.
REMAINING_SECONDS_ROLE = _USER + 17
#: Seconds since the last snapshot (or since the start when there is none). Time-dependent.
SECONDS_SINCE_SNAPSHOT_ROLE = _USER + 18
#: True when an active session has had no snapshot for more than two intervals.
IS_STALE_ROLE = _USER + 19
#: One integer that sorts "needs attention" first when sorted descending.
ATTENTION_ROLE = _USER + 20
#: The cached thumbnail QPixmap of the latest snapshot, or None (loading, failed or none).
THUMBNAIL_ROLE = _USER + 21
INITIALS_ROLE = _USER + 22
#: Lower-case "name ref exam" for text filtering.
SEARCH_TEXT_ROLE = _USER + 23
#: Lower-case name, for sorting by name.
NAME_KEY_ROLE = _USER + 24
#: A SessionCard: everything the card delegate paints, in one call.
CARD_ROLE = _USER + 25

ROLE_NAMES = {
    SESSION_ROLE: b"session",
    SESSION_ID_ROLE: b"sessionId",
    CANDIDATE_NAME_ROLE: b"candidateName",
    CANDIDATE_REF_ROLE: b"candidateRef",
    EXAM_ID_ROLE: b"examId",
    EXAM_TITLE_ROLE: b"examTitle",
    STATUS_ROLE: b"status",
    IS_SAMPLE_ROLE: b"isSample",
    IS_FLAGGED_ROLE: b"isFlagged",
    RISK_SCORE_ROLE: b"riskScore",
    RISK_LEVEL_ROLE: b"riskLevel",
    SNAPSHOT_COUNT_ROLE: b"snapshotCount",
    LAST_SNAPSHOT_AT_ROLE: b"lastSnapshotAt",
    FACE_COUNT_ROLE: b"faceCount",
    REVIEW_OUTCOME_ROLE: b"reviewOutcome",
    STARTED_AT_ROLE: b"startedAt",
    REMAINING_SECONDS_ROLE: b"remainingSeconds",
    SECONDS_SINCE_SNAPSHOT_ROLE: b"secondsSinceSnapshot",
    IS_STALE_ROLE: b"isStale",
    ATTENTION_ROLE: b"attention",
    THUMBNAIL_ROLE: b"thumbnail",
    INITIALS_ROLE: b"initials",
    SEARCH_TEXT_ROLE: b"searchText",
    NAME_KEY_ROLE: b"nameKey",
    CARD_ROLE: b"card",
}

#: Roles whose values move with the clock; the tick announces these (and nothing is re-read).
TIME_ROLES = [
    CARD_ROLE,
    REMAINING_SECONDS_ROLE,
    SECONDS_SINCE_SNAPSHOT_ROLE,
    int(Qt.ItemDataRole.ToolTipRole),
]
THUMBNAIL_ROLES = [THUMBNAIL_ROLE, CARD_ROLE, int(Qt.ItemDataRole.DecorationRole)]
#: Every role a session row has except the searchable text: a change that leaves the name,
#: candidate ref and exam alone is announced with these, so the filter does not re-run.
ROW_ROLES = [
    int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
    int(Qt.ItemDataRole.DecorationRole),
    *(role for role in ROLE_NAMES if role != SEARCH_TEXT_ROLE),
]

#: How long a burst of events for the same sessions is gathered before one fetch.
COALESCE_MS = 15
TICK_MS = 1000
DEFAULT_THUMBNAIL_SIZE = QSize(128, 96)


class SessionView(StrEnum):
    ACTIVE = "active"
    ENDED = "ended"


class SortKey(StrEnum):
    ATTENTION = "attention"
    NAME = "name"
    START_TIME = "start_time"


SORT_LABELS = {
    SortKey.ATTENTION: "Needs attention first",
    SortKey.NAME: "Name (A to Z)",
    SortKey.START_TIME: "Newest start first",
}


@dataclass(frozen=True, slots=True)
class SessionCard:
    """What one card shows at this moment."""

    session: SessionDTO
    remaining_seconds: int | None
    seconds_since_snapshot: int | None
    is_stale: bool
    thumbnail: QPixmap | None
    now: datetime


@dataclass(frozen=True)
class SessionCounts:
    total: int = 0
    flagged: int = 0
    high_risk: int = 0
    stale: int = 0
    samples: int = 0
    completed: int = 0
    cancelled: int = 0


def seconds_since_snapshot(session: SessionDTO, now: datetime) -> int:
    since = session.last_snapshot_at or session.started_at
    return max(0, int((now - since).total_seconds()))


def is_stale(session: SessionDTO, now: datetime) -> bool:
    """An active real session with no snapshot for more than two snapshot intervals."""
    if session.is_sample or session.status != SessionStatus.ACTIVE:
        return False
    return seconds_since_snapshot(session, now) > 2 * max(1, session.snapshot_interval_seconds)


def time_left(session: SessionDTO, now: datetime) -> int | None:
    """Seconds left on a live session's clock (the domain's rule, rounded up), else None."""
    if session.status != SessionStatus.ACTIVE:
        return None
    return remaining_seconds(session.attempt_status, session.deadline_at, now)


def attention_key(session: SessionDTO, now: datetime) -> int:
    """Flagged first, then higher risk, then stale (longest without a snapshot first)."""
    stale = is_stale(session, now)
    waited = min(seconds_since_snapshot(session, now), 2**31 - 1) if stale else 0
    flagged = int(session.is_flagged) << 40
    return flagged | (session.risk_score << 32) | (int(stale) << 31) | waited


#: The plain roles: each reads the session (and, for clocks, the model's "now").
_ROLE_GETTERS: dict[int, Callable[[SessionDTO, datetime], Any]] = {
    CANDIDATE_REF_ROLE: lambda s, _now: s.candidate_ref,
    EXAM_ID_ROLE: lambda s, _now: s.exam_id,
    EXAM_TITLE_ROLE: lambda s, _now: s.exam_title,
    STATUS_ROLE: lambda s, _now: str(s.status),
    IS_SAMPLE_ROLE: lambda s, _now: s.is_sample,
    IS_FLAGGED_ROLE: lambda s, _now: s.is_flagged,
    RISK_SCORE_ROLE: lambda s, _now: s.risk_score,
    RISK_LEVEL_ROLE: lambda s, _now: str(s.risk_level),
    SNAPSHOT_COUNT_ROLE: lambda s, _now: s.snapshot_count,
    LAST_SNAPSHOT_AT_ROLE: lambda s, _now: s.last_snapshot_at,
    FACE_COUNT_ROLE: lambda s, _now: s.latest_face_count,
    REVIEW_OUTCOME_ROLE: lambda s, _now: s.review_outcome,
    REMAINING_SECONDS_ROLE: time_left,
    SECONDS_SINCE_SNAPSHOT_ROLE: seconds_since_snapshot,
    IS_STALE_ROLE: is_stale,
    INITIALS_ROLE: lambda s, _now: initials(s.candidate_name),
}


def order_key(key: SortKey, now: datetime) -> Callable[[SessionDTO], tuple]:
    """The sort key of a session for ``key`` (ties: newest start first, then id)."""
    if key is SortKey.NAME:
        return lambda s: (s.candidate_name.casefold(), -s.started_at.timestamp(), s.session_id)
    if key is SortKey.START_TIME:
        return lambda s: (-s.started_at.timestamp(), s.session_id)
    return lambda s: (-attention_key(s, now), -s.started_at.timestamp(), s.session_id)


class SessionListModel(QAbstractListModel):
    #: Rows were added, removed or changed (not emitted for clock ticks).
    sessions_changed = Signal()
    #: A full load (start, view switch, samples switch) was applied.
    loaded = Signal()
    #: The clock moved: time-dependent roles were announced.
    clock_ticked = Signal()
    #: Reading sessions failed; the message says what happened.
    load_failed = Signal(str)

    def __init__(self, context: ConsoleContext, parent: QObject | None = None,
                 *, view: SessionView = SessionView.ACTIVE, show_samples: bool = True,
                 live: bool = True) -> None:
        super().__init__(parent)
        self._context = context
        self._clock = context.core.clock
        self._proctoring = context.core.proctoring
        self._thumbnails = context.thumbnails
        self._view = view
        self._show_samples = show_samples
        self._sort_key = SortKey.ATTENTION
        self._rows: list[SessionDTO] = []
        self._row_of: dict[str, int] = {}
        self._snapshot_owner: dict[str, str] = {}
        self._stale_ids: frozenset[str] = frozenset()
        #: Cards built since the last tick (a paint asks for each visible card's data).
        self._cards: dict[str, SessionCard] = {}
        self._now = self._clock.now()
        self._thumbnail_size = QSize(DEFAULT_THUMBNAIL_SIZE)
        self._pending_ids: set[str] = set()
        self._reload_wanted = False
        self._is_busy = False
        self._is_closed = False
        self._generation = 0
        #: How many single sessions were read for live updates (bursts coalesce into one).
        self.fetched_session_count = 0

        self._coalesce_timer = QTimer(self)
        self._coalesce_timer.setSingleShot(True)
        self._coalesce_timer.setInterval(COALESCE_MS)
        self._coalesce_timer.timeout.connect(self._pump)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(TICK_MS)
        self._clock_timer.timeout.connect(self.tick)

        self._thumbnails.thumbnail_ready.connect(self._on_thumbnail_ready)
        if live:
            context.bridge.session_changed.connect(self._on_session_changed)
            self._clock_timer.start()
            self.reload()

    # ---- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    # flags(): QAbstractListModel's own (enabled, selectable, never has children) is exactly
    # right, and staying in C++ saves a Python call per painted card.

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        names.update({role: QByteArray(name) for role, name in ROLE_NAMES.items()})
        return names

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._rows):
            return None
        session = self._rows[index.row()]
        role = int(role)
        if role == CARD_ROLE:
            card = self._cards.get(session.session_id)
            if card is None or card.session is not session:
                card = SessionCard(
                    session,
                    time_left(session, self._now),
                    seconds_since_snapshot(session, self._now),
                    is_stale(session, self._now),
                    self._thumbnail(session),
                    self._now,
                )
                self._cards[session.session_id] = card
            return card
        if role in (Qt.ItemDataRole.DisplayRole, CANDIDATE_NAME_ROLE):
            return session.candidate_name
        if role == SESSION_ROLE:
            return session
        if role == SESSION_ID_ROLE:
            return session.session_id
        if role == ATTENTION_ROLE:
            return attention_key(session, self._now)
        if role == SEARCH_TEXT_ROLE:
            return search_text(session)
        if role == NAME_KEY_ROLE:
            return session.candidate_name.casefold()
        if role == STARTED_AT_ROLE:
            return session.started_at.timestamp()
        if role in (THUMBNAIL_ROLE, Qt.ItemDataRole.DecorationRole):
            return self._thumbnail(session)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(session)
        getter = _ROLE_GETTERS.get(role)
        return getter(session, self._now) if getter is not None else None

    # ---- what the window asks -------------------------------------------------------------
    @property
    def view(self) -> SessionView:
        return self._view

    @property
    def show_samples(self) -> bool:
        return self._show_samples

    @property
    def sort_key(self) -> SortKey:
        return self._sort_key

    @property
    def is_showing_samples(self) -> bool:
        return any(s.is_sample for s in self._rows)

    @property
    def is_loading(self) -> bool:
        return self._is_busy or self._reload_wanted

    def session_at(self, row: int) -> SessionDTO:
        return self._rows[row]

    def session(self, session_id: str) -> SessionDTO | None:
        row = self._row_of.get(session_id)
        return None if row is None else self._rows[row]

    def row_of(self, session_id: str) -> int | None:
        return self._row_of.get(session_id)

    def sessions(self) -> list[SessionDTO]:
        return list(self._rows)

    def now(self) -> datetime:
        return self._now

    def counts(self) -> SessionCounts:
        real = [s for s in self._rows if not s.is_sample]
        return SessionCounts(
            total=len(real),
            flagged=sum(s.is_flagged for s in real),
            high_risk=sum(s.risk_level == RiskLevel.HIGH for s in real),
            stale=sum(is_stale(s, self._now) for s in real),
            samples=len(self._rows) - len(real),
            completed=sum(s.status == SessionStatus.COMPLETED for s in real),
            cancelled=sum(s.status == SessionStatus.CANCELLED for s in real),
        )

    @property
    def thumbnail_size(self) -> QSize:
        return QSize(self._thumbnail_size)

    def set_thumbnail_size(self, size: QSize) -> None:
        """The thumbnail size in device pixels (the card's logical size times the DPR)."""
        if size == self._thumbnail_size:
            return
        self._thumbnail_size = QSize(size)
        self._cards.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), THUMBNAIL_ROLES)

    # ---- commands --------------------------------------------------------------------------
    def set_view(self, view: SessionView) -> None:
        if view == self._view:
            return
        self._view = view
        self.reload()

    def set_sort_key(self, key: SortKey | str) -> None:
        self._sort_key = SortKey(key)
        self._reorder()

    def set_show_samples(self, show: bool) -> None:
        if show == self._show_samples:
            return
        self._show_samples = show
        if self._view is SessionView.ACTIVE:
            self.reload()

    def reload(self) -> None:
        """Read the whole view again in the background and apply the difference."""
        self._generation += 1
        self._reload_wanted = True
        self._pump()

    def tick(self) -> None:
        """Move the clock: announce the time-dependent roles of every row (no database read)."""
        self._now = self._clock.now()
        self._cards.clear()
        if not self._rows or self._view is not SessionView.ACTIVE:
            return
        stale = frozenset(s.session_id for s in self._rows if is_stale(s, self._now))
        roles = list(TIME_ROLES)
        if stale != self._stale_ids:
            self._stale_ids = stale
            roles += [IS_STALE_ROLE, ATTENTION_ROLE]
        self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), roles)
        if len(roles) > len(TIME_ROLES) and self._sort_key is SortKey.ATTENTION:
            self._reorder()  # staleness moved: "needs attention" may have changed
        self.clock_ticked.emit()

    def close(self) -> None:
        """Stop listening and ticking (the window is closing)."""
        self._is_closed = True
        self._clock_timer.stop()
        self._coalesce_timer.stop()
        for signal, slot in (
            (self._context.bridge.session_changed, self._on_session_changed),
            (self._thumbnails.thumbnail_ready, self._on_thumbnail_ready),
        ):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)

    def apply_sessions(self, sessions: Sequence[SessionDTO]) -> None:
        """Make the rows equal to ``sessions``: remove, update and insert only what differs."""
        self._now = self._clock.now()
        self._cards.clear()
        wanted = {s.session_id: s for s in sessions}
        self._remove_rows([r for r, s in enumerate(self._rows) if s.session_id not in wanted])
        changed, refilter = [], []
        for row, old in enumerate(self._rows):
            new = wanted.pop(old.session_id)
            if new != old:
                self._rows[row] = new
                (refilter if _searchable_changed(old, new) else changed).append(row)
        self._reindex()
        fresh = [s for s in sessions if s.session_id in wanted]
        if fresh:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self._reindex()
            self.endInsertRows()
        self._stale_ids = frozenset(s.session_id for s in self._rows if is_stale(s, self._now))
        if not self._reorder():
            self._emit_changed(changed, ROW_ROLES)
            self._emit_changed(refilter)
        # else: the layout change makes the views and the proxy read every row again, as
        # Qt's own sorting proxy does for the rows it re-sorts (one repaint, not two).
        self.sessions_changed.emit()

    # ---- live updates ------------------------------------------------------------------------
    def _on_session_changed(self, session_id: str, _status: str, _change: str) -> None:
        if self._is_closed:
            return
        self._pending_ids.add(session_id)
        if not self._coalesce_timer.isActive():
            self._coalesce_timer.start()

    def _pump(self) -> None:
        """Start the next background read; one at a time so results apply in order."""
        if self._is_busy or self._is_closed:
            return
        tasks = self._context.tasks
        if self._reload_wanted:
            self._reload_wanted = False
            self._pending_ids.clear()  # the full read covers them
            self._is_busy = True
            generation = self._generation
            tasks.submit(
                _load_view, self._proctoring, self._view, self._wants_samples(),
                on_done=lambda sessions: self._on_loaded(generation, sessions),
                on_error=self._on_read_failed,
            )
        elif self._pending_ids:
            ids = sorted(self._pending_ids)
            self._pending_ids.clear()
            self._is_busy = True
            self.fetched_session_count += len(ids)
            tasks.submit(_fetch_sessions, self._proctoring, ids,
                         on_done=self._on_fetched, on_error=self._on_read_failed)

    def _on_loaded(self, generation: int, sessions: list[SessionDTO]) -> None:
        self._is_busy = False
        if self._is_closed:
            return
        if generation == self._generation:
            self.apply_sessions(sessions)
            self.loaded.emit()
        self._pump()

    def _on_fetched(self, results: list[tuple[str, SessionDTO | None]]) -> None:
        self._is_busy = False
        if self._is_closed:
            return
        self._now = self._clock.now()
        self._cards.clear()
        changed = False
        for session_id, session in results:
            changed |= self._apply_one(session_id, session)
        if (
            self._view is SessionView.ACTIVE
            and self._wants_samples()
            and not self._rows
        ):
            self._reload_wanted = True  # the last real session left: the samples come back
        if changed:
            self._stale_ids = frozenset(s.session_id for s in self._rows if is_stale(s, self._now))
            self._reorder()
            self.sessions_changed.emit()
        self._pump()

    def _on_read_failed(self, error: BaseException) -> None:
        self._is_busy = False
        log.error("reading sessions failed", exc_info=error)
        self.load_failed.emit(
            f"The session list could not be read ({error}). It retries on the next change; "
            "press F5 to retry now."
        )
        self._pump()

    def _apply_one(self, session_id: str, session: SessionDTO | None) -> bool:
        row = self._row_of.get(session_id)
        if session is not None and self._belongs(session):
            if row is not None:
                old = self._rows[row]
                if old == session:
                    return False
                self._rows[row] = session
                self._reindex()
                self._emit_changed([row], [] if _searchable_changed(old, session) else ROW_ROLES)
                return True
            if not session.is_sample:
                self._remove_rows([r for r, s in enumerate(self._rows) if s.is_sample])
            # Appended; the caller's reorder puts a whole batch in place at once.
            position = len(self._rows)
            self.beginInsertRows(QModelIndex(), position, position)
            self._rows.append(session)
            self._reindex()
            self.endInsertRows()
            return True
        if row is not None:
            self._remove_rows([row])
            return True
        return False

    def _belongs(self, session: SessionDTO) -> bool:
        is_active = session.status == SessionStatus.ACTIVE
        return is_active if self._view is SessionView.ACTIVE else not is_active

    def _wants_samples(self) -> bool:
        return (self._view is SessionView.ACTIVE and self._show_samples
                and self._proctoring.samples_enabled)

    # ---- thumbnails ---------------------------------------------------------------------------
    def _thumbnail(self, session: SessionDTO) -> QPixmap | None:
        if not session.latest_snapshot_id:
            return None
        return self._thumbnails.pixmap(session.latest_snapshot_id, self._thumbnail_size)

    def _on_thumbnail_ready(self, snapshot_id: str) -> None:
        session_id = self._snapshot_owner.get(snapshot_id)
        if session_id is not None:
            self._cards.pop(session_id, None)
        row = None if session_id is None else self._row_of.get(session_id)
        if row is not None:
            index = self.index(row)
            self.dataChanged.emit(index, index, THUMBNAIL_ROLES)

    # ---- helpers ------------------------------------------------------------------------------
    def _reorder(self) -> bool:
        """Put the rows in the chosen order; one layout change, persistent indexes kept."""
        key = order_key(self._sort_key, self._now)
        keys = [key(s) for s in self._rows]
        order = sorted(range(len(keys)), key=keys.__getitem__)
        if all(row == position for position, row in enumerate(order)):
            return False
        self.layoutAboutToBeChanged.emit()
        new_row = [0] * len(order)
        for position, row in enumerate(order):
            new_row[row] = position
        persistent = self.persistentIndexList()
        self._rows = [self._rows[row] for row in order]
        self._reindex()
        self.changePersistentIndexList(
            persistent, [self.index(new_row[i.row()], i.column()) for i in persistent])
        self.layoutChanged.emit()
        return True

    def _reindex(self) -> None:
        self._row_of = {s.session_id: r for r, s in enumerate(self._rows)}
        self._snapshot_owner = {
            s.latest_snapshot_id: s.session_id for s in self._rows if s.latest_snapshot_id
        }

    def _remove_rows(self, rows: Iterable[int]) -> None:
        for first, last in reversed(_ranges(sorted(rows))):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first:last + 1]
            self._reindex()
            self.endRemoveRows()

    def _emit_changed(self, rows: Iterable[int], roles: list[int] | None = None) -> None:
        """Announce changed rows; ``roles`` without SEARCH_TEXT_ROLE spares the filter proxy
        a Python filter call per row when the searchable text did not change."""
        for first, last in _ranges(sorted(rows)):
            self.dataChanged.emit(self.index(first), self.index(last), roles or [])

    def _tooltip(self, session: SessionDTO) -> str:
        lines = [f"{session.candidate_name} ({session.candidate_ref})", session.exam_title,
                 status_words(session.status)]
        remaining = time_left(session, self._now)
        if remaining is not None:
            lines.append(f"{duration(remaining)} left")
        lines.append(f"{session.snapshot_count} snapshots, last at "
                     f"{clock_time(session.last_snapshot_at)}")
        lines.append(f"Risk {session.risk_score} ({session.risk_level})")
        if camera_is_off(session):
            lines.append("Camera off: the kiosk reports its camera as unavailable")
        if session.is_flagged:
            lines.append(f"Flagged: {session.flag_reason or 'no reason given'}")
        if session.review_outcome:
            outcome = REVIEW_WORDS.get(session.review_outcome, session.review_outcome)
            lines.append(f"Review: {outcome}")
        if session.is_sample:
            lines.append("Sample session (demo data): actions are off")
        return "\n".join(lines)


def search_text(session: SessionDTO) -> str:
    return f"{session.candidate_name} {session.candidate_ref} {session.exam_title}".casefold()


def _searchable_changed(old: SessionDTO, new: SessionDTO) -> bool:
    return (old.candidate_name != new.candidate_name or old.candidate_ref != new.candidate_ref
            or old.exam_title != new.exam_title or old.exam_id != new.exam_id)


def _load_view(proctoring: Any, view: SessionView, include_samples: bool) -> list[SessionDTO]:
    if view is SessionView.ACTIVE:
        return proctoring.list_sessions(SessionFilter.ACTIVE, include_samples=include_samples)
    return [s for s in proctoring.list_sessions(SessionFilter.ALL)
            if s.status != SessionStatus.ACTIVE]


def _fetch_sessions(proctoring: Any, ids: list[str]) -> list[tuple[str, SessionDTO | None]]:
    results: list[tuple[str, SessionDTO | None]] = []
    for session_id in ids:
        try:
            results.append((session_id, proctoring.get_session_summary(session_id)))
        except SessionNotFound:
            results.append((session_id, None))
    return results


def _ranges(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted row numbers as inclusive (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs

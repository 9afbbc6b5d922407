"""SessionListModel: the sessions of one view (active or ended), one row per proctor session.

The model learns about changes from the core's events (through the bridge) and touches only
the rows that changed: events are coalesced for a few milliseconds, the changed sessions are
read with ``get_session_summary`` in the task runner (one request at a time, so results apply
in order), and each row is updated, inserted or removed. A one-second timer only moves clocks
and staleness forward; it never reads the database.

The rows are kept in the chosen order (attention, name or start time) by SessionRows; the
filter proxy (SessionFilterModel) keeps this order and only filters.

The two sample sessions are shown only until the first real session has existed in this data
dir (remembered in the console settings): once an exam center has run a real exam, an empty
grid means "nothing is running", not "here is what it would look like".
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
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

from console.proctor.avatar import initials
from console.proctor.context import ConsoleContext
from console.proctor.proctor_center.session_reads import fetch_sessions, load_view
from console.proctor.proctor_center.session_roles import (
    ATTENTION_ROLE,
    CARD_ROLE,
    INITIALS_ROLE,
    IS_SAMPLE_ROLE,
    IS_STALE_ROLE,
    REMAINING_SECONDS_ROLE,
    ROLE_NAMES,
    ROW_ROLES,
    SEARCH_TEXT_ROLE,
    SESSION_ID_ROLE,
    THUMBNAIL_ROLE,
    THUMBNAIL_ROLES,
    TIME_ROLES,
    SessionCard,
    SessionCounts,
    SessionView,
)
from console.proctor.proctor_center.session_rows import SessionRows
from console.proctor.proctor_center.session_rules import (
    attention_key,
    count_sessions,
    is_stale,
    kiosk_words,
    search_text,
    searchable_changed,
    time_left,
    tooltip,
)
from console.proctor.settings_values import SortKey
from core.domain.enums import SessionStatus
from core.domain.records import SessionDTO
from core.services.records import KIOSK_CLOSED

log = logging.getLogger(__name__)

#: How long a burst of events for the same sessions is gathered before one fetch.
COALESCE_MS = 15
TICK_MS = 1000
DEFAULT_THUMBNAIL_SIZE = QSize(128, 96)


#: The plain roles: each reads the session (and, for clocks, the model's "now").
_ROLE_GETTERS: dict[int, Callable[[SessionDTO, datetime], Any]] = {
    IS_SAMPLE_ROLE: lambda s, _now: s.is_sample,
    REMAINING_SECONDS_ROLE: time_left,
    IS_STALE_ROLE: is_stale,
    INITIALS_ROLE: lambda s, _now: initials(s.candidate_name),
}


class SessionListModel(SessionRows):
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
        self._clock = context.center
        self._proctoring = context.center
        self._thumbnails = context.thumbnails
        self._view = view
        self._show_samples = show_samples
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
            context.bridge.event_recorded.connect(self._on_event_recorded)
            self._clock_timer.start()
            self.reload()

    # ---- Qt model interface ---------------------------------------------------------------
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
            return self._card(session)
        if role == Qt.ItemDataRole.DisplayRole:
            return session.candidate_name
        if role == SESSION_ID_ROLE:
            return session.session_id
        if role == ATTENTION_ROLE:
            return attention_key(session, self._now)
        if role == SEARCH_TEXT_ROLE:
            return search_text(session)
        if role in (THUMBNAIL_ROLE, Qt.ItemDataRole.DecorationRole):
            return self._thumbnail(session)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(session, self._now)
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
    def is_showing_samples(self) -> bool:
        return any(s.is_sample for s in self._rows)

    @property
    def is_loading(self) -> bool:
        return self._is_busy or self._reload_wanted

    def now(self) -> datetime:
        return self._now

    def counts(self) -> SessionCounts:
        return count_sessions(self._rows, self._now)

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
        self._reorder(self._now)

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
            self._reorder(self._now)  # staleness moved: "needs attention" may have changed
        self.clock_ticked.emit()

    def close(self) -> None:
        """Stop listening and ticking (the window is closing)."""
        self._is_closed = True
        self._clock_timer.stop()
        self._coalesce_timer.stop()
        for signal, slot in (
            (self._context.bridge.session_changed, self._on_session_changed),
            (self._context.bridge.event_recorded, self._on_event_recorded),
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
                (refilter if searchable_changed(old, new) else changed).append(row)
        self._reindex()
        self._append([s for s in sessions if s.session_id in wanted])
        self._note_real_sessions()
        self._stale_ids = frozenset(s.session_id for s in self._rows if is_stale(s, self._now))
        if not self._reorder(self._now):
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

    def _on_event_recorded(self, session_id: str, _event_id: str, event_type: str) -> None:
        """Most events that change a card also change the session row; a kiosk closing its
        window is only an event, so it is read here."""
        if event_type == KIOSK_CLOSED:
            self._on_session_changed(session_id, "", event_type)

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
                load_view, self._proctoring, self._view, self._wants_samples(),
                on_done=lambda sessions: self._on_loaded(generation, sessions),
                on_error=self._on_read_failed,
            )
        elif self._pending_ids:
            ids = sorted(self._pending_ids)
            self._pending_ids.clear()
            self._is_busy = True
            self.fetched_session_count += len(ids)
            tasks.submit(fetch_sessions, self._proctoring, ids,
                         on_done=self._on_fetched, on_error=self._on_read_failed)

    def _on_loaded(self, generation: int, loaded: tuple[list[SessionDTO], bool]) -> None:
        self._is_busy = False
        if self._is_closed:
            return
        sessions, had_real_session = loaded
        if had_real_session:
            self._remember_real_session()
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
        if changed:
            self._note_real_sessions()
            self._stale_ids = frozenset(s.session_id for s in self._rows if is_stale(s, self._now))
            self._reorder(self._now)
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
                self._emit_changed([row], [] if searchable_changed(old, session) else ROW_ROLES)
                return True
            if not session.is_sample:
                self._remove_rows([r for r, s in enumerate(self._rows) if s.is_sample])
            self._append([session])  # the caller's reorder puts a whole batch in place at once
            return True
        if row is not None:
            self._remove_rows([row])
            return True
        return False

    def _belongs(self, session: SessionDTO) -> bool:
        is_active = session.status == SessionStatus.ACTIVE
        return is_active if self._view is SessionView.ACTIVE else not is_active

    # ---- samples ------------------------------------------------------------------------------
    def _wants_samples(self) -> bool:
        return (self._view is SessionView.ACTIVE and self._show_samples
                and self._proctoring.samples_enabled
                and not self._context.settings.had_real_session)

    def _note_real_sessions(self) -> None:
        if any(not s.is_sample for s in self._rows):
            self._remember_real_session()

    def _remember_real_session(self) -> None:
        settings = self._context.settings
        if not settings.had_real_session:
            settings.had_real_session = True
            settings.sync()

    # ---- cards and thumbnails -----------------------------------------------------------------
    def _card(self, session: SessionDTO) -> SessionCard:
        card = self._cards.get(session.session_id)
        if card is None or card.session is not session:
            card = SessionCard(
                session,
                time_left(session, self._now),
                is_stale(session, self._now),
                kiosk_words(session, self._now),
                self._thumbnail(session),
                self._now,
            )
            self._cards[session.session_id] = card
        return card

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

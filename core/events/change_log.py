"""The change log: every domain event, numbered, kept for a while, shared by every process.

Each write transaction that emits domain events also inserts one ``changes`` row per event, so
a change and its number commit together (nothing is announced that did not happen, nothing that
happened goes unnumbered). Numbers only grow, in commit order: SQLite has one writer at a time,
and on PostgreSQL the rows are inserted under a transaction-scoped advisory lock taken just before
the commit, so a reader that sees number N committed has seen every number below it.

``ChangeFeed`` (one thread per process) reads the rows after the last one it delivered whenever
it is woken: by a commit in this process, by PostgreSQL ``NOTIFY`` from another process, or by a
one-second poll as a safety net. It hands them to the live stream's subscribers and republishes
other processes' changes on this process's bus, so an embedded console sees uploads that another
server process took.

Why a table and not memory: a stream client may reconnect to another process, and numbers must
mean the same everywhere; the window is small (at least the last 10,000 changes and 10 minutes)
and pruned by the sweeper.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.orm import Session

from core.db.models import Change as ChangeRow
from core.domain.clock import Clock
from core.domain.domain_events import (
    DomainEvent,
    EventRecorded,
    ExamsChanged,
    SessionChanged,
    SnapshotAnalysed,
    SnapshotRecorded,
)
from core.events.bus import EventBus

log = logging.getLogger(__name__)

#: The stream's event names, one per kind of domain event.
KIND_OF: dict[type[DomainEvent], str] = {
    SessionChanged: "session_changed",
    SnapshotRecorded: "snapshot_recorded",
    SnapshotAnalysed: "snapshot_analysed",
    EventRecorded: "event_recorded",
    ExamsChanged: "exams_changed",
}
EVENT_OF: dict[str, type[DomainEvent]] = {kind: cls for cls, kind in KIND_OF.items()}

#: PostgreSQL channel and advisory-lock key of the change log.
NOTIFY_CHANNEL = "proctor_changes"
CHANGE_LOCK_KEY = 0x70726F63  # "proc"

KEEP_AT_LEAST_CHANGES = 10_000
KEEP_AT_LEAST_SECONDS = 600.0
POLL_SECONDS = 1.0
#: After a wake, the feed waits this long so that the commits of many uploads are read in one
#: query (a read per commit cost a busy server a quarter of its uploads with 5 streams open).
GATHER_SECONDS = 0.05
READ_BATCH = 1000


@dataclass(frozen=True)
class Change:
    id: int
    kind: str
    data: dict[str, Any]
    origin: str


def describe(event: DomainEvent) -> tuple[str, dict[str, Any]]:
    """The stream's (event name, data) for a domain event."""
    data = dataclasses.asdict(event)
    if isinstance(event, SnapshotAnalysed):
        data["cues"] = list(event.cues)
    return KIND_OF[type(event)], data


def rebuild(kind: str, data: dict[str, Any]) -> DomainEvent:
    """The domain event a change row stands for (for another process's bus)."""
    cls = EVENT_OF[kind]
    if cls is SnapshotAnalysed:
        return SnapshotAnalysed(data["session_id"], data["snapshot_id"], data["face_count"],
                                tuple(data.get("cues", ())))
    fields = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in fields})


class ChangeLog:
    """The ``changes`` table: written inside service transactions, read by the feed."""

    def __init__(self, engine: Engine, clock: Clock, origin: str | None = None) -> None:
        self._engine = engine
        self._clock = clock
        self.origin = origin or uuid.uuid4().hex
        self.is_postgres = engine.dialect.name == "postgresql"

    def record(self, session: Session, events: Sequence[DomainEvent]) -> None:
        """Number ``events`` in the caller's transaction (call it last, just before commit)."""
        if not events:
            return
        if self.is_postgres:
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOCK_KEY})
        now = self._clock.now()
        rows = []
        for event in events:
            kind, data = describe(event)
            rows.append({"kind": kind, "data": json.dumps(data, separators=(",", ":")),
                         "origin": self.origin, "created_at": now})
        session.execute(insert(ChangeRow), rows)  # one executemany, not an ORM flush per row
        if self.is_postgres:  # the payload says whose change it is: a process skips its own
            session.execute(text("SELECT pg_notify(:channel, :origin)"),
                            {"channel": NOTIFY_CHANNEL, "origin": self.origin})

    def after(self, last_id: int, limit: int = READ_BATCH) -> list[Change]:
        with Session(self._engine) as session:
            rows = session.execute(
                select(ChangeRow.id, ChangeRow.kind, ChangeRow.data, ChangeRow.origin)
                .where(ChangeRow.id > last_id).order_by(ChangeRow.id).limit(limit)
            ).all()
        return [Change(row.id, row.kind, json.loads(row.data), row.origin) for row in rows]

    def bounds(self) -> tuple[int, int]:
        """(the oldest kept number, the newest number); (0, 0) when the log is empty."""
        with Session(self._engine) as session:
            oldest, newest = session.execute(
                select(func.min(ChangeRow.id), func.max(ChangeRow.id))
            ).one()
        return int(oldest or 0), int(newest or 0)

    def prune(self, keep_changes: int = KEEP_AT_LEAST_CHANGES,
              keep_seconds: float = KEEP_AT_LEAST_SECONDS, *,
              session: Session | None = None) -> int:
        """Drop changes that are both older than ``keep_seconds`` and not among the newest
        ``keep_changes``, in ``session``'s transaction if given (the unit of work's write, whose
        turn SQLite's other writers wait for without sleeping). Returns how many were dropped."""
        _, newest = self.bounds()
        cutoff: datetime = self._clock.now() - timedelta(seconds=keep_seconds)
        statement = delete(ChangeRow).where(ChangeRow.id <= newest - keep_changes,
                                            ChangeRow.created_at < cutoff)
        if session is not None:
            result = session.execute(statement)
        else:
            with Session(self._engine) as own, own.begin():
                result = own.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)


Subscriber = Callable[[Sequence[Change]], None]


class ChangeFeed:
    """Delivers the change log, in order and once each, to this process's subscribers."""

    def __init__(self, changes: ChangeLog, bus: EventBus) -> None:
        self._log = changes
        self._bus = bus
        self._subscribers: tuple[Subscriber, ...] = ()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self.position = self._log.bounds()[1]
        self._unsubscribe_bus: Callable[[], None] | None = None

    # -- subscribers ---------------------------------------------------------------------------
    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """``subscriber`` gets each batch of new changes on the feed's thread: it must not block."""
        with self._lock:
            self._subscribers = (*self._subscribers, subscriber)

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers = tuple(s for s in self._subscribers if s is not subscriber)

        return unsubscribe

    @property
    def is_running(self) -> bool:
        return bool(self._threads) and not self._stop.is_set()

    # -- life ----------------------------------------------------------------------------------
    def start(self) -> None:
        if self._threads:
            return
        self._stop.clear()
        self.position = self._log.bounds()[1]
        self._unsubscribe_bus = self._bus.subscribe(self._on_local_change)
        self._threads = [threading.Thread(target=self._run, name="proctor-change-feed",
                                          daemon=True)]
        if self._log.is_postgres:
            self._threads.append(threading.Thread(target=self._listen, daemon=True,
                                                  name="proctor-change-listener"))
        for thread in self._threads:
            thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._unsubscribe_bus is not None:
            self._unsubscribe_bus()
            self._unsubscribe_bus = None
        for thread in self._threads:
            thread.join(timeout)
        self._threads = []

    def wake(self) -> None:
        self._wake.set()

    def _on_local_change(self, _event: DomainEvent) -> None:
        """A commit of this process: read it now only for a live stream; the once-a-second
        poll keeps ``position`` current otherwise (no read per upload for nobody)."""
        if self._subscribers:
            self._wake.set()

    # -- work ----------------------------------------------------------------------------------
    def deliver_new(self) -> int:
        """Read and deliver every change after ``position``; returns how many."""
        delivered = 0
        while True:
            batch = self._log.after(self.position)
            if not batch:
                return delivered
            self.position = batch[-1].id
            delivered += len(batch)
            for subscriber in self._subscribers:
                try:
                    subscriber(batch)
                except Exception:
                    log.exception("change subscriber %r failed", subscriber)
            self._republish(change for change in batch if change.origin != self._log.origin)

    def _republish(self, changes: Iterable[Change]) -> None:
        for change in changes:
            try:
                self._bus.publish_remote(rebuild(change.kind, change.data))
            except (KeyError, TypeError):
                log.warning("change %s of kind %r cannot be read; skipped", change.id, change.kind)

    def _run(self) -> None:
        while not self._stop.is_set():
            if self._wake.wait(POLL_SECONDS):
                self._stop.wait(GATHER_SECONDS)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                if self._subscribers or self._log.is_postgres:
                    self.deliver_new()
                else:  # nobody to hand changes to and no other process: just keep up
                    self.position = max(self.position, self._log.bounds()[1])
            except Exception:
                log.exception("reading the change log failed; trying again")

    def _listen(self) -> None:
        """PostgreSQL: wake the feed on every NOTIFY of another process (and of this one)."""
        import psycopg  # only on PostgreSQL, where the driver is installed

        conninfo = self._log._engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False)
        while not self._stop.is_set():
            try:
                with psycopg.connect(conninfo, autocommit=True) as connection:
                    connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self._wake.set()  # catch up with whatever came while not listening
                    while not self._stop.is_set():
                        for notice in connection.notifies(timeout=POLL_SECONDS, stop_after=64):
                            if notice.payload != self._log.origin or self._subscribers:
                                self._wake.set()
            except Exception:
                log.warning("listening for other processes' changes failed; retrying",
                            exc_info=True)
                self._stop.wait(POLL_SECONDS)

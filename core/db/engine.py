"""Engine factory and unit of work.

SQLite runs in WAL mode with foreign keys and a busy timeout, and with ``synchronous=FULL``: a
commit is on stable storage when it returns (with NORMAL, the last commits before a power cut
can vanish, and a kiosk told 201 has already deleted its copy of the frame). Write transactions
start with ``BEGIN IMMEDIATE`` so concurrent writers queue on the busy timeout instead of failing
on a read-to-write upgrade; reads start a plain deferred transaction and never block writers.
The hot paths' single reads (``UnitOfWork.connect``) start none: SQLite runs a lone statement
in a read transaction of its own, as consistent, without a ``BEGIN`` statement before it.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from core.db.evidence_chain import ChainHead, seal_chains
from core.domain.domain_events import DomainEvent, SessionChanged

BUSY_TIMEOUT_MS = 15_000
#: ``sqlite_begin`` for a connection that runs one statement: no ``BEGIN`` (SQLite's own
#: transaction for the statement is as consistent).
ONE_STATEMENT = "one statement"
CONNECT_TIMEOUT_SECONDS = 5
_T = TypeVar("_T")


def create_db_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # A server that does not answer at all (a host gone from the network) is given up on
        # after CONNECT_TIMEOUT_SECONDS instead of the system's minutes, unless the URL says.
        connect_args = ({} if "connect_timeout" in parsed.query
                        else {"connect_timeout": CONNECT_TIMEOUT_SECONDS})
        return create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        # Enough for every thread that may hold one at once (request threads, the snapshot
        # writer's threads, analysis, the sweeper): an overflow connection is opened and closed
        # per use, and opening one (WAL, pragmas) costs more than the query it serves.
        pool_size=24,
        max_overflow=16,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        if mode != ONE_STATEMENT:
            connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


class WriteTurn:
    """The writers' turn of one process on SQLite (one writer at a time), handed over the
    moment it is let go, to an urgent writer first: while the uploads' commit waits, no
    other writer takes the turn before it. Re-entrant for the thread that holds it.

    Under load a write holds the turn many times its own work: SQLite lets go of the
    interpreter around every statement step and each time the writer waits to get it back.
    At 1,000 kiosks the analysis' results and the uploads' commits together held the turn
    all the time, and the uploads queued behind the analysis."""

    def __init__(self) -> None:
        self._changed = threading.Condition(threading.Lock())
        self._owner: int | None = None
        self._depth = 0
        self._urgent_waiting = 0

    @contextlib.contextmanager
    def held(self, urgent: bool = False) -> Iterator[None]:
        me = threading.get_ident()
        with self._changed:
            if self._owner == me:
                self._depth += 1
            else:
                if urgent:
                    self._urgent_waiting += 1
                    try:
                        self._changed.wait_for(lambda: self._owner is None)
                    finally:
                        self._urgent_waiting -= 1
                else:
                    self._changed.wait_for(
                        lambda: self._owner is None and not self._urgent_waiting)
                self._owner, self._depth = me, 1
        try:
            yield
        finally:
            with self._changed:
                self._depth -= 1
                if self._depth == 0:
                    self._owner = None
                    self._changed.notify_all()


#: Numbers a transaction's domain events in that same transaction (``ChangeLog.record``).
RecordChanges = Callable[[Session, list[DomainEvent]], None]
#: Told, inside the transaction, the chain heads it moved and which of their sessions it ended
#: (the evidence service signs those heads).
HeadsMoved = Callable[[Session, list[ChainHead], set[str]], None]


class UnitOfWork:
    """Opens one short transaction per service call; its domain events are numbered in the change
    log inside the transaction and published on the bus after it commits."""

    def __init__(self, engine: Engine, publish: Callable[[DomainEvent], None],
                 record_changes: RecordChanges | None = None,
                 heads_moved: HeadsMoved | None = None) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._publish = publish
        self._record_changes = record_changes
        self._is_sqlite = engine.dialect.name == "sqlite"
        #: The writers' turn on SQLite (see ``write``); on PostgreSQL writers run side by side.
        self._write_turn = WriteTurn() if self._is_sqlite else None
        #: Set once by the composition root (the evidence service needs the unit of work).
        self.heads_moved = heads_moved

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        """A plain connection for one read statement (no ORM session): the hot read paths (the
        heartbeat, the upload's gate). On SQLite it starts no transaction of its own: under load
        each statement is a wait for the interpreter lock to come back, and a heartbeat was two
        (``BEGIN`` and its read)."""
        with self._engine.connect() as connection:
            yield connection.execution_options(sqlite_begin=ONE_STATEMENT)

    @contextlib.contextmanager
    def write(self, urgent: bool = False) -> Iterator[WriteSession]:
        """One write transaction. ``urgent``: on SQLite, it takes the writers' turn before any
        other writer waiting (the uploads' commits: a kiosk waits for each)."""
        turn = (self._write_turn.held(urgent) if self._write_turn is not None
                else contextlib.nullcontext())
        with self._sessions() as session:
            pending = WriteSession(session, self._publish, self._is_sqlite, self._record_changes,
                                   self.heads_moved)
            # SQLite has one writer at a time. Its own wait for the write lock sleeps in growing
            # steps (1, 2, 5 ... 100 ms), so under load a writer slept while the lock was free
            # and the snapshot writer's commits queued behind the analysis' and the jobs'. The
            # writers of this process take turns on a lock of their own instead, handed over
            # the moment it is released (another process, e.g. a backup, meets SQLite's wait).
            with turn:
                pending.begin_write()
                try:
                    yield pending
                    pending.record_changes()
                    session.commit()
                except BaseException:
                    session.rollback()
                    raise
        pending.publish_pending()


class WriteSession:
    """A Session plus the domain events to publish once it commits."""

    def __init__(
        self, session: Session, publish: Callable[[DomainEvent], None], is_sqlite: bool,
        record: RecordChanges | None = None, heads_moved: HeadsMoved | None = None,
    ) -> None:
        self.session = session
        self.events: list[DomainEvent] = []
        self._publish = publish
        self._is_sqlite = is_sqlite
        self._record = record
        self._heads_moved = heads_moved
        #: This transaction inserted its snapshots with their chain places (the ingest writer).
        self.snapshots_placed = False

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.session, name)

    def get(self, entity: type[_T], ident: Any) -> _T | None:
        """A row of this write, locked on PostgreSQL until the commit (``FOR UPDATE``), so two
        processes never act on the same row at once: the second sees the first's result, as
        SQLite's one-writer-at-a-time transactions give on one process."""
        return self.session.get(entity, ident, with_for_update=not self._is_sqlite)

    def begin_write(self) -> None:
        if self._is_sqlite:
            self.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})

    def emit(self, domain_event: DomainEvent) -> None:
        self.events.append(domain_event)

    def commit_now(self) -> None:
        """Commit what is done so far (it must stick even if the caller fails next), publish
        its events, and carry on in a fresh write transaction."""
        self.record_changes()
        self.session.commit()
        self.publish_pending()
        self.begin_write()

    def record_changes(self) -> None:
        """Just before the commit: chain the evidence entries this transaction stored
        (``core.db.evidence_chain``), then number its domain events in the change log."""
        heads = seal_chains(self.session, self.events, is_postgres=not self._is_sqlite,
                            snapshots_placed=self.snapshots_placed)
        if heads and self._heads_moved is not None:
            # Signed now: a session's final head, and its head after a purge.
            ended = {e.session_id for e in self.events
                     if isinstance(e, SessionChanged) and e.change in ("ended", "media_purged")}
            self._heads_moved(self.session, heads, ended)
        if self._record is not None and self.events:
            self._record(self.session, self.events)

    def publish_pending(self) -> None:
        events, self.events = self.events, []
        for domain_event in events:
            self._publish(domain_event)

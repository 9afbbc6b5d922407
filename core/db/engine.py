"""Engine factory and unit of work.

SQLite runs in WAL mode with foreign keys and a busy timeout, and with ``synchronous=FULL``: a
commit is on stable storage when it returns (with NORMAL, the last commits before a power cut
can vanish, and a kiosk told 201 has already deleted its copy of the frame). Write transactions
start with ``BEGIN IMMEDIATE`` so concurrent writers queue on the busy timeout instead of failing
on a read-to-write upgrade; reads start a plain deferred transaction and never block writers.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from core.domain.domain_events import DomainEvent

BUSY_TIMEOUT_MS = 15_000


def create_db_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
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
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


class UnitOfWork:
    """Opens one short transaction per service call and publishes domain events after commit."""

    def __init__(self, engine: Engine, publish: Callable[[DomainEvent], None]) -> None:
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._publish = publish
        self._is_sqlite = engine.dialect.name == "sqlite"

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        """A plain connection for a few core statements (no ORM session): the hot read paths."""
        with self._engine.connect() as connection:
            yield connection

    @contextlib.contextmanager
    def write(self) -> Iterator[WriteSession]:
        with self._sessions() as session:
            pending = WriteSession(session, self._publish, self._is_sqlite)
            pending.begin_write()
            try:
                yield pending
                session.commit()
            except BaseException:
                session.rollback()
                raise
        pending.publish_pending()


class WriteSession:
    """A Session plus the domain events to publish once it commits."""

    def __init__(
        self, session: Session, publish: Callable[[DomainEvent], None], is_sqlite: bool
    ) -> None:
        self.session = session
        self.events: list[DomainEvent] = []
        self._publish = publish
        self._is_sqlite = is_sqlite

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.session, name)

    def begin_write(self) -> None:
        if self._is_sqlite:
            self.session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})

    def emit(self, domain_event: DomainEvent) -> None:
        self.events.append(domain_event)

    def commit_now(self) -> None:
        """Commit what is done so far (it must stick even if the caller fails next), publish
        its events, and carry on in a fresh write transaction."""
        self.session.commit()
        self.publish_pending()
        self.begin_write()

    def publish_pending(self) -> None:
        events, self.events = self.events, []
        for domain_event in events:
            self._publish(domain_event)

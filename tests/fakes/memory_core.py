"""The real core's services on an in-memory SQLite database, for fast rule tests.

``memory_engine()`` is ``sqlite://`` on one shared connection (``StaticPool``) with the schema
made by ``Base.metadata.create_all``: no file, no fsync, no WAL, no Alembic.
``memory_uow_over()`` is a ``UnitOfWork`` over it, and ``build_memory_core()`` the whole
``Core`` assembled as ``build_core`` assembles it, over that engine; the fixtures
``memory_uow``, ``memory_core`` and ``memory_exam`` offer them to tests.
``tests/fakes/test_memory_schema.py`` checks that this schema is the one the migrations make, so
the two cannot drift apart.

Not for tests about durability, migrations, concurrent writers or PostgreSQL: one connection
serves every thread here, and nothing survives the engine.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import StaticPool

from core.bootstrap import Core, assemble_core
from core.config import CoreConfig
from core.db.engine import UnitOfWork
from core.db.models import Base
from core.domain.clock import Clock, FakeClock
from core.domain.records import ExamDTO
from core.events.bus import EventBus
from core.events.change_log import ChangeLog

MEMORY_URL = "sqlite://"


def memory_engine() -> Engine:
    """An empty in-memory database with the models' schema and foreign keys enforced."""
    engine = create_engine(MEMORY_URL, poolclass=StaticPool,
                           connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    Base.metadata.create_all(engine)
    return engine


def memory_uow_over(engine: Engine | None = None, bus: EventBus | None = None) -> UnitOfWork:
    """A unit of work on ``engine`` (a new in-memory one by default), publishing on ``bus``."""
    engine = engine or memory_engine()
    bus = bus or EventBus()
    return UnitOfWork(engine, bus.publish, ChangeLog(engine, FakeClock()).record)


def build_memory_core(data_dir: Path, clock: Clock | None = None,
                      env: dict[str, str] | None = None) -> Core:
    """The core as ``build_core`` assembles it, on an in-memory database. ``data_dir`` holds the
    keys file and the media root (snapshot files are real files)."""
    config = CoreConfig.load(data_dir=data_dir, env={"PROCTOR_ANALYSIS": "0",
                                                     **(env or {}),
                                                     "PROCTOR_DATABASE_URL": MEMORY_URL})
    return assemble_core(config, memory_engine(), clock or FakeClock(), analysis=False)


# ---- fixtures (a conftest imports the ones it offers) ------------------------------------------
@pytest.fixture
def memory_uow() -> Iterator[UnitOfWork]:
    engine = memory_engine()
    yield memory_uow_over(engine)
    engine.dispose()


@pytest.fixture
def memory_core(request, tmp_path, clock) -> Iterator[Core]:
    """The core on the test clock, on an in-memory database; on the real test core when the
    run is on a PostgreSQL database (``TEST_DATABASE_URL``), so those runs still cover these
    tests there."""
    if os.environ.get("TEST_DATABASE_URL"):
        yield request.getfixturevalue("core")
        return
    built = build_memory_core(tmp_path / "data", clock)
    yield built
    built.close()


@pytest.fixture
def memory_exam(memory_core) -> ExamDTO:
    return memory_core.exams.create_exam("Algebra final", duration_seconds=3600,
                                         snapshot_interval_seconds=30)

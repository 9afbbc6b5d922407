"""Shared fixtures: a real core on a real SQLite file under tmp_path, a fake clock, and a real
uvicorn server on an ephemeral port."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _name in [n for n in os.environ if n.startswith("PROCTOR_")]:
    del os.environ[_name]  # tests never inherit a developer's settings

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402

from core.api.app import create_app  # noqa: E402
from core.api.server import ApiServer  # noqa: E402
from core.bootstrap import Core, build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.domain.clock import FakeClock, SystemClock  # noqa: E402
from core.domain.records import ExamDTO  # noqa: E402
from tests.helpers import LiveServer  # noqa: E402

#: ``TEST_DATABASE_URL=postgresql+psycopg://user:pw@host/db pytest tests/core``
#: runs the core's tests on that (throw-away) database instead of a SQLite file per test; its
#: schema is emptied before each test.
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.fixture
def core_env() -> dict[str, str]:
    """Env for the test core; tests may add entries before the core is built."""
    return {"PROCTOR_ANALYSIS": "0", "PROCTOR_SWEEP_SECONDS": "0.2"}


@pytest.fixture
def config(tmp_path, core_env) -> CoreConfig:
    if TEST_DATABASE_URL:
        _empty_database(TEST_DATABASE_URL)
        core_env = {**core_env, "PROCTOR_DATABASE_URL": TEST_DATABASE_URL}
    return CoreConfig.load(data_dir=tmp_path / "data", env=core_env)


def _empty_database(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def core(config, clock) -> Iterator[Core]:
    built = build_core(config, clock)
    yield built
    built.close()


@pytest.fixture
def real_core(config) -> Iterator[Core]:
    """A core on the system clock, for the few tests that wait for real time."""
    built = build_core(config, SystemClock())
    yield built
    built.close()


def _serve(core: Core) -> Iterator[LiveServer]:
    server = ApiServer(create_app(core), "127.0.0.1", 0)
    server.start()
    try:
        yield LiveServer(core, server)
    finally:
        server.stop()


@pytest.fixture
def live_server(core) -> Iterator[LiveServer]:
    yield from _serve(core)


@pytest.fixture
def real_live_server(real_core) -> Iterator[LiveServer]:
    yield from _serve(real_core)


@pytest.fixture
def exam(core) -> ExamDTO:
    return core.exams.create_exam("Algebra final", duration_seconds=3600,
                                  snapshot_interval_seconds=30)


@pytest.fixture
def console_context(core, qapp, tmp_path):
    """A ConsoleContext over the test core, with QSettings in a temp INI file."""
    from PySide6.QtCore import QSettings

    from console.proctor.context import ConsoleContext

    settings = QSettings(str(tmp_path / "console.ini"), QSettings.Format.IniFormat)
    context = ConsoleContext.create(core, settings)
    yield context
    context.close()

"""Shared fixtures: a real core on a real SQLite file under tmp_path, a fake clock, and a real
uvicorn server on an ephemeral port. Also the tiers: every test gets the marks ``db``, ``gui``,
``process`` and ``postgres`` from the fixtures it uses and its folder (see
``pytest_collection_modifyitems``)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _name in [n for n in os.environ if n.startswith("PROCTOR_")]:
    del os.environ[_name]  # tests never inherit a developer's settings
os.environ["LANGUAGE"] = "en"  # the programs' words in English, whatever this machine's language

import functools  # noqa: E402
import gc  # noqa: E402
import shutil  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from console.ui import collect_garbage_on_gui_thread  # noqa: E402
from core.api.app import create_app  # noqa: E402
from core.api.server import ApiServer  # noqa: E402
from core.bootstrap import Core, build_core  # noqa: E402
from core.config import CoreConfig  # noqa: E402
from core.db.migrate import is_at_head  # noqa: E402
from core.domain.clock import FakeClock, SystemClock  # noqa: E402
from core.domain.records import ExamDTO  # noqa: E402
from tests.helpers import LiveServer  # noqa: E402

#: ``TEST_DATABASE_URL=postgresql+psycopg://user:pw@host/db pytest tests/core``
#: runs the core's tests on that (throw-away) database instead of a SQLite file per test; its
#: schema is emptied before each test.
#: Under pytest-xdist each worker uses its own database beside that one (see _worker_database).
TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def _worker_database(url: str | None) -> str | None:
    """``<database>_gw0``, ``<database>_gw1``, ... on the same PostgreSQL server for the xdist
    workers (created when missing), so that no worker empties the schema another is using."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker or not url.startswith("postgresql"):
        return url
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    given = make_url(url)
    name = f"{given.database}_{worker}"
    engine = create_engine(given, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                              {"name": name}).scalar() is None:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return given.set(database=name).render_as_string(hide_password=False)


TEST_DATABASE_URL = _worker_database(TEST_DATABASE_URL)

#: Fixtures that build a core on a real database (every one of them goes through ``config``) or
#: serve one; a test that uses any of them, directly or through another fixture, is ``db``.
DB_FIXTURES = frozenset({"config", "core", "real_core", "live_server", "real_live_server",
                         "exam", "console_context"})
#: Fixtures that reach the test database ``TEST_DATABASE_URL`` names, when it names one: ``config``
#: (under every core and server above), ``memory_core`` (the real core then) and the end-to-end
#: suites' autouse ``processes_use_the_test_database``. A test that uses any of them, directly or
#: through another fixture, is ``postgres``: the PostgreSQL pass (``.ci/run``) runs those and no
#: others (``served_core`` and the tests that build their own core stay on SQLite files). A test
#: that reaches PostgreSQL some other way is marked by hand. A test that checks nothing the test
#: database changes (TLS and the HTTP protocol's deadlines, served by a core only to have
#: something to serve; a center on its own SQLite file; no database at all) says so with
#: ``pytest.mark.database_independent`` and why: it is not ``postgres``, so the PostgreSQL pass
#: does not run it a second time.
POSTGRES_FIXTURES = frozenset({"config", "memory_core", "processes_use_the_test_database"})
#: Fixtures of Qt widgets: ``gui``.
GUI_FIXTURES = frozenset({"qtbot", "qapp"})
#: Fixtures that start real ``proctor-server`` processes: ``process`` and ``db``.
PROCESS_FIXTURES = frozenset({"start_server"})
#: Folders by what all their tests do: the end-to-end suites start programs that start servers,
#: the repository checks run ruff, lint-imports and mypy, the migrations make databases.
#: Elsewhere a test that starts a process or builds its own core is marked by hand.
TESTS = Path(__file__).parent
FOLDER_MARKS = {TESTS / "e2e": ("process", "db"), TESTS / "repo": ("process",),
                TESTS / "core" / "db": ("db",)}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tiers: ``-m "not db and not process and not slow"`` is the rules and the widgets."""
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        marks = set()
        if used & DB_FIXTURES:
            marks.add("db")
        if used & POSTGRES_FIXTURES and item.get_closest_marker("database_independent") is None:
            marks.add("postgres")
        if used & GUI_FIXTURES:
            marks.add("gui")
        if used & PROCESS_FIXTURES:
            marks.update(("process", "db"))
        for folder, folder_marks in FOLDER_MARKS.items():
            if folder in item.path.parents:
                marks.update(folder_marks)
        for name in sorted(marks):
            if item.get_closest_marker(name) is None:
                item.add_marker(name)


def pytest_configure(config: pytest.Config) -> None:
    """Garbage is collected on the main (Qt's GUI) thread only, between tests, as the programs
    do it (``console.ui.GuiThreadGarbageCollector``): a cycle holding a widget, collected in a
    server's or an upload's thread, can crash the process."""
    gc.disable()
    _read_attribute_docstrings_once()


def _read_attribute_docstrings_once() -> None:
    """An app (``create_app``) builds a pydantic schema for each of its routes' records, and for
    a record (``use_attribute_docstrings``, core/domain/records.py) pydantic finds its fields'
    descriptions by parsing the class's source again, every time: about half of what making an
    app costs, and a test process makes hundreds of apps (every core served). The source does not
    change while the tests run, so here each class's docstrings are read once per process; the
    schemas are the same (tests/core/api/test_api_docs.py compares them with the reference).
    Pydantic's own function does the reading; when a pydantic release moves it, nothing is kept."""
    from pydantic._internal import _fields

    read = getattr(_fields, "extract_docstrings_from_cls", None)
    if read is None or hasattr(read, "cache_info"):
        return
    read_once = functools.cache(read)

    def docstrings(cls: type, use_inspect: bool = False) -> dict[str, str]:
        return dict(read_once(cls, use_inspect=use_inspect))

    docstrings.cache_info = read_once.cache_info  # type: ignore[attr-defined]
    _fields.extract_docstrings_from_cls = docstrings


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    collect_garbage_on_gui_thread()


@pytest.fixture(scope="session", autouse=True)
def per_user_folders(tmp_path_factory) -> Iterator[Path]:
    """The per-user folders (platformdirs on Linux: ``XDG_DATA_HOME``, ``XDG_CONFIG_HOME``, ...)
    are a fresh folder per test session, also for the processes tests start: a test never
    reads or writes the real user's (the remote console's settings, the kiosk's default spool),
    and parallel workers never share one."""
    home = tmp_path_factory.mktemp("user")
    with pytest.MonkeyPatch.context() as patch:
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            patch.setenv(name, str(home / name.lower()))
        yield home


@pytest.fixture
def core_env() -> dict[str, str]:
    """Env for the test core; tests may add entries before the core is built."""
    return {"PROCTOR_ANALYSIS": "0", "PROCTOR_SWEEP_SECONDS": "0.2"}


@pytest.fixture(scope="session")
def migrated_sqlite_file(tmp_path_factory) -> Path:
    """A SQLite database at the newest schema, made once per test process: each test's core
    starts from a copy of it instead of running every migration again (the larger part of
    building a core). The migrations themselves are tested in tests/core/db."""
    data_dir = tmp_path_factory.mktemp("migrated") / "data"
    build_core(CoreConfig.load(data_dir=data_dir, env={"PROCTOR_ANALYSIS": "0"}),
               FakeClock()).close()
    return data_dir / "proctor.db"


@pytest.fixture
def config(tmp_path, core_env, migrated_sqlite_file) -> CoreConfig:
    if TEST_DATABASE_URL:
        _fresh_database(TEST_DATABASE_URL)
        core_env = {**core_env, "PROCTOR_DATABASE_URL": TEST_DATABASE_URL}
    elif "PROCTOR_DATABASE_URL" not in core_env \
            and not (tmp_path / "data" / migrated_sqlite_file.name).exists():
        (tmp_path / "data").mkdir(mode=0o700, exist_ok=True)
        shutil.copy2(migrated_sqlite_file, tmp_path / "data" / migrated_sqlite_file.name)
    return CoreConfig.load(data_dir=tmp_path / "data", env=core_env)


def _fresh_database(url: str) -> None:
    """The test database as a core's first start leaves it: at the newest schema, with no rows.
    When an earlier test left it at the newest schema its rows are deleted (tens of
    milliseconds), else the schema is emptied for the core to migrate (most of a second)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        if is_at_head(engine):
            with engine.begin() as connection:
                connection.execute(text("SET LOCAL session_replication_role = replica"))
                for (table,) in connection.execute(text(
                        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        "AND tablename <> 'alembic_version'")):
                    connection.execute(text(f'DELETE FROM "{table}"'))
                for (sequence,) in connection.execute(text(
                        "SELECT sequence_name FROM information_schema.sequences "
                        "WHERE sequence_schema = 'public'")):
                    connection.execute(text(f'ALTER SEQUENCE "{sequence}" RESTART'))
            return
    finally:
        engine.dispose()
    _empty_database(url)


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
    live = LiveServer(core, server)
    try:
        yield live
    finally:
        live.close_clients()
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

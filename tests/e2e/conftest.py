"""End-to-end processes use the test database: with TEST_DATABASE_URL (a throw-away PostgreSQL
database) every process a test starts inherits it as PROCTOR_DATABASE_URL, fresh (the newest
schema, no rows); without it they make their own SQLite files in their data dirs."""

from __future__ import annotations

import pytest

from tests.conftest import TEST_DATABASE_URL, _fresh_database


@pytest.fixture(autouse=True)
def processes_use_the_test_database(monkeypatch: pytest.MonkeyPatch) -> None:
    if TEST_DATABASE_URL:
        _fresh_database(TEST_DATABASE_URL)
        monkeypatch.setenv("PROCTOR_DATABASE_URL", TEST_DATABASE_URL)

"""A database that does not answer is a fault of the center that passes, never a refusal: a
request answers 503 with ``Retry-After`` and a sentence (not a generic 500), the health route
says ``degraded`` with 503, and the same requests succeed once the database answers again.

Here on SQLite, behind a real server on a real port: another program keeps the database file
locked for writing (a ``sqlite3`` shell left in a transaction, a backup tool). The PostgreSQL
case, a real server stopped and started, is in test_database_down_postgres.py."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from sqlalchemy.engine import make_url

import core.db.engine
from console.proctor.actions import explain
from console.proctor.center import CenterUnavailable
from core import __version__
from tests.conftest import TEST_DATABASE_URL
from tests.core.api.support import (
    API,
    Kiosk,
    admin_client,
    assert_readable,
    bearer,
    plain_http,
    start_kiosk,
)
from tests.helpers import LiveServer, jpeg_bytes, new_snapshot_id

pytestmark = pytest.mark.skipif(bool(TEST_DATABASE_URL),
                                reason="locks the SQLite file; PostgreSQL has its own test")


@pytest.fixture(autouse=True)
def short_busy_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writers give up on a locked file after half a second instead of the core's 15: the
    fault is the same, the test shorter. (Set before the core opens its connections.)"""
    monkeypatch.setattr(core.db.engine, "BUSY_TIMEOUT_MS", 500)


@contextmanager
def locked_by_another_program(live_server: LiveServer) -> Iterator[None]:
    """Another connection, as another program would open it, holds the write lock."""
    path = make_url(live_server.core.config.database_url).database
    assert path
    other = sqlite3.connect(path, isolation_level=None, timeout=5)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


def post_frame(client: httpx.Client, kiosk: Kiosk, snapshot_id: str) -> httpx.Response:
    return client.post(f"{API}/attempts/{kiosk.attempt_id}/snapshots",
                       headers=bearer(kiosk.token),
                       files={"image": ("frame.jpg", jpeg_bytes(), "image/jpeg")},
                       data={"snapshot_id": snapshot_id})


def test_a_locked_database_answers_503_with_retry_after_and_uploads_resume_when_it_is_free(
        live_server, exam):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    admin = bearer(live_server.core.config.admin_key)
    snapshot_id = new_snapshot_id()
    with httpx.Client(base_url=live_server.url, transport=plain_http(), timeout=20) as client:
        with locked_by_another_program(live_server):
            refused = post_frame(client, kiosk, snapshot_id)
            flag = client.post(f"{API}/proctor/sessions/{kiosk.session_id}/flag", headers=admin,
                               json={"reason": "second person"})
            health = client.get(f"{API}/health")

        for response in (refused, flag):
            assert "not answering" in assert_readable(response, 503)
            assert response.headers["Retry-After"] == "5"
        assert health.status_code == 503
        assert health.headers["Retry-After"] == "5"
        assert {k: v for k, v in health.json().items() if k != "detail"} == {
            "status": "degraded", "database": "unreachable", "version": __version__}

        stored = post_frame(client, kiosk, snapshot_id)  # the kiosk's retry of the same frame
        assert stored.status_code == 201, stored.text
        assert client.get(f"{API}/health").json() == {
            "status": "ok", "database": "ok", "version": __version__}
        assert client.post(f"{API}/proctor/sessions/{kiosk.session_id}/flag", headers=admin,
                           json={"reason": "second person"}).status_code == 200


def test_the_health_probe_leaves_the_connections_their_own_busy_timeout(live_server):
    with httpx.Client(base_url=live_server.url, transport=plain_http(), timeout=20) as client:
        assert client.get(f"{API}/health").status_code == 200
    engine = live_server.core.engine
    pooled = engine.pool.checkedin()  # type: ignore[attr-defined]
    assert pooled >= 1
    connections = [engine.connect() for _ in range(pooled)]  # every one the pool holds
    try:
        timeouts = {c.exec_driver_sql("PRAGMA busy_timeout").scalar() for c in connections}
    finally:
        for connection in connections:
            connection.close()
    assert timeouts == {500}


def test_the_remote_console_tells_a_proctor_the_database_is_not_answering_and_nothing_changed(
        live_server, exam):
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    center = admin_client(live_server)
    try:
        with locked_by_another_program(live_server), \
                pytest.raises(CenterUnavailable) as refused:
            center.flag_session(kiosk.session_id, "second person")
        assert center.flag_session(kiosk.session_id, "second person").flag_reason
    finally:
        center.close()

    told = explain("flag", refused.value)
    assert told.startswith("The exam center's database is not answering")
    assert told.endswith("Nothing was changed.")

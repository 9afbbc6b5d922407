"""Upgrading a database from before failed uploads had a cause: the upload_failed events stored
then were weighed against the candidate, so they read as refused; other events have no cause.
A downgrade takes the column away again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from core.db.engine import create_db_engine
from core.db.migrate import alembic_config, upgrade_to_head

T = "'2026-12-01 09:00:00'"


def test_failed_uploads_stored_before_causes_existed_read_as_refused(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0006")
        connection.commit()
    with engine.begin() as connection:
        for statement in (
            f"INSERT INTO exams (id, title, duration_seconds, proctoring_enabled,"
            f" snapshot_interval_seconds, created_at) VALUES ('x', 'Algebra', 3600, 1, 30, {T})",
            "INSERT INTO candidates (id, ref, name) VALUES ('c', 'C-1', 'Ann Lee')",
            f"INSERT INTO attempts (id, exam_id, candidate_id, status, started_at, deadline_at)"
            f" VALUES ('a', 'x', 'c', 'in_progress', {T}, {T})",
            f"INSERT INTO proctor_sessions (id, attempt_id, status, started_at, snapshot_count,"
            f" risk_score, is_flagged) VALUES ('s', 'a', 'active', {T}, 0, 3, 0)",
            f"INSERT INTO proctor_events (id, session_id, type, source, occurred_at, recorded_at)"
            f" VALUES ('e1', 's', 'upload_failed', 'kiosk', {T}, {T}),"
            f" ('e2', 's', 'focus_lost', 'kiosk', {T}, {T})",
        ):
            connection.execute(text(statement))

    upgrade_to_head(engine)

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, cause FROM proctor_events ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("e1", "refused"), ("e2", None)]

    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
        connection.commit()
    assert "cause" not in {c["name"] for c in inspect(engine).get_columns("proctor_events")}
    engine.dispose()

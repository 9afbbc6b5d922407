"""Upgrading a database from before the evidence chain: every stored event joins its session's
chain in the order it was recorded, and the chain checks intact."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import text

from core.db.engine import create_db_engine
from core.db.migrate import alembic_config, upgrade_to_head
from core.domain.evidence import check_chain, event_content


def utc(text_time: str) -> datetime:
    return datetime.fromisoformat(text_time).replace(tzinfo=UTC)


def test_events_stored_before_the_chain_are_chained_in_the_order_they_were_recorded(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0010")
        connection.commit()
    t = "'2026-12-01 09:00:0{}'"
    with engine.begin() as connection:
        for statement in (
            f"INSERT INTO exams (id, title, duration_seconds, proctoring_enabled,"
            f" snapshot_interval_seconds, created_at)"
            f" VALUES ('x', 'Algebra', 3600, 1, 30, {t.format(0)})",
            "INSERT INTO candidates (id, ref, name) VALUES ('c', 'C-1', 'Ann Lee')",
            f"INSERT INTO attempts (id, exam_id, candidate_id, status, started_at, deadline_at)"
            f" VALUES ('a', 'x', 'c', 'in_progress', {t.format(0)}, {t.format(0)})",
            f"INSERT INTO proctor_sessions (id, attempt_id, status, started_at, snapshot_count,"
            f" risk_score, is_flagged) VALUES ('s', 'a', 'active', {t.format(0)}, 0, 3, 0)",
            f"INSERT INTO proctor_events (id, session_id, type, source, occurred_at, recorded_at)"
            f" VALUES ('e2', 's', 'focus_lost', 'kiosk', {t.format(2)}, {t.format(2)}),"
            f" ('e1', 's', 'session_started', 'system', {t.format(1)}, {t.format(1)})",
        ):
            connection.execute(text(statement))

    upgrade_to_head(engine)

    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT id, type, detail, source, occurred_at, recorded_at, actor, cause, chain_seq,"
            " chain_hash FROM proctor_events ORDER BY chain_seq")).mappings().all()
        length = connection.execute(text("SELECT chain_length FROM proctor_sessions")).scalar()
    engine.dispose()
    assert [(r["id"], r["chain_seq"]) for r in rows] == [("e1", 1), ("e2", 2)] and length == 2
    chain = [(event_content(r["chain_seq"], session_id="s", event_id=r["id"], type=r["type"],
                            detail=r["detail"], source=r["source"],
                            occurred_at=utc(r["occurred_at"]), recorded_at=utc(r["recorded_at"]),
                            actor=r["actor"], cause=r["cause"]), r["chain_hash"]) for r in rows]
    assert check_chain(chain) == []

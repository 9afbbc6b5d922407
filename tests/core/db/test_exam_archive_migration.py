"""Upgrading a database from before exams could be archived keeps every exam, listed for kiosks
(not archived), and a downgrade takes the column away again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from core.db.engine import create_db_engine
from core.db.migrate import alembic_config, upgrade_to_head


def test_exams_made_before_archiving_existed_stay_listed(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.commit()
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO exams VALUES ('e', 'Algebra', 3600, 1, 30, '2026-12-01 09:00:00')"))

    upgrade_to_head(engine)

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT id, title, is_archived FROM exams")).all()
    assert [tuple(r) for r in rows] == [("e", "Algebra", 0)]

    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
        connection.commit()
    assert "is_archived" not in {c["name"] for c in inspect(engine).get_columns("exams")}
    engine.dispose()

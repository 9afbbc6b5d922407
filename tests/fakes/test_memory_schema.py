"""The in-memory database's schema (``Base.metadata.create_all``) is the one Alembic's head
makes: the same tables, with the same columns, types, nullability, defaults, keys and indexes
(column order aside). So a test on ``memory_core`` runs against the schema a real data folder
has, and a migration that the models do not follow (or the reverse) fails here."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, inspect, text

from core.db.engine import create_db_engine
from core.db.migrate import upgrade_to_head
from core.domain.domain_events import ExamsChanged
from core.events.bus import EventBus
from tests.fakes.memory_core import memory_engine, memory_uow_over

ALEMBIC_OWN = {"alembic_version"}


def schema(engine: Engine) -> dict[str, dict]:
    found = inspect(engine)
    return {
        table: {
            # By name: a column a migration added comes last in its table, wherever the model
            # declares it, and nothing reads columns by position.
            "columns": sorted((c["name"], str(c["type"]), c["nullable"], c["primary_key"],
                               c["default"]) for c in found.get_columns(table)),
            "primary_key": found.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted((tuple(fk["constrained_columns"]), fk["referred_table"],
                                    tuple(fk["referred_columns"]))
                                   for fk in found.get_foreign_keys(table)),
            "indexes": sorted((tuple(i["column_names"]), bool(i["unique"]))
                              for i in found.get_indexes(table)),
            "unique": sorted(tuple(u["column_names"])
                             for u in found.get_unique_constraints(table)),
        }
        for table in sorted(set(found.get_table_names()) - ALEMBIC_OWN)
    }


@pytest.mark.db  # migrates a real SQLite file to Alembic's head
def test_the_in_memory_schema_is_the_one_alembic_head_makes(tmp_path):
    migrated = create_db_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    upgrade_to_head(migrated)
    in_memory = memory_engine()
    try:
        expected, actual = schema(migrated), schema(in_memory)
        assert list(actual) == list(expected)
        for table in expected:
            assert actual[table] == expected[table], table
    finally:
        migrated.dispose()
        in_memory.dispose()


def test_the_comparison_sees_a_column_the_migrations_do_not_make(tmp_path):
    in_memory = memory_engine()
    before = schema(in_memory)
    with in_memory.begin() as connection:
        connection.execute(text("ALTER TABLE exams ADD COLUMN room VARCHAR(40)"))
    assert schema(in_memory)["exams"] != before["exams"]
    in_memory.dispose()


def test_a_memory_unit_of_work_publishes_its_events_after_the_commit(memory_uow):
    bus = EventBus()
    heard: list = []
    bus.subscribe(heard.append)
    uow = memory_uow_over(bus=bus)
    with uow.write() as ws:
        ws.emit(ExamsChanged("exam-1"))
        assert heard == []
    assert heard == [ExamsChanged("exam-1")]
    with uow.read() as session:
        assert session.execute(text("SELECT count(*) FROM changes")).scalar() == 1

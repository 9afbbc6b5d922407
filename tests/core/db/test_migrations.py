"""The Alembic migrations build exactly the schema the models describe, and upgrading a database
that is already current changes nothing (every start runs the upgrade)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Column, Engine, MetaData, String, text

from core.bootstrap import build_core
from core.db.engine import create_db_engine
from core.db.migrate import alembic_config, upgrade_to_head
from core.db.models import Base
from tests.core.api.support import database_state


def schema_differences(engine: Engine, metadata: MetaData) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "render_as_batch": True})
        return compare_metadata(context, metadata)


def schema_sql(engine: Engine) -> list[tuple[str, str, str]]:
    with engine.connect() as connection:
        return sorted(connection.execute(text(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL")).all())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_a_freshly_upgraded_database_matches_the_models(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    upgrade_to_head(engine)

    assert schema_differences(engine, Base.metadata) == []
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert current_revision(engine) == head
    engine.dispose()


def test_the_comparison_would_notice_a_model_the_migrations_lack(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    upgrade_to_head(engine)
    grown = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(grown)
    grown.tables["exams"].append_column(Column("room", String(40), nullable=True))

    differences = schema_differences(engine, grown)

    assert [d[0] for d in differences] == ["add_column"]
    engine.dispose()


def test_upgrading_a_current_database_again_changes_nothing(tmp_path):
    engine = create_db_engine(f"sqlite:///{tmp_path / 'proctor.db'}")
    upgrade_to_head(engine)
    schema, rows = schema_sql(engine), database_state(engine)

    upgrade_to_head(engine)

    assert schema_sql(engine) == schema
    assert database_state(engine) == rows
    engine.dispose()


def test_a_restart_keeps_the_data_of_the_previous_run(config, clock):
    first = build_core(config, clock)
    exam = first.exams.create_exam("Algebra final", 3600)
    started = first.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee")
    rows = database_state(first.engine)
    first.close()

    second = build_core(config, clock)
    try:
        assert database_state(second.engine) == rows
        assert second.attempts.get_attempt(started.attempt_id).status == "in_progress"
        assert [e.exam_id for e in second.exams.list_exams()] == [exam.exam_id]
    finally:
        second.close()


def test_upgrading_from_the_first_revision_marks_sessions_whose_camera_was_left_off(tmp_path):
    from alembic import command

    engine = create_db_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.commit()
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO exams VALUES ('e', 'Algebra', 3600, 1, 30, '2026-12-01 09:00:00')"))
        connection.execute(text("INSERT INTO candidates VALUES ('c1', 'C-1', 'Ann'),"
                                " ('c2', 'C-2', 'Ben')"))
        for n in (1, 2):
            connection.execute(text(
                f"INSERT INTO attempts (id, exam_id, candidate_id, status, started_at,"
                f" deadline_at) VALUES ('a{n}', 'e', 'c{n}', 'in_progress',"
                f" '2026-12-01 09:00:00', '2026-12-01 10:00:00')"))
            connection.execute(text(
                f"INSERT INTO proctor_sessions (id, attempt_id, status, started_at,"
                f" snapshot_count, risk_score, is_flagged) VALUES ('s{n}', 'a{n}', 'active',"
                f" '2026-12-01 09:00:00', 0, 0, 0)"))
        events = [("s1", "camera_denied", "09:01"), ("s2", "camera_denied", "09:01"),
                  ("s2", "camera_restored", "09:02")]
        for n, (session, kind, at) in enumerate(events):
            connection.execute(text(
                f"INSERT INTO proctor_events VALUES ('ev{n}', '{session}', '{kind}', NULL,"
                f" 'kiosk', '2026-12-01 {at}:00', '2026-12-01 {at}:00')"))

    upgrade_to_head(engine)

    with engine.connect() as connection:
        camera_off = dict(connection.execute(text(
            "SELECT id, camera_off FROM proctor_sessions")).all())
    assert camera_off == {"s1": 1, "s2": 0}
    engine.dispose()

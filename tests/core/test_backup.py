"""Backups of a center on its real SQLite file and media folder (core/backup.py): a backup holds
the database, every snapshot's files, the keys and the TLS identity with their SHA-256s; it leaves
the running center's lock and files alone; a restore makes a center that serves the same
snapshots with the same identity, at the newest schema; bad input gets one sentence.

The PostgreSQL side (pg_dump, pg_restore) runs against real processes in
tests/e2e/test_backup.py."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from core.backup import (
    MEDIA_REFERENCES,
    BackupError,
    CenterLocation,
    read_manifest,
    restore_backup,
    take_backup,
)
from core.bootstrap import Core, build_core
from core.config import CoreConfig
from core.data_dir_lock import DataDirInUse, DataDirLock
from core.db.engine import create_db_engine
from core.db.migrate import alembic_config
from core.domain.clock import FakeClock
from core.net.evidence_key import KEY_FILE, KEYS_DIR
from core.net.tls import ensure_server_certificates, read_fingerprint
from tests.core.api.support import start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id

#: The center's evidence key, made by the core on its first start.
EVIDENCE_KEY = f"{KEYS_DIR}/{KEY_FILE}"

pytestmark = pytest.mark.db

#: Only the database's own settings: these tests are about SQLite files (never a developer's or
#: the PostgreSQL pass's database).
SQLITE_ENV = {"PROCTOR_ANALYSIS": "0"}


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def open_center(data_dir: Path) -> Core:
    return build_core(CoreConfig.load(data_dir=data_dir, env=SQLITE_ENV), FakeClock())


@pytest.fixture
def center(tmp_path) -> Iterator[tuple[Core, list[str]]]:
    """A center with a TLS identity, an evidence key folder and three snapshots in two
    sessions, still open (its database in WAL mode, as while serving)."""
    core = open_center(tmp_path / "center")
    ensure_server_certificates(core.config.data_dir)
    assert (core.config.data_dir / EVIDENCE_KEY).is_file()  # made by the core on its start
    exam = core.exams.create_exam("Algebra final", 3600)
    ids = []
    for ref, count in (("C-1", 2), ("C-2", 1)):
        kiosk = start_kiosk(core, exam.exam_id, ref)
        for _ in range(count):
            ids.append(new_snapshot_id())
            core.snapshots.record_snapshot(kiosk.attempt_id, ids[-1], jpeg_bytes(seed=len(ids)))
    yield core, ids
    core.close()


def location(core: Core) -> CenterLocation:
    return CenterLocation(core.config.data_dir, core.config.database_url, core.config.media_root)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_holds_the_database_every_snapshot_s_files_keys_and_tls_with_their_sha256(
        center, tmp_path):
    core, ids = center
    data_dir = core.config.data_dir

    report = take_backup(location(core), tmp_path / "backup")

    assert report.line() == f"backup: 3 snapshots, 2 sessions -> {tmp_path / 'backup'}"
    manifest = read_manifest(tmp_path / "backup")
    listed = {entry["path"]: entry for entry in manifest["files"]}
    media = {f"media/{core.snapshots.image_path(i).relative_to(core.config.media_root)}"
             for i in ids}
    media |= {f"media/{core.snapshots.thumbnail_path(i).relative_to(core.config.media_root)}"
              for i in ids}
    assert set(listed) == {"proctor.db", "keys.json", "tls/ca.key", "tls/ca.pem",
                           "tls/server.key", "tls/server.pem", EVIDENCE_KEY, *media}
    for name in ("keys.json", "tls/ca.key", "tls/server.pem", EVIDENCE_KEY):
        assert listed[name]["sha256"] == sha256(data_dir / name)
    for name in media:
        assert listed[name]["sha256"] == sha256(core.config.media_root / name[len("media/"):])
        assert listed[name]["size"] == (tmp_path / "backup" / name).stat().st_size
    assert listed["proctor.db"]["sha256"] == sha256(tmp_path / "backup" / "proctor.db")
    assert manifest["counts"] == {"snapshots": 3, "sessions": 2, "files": len(listed)}
    assert manifest["schema_revision"] == head_revision()
    assert manifest["source"]["data_dir"] == str(data_dir)
    assert manifest["created_at"] and manifest["missing"] == []
    assert (tmp_path / "backup" / "tls" / "ca.key").stat().st_mode & 0o077 == 0


def test_a_backup_works_beside_the_running_center_s_lock_and_changes_nothing_of_it(
        center, tmp_path):
    core, _ids = center
    data_dir = core.config.data_dir
    with DataDirLock(data_dir, "proctor-server"):
        before = {p: p.read_bytes() for p in data_dir.rglob("*")
                  if p.is_file() and not p.name.startswith("proctor.db")}

        take_backup(location(core), tmp_path / "backup")

        with pytest.raises(DataDirInUse):  # the server's lock is still held
            DataDirLock(data_dir, "another").acquire()
        after = {p: p.read_bytes() for p in data_dir.rglob("*")
                 if p.is_file() and not p.name.startswith("proctor.db")}
    assert after == before
    assert not (tmp_path / "backup" / "proctor.lock").exists()


def test_a_restored_center_serves_every_snapshot_with_the_same_keys_and_identity(
        center, tmp_path):
    core, ids = center
    images = {i: core.snapshots.read_image(i) for i in ids}
    take_backup(location(core), tmp_path / "backup")

    report = restore_backup(tmp_path / "backup", tmp_path / "restored", env={})

    assert report.line() == f"restored: 3 snapshots, 2 sessions -> {tmp_path / 'restored'}"
    restored = open_center(tmp_path / "restored")
    try:
        assert {i: restored.snapshots.read_image(i) for i in ids} == images
        assert restored.config.admin_key == core.config.admin_key
        assert restored.config.kiosk_key == core.config.kiosk_key
        assert len(restored.proctoring.list_sessions("all")) == 2
    finally:
        restored.close()
    assert read_fingerprint(tmp_path / "restored") == read_fingerprint(core.config.data_dir)
    assert ((tmp_path / "restored" / EVIDENCE_KEY).read_bytes()
            == (core.config.data_dir / EVIDENCE_KEY).read_bytes())


def test_a_snapshot_whose_file_is_gone_when_the_media_is_copied_is_reported_as_missing(
        center, tmp_path):
    core, ids = center
    gone = core.snapshots.image_path(ids[1])
    gone.unlink()

    report = take_backup(location(core), tmp_path / "backup")

    relative = gone.relative_to(core.config.media_root).as_posix()
    assert [(m.table, m.row_id, m.path) for m in report.missing] == [
        ("snapshots", ids[1], relative)]
    assert ids[1] in report.missing[0].sentence() and relative in report.missing[0].sentence()
    manifest = read_manifest(tmp_path / "backup")
    assert manifest["missing"] == [{"table": "snapshots", "id": ids[1], "path": relative}]
    assert f"media/{relative}" not in {entry["path"] for entry in manifest["files"]}
    assert restore_backup(tmp_path / "backup", tmp_path / "restored", env={}).missing == 1


def test_an_older_backup_restores_into_this_version_at_the_newest_revision(tmp_path):
    data_dir = tmp_path / "old-center"
    CoreConfig.load(data_dir=data_dir, env=SQLITE_ENV)  # its keys.json
    engine = create_db_engine(f"sqlite:///{data_dir / 'proctor.db'}")
    config = alembic_config()
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0009")
        connection.commit()
    engine.dispose()
    old = CenterLocation.find(data_dir, env={})

    take_backup(old, tmp_path / "backup")
    assert read_manifest(tmp_path / "backup")["schema_revision"] == "0009"
    report = restore_backup(tmp_path / "backup", tmp_path / "restored", env={})

    assert report.schema_revision == head_revision() != "0009"
    engine = create_db_engine(f"sqlite:///{tmp_path / 'restored' / 'proctor.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() \
            == head_revision()
    engine.dispose()


def test_every_column_of_media_paths_in_the_models_is_copied_by_a_backup():
    from core.db.models import Base

    path_columns = {
        (table.name, column.name)
        for table in Base.metadata.tables.values() for column in table.columns
        if column.name == "path" or column.name.endswith("_path")
    }
    copied = {(table, column) for table, (_what, columns) in MEDIA_REFERENCES.items()
              for column in columns}
    assert path_columns == copied


def test_the_backup_finds_the_center_where_the_server_does():
    env = {"PROCTOR_DATA_DIR": "/srv/proctor"}
    assert CenterLocation.find(None, env) == CenterLocation(
        Path("/srv/proctor"), "sqlite:////srv/proctor/proctor.db",
        Path("/srv/proctor/media_storage"))


def test_the_backup_finds_the_center_as_the_core_configuration_does(tmp_path):
    for env in ({}, {"PROCTOR_MEDIA_ROOT": str(tmp_path / "media"),
                     "PROCTOR_DATABASE_URL": f"sqlite:///{tmp_path / 'elsewhere.db'}"}):
        config = CoreConfig.load(data_dir=tmp_path / "data", env=env)
        found = CenterLocation.find(tmp_path / "data", env)
        assert (found.data_dir, found.database_url, found.media_root) == (
            config.data_dir, config.database_url, config.media_root)


# ---- bad input ---------------------------------------------------------------------------------
def test_a_backup_into_a_folder_that_exists_is_refused_and_the_folder_left_alone(
        center, tmp_path):
    core, _ids = center
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "notes.txt").write_text("mine")

    with pytest.raises(BackupError, match=r"already exists; a backup goes into a new folder"):
        take_backup(location(core), tmp_path / "backup")
    assert [p.name for p in (tmp_path / "backup").iterdir()] == ["notes.txt"]


def test_a_backup_of_a_folder_that_is_not_a_center_is_refused(tmp_path):
    (tmp_path / "photos").mkdir()
    with pytest.raises(BackupError, match=r"is not a center's data dir \(it has no keys.json\)"):
        take_backup(CenterLocation.find(tmp_path / "photos", env={}), tmp_path / "backup")
    assert not (tmp_path / "backup").exists()


def test_a_postgresql_backup_without_pg_dump_says_what_to_install(tmp_path, monkeypatch):
    CoreConfig.load(data_dir=tmp_path / "center", env=SQLITE_ENV)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    where = CenterLocation(tmp_path / "center", "postgresql+psycopg://u@localhost/proctor",
                           tmp_path / "media")

    with pytest.raises(BackupError) as refused:
        take_backup(where, tmp_path / "backup", pg_bin_globs=())

    assert str(refused.value) == (
        "pg_dump is not installed: a PostgreSQL center's backup and restore need PostgreSQL's "
        "client programs (pg_dump, pg_restore; the postgresql-client package) on PATH.")
    assert not (tmp_path / "backup").exists()


@pytest.fixture
def backup(center, tmp_path) -> Path:
    core, _ids = center
    take_backup(location(core), tmp_path / "backup")
    return tmp_path / "backup"


def test_a_restore_into_a_folder_that_is_not_empty_is_refused(backup, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine")

    with pytest.raises(BackupError, match=r"used \(the new data dir\) is not empty; restore into "
                                          r"a new or empty folder\.$"):
        restore_backup(backup, tmp_path / "used", env={})
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]


def test_a_restore_from_a_folder_that_is_not_there_is_refused(tmp_path):
    with pytest.raises(BackupError, match=r"There is no backup at .*nowhere; name the folder"):
        restore_backup(tmp_path / "nowhere", tmp_path / "restored", env={})
    assert not (tmp_path / "restored").exists()


def test_a_restore_names_the_file_changed_since_the_backup_and_writes_nothing(backup, tmp_path):
    manifest = read_manifest(backup)
    image = next(e["path"] for e in manifest["files"] if e["path"].endswith(".jpg")
                 and ".thumb" not in e["path"])
    data = bytearray((backup / image).read_bytes())
    data[len(data) // 2] ^= 0xFF  # the same size, one byte different
    (backup / image).write_bytes(bytes(data))

    with pytest.raises(BackupError) as refused:
        restore_backup(backup, tmp_path / "restored", env={})

    assert str(refused.value) == (f"The backup {backup} is damaged: {image} has changed since "
                                  "the backup was made; restore from another backup.")
    assert not (tmp_path / "restored").exists()


def test_a_restore_names_the_files_missing_from_the_backup(backup, tmp_path):
    (backup / "tls" / "ca.key").unlink()
    (backup / "proctor.db").unlink()

    with pytest.raises(BackupError, match=r"is damaged: proctor.db, tls/ca.key are missing;"):
        restore_backup(backup, tmp_path / "restored", env={})


@pytest.mark.parametrize("damage", [
    lambda m: "{ not json",
    lambda m: json.dumps({**m, "format": "something-else"}),
    lambda m: json.dumps({**m, "files": [*m["files"], {"path": "../../etc/passwd",
                                                       "sha256": "0" * 64, "size": 1}]}),
], ids=["unreadable", "another format", "a path outside the backup"])
def test_a_restore_refuses_a_manifest_that_is_not_a_backup_s(backup, tmp_path, damage):
    manifest = json.loads((backup / "manifest.json").read_text())
    (backup / "manifest.json").write_text(damage(manifest))

    with pytest.raises(BackupError, match=r"manifest.json is not a backup manifest: .*; restore "
                                          r"from another backup\.$"):
        restore_backup(backup, tmp_path / "restored", env={})
    assert not (tmp_path / "restored").exists()


def test_a_sqlite_backup_is_not_restored_into_postgresql(backup, tmp_path):
    with pytest.raises(BackupError, match="holds a SQLite database, and PROCTOR_DATABASE_URL "
                                          "names PostgreSQL"):
        restore_backup(backup, tmp_path / "restored",
                       env={"PROCTOR_DATABASE_URL": "postgresql+psycopg://u@localhost/x"})

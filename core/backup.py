"""Backups of a center: ``proctor-server backup DEST`` and ``proctor-server restore SRC``.

A backup is a folder that did not exist before, holding:

- the database: on SQLite ``proctor.db``, copied through SQLite's online backup API (one step, so
  one consistent read of the live WAL database while the server keeps writing); on PostgreSQL
  ``database.pgdump``, a ``pg_dump`` custom-format dump taken on a snapshot exported from a
  repeatable-read transaction, so the media list below is read from exactly the rows dumped;
- ``media/``: the image and thumbnail of every snapshot row the copied database holds (files that
  arrive later belong to the next backup; a row whose file is gone at copy time is listed under
  ``missing`` in the manifest and reported, never passed off as whole);
- ``keys.json``, the TLS identity ``tls/`` and, when the center has one, ``keys/`` (the evidence
  signing key): a center restored from them keeps its identity, and kiosks keep trusting it;
- ``manifest.json``, written last: every file's SHA-256 and size, the counts, the schema
  revision, when and from where.

A backup only reads the center: it does not take the data dir's lock (``core.data_dir_lock``,
held by the running server), never opens the lock file and writes nothing into the data dir.

``restore`` checks the manifest and every file's SHA-256 before it writes anything, refuses a
non-empty target, takes the new data dir's lock while it works, copies the files (SQLite) or runs
``pg_restore`` into the empty database of ``PROCTOR_DATABASE_URL`` (PostgreSQL), then upgrades the
schema to this version's newest revision, so an older backup restores into a newer version.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from core.config import KEYS_FILE_NAME, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, default_data_dir
from core.data_dir_lock import DataDirInUse, DataDirLock

MANIFEST_NAME = "manifest.json"
BACKUP_FORMAT = "proctor-backup/1"
SQLITE_FILE_NAME = "proctor.db"
PG_DUMP_FILE_NAME = "database.pgdump"
MEDIA_DIR_NAME = "media"
#: Where a center keeps its files when the environment does not say (as ``CoreConfig.load``).
DEFAULT_MEDIA_DIR_NAME = "media_storage"
TLS_DIR_NAME = "tls"
EVIDENCE_KEYS_DIR_NAME = "keys"
#: Where PostgreSQL's client programs are looked for when they are not on PATH (Debian, Ubuntu).
PG_BIN_GLOBS = ("/usr/lib/postgresql/*/bin",)
PG_TIMEOUT_SECONDS = 3600
CHUNK = 1024 * 1024
#: Every table whose rows point to media files: table -> (what one row is, its path columns).
#: A table that gains a column of relative media paths belongs here, or its files are not copied
#: (tests/core/test_backup.py checks the models against this).
MEDIA_REFERENCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "snapshots": ("snapshot", ("path", "thumbnail_path")),
}
#: How many files a refusal names before it says "and N more".
NAMED_AT_MOST = 5


class BackupError(RuntimeError):
    """The backup or restore cannot be done; ``str(error)`` is one sentence saying why and what
    to do."""


@dataclass(frozen=True)
class CenterLocation:
    """Where a center's database, media and keys are (as ``CoreConfig.load`` finds them, without
    making anything)."""

    data_dir: Path
    database_url: str
    media_root: Path

    @classmethod
    def find(cls, data_dir: str | os.PathLike[str] | None = None,
             env: Mapping[str, str] | None = None) -> CenterLocation:
        env = os.environ if env is None else env
        folder = Path(data_dir or env.get("PROCTOR_DATA_DIR") or default_data_dir())
        folder = folder.expanduser().resolve()
        media_root = Path(env.get("PROCTOR_MEDIA_ROOT") or folder / DEFAULT_MEDIA_DIR_NAME)
        database_url = (env.get("PROCTOR_DATABASE_URL")
                        or f"sqlite:///{folder / SQLITE_FILE_NAME}")
        return cls(folder, database_url, media_root.expanduser().resolve())

    @property
    def is_postgresql(self) -> bool:
        return self.database_url.startswith("postgresql")

    @property
    def sqlite_path(self) -> Path:
        from sqlalchemy.engine import make_url

        return Path(make_url(self.database_url).database or "")


@dataclass(frozen=True)
class MissingFile:
    """A row of the backup whose file was not there when the backup copied the media."""

    table: str
    row_id: str
    path: str

    def sentence(self) -> str:
        what = MEDIA_REFERENCES.get(self.table, (self.table, ()))[0]
        return (f"{what} {self.row_id}: its file {self.path} was missing from the media "
                "root when the backup copied it; the row is kept and listed under \"missing\" "
                "in the manifest")


@dataclass(frozen=True)
class BackupReport:
    destination: Path
    snapshots: int
    sessions: int
    files: int
    total_bytes: int
    schema_revision: str | None
    missing: tuple[MissingFile, ...] = ()

    def line(self) -> str:
        return f"backup: {self.snapshots} snapshots, {self.sessions} sessions -> {self.destination}"


@dataclass(frozen=True)
class RestoreReport:
    data_dir: Path
    snapshots: int
    sessions: int
    schema_revision: str | None
    missing: int = 0

    def line(self) -> str:
        return (f"restored: {self.snapshots} snapshots, {self.sessions} sessions -> "
                f"{self.data_dir}")


@dataclass
class _Contents:
    """What the copied database holds: counts, revision and the media its rows point to."""

    snapshots: int = 0
    sessions: int = 0
    schema_revision: str | None = None
    media: list[tuple[str, str, str]] = field(default_factory=list)  # (table, row id, path)


# ---- backup ------------------------------------------------------------------------------------
def take_backup(location: CenterLocation, destination: str | os.PathLike[str], *,
                now: Callable[[], datetime] = lambda: datetime.now(UTC),
                pg_bin_globs: Sequence[str] = PG_BIN_GLOBS) -> BackupReport:
    """Copy the center at ``location`` into the new folder ``destination``."""
    dest = Path(destination).expanduser().absolute()
    if dest.exists() or dest.is_symlink():
        raise BackupError(f"{dest} already exists; a backup goes into a new folder: give a path "
                          "that does not exist yet.")
    _check_center(location)
    pg_dump = _pg_program("pg_dump", pg_bin_globs) if location.is_postgresql else None
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.mkdir(dest, PRIVATE_DIR_MODE)
    except FileExistsError:
        raise BackupError(f"{dest} already exists; a backup goes into a new folder: give a path "
                          "that does not exist yet.") from None
    os.chmod(dest, PRIVATE_DIR_MODE)
    try:
        return _fill_backup(location, dest, now, pg_dump)
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)  # no half backup is left to be mistaken for one
        raise


def _fill_backup(location: CenterLocation, dest: Path, now: Callable[[], datetime],
                 pg_dump: Path | None) -> BackupReport:
    created_at = now()
    files: dict[str, dict[str, Any]] = {}
    if pg_dump is not None:
        database_name = PG_DUMP_FILE_NAME
        contents = _dump_postgresql(location.database_url, dest / database_name, pg_dump)
    else:
        database_name = SQLITE_FILE_NAME
        contents = _copy_sqlite(location.sqlite_path, dest / database_name)
    files[database_name] = _describe(dest / database_name)

    missing: list[MissingFile] = []
    copied: set[str] = set()
    for table, row_id, relative in contents.media:
        if relative in copied:
            continue
        target_name = f"{MEDIA_DIR_NAME}/{relative}"
        source = _inside(location.media_root, relative)
        try:
            if source is None:
                raise FileNotFoundError(relative)
            files[target_name] = _copy_file(source, dest / target_name)
        except FileNotFoundError:  # gone (retention, a person) between the rows and the copy
            missing.append(MissingFile(table, row_id, relative))
            continue
        copied.add(relative)

    keys_file = location.data_dir / KEYS_FILE_NAME
    files[KEYS_FILE_NAME] = _copy_file(keys_file, dest / KEYS_FILE_NAME)
    for folder in (TLS_DIR_NAME, EVIDENCE_KEYS_DIR_NAME):
        for source in _files_under(location.data_dir / folder):
            name = source.relative_to(location.data_dir).as_posix()
            files[name] = _copy_file(source, dest / name)

    if hasattr(os, "sync"):
        os.sync()  # every copied file on stable storage before the manifest says it is there
    manifest = {
        "format": BACKUP_FORMAT,
        "created_at": created_at.isoformat(),
        "source": {
            "data_dir": str(location.data_dir),
            "database": _without_password(location.database_url),
            "media_root": str(location.media_root),
        },
        "database": {"kind": "postgresql" if pg_dump else "sqlite", "file": database_name},
        "schema_revision": contents.schema_revision,
        "counts": {"snapshots": contents.snapshots, "sessions": contents.sessions,
                   "files": len(files)},
        "files": [{"path": name, **files[name]} for name in sorted(files)],
        "missing": [{"table": m.table, "id": m.row_id, "path": m.path} for m in missing],
    }
    _write_private(dest / MANIFEST_NAME, json.dumps(manifest, indent=2).encode() + b"\n")
    return BackupReport(dest, contents.snapshots, contents.sessions, len(files),
                        sum(f["size"] for f in files.values()), contents.schema_revision,
                        tuple(missing))


def _check_center(location: CenterLocation) -> None:
    if not location.data_dir.is_dir():
        raise BackupError(f"There is no data dir at {location.data_dir}; name the center's "
                          "folder with --data-dir (or PROCTOR_DATA_DIR).")
    if not (location.data_dir / KEYS_FILE_NAME).is_file():
        raise BackupError(f"{location.data_dir} is not a center's data dir (it has no "
                          f"{KEYS_FILE_NAME}); name the center's folder with --data-dir.")
    if not location.is_postgresql and not location.sqlite_path.is_file():
        raise BackupError(f"The center's database {location.sqlite_path} does not exist; name "
                          "the center's folder with --data-dir, or set PROCTOR_DATABASE_URL.")


def _copy_sqlite(source: Path, target: Path) -> _Contents:
    """One consistent copy of the live database (readers never block the server's writers in WAL
    mode), then the contents read from the copy."""
    live = sqlite3.connect(source, timeout=30)
    try:
        live.execute("PRAGMA query_only=1")  # this connection only reads the center's database
        copy = sqlite3.connect(target)
        try:
            live.backup(copy)  # pages=-1: the whole database in one step, one read transaction
            copy.execute("PRAGMA journal_mode=DELETE")  # the backup is one self-contained file
            contents = _read_contents(copy.execute)
        finally:
            copy.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"The center's database {source} cannot be read ({exc}).") from exc
    finally:
        live.close()
    os.chmod(target, PRIVATE_FILE_MODE)
    return contents


def _read_contents(execute: Callable[[str], Any]) -> _Contents:
    contents = _Contents()
    contents.snapshots = int(execute("SELECT count(*) FROM snapshots").fetchone()[0])
    contents.sessions = int(execute("SELECT count(*) FROM proctor_sessions").fetchone()[0])
    with contextlib.suppress(Exception):
        row = execute("SELECT version_num FROM alembic_version").fetchone()
        contents.schema_revision = row[0] if row else None
    for table, (_what, columns) in MEDIA_REFERENCES.items():
        for row_id, *paths in execute(
                f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id").fetchall():
            contents.media.extend((table, str(row_id), p) for p in paths if p)
    return contents


def _dump_postgresql(url: str, target: Path, pg_dump: Path) -> _Contents:
    """``pg_dump -Fc`` on a snapshot exported by this transaction, which then reads the rows the
    dump holds (and no later ones)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as connection:
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            program_url, program_env = _libpq(url)
            _run([str(pg_dump), "--format=custom", f"--snapshot={snapshot}",
                  f"--file={target}", f"--dbname={program_url}"], program_env, "pg_dump")
            contents = _read_contents(lambda sql: connection.execute(text(sql)))
            connection.rollback()
    except BackupError:
        raise
    except Exception as exc:  # the database did not answer
        raise BackupError(f"The center's database cannot be read ({_first_line(exc)}).") from exc
    finally:
        engine.dispose()
    os.chmod(target, PRIVATE_FILE_MODE)
    return contents


# ---- restore -----------------------------------------------------------------------------------
def restore_backup(source: str | os.PathLike[str], data_dir: str | os.PathLike[str], *,
                   env: Mapping[str, str] | None = None,
                   pg_bin_globs: Sequence[str] = PG_BIN_GLOBS) -> RestoreReport:
    """Make a center at ``data_dir`` (new or empty) from the backup in ``source``."""
    env = os.environ if env is None else env
    src = Path(source).expanduser().absolute()
    manifest = read_manifest(src)
    target = CenterLocation.find(data_dir, {k: v for k, v in env.items()
                                            if k in ("PROCTOR_DATABASE_URL",
                                                     "PROCTOR_MEDIA_ROOT")})
    kind = manifest["database"]["kind"]
    _refuse_used_folder(target.data_dir, "the new data dir")
    if target.media_root != target.data_dir / DEFAULT_MEDIA_DIR_NAME:
        _refuse_used_folder(target.media_root, "PROCTOR_MEDIA_ROOT")
    pg_restore = None
    if kind == "postgresql":
        if not target.is_postgresql:
            raise BackupError("This backup holds a PostgreSQL dump: set PROCTOR_DATABASE_URL to "
                              "an empty PostgreSQL database to restore it into.")
        pg_restore = _pg_program("pg_restore", pg_bin_globs)
        _refuse_used_database(target.database_url)
    else:
        if target.is_postgresql:
            raise BackupError("This backup holds a SQLite database, and PROCTOR_DATABASE_URL "
                              "names PostgreSQL: unset PROCTOR_DATABASE_URL to restore it.")
        if target.sqlite_path.exists():
            raise BackupError(f"The database file {target.sqlite_path} already exists; restore "
                              "into a new or empty folder.")
    check_files(src, manifest)

    made_data_dir = not target.data_dir.exists()
    made_media_root = not target.media_root.exists()
    target.data_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(target.data_dir, PRIVATE_DIR_MODE)
    lock = DataDirLock(target.data_dir, "proctor-server restore")
    try:
        lock.acquire()
    except DataDirInUse as exc:
        raise BackupError(str(exc)) from None
    try:
        _fill_center(src, manifest, target, pg_restore)
        report = _migrate_and_count(target.database_url, target.data_dir,
                                    len(manifest.get("missing", [])))
    except BaseException:
        lock.release()
        _undo(target, made_data_dir, made_media_root)
        raise
    lock.release()
    return report


def read_manifest(src: Path) -> dict[str, Any]:
    """The backup's manifest, checked for shape; a BackupError says what is wrong."""
    if not src.is_dir():
        raise BackupError(f"There is no backup at {src}; name the folder that "
                          "proctor-server backup made.")
    path = src / MANIFEST_NAME
    if not path.is_file():
        raise BackupError(f"{src} holds no {MANIFEST_NAME}, so it is not a finished backup; name "
                          "the folder that proctor-server backup made.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        problem = _manifest_problem(manifest)
    except (OSError, ValueError) as exc:
        problem = f"it cannot be read ({exc})"
    if problem:
        raise BackupError(f"The manifest {path} is not a backup manifest: {problem}; restore "
                          "from another backup.")
    return manifest  # type: ignore[no-any-return]


def _manifest_problem(manifest: Any) -> str | None:
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        return f"its format is not {BACKUP_FORMAT}"
    database = manifest.get("database")
    files = manifest.get("files")
    if not isinstance(files, list) or not all(
            isinstance(f, dict) and isinstance(f.get("path"), str)
            and isinstance(f.get("size"), int)
            and re.fullmatch(r"[0-9a-f]{64}", str(f.get("sha256"))) for f in files):
        return "its file list is damaged"
    for entry in files:
        if not _is_safe_relative(entry["path"]):
            return f"it names a file outside the backup ({entry['path']!r})"
    names = {entry["path"] for entry in files}
    if (not isinstance(database, dict) or database.get("kind") not in ("sqlite", "postgresql")
            or database.get("file") not in names):
        return "it does not name the database"
    if KEYS_FILE_NAME not in names:
        return f"it does not list {KEYS_FILE_NAME}"
    return None


def check_files(src: Path, manifest: Mapping[str, Any]) -> None:
    """Every file the manifest lists is in ``src`` with its size and SHA-256, or BackupError."""
    changed, missing = [], []
    for entry in manifest["files"]:
        path = src / entry["path"]
        try:
            if path.stat().st_size != entry["size"] or _sha256(path) != entry["sha256"]:
                changed.append(entry["path"])
        except FileNotFoundError:
            missing.append(entry["path"])
    problems = []
    if changed:
        problems.append(f"{_names(changed)} {'has' if len(changed) == 1 else 'have'} changed "
                        "since the backup was made")
    if missing:
        problems.append(f"{_names(missing)} {'is' if len(missing) == 1 else 'are'} missing")
    if problems:
        raise BackupError(f"The backup {src} is damaged: {' and '.join(problems)}; restore from "
                          "another backup.")


def _names(paths: list[str]) -> str:
    more = len(paths) - NAMED_AT_MOST
    return ", ".join(paths[:NAMED_AT_MOST]) + (f" and {more} more" if more > 0 else "")


def _refuse_used_folder(folder: Path, what: str) -> None:
    if folder.is_file() or folder.is_symlink():
        raise BackupError(f"{folder} ({what}) is a file; restore into a new or empty folder.")
    if folder.is_dir() and any(folder.iterdir()):
        raise BackupError(f"{folder} ({what}) is not empty; restore into a new or empty folder.")


def _refuse_used_database(url: str) -> None:
    from sqlalchemy import create_engine, inspect

    engine = create_engine(url)
    try:
        tables = inspect(engine).get_table_names()
    except Exception as exc:
        raise BackupError(f"The database of PROCTOR_DATABASE_URL cannot be reached "
                          f"({_first_line(exc)}).") from exc
    finally:
        engine.dispose()
    if tables:
        raise BackupError(f"The database of PROCTOR_DATABASE_URL ({_without_password(url)}) "
                          f"already has tables ({', '.join(sorted(tables)[:3])}, ...); restore "
                          "into an empty database.")


def _fill_center(src: Path, manifest: Mapping[str, Any], target: CenterLocation,
                 pg_restore: Path | None) -> None:
    database_file = manifest["database"]["file"]
    media_prefix = f"{MEDIA_DIR_NAME}/"
    for entry in manifest["files"]:
        name = entry["path"]
        if name == database_file:
            continue
        if name.startswith(media_prefix):
            _copy_file(src / name, target.media_root / name.removeprefix(media_prefix))
        else:
            _copy_file(src / name, target.data_dir / name)
    if pg_restore is not None:
        program_url, program_env = _libpq(target.database_url)
        try:
            _run([str(pg_restore), "--no-owner", "--no-privileges", "--exit-on-error",
                  f"--dbname={program_url}", str(src / database_file)], program_env,
                 "pg_restore")
        except BackupError as exc:
            raise BackupError(f"{str(exc).rstrip('.')}; empty the database of "
                              "PROCTOR_DATABASE_URL before trying again.") from exc
    else:
        temp = target.sqlite_path.with_name(target.sqlite_path.name + ".restoring")
        _copy_file(src / database_file, temp)
        os.replace(temp, target.sqlite_path)


def _migrate_and_count(url: str, data_dir: Path, missing: int) -> RestoreReport:
    from sqlalchemy import text

    from core.db.engine import create_db_engine
    from core.db.migrate import upgrade_to_head

    engine = create_db_engine(url)
    try:
        upgrade_to_head(engine)
        with engine.connect() as connection:
            contents = _read_contents(lambda sql: connection.execute(text(sql)))
    finally:
        engine.dispose()
    return RestoreReport(data_dir, contents.snapshots, contents.sessions,
                         contents.schema_revision, missing)


def _undo(target: CenterLocation, made_data_dir: bool, made_media_root: bool) -> None:
    """Take away what a failed restore wrote (the folders were new or empty before)."""
    for folder, made in ((target.media_root, made_media_root), (target.data_dir, made_data_dir)):
        if not folder.exists():
            continue
        if made:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for child in folder.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child, ignore_errors=True)
                else:
                    child.unlink(missing_ok=True)


# ---- files -------------------------------------------------------------------------------------
def _copy_file(source: Path, target: Path) -> dict[str, Any]:
    """Copy one file (0600, its folders 0700), returning its SHA-256 and size."""
    digest = hashlib.sha256()
    size = 0
    _make_private_parents(target.parent)
    with open(source, "rb") as reader:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "wb") as writer:
            while chunk := reader.read(CHUNK):
                digest.update(chunk)
                writer.write(chunk)
                size += len(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def _write_private(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "wb") as writer:
        writer.write(data)
        writer.flush()
        os.fsync(writer.fileno())


def _make_private_parents(folder: Path) -> None:
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        with contextlib.suppress(FileExistsError):
            os.mkdir(made, PRIVATE_DIR_MODE)


def _describe(path: Path) -> dict[str, Any]:
    return {"sha256": _sha256(path), "size": path.stat().st_size}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as reader:
        while chunk := reader.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _files_under(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _inside(root: Path, relative: str) -> Path | None:
    """The file a stored relative media path names, or None when it would leave the root."""
    if not _is_safe_relative(relative):
        return None
    path = (root / relative).resolve()
    return path if path.is_relative_to(root) and path != root else None


def _is_safe_relative(name: str) -> bool:
    pure = PurePosixPath(name)
    return (bool(name) and "\x00" not in name and "\\" not in name and not pure.is_absolute()
            and ".." not in pure.parts and name == pure.as_posix())


# ---- PostgreSQL's programs ---------------------------------------------------------------------
def _pg_program(name: str, globs: Iterable[str]) -> Path:
    """``pg_dump`` or ``pg_restore`` from PATH, else from the newest PostgreSQL folder found."""
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = [Path(folder) / name for pattern in globs for folder in glob.glob(pattern)
                  if (Path(folder) / name).is_file()]
    if candidates:
        return max(candidates, key=lambda p: _version_key(p.parent.parent.name))
    raise BackupError(f"{name} is not installed: a PostgreSQL center's backup and restore need "
                      "PostgreSQL's client programs (pg_dump, pg_restore; the postgresql-client "
                      "package) on PATH.")


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)) or (0,)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The SQLAlchemy URL as libpq reads it (no driver name), with the password in PGPASSWORD
    rather than on the command line where other users could read it."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str], name: str) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True,
                                timeout=PG_TIMEOUT_SECONDS, check=False)
    except OSError as exc:
        raise BackupError(f"{name} could not be started ({exc.strerror}).") from exc
    if result.returncode != 0:
        raise BackupError(f"{name} failed: {_first_line(result.stderr) or result.returncode}.")


def _first_line(value: object) -> str:
    lines = str(value).strip().splitlines()
    return lines[0].rstrip(".") if lines else ""


def _without_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)

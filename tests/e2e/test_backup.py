"""`proctor-server backup` and `restore` as an exam center's technician runs them: a backup taken
while eight kiosks upload to a real `proctor-server` (over HTTPS) restores to a center that serves
every snapshot acknowledged before the backup began, has no snapshot whose file is missing, and
presents the same certificate, so the kiosks' pinned CA still trusts it; the same with a
PostgreSQL database (pg_dump, pg_restore into another, empty database). Bad input gets one
sentence and status 2.

The PostgreSQL case runs when TEST_DATABASE_URL names a throw-away database (`.ci/run` starts
one); it restores into a second database beside it, made empty for the test."""

from __future__ import annotations

import ast
import os
import re
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from core.bootstrap import build_core
from core.config import CoreConfig
from tests.conftest import TEST_DATABASE_URL
from tests.e2e.test_server_process import ServerProcess, server_command
from tests.helpers import jpeg_bytes, new_snapshot_id

REPO = Path(__file__).resolve().parents[2]
API = "/api/v1"
UPLOADERS = 8
needs_postgres = pytest.mark.skipif(
    not (TEST_DATABASE_URL or "").startswith("postgresql"),
    reason="needs TEST_DATABASE_URL=postgresql+psycopg://... (a throw-away database); "
           ".ci/run starts one")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*server_command(), *args], capture_output=True, text=True,
                          timeout=300, cwd=REPO, env=env or dict(os.environ))


@dataclass
class Databases:
    """Where the running center keeps its rows, and where the restored one will (empty)."""

    env: dict[str, str]
    restored_env: dict[str, str]


def second_database(url: str) -> str:
    """``<database>_restored`` on the same PostgreSQL server, made empty."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    given = make_url(url)
    name = f"{given.database}_restored"
    engine = create_engine(given, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return given.set(database=name).render_as_string(hide_password=False)


#: The SQLite case is the data dir's own file whatever TEST_DATABASE_URL says, the same in both
#: passes: the PostgreSQL pass (.ci/run) runs the PostgreSQL case only (tests/conftest.py).
@pytest.fixture(params=[pytest.param("sqlite", marks=pytest.mark.database_independent),
                        pytest.param("postgresql", marks=needs_postgres)])
def databases(request, tmp_path, monkeypatch) -> Databases:
    if request.param == "sqlite":  # the data dir's own file
        monkeypatch.delenv("PROCTOR_DATABASE_URL", raising=False)
        return Databases({}, {})
    assert TEST_DATABASE_URL
    return Databases(
        {"PROCTOR_DATABASE_URL": TEST_DATABASE_URL,
         "PROCTOR_MEDIA_ROOT": str(tmp_path / "media")},
        {"PROCTOR_DATABASE_URL": second_database(TEST_DATABASE_URL),
         "PROCTOR_MEDIA_ROOT": str(tmp_path / "restored-media")})


@pytest.fixture
def servers() -> Iterator[list[ServerProcess]]:
    started: list[ServerProcess] = []
    yield started
    for server in started:
        server.stop()


def start_center(servers: list[ServerProcess], data_dir: Path, env: dict[str, str],
                 ) -> tuple[str, str]:
    """A `proctor-server --tls` on a free port: (its URL, its certificate line)."""
    server = ServerProcess.start(data_dir, args=("--tls",), env=env)
    servers.append(server)
    url = server.wait_for_line("listening on https://").split()[-1]
    return url, server.wait_for_line("certificate sha256 ")


def pinned(url: str, ca: Path, secret: str) -> httpx.Client:
    """A client that trusts only the center's own CA (as an enrolled kiosk pins it)."""
    return httpx.Client(base_url=url + API, headers={"Authorization": f"Bearer {secret}"},
                        verify=ssl.create_default_context(cafile=str(ca)),
                        timeout=httpx.Timeout(30, read=60))


@dataclass
class Uploads:
    acknowledged: list[tuple[str, float]]  # (snapshot id, when its 201 arrived)
    failures: list[str]


def upload_until(stop: threading.Event, url: str, ca: Path, kiosk_key: str, exam_id: str,
                 number: int, uploads: Uploads) -> None:
    with pinned(url, ca, kiosk_key) as kiosk:
        attempt = kiosk.post("/attempts", json={"exam_id": exam_id, "candidate_ref": f"C-{number}",
                                                "candidate_name": f"Candidate {number}"}).json()
    frames = [jpeg_bytes(seed=number * 10 + n) for n in range(3)]
    with pinned(url, ca, attempt["token"]) as candidate:
        sent = 0
        while not stop.is_set():
            snapshot_id = new_snapshot_id()
            response = candidate.post(
                f"/attempts/{attempt['attempt_id']}/snapshots",
                files={"image": ("f.jpg", frames[sent % 3], "image/jpeg")},
                data={"snapshot_id": snapshot_id})
            sent += 1
            if response.status_code == 201:
                uploads.acknowledged.append((snapshot_id, time.monotonic()))
            else:
                uploads.failures.append(f"{response.status_code} {response.text}")


def test_a_backup_taken_under_eight_uploaders_restores_every_acknowledged_snapshot(
        tmp_path, servers, databases):
    data_dir = tmp_path / "center"
    url, certificate = start_center(servers, data_dir, databases.env)
    ca = data_dir / "tls" / "ca.pem"
    keys = CoreConfig.load(data_dir=data_dir, env=databases.env)
    with pinned(url, ca, keys.admin_key) as admin:
        exam = admin.post("/exams", json={"title": "Algebra", "duration_seconds": 3600}).json()
    uploads, stop = Uploads([], []), threading.Event()
    threads = [threading.Thread(target=upload_until, daemon=True, args=(
        stop, url, ca, keys.kiosk_key, exam["exam_id"], n, uploads)) for n in range(UPLOADERS)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(uploads.acknowledged) < 5 * UPLOADERS and time.monotonic() < deadline:
        time.sleep(0.05)

    began = time.monotonic()
    backup = run("backup", str(tmp_path / "backup"), "--data-dir", str(data_dir),
                 env={**os.environ, **databases.env})
    uploads_during_backup = sum(1 for _, at in uploads.acknowledged if at > began)
    stop.set()
    for thread in threads:
        thread.join(60)
    servers[0].stop()  # the machine is gone: the center comes back elsewhere from the backup

    assert backup.returncode == 0, backup.stderr
    assert uploads.failures == []
    assert uploads_during_backup > 0, "the uploads went on while the backup ran"
    before = {snapshot_id for snapshot_id, at in uploads.acknowledged if at < began}
    match = re.fullmatch(r"backup: (\d+) snapshots, (\d+) sessions -> (.+)\n", backup.stdout)
    assert match, backup.stdout
    assert int(match[1]) >= len(before) and int(match[2]) == UPLOADERS
    assert match[3] == str(tmp_path / "backup")

    restored_dir = tmp_path / "restored"
    restore = run("restore", str(tmp_path / "backup"), "--data-dir", str(restored_dir),
                  env={**os.environ, **databases.restored_env})
    assert restore.returncode == 0, restore.stderr
    assert restore.stdout == f"restored: {match[1]} snapshots, {UPLOADERS} sessions -> " \
                             f"{restored_dir}\n"

    restored_url, restored_certificate = start_center(servers, restored_dir,
                                                      databases.restored_env)
    assert restored_certificate == certificate
    served = set()
    with pinned(restored_url, ca, keys.admin_key) as admin:  # the old CA and admin key
        sessions = admin.get("/proctor/sessions", params={"status": "all"}).json()
        assert len(sessions) == UPLOADERS
        for session in sessions:
            listed = admin.get(f"/proctor/sessions/{session['session_id']}/snapshots").json()
            for snapshot in listed:
                image = admin.get(f"/snapshots/{snapshot['snapshot_id']}/image")
                assert image.status_code == 200, (snapshot, image.text)
                assert image.content.startswith(b"\xff\xd8\xff")
                served.add(snapshot["snapshot_id"])
    assert before <= served
    assert len(served) == int(match[1])
    verify = subprocess.run([sys.executable, "-m", "core.api.verify", "--data-dir",
                             str(restored_dir)], capture_output=True, text=True, timeout=300,
                            cwd=REPO, env={**os.environ, **databases.restored_env})
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert verify.stdout.startswith("verified: "), verify.stdout


# ---- bad input ---------------------------------------------------------------------------------
# On a center's own SQLite file, or no database at all: the same whatever TEST_DATABASE_URL says,
# so the PostgreSQL pass (.ci/run) does not repeat them (tests/conftest.py).
@pytest.fixture
def stopped_center(tmp_path, monkeypatch) -> Path:
    """A center with one snapshot on its SQLite file, not running."""
    monkeypatch.delenv("PROCTOR_DATABASE_URL", raising=False)
    core = build_core(CoreConfig.load(data_dir=tmp_path / "center", env={"PROCTOR_ANALYSIS": "0"}))
    try:
        exam = core.exams.create_exam("Algebra", 3600)
        attempt = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee")
        core.snapshots.record_snapshot(attempt.attempt_id, new_snapshot_id(), jpeg_bytes())
    finally:
        core.close()
    return tmp_path / "center"


@pytest.mark.database_independent
def test_a_backup_into_a_folder_that_exists_exits_with_a_sentence(stopped_center, tmp_path):
    (tmp_path / "backup").mkdir()

    result = run("backup", str(tmp_path / "backup"), "--data-dir", str(stopped_center))

    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"proctor-server: {tmp_path / 'backup'} already exists; a backup "
                             "goes into a new folder: give a path that does not exist yet.\n")


@pytest.mark.database_independent
def test_a_restore_from_a_missing_folder_exits_with_a_sentence(tmp_path):
    result = run("restore", str(tmp_path / "nowhere"), "--data-dir", str(tmp_path / "new"))

    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"proctor-server: There is no backup at {tmp_path / 'nowhere'}; "
                             "name the folder that proctor-server backup made.\n")
    assert not (tmp_path / "new").exists()


@pytest.mark.database_independent
def test_a_restore_of_a_corrupted_backup_names_the_changed_file(stopped_center, tmp_path):
    made = run("backup", str(tmp_path / "backup"), "--data-dir", str(stopped_center))
    assert made.returncode == 0, made.stderr
    [image] = [p for p in (tmp_path / "backup" / "media").rglob("*.jpg")
               if not p.name.endswith(".thumb.jpg")]
    image.write_bytes(image.read_bytes()[:-100] + b"\0" * 100)

    result = run("restore", str(tmp_path / "backup"), "--data-dir", str(tmp_path / "new"))

    name = image.relative_to(tmp_path / "backup").as_posix()
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"proctor-server: The backup {tmp_path / 'backup'} is damaged: "
                             f"{name} has changed since the backup was made; restore from "
                             "another backup.\n")
    assert not (tmp_path / "new").exists()


HELP_PROBE = """
import contextlib, io, sys
from core.api.server import main
with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.suppress(SystemExit):
    main(sys.argv[1:])
heavy = sorted(m for m in ("sqlalchemy", "uvicorn", "fastapi", "core.bootstrap", "core.backup")
               if m in sys.modules)
print(repr((out.getvalue(), heavy)))
"""


@pytest.mark.database_independent
@pytest.mark.parametrize("command", [["--help"], ["backup", "--help"], ["restore", "--help"]])
def test_the_help_names_the_backup_commands_without_loading_the_database(command):
    result = subprocess.run([sys.executable, "-c", HELP_PROBE, *command], capture_output=True,
                            text=True, timeout=60, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO)})

    assert result.returncode == 0, result.stderr
    help_text, heavy = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert heavy == []
    if command == ["--help"]:
        assert "proctor-server backup DEST [--data-dir DIR]" in " ".join(help_text.split())
        assert "proctor-server restore SRC --data-dir NEWDIR" in " ".join(help_text.split())
    else:
        assert help_text.startswith(f"usage: proctor-server {command[0]} ")

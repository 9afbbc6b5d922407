"""A PostgreSQL server stopped under a running center, then started again: meanwhile uploads
and proctor actions answer 503 with ``Retry-After`` and a sentence (not a generic 500), the
health route says ``degraded``; once the server is back, the kiosk's retry of the same frame is
stored and health says ``ok``. The test starts and stops its own throw-away cluster (as
``.ci/run`` does), so it runs in the PostgreSQL pass (TEST_DATABASE_URL set) and skips cleanly
without it."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from core import __version__
from core.api.app import create_app
from core.api.server import ApiServer
from core.bootstrap import build_core
from core.config import CoreConfig
from core.domain.clock import FakeClock
from tests.conftest import TEST_DATABASE_URL
from tests.core.api.support import API, assert_readable, bearer, plain_http, start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id

pytestmark = [
    pytest.mark.db,
    pytest.mark.process,  # runs pg_ctl
    pytest.mark.postgres,  # its own cluster, in the PostgreSQL pass
    pytest.mark.skipif(not (TEST_DATABASE_URL or "").startswith("postgresql"),
                       reason="the PostgreSQL pass (TEST_DATABASE_URL, .ci/run) runs it"),
]


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
                   key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit()
                   else 0)
    if found:
        return found[-1].parent
    on_path = shutil.which("pg_ctl")
    return Path(on_path).parent if on_path else None


class Cluster:
    """A throw-away PostgreSQL cluster on a Unix socket in its own folder."""

    def __init__(self, folder: Path, binaries: Path) -> None:
        self.folder, self.binaries = folder, binaries
        self.data = folder / "data"

    def run(self, program: str, *args: str) -> None:
        command = [str(self.binaries / program), *args]
        if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to the postgres user
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, cwd=self.folder, check=True, capture_output=True, timeout=60)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@/proctor?host={self.folder}"

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres")
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust")
        self.start()
        self.run("createdb", "-h", str(self.folder), "-U", "postgres", "proctor")

    def start(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.folder / "server.log"),
                 "-o", f"-c listen_addresses='' -c unix_socket_directories='{self.folder}'",
                 "start")

    def stop(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    binaries = postgres_bin()
    if binaries is None:
        pytest.skip("no PostgreSQL server programs (pg_ctl) on this machine")
    # A folder of its own the postgres user can reach (pytest's are private to this user), with
    # a short path (a Unix socket's path has a length limit).
    folder = Path(tempfile.mkdtemp(prefix="proctor-pg-"))
    made = Cluster(folder, binaries)
    try:
        made.init()
        yield made
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            made.stop()  # unless already stopped
        shutil.rmtree(folder, ignore_errors=True)


def test_a_stopped_postgresql_answers_503_and_the_same_upload_is_stored_once_it_is_back(
        cluster, tmp_path):
    config = CoreConfig.load(data_dir=tmp_path / "data",
                             env={"PROCTOR_ANALYSIS": "0", "PROCTOR_DATABASE_URL": cluster.url})
    core = build_core(config, FakeClock())
    server = ApiServer(create_app(core), "127.0.0.1", 0)
    server.start()
    try:
        exam = core.exams.create_exam("Algebra final", duration_seconds=3600)
        kiosk = start_kiosk(core, exam.exam_id, "C-1")
        admin = bearer(config.admin_key)
        snapshot_id = new_snapshot_id()
        with httpx.Client(base_url=server.url, transport=plain_http(), timeout=30) as client:
            def post_frame() -> httpx.Response:
                return client.post(f"{API}/attempts/{kiosk.attempt_id}/snapshots",
                                   headers=bearer(kiosk.token),
                                   files={"image": ("frame.jpg", jpeg_bytes(), "image/jpeg")},
                                   data={"snapshot_id": snapshot_id})

            assert client.get(f"{API}/health").status_code == 200  # the pool holds connections
            cluster.stop()
            refused = post_frame()
            sessions = client.get(f"{API}/proctor/sessions", headers=admin)
            health = client.get(f"{API}/health")
            cluster.start()
            stored = post_frame()
            healthy = client.get(f"{API}/health")

        for response in (refused, sessions):
            assert "not answering" in assert_readable(response, 503)
            assert response.headers["Retry-After"] == "5"
        assert health.status_code == 503 and health.headers["Retry-After"] == "5"
        assert {k: v for k, v in health.json().items() if k != "detail"} == {
            "status": "degraded", "database": "unreachable", "version": __version__}
        assert stored.status_code == 201, stored.text
        assert healthy.json() == {"status": "ok", "database": "ok", "version": __version__}
    finally:
        server.stop()
        core.close()

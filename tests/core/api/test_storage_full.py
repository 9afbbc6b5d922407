"""Media storage full: an upload is refused with 507 and a sentence, nothing is stored, the
connection stays usable, and uploads work again as soon as space is freed. Run on a real small
file system (a tmpfs the test mounts) behind a real server."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from core.domain.storage import StorageLevel
from tests.core.api.support import (
    API,
    Kiosk,
    assert_readable,
    bearer,
    fill_up,
    nothing_is_stored,
    plain_http,
    small_file_system,
    start_kiosk,
    stored_files,
)
from tests.helpers import jpeg_bytes, new_snapshot_id


@pytest.fixture
def media_mount(tmp_path) -> Iterator:
    with small_file_system(tmp_path / "small-media", "1m") as mount:
        yield mount


@pytest.fixture
def core_env(media_mount) -> dict[str, str]:
    return {"PROCTOR_ANALYSIS": "0", "PROCTOR_SWEEP_SECONDS": "60",
            "PROCTOR_MEDIA_ROOT": str(media_mount)}


def post_frame(client: httpx.Client, kiosk: Kiosk, snapshot_id: str) -> httpx.Response:
    return client.post(f"{API}/attempts/{kiosk.attempt_id}/snapshots", headers=bearer(kiosk.token),
                       files={"image": ("frame.jpg", jpeg_bytes(), "image/jpeg")},
                       data={"snapshot_id": snapshot_id})


def local_port(response: httpx.Response) -> int:
    """The client's port of the connection that carried ``response``."""
    return int(response.extensions["network_stream"].get_extra_info("client_addr")[1])


def test_a_full_disk_answers_507_keeps_the_connection_and_uploads_resume_when_space_is_freed(
        live_server, exam, media_mount):
    core = live_server.core
    kiosk = start_kiosk(core, exam.exam_id, "C-1")
    with httpx.Client(base_url=live_server.url, transport=plain_http(), timeout=20) as client:
        first = post_frame(client, kiosk, new_snapshot_id())
        assert first.status_code == 201, first.text
        filler = fill_up(media_mount)
        assert core.storage_status().level is StorageLevel.FULL

        refused_id = new_snapshot_id()
        ports = []
        with nothing_is_stored(core):
            for _ in range(3):  # every refusal on the same kept-alive connection
                refused = post_frame(client, kiosk, refused_id)
                detail = assert_readable(refused, 507)
                assert "full" in detail and "nothing was stored" in detail
                assert "retried" in detail
                ports.append(local_port(refused))
            health = client.get(f"{API}/health")
            assert health.status_code == 200
            ports.append(local_port(health))
        assert len(set(ports)) == 1, f"the server closed the connection: ports {ports}"
        assert not [p for p in stored_files(core) if p.name.endswith(".tmp")]

        filler.unlink()
        retried = post_frame(client, kiosk, refused_id)
        assert retried.status_code == 201, retried.text
        assert local_port(retried) == ports[0]
    assert core.snapshots.get_snapshot(refused_id).size_bytes > 0
    assert core.snapshots.read_image(refused_id)[:3] == b"\xff\xd8\xff"


def test_the_storage_endpoint_reports_free_space_and_its_level(live_server, media_mount):
    admin = bearer(live_server.core.config.admin_key)
    with httpx.Client(base_url=live_server.url, transport=plain_http(), timeout=20) as client:
        roomy = client.get(f"{API}/storage", headers=admin).json()
        fill_up(media_mount)
        full = client.get(f"{API}/storage", headers=admin).json()
    assert roomy["total_bytes"] == 1024 * 1024
    assert roomy["free_bytes"] > 900 * 1024
    assert full["free_bytes"] == 0 and full["level"] == "full"


@pytest.mark.db  # builds its own core
def test_a_full_disk_under_the_database_answers_507_and_requests_work_again_once_freed(
        tmp_path):
    from core.api.app import create_app
    from core.api.server import ApiServer
    from core.bootstrap import build_core
    from core.config import CoreConfig

    with small_file_system(tmp_path / "small-data", "4m") as data_dir:
        core = build_core(CoreConfig.load(data_dir=data_dir, env={"PROCTOR_ANALYSIS": "0"}))
        server = ApiServer(create_app(core), "127.0.0.1", 0)
        server.start()
        try:
            exam = core.exams.create_exam("Algebra final", 3600)
            kiosk = start_kiosk(core, exam.exam_id, "C-1")
            event = {"type": "focus_lost", "detail": "x" * 900}
            with httpx.Client(base_url=server.url, transport=plain_http(), timeout=20) as client:
                filler = fill_up(data_dir)
                ports = []
                with nothing_is_stored(core):
                    for _ in range(2):
                        refused = client.post(f"{API}/attempts/{kiosk.attempt_id}/events",
                                              json=event, headers=bearer(kiosk.token))
                        detail = assert_readable(refused, 507)
                        assert "database storage is full" in detail
                        assert "nothing was stored" in detail
                        ports.append(local_port(refused))
                assert len(set(ports)) == 1, f"the server closed the connection: {ports}"

                filler.unlink()
                accepted = client.post(f"{API}/attempts/{kiosk.attempt_id}/events", json=event,
                                       headers=bearer(kiosk.token))
                assert accepted.status_code == 201, accepted.text
                assert local_port(accepted) == ports[0]
        finally:
            server.stop()
            core.close()

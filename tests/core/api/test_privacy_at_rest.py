"""Privacy at rest, with a real ``proctor-server`` process: the data dir is 0700, the database
(and its -wal/-shm), the key file and the media files are readable by their owner only, and
media folders are 0700, whatever the umask; a too-open data dir and database are closed at
start. A key is printed only when this start generated it, never one from the environment;
``--show-keys`` prints the keys in effect on request."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import httpx
import pytest

from tests.helpers import jpeg_bytes, new_snapshot_id


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def upload_one_snapshot(url: str, keys: dict[str, str]) -> None:
    admin = {"Authorization": f"Bearer {keys['admin_key']}"}
    with httpx.Client(base_url=f"{url}/api/v1", timeout=20) as client:
        exam = client.post("/exams", json={"title": "Privacy", "duration_seconds": 600},
                           headers=admin).json()
        attempt = client.post("/attempts", headers={"Authorization":
                                                    f"Bearer {keys['kiosk_key']}"},
                              json={"exam_id": exam["exam_id"], "candidate_ref": "C-1",
                                    "candidate_name": "Ann Lee"}).json()
        stored = client.post(f"/attempts/{attempt['attempt_id']}/snapshots",
                             headers={"Authorization": f"Bearer {attempt['token']}"},
                             files={"image": ("f.jpg", jpeg_bytes(), "image/jpeg")},
                             data={"snapshot_id": new_snapshot_id()})
        assert stored.status_code == 201, stored.text


def test_with_a_umask_of_zero_everything_stored_is_private_to_its_owner(tmp_path, start_server):
    data_dir = tmp_path / "data"
    server = start_server(data_dir, umask=0)
    url = server.wait_ready()
    keys = json.loads((data_dir / "keys.json").read_text())
    upload_one_snapshot(url, keys)

    assert mode(data_dir) == 0o700
    for name in ("proctor.db", "proctor.db-wal", "proctor.db-shm", "keys.json"):
        assert mode(data_dir / name) == 0o600, name
    media = data_dir / "media_storage"
    folders = [media, *(p for p in media.rglob("*") if p.is_dir())]
    files = [p for p in media.rglob("*") if p.is_file()]
    assert len(files) == 2 and len(folders) == 4
    assert {mode(p) for p in folders} == {0o700}
    assert all(mode(p) & 0o077 in (0, 0o040) and mode(p) & 0o600 == 0o600 for p in files), \
        {p.name: oct(mode(p)) for p in files}
    assert "Traceback" not in server.stop()


def test_a_too_open_data_dir_and_database_are_closed_at_start_and_it_is_said(
        tmp_path, start_server):
    data_dir = tmp_path / "data"
    first = start_server(data_dir)
    first.wait_ready()
    first.stop()
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "proctor.db", 0o644)

    second = start_server(data_dir)
    second.wait_ready()
    assert mode(data_dir) == 0o700
    assert mode(data_dir / "proctor.db") == 0o600
    stderr = second.stop()
    assert f"{data_dir} was open to other users (mode 0755); it is now 0700." in stderr
    assert "proctor.db was open to other users (mode 0644); it is now 0600." in stderr


def test_only_keys_this_start_generated_are_printed_never_one_from_the_environment(
        tmp_path, start_server):
    data_dir = tmp_path / "data"
    admin_from_env = "admin-key-from-the-environment-0123456789"
    first = start_server(data_dir, env={"PROCTOR_ADMIN_KEY": admin_from_env})
    first.wait_ready()
    first.stop()
    stored = json.loads((data_dir / "keys.json").read_text())
    output = "\n".join(first.lines)
    assert admin_from_env not in output
    assert stored["admin_key"] not in output  # kept in the file, but not the key in effect
    assert f"  kiosk key: {stored['kiosk_key']}" in first.lines
    assert stored["token_secret"] not in output

    second = start_server(data_dir)
    second.wait_ready()
    second.stop()
    output = "\n".join(second.lines)
    assert stored["admin_key"] not in output and stored["kiosk_key"] not in output


def test_show_keys_prints_the_keys_in_effect_and_where_they_come_from_then_exits(
        tmp_path, start_server):
    data_dir = tmp_path / "data"
    first = start_server(data_dir)
    first.wait_ready()
    first.stop()
    stored = json.loads((data_dir / "keys.json").read_text())

    shown = start_server(data_dir, "--show-keys", env={"PROCTOR_KIOSK_KEY": "kiosk-from-env"})
    assert shown.exit_code() == 0
    evidence_key = data_dir / "keys" / "evidence-ed25519.pem"
    assert shown.lines == [
        f"admin key: {stored['admin_key']}  (from {data_dir / 'keys.json'})",
        "kiosk key: kiosk-from-env  (from PROCTOR_KIOSK_KEY)",
        f"evidence key sha256 {public_key_sha256(evidence_key)}",
    ]
    assert (mode(evidence_key), mode(evidence_key.parent)) == (0o600, 0o700)


def public_key_sha256(private_key_file) -> str:
    """What a committee computes: SHA-256 of the raw 32-byte Ed25519 public key."""
    import hashlib

    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(private_key_file.read_bytes(), password=None)
    raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


@pytest.mark.process  # mounts a read-only tmpfs with mount(8)
def test_a_data_dir_that_cannot_be_closed_is_reported_with_what_to_change(tmp_path, caplog):
    import logging
    import subprocess

    from core.config import make_private_dir
    from tests.core.api.support import small_file_system

    with small_file_system(tmp_path / "read-only", "1m") as mount:
        data_dir = mount / "data"
        data_dir.mkdir()
        os.chmod(data_dir, 0o755)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        with caplog.at_level(logging.WARNING, logger="core.config"):
            make_private_dir(data_dir)
        assert mode(data_dir) == 0o755
    assert (f"{data_dir} is open to other users (mode 0755) and cannot be made private: "
            "Read-only file system. Change its owner or mode to 0700.") in caplog.text

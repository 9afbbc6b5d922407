"""`proctor-server --tls` as an operator runs it: the ready line says https, the next line is the
fingerprint kiosks pin and it matches what is served; --no-tls is refused off loopback; a real
kiosk enrolled with an enrolment file sends its snapshots over the pinned channel."""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from pathlib import Path

import pytest

from core.client import ProctorClient
from core.net.enrolment_file import Enrolment, write_enrolment_file
from core.net.pinning import presented_chain
from tests.e2e.test_kiosk_process import Process, command, wait_until
from tests.e2e.test_server_process import START_TIMEOUT, ServerProcess


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PROCTOR_")}
    env.update(QT_QPA_PLATFORM="offscreen", PROCTOR_ANALYSIS="0", PYTHONUNBUFFERED="1", **extra)
    return env


def test_the_tls_server_prints_the_fingerprint_it_serves_and_keeps_keys_private(tmp_path):
    data = tmp_path / "data"
    server = ServerProcess.start(data, args=("--tls",))
    try:
        url = server.wait_for_line("listening on https://").removeprefix("listening on ")
        fingerprint_line = server.lines.get(timeout=START_TIMEOUT)
        assert re.fullmatch(r"certificate sha256 [0-9a-f]{64}", fingerprint_line or "")
        fingerprint = fingerprint_line.split()[-1]

        host, port = url.removeprefix("https://").rsplit(":", 1)
        chain = presented_chain(host, int(port))
        assert hashlib.sha256(chain[-1]).hexdigest() == fingerprint
        for key in ("ca.key", "server.key"):
            assert stat.S_IMODE((data / "tls" / key).stat().st_mode) == 0o600
        with ProctorClient(url, fingerprint=f"sha256:{fingerprint}") as client:
            assert client.request("GET", "/health").json()["status"] == "ok"
    finally:
        server.stop()


def test_a_restarted_server_keeps_its_fingerprint(tmp_path):
    fingerprints = []
    for _ in range(2):
        server = ServerProcess.start(tmp_path / "data", env={"PROCTOR_TLS": "1"})
        try:
            fingerprints.append(server.wait_for_line("certificate sha256 ").split()[-1])
        finally:
            server.stop()
    assert fingerprints[0] == fingerprints[1]


@pytest.mark.parametrize(("args", "env"), [
    (("--host", "0.0.0.0", "--no-tls"), {}),
    (("--host", "0.0.0.0"), {"PROCTOR_TLS": "0"}),
])
def test_no_tls_on_a_network_address_exits_with_a_sentence(tmp_path, args, env):
    server = ServerProcess.start(tmp_path / "data", args=args, env=env)
    try:
        assert server.process.wait(START_TIMEOUT) != 0
        stderr = server.process.stderr.read() if server.process.stderr else ""
        assert "(PROCTOR_TLS=0) is refused for --host 0.0.0.0" in stderr
        assert "Traceback" not in stderr
    finally:
        server.stop()


def test_a_kiosk_enrolled_with_a_file_sends_snapshots_over_tls(tmp_path: Path):
    env = clean_env()
    data = tmp_path / "server-data"
    server = Process([command("proctor-server"), "--data-dir", str(data), "--port", "0",
                      "--tls"], env)
    kiosk: Process | None = None
    try:
        url = server.wait_for_line("listening on https://", timeout=30).split()[-1]
        fingerprint = server.wait_for_line("certificate sha256 ", timeout=10).split()[-1]
        keys = json.loads((data / "keys.json").read_text())
        admin = ProctorClient(url, keys["admin_key"], fingerprint=fingerprint)
        exam = admin.request("POST", "/exams", json={
            "title": "TLS exam", "duration_seconds": 600, "snapshot_interval_seconds": 2}).json()
        enrolment = write_enrolment_file(tmp_path / "kiosk.json",
                                         Enrolment(url, keys["kiosk_key"], fingerprint))

        kiosk = Process([command("proctor-candidate"), "--enrol", str(enrolment),
                         "--exam-id", exam["exam_id"], "--candidate-ref", "TLS-1",
                         "--candidate-name", "Tess Example", "--camera", "synthetic",
                         "--spool-dir", str(tmp_path / "spool")], env)

        def snapshot_count() -> int:
            sessions = admin.request("GET", "/proctor/sessions", params={"status": "all"}).json()
            return sessions[0]["snapshot_count"] if sessions else 0

        try:
            wait_until(lambda: snapshot_count() >= 2, timeout=30,
                       what="two snapshots from the enrolled kiosk", wake=kiosk)
        except AssertionError as exc:
            raise AssertionError(f"{exc}; the kiosk said:\n{''.join(kiosk.output)}") from None
        assert kiosk.stop() == 0
    finally:
        if kiosk is not None:
            kiosk.stop()
        assert server.stop() == 0

"""The installable Linux builds (packaging/build.py): built once into a temporary folder outside
the checkout, then started there with an empty environment (no venv, no PYTHONPATH), and the
server's .deb installed, run as its service user, removed and purged.

Slow (a clean build takes minutes): marked ``packaging`` and run only when asked for,
``python3 -m pytest -n 0 -m packaging tests/packaging``."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.py"
UNIT = "/usr/lib/systemd/system/proctor-server.service"

pytestmark = [pytest.mark.packaging, pytest.mark.process, pytest.mark.slow,
              pytest.mark.timeout(1200), pytest.mark.xdist_group("packaging")]


@pytest.fixture(scope="module", autouse=True)
def only_when_asked_for(request: pytest.FixtureRequest) -> None:
    """A build takes minutes: these run under ``-m packaging`` only, never in the default run
    (module-scoped, so it comes before the build)."""
    expression = request.config.option.markexpr or ""
    if not re.search(r"(?<!not )\bpackaging\b", expression):
        pytest.skip('the builds are tested with -m packaging')


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ of one ``build.py linux`` run, in a temporary folder outside the checkout; or the
    one ``PACKAGING_DIST`` names (a folder build.py made, for a CI step that built it before)."""
    if os.environ.get("PACKAGING_DIST"):
        return Path(os.environ["PACKAGING_DIST"]).resolve()
    pytest.importorskip("PyInstaller", reason="pip install -e '.[packaging]' installs PyInstaller")
    base = tmp_path_factory.mktemp("packaging")
    subprocess.run([sys.executable, str(BUILD), "linux", "--dist", str(base / "dist"),
                    "--work", str(base / "work")], check=True, cwd=base)
    return base / "dist"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What ``env -i`` leaves, plus a home of the test's own."""
    return {"HOME": str(home), **extra}


def run(command: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("program", ["proctor-candidate", "proctor-console"])
def test_each_desktop_program_answers_help_from_the_build_alone(dist: Path, program: str,
                                                                tmp_path: Path) -> None:
    result = run([str(dist / "proctor" / program), "--help"], clean_env(tmp_path), tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: {program}")


def test_the_built_kiosk_shows_its_window_offscreen(dist: Path, tmp_path: Path) -> None:
    result = run([str(dist / "proctor" / "proctor-candidate"), "--camera", "synthetic",
                  "--smoke-test"], clean_env(tmp_path, QT_QPA_PLATFORM="offscreen"), tmp_path)

    assert result.returncode == 0, result.stderr
    assert "smoke test: Proctor Kiosk painted" in result.stdout


def test_the_built_console_opens_its_center_and_window_offscreen(dist: Path,
                                                                 tmp_path: Path) -> None:
    result = run([str(dist / "proctor" / "proctor-console"), "--data-dir", str(tmp_path / "data"),
                  "--port", "0", "--desk", "Smoke", "--smoke-test"],
                 clean_env(tmp_path, QT_QPA_PLATFORM="offscreen"), tmp_path)

    assert result.returncode == 0, result.stderr
    assert "listening on http://127.0.0.1:" in result.stdout
    assert "smoke test: Proctor Center" in result.stdout
    assert "Running upgrade 0012 -> 0013" in result.stderr  # migrations ran from the build
    assert (dist / "proctor" / "_internal" / "resources" / "models" / "yunet" /
            "yunet_s_640_640.onnx").is_file()


def test_the_server_build_carries_no_qt(dist: Path) -> None:
    bundled = {path.name for path in (dist / "proctor-server" / "_internal").iterdir()}

    assert "PySide6" not in bundled
    assert {"cv2", "resources"} <= bundled


def test_the_built_kiosk_sends_frames_the_built_server_reads_as_one_face(dist: Path,
                                                                         tmp_path: Path) -> None:
    """The frozen server analyses frames in a spawned worker process with the shipped model."""
    port, admin, kiosk_key = free_port(), "admin-" + "a" * 20, "kiosk-" + "k" * 20
    with contextlib.ExitStack() as stack:
        server_log = stack.enter_context((tmp_path / "server.log").open("w"))
        kiosk_log = stack.enter_context((tmp_path / "kiosk.log").open("w"))
        server = stack.enter_context(subprocess.Popen(
            [str(dist / "proctor-server" / "proctor-server"), "--data-dir",
             str(tmp_path / "center"), "--port", str(port)],
            env=clean_env(tmp_path, PROCTOR_ANALYSIS_PROCESSES="1", PROCTOR_ADMIN_KEY=admin,
                          PROCTOR_KIOSK_KEY=kiosk_key),
            stdout=subprocess.PIPE, stderr=server_log, text=True))
        stack.callback(stop, server)
        assert server.stdout is not None
        assert f"listening on http://127.0.0.1:{port}\n" in iter(server.stdout.readline, "")
        center = stack.enter_context(httpx.Client(
            base_url=f"http://127.0.0.1:{port}/api/v1", trust_env=False,
            headers={"Authorization": f"Bearer {admin}"}))
        exam = center.post("/exams", json={"title": "Frozen", "duration_seconds": 600}).json()
        kiosk = stack.enter_context(subprocess.Popen(
            [str(dist / "proctor" / "proctor-candidate"), "--server", f"http://127.0.0.1:{port}",
             "--kiosk-key", kiosk_key, "--exam-id", exam["exam_id"], "--candidate-ref", "C-1",
             "--candidate-name", "Sarah Ahmed", "--camera", "synthetic",
             "--snapshot-interval", "1"],
            env=clean_env(tmp_path, QT_QPA_PLATFORM="offscreen"), stdout=subprocess.DEVNULL,
            stderr=kiosk_log))
        stack.callback(stop, kiosk)

        deadline = time.monotonic() + 90
        faces = None
        while faces != 1 and time.monotonic() < deadline:  # a frame a second, analysed
            faces = next((session["latest_face_count"] for session
                          in center.get("/proctor/sessions").json()
                          if session["candidate_ref"] == "C-1"), None)
            time.sleep(0.5)

        assert faces == 1
        assert any("--multiprocessing-fork" in " ".join(child.cmdline())
                   for child in psutil.Process(server.pid).children())


def stop(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    """SIGTERM, as systemd and a session's end send it: the programs close cleanly, status 0."""
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0


# ---- the .deb ----------------------------------------------------------------------------------
def health_status(port: int) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(f"http://127.0.0.1:{port}/api/v1/health", timeout=5) as response:
        return int(response.status)


def exec_start(unit: str) -> list[str]:
    line = next(line for line in Path(unit).read_text().splitlines()
                if line.startswith("ExecStart="))
    return line.removeprefix("ExecStart=").split()


def wait_until_it_catches_sigterm(pid: int) -> None:
    """The server answers a moment before it sets its SIGTERM handler (after announcing itself):
    wait for the handler, which the kernel lists in the process's caught signals."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        caught = int(re.search(r"^SigCgt:\s*([0-9a-f]+)$", status, re.M)[1], 16)  # type: ignore[index]
        if caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.05)
    raise AssertionError("the server never set its SIGTERM handler")


def dpkg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["dpkg", *args], capture_output=True, text=True, timeout=300)


def user_exists(name: str) -> bool:
    return subprocess.run(["getent", "passwd", name], capture_output=True).returncode == 0


@pytest.fixture
def installable(dist: Path) -> Iterator[Path]:
    """The .deb, on a machine where installing it touches nobody's: root, dpkg, no
    proctor-server package and no proctor user yet. Purged afterwards whatever happens."""
    if os.geteuid() != 0 or not shutil.which("dpkg") or not shutil.which("runuser"):
        pytest.skip("installing the .deb needs root, dpkg and runuser")
    if dpkg("-s", "proctor-server").returncode == 0 or user_exists("proctor"):
        pytest.skip("proctor-server or the proctor user is already on this machine")
    [deb] = dist.glob("proctor-server_*.deb")
    yield deb
    dpkg("--purge", "proctor-server")


def test_the_server_deb_runs_as_its_user_and_removes_cleanly(installable: Path,
                                                             tmp_path: Path) -> None:
    installed = dpkg("-i", str(installable))
    assert installed.returncode == 0, installed.stderr
    assert user_exists("proctor")
    if shutil.which("systemd-analyze"):
        verified = subprocess.run(["systemd-analyze", "verify", UNIT], capture_output=True,
                                  text=True)
        assert verified.returncode == 0, verified.stderr

    port = free_port()
    log = (tmp_path / "server.log").open("w")
    runuser = subprocess.Popen(  # the unit's command, as its user, in systemd's empty environment
        ["runuser", "-u", "proctor", "--", "env", "-i", f"PROCTOR_PORT={port}",
         *exec_start(UNIT)], stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        assert runuser.stdout is not None
        lines = iter(runuser.stdout.readline, "")
        assert f"listening on http://127.0.0.1:{port}\n" in lines
        assert health_status(port) == 200
        [server] = psutil.Process(runuser.pid).children()
        assert server.username() == "proctor"
        wait_until_it_catches_sigterm(server.pid)
        server.send_signal(signal.SIGTERM)  # what systemctl stop sends
        assert runuser.wait(timeout=30) == 0
    finally:
        if runuser.poll() is None:
            for process in [*psutil.Process(runuser.pid).children(), runuser]:
                process.kill()
        log.close()
    owners = {path.owner() for path in Path("/var/lib/proctor-server").rglob("*")}
    assert owners == {"proctor"}

    removed = dpkg("-r", "proctor-server")
    assert removed.returncode == 0, removed.stderr
    assert not Path("/opt/proctor-server").exists()
    assert not Path("/usr/bin/proctor-server").exists()
    assert not Path(UNIT).exists()
    assert Path("/var/lib/proctor-server").is_dir()  # remove keeps the center's data
    assert user_exists("proctor")

    purged = dpkg("-P", "proctor-server")
    assert purged.returncode == 0, purged.stderr
    assert not Path("/var/lib/proctor-server").exists()
    assert not Path("/etc/default/proctor-server").exists()
    assert not user_exists("proctor")

"""Two programs on one data dir, as an operator would start them: while `proctor-server` runs,
a second `proctor-server` or a `proctor-console` on the same folder exits non-zero at once with
one sentence that names the folder in use; a console on another folder starts normally."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_console_process import console_command
from tests.e2e.test_server_process import ServerProcess, server_command

REPO = Path(__file__).resolve().parents[2]


def run_briefly(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, capture_output=True, text=True, timeout=60, cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PROCTOR_ANALYSIS": "0", **env},
    )


@pytest.fixture
def running_server(tmp_path):
    server = ServerProcess.start(tmp_path / "data")
    server.wait_for_line("listening on ")
    yield server
    server.stop()


def test_a_second_server_on_the_same_data_dir_exits_with_a_sentence(running_server, tmp_path):
    data_dir = (tmp_path / "data").resolve()
    second = run_briefly([*server_command(), "--data-dir", str(data_dir), "--port", "0"])
    assert second.returncode == 2
    assert "listening on" not in second.stdout
    [line] = second.stderr.strip().splitlines()
    assert line == (
        f"proctor-server: The data dir {data_dir} is already in use by proctor-server (process "
        f"{running_server.process.pid}); close that program or choose another folder with "
        "--data-dir (or PROCTOR_DATA_DIR)."
    )
    assert running_server.process.poll() is None  # the first one keeps running


def test_a_console_on_the_server_s_data_dir_exits_with_a_sentence(running_server, tmp_path):
    data_dir = (tmp_path / "data").resolve()
    console = run_briefly([*console_command(), "--data-dir", str(data_dir), "--port", "0"])
    assert console.returncode == 2
    assert "listening on" not in console.stdout
    assert (f"proctor-console: The data dir {data_dir} is already in use by proctor-server"
            in console.stderr)
    assert not (data_dir / "console.ini").exists()  # it touched nothing


def test_the_data_dir_is_free_again_after_the_server_stops(tmp_path):
    server = ServerProcess.start(tmp_path / "data")
    server.wait_for_line("listening on ")
    server.process.terminate()
    server.process.wait(15)
    again = ServerProcess.start(tmp_path / "data")
    try:
        assert again.wait_for_line("listening on ")
    finally:
        again.stop()


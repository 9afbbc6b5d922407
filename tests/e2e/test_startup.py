"""Start-up of the two desktop programs as real processes: ``--help`` answers without loading
Qt, and a machine without a display gets one sentence and exit status 2, not a core dump."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = {"proctor-console": "console.proctor", "proctor-candidate": "console.kiosk"}
#: Neither program gets as far as a database here: the PostgreSQL pass (.ci/run) does not repeat
#: these (tests/conftest.py).
pytestmark = pytest.mark.database_independent

#: Runs a program's main() with --help and prints which heavy modules were imported meanwhile.
HELP_PROBE = """
import contextlib, io, runpy, sys
with contextlib.redirect_stdout(io.StringIO()) as out, contextlib.suppress(SystemExit):
    runpy.run_module({module!r}, run_name="__main__", alter_sys=True)
heavy = sorted(m for m in ("PySide6", "cv2", "uvicorn", "sqlalchemy", "fastapi", "core.bootstrap")
               if m in sys.modules)
print(repr((out.getvalue(), heavy)))
"""


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize("program", PROGRAMS)
def test_help_answers_without_importing_qt_opencv_or_the_server(program):
    probe = HELP_PROBE.format(module=PROGRAMS[program])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = run(["-c", probe, "--help"], env)
    assert result.returncode == 0, result.stderr
    help_text, heavy = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    assert f"usage: {program}" in help_text
    assert heavy == []


@pytest.mark.parametrize("program", PROGRAMS)
def test_without_a_display_the_program_says_so_in_one_sentence_and_exits_2(program):
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = str(ROOT)
    result = run(["-m", PROGRAMS[program]], env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"{program} needs a desktop session, but neither DISPLAY nor WAYLAND_DISPLAY is set: "
        "run it from a desktop, or set QT_QPA_PLATFORM=offscreen to run it without a window."
    ]
    assert "core dumped" not in result.stderr and "Traceback" not in result.stderr

"""The repository passes its own ruff configuration (pyproject.toml), so style never drifts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_ruff_finds_nothing_to_fix_in_the_repository():
    command = shutil.which("ruff")
    assert command, "ruff is not installed (pip install -e '.[test]')"
    result = subprocess.run([command, "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr

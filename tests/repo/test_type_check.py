"""core/ is fully typed: mypy --strict (the [tool.mypy] section of pyproject.toml) passes on it,
and would fail on a function without annotations or a wrong return type."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def mypy(cwd: Path, cache: Path, *paths: str) -> subprocess.CompletedProcess[str]:
    # mypy is a test dependency (pyproject's "test" extra); a missing one fails here, loudly.
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache), "--no-error-summary", *paths],
        cwd=cwd, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": str(cwd)},
    )


def test_the_type_check_is_strict_and_covers_core():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["mypy"]
    assert config["strict"] is True
    assert config["files"] == ["core"]


def test_mypy_strict_passes_on_core(tmp_path):
    result = mypy(REPO, tmp_path / "cache")
    assert result.returncode == 0, result.stdout + result.stderr


def copy_with(tmp_path: Path, module: str, code: str) -> Path:
    shutil.copytree(REPO / "core", tmp_path / "core", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text() + code)
    return tmp_path


def test_mypy_would_catch_a_function_without_annotations(tmp_path):
    copy = copy_with(tmp_path / "copy", "core/domain/lifecycle.py",
                     "\n\ndef minutes_left(seconds):\n    return seconds // 60\n")

    result = mypy(copy, tmp_path / "cache", "core/domain/lifecycle.py")

    assert result.returncode != 0
    assert "Function is missing a type annotation  [no-untyped-def]" in result.stdout, (
        result.stdout + result.stderr)


def test_mypy_would_catch_a_rule_returning_the_wrong_type(tmp_path):
    copy = copy_with(tmp_path / "copy", "core/domain/lifecycle.py",
                     "\n\ndef minutes_left(seconds: int) -> int:\n    return seconds / 60\n")

    result = mypy(copy, tmp_path / "cache", "core/domain/lifecycle.py")

    assert result.returncode != 0
    assert "Incompatible return value type" in result.stdout, result.stdout + result.stderr

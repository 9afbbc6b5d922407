"""The architecture contract of pyproject.toml, checked by import-linter: core never imports
PySide6 or the console."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def lint_imports(cwd: Path = REPO, env: dict[str, str] | None = None,
                 ) -> subprocess.CompletedProcess[str]:
    command = shutil.which("lint-imports")
    assert command, "import-linter is not installed (pip install import-linter)"
    return subprocess.run([command, "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


def test_the_contract_forbids_qt_and_the_console_in_core():
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]
    forbidden = {
        (module, target)
        for contract in config["contracts"] if contract["type"] == "forbidden"
        for module in contract["source_modules"]
        for target in contract["forbidden_modules"]
    }
    assert {("core", "PySide6"), ("core", "console")} <= forbidden


def test_lint_imports_passes_with_the_repository_configuration():
    result = lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_lint_imports_would_catch_core_importing_pyside6(tmp_path):
    # A copy of the project with one offending import proves the contract has teeth. (The
    # copy's configuration also names PySide6 as an external package, which import-linter
    # requires for it; the test above holds the real configuration to that.)
    for name in ("core", "console"):
        shutil.copytree(REPO / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    pyproject = (REPO / "pyproject.toml").read_text()
    if "include_external_packages" not in pyproject:
        pyproject = pyproject.replace(
            "[tool.importlinter]\n", "[tool.importlinter]\ninclude_external_packages = true\n")
    (tmp_path / "pyproject.toml").write_text(pyproject)
    (tmp_path / "core" / "sneaky.py").write_text("from PySide6 import QtCore  # noqa\n")

    result = lint_imports(cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(tmp_path)})

    assert result.returncode != 0
    assert "core.sneaky -> PySide6" in result.stdout, result.stdout + result.stderr

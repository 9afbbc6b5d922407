"""The architecture contracts of pyproject.toml, checked by import-linter: core never imports
PySide6 or the console; OpenCV is imported only by the frame inspection and the kiosk's camera
source; media storage does not depend on the services; the domain rules stay pure. Each planted
violation proves a contract has teeth."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

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


def contracts() -> list[dict]:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]


def forbidden_pairs() -> set[tuple[str, str]]:
    return {
        (module, target)
        for contract in contracts() if contract["type"] == "forbidden"
        for module in contract["source_modules"]
        for target in contract["forbidden_modules"]
    }


def copy_with(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the project with ``line`` added to ``module`` (a path under the copy)."""
    for name in ("core", "console"):
        shutil.copytree(REPO / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text((target.read_text() if target.exists() else "") + line + "  # noqa\n")
    return tmp_path


def lint_copy(copy: Path) -> subprocess.CompletedProcess[str]:
    return lint_imports(cwd=copy, env={**os.environ, "PYTHONPATH": str(copy)})


def test_lint_imports_would_catch_core_importing_pyside6(tmp_path):
    result = lint_copy(copy_with(tmp_path, "core/sneaky.py", "from PySide6 import QtCore"))

    assert result.returncode != 0
    assert "core.sneaky -> PySide6" in result.stdout, result.stdout + result.stderr


def test_the_contracts_keep_opencv_out_of_core_and_console_but_for_two_modules():
    assert {("core", "cv2"), ("console", "cv2")} <= forbidden_pairs()
    [opencv] = [c for c in contracts() if "cv2" in c["forbidden_modules"]
                and "core" in c["source_modules"]]
    allowed = {line.split(" -> ")[0] for line in opencv["ignore_imports"]}
    assert {"core.jobs.analysis.inspection", "console.kiosk.camera.opencv_frame_source"} <= allowed
    assert not {m for m in allowed if m.startswith("core.")} - {"core.jobs.analysis.inspection"}


def test_lint_imports_would_catch_media_storage_importing_opencv(tmp_path):
    result = lint_copy(copy_with(tmp_path, "core/media/store.py", "import cv2"))

    assert result.returncode != 0
    assert "core.media.store -> cv2" in result.stdout, result.stdout + result.stderr


def test_lint_imports_would_catch_a_service_importing_opencv_itself(tmp_path):
    result = lint_copy(copy_with(tmp_path, "core/services/exams.py", "import cv2"))

    assert result.returncode != 0
    assert "core.services.exams -> cv2" in result.stdout, result.stdout + result.stderr


def test_lint_imports_would_catch_media_storage_importing_the_services(tmp_path):
    assert ("core.media.store", "core.services") in forbidden_pairs()
    result = lint_copy(copy_with(tmp_path, "core/media/store.py",
                                 "from core.services import records"))

    assert result.returncode != 0
    assert "core.media.store -> core.services.records" in result.stdout, (
        result.stdout + result.stderr)


def test_lint_imports_would_catch_a_domain_rule_reaching_for_the_database(tmp_path):
    result = lint_copy(copy_with(tmp_path, "core/domain/lifecycle.py",
                                 "from core.db import models"))

    assert result.returncode != 0
    assert "core.domain.lifecycle -> core.db.models" in result.stdout, (
        result.stdout + result.stderr)


@pytest.mark.parametrize(("line", "reported"), [
    ("from core.services import attempts", "core.services.attempts"),  # past core.client
    ("from console.proctor import formatting", "console.proctor.formatting"),  # the proctor wing
])
def test_lint_imports_would_catch_the_kiosk_importing_beyond_its_client_and_ui(
        tmp_path, line, reported):
    result = lint_copy(copy_with(tmp_path, "console/kiosk/exam/exam_page.py", line))

    assert result.returncode != 0
    assert f"console.kiosk.exam.exam_page -> {reported}" in result.stdout, (
        result.stdout + result.stderr)

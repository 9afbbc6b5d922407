"""The architecture contracts of pyproject.toml, checked by import-linter: core never imports
PySide6 or the console; OpenCV is imported only by the frame inspection and the kiosk's camera
source; media storage does not depend on the services; the domain rules stay pure; core sits in
layers (API, composition root, jobs, services, storage, domain) and core.client imports none of
the server; the two console wings are independent and stand on the kit; the console's settings
sit below the grid and the alerts; the kiosk's frame-source protocol imports none of its
implementations. Each planted violation proves a contract has teeth."""

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
    [opencv] = [c for c in contracts() if "cv2" in c.get("forbidden_modules", ())
                and "core" in c.get("source_modules", ())]
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


def broken_contracts(result: subprocess.CompletedProcess[str]) -> str:
    """The report's broken contracts, with import-linter's line wrapping undone."""
    assert result.returncode != 0, result.stdout + result.stderr
    assert "Broken contracts" in result.stdout, result.stdout + result.stderr
    return " ".join(result.stdout.split("Broken contracts", 1)[1].split())


def contract_named(start: str) -> str:
    [name] = [c["name"] for c in contracts() if c["name"].startswith(start)]
    return name


@pytest.mark.parametrize(("module", "line", "arrow"), [
    ("core/services/exams.py", "from core.api import errors",
     "core.services.exams -> core.api.errors"),  # a service reaching up to the API
    ("core/jobs/analysis/pool.py", "from core.bootstrap import Core",
     "core.jobs.analysis.pool -> core.bootstrap"),  # a job reaching back into the root
    ("core/net/pinning.py", "from core.client import results",
     "core.net.pinning -> core.client.results"),  # the network helpers below the client
    ("core/domain/risk.py", "from core import config",
     "core.domain.risk -> core.config"),  # the domain imports nothing beside itself
    ("core/db/models.py", "from core.events import bus",
     "core.db.models -> core.events.bus"),  # storage below the events
])
def test_lint_imports_would_catch_core_importing_against_its_layers(tmp_path, module, line, arrow):
    report = broken_contracts(lint_copy(copy_with(tmp_path, module, line)))

    assert contract_named("core in layers") in report, report
    assert arrow in report, report


def test_lint_imports_would_catch_the_client_reaching_for_the_database(tmp_path):
    report = broken_contracts(lint_copy(copy_with(tmp_path, "core/client/enrolment.py",
                                                  "from core.db import models")))

    assert contract_named("core.client reaches the server only over HTTP") in report, report
    assert "core.client.enrolment -> core.db.models" in report, report


def test_lint_imports_would_catch_the_proctor_wing_importing_the_kiosk(tmp_path):
    report = broken_contracts(lint_copy(copy_with(tmp_path, "console/proctor/formatting.py",
                                                  "from console.kiosk import kiosk_settings")))

    assert contract_named("the Proctor Console and the kiosk are independent") in report, report
    assert "console.proctor.formatting -> console.kiosk.kiosk_settings" in report, report


@pytest.mark.parametrize(("module", "line", "arrow"), [
    ("console/ui.py", "from console.proctor import formatting",
     "console.ui -> console.proctor.formatting"),
    ("console/tasks.py", "from console.kiosk import kiosk_settings",
     "console.tasks -> console.kiosk.kiosk_settings"),
])
def test_lint_imports_would_catch_the_kit_importing_a_wing(tmp_path, module, line, arrow):
    report = broken_contracts(lint_copy(copy_with(tmp_path, module, line)))

    assert contract_named("the console's wings stand on its kit") in report, report
    assert arrow in report, report


def test_lint_imports_would_catch_the_settings_importing_the_grid(tmp_path):
    report = broken_contracts(lint_copy(copy_with(
        tmp_path, "console/proctor/console_settings.py",
        "from console.proctor.proctor_center import sort_labels")))

    assert contract_named("the console's settings sit below") in report, report
    assert ("console.proctor.console_settings -> console.proctor.proctor_center.sort_labels"
            in report), report


def test_lint_imports_would_catch_the_frame_source_protocol_importing_an_implementation(
        tmp_path):
    report = broken_contracts(lint_copy(copy_with(
        tmp_path, "console/kiosk/camera/frame_source.py",
        "from console.kiosk.camera import opencv_frame_source")))

    assert contract_named("the kiosk's frame-source protocol") in report, report
    assert ("console.kiosk.camera.frame_source -> console.kiosk.camera.opencv_frame_source"
            in report), report

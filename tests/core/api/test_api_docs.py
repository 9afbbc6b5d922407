"""core/api/reference.md is the contract a kiosk or integration author reads: it is generated
from the schema the server serves at /openapi.json (tests/tools/write_api_docs.py) and must
match it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.api.app import create_app

REPO = Path(__file__).resolve().parents[3]
SCRIPT = REPO / "tests" / "tools" / "write_api_docs.py"
DOC = REPO / "core" / "api" / "reference.md"


def write_api_docs(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.process  # tests/tools/write_api_docs.py, which builds a throwaway core
@pytest.mark.db
def test_docs_api_md_is_up_to_date_with_the_served_schema():
    result = write_api_docs("--check")
    assert result.returncode == 0, (
        "core/api/reference.md is out of date: run python3 tests/tools/write_api_docs.py\n"
        + result.stdout + result.stderr)


@pytest.mark.process  # tests/tools/write_api_docs.py, which builds a throwaway core
@pytest.mark.db
def test_a_stale_api_document_is_reported(tmp_path):
    stale = tmp_path / "reference.md"
    stale.write_text(DOC.read_text().replace("| `attempt_token` |", "| `some_token` |"))

    result = write_api_docs("--check", "--output", str(stale))

    assert result.returncode == 1
    assert "out of date" in result.stdout


def test_every_route_is_listed_with_the_secret_it_takes(core):
    schema = create_app(core).openapi()
    doc = DOC.read_text()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            secrets = [name for needed in operation.get("security", []) for name in needed]
            secret = " or ".join(f"`{name}`" for name in secrets) or "none"
            assert f"### {method.upper()} {path}\n" in doc
            assert f"| {method.upper()} | [`{path}`]" in doc
            assert f"Secret: {secret}." in doc


def test_the_routes_that_need_a_secret_say_which_one():
    doc = DOC.read_text()
    assert "| POST | [`/api/v1/attempts/{attempt_id}/snapshots`]" in doc
    row = next(line for line in doc.splitlines()
               if line.startswith("| POST | [`/api/v1/attempts/{attempt_id}/snapshots`]"))
    assert "`attempt_token`" in row and "413" in row and "415" in row
    row = next(line for line in doc.splitlines()
               if line.startswith("| POST | [`/api/v1/exams`]"))
    assert "`admin_key`" in row

"""The repository explains itself: no docstring, comment or README line sends the reader to a
document that is not in the repository or to an issue number of a tracker they cannot see."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TEXT_SUFFIXES = {".py", ".md", ".toml", ".qss", ".ini", ".txt", ".cfg"}
SKIPPED_DIRS = {".git", "__pycache__", "media_storage", "build", "dist", ".venv", "venv"}
DOCUMENT = re.compile(r"[\w./-]*\b[\w-]+\.md\b")
ISSUE = re.compile(r"\bissues?\s*#?\d+", re.IGNORECASE)


def text_files() -> list[Path]:
    return sorted(
        path for path in REPO.rglob("*")
        if path.suffix in TEXT_SUFFIXES and path.is_file()
        and not SKIPPED_DIRS & set(path.relative_to(REPO).parts)
        and path != Path(__file__).resolve()
    )


def exists_in_repo(name: str) -> bool:
    return (REPO / name).is_file() or any(REPO.rglob(Path(name).name))


def test_every_document_named_in_the_repository_is_in_it():
    missing = [
        f"{path.relative_to(REPO)}:{number}: {match.group()}"
        for path in text_files()
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        for match in DOCUMENT.finditer(line)
        if not exists_in_repo(match.group().lstrip("./"))
    ]
    assert not missing, "documents that are not in the repository:\n" + "\n".join(missing)


def test_no_text_refers_to_an_issue_number():
    found = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path in text_files()
        for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
        if ISSUE.search(line)
    ]
    assert not found, "say what the rule is instead of naming an issue:\n" + "\n".join(found)

"""Update the translation sources from the code, and build the catalogues the programs load.

    python3 tests/tools/update_translations.py           # lupdate the .ts, lrelease the .qm
    python3 tests/tools/update_translations.py --check   # exit 1 when a .ts or .qm is stale

``pyside6-lupdate`` (shipped with PySide6-Essentials) reads every ``tr``/``translate`` call of
the translated code into ``resources/translations/proctor_<code>.ts`` (new sentences are added
as unfinished, gone ones removed); a translator fills them (Qt Linguist: ``pyside6-linguist``,
or any editor). ``pyside6-lrelease`` compiles each .ts into the .qm that ``console.i18n``
loads. The .qm files are committed, so that an installed package carries them;
tests/repo/test_translations.py fails while one is stale.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "resources" / "translations"
#: The languages with a catalogue (``console.i18n.LANGUAGES`` less the source language).
LANGUAGES = ("ar",)
#: The code whose words are translated.
TRANSLATED = ("console/kiosk", "console/proctor", "console/i18n.py")
#: Folders of the translated code whose words are not translated yet (none now).
NOT_YET: tuple[str, ...] = ()


def sources() -> list[Path]:
    files: list[Path] = []
    for folder in TRANSLATED:
        where = REPO / folder
        files.extend([where] if where.is_file() else sorted(where.rglob("*.py")))
    return [path for path in files
            if not any(str(path.relative_to(REPO)).startswith(skip) for skip in NOT_YET)]


def catalogue(code: str, folder: Path = FOLDER) -> Path:
    return folder / f"proctor_{code}.ts"


def lupdate(ts_file: Path) -> None:
    subprocess.run(["pyside6-lupdate", "-silent", "-no-obsolete", "-locations", "none",
                    *[str(path.relative_to(REPO)) for path in sources()],
                    "-target-language", ts_file.stem.split("_", 1)[1], "-ts", str(ts_file)],
                   cwd=REPO, check=True)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(["pyside6-lrelease", "-silent", "-nounfinished", str(ts_file), "-qm",
                    str(qm_file)], check=True)


def stale_files() -> list[str]:
    """The .ts that lupdate would change and the .qm that lrelease would change."""
    stale: list[str] = []
    with tempfile.TemporaryDirectory(prefix="proctor-translations-") as work:
        for code in LANGUAGES:
            ts_file = catalogue(code)
            copy = catalogue(code, Path(work))
            shutil.copyfile(ts_file, copy)
            lupdate(copy)
            if copy.read_text(encoding="utf-8") != ts_file.read_text(encoding="utf-8"):
                stale.append(str(ts_file.relative_to(REPO)))
            qm_file = ts_file.with_suffix(".qm")
            built = Path(work) / qm_file.name
            lrelease(ts_file, built)
            if not qm_file.exists() or not filecmp.cmp(built, qm_file, shallow=False):
                stale.append(str(qm_file.relative_to(REPO)))
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say what is stale")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_files()
        for name in stale:
            print(f"{name} is stale: run python3 tests/tools/update_translations.py")
        return 1 if stale else 0
    FOLDER.mkdir(exist_ok=True)
    for code in LANGUAGES:
        ts_file = catalogue(code)
        lupdate(ts_file)
        lrelease(ts_file, ts_file.with_suffix(".qm"))
        print(f"wrote {ts_file.relative_to(REPO)} and its .qm")
    return 0


if __name__ == "__main__":
    sys.exit(main())

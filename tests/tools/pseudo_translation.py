"""A pseudo-language made from the translation sources: every sentence bracketed, its letters
accented and about 30% longer, so that a window shown in it shows at once a word that did not
go through Qt's translation (no brackets) and a word with no room to grow (cut off).

    python3 tests/tools/pseudo_translation.py DIR   # writes DIR/proctor_pseudo.qm

Placeholders (``{name}``, ``%n``), markup (``<b>``, ``&amp;``) and line breaks stay as they are.
The catalogue is built from ``resources/translations/proctor_ar.ts``'s sources (every sentence
lupdate found), so a sentence missing from the .ts also shows unbracketed.
"""

from __future__ import annotations

import math
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "resources" / "translations" / "proctor_ar.ts"
CODE = "pseudo"
OPEN, CLOSE = "[", "]"
#: What the pseudo-language keeps as it is: placeholders, tags, entities.
KEPT = re.compile(r"\{[a-z_]+\}|%L?n|%L?\d|<[^>]+>|&[a-z]+;")
ACCENTS = str.maketrans("aceinosuyACEINOSUY", "áçéîñóšúýÁÇÉÎÑÓŠÚÝ")


def pseudo(text: str) -> str:
    """``Start exam`` -> ``[Štárt éxám ·····]``: bracketed, accented, 30% longer."""
    parts: list[str] = []
    letters = 0
    position = 0
    for kept in KEPT.finditer(text):
        plain = text[position:kept.start()]
        parts.append(plain.translate(ACCENTS))
        letters += len(plain)
        parts.append(kept.group(0))
        position = kept.end()
    plain = text[position:]
    parts.append(plain.translate(ACCENTS))
    letters += len(plain)
    padding = "·" * max(1, math.ceil(letters * 0.3))
    return f"{OPEN}{''.join(parts)} {padding}{CLOSE}"


def write_pseudo_ts(target: Path, source: Path = SOURCE) -> Path:
    tree = ET.parse(source)
    root = tree.getroot()
    root.set("language", "en")  # two plural forms, one and many
    for message in root.iter("message"):
        text = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if message.get("numerus") == "yes":
            translation.text = None
            for form in (text.replace("(s)", ""), text.replace("(s)", "s")):
                ET.SubElement(translation, "numerusform").text = pseudo(form)
        else:
            translation.text = pseudo(text)
    ts_file = target / f"proctor_{CODE}.ts"
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return ts_file


def build_pseudo_catalogue(target: Path) -> Path:
    """Write ``proctor_pseudo.qm`` into ``target``; its path."""
    target.mkdir(parents=True, exist_ok=True)
    ts_file = write_pseudo_ts(target)
    qm_file = ts_file.with_suffix(".qm")
    subprocess.run(["pyside6-lrelease", "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    return qm_file


if __name__ == "__main__":
    print(build_pseudo_catalogue(Path(sys.argv[1])))

"""The translation sources hold every sentence of the translated code, each one translated, and
the committed .qm catalogues are built from them (an installed package carries the .qm)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.tools.update_translations import LANGUAGES, catalogue, stale_files


def test_the_translation_sources_and_catalogues_are_current():
    assert stale_files() == [], "run python3 tests/tools/update_translations.py"


def test_every_sentence_has_its_translation():
    for code in LANGUAGES:
        root = ET.parse(catalogue(code)).getroot()
        unfinished = [message.findtext("source") for message in root.iter("message")
                      if message.find("translation").get("type") == "unfinished"]
        assert unfinished == [], f"{code}: {unfinished[:5]}"

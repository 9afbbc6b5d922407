"""How long ago, said in the console's language: Arabic's own plural forms (one, two, a few,
many) in Arabic digits; English as before."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.i18n import remove_language
from console.proctor.formatting import ago

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)


def before(seconds: int) -> datetime:
    return NOW - timedelta(seconds=seconds)


@pytest.mark.parametrize(("seconds", "words"), [
    (2, "الآن"),
    (45, "قبل ٤٥ ثانية"),
    (60, "قبل دقيقة واحدة"),
    (120, "قبل دقيقتين"),
    (3 * 60, "قبل ٣ دقائق"),
    (25 * 60, "قبل ٢٥ دقيقة"),
    (2 * 3600, "قبل ساعتين"),
    (4 * 3600, "قبل ٤ ساعات"),
])
def test_in_arabic_how_long_ago_is_said_with_arabic_plurals_and_digits(arabic, seconds, words):
    assert ago(before(seconds), NOW) == words


def test_in_arabic_a_time_never_seen_reads_never(arabic):
    assert ago(None, NOW) == "أبدًا"


def test_in_english_how_long_ago_reads_as_before(qapp):
    remove_language()
    assert [ago(before(s), NOW) for s in (2, 45, 180, 7200)] == [
        "just now", "45 s ago", "3 min ago", "2 h ago"]
    assert ago(None, NOW) == "never"

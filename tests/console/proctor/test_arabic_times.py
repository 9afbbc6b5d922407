"""How long ago, said in the console's language: Arabic's own plural forms (one, two, a few,
many) in Arabic digits; English as before. A reason written in English inside an Arabic
sentence keeps its punctuation with it; a reason of the flag dialog is said in Arabic."""

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


def test_in_arabic_a_reason_written_in_english_keeps_its_full_stop_at_its_end(arabic):
    """Held between left-to-right marks inside the Arabic sentence (else the '.' jumps to the
    other side of the line); in English the sentence is unchanged."""
    from dataclasses import replace

    from console.proctor.formatting import paused_words
    from core.domain.samples import sample_sessions

    session = replace(sample_sessions(NOW)[0], paused=True, paused_at=NOW,
                      paused_reason="Fire alarm.")
    assert paused_words(session).endswith(": \u200eFire alarm.\u200e")
    assert paused_words(session).startswith("متوقفة مؤقتًا منذ")
    remove_language()
    assert paused_words(session).endswith(": Fire alarm.")


def test_in_arabic_a_flag_reason_of_the_flag_dialog_is_said_in_arabic(arabic):
    from dataclasses import replace

    from console.proctor.formatting import flag_words
    from core.domain.samples import sample_sessions

    session = replace(sample_sessions(NOW)[0], is_flagged=True, flag_reason="Left the seat",
                      flagged_by="Dana Lee", flag_note=None)
    assert flag_words(session) == "وُضعت علامة بواسطة Dana Lee: غادر المقعد"
    remove_language()
    assert flag_words(session) == "Flagged by Dana Lee: Left the seat"

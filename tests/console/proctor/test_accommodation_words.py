"""A candidate's accommodation is said in the console's language from its parts (its extra
percentage and minutes in the language's digits, the exempted event types as the timeline names
them): on the card's pill and tooltip, in the details header and on the timeline. A session from
an older center, which sends the English text alone, shows that text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from console.proctor.formatting import accommodation_summary
from console.proctor.proctor_center.session_rules import tooltip
from console.proctor.session_details.event_sentences import event_sentence
from console.proctor.session_details.timeline_model import DetailRole
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE, start
from tests.console.proctor.test_console_translations import _details

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

LEFT_THE_WINDOW = "غادر نافذة الاختبار"  # the timeline's words for focus_lost
TIME = "وقت إضافي ٢٥٪، ١٠ دقيقة إضافية"  # noqa: RUF001  (+25 % time, +10 min)


def accommodated(fake_core, fake_exam):
    fake_core.proctoring.set_accommodation(fake_exam.exam_id, "C-1", extra_percent=25,
                                           extra_minutes=10, exempt=["focus_lost"],
                                           note="Screen reader")
    return start(fake_core, fake_exam, "C-1", "Sarah Ahmed")


def test_in_arabic_the_card_says_the_accommodation_in_arabic_with_arabic_digits(
        arabic, fake_core, fake_exam, clock):
    started = accommodated(fake_core, fake_exam)
    session = fake_core.proctoring.get_session_summary(started.proctor_session_id)

    assert session.accommodation == "+25 % time, +10 min"  # the center's own text, unchanged
    assert accommodation_summary(session) == TIME
    assert f"التسهيلات: {TIME}" in tooltip(session, clock.now()).splitlines()
    exempt_only = replace(session, accommodation_percent=0, accommodation_minutes=0)
    assert accommodation_summary(exempt_only) == f"لا يُحتسب: {LEFT_THE_WINDOW}"


def test_in_arabic_the_details_header_and_timeline_say_the_accommodation_in_arabic(
        arabic, fake_console_context, fake_core, fake_exam, qtbot):
    started = accommodated(fake_core, fake_exam)
    fake_core.proctoring.set_accommodation(fake_exam.exam_id, "C-1", extra_percent=25,
                                           exempt=["focus_lost", "no_face"])
    registry, window = _details(fake_console_context, qtbot, started.proctor_session_id)
    try:
        model = window.timeline_model
        qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=5000)
        said = [model.data(model.index(row), DetailRole) for row in range(model.rowCount())
                if model.event_at(row).type == "accommodation_set"]
        assert said == [f"وقت إضافي ٢٥٪ — لا يُحتسب: {LEFT_THE_WINDOW}، لا وجه في الصورة"]
        header = window.header.fact_text("time")
        assert "وقت إضافي ٢٥٪ (تسهيلات بواسطة المسؤول)" in header
        assert f"لا يُحتسب لهذا المرشّح: {LEFT_THE_WINDOW}" in header
        assert not any(word in header for word in ("time", "min", "focus", "admin"))
    finally:
        registry.close_all()
        fake_console_context.tasks.wait_for_done()


def test_the_accommodation_event_set_before_the_exam_says_its_note_and_no_extra_time(arabic):
    note_only = event_sentence("event_accommodation_set",
                               {"percent": 0, "minutes": 0, "exempt": [], "note": "Screen reader"},
                               "Accommodation — Screen reader")
    assert note_only == "التسهيلات — \u200eScreen reader\u200e"
    assert event_sentence("event_accommodation_set",
                          {"percent": 0, "minutes": 0, "exempt": [], "note": None},
                          "No extra time") == "بلا وقت إضافي"
    # Parts that do not fit (a center out of step) show the stored English.
    assert event_sentence("event_accommodation_set", {"percent": "lots"},
                          "+25 % time") == "+25 % time"


def test_a_session_from_an_older_center_without_the_parts_shows_the_centers_text(
        arabic, fake_core, fake_exam, clock):
    started = start(fake_core, fake_exam, "C-1", "Sarah Ahmed")
    session = replace(fake_core.proctoring.get_session_summary(started.proctor_session_id),
                      accommodation="+25 % time")

    assert accommodation_summary(session) == "+25 % time"
    assert "التسهيلات: +25 % time" in tooltip(session, clock.now()).splitlines()


def test_in_english_the_accommodation_reads_as_the_center_writes_it(
        qapp, fake_core, fake_exam):
    started = accommodated(fake_core, fake_exam)
    session = fake_core.proctoring.get_session_summary(started.proctor_session_id)

    assert accommodation_summary(session) == session.accommodation == "+25 % time, +10 min"

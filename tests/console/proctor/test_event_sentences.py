"""An event detail the center wrote with a code is said in the console's language: the
template's translation with its parameters (durations in the language's words and digits,
times in the local time); a code the console does not know, or an event without one, shows
the center's stored sentence."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.kiosk.event_words import CAMERA_EVENT_MESSAGES, KIOSK_EVENT_MESSAGES, kiosk_words
from console.proctor.formatting import clock_time
from console.proctor.session_details.event_sentences import (
    CAMERA_SENTENCES,
    EVENT_SENTENCES,
    KIOSK_SENTENCES,
    event_sentence,
)
from console.proctor.session_details.timeline_model import DetailRole, TimelineModel
from core.domain.event_details import EVENT_MESSAGES
from core.domain.records import EventDTO
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE, start
from tests.console.proctor.test_console_translations import _details

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

AT = datetime(2026, 5, 4, 10, 42, 5, tzinfo=UTC)


def event(detail: str | None, code: str | None = None, params: dict | None = None,
          event_type: str = "resumed") -> EventDTO:
    return EventDTO("e-1", "s-1", event_type, detail, AT, "proctor", "Dana Lee", None, code,
                    params)


def detail_of(model, event_type: str) -> str:
    """What the details timeline says under the one event of ``event_type``."""
    [row] = [r for r in range(model.rowCount()) if model.event_at(r).type == event_type]
    return model.data(model.index(row), DetailRole)


def test_the_console_knows_every_event_sentence_of_the_center_word_for_word():
    assert EVENT_SENTENCES == EVENT_MESSAGES


def test_in_arabic_the_details_timeline_says_the_centers_sentences_in_arabic(
        arabic, fake_console_context, fake_core, fake_exam, clock, qtbot):
    started = start(fake_core, fake_exam, "C-1", "Ada Lovelace")
    fake_core.proctoring.pause_session(started.proctor_session_id, "Fire alarm")
    clock.advance(75)
    fake_core.proctoring.resume_session(started.proctor_session_id)
    registry, window = _details(fake_console_context, qtbot, started.proctor_session_id)
    try:
        model = window.timeline_model

        qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=5000)
        assert detail_of(model, "resumed") == "أُوقف مؤقتًا لمدة ١ د ١٥ ث؛ وأُعيد الوقت"  # noqa: RUF001
        assert detail_of(model, "session_started") == "بدأ Ada Lovelace الاختبار Algebra final"
        assert detail_of(model, "paused") == "Fire alarm"  # what the proctor typed, as typed
    finally:
        registry.close_all()
        fake_console_context.tasks.wait_for_done()


def test_an_unknown_code_or_an_older_event_shows_the_stored_detail(arabic):
    model = TimelineModel()
    stored = "Moved to room B by the center"
    model.set_events([event(stored, "event_moved_to_room", {"room": "B"}),
                      event("Paused for 2 min; the time was given back")])
    assert [model.data(model.index(row), DetailRole) for row in range(2)] == [
        stored, "Paused for 2 min; the time was given back"]


def test_parameters_that_do_not_fit_show_the_stored_detail(arabic):
    stored = "Paused for 2 min; the time was given back"
    assert event_sentence("event_resumed", {"paused": 120}, stored) == stored
    assert event_sentence("event_resumed", {"paused_seconds": "soon"}, stored) == stored


def test_a_time_is_said_in_the_consoles_local_time_and_digits(arabic):
    said = event_sentence("event_camera_works_again", {"captured_at": "2026-05-04T10:42:05Z"},
                          "A snapshot taken at 10:42:05 UTC arrived: the camera works again")
    assert said == f"وصلت لقطة التُقطت عند {clock_time(AT)}: الكاميرا تعمل من جديد"
    assert any("\u0660" <= c <= "\u0669" for c in said)


def test_in_english_the_sentence_is_the_template_with_local_words(qapp):
    assert event_sentence("event_resumed", {"paused_seconds": 3725}, "") == \
        "Paused for 1 h 2 min; the time was given back"
    assert event_sentence("event_closed_by_sweeper", {"status": "expired"}, "") == \
        "Closed by the sweeper (expired)"


# ---- the kiosk's sentences -----------------------------------------------------------------------
def test_the_console_knows_every_event_sentence_of_the_kiosk_word_for_word():
    assert KIOSK_SENTENCES == KIOSK_EVENT_MESSAGES
    assert CAMERA_SENTENCES == CAMERA_EVENT_MESSAGES


def test_in_arabic_the_details_timeline_says_the_kiosks_sentences_in_arabic(
        arabic, fake_console_context, fake_core, fake_exam, qtbot):
    started = start(fake_core, fake_exam, "C-1", "Omar Khalid")
    back = kiosk_words("kiosk_back_in_exam_window", away_seconds=75)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_regained", back.detail,
                                          detail_code=back.code, detail_params=back.params)
    fake_core.attempts.record_kiosk_event(
        started.attempt_id, "camera_denied", "The video file exam.mp4 does not exist.",
        detail_code="kiosk_video_file_missing", detail_params={"path": "exam.mp4"})
    # An event a kiosk sent before codes existed: its English detail, as stored.
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost",
                                          "The exam window lost focus.")
    registry, window = _details(fake_console_context, qtbot, started.proctor_session_id)
    try:
        model = window.timeline_model

        qtbot.waitUntil(lambda: model.rowCount() == 4, timeout=5000)
        assert detail_of(model, "focus_regained") == "عاد إلى نافذة الاختبار بعد ١ د ١٥ ث."  # noqa: RUF001
        assert detail_of(model, "camera_denied") == "ملف الفيديو exam.mp4 غير موجود."
        assert detail_of(model, "focus_lost") == "The exam window lost focus."
    finally:
        registry.close_all()
        fake_console_context.tasks.wait_for_done()


def test_in_english_the_kiosks_counts_and_durations_are_said_in_local_words(qapp):
    said = kiosk_words("kiosk_upload_failed", tries=4, error="timed out", waiting=3)
    assert event_sentence(said.code, said.params, said.detail) == said.detail
    assert event_sentence("kiosk_back_in_exam_window", {"away_seconds": 75}, "") == \
        "Back in the exam window after 1 min 15 s."

"""The center's sentences in the programs' language: the console repeats the center's catalogue
word for word (for lupdate), translates a known code with its parameters, and shows the
center's own sentence for a code it does not know."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale

from console.i18n import TEMPLATES, center_sentence, said
from core.client import ApiError
from core.domain.errors import AlreadyTerminated, AttemptEnded
from core.domain.messages import MESSAGES


def test_the_console_knows_every_sentence_of_the_center_word_for_word():
    assert TEMPLATES == MESSAGES


def test_in_english_a_known_code_is_the_centers_sentence(qapp):
    error = AttemptEnded("submitted", "10:42 UTC")
    assert said(error) == str(error)


def test_in_arabic_a_known_code_is_said_in_arabic_with_arabic_digits_and_status(arabic):
    told = said(ApiError(409, "This attempt has already ended (submitted) at 10:42 UTC; "
                              "nothing was changed.", "attempt_ended_at",
                         {"status": "submitted", "at": "10:42 UTC"}))
    assert told == "انتهت هذه المحاولة بالفعل (مُسلَّمة) عند ١٠:٤٢ UTC؛ لم يتغيّر شيء."  # noqa: RUF001
    assert said(AlreadyTerminated("Dana Lee", "10:42 UTC")).startswith("أنهاها Dana Lee")


def test_an_unknown_code_shows_the_centers_own_sentence(arabic):
    sentence = "The exam is being moved to another room; wait for the proctor."
    assert said(ApiError(409, sentence, "exam_moving", {"room": "B"})) == sentence
    assert center_sentence(None, None, sentence) == sentence


def test_parameters_that_do_not_fit_the_template_fall_back_to_the_sentence(arabic):
    sentence = "This attempt has already ended (submitted) at 10:42 UTC; nothing was changed."
    assert center_sentence("attempt_ended_at", {"status": "submitted"}, sentence) == sentence


def test_a_moment_is_said_as_a_local_time_of_day_in_the_languages_digits(arabic):
    moment = datetime(2026, 1, 15, 10, 42, 5, tzinfo=UTC)
    told = center_sentence("already_terminated_by_a_proctor", {"at": moment.isoformat()},
                           "Already terminated by a proctor at 10:42 UTC.")
    local = QLocale().toString(QDateTime(moment).toLocalTime().time(),
                               QLocale.FormatType.ShortFormat)
    assert told == f"أنهاها مراقب بالفعل عند {local}."
    assert "UTC" not in told


def test_a_moment_said_to_the_second_keeps_its_seconds(qapp):
    told = center_sentence("submit_after_deadline",
                           {"pressed_at": "2026-01-15T10:42:05+00:00",
                            "deadline_at": "2026-01-15T10:40:00+00:00"}, "")
    assert ":05" in told and ":00" in told and "UTC" not in told


def test_in_arabic_the_fields_a_started_exam_keeps_are_named_in_arabic(arabic):
    told = center_sentence("exam_already_started",
                           {"count": "2", "title": "Algebra final",
                            "fields": "duration_seconds,snapshot_interval_seconds"}, "")
    assert "لا مدته أو الفترة بين لقطاته؛" in told and "٢" in told

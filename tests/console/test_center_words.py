"""The center's sentences in the programs' language: the console repeats the center's catalogue
word for word (for lupdate), translates a known code with its parameters, and shows the
center's own sentence for a code it does not know."""

from __future__ import annotations

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

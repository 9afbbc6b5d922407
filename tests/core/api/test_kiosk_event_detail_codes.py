"""A kiosk sends the code and values of its own sentence beside the English detail, so a
console in another language says it in its words: over real HTTP on a real SQLite file the
center stores them as sent and answers them back; a code or values of the wrong shape are
refused with 422 and a sentence, and nothing is stored."""

from __future__ import annotations

import pytest

from tests.core.api.support import (
    admin_client,
    assert_readable,
    call,
    kiosk_client,
    nothing_is_stored,
    start_kiosk,
)


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1", "Omar Khalid")


def test_a_kiosk_events_code_and_values_are_stored_and_read_back(live_server, kiosk):
    with kiosk_client(live_server) as client:
        client.record_event(kiosk.attempt_id, "focus_regained",
                            "Back in the exam window after 75 s.", token=kiosk.token,
                            detail_code="kiosk_back_in_exam_window",
                            detail_params={"away_seconds": 75})
        client.record_event(kiosk.attempt_id, "focus_lost", "Alt+Tab", token=kiosk.token)
    with admin_client(live_server) as admin:
        detail = admin.get_session(kiosk.session_id)
    said = {e.type: (e.detail, e.detail_code, e.detail_params) for e in detail.events}
    assert said["focus_regained"] == ("Back in the exam window after 75 s.",
                                      "kiosk_back_in_exam_window", {"away_seconds": 75})
    assert said["focus_lost"] == ("Alt+Tab", None, None)  # sent without a code: none


@pytest.mark.parametrize(("words", "sentence"), [
    ({"detail_code": "Kiosk Focus!"}, "detail_code must be 1 to 60 characters of a-z"),
    ({"detail_code": "k" * 61}, "detail_code"),
    ({"detail_code": "kiosk_x", "detail_params": {f"p{n}": n for n in range(11)}},
     "detail_params can hold at most 10 values"),
    ({"detail_code": "kiosk_x", "detail_params": {"camera": "x" * 301}},
     "detail_params.camera can be at most 300 characters"),
    ({"detail_code": "kiosk_x", "detail_params": {"camera": ["a", "b"]}},
     "detail_params.camera must be a string or a number"),
    ({"detail_params": {"camera": "0"}}, "detail_params are given only with a detail_code"),
])
def test_a_bad_code_or_oversized_values_are_refused_with_422_and_a_sentence(
        live_server, kiosk, words, sentence):
    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events",
                        kiosk.token, json={"type": "focus_lost", "detail": "Alt+Tab", **words})
    assert sentence in assert_readable(response, 422)

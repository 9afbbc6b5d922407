"""A proctor's pause as the candidate sees it, against a real server: "Paused by the proctor"
with the reason and what to do, a countdown that stands still, and the exam going on when the
proctor resumes it."""

from __future__ import annotations

import pytest

from console.kiosk.kiosk_window import PAUSED_TEXT

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def heartbeats(window) -> list:
    """Every heartbeat answer the kiosk reads from now on (noted on the request thread)."""
    beats: list = []
    window.controller._api.heartbeat_received.connect(beats.append)
    return beats


def test_a_paused_exam_says_so_with_the_reason_stops_the_countdown_and_goes_on_when_resumed(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    session_id = window.controller.attempt.proctor_session_id
    panel = window.pause_panel
    assert not panel.isVisible()

    server.core.proctoring.pause_session(session_id, "Fire alarm: everyone stays seated.")
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    assert panel.title.text() == "Paused by the proctor"
    timer = window.exam_page.timer
    frozen = timer.text()
    assert panel.text.text() == (f"Fire alarm: everyone stays seated.\n\nTime left: {frozen}. "
                                 f"{PAUSED_TEXT}")
    assert not panel.accept_button.isVisible()  # the candidate cannot wave it away
    assert window.exam_page.ends_at.text() == "Paused by the proctor: your time is stopped."
    beats = heartbeats(window)
    qtbot.waitUntil(lambda: len(beats) >= 3, timeout=5000)  # paused answers keep coming
    qtbot.wait(1200)  # more than a second: a running countdown would have moved
    assert timer.text() == frozen and window.controller.clock.is_paused

    server.core.proctoring.resume_session(session_id)
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: timer.text() != frozen, timeout=3000)
    assert window.exam_page.ends_at.text().startswith("The exam ends at ")
    state = server.core.attempts.get_attempt(window.controller.attempt_id)
    assert window.controller.clock.deadline_at == state.deadline_at  # the time given back


def test_a_heartbeat_without_a_pause_never_pauses_the_kiosk(qtbot, server, kiosk_exam,
                                                            open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    beats = heartbeats(window)
    qtbot.waitUntil(lambda: len(beats) >= 2, timeout=5000)
    assert all(not beat.paused and beat.paused_reason is None for beat in beats)
    assert not window.pause_panel.isVisible()

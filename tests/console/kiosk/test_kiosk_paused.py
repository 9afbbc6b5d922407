"""A proctor's pause as the kiosk sees it (the heartbeat's ``paused`` and ``paused_reason`` of
the exam day's contract), and the hand-in's ``submitted_at``: a real server whose heartbeat
answer carries the pause a test sets (ExamDayCenter: this core has no pause of its own yet)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from console.kiosk.kiosk_window import PAUSED_TEXT
from tests.console.kiosk.kiosk_support import ExamDayCenter

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def exam_day(real_core) -> Iterator[ExamDayCenter]:
    center = ExamDayCenter(real_core)
    center.start()
    yield center
    center.stop()


def heartbeats(window) -> list:
    """Every heartbeat answer the kiosk reads from now on (noted on the request thread)."""
    beats: list = []
    window.controller._api.heartbeat_received.connect(beats.append)
    return beats


def test_a_paused_exam_says_so_with_the_reason_stops_the_countdown_and_goes_on_when_resumed(
        qtbot, exam_day, open_kiosk):
    exam = exam_day.core.exams.create_exam("Algebra final", duration_seconds=3600)
    exam_day.paused = False
    window = open_kiosk(exam_day.url, exam_day.core.config.kiosk_key, exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    panel = window.pause_panel
    assert not panel.isVisible()

    exam_day.paused, exam_day.paused_reason = True, "Fire alarm: everyone stays seated."
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    assert panel.title.text() == "Paused by the proctor"
    assert panel.text.text() == f"Fire alarm: everyone stays seated.\n\n{PAUSED_TEXT}"
    assert not panel.accept_button.isVisible()  # the candidate cannot wave it away
    timer = window.exam_page.timer
    frozen = timer.text()
    assert window.exam_page.ends_at.text() == "Paused by the proctor: your time is stopped."
    beats = heartbeats(window)
    qtbot.waitUntil(lambda: len(beats) >= 3, timeout=5000)  # paused answers keep coming
    qtbot.wait(1200)  # more than a second: a running countdown would have moved
    assert timer.text() == frozen and window.controller.clock.is_paused

    exam_day.paused, exam_day.paused_reason = False, None
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: timer.text() != frozen, timeout=3000)
    assert window.exam_page.ends_at.text().startswith("The exam ends at ")


def test_a_center_without_pauses_never_pauses_the_kiosk(qtbot, exam_day, open_kiosk):
    exam = exam_day.core.exams.create_exam("Algebra final", duration_seconds=3600)
    window = open_kiosk(exam_day.url, exam_day.core.config.kiosk_key, exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    beats = heartbeats(window)
    qtbot.waitUntil(lambda: len(beats) >= 2, timeout=5000)
    assert all(not beat.is_paused and beat.paused_reason is None for beat in beats)
    assert not window.pause_panel.isVisible()


def test_the_hand_in_sends_when_the_candidate_pressed_submit(qtbot, exam_day, open_kiosk):
    exam = exam_day.core.exams.create_exam("Algebra final", duration_seconds=3600)
    window = open_kiosk(exam_day.url, exam_day.core.config.kiosk_key, exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    qtbot.mouseClick(window.exam_page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.confirm_panel.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.ended_status == "submitted", timeout=10000)
    [body] = exam_day.submit_bodies
    pressed = datetime.fromisoformat(json.loads(body)["submitted_at"])
    assert pressed == window.controller.handed_in_at
    assert pressed.utcoffset() is not None

"""A kiosk restarted mid-attempt resumes it from the attempt kept with the spool (no retyping),
and a hand-in pressed while the center is down is kept, told to the candidate, and sent when
the center answers again, also across a restart: against a real server stopped and started."""

from __future__ import annotations

import json
import stat

import pytest
from PySide6.QtCore import Qt

from console.kiosk.kiosk_window import HANDED_IN_TEXT

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def join_through_the_form(qtbot, window) -> None:
    form = window.join_page
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    qtbot.keyClicks(form.ref_edit, "C-1042")
    qtbot.keyClicks(form.name_edit, "Ada Lovelace")
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=10000)


def submit(qtbot, window) -> None:
    qtbot.mouseClick(window.exam_page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.confirm_panel.accept_button, Qt.MouseButton.LeftButton)


def test_a_kiosk_restarted_mid_attempt_resumes_it_without_the_form_and_keeps_the_token_private(
        qtbot, server, kiosk_exam, open_kiosk, spool_dir):
    key = server.core.config.kiosk_key
    first = open_kiosk(server.url, key)
    join_through_the_form(qtbot, first)
    attempt = first.controller.attempt
    kept = spool_dir / "attempt.json"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(spool_dir.stat().st_mode) == 0o700
    assert json.loads(kept.read_text())["attempt"]["token"] == attempt.token
    first.shutdown()
    first.close()

    again = open_kiosk(server.url, key)  # the same spool, nothing typed
    assert again.pages.currentWidget() is again.exam_page
    assert again.controller.attempt.attempt_id == attempt.attempt_id
    assert again.exam_page.candidate.text().startswith("Ada Lovelace  ·  C-1042")
    qtbot.waitUntil(lambda: again.controller.view().uploaded_count >= 1, timeout=5000)
    assert [s.attempt_id for s in server.core.proctoring.list_sessions("all")] == [
        attempt.attempt_id]

    submit(qtbot, again)
    qtbot.waitUntil(lambda: again.controller.ended_status == "submitted", timeout=5000)
    assert not kept.exists()  # the attempt has ended: nothing to resume


def test_submit_while_the_center_is_down_keeps_the_hand_in_and_sends_it_when_the_center_answers(
        qtbot, restartable_server, open_kiosk, spool_dir):
    server = restartable_server
    exam = server.admin().create_exam("Algebra final", duration_seconds=3600)
    window = open_kiosk(server.url, server.core.config.kiosk_key, exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.view().uploaded_count >= 1, timeout=10000)
    attempt_id = window.controller.attempt_id
    server.stop()

    submit(qtbot, window)
    page = window.end_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=10000)
    assert page.title.text() == "Handed in"
    assert page.text.text() == HANDED_IN_TEXT == (
        "Your exam is handed in; it will reach the center when the network returns.")
    assert not page.close_button.isVisible()
    assert not window.toast.isVisible()  # nothing covers the page
    window.controller.uploads.toast_requested.emit("The center did not answer.")  # a retry
    assert not window.toast.isVisible()  # ... nor what the uploads say after it
    kept = json.loads((spool_dir / "attempt.json").read_text())
    assert kept["handed_in_at"] is not None
    assert server.core.attempts.get_attempt(attempt_id).status == "in_progress"

    server.start()
    qtbot.waitUntil(lambda: window.controller.ended_status == "submitted", timeout=10000)
    assert page.title.text() == "Your exam was submitted"
    assert page.close_button.isVisible()
    assert server.core.attempts.get_attempt(attempt_id).status == "submitted"
    assert not (spool_dir / "attempt.json").exists()


def test_a_hand_in_kept_while_the_center_is_down_is_sent_after_the_kiosk_restarts(
        qtbot, restartable_server, open_kiosk, spool_dir):
    server = restartable_server
    exam = server.admin().create_exam("Algebra final", duration_seconds=3600)
    key = server.core.config.kiosk_key
    first = open_kiosk(server.url, key, exam.exam_id)
    qtbot.waitUntil(lambda: first.controller.attempt is not None, timeout=10000)
    attempt_id = first.controller.attempt_id
    server.stop()
    submit(qtbot, first)
    qtbot.waitUntil(lambda: first.controller.is_handed_in, timeout=10000)
    first.ask_to_close()  # Alt+F4: no question, the hand-in is kept
    assert not first.isVisible()

    again = open_kiosk(server.url, key, exam.exam_id)
    assert again.pages.currentWidget() is again.end_page
    assert again.end_page.text.text() == HANDED_IN_TEXT
    assert again.controller.camera is None  # handed in: no more pictures
    server.start()
    qtbot.waitUntil(lambda: again.controller.ended_status == "submitted", timeout=10000)
    assert server.core.attempts.get_attempt(attempt_id).status == "submitted"


def test_a_hand_in_pressed_before_the_deadline_counts_when_it_reaches_the_center_after_it(
        qtbot, restartable_server, open_kiosk):
    server = restartable_server
    exam = server.admin().create_exam("Quiz", duration_seconds=4)
    window = open_kiosk(server.url, server.core.config.kiosk_key, exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.view().uploaded_count >= 1, timeout=10000)
    attempt_id, deadline = window.controller.attempt_id, window.controller.clock.deadline_at
    server.stop()
    submit(qtbot, window)
    qtbot.waitUntil(lambda: window.controller.is_handed_in, timeout=10000)
    pressed = window.controller.handed_in_at
    assert pressed < deadline
    qtbot.waitUntil(lambda: server.core.attempts.get_attempt(attempt_id).status == "expired",
                    timeout=10000)  # the sweeper ended it while the kiosk was cut off

    server.start()
    qtbot.waitUntil(lambda: window.controller.ended_status is not None, timeout=10000)
    assert window.controller.ended_status == "submitted"
    assert window.end_page.title.text() == "Your exam was submitted"
    state = server.core.attempts.get_attempt(attempt_id)
    assert state.status == "submitted"
    session = server.core.proctoring.get_session(window.controller.attempt.proctor_session_id)
    assert "handed_in" in [event.type for event in session.events]

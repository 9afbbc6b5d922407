"""A proctor's readiness override, against a real server: a kiosk whose camera setting names no
camera is NOT READY; a proctor signs in at the kiosk with a reason and the exam starts, with
who, when and why on the session's timeline; a wrong password starts nothing."""

from __future__ import annotations

import pytest

from tests.console.kiosk.test_kiosk_readiness import checked, sessions

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

PASSWORD = "correct horse battery"


@pytest.fixture
def not_ready_kiosk(qtbot, server, kiosk_exam, open_kiosk):
    server.core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        camera="synthetc")
    assert checked(qtbot, window).is_blocking
    qtbot.waitUntil(window.join_page.override_button.isVisible, timeout=5000)
    return window


def test_a_proctor_lets_a_kiosk_that_is_not_ready_start_and_the_timeline_says_who_and_why(
        qtbot, server, not_ready_kiosk):
    dialog = not_ready_kiosk.ask_for_override()
    not_ready = dialog.not_ready_label.text()
    assert "Camera:" in not_ready and "synthetc" in not_ready
    dialog.username_edit.setText("dana")
    dialog.password_edit.setText(PASSWORD)
    dialog.reason_edit.setText("No webcam here; watched in person")

    dialog.start_button.click()

    qtbot.waitUntil(lambda: not_ready_kiosk.controller.attempt is not None, timeout=10000)
    assert not_ready_kiosk.pages.currentWidget() is not_ready_kiosk.exam_page
    assert not not_ready_kiosk.join_page.override_button.isVisible()
    [session] = sessions(server)
    events = server.core.proctoring.get_session(session.session_id).events
    [event] = [e for e in events if e.type == "readiness_overridden"]
    assert event.actor == "Dana Lee"
    assert event.detail.startswith("No webcam here; watched in person — not ready: Camera: ")
    # The camera still fails, and the kiosk says so: on record once its event arrives.
    qtbot.waitUntil(lambda: "camera_denied" in [
        e.type for e in server.core.proctoring.get_session(session.session_id).events],
        timeout=10000)


def test_a_wrong_password_starts_nothing_and_says_so_in_the_dialog(
        qtbot, server, not_ready_kiosk):
    dialog = not_ready_kiosk.ask_for_override()
    dialog.username_edit.setText("dana")
    dialog.password_edit.setText("not the password")
    dialog.reason_edit.setText("No webcam")

    dialog.start_button.click()

    qtbot.waitUntil(lambda: dialog.start_button.isEnabled(), timeout=10000)
    assert "Check the username and password" in dialog.message.text()
    assert dialog.password_edit.text() == "" and dialog.reason_edit.text() == "No webcam"
    assert not_ready_kiosk.controller.attempt is None and sessions(server) == []


def test_an_override_without_a_reason_asks_for_one_and_sends_nothing(
        qtbot, server, not_ready_kiosk):
    dialog = not_ready_kiosk.ask_for_override()
    dialog.username_edit.setText("dana")
    dialog.password_edit.setText(PASSWORD)

    dialog.start_button.click()

    qtbot.waitUntil(lambda: dialog.message.text() == "Enter the reason.", timeout=2000)
    assert dialog.start_button.isEnabled() and sessions(server) == []

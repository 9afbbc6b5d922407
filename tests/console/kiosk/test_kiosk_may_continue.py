"""The "you may continue" notice, against a real server: a warning the proctor deals with (its
alert dismissed) leaves the candidate's screen with the notice, and so does a resumed pause."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from console.kiosk.kiosk_controller import CLEARED_NOTICE, MAY_CONTINUE_TITLE, RESUMED_NOTICE

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def assert_notice(window, text: str) -> None:
    """The notice shows over the exam page, and leaves Submit uncovered."""
    banner = window.exam_page.notice_banner
    assert banner.isVisible()
    assert (banner.title.text(), banner.text.text()) == (MAY_CONTINUE_TITLE, text)
    submit = window.exam_page.submit_button
    assert not in_window(banner).intersects(in_window(submit)), "the notice covers Submit"


def in_window(widget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def started(qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    return window, window.controller.attempt.proctor_session_id


def test_a_warning_the_proctor_dealt_with_goes_and_the_candidate_may_continue(
        qtbot, server, kiosk_exam, open_kiosk):
    window, session_id = started(qtbot, server, kiosk_exam, open_kiosk)
    warning = server.core.proctoring.warn_session(session_id, "Please face the camera.")
    qtbot.waitUntil(window.warning_panel.isVisible, timeout=5000)

    with qtbot.waitSignal(window.controller.may_continue, timeout=5000) as notice:
        server.core.proctoring.handle_alert(
            session_id, f"unanswered_warning:{warning.warning_id}", "dismissed")

    assert notice.args == [CLEARED_NOTICE]
    assert not window.warning_panel.isVisible()
    assert_notice(window, CLEARED_NOTICE)


def test_a_resumed_exam_tells_the_candidate_they_may_continue(
        qtbot, server, kiosk_exam, open_kiosk):
    window, session_id = started(qtbot, server, kiosk_exam, open_kiosk)
    server.core.proctoring.pause_session(session_id, "Fire alarm")
    qtbot.waitUntil(window.pause_panel.isVisible, timeout=5000)
    assert not window.exam_page.notice_banner.isVisible()

    with qtbot.waitSignal(window.controller.may_continue, timeout=5000) as notice:
        server.core.proctoring.resume_session(session_id)

    assert notice.args == [RESUMED_NOTICE]
    qtbot.waitUntil(lambda: not window.pause_panel.isVisible(), timeout=2000)
    assert_notice(window, RESUMED_NOTICE)
    window.exam_page.notice_banner.button.click()  # OK
    assert not window.exam_page.notice_banner.isVisible()

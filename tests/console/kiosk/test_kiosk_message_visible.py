"""The join form's message at the kiosk's default size (1366x768): the readiness check's NOT
READY sentence is shown whole in its box (no scroll bar, no line cut), with Start exam and the
proctor override below it inside the window; the readiness panel's lines are whole too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect

from console.kiosk.kiosk_window import WINDOW_SIZE
from tests.console.kiosk.test_kiosk_readiness import checked

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_the_not_ready_sentence_is_fully_visible_at_the_default_size(
        qtbot, server, kiosk_exam, open_kiosk, tmp_path):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        camera="synthetc")
    assert checked(qtbot, window).is_blocking
    form = window.join_page
    qtbot.waitUntil(form.override_button.isVisible, timeout=5000)
    assert window.size().toTuple() == WINDOW_SIZE
    area, message = form.message_area, form.message
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() == 0, timeout=2000)

    assert message.text().startswith("Not ready, so the exam has not started.")
    assert area.viewport().height() >= message.heightForWidth(area.viewport().width())
    assert not area.verticalScrollBar().isVisible()
    inside = window.rect()
    for widget in (area, form.start_button, form.override_button):
        where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        assert inside.contains(where), f"{widget.objectName() or widget} is cut off at {where}"
    for name, (_icon, text) in form.readiness.rows.items():
        qtbot.waitUntil(lambda t=text: t.height() >= t.heightForWidth(t.width()), timeout=2000)
        assert text.isVisible() and text.text(), name
    window.grab().save(str(tmp_path / "kiosk-not-ready.png"))

"""The kiosk says the center's refusals in the candidate's language: a real server refuses to
start an archived exam, and the kiosk in Arabic shows why in Arabic."""

from __future__ import annotations


def test_in_arabic_a_kiosk_told_that_its_exam_is_archived_says_so_in_arabic(
        arabic, open_kiosk, server, kiosk_exam, qtbot):
    server.core.exams.archive_exam(kiosk_exam.exam_id)
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    message = window.join_page.message
    qtbot.waitUntil(lambda: message.isVisible() and "«" in message.text(), timeout=10000)
    assert "«Algebra final» مؤرشف، فلا يمكن بدء محاولة جديدة" in message.text()
    assert "archived" not in message.text()

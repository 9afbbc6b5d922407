"""At 1366x768 (the kiosk's screen) the exam page shows a long exam name and the camera's
caption whole, also with the camera banner open: against a real server."""

from __future__ import annotations

import pytest

from tests.console.kiosk.kiosk_support import FakeFrameSource

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

LONG_TITLE = ("Mathematics — Paper 2: Calculus, Linear Algebra and Probability for the Higher "
              "Level Resit Session of the Autumn Term")


def whole(label) -> bool:
    """Shown in full: as wide as the window lets it be and as tall as its wrapped text."""
    return label.isVisible() and label.height() >= label.heightForWidth(label.width())


@pytest.mark.parametrize("is_camera_broken", [False, True])
def test_a_long_exam_name_and_the_camera_caption_are_shown_whole_at_1366x768(
        qtbot, server, open_kiosk, is_camera_broken):
    exam = server.admin().create_exam(LONG_TITLE, duration_seconds=3600)
    camera = FakeFrameSource(breaks_after_the_check=is_camera_broken)
    window = open_kiosk(server.url, server.core.config.kiosk_key, exam.exam_id, source=camera,
                        candidate_name="Maria-Magdalena Konstantinopoulou-Vasilakopoulou")
    window.resize(1366, 768)
    page = window.exam_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=10000)
    if is_camera_broken:
        qtbot.waitUntil(page.camera_banner.isVisible, timeout=5000)
    qtbot.wait(100)  # one layout pass
    assert window.width() == 1366 and window.height() == 768
    assert page.exam_title.text() == LONG_TITLE
    for label in (page.exam_title, page.candidate, page.camera_note, page.instructions):
        assert whole(label), label.objectName()
    assert page.exam_title.geometry().right() < page.connection_chip.geometry().left()


def test_the_kiosk_fits_an_800x600_screen_the_join_form_and_the_exam_page_without_scrolling(
        qtbot, server, open_kiosk):
    exam = server.admin().create_exam("Algebra final", duration_seconds=3600)
    window = open_kiosk("", "")
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.size().toTuple() == (800, 600), timeout=3000)
    area = window.page_area
    qtbot.wait(50)  # one layout pass
    assert not area.verticalScrollBar().isVisible() and not area.horizontalScrollBar().isVisible()
    assert window.join_page.start_button.isVisible()

    window = open_kiosk(server.url, server.core.config.kiosk_key, exam.exam_id,
                        source=FakeFrameSource())
    window.resize(800, 600)
    page = window.exam_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=10000)
    qtbot.waitUntil(lambda: window.size().toTuple() == (800, 600), timeout=3000)
    qtbot.wait(50)
    area = window.page_area
    assert not area.verticalScrollBar().isVisible() and not area.horizontalScrollBar().isVisible()
    for label in (page.exam_title, page.candidate, page.instructions, page.camera_note):
        assert whole(label), label.objectName()
    inside = window.rect()
    submit = page.submit_button
    assert inside.contains(submit.mapTo(window, submit.rect().bottomRight()))

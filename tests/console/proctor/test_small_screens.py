"""The Proctor Center on a small exam-room PC: at 800x600 (and 720x540, its smallest) the
window still shows Exams, Alerts, the Active/Ended switch and the filter row inside it, none
over another."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from console.proctor.console_app import console_style_sheet
from console.proctor.proctor_center.proctor_center_window import first_size
from console.proctor.session_details.details_windows import (
    FRAME_SIDE,
    FRAME_TOP,
    DetailsWindows,
    placement,
)
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def rect_in_window(widget: QWidget) -> QRect:
    window = widget.window()
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.mark.parametrize("look", ["plain", "console"])
@pytest.mark.parametrize("width, height", [(800, 600), (720, 540)])
def test_on_a_small_screen_exams_alerts_and_the_active_ended_switch_are_visible_inside_the_window(
        fake_window, qtbot, width, height, look):
    if look == "console":  # the console's own style sheet: larger title, padded chips
        fake_window.setStyleSheet(console_style_sheet())
    fake_window.resize(width, height)
    qtbot.waitUntil(lambda: fake_window.size().toTuple() == (width, height), timeout=2000)
    inside = fake_window.rect()
    qtbot.waitUntil(  # the header is laid out again after the resize
        lambda: inside.contains(rect_in_window(fake_window.header.ended_button)), timeout=2000)
    controls = {
        "Exams": fake_window.toolbar.widgetForAction(fake_window.exams_action),
        "Alerts": fake_window.alerts.button,
        "Active": fake_window.header.active_button,
        "Ended": fake_window.header.ended_button,
    }
    for name, control in controls.items():
        assert control is not None and control.isVisible(), f"{name} is hidden"
        assert inside.contains(rect_in_window(control)), (
            f"{name} at {rect_in_window(control)} is cut off by the window {inside}")
    header = fake_window.header
    title_row = [header.title] if header.title.isVisible() else []
    title_row += [*header.counters, header.active_button]
    for left, right in itertools.pairwise(title_row):
        assert rect_in_window(left).right() < rect_in_window(right).left(), (
            f"{left.text()!r} and {right.text()!r} overlap")
    filters = [header.search_field, header.exam_box, header.room_box, header.sort_box]
    for left, right in itertools.pairwise(filters):
        assert rect_in_window(left).right() < rect_in_window(right).left(), (
            "the filter row's boxes overlap")
        assert inside.contains(rect_in_window(right))


def test_a_toolbar_too_wide_for_the_window_drops_its_words_and_keeps_exams_and_alerts_on_it(
        fake_window, qtbot):
    fake_window.alerts.button.setMinimumWidth(420)  # e.g. a language with long words
    fake_window.resize(800, 600)
    qtbot.waitUntil(lambda: fake_window.toolbar.toolButtonStyle()
                    == Qt.ToolButtonStyle.ToolButtonIconOnly, timeout=2000)
    exams = fake_window.toolbar.widgetForAction(fake_window.exams_action)
    alerts = fake_window.alerts.button
    qtbot.waitUntil(lambda: fake_window.rect().contains(rect_in_window(alerts)), timeout=2000)
    assert exams.isVisible() and fake_window.rect().contains(rect_in_window(exams))
    assert exams.toolTip() == "Create exams and see the list"

    fake_window.alerts.button.setMinimumWidth(0)
    fake_window.resize(1366, 768)
    qtbot.waitUntil(lambda: fake_window.toolbar.toolButtonStyle()
                    == Qt.ToolButtonStyle.ToolButtonTextBesideIcon, timeout=2000)


# ---- a details window on a small screen, or on the second screen ------------------------------
def test_a_details_window_opens_whole_inside_the_screen_of_the_main_window(
        fake_window, fake_console_context, fake_core, fake_exam, qtbot):
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")
    registry = DetailsWindows.install(fake_console_context)
    registry.main_window = fake_window
    try:
        details = registry.open(started.proctor_session_id)
        qtbot.waitExposed(details)
        available = fake_window.screen().availableGeometry()

        frame = details.frameGeometry()
        # The window fits this 800 px offscreen screen whole (its buttons go under its header).
        assert details.screen() == fake_window.screen()
        assert frame.left() >= available.left() and frame.top() >= available.top()
        assert frame.right() <= available.right(), f"{frame} is cut off right of {available}"
        assert frame.bottom() <= available.bottom(), f"{frame} is cut off below {available}"
        assert frame.width() < 1340, f"{frame} kept its usual width on the screen {available}"
    finally:
        registry.close_all()
        fake_console_context.tasks.wait_for_done()


def test_on_a_second_screen_with_a_task_bar_a_details_window_opens_over_the_main_window():
    second_screen = QRect(1920, 0, 1366, 728)  # 1366x768 beside a 1920 one, a 40 px task bar
    main_window = QRect(2000, 100, 1200, 600)

    where = placement(QSize(1340, 740), second_screen, main_window)

    frame = where.adjusted(-FRAME_SIDE, -FRAME_TOP, FRAME_SIDE, FRAME_SIDE)
    assert second_screen.contains(frame)
    assert where.size() == QSize(1340, 728 - FRAME_TOP - FRAME_SIDE)  # as wide, less tall


def test_a_window_near_the_screen_edge_is_moved_in_rather_than_cut_off():
    screen = QRect(0, 0, 1920, 1040)
    near_the_right_edge = QRect(1700, 800, 800, 600)  # the main window, itself half off

    where = placement(QSize(1340, 740), screen, near_the_right_edge, step=3)

    assert where.size() == QSize(1340, 740)
    assert screen.contains(where.adjusted(-FRAME_SIDE, -FRAME_TOP, FRAME_SIDE, FRAME_SIDE))


def test_at_its_first_start_the_proctor_center_fits_a_small_screen(qapp):
    screen = QGuiApplication.primaryScreen()  # the offscreen platform's 800 px wide screen
    size = first_size(screen)
    available = screen.availableGeometry().size()
    assert size.width() <= available.width() - 16 and size.height() <= available.height() - 48
    assert first_size(None) == QSize(1366, 768)

"""The details window on an 800x600 screen: it fits inside the screen (also for a paused
session with an accommodation, whose header is tallest), the buttons go under the header instead
of beside it, the three evidence columns are all there and none over another, the header and the
buttons are inside the window, and the preview's key hint is not cut."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QWidget

from console.proctor.session_details.session_details_window import SessionDetailsWindow
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
SCREEN_WIDTH = 800  # the usable width of an 800x600 screen, frame included
USABLE_HEIGHT = 560  # 600 less a task bar

def rect_in_window(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


@pytest.fixture
def details(fake_console_context, fake_core, fake_exam, qtbot):
    fake_core.proctoring.set_accommodation(fake_exam.exam_id, "C-1", extra_percent=25,
                                           exempt=["focus_lost"], note="Screen reader")
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")
    fake_core.proctoring.warn_session(started.proctor_session_id, "Eyes on your own screen")
    fake_core.proctoring.pause_session(started.proctor_session_id,
                                       "Fire alarm: leave the room calmly and wait outside.")
    window = SessionDetailsWindow(fake_console_context, started.proctor_session_id)  # deletes
    window.show()  # itself on close
    qtbot.waitExposed(window)
    yield window
    window.close()
    fake_console_context.tasks.wait_for_done()


def test_the_details_window_fits_an_800_by_600_screen_with_every_column_and_button_inside(
        details, qtbot, tmp_path):
    assert details.minimumWidth() <= SCREEN_WIDTH - 8, "the window cannot go narrow enough"
    details.resize(SCREEN_WIDTH - 8, USABLE_HEIGHT - 30)  # the title bar: 30
    qtbot.waitUntil(lambda: details.width() == SCREEN_WIDTH - 8, timeout=2000)
    qtbot.waitUntil(lambda: not details.buttons_beside_header, timeout=2000)
    qtbot.waitUntil(lambda: details.session is not None and details.session.paused,
                    timeout=2000)
    qtbot.waitUntil(lambda: details.header._paused.isVisible(), timeout=2000)  # tallest header
    details.layout().activate()  # a window shorter than its content grows to its minimum
    assert details.minimumHeight() <= USABLE_HEIGHT - 30, (
        f"the window needs {details.minimumHeight()} px, more than an 800x600 screen has")
    assert details.height() <= USABLE_HEIGHT - 30, (
        f"the window needs {details.height()} px, more than an 800x600 screen has")
    inside = details.rect()

    gallery, preview, timeline = details.evidence.column_widths()
    assert min(gallery, preview, timeline) > 0
    columns = [details.evidence.widget(i) for i in range(3)]
    for left, right in itertools.pairwise(columns):
        assert rect_in_window(left).right() < rect_in_window(right).left(), "columns overlap"
    for part in [*columns, details.header, details._action_bar]:
        assert inside.contains(rect_in_window(part)), f"{part} is cut off by {inside}"
    header, bar = rect_in_window(details.header), rect_in_window(details._action_bar)
    assert bar.top() > header.bottom() - 1, "the buttons cover the header"
    for name in ("flag", "warn", "terminate", "pause", "add_time"):
        button = details._action_bar.button(name)
        assert button.isVisible() and inside.contains(rect_in_window(button)), name
    hint = next(w for w in details.evidence.findChildren(QWidget)
                if w.objectName() == "sectionHint")
    assert hint.height() >= hint.heightForWidth(hint.width()), "the key hint is cut"
    details.grab().save(str(tmp_path / "details-800.png"))


def test_on_a_wide_screen_the_buttons_stay_beside_the_header(details, qtbot):
    details.resize(1340, 740)
    qtbot.waitUntil(lambda: details.buttons_beside_header, timeout=2000)
    assert rect_in_window(details._action_bar).top() < rect_in_window(details.header).bottom()


def test_at_800_px_the_timeline_shows_every_events_name_whole_on_a_line_of_its_own(
        details, fake_core, qtbot):
    details.resize(SCREEN_WIDTH - 8, USABLE_HEIGHT - 30)
    qtbot.waitUntil(lambda: details.width() == SCREEN_WIDTH - 8, timeout=2000)
    timeline = details.timeline_view
    qtbot.waitUntil(lambda: timeline.model().rowCount() >= 3, timeout=3000)
    delegate = timeline.itemDelegate()
    delegate.drawn = []
    timeline.setMinimumHeight(2000)  # every row painted at the column's width
    timeline.resize(timeline.width(), 2000)
    timeline.viewport().grab()
    drawn, delegate.drawn = delegate.drawn, None
    names = [words for words, _shown, may_shorten in drawn if not may_shorten]
    assert "Paused" in names and "Warning sent" in names
    assert [words for words, shown, may in drawn if shown != words and not may] == []
    # a name too long for the time's line goes under it: its row is taller
    rows = [timeline.visualRect(timeline.model().index(r, 0)).height()
            for r in range(timeline.model().rowCount())]
    assert max(rows) > min(rows) or min(rows) > 46

"""The Proctor Center window as a proctor uses it: cards, header counters that filter, samples,
views, search, details, actions from the toolbar, the card menu and the keyboard, and the
question before quitting while exams run."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox

from console.proctor.actions import FlagDialog, TerminateDialog, WarnDialog
from console.proctor.avatar import avatar_color
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from console.proctor.proctor_center.session_card_delegate import (
    CARD_HEIGHT,
    PADDING,
    THUMBNAIL_SIZE,
)
from resources import TOKENS
from tests.console.proctor.proctor_helpers import (
    OFFSCREEN_NOISE,
    close_kiosk,
    shown_names,
    solid_jpeg,
    start,
)
from tests.helpers import jpeg_bytes, new_snapshot_id

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


def card_pixel(window: ProctorCenterWindow, session_id: str, dx: int, dy: int) -> QColor:
    """The colour on screen at (dx, dy) from the top-left of the session's thumbnail."""
    index = window.proxy.index(window.proxy.row_of(session_id), 0)
    rect = window.grid.visualRect(index)
    image = window.grid.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    point = rect.topLeft() + QPoint(PADDING + dx, PADDING + dy)
    return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))


def close_to(color: QColor, expected: QColor, tolerance: int = 14) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(color.getRgb()[:3], expected.getRgb()[:3],
                                                       strict=True))


def select(window: ProctorCenterWindow, qtbot, session_id: str) -> None:
    qtbot.waitUntil(lambda: window.proxy.row_of(session_id) is not None, timeout=3000)
    assert window.select_session(session_id)
    window.grid.setFocus()


def open_dialog(window: ProctorCenterWindow, qtbot, kind: type):
    qtbot.waitUntil(lambda: bool(window.findChildren(kind)), timeout=3000)
    dialog = window.findChildren(kind)[-1]
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    return dialog


def test_a_session_started_through_the_core_appears_in_the_grid_and_leaves_when_submitted(
    fake_window, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    qtbot.waitUntil(lambda: shown_names(fake_window) == ["Ann Lee"], timeout=1000)
    assert fake_window.stack.currentWidget() is fake_window.grid
    fake_core.attempts.submit_attempt(started.attempt_id)
    qtbot.waitUntil(lambda: started.proctor_session_id not in fake_window.visible_session_ids(),
                    timeout=1000)


def chip_texts(window: ProctorCenterWindow) -> list[str]:
    return [chip.text() for chip in window.header.counters]


def test_the_header_counts_active_flagged_high_risk_and_offline_sessions(
    fake_window, fake_core, clock, fake_exam, qtbot
):
    sessions = [start(fake_core, fake_exam, f"C-{n}", f"Candidate {n}") for n in range(4)]
    fake_core.proctoring.flag_session(sessions[0].proctor_session_id, "Left the seat")
    for _ in range(3):
        fake_core.attempts.record_kiosk_event(sessions[1].attempt_id, "multiple_faces")
    for session in sessions[1:]:
        fake_core.snapshots.record_snapshot(session.attempt_id, new_snapshot_id(),
                                            jpeg_bytes(160, 120))
    qtbot.waitUntil(lambda: fake_window.model.counts().high_risk == 1
                    and fake_window.model.counts().flagged == 1, timeout=3000)
    clock.advance(45)  # past two 30-second intervals only for the one without any snapshot
    clock.advance(20)
    for session in sessions[2:]:
        fake_core.snapshots.record_snapshot(session.attempt_id, new_snapshot_id(),
                                            jpeg_bytes(160, 120),
                                            captured_at=clock.now())
    qtbot.waitUntil(lambda: fake_window.model.session(
        sessions[3].proctor_session_id).snapshot_count == 2, timeout=3000)
    fake_window.model.tick()
    assert chip_texts(fake_window) == ["4 active", "1 flagged", "1 high risk",
                                       "2 kiosks offline"]
    chips = fake_window.header.counters
    assert chips[1].property("tone") == "danger"
    assert chips[3].property("tone") == "warn"
    # A counter is a filter: click "2 kiosks offline" to see those two, click again for all.
    qtbot.mouseClick(chips[3], Qt.MouseButton.LeftButton)
    assert set(fake_window.visible_session_ids()) == {
        sessions[0].proctor_session_id, sessions[1].proctor_session_id}
    assert chips[3].isChecked()
    qtbot.mouseClick(chips[1], Qt.MouseButton.LeftButton)
    assert fake_window.visible_session_ids() == [sessions[0].proctor_session_id]
    qtbot.mouseClick(chips[1], Qt.MouseButton.LeftButton)
    assert len(fake_window.visible_session_ids()) == 4


def test_the_flagged_counter_keeps_showing_sessions_flagged_after_it_was_clicked(
    fake_window, fake_core, fake_exam, qtbot
):
    ann = start(fake_core, fake_exam, "C-1", "Ann Lee")
    bob = start(fake_core, fake_exam, "C-2", "Bob Stone")
    both = {ann.proctor_session_id, bob.proctor_session_id}
    qtbot.waitUntil(lambda: set(fake_window.visible_session_ids()) == both, timeout=3000)
    qtbot.mouseClick(fake_window.header.counters[1], Qt.MouseButton.LeftButton)
    assert fake_window.visible_session_ids() == []
    assert "click the first counter" in fake_window.empty_label.text()
    fake_core.proctoring.flag_session(bob.proctor_session_id, "Left the seat")
    qtbot.waitUntil(lambda: fake_window.visible_session_ids() == [bob.proctor_session_id],
                    timeout=3000)
    qtbot.mouseClick(fake_window.header.counters[0], Qt.MouseButton.LeftButton)  # "2 active"
    assert set(fake_window.visible_session_ids()) == both


def test_samples_show_when_nothing_runs_badged_and_with_their_actions_off(fake_window, qtbot):
    assert shown_names(fake_window) == ["Omar Khalid", "Sarah Ahmed"]  # by attention: risk
    assert fake_window.samples_banner.isVisible()
    select(fake_window, qtbot, "sample-1")
    assert fake_window.details_action.isEnabled()
    for action in (fake_window.flag_action, fake_window.warn_action,
                   fake_window.terminate_action):
        assert not action.isEnabled()
        assert "Sample" in action.toolTip()
    index = fake_window.proxy.index(fake_window.proxy.row_of("sample-1"), 0)
    menu = fake_window.show_card_menu(index, QPoint(10, 10))
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert "Sample sessions are for display only: actions are off." in texts
    assert not any(a.isEnabled() for a in menu.actions() if a.text().startswith(
        ("Flag", "Warn", "Terminate")))
    menu.close()
    # The keyboard does not get around it either.
    qtbot.keyClick(fake_window.grid, Qt.Key.Key_T)
    assert not fake_window.findChildren(TerminateDialog)


def test_turning_samples_off_is_remembered(fake_window, fake_console_context, qtbot):
    fake_window.samples_action.trigger()
    qtbot.waitUntil(lambda: fake_window.proxy.rowCount() == 0, timeout=3000)
    assert "No exam is running" in fake_window.empty_label.text()
    assert fake_window.stack.currentWidget() is fake_window.empty_label
    assert not fake_window.samples_banner.isVisible()
    fake_window.close()
    assert fake_console_context.settings.show_samples is False
    reopened = ProctorCenterWindow(fake_console_context)
    try:
        assert not reopened.samples_action.isChecked()
        qtbot.waitUntil(lambda: not reopened.model.is_loading, timeout=3000)
        assert reopened.model.rowCount() == 0
    finally:
        reopened.close()


def test_a_card_shows_the_latest_snapshot_and_initials_until_there_is_one(
    fake_window, fake_core, fake_exam, qtbot
):
    with_picture = start(fake_core, fake_exam, "C-1", "Ann Lee")
    without = start(fake_core, fake_exam, "C-2", "Bob Stone")
    fake_core.snapshots.record_snapshot(with_picture.attempt_id, new_snapshot_id(),
                                        solid_jpeg((20, 160, 90)))
    expected = {with_picture.proctor_session_id, without.proctor_session_id}
    qtbot.waitUntil(lambda: set(fake_window.visible_session_ids()) == expected, timeout=3000)
    middle = (THUMBNAIL_SIZE.width() // 2, THUMBNAIL_SIZE.height() // 2)
    qtbot.waitUntil(lambda: close_to(card_pixel(fake_window, with_picture.proctor_session_id,
                                                *middle), QColor(20, 160, 90)), timeout=3000)
    # The other card: the initials avatar (its colour, never a broken image).
    corner = card_pixel(fake_window, without.proctor_session_id, 12, 12)
    assert close_to(corner, avatar_color("Bob Stone"), tolerance=2)


def test_a_frame_without_a_face_is_marked_on_the_card(fake_window, fake_core, fake_exam, qtbot):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    snapshot_id = new_snapshot_id()
    fake_core.snapshots.record_snapshot(started.attempt_id, snapshot_id,
                                        solid_jpeg((240, 240, 240)))
    fake_core.snapshots.record_analysis(snapshot_id, 0, (), [("no_face", None)])
    session_id = started.proctor_session_id
    qtbot.waitUntil(lambda: (s := fake_window.model.session(session_id)) is not None
                    and s.latest_face_count == 0, timeout=3000)
    # The "No face" badge sits in the thumbnail's lower-left corner, in red.
    badge = (6 + 4, THUMBNAIL_SIZE.height() - 6 - 9)
    qtbot.waitUntil(lambda: card_pixel(fake_window, session_id, *badge).red() > 180
                    and card_pixel(fake_window, session_id, *badge).green() < 80, timeout=3000)


def test_enter_and_double_click_open_the_session_details(fake_window, fake_core, fake_exam, qtbot):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    select(fake_window, qtbot, started.proctor_session_id)
    qtbot.keyClick(fake_window.grid, Qt.Key.Key_Return)
    assert fake_window.opened_details == [started.proctor_session_id]
    index = fake_window.proxy.index(0, 0)
    center = fake_window.grid.visualRect(index).center()
    viewport = fake_window.grid.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=center)  # a real double click:
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=center)  # press, release, double
    assert fake_window.opened_details == [started.proctor_session_id] * 2
    fake_window.details_action.trigger()
    assert fake_window.opened_details == [started.proctor_session_id] * 3


def test_terminating_from_the_keyboard_ends_the_session_as_cancelled(
    fake_window, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    select(fake_window, qtbot, started.proctor_session_id)
    qtbot.keyClick(fake_window.grid, Qt.Key.Key_T)
    dialog = open_dialog(fake_window, qtbot, TerminateDialog)
    assert not dialog.ok_button.isEnabled()  # a reason and the confirmation first
    qtbot.keyClicks(dialog.reason_box, "Phone on the desk after a warning")
    assert not dialog.ok_button.isEnabled()
    dialog.confirm_box.setChecked(True)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(fake_window.actions.action_finished, timeout=3000) as finished:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert finished.args == [started.proctor_session_id, "terminate"]
    session = fake_core.proctoring.get_session(started.proctor_session_id)
    assert session.session.status == "cancelled"
    assert fake_core.attempts.get_attempt(started.attempt_id).status == "terminated"
    assert any(e.type == "terminated" and e.detail == "Phone on the desk after a warning"
               for e in session.events)
    qtbot.waitUntil(lambda: started.proctor_session_id not in fake_window.visible_session_ids(),
                    timeout=1000)
    assert "Terminated the exam of Ann Lee" in fake_window.statusBar().currentMessage()


def test_flagging_from_the_toolbar_lands_on_the_timeline(fake_window, fake_core, fake_exam, qtbot):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    select(fake_window, qtbot, started.proctor_session_id)
    fake_window.flag_action.trigger()
    dialog = open_dialog(fake_window, qtbot, FlagDialog)
    dialog.reason_box.setCurrentText("Other")
    assert not dialog.ok_button.isEnabled()  # "Other" needs a note
    dialog.note_box.setPlainText("Reading from a sheet of paper")
    with qtbot.waitSignal(fake_window.actions.action_finished, timeout=3000):
        dialog.accept()
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    assert detail.session.is_flagged and detail.session.flag_reason == "Other"
    assert detail.events[0].type == "flagged"
    assert detail.events[0].detail == "Other — Reading from a sheet of paper"
    qtbot.waitUntil(lambda: fake_window.model.session(started.proctor_session_id).is_flagged,
                    timeout=3000)


def test_a_warning_from_the_card_menu_reaches_the_candidate(
    fake_window, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    select(fake_window, qtbot, started.proctor_session_id)
    index = fake_window.proxy.index(fake_window.proxy.row_of(started.proctor_session_id), 0)
    menu = fake_window.show_card_menu(index, QPoint(20, 20))
    warn = next(a for a in menu.actions() if a.text() == "Warn…")
    assert warn.isEnabled()
    warn.trigger()
    menu.close()
    dialog = open_dialog(fake_window, qtbot, WarnDialog)
    dialog.preset_box.setCurrentIndex(1)
    with qtbot.waitSignal(fake_window.actions.action_finished, timeout=3000):
        dialog.accept()
    warnings = fake_core.attempts.get_attempt(started.attempt_id).warnings
    assert [w.message for w in warnings] == ["Please keep your face in view of the camera."]


def test_the_ended_view_lists_finished_sessions_with_their_actions_off(
    fake_window, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    fake_core.attempts.submit_attempt(started.attempt_id)
    qtbot.mouseClick(fake_window.header.ended_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_names(fake_window) == ["Ann Lee"], timeout=3000)
    assert chip_texts(fake_window) == ["1 ended", "0 terminated", "0 flagged", "0 high risk"]
    select(fake_window, qtbot, started.proctor_session_id)
    assert fake_window.details_action.isEnabled()
    assert not fake_window.terminate_action.isEnabled()
    assert "ended" in fake_window.terminate_action.toolTip()
    fake_window.active_view_action.trigger()
    qtbot.waitUntil(lambda: not fake_window.model.is_loading, timeout=3000)
    assert shown_names(fake_window) == []  # a real exam has run here: no samples again
    assert "No exam is running" in fake_window.empty_label.text()


def test_a_search_without_match_says_how_to_get_the_cards_back(
    fake_window, fake_core, fake_exam, qtbot
):
    start(fake_core, fake_exam, "C-1", "Ann Lee")
    qtbot.waitUntil(lambda: shown_names(fake_window) == ["Ann Lee"], timeout=3000)
    qtbot.keyClicks(fake_window.search_field, "zzz")
    assert fake_window.stack.currentWidget() is fake_window.empty_label
    assert "Press Esc in the search box" in fake_window.empty_label.text()
    qtbot.keyClick(fake_window.search_field, Qt.Key.Key_Escape)
    assert fake_window.search_field.text() == ""
    assert shown_names(fake_window) == ["Ann Lee"]


def test_an_exam_created_elsewhere_appears_in_the_exam_filter(fake_window, fake_core, qtbot):
    fake_core.exams.create_exam("Physics retake", 1800)
    box = fake_window.exam_box
    qtbot.waitUntil(lambda: box.findText("Physics retake") >= 0, timeout=3000)
    box.setCurrentIndex(box.findText("Physics retake"))
    assert fake_window.proxy.exam_id == fake_core.exams.list_exams()[0].exam_id


def test_the_grid_fills_its_width_with_whole_columns(fake_window, qtbot):
    for width, columns in ((1366, 4), (1920, 6)):
        fake_window.resize(width, 800)
        qtbot.waitUntil(lambda w=width: fake_window.width() == w, timeout=3000)
        QApplication.processEvents()
        card = fake_window.grid.card_delegate.card_size.width()
        available = fake_window.grid.layout_width()
        assert columns * (card + 10) + 10 <= available < (columns + 1) * (card + 10) + 10


def test_the_selected_card_stays_selected_when_the_order_changes(
    fake_window, fake_core, clock, fake_exam, qtbot
):
    first = start(fake_core, fake_exam, "C-1", "Ann Lee")
    clock.advance(60)
    second = start(fake_core, fake_exam, "C-2", "Bob Stone")  # newer: first in the grid for now
    expected = [second.proctor_session_id, first.proctor_session_id]
    qtbot.waitUntil(lambda: fake_window.visible_session_ids() == expected, timeout=3000)
    select(fake_window, qtbot, second.proctor_session_id)
    fake_core.proctoring.flag_session(first.proctor_session_id, "Left the seat")
    qtbot.waitUntil(lambda: fake_window.visible_session_ids()[0] == first.proctor_session_id,
                    timeout=3000)
    assert fake_window.current_session().session_id == second.proctor_session_id


def test_quitting_while_exams_run_asks_first_and_keeps_them_running_by_default(
    fake_window, fake_core, fake_exam, qtbot
):
    for n in range(3):
        start(fake_core, fake_exam, f"C-{n}", f"Candidate {n}")
    qtbot.waitUntil(lambda: len(fake_window.visible_session_ids()) == 3, timeout=3000)
    fake_window.activateWindow()
    qtbot.waitUntil(fake_window.isActiveWindow, timeout=3000)
    qtbot.keyClick(fake_window.grid, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    box = fake_window.quit_box
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=3000)
    assert box.text().startswith("3 exams are running. Kiosks keep their frames")
    assert box.text().endswith("Quit anyway?")
    assert box.defaultButton() is box.keep_button
    assert fake_window.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter answers with the default: keep running
    qtbot.waitUntil(lambda: fake_window.quit_box is None, timeout=3000)
    assert fake_window.isVisible()
    # Closing the window asks the same; "Quit" closes it.
    fake_window.close()
    box = fake_window.quit_box
    qtbot.waitUntil(box.isVisible, timeout=3000)
    with qtbot.waitSignal(fake_window.closed, timeout=3000):
        qtbot.mouseClick(box.quit_button, Qt.MouseButton.LeftButton)
    assert not fake_window.isVisible()
    assert fake_core.proctoring.list_sessions()  # the exams themselves go on


def test_quitting_with_only_samples_or_ended_exams_asks_nothing(
    fake_window, fake_core, fake_exam, qtbot
):
    assert fake_window.model.is_showing_samples
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    fake_core.attempts.submit_attempt(started.attempt_id)
    with qtbot.waitSignal(fake_window.closed, timeout=3000):
        fake_window.quit_action.trigger()
    assert fake_window.quit_box is None
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, QMessageBox) and w.isVisible()]


def badge_row_colors(window: ProctorCenterWindow, session_id: str) -> list[QColor]:
    """The colours along the middle of a card's bottom badge row, left to right."""
    index = window.proxy.index(window.proxy.row_of(session_id), 0)
    rect = window.grid.visualRect(index)
    image = window.grid.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    y = rect.top() + CARD_HEIGHT - PADDING - 10
    return [image.pixelColor(round(x * ratio), round(y * ratio))
            for x in range(rect.left() + PADDING, rect.right() - PADDING)]


def test_a_closed_kiosk_shows_a_red_badge_and_a_warning_an_amber_one(
    fake_window, fake_core, fake_exam, qtbot
):
    closed = start(fake_core, fake_exam, "C-1", "Ann Lee")
    warned = start(fake_core, fake_exam, "C-2", "Bob Stone")
    both = {closed.proctor_session_id, warned.proctor_session_id}
    qtbot.waitUntil(lambda: set(fake_window.visible_session_ids()) == both, timeout=3000)
    red, amber_bg = QColor("#dc2626"), QColor(TOKENS["warn_bg"])
    assert not any(close_to(c, red, 10) for c in badge_row_colors(fake_window,
                                                                  closed.proctor_session_id))
    assert not any(close_to(c, amber_bg, 4) for c in badge_row_colors(fake_window,
                                                                       warned.proctor_session_id))
    close_kiosk(fake_core, closed)
    fake_core.proctoring.warn_session(warned.proctor_session_id, "Eyes on your own screen, please.")
    qtbot.waitUntil(lambda: any(close_to(c, red, 10) for c in badge_row_colors(
        fake_window, closed.proctor_session_id)), timeout=3000)
    qtbot.waitUntil(lambda: any(close_to(c, amber_bg, 4) for c in badge_row_colors(
        fake_window, warned.proctor_session_id)), timeout=3000)
    tip = fake_window.model.index(fake_window.model.row_of(closed.proctor_session_id)).data(
        Qt.ItemDataRole.ToolTipRole)
    assert "Kiosk closed at" in tip

"""The welcome dialog of the console's first start: the name of the proctor at this desk (what
their actions are recorded under), or the choice to connect to a center's server instead."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from console.proctor.center import EmbeddedCenter
from console.proctor.dialogs.welcome_dialog import WelcomeDialog
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.core.api.support import start_kiosk

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def welcome(qtbot) -> WelcomeDialog:
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_name_typed_is_what_this_desks_actions_are_recorded_under(
        welcome, core, exam, qtbot):
    assert welcome.windowTitle() == "Welcome to Proctor Console"
    assert welcome.note_label.text() == (
        "Each flag, warning and termination made at this desk is recorded under this name.")
    qtbot.keyClicks(welcome.name_field, "  Dana Lee ")
    with qtbot.waitSignal(welcome.accepted, timeout=1000):
        qtbot.keyClick(welcome.name_field, Qt.Key.Key_Return)
    assert (welcome.name, welcome.chose_connect) == ("Dana Lee", False)

    kiosk = start_kiosk(core, exam.exam_id, "C-1")
    EmbeddedCenter(core, who=welcome.name).flag_session(kiosk.session_id, "Looking away")
    assert core.proctoring.get_session_summary(kiosk.session_id).flagged_by == "Dana Lee"


def test_ok_waits_for_a_name(welcome, qtbot):
    assert not welcome.ok_button.isEnabled()
    welcome.name_field.setText("   ")
    assert not welcome.ok_button.isEnabled()
    welcome.submit()  # Enter with nothing but spaces
    assert welcome.isVisible() and welcome.name is None
    assert welcome.message_label.text().startswith("Type your name")
    assert welcome.focusWidget() is welcome.name_field
    qtbot.keyClicks(welcome.name_field, "Desk 3")
    assert welcome.ok_button.isEnabled() and not welcome.message_label.isVisible()
    with qtbot.waitSignal(welcome.accepted, timeout=1000):
        qtbot.mouseClick(welcome.ok_button, Qt.MouseButton.LeftButton)
    assert welcome.name == "Desk 3"


def test_someone_whose_center_runs_elsewhere_chooses_to_connect(welcome, qtbot):
    welcome.name_field.setText("Dana Lee")  # typed, then changed their mind
    with qtbot.waitSignal(welcome.accepted, timeout=1000):
        qtbot.mouseClick(welcome.connect_button, Qt.MouseButton.LeftButton)
    assert (welcome.name, welcome.chose_connect) == (None, True)
    assert welcome.connect_button.text() == "Connect to an exam center's server…"


def test_a_suggested_name_is_filled_in_ready_to_keep_or_replace(qtbot):
    dialog = WelcomeDialog("dana")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.name_field.text() == "dana" and dialog.name_field.selectedText() == "dana"
    assert dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.name_field, "Dana Lee")  # typing replaces the selection
    dialog.submit()
    assert dialog.name == "Dana Lee"

"""The Connect kiosks dialog shows the kiosk command line whole: however long the key, at the
dialog's narrowest and at a wide size, every line of the command is inside the box (no scrolling,
nothing cut), and Copy gives exactly that command."""

from __future__ import annotations

import shlex

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from console.proctor.api_server_controller import ApiServerController
from console.proctor.dialogs.connect_dialog import ConnectDialog
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)
LONG_KEY = "kiosk-" + "Q4QVQUmcWmFkYfeNmnyheEXGr6a6AfZW" * 3


@pytest.fixture
def core_env(core_env):
    return {**core_env, "PROCTOR_KIOSK_KEY": LONG_KEY}


@pytest.fixture
def dialog(core, qapp, qtbot):
    server = ApiServerController(core, "127.0.0.1", 0)
    assert server.start()
    dialog = ConnectDialog(server)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    server.stop()


def line_count(dialog: ConnectDialog) -> int:
    layout = dialog.command_field.document().documentLayout()
    block = dialog.command_field.document().firstBlock()
    return layout.blockBoundingRect(block).height() // dialog.command_field.fontMetrics().height()


@pytest.mark.parametrize("width", [620, 900])
def test_a_long_command_line_is_shown_whole(dialog, qtbot, width):
    dialog.resize(width, dialog.height())
    qtbot.waitUntil(lambda: dialog.command_field.shows_all_text(), timeout=2000)
    field = dialog.command_field
    assert field.verticalScrollBar().maximum() == 0
    assert field.document().size().height() <= field.viewport().height()
    assert shlex.split(field.toPlainText())[-1] == LONG_KEY
    if width == 620:
        assert line_count(dialog) >= 3  # more than the two lines the box used to allow


def test_copy_gives_the_whole_command(dialog, core, qtbot):
    field = dialog.command_field
    copy = dialog.copy_command_button
    qtbot.mouseClick(copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == field.toPlainText()
    assert shlex.split(field.toPlainText()) == [
        "proctor-candidate", "--server", dialog.address_field.text(), "--kiosk-key", LONG_KEY]


def shown_lines(dialog: ConnectDialog) -> list[str]:
    """The command as laid out on screen, one string per visual line (joiners left out)."""
    block = dialog.command_field.document().firstBlock()
    layout, text = block.layout(), block.text()
    return [text[line.textStart():line.textStart() + line.textLength()]
            .replace("\u2060", "").strip()
            for line in (layout.lineAt(i) for i in range(layout.lineCount()))]


@pytest.mark.parametrize("width", [620, 700, 900])
def test_lines_break_between_arguments_never_inside_one(dialog, qtbot, width):
    dialog.resize(width, dialog.height())
    qtbot.waitUntil(lambda: dialog.command_field.shows_all_text(), timeout=2000)
    arguments = shlex.split(dialog.command_field.toPlainText())
    lines = shown_lines(dialog)
    assert "".join(lines).replace(" ", "") == "".join(arguments)  # nothing lost
    for line in lines:
        for word in line.split(" "):
            # Only the key, longer than a line at the narrow size, may be cut.
            assert word in arguments or word in LONG_KEY, (word, lines)


def test_a_selection_copied_from_the_box_is_the_plain_command(dialog):
    field = dialog.command_field
    field.selectAll()
    assert field.createMimeDataFromSelection().text() == field.toPlainText()
    assert "\u2060" not in field.toPlainText()

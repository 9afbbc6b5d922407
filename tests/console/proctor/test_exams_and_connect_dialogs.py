"""The Exams dialog (create and list) and the Connect kiosks dialog on this computer only
(address, key, command); test_connect_kiosks_network.py beside it has the network side."""

from __future__ import annotations

import shlex

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from console.proctor.api_server_controller import ApiServerController
from console.proctor.dialogs.connect_dialog import ConnectDialog
from console.proctor.dialogs.exams_dialog import ExamsDialog
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)


@pytest.fixture
def exams_dialog(console_context, qtbot):
    with qtbot.waitSignal(console_context.tasks.task_finished, timeout=3000):
        dialog = ExamsDialog(console_context)  # the first load
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    console_context.tasks.wait_for_done()


@pytest.fixture
def server(core, qapp):
    controller = ApiServerController(core, "127.0.0.1", 0)
    yield controller
    controller.stop()


def table_rows(dialog: ExamsDialog) -> list[list[str]]:
    table = dialog.table
    return [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]


def test_an_exam_created_in_the_dialog_is_stored_and_listed(exams_dialog, core, qtbot):
    assert exams_dialog.empty_label.isVisible()
    assert not exams_dialog.create_button.isEnabled()
    qtbot.keyClicks(exams_dialog.title_field, "Statistics midterm")
    exams_dialog.duration_field.setValue(90)
    exams_dialog.interval_field.setValue(15)
    with qtbot.waitSignal(exams_dialog.exam_created, timeout=3000):
        qtbot.mouseClick(exams_dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(table_rows(exams_dialog)) == 1, timeout=3000)
    [exam] = core.exams.list_exams()
    assert (exam.title, exam.duration_seconds, exam.proctoring_enabled,
            exam.snapshot_interval_seconds) == ("Statistics midterm", 5400, True, 15)
    assert table_rows(exams_dialog)[0][:4] == ["Statistics midterm", "1 h 30 min", "On", "15 s"]
    assert exams_dialog.message_label.text() == (
        "Created “Statistics midterm”. Kiosks can start it now.")
    assert exams_dialog.title_field.text() == ""
    assert not exams_dialog.empty_label.isVisible()


def test_an_exam_without_proctoring_takes_no_interval(exams_dialog, core, qtbot):
    exams_dialog.title_field.setText("Open-book quiz")
    exams_dialog.proctoring_field.setChecked(False)
    assert not exams_dialog.interval_field.isEnabled()
    exams_dialog.create_exam()
    qtbot.waitUntil(lambda: len(table_rows(exams_dialog)) == 1, timeout=3000)
    assert table_rows(exams_dialog)[0][2:4] == ["Off", "—"]
    assert core.exams.list_exams()[0].proctoring_enabled is False


def test_a_blank_title_is_refused_with_a_hint(exams_dialog, core):
    exams_dialog.title_field.setText("   ")
    assert not exams_dialog.create_button.isEnabled()
    exams_dialog.create_exam()
    assert exams_dialog.message_label.text() == "Type a title for the exam first."
    assert core.exams.list_exams() == []


def test_exams_created_elsewhere_show_up_in_the_open_dialog(exams_dialog, core, qtbot):
    core.exams.create_exam("Made over HTTP", 600)
    qtbot.waitUntil(lambda: len(table_rows(exams_dialog)) == 1, timeout=3000)
    assert table_rows(exams_dialog)[0][0] == "Made over HTTP"


def test_the_connect_dialog_gives_address_key_and_command_with_copy_buttons(
    server, core, qtbot
):
    assert server.start()
    dialog = ConnectDialog(server)
    qtbot.addWidget(dialog)
    dialog.show()
    url = f"http://127.0.0.1:{server.port}"
    assert dialog.address_field.text() == url
    assert dialog.key_field.text() == core.config.kiosk_key
    command = dialog.command_field.toPlainText()
    assert shlex.split(command) == ["proctor-candidate", "--server", url,
                                    "--kiosk-key", core.config.kiosk_key]
    assert "Only kiosks on this computer can connect now" in dialog.network_label.text()
    assert not dialog.network_switch.isChecked()
    for text, button in ((url, dialog.copy_address_button),
                         (core.config.kiosk_key, dialog.copy_key_button),
                         (command, dialog.copy_command_button)):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert QGuiApplication.clipboard().text() == text
        assert button.text() == "Copied"


def test_the_connect_dialog_says_when_kiosks_cannot_connect(server, qtbot):
    dialog = ConnectDialog(server)  # never started
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.problem_label.isVisible()
    assert "not running" in dialog.problem_label.text()
    assert dialog.address_field.text() == "(not running)"
    server.start()
    assert not dialog.problem_label.isVisible()
    assert dialog.address_field.text() == server.url

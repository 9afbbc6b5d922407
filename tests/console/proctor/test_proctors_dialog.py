"""The proctor accounts dialog, against the console's own center and against a real server signed
in to with the admin key: list, add, disable (the proctor is signed out at once and cannot sign
in again), the center's sentences shown with nothing typed lost, and what a proctor who is not
the administrator sees."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from console.proctor.center import CenterRefused, EmbeddedCenter, sign_in, with_admin_key
from console.proctor.dialogs.proctors_dialog import (
    ONLY_THE_ADMINISTRATOR,
    ProctorsDialog,
    ProctorTableModel,
)
from console.tasks import TaskRunner
from core.domain.errors import InvalidInput
from core.domain.records import ProctorDTO
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.core.api.support import plain_http

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

PASSWORD = "correct horse battery"
WAIT = 20_000


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture(params=["embedded", "remote"])
def center(request, core):
    """The administrator's center: this console's own, or a server over HTTP."""
    if request.param == "embedded":
        yield EmbeddedCenter(core)
        return
    live_server = request.getfixturevalue("live_server")
    remote = with_admin_key(live_server.url, core.config.admin_key, transport=plain_http())
    yield remote
    remote.close()


def open_dialog(center, tasks, qtbot) -> ProctorsDialog:
    with qtbot.waitSignal(tasks.task_finished, timeout=WAIT):
        dialog = ProctorsDialog(center, tasks)  # the first load
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def rows(dialog: ProctorsDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def type_new_proctor(dialog: ProctorsDialog, name: str, username: str,
                     password: str = PASSWORD, repeat: str | None = None) -> None:
    dialog.name_field.setText(name)
    dialog.username_field.setText(username)
    dialog.password_field.setText(password)
    dialog.repeat_field.setText(password if repeat is None else repeat)


def typed(dialog: ProctorsDialog) -> list[str]:
    return [field.text() for field in dialog.form_fields]


def answer_disable(dialog: ProctorsDialog, confirm: bool) -> None:
    box = dialog.confirm_box
    assert box is not None and box.isVisible()
    [button] = [b for b in box.buttons()
                if box.buttonRole(b) == (QMessageBox.ButtonRole.DestructiveRole if confirm
                                         else QMessageBox.ButtonRole.RejectRole)]
    button.click()


# ---- the list ----------------------------------------------------------------------------------
def test_each_account_is_listed_with_its_name_username_and_status(center, core, tasks, qtbot):
    core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
    ahmed = core.proctors.create_proctor("ahmed", "Ahmed Khan", PASSWORD)
    core.proctors.disable_proctor(ahmed.proctor_id)
    dialog = open_dialog(center, tasks, qtbot)
    assert [[name, username, status] for name, username, _created, status in rows(dialog)] == [
        ["Ahmed Khan", "ahmed", "Disabled"], ["Dana Lee", "dana", "Active"]]
    assert all(created[:4].isdigit() for _n, _u, created, _s in rows(dialog))
    assert dialog.count_label.text() == "1 active, 1 disabled"
    assert dialog.is_managing and not dialog.empty_label.isVisible()


def test_a_center_without_accounts_says_to_add_the_first(center, tasks, qtbot):
    dialog = open_dialog(center, tasks, qtbot)
    assert dialog.empty_label.isVisible()
    assert dialog.empty_label.text() == "No proctor accounts yet. Add the first one above."
    assert not dialog.disable_button.isEnabled()


# ---- adding --------------------------------------------------------------------------------------
def test_a_proctor_added_in_the_dialog_is_listed_and_can_sign_in(center, core, tasks, qtbot):
    dialog = open_dialog(center, tasks, qtbot)
    assert "at least 10 characters" in dialog.password_field.placeholderText()
    type_new_proctor(dialog, "Dana Lee", "Dana")
    with qtbot.waitSignal(dialog.proctors_loaded, timeout=WAIT):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert [r[:2] + r[3:] for r in rows(dialog)] == [["Dana Lee", "dana", "Active"]]
    assert dialog.selected_proctor().username == "dana"
    assert dialog.message_label.text() == "Added Dana Lee: they can sign in as “dana” now."
    assert typed(dialog) == ["", "", "", ""]
    assert core.proctors.login("dana", PASSWORD).proctor.display_name == "Dana Lee"


def test_a_taken_username_shows_the_centers_sentence_and_keeps_what_was_typed(
        center, core, tasks, qtbot):
    core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
    dialog = open_dialog(center, tasks, qtbot)
    type_new_proctor(dialog, "Dana Lewis", "dana")
    dialog.add_proctor()
    qtbot.waitUntil(lambda: "taken" in dialog.message_label.text(), timeout=WAIT)
    assert dialog.message_label.text() == "The username 'dana' is taken; choose another."
    assert dialog.message_label.property("tone") == "danger"
    assert typed(dialog) == ["Dana Lewis", "dana", PASSWORD, PASSWORD]
    assert dialog.focusWidget() is dialog.username_field
    assert dialog.add_button.isEnabled()
    assert len(core.proctors.list_proctors()) == 1


def test_a_username_the_center_refuses_is_said_with_its_rule(center, core, tasks, qtbot):
    dialog = open_dialog(center, tasks, qtbot)
    type_new_proctor(dialog, "Dana Lee", "dana lee")
    dialog.add_proctor()
    qtbot.waitUntil(lambda: "username is" in dialog.message_label.text(), timeout=WAIT)
    assert dialog.message_label.text().startswith("A username is 1 to 64 letters")
    assert dialog.message_label.text().endswith("Correct it and press Add proctor again.")
    assert dialog.focusWidget() is dialog.username_field
    assert typed(dialog)[:2] == ["Dana Lee", "dana lee"]
    assert core.proctors.list_proctors() == []


def test_a_short_or_mistyped_password_is_said_before_anything_is_sent(
        center, core, tasks, qtbot):
    dialog = open_dialog(center, tasks, qtbot)
    type_new_proctor(dialog, "Dana Lee", "dana", password="short")
    qtbot.keyClick(dialog.repeat_field, Qt.Key.Key_Return)  # Enter adds
    assert dialog.message_label.text() == "A password needs at least 10 characters."
    assert dialog.focusWidget() is dialog.password_field
    type_new_proctor(dialog, "Dana Lee", "dana", repeat="correct horse batery")
    dialog.add_proctor()
    assert dialog.message_label.text() == (
        "The two passwords differ. Type the same password in both fields.")
    assert dialog.focusWidget() is dialog.repeat_field
    assert typed(dialog) == ["Dana Lee", "dana", PASSWORD, "correct horse batery"]
    assert tasks.pending_count == 0 and core.proctors.list_proctors() == []


# ---- disabling -----------------------------------------------------------------------------------
def test_disabling_asks_first_and_cancel_changes_nothing(center, core, tasks, qtbot):
    dana = core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
    dialog = open_dialog(center, tasks, qtbot)
    dialog.select_proctor(dana.proctor_id)
    qtbot.mouseClick(dialog.disable_button, Qt.MouseButton.LeftButton)
    box = dialog.confirm_box
    assert box is not None
    assert box.text() == "Disable Dana Lee's account?"
    assert "will be signed out at once" in box.informativeText()
    answer_disable(dialog, confirm=False)
    assert tasks.pending_count == 0
    assert core.proctors.list_proctors()[0].is_disabled is False


def test_a_disabled_proctor_is_signed_out_at_once_and_cannot_sign_in_again(
        core, live_server, tasks, qtbot):
    dana = core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
    at_her_desk = sign_in(live_server.url, "dana", PASSWORD, transport=plain_http())
    admin = with_admin_key(live_server.url, core.config.admin_key, transport=plain_http())
    try:
        dialog = open_dialog(admin, tasks, qtbot)
        dialog.select_proctor(dana.proctor_id)
        assert dialog.disable_button.isEnabled()
        dialog.confirm_disable()
        with qtbot.waitSignal(dialog.proctor_disabled, timeout=WAIT):
            answer_disable(dialog, confirm=True)
        qtbot.waitUntil(lambda: rows(dialog)[0][3] == "Disabled", timeout=WAIT)
        assert dialog.message_label.text() == (
            "Disabled Dana Lee: they were signed out and cannot sign in again.")
        assert dialog.selected_proctor().proctor_id == dana.proctor_id
        assert not dialog.disable_button.isEnabled()
        with pytest.raises(CenterRefused):
            at_her_desk.list_exams()
        with pytest.raises(InvalidInput, match="disabled"):
            sign_in(live_server.url, "dana", PASSWORD, transport=plain_http())
    finally:
        at_her_desk.close()
        admin.close()


# ---- who may manage ------------------------------------------------------------------------------
def test_a_proctor_who_is_not_the_administrator_is_told_who_manages_accounts(
        core, live_server, tasks, qtbot):
    core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
    remote = sign_in(live_server.url, "dana", PASSWORD, transport=plain_http())
    try:
        dialog = ProctorsDialog(remote, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.not_allowed_label.isVisible()
        assert dialog.not_allowed_label.text() == ONLY_THE_ADMINISTRATOR
        assert not dialog.is_managing
        assert not dialog.table.isVisible() and not dialog.add_button.isVisible()
        assert tasks.pending_count == 0  # nothing was asked of the center
    finally:
        remote.close()


# ---- the model -----------------------------------------------------------------------------------
def test_the_table_model_follows_qts_rules(core, qtmodeltester):
    model = ProctorTableModel()
    qtmodeltester.check(model)
    dana = core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
    ahmed = core.proctors.disable_proctor(
        core.proctors.create_proctor("ahmed", "Ahmed Khan", PASSWORD).proctor_id)
    model.set_proctors([ahmed, dana])
    qtmodeltester.check(model)
    assert model.index(0, 0).data(ProctorTableModel.PROCTOR_ROLE) == ahmed
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # muted
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.row_of(dana.proctor_id) == 1 and model.row_of("nobody") is None
    assert isinstance(model.proctor_at(1), ProctorDTO)

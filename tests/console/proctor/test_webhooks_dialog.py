"""The webhooks dialog, against the console's own center (a real core on a SQLite file) and
against a real server signed in to with the admin key, with a real receiver on a thread: add
(the secret shown once), the deliveries' last success, failures and next try in the list, a
test event the receiver gets signed, remove after a question, the center's sentence when an
address is wrong (nothing typed lost), and the File menu's entry."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from console.proctor.center import EmbeddedCenter, with_admin_key
from console.proctor.dialogs.webhooks_dialog import EVENT_TYPES, WebhooksDialog
from console.tasks import TaskRunner
from tests.console.proctor.proctor_helpers import OFFSCREEN_NOISE
from tests.core.api.support import plain_http
from tests.core.api.webhook_receiver import Receiver, is_signed, make_server, received

pytestmark = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE)

WAIT = 20_000


@pytest.fixture
def tasks(qapp) -> Iterator[TaskRunner]:
    runner = TaskRunner()
    yield runner
    runner.shutdown()


@pytest.fixture
def receiver(tmp_path) -> Iterator[tuple[Receiver, Path, str]]:
    log = tmp_path / "received.jsonl"
    server = make_server(log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, log, f"http://127.0.0.1:{server.server_address[1]}/hooks"
    server.shutdown()
    server.server_close()


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


def open_dialog(center, tasks, qtbot) -> WebhooksDialog:
    dialog = WebhooksDialog(center, tasks)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.webhooks_loaded, timeout=WAIT):
        dialog.show()
    return dialog


def rows(dialog: WebhooksDialog) -> list[list[str]]:
    model = dialog.model
    return [[model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def add(dialog: WebhooksDialog, qtbot, url: str) -> None:
    dialog.url_field.setText(url)
    with qtbot.waitSignal(dialog.webhooks_loaded, timeout=WAIT):
        dialog.add_button.click()


def test_an_added_webhook_is_listed_and_its_secret_is_shown_once(
        center, core, tasks, qtbot, receiver):
    _server, _log, url = receiver
    dialog = open_dialog(center, tasks, qtbot)
    assert dialog.empty_label.isVisible()
    dialog.description_field.setText("Law school LMS")
    add(dialog, qtbot, url)
    assert rows(dialog) == [[url, "every event", "never", "none", "—"]]
    assert dialog.secret_box.isVisible() and dialog.secret_field.text().startswith("whsec_")
    assert "not shown again" in dialog.message_label.text()
    assert dialog.selected_row() is not None  # the new one is selected
    [hook] = core.webhooks.list_webhooks()
    assert hook.description == "Law school LMS" and hook.events == EVENT_TYPES


def test_the_list_shows_the_last_delivery_the_failures_and_the_next_try(
        center, core, exam, tasks, qtbot, receiver):
    server, _log, url = receiver
    center.create_webhook(url, ["attempt.started", "attempt.submitted"])
    first = core.attempts.start_attempt(exam.exam_id, "C-1", "Ann Lee")
    core.webhook_sender.deliver_due()  # delivered
    server.answer["status"] = 500
    core.attempts.submit_attempt(first.attempt_id)
    core.webhook_sender.deliver_due()  # refused: tried again later
    dialog = open_dialog(center, tasks, qtbot)
    [[address, hears, last, failures, next_try]] = rows(dialog)
    assert address == url and hears == "attempt.started, attempt.submitted"
    assert last != "never" and failures == "1 retrying" and next_try != "—"
    assert "1 with failures" in dialog.count_label.text()


def test_send_test_delivers_a_signed_test_event_and_says_what_the_receiver_answered(
        center, core, tasks, qtbot, receiver):
    server, log, url = receiver
    dialog = open_dialog(center, tasks, qtbot)
    add(dialog, qtbot, url)
    secret = dialog.secret_field.text()
    with qtbot.waitSignal(dialog.test_finished, timeout=WAIT) as finished:
        dialog.test_button.click()
    assert finished.args == [True]
    assert "answered 200" in dialog.message_label.text()
    [line] = received(log)
    assert json.loads(line["body"])["type"] == "webhook.test"
    assert is_signed(secret, line["headers"], line["body"].encode("utf-8"))
    server.answer["status"] = 503
    with qtbot.waitSignal(dialog.test_finished, timeout=WAIT) as finished:
        dialog.test_button.click()
    assert finished.args == [False]
    assert "answered 503" in dialog.message_label.text()
    assert dialog.message_label.property("tone") == "danger"


def test_remove_asks_first_then_sends_nothing_more_there(center, core, tasks, qtbot, receiver):
    _server, _log, url = receiver
    dialog = open_dialog(center, tasks, qtbot)
    add(dialog, qtbot, url)
    dialog.remove_button.click()
    box = dialog.confirm_box
    assert box is not None and url in box.text()
    [cancel] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole]
    cancel.click()
    assert len(core.webhooks.list_webhooks()) == 1
    dialog.remove_button.click()
    box = dialog.confirm_box
    [remove] = [b for b in box.buttons()
                if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole]
    with qtbot.waitSignal(dialog.webhooks_loaded, timeout=WAIT):
        remove.click()
    assert rows(dialog) == [] and core.webhooks.list_webhooks() == []
    assert "nothing more is sent" in dialog.message_label.text()


def test_a_wrong_address_gets_the_centers_sentence_and_keeps_what_was_typed(
        center, core, tasks, qtbot):
    dialog = open_dialog(center, tasks, qtbot)
    dialog.url_field.setText("exams.example.org/hooks")
    with qtbot.waitSignal(tasks.task_finished, timeout=WAIT):
        dialog.add_button.click()
    assert "http:// or https://" in dialog.message_label.text()
    assert dialog.url_field.text() == "exams.example.org/hooks"
    assert core.webhooks.list_webhooks() == []


def test_no_event_type_ticked_is_said_before_asking_the_center(center, core, tasks, qtbot):
    dialog = open_dialog(center, tasks, qtbot)
    dialog.url_field.setText("https://exams.example.org/hooks")
    for box in dialog.event_boxes.values():
        box.setChecked(False)
    assert not dialog.add_button.isEnabled()
    dialog.add_webhook()
    assert "at least one event type" in dialog.message_label.text()


def test_the_file_menu_opens_the_webhooks_of_the_consoles_own_center(proctor_window, qtbot):
    assert proctor_window.webhooks_action.isVisible()
    proctor_window.webhooks_action.trigger()
    dialog = proctor_window._webhooks_dialog
    assert dialog is not None and dialog.isVisible() and dialog.is_managing

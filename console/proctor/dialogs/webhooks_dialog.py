"""WebhooksDialog: the exam system's webhooks, for the center's administrator: each endpoint with
its last delivery, its failures and its next try; a form to add one (address, the event types it
hears, a note), whose signing secret is shown once; Send test and Remove for the selected one.
Every call to the center goes through the task runner.

A proctor signed in with their own account may not manage webhooks (only the center's
administrator does): the dialog then says so, and shows nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.i18n import plural, said, translate
from console.proctor.center.interface import Center, NotAllowed
from console.proctor.dialogs.list_dialog import (
    add_actions,
    add_foot,
    form_card,
    list_bar,
    list_table,
)
from console.proctor.formatting import date_time
from console.tasks import TaskRunner
from console.ui import dialog_header, set_style_property
from core.domain.errors import InvalidInput
from core.domain.records import WebhookCreated, WebhookDTO, WebhookTestResult
from core.domain.webhooks import WebhookEventType

COLUMNS = (QT_TRANSLATE_NOOP("WebhooksDialog", "Address"),
           QT_TRANSLATE_NOOP("WebhooksDialog", "Hears"),
           QT_TRANSLATE_NOOP("WebhooksDialog", "Last delivered"),
           QT_TRANSLATE_NOOP("WebhooksDialog", "Failures"),
           QT_TRANSLATE_NOOP("WebhooksDialog", "Next try"))
ONLY_THE_ADMINISTRATOR = QT_TRANSLATE_NOOP(
    "WebhooksDialog",
    "Only the center's administrator manages webhooks. Ask them to add or remove one.")
EVENT_TYPES = tuple(t.value for t in WebhookEventType)

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class WebhookRow:
    """A webhook with what its recent deliveries say."""

    webhook: WebhookDTO
    last_delivered_at: datetime | None
    failed: int
    """deliveries given up after a day of retries"""
    retrying: int
    """deliveries that failed and wait for their next try"""
    next_try_at: datetime | None

    @property
    def failures(self) -> str:
        locale = QLocale()
        parts = [translate("WebhooksDialog", "{count} failed").format(
            count=locale.toString(self.failed))] if self.failed else []
        parts += [translate("WebhooksDialog", "{count} retrying").format(
            count=locale.toString(self.retrying))] if self.retrying else []
        return translate("WebhooksDialog", ", ").join(parts) or translate("WebhooksDialog",
                                                                          "none")


def read_webhook_rows(center: Center) -> list[WebhookRow]:
    """The webhooks and their deliveries' summary (runs on a worker thread)."""
    rows = []
    for hook in center.list_webhooks():
        deliveries = center.list_webhook_deliveries(hook.webhook_id)
        delivered = [d.delivered_at for d in deliveries if d.delivered_at is not None]
        waiting = [d.next_try_at for d in deliveries
                   if d.status == "pending" and d.next_try_at is not None]
        rows.append(WebhookRow(
            hook, max(delivered, default=None),
            sum(d.status == "failed" for d in deliveries),
            sum(d.status == "pending" and d.attempts > 0 for d in deliveries),
            min(waiting, default=None)))
    return rows


class WebhookTableModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[WebhookRow] = []

    def set_rows(self, rows: list[WebhookRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> WebhookRow:
        return self._rows[row]

    def row_of(self, webhook_id: str) -> int | None:
        return next((i for i, r in enumerate(self._rows)
                     if r.webhook.webhook_id == webhook_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        hook = row.webhook
        if role == Qt.ItemDataRole.DisplayRole:
            hears = (translate("WebhooksDialog", "every event")
                     if len(hook.events) == len(EVENT_TYPES)
                     else ", ".join(hook.events))
            return (hook.url, hears,
                    date_time(row.last_delivered_at) if row.last_delivered_at
                    else translate("WebhooksDialog", "never"),
                    row.failures, date_time(row.next_try_at))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return hook.description or hook.url
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return translate("WebhooksDialog", COLUMNS[section])
        return None


class WebhooksDialog(QDialog):
    webhooks_loaded = Signal()
    webhook_added = Signal(str)  # webhook_id
    webhook_removed = Signal(str)  # webhook_id
    test_finished = Signal(bool)  # delivered

    def __init__(self, center: Center, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._center = center
        self._tasks = tasks
        self._select_after_load: str | None = None
        self.setObjectName("webhooksDialog")
        self.setWindowTitle(self.tr("Webhooks"))
        self.resize(820, 620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        self.hint_label = dialog_header(
            layout, self.tr("Webhooks"),
            self.tr("The exam system hears what happened: each change is sent, signed, to these "
                    "addresses, and tried again for a day while it does not answer."))

        self.form_box, form = form_card(self.tr("Add a webhook"))
        self.url_field = QLineEdit()
        self.url_field.setPlaceholderText(
            self.tr("e.g. https://exams.example.org/proctoring/hooks"))
        self.description_field = QLineEdit()
        self.description_field.setPlaceholderText(
            self.tr("optional, e.g. Moodle of the law school"))
        self.description_field.setMaxLength(200)
        for row, label, field in ((1, self.tr("Address"), self.url_field),
                                  (2, self.tr("Note"), self.description_field)):
            label_widget = QLabel(label)
            label_widget.setBuddy(field)
            form.addWidget(label_widget, row, 0)
            form.addWidget(field, row, 1, 1, 3)
        hears = QLabel(self.tr("Hears"))
        form.addWidget(hears, 3, 0, Qt.AlignmentFlag.AlignTop)
        self.event_boxes: dict[str, QCheckBox] = {}
        for i, event in enumerate(EVENT_TYPES):
            box = QCheckBox(event)
            box.setChecked(True)
            box.toggled.connect(self._update_buttons)
            self.event_boxes[event] = box
            form.addWidget(box, 3 + i // 3, 1 + i % 3)
        actions, self.message_label, self.add_button = add_actions(self.tr("Add webhook"),
                                                                   self.add_webhook)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addLayout(actions, 3 + (len(EVENT_TYPES) + 2) // 3, 0, 1, 4)
        layout.addWidget(self.form_box)
        self.url_field.textChanged.connect(self._update_buttons)
        self.url_field.returnPressed.connect(self.add_webhook)

        self.secret_box = QWidget()
        secret_row = QHBoxLayout(self.secret_box)
        secret_row.setContentsMargins(0, 0, 0, 0)
        secret_caption = QLabel(self.tr("Signing secret (shown this once):"))
        self.secret_field = QLineEdit()
        self.secret_field.setReadOnly(True)
        self.secret_field.setObjectName("secretField")
        secret_row.addWidget(secret_caption)
        secret_row.addWidget(self.secret_field, 1)
        self.secret_box.hide()
        layout.addWidget(self.secret_box)

        self.test_button = QPushButton(self.tr("Send test"))
        self.test_button.setToolTip(self.tr("Send the selected address a signed test event "
                                            "(type webhook.test) now and show its answer"))
        self.test_button.clicked.connect(self.send_test)
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setToolTip(self.tr("Send nothing more to the selected address"))
        self.remove_button.clicked.connect(self.confirm_remove)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.list_bar, self.count_label = list_bar(
            (self.refresh_button, self.test_button, self.remove_button))
        layout.addWidget(self.list_bar)

        self.model = WebhookTableModel(self)
        self.table = list_table("webhooksTable", self.model, self._update_buttons)
        layout.addWidget(self.table, 1)
        self.empty_label, self.not_allowed_label = add_foot(
            self, layout, self.tr("No webhooks yet. Add the exam system's address above."),
            self.tr(ONLY_THE_ADMINISTRATOR))
        #: The question before removing a webhook (open while it is asked).
        self.confirm_box: QMessageBox | None = None
        self._busy = False
        self._update_buttons()
        if center.can_manage_proctors:
            self.reload()
        else:
            self._show_not_allowed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._center.can_manage_proctors:
            self.url_field.setFocus()

    # ---- what is shown -------------------------------------------------------------------------
    @property
    def is_managing(self) -> bool:
        return not self.not_allowed_label.isVisibleTo(self) and self.form_box.isVisibleTo(self)

    def selected_row(self) -> WebhookRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_webhook(self, webhook_id: str) -> bool:
        row = self.model.row_of(webhook_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def chosen_events(self) -> list[str]:
        return [event for event, box in self.event_boxes.items() if box.isChecked()]

    # ---- commands ------------------------------------------------------------------------------
    def reload(self) -> None:
        self._tasks.submit(read_webhook_rows, self._center, on_done=self._show_rows,
                           on_error=self._load_failed)

    def add_webhook(self) -> None:
        url = self.url_field.text().strip()
        if not url:
            self._say(self.tr("Type the exam system's address first, starting with https://."),
                      self.url_field)
            return
        events = self.chosen_events()
        if not events:
            self._say(self.tr("Tick at least one event type the exam system should hear."))
            return
        self.add_button.setEnabled(False)
        self._say(self.tr("Adding…"))
        self._tasks.submit(self._center.create_webhook, url, events,
                           self.description_field.text().strip() or None,
                           on_done=self._added, on_error=self._add_failed)

    def send_test(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        self._busy = True
        self._update_buttons()
        self._say(self.tr("Sending a test event to {address}…").format(address=row.webhook.url))
        self._tasks.submit(self._center.test_webhook, row.webhook.webhook_id,
                           on_done=self._tested, on_error=self._test_failed)

    def confirm_remove(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        hook = row.webhook
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Remove webhook"),
                          self.tr("Remove the webhook to {address}?").format(address=hook.url),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr("Nothing more is sent there, and its deliveries still "
                                       "waiting are dropped. The exam system stops hearing what "
                                       "happens."))
        remove = box.addButton(self.tr("Remove webhook"), QMessageBox.ButtonRole.DestructiveRole)
        remove.setObjectName("dangerButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._confirmed(box, hook))
        self.confirm_box = box
        box.open()

    def remove_webhook(self, hook: WebhookDTO) -> None:
        self._busy = True
        self._update_buttons()
        self._say(self.tr("Removing the webhook to {address}…").format(address=hook.url))
        self._tasks.submit(self._center.delete_webhook, hook.webhook_id,
                           on_done=lambda _none: self._removed(hook),
                           on_error=self._remove_failed)

    # ---- results -------------------------------------------------------------------------------
    def _confirmed(self, box: QMessageBox, hook: WebhookDTO) -> None:
        self.confirm_box = None
        clicked = box.clickedButton()
        if clicked is not None and box.buttonRole(clicked) == \
                QMessageBox.ButtonRole.DestructiveRole:
            self.remove_webhook(hook)
        box.deleteLater()

    def _show_rows(self, rows: list[WebhookRow]) -> None:
        chosen = self._select_after_load or (
            r.webhook.webhook_id if (r := self.selected_row()) else None)
        self._select_after_load = None
        self.model.set_rows(rows)
        if chosen is not None:
            self.select_webhook(chosen)
        failing = sum(bool(r.failed or r.retrying) for r in rows)
        count = plural(self.tr("%Ln webhook(s)", "", len(rows)), len(rows))
        if failing:
            count += self.tr(", {count} with failures").format(
                count=QLocale().toString(failing))
        self.count_label.setText(count)
        self.empty_label.setVisible(not rows)
        self._update_buttons()
        self.webhooks_loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, NotAllowed):
            self._show_not_allowed()
            return
        self._say(self.tr("The webhooks could not be read: {error} Press Refresh to try "
                          "again.").format(error=said(error)),
                  is_problem=True)

    def _added(self, created: WebhookCreated) -> None:
        self.url_field.clear()
        self.description_field.clear()
        self.secret_field.setText(created.secret)
        self.secret_box.show()
        self._say(self.tr("Added {address}. Give the exam system the signing secret below now: "
                          "it is not shown again.").format(address=created.url))
        self._select_after_load = created.webhook_id
        self.webhook_added.emit(created.webhook_id)
        self.reload()

    def _add_failed(self, error: BaseException) -> None:
        self._update_buttons()
        if isinstance(error, NotAllowed):
            self._show_not_allowed()
        elif isinstance(error, InvalidInput):
            self._say(self.tr("{error} Correct it and press Add webhook again.").format(
                error=said(error)), self.url_field)
        else:
            self._say(self.tr("The webhook was not added: {error} Check the connection to the "
                              "center and try again.").format(error=said(error)), is_problem=True)

    def _tested(self, result: WebhookTestResult) -> None:
        self._busy = False
        self._update_buttons()
        if result.delivered:
            self._say(self.tr("The test event was delivered: the exam system answered "
                              "{status}.").format(status=result.status_code))
        else:
            self._say(self.tr("The test event was not delivered: {error} Check the address and "
                              "that the exam system is running, then send the test again.")
                      .format(error=result.error),
                      is_problem=True)
        self.test_finished.emit(result.delivered)
        self.reload()

    def _test_failed(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        self._say(self.tr("The test could not be sent: {error} Press Refresh and try again.")
                  .format(error=said(error)),
                  is_problem=True)
        self.test_finished.emit(False)

    def _removed(self, hook: WebhookDTO) -> None:
        self._busy = False
        self.secret_box.hide()
        self._say(self.tr("Removed the webhook to {address}: nothing more is sent there.").format(
            address=hook.url))
        self.webhook_removed.emit(hook.webhook_id)
        self.reload()

    def _remove_failed(self, error: BaseException) -> None:
        self._busy = False
        self._update_buttons()
        self._say(self.tr("The webhook was not removed: {error} Press Refresh and try again.")
                  .format(error=said(error)),
                  is_problem=True)

    # ---- state -----------------------------------------------------------------------------------
    def _show_not_allowed(self) -> None:
        for widget in (self.form_box, self.secret_box, self.list_bar, self.table,
                       self.empty_label):
            widget.hide()
        self.hint_label.setText(self.tr("You are signed in to {address} as {who}.").format(
            address=self._center.location, who=self._center.who))
        self.not_allowed_label.show()

    def _update_buttons(self, *_args: object) -> None:
        selected = self.selected_row() is not None and not self._busy
        self.test_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)
        self.add_button.setEnabled(bool(self.url_field.text().strip())
                                   and bool(self.chosen_events()))

    def _say(self, text: str, field: QLineEdit | None = None, is_problem: bool = False) -> None:
        self.message_label.setText(text)
        set_style_property(self.message_label, "tone",
                           "danger" if is_problem or field is not None else "ok")
        if field is not None:
            field.setFocus()
            field.selectAll()

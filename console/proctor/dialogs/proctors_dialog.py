"""ProctorsDialog: the center's proctor accounts, for its administrator: the list (name,
username, created, Active or Disabled), a form to add an account, and Disable for the selected
one. Every call to the center goes through the task runner.

A proctor signed in with their own account may not manage accounts (only the center's
administrator does): the dialog then says so, and shows nothing else."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.i18n import said, translate
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
from core.domain.accounts import MAX_DISPLAY_NAME, MIN_PASSWORD, check_password
from core.domain.errors import Conflict, InvalidInput
from core.domain.records import ProctorDTO

COLUMNS = (QT_TRANSLATE_NOOP("ProctorsDialog", "Name"),
           QT_TRANSLATE_NOOP("ProctorsDialog", "Username"),
           QT_TRANSLATE_NOOP("ProctorsDialog", "Created"),
           QT_TRANSLATE_NOOP("ProctorsDialog", "Status"))
ONLY_THE_ADMINISTRATOR = QT_TRANSLATE_NOOP(
    "ProctorsDialog", "Only the center's administrator manages proctor accounts. Ask them to "
    "add an account or to disable one.")

_Index = QModelIndex | QPersistentModelIndex


def status_words(proctor: ProctorDTO) -> str:
    return (translate("ProctorsDialog", "Disabled") if proctor.is_disabled
            else translate("ProctorsDialog", "Active"))


class ProctorTableModel(QAbstractTableModel):
    """Proctor accounts as rows, in the order given (the center lists them by username)."""

    PROCTOR_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._proctors: list[ProctorDTO] = []

    def set_proctors(self, proctors: list[ProctorDTO]) -> None:
        self.beginResetModel()
        self._proctors = list(proctors)
        self.endResetModel()

    def proctor_at(self, row: int) -> ProctorDTO:
        return self._proctors[row]

    def row_of(self, proctor_id: str) -> int | None:
        return next((row for row, p in enumerate(self._proctors)
                     if p.proctor_id == proctor_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._proctors)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._proctors):
            return None
        proctor = self._proctors[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (proctor.display_name, proctor.username, date_time(proctor.created_at),
                    status_words(proctor))[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and proctor.is_disabled:
            return QBrush(QApplication.palette().color(QPalette.ColorGroup.Disabled,
                                                       QPalette.ColorRole.Text))
        if role == self.PROCTOR_ROLE:
            return proctor
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return translate("ProctorsDialog", COLUMNS[section])
        return None


class ProctorsDialog(QDialog):
    proctors_loaded = Signal()
    proctor_created = Signal(str)  # proctor_id
    proctor_disabled = Signal(str)  # proctor_id

    def __init__(self, center: Center, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._center = center
        self._tasks = tasks
        self._select_after_load: str | None = None
        self.setObjectName("proctorsDialog")
        self.setWindowTitle(self.tr("Proctor accounts"))
        self.resize(760, 600)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        self.hint_label = dialog_header(
            layout, self.tr("Proctor accounts"),
            self.tr("Each proctor signs in with their own account, and what they do is recorded "
                    "under their name."))

        self.form_box, form = form_card(self.tr("Add a proctor"))
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        self.name_field = QLineEdit()
        self.name_field.setPlaceholderText(self.tr("e.g. Dana Lee"))
        self.name_field.setMaxLength(MAX_DISPLAY_NAME)
        self.username_field = QLineEdit()
        self.username_field.setPlaceholderText(self.tr("e.g. dana"))
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setPlaceholderText(self.tr("at least {count} characters").format(
            count=MIN_PASSWORD))
        self.repeat_field = QLineEdit()
        self.repeat_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_field.setPlaceholderText(self.tr("the same again"))
        for row, column, label, field in ((1, 0, self.tr("Name"), self.name_field),
                                          (1, 2, self.tr("Username"), self.username_field),
                                          (2, 0, self.tr("Password"), self.password_field),
                                          (2, 2, self.tr("Repeat password"),
                                           self.repeat_field)):
            label_widget = QLabel(label)
            label_widget.setBuddy(field)
            form.addWidget(label_widget, row, column)
            form.addWidget(field, row, column + 1)
        password_note = QLabel(self.tr(
            "A password needs at least {count} characters. Give it to the proctor in person: "
            "they sign in with their username and this password.").format(count=MIN_PASSWORD))
        password_note.setObjectName("dialogNote")
        password_note.setWordWrap(True)
        form.addWidget(password_note, 3, 1, 1, 3)
        actions, self.message_label, self.add_button = add_actions(self.tr("Add proctor"),
                                                                   self.add_proctor)
        form.addLayout(actions, 4, 0, 1, 4)
        layout.addWidget(self.form_box)
        self.form_fields = (self.name_field, self.username_field, self.password_field,
                            self.repeat_field)
        for field in self.form_fields:
            field.textChanged.connect(self._update_buttons)
            field.returnPressed.connect(self.add_proctor)

        self.disable_button = QPushButton(self.tr("Disable…"))
        self.disable_button.setToolTip(self.tr("Sign this proctor out everywhere at once and "
                                               "refuse their sign-in from now on"))
        self.disable_button.clicked.connect(self.confirm_disable)
        self.list_bar, self.count_label = list_bar((self.disable_button,))
        layout.addWidget(self.list_bar)

        self.model = ProctorTableModel(self)
        self.table = list_table("proctorsTable", self.model, self._update_buttons)
        layout.addWidget(self.table, 1)
        self.empty_label, self.not_allowed_label = add_foot(
            self, layout, self.tr("No proctor accounts yet. Add the first one above."),
            self.tr(ONLY_THE_ADMINISTRATOR))
        #: The question before disabling an account (open while it is asked).
        self.confirm_box: QMessageBox | None = None
        self._update_buttons()
        if center.can_manage_proctors:
            self.reload()
        else:
            self._show_not_allowed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._center.can_manage_proctors:
            self.name_field.setFocus()

    # ---- what is shown -------------------------------------------------------------------------
    @property
    def is_managing(self) -> bool:
        """The list and the form are shown (False: only the administrator may manage)."""
        return not self.not_allowed_label.isVisibleTo(self) and self.form_box.isVisibleTo(self)

    def selected_proctor(self) -> ProctorDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.proctor_at(rows[0].row()) if rows else None

    def select_proctor(self, proctor_id: str) -> bool:
        row = self.model.row_of(proctor_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    # ---- commands ------------------------------------------------------------------------------
    def reload(self) -> None:
        self._tasks.submit(self._center.list_proctors, on_done=self._show_proctors,
                           on_error=self._load_failed)

    def add_proctor(self) -> None:
        name = self.name_field.text().strip()
        username = self.username_field.text().strip()
        password = self.password_field.text()
        if not name:
            self._say(self.tr("Type the proctor's name first."), self.name_field)
            return
        if not username:
            self._say(self.tr("Type a username for the proctor first."), self.username_field)
            return
        try:
            check_password(password)  # the center's rule, said before a round trip
        except InvalidInput as problem:
            self._say(said(problem), self.password_field)
            return
        if self.repeat_field.text() != password:
            self._say(self.tr("The two passwords differ. Type the same password in both fields."),
                      self.repeat_field)
            return
        self.add_button.setEnabled(False)
        self._say(self.tr("Adding…"))
        self._tasks.submit(self._center.create_proctor, username, name, password,
                           on_done=self._created, on_error=self._create_failed)

    def confirm_disable(self) -> None:
        proctor = self.selected_proctor()
        if proctor is None or proctor.is_disabled:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Disable proctor account"),
                          self.tr("Disable {name}'s account?").format(name=proctor.display_name),
                          QMessageBox.StandardButton.Cancel, self)
        box.setInformativeText(self.tr(
            "{name} ({username}) will be signed out at once on every console and cannot sign in "
            "again. What they did stays recorded under their name.").format(
            name=proctor.display_name, username=proctor.username))
        disable = box.addButton(self.tr("Disable account"),
                                QMessageBox.ButtonRole.DestructiveRole)
        disable.setObjectName("dangerButton")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda _result: self._confirmed(box, proctor))
        self.confirm_box = box
        box.open()

    def disable_proctor(self, proctor: ProctorDTO) -> None:
        self.disable_button.setEnabled(False)
        self._say(self.tr("Disabling {name}…").format(name=proctor.display_name))
        self._tasks.submit(self._center.disable_proctor, proctor.proctor_id,
                           on_done=self._disabled, on_error=self._disable_failed)

    # ---- results -------------------------------------------------------------------------------
    def _confirmed(self, box: QMessageBox, proctor: ProctorDTO) -> None:
        self.confirm_box = None
        clicked = box.clickedButton()
        if clicked is not None and box.buttonRole(clicked) == \
                QMessageBox.ButtonRole.DestructiveRole:
            self.disable_proctor(proctor)
        box.deleteLater()

    def _show_proctors(self, proctors: list[ProctorDTO]) -> None:
        chosen = self._select_after_load or (
            p.proctor_id if (p := self.selected_proctor()) else None)
        self._select_after_load = None
        self.model.set_proctors(proctors)
        if chosen is not None:
            self.select_proctor(chosen)
        active = sum(not p.is_disabled for p in proctors)
        disabled = len(proctors) - active
        self.count_label.setText(self.tr("{count} active").format(count=active) + (
            self.tr(", {count} disabled").format(count=disabled) if disabled else ""))
        self.empty_label.setVisible(not proctors)
        self._update_buttons()
        self.proctors_loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        if isinstance(error, NotAllowed):
            self._show_not_allowed()
            return
        self._say(self.tr("The accounts could not be read: {error} Close and reopen this "
                          "window to try again.").format(error=said(error)), is_problem=True)

    def _created(self, proctor: ProctorDTO) -> None:
        for field in self.form_fields:
            field.clear()
        self._say(self.tr("Added {name}: they can sign in as “{username}” now.").format(
            name=proctor.display_name, username=proctor.username))
        self.name_field.setFocus()
        self._select_after_load = proctor.proctor_id
        self.proctor_created.emit(proctor.proctor_id)
        self.reload()

    def _create_failed(self, error: BaseException) -> None:
        self._update_buttons()
        if isinstance(error, NotAllowed):
            self._show_not_allowed()
        elif isinstance(error, Conflict):  # the username is taken
            self._say(said(error), self.username_field)
        elif isinstance(error, InvalidInput):
            code = getattr(error, "code", None) or ""
            field = (self.password_field if code.startswith("password")
                     else self.username_field if code.startswith("username")
                     else self.name_field)
            self._say(said(error) + " " + self.tr("Correct it and press Add proctor again."), field)
        else:
            self._say(self.tr("The account was not added: {error} Check the connection to the "
                              "center and try again.").format(error=said(error)), is_problem=True)

    def _disabled(self, proctor: ProctorDTO) -> None:
        self._say(self.tr("Disabled {name}: they were signed out and cannot sign in "
                          "again.").format(name=proctor.display_name))
        self._select_after_load = proctor.proctor_id
        self.proctor_disabled.emit(proctor.proctor_id)
        self.reload()

    def _disable_failed(self, error: BaseException) -> None:
        self._update_buttons()
        if isinstance(error, NotAllowed):
            self._show_not_allowed()
            return
        self._say(self.tr("The account was not disabled: {error} Check the connection to the "
                          "center and try again.").format(error=said(error)), is_problem=True)

    # ---- state -----------------------------------------------------------------------------------
    def _show_not_allowed(self) -> None:
        for widget in (self.form_box, self.list_bar, self.table, self.empty_label):
            widget.hide()
        self.hint_label.setText(self.tr("You are signed in to {where} as {who}.").format(
            where=self._center.location, who=self._center.who))
        self.not_allowed_label.show()

    def _update_buttons(self, *_args: object) -> None:
        proctor = self.selected_proctor()
        self.disable_button.setEnabled(proctor is not None and not proctor.is_disabled)
        self.add_button.setEnabled(all(f.text().strip() for f in self.form_fields))

    def _say(self, text: str, field: QLineEdit | None = None, is_problem: bool = False) -> None:
        """A line under the form; with ``field``, a problem to fix there (the cursor goes
        there, and nothing typed is lost)."""
        self.message_label.setText(text)
        set_style_property(self.message_label, "tone",
                           "danger" if is_problem or field is not None else "ok")
        if field is not None:
            field.setFocus()
            field.selectAll()

"""ExamsDialog: create, edit and archive exams (title, duration, proctoring, snapshot interval)
and see the exams kiosks can start. Reads and writes go through the task runner.

An exam nobody has started may change in every field; once a candidate has started it, only
its title may change (the core refuses anything else with a sentence, shown here). An archived
exam is hidden from kiosks and from this list unless "Show archived" is ticked; attempts in
progress go on, and Restore brings it back."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.i18n import local_digits, said, translate
from console.proctor.context import ConsoleContext
from console.proctor.formatting import date_time
from console.ui import dialog_header, set_style_property, style_list_table
from core.domain.errors import Conflict, InvalidInput
from core.domain.records import ExamDTO
from core.services.exams import (
    MAX_DURATION_SECONDS,
    MAX_INTERVAL_SECONDS,
    MAX_TITLE_LENGTH,
    MIN_INTERVAL_SECONDS,
    ExamChanges,
)

COLUMNS = (QT_TRANSLATE_NOOP("ExamsDialog", "Title"),
           QT_TRANSLATE_NOOP("ExamsDialog", "Duration"),
           QT_TRANSLATE_NOOP("ExamsDialog", "Proctoring"),
           QT_TRANSLATE_NOOP("ExamsDialog", "Snapshot every"),
           QT_TRANSLATE_NOOP("ExamsDialog", "Attempts"),
           QT_TRANSLATE_NOOP("ExamsDialog", "Created"))
DEFAULT_DURATION_MINUTES = 60
DEFAULT_INTERVAL_SECONDS = 30


def length_words(seconds: int) -> str:
    """A length of time as a person says it: ``45 s``, ``1 min 15 s``, ``1 h 30 min``,
    ``2 h``. (A clock-style ``01:15`` reads as an hour and a quarter.)"""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [translate("ExamsDialog", "{n} h").format(n=hours) if hours else "",
             translate("ExamsDialog", "{n} min").format(n=minutes) if minutes else "",
             translate("ExamsDialog", "{n} s").format(n=secs) if secs else ""]
    return local_digits(" ".join(p for p in parts if p)
                        or translate("ExamsDialog", "{n} s").format(n=0))


class ExamsDialog(QDialog):
    exam_created = Signal(str)  # exam_id
    exam_saved = Signal(str)  # exam_id (edited, archived or restored)
    exams_loaded = Signal()

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        #: Every exam, archived ones included, newest first.
        self.all_exams: list[ExamDTO] = []
        #: The exams in the table, in its order.
        self.exams: list[ExamDTO] = []
        #: The exam whose changes the form holds, or None while it creates a new one.
        self.editing: ExamDTO | None = None
        self._duration_shown = DEFAULT_DURATION_MINUTES
        self.setObjectName("examsDialog")
        self.setWindowTitle(self.tr("Exams"))
        self.resize(820, 620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        dialog_header(layout, self.tr("Exams"),
                      self.tr("Kiosks list these exams on their start screen. A proctored exam "
                              "takes a webcam snapshot at the interval you set."))

        form_box = QWidget()
        form_box.setObjectName("formCard")
        form = QFormLayout(form_box)
        form.setContentsMargins(14, 12, 14, 12)
        form.setVerticalSpacing(8)
        self.form_caption = QLabel()
        self.form_caption.setObjectName("fieldCaption")
        form.addRow(self.form_caption)
        self.title_field = QLineEdit()
        self.title_field.setPlaceholderText(self.tr("e.g. Algebra final, group B"))
        self.title_field.setMaxLength(MAX_TITLE_LENGTH)
        self.duration_field = QSpinBox()
        self.duration_field.setRange(1, MAX_DURATION_SECONDS // 60)
        self.duration_field.setSuffix(self.tr(" min"))
        self.proctoring_field = QCheckBox(self.tr("Watch with webcam snapshots"))
        self.interval_field = QSpinBox()
        self.interval_field.setRange(MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS)
        self.interval_field.setSuffix(self.tr(" s"))
        for spin in (self.duration_field, self.interval_field):
            spin.setMinimumWidth(130)
            spin.setMaximumWidth(160)
        self.duration_words = QLabel()
        self.duration_words.setObjectName("dialogNote")
        duration_row = QHBoxLayout()
        duration_row.addWidget(self.duration_field)
        duration_row.addWidget(self.duration_words, 1)
        self.proctoring_field.toggled.connect(self._update_form)
        self.duration_field.valueChanged.connect(self._update_form)
        form.addRow(self.tr("Title"), self.title_field)
        form.addRow(self.tr("Duration"), duration_row)
        form.addRow(self.tr("Proctoring"), self.proctoring_field)
        form.addRow(self.tr("Snapshot every"), self.interval_field)
        self.edit_note = QLabel()
        self.edit_note.setObjectName("dialogNote")
        self.edit_note.setWordWrap(True)
        form.addRow(self.edit_note)
        actions = QHBoxLayout()
        self.message_label = QLabel()
        self.message_label.setObjectName("formMessage")
        self.message_label.setWordWrap(True)
        self.cancel_edit_button = QPushButton(self.tr("Cancel editing"))
        self.cancel_edit_button.setAutoDefault(False)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.create_button = QPushButton()
        self.create_button.setObjectName("primaryButton")
        self.create_button.clicked.connect(self.submit_form)
        actions.addWidget(self.message_label, 1)
        actions.addWidget(self.cancel_edit_button, 0, Qt.AlignmentFlag.AlignRight)
        actions.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(actions)
        layout.addWidget(form_box)
        self.title_field.textChanged.connect(self._update_form)
        self.title_field.returnPressed.connect(self.submit_form)

        list_bar = QHBoxLayout()
        self.show_archived_box = QCheckBox(self.tr("Show archived"))
        self.show_archived_box.setToolTip(self.tr("Archived exams are hidden from kiosks; "
                                                  "attempts already running go on."))
        self.show_archived_box.toggled.connect(lambda _on: self._fill_table())
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.archive_button = QPushButton(self.tr("Archive"))
        for button in (self.edit_button, self.archive_button):
            button.setAutoDefault(False)
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button.clicked.connect(self.archive_or_restore_selected)
        list_bar.addWidget(self.show_archived_box)
        list_bar.addStretch(1)
        list_bar.addWidget(self.edit_button)
        list_bar.addWidget(self.archive_button)
        layout.addLayout(list_bar)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("examsTable")
        self.table.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        style_list_table(self.table)
        self.table.itemSelectionChanged.connect(self._update_list_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel(self.tr("No exams yet. Create the first one above."))
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.hide()  # until the list is read
        layout.addWidget(self.empty_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        context.bridge.exams_changed.connect(self._exams_changed)
        self._show_new_form()
        self._update_list_buttons()
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self.title_field.setFocus()
        super().showEvent(event)

    # ---- what is selected ------------------------------------------------------------------
    def selected_exam(self) -> ExamDTO | None:
        rows = self.table.selectionModel().selectedRows()
        return self.exams[rows[0].row()] if rows else None

    def select_exam(self, exam_id: str) -> bool:
        for row, exam in enumerate(self.exams):
            if exam.exam_id == exam_id:
                self.table.selectRow(row)
                return True
        return False

    # ---- commands -----------------------------------------------------------------------------
    def reload(self) -> None:
        self._context.tasks.submit(self._context.center.list_exams, True,
                                   on_done=self._show_exams, on_error=self._load_failed)

    def submit_form(self) -> None:
        if self.editing is None:
            self.create_exam()
        else:
            self.save_edit()

    def create_exam(self) -> None:
        title = self.title_field.text().strip()
        if not title:
            self._say(self.tr("Type a title for the exam first."), is_problem=True)
            return
        self.create_button.setEnabled(False)
        self._say(self.tr("Creating…"))
        self._context.tasks.submit(
            self._context.center.create_exam, title, self.duration_field.value() * 60,
            self.proctoring_field.isChecked(), self.interval_field.value(),
            on_done=self._created, on_error=self._create_failed,
        )

    def edit_selected(self) -> None:
        exam = self.selected_exam()
        if exam is not None:
            self.start_edit(exam)

    def start_edit(self, exam: ExamDTO) -> None:
        """Fill the form with ``exam``; Save changes applies what differs."""
        self.editing = exam
        self.form_caption.setText(self.tr("Editing “{title}”").format(title=exam.title))
        self.title_field.setText(exam.title)
        self._duration_shown = max(1, round(exam.duration_seconds / 60))
        self.duration_field.setValue(self._duration_shown)
        self.proctoring_field.setChecked(exam.proctoring_enabled)
        self.interval_field.setValue(exam.snapshot_interval_seconds)
        self.create_button.setText(self.tr("Save changes"))
        self.cancel_edit_button.show()
        self._say("")
        self._update_form()
        self.title_field.setFocus()
        self.title_field.selectAll()

    def cancel_edit(self) -> None:
        self._show_new_form()
        self._say("")

    def save_edit(self) -> None:
        exam = self.editing
        if exam is None:
            return
        title = self.title_field.text().strip()
        if not title:
            self._say(self.tr("Type a title for the exam first."), is_problem=True)
            return
        changes = self.form_changes()
        if changes == ExamChanges():
            self._say(self.tr("Nothing was changed."))
            return
        self.create_button.setEnabled(False)
        self._say(self.tr("Saving…"))
        self._context.tasks.submit(self._context.center.update_exam, exam.exam_id, changes,
                                   on_done=self._saved, on_error=self._save_failed)

    def form_changes(self) -> ExamChanges:
        """What the form changes in the exam being edited (None for what stays)."""
        exam = self.editing
        assert exam is not None
        title = self.title_field.text().strip()
        # A duration set over the API in seconds (say 75 s) stays as it is unless the minutes
        # are changed here.
        minutes = self.duration_field.value()
        proctoring = self.proctoring_field.isChecked()
        interval = self.interval_field.value()
        return ExamChanges(
            title=title if title != exam.title else None,
            duration_seconds=minutes * 60 if minutes != self._duration_shown else None,
            proctoring_enabled=proctoring if proctoring != exam.proctoring_enabled else None,
            snapshot_interval_seconds=(interval if interval != exam.snapshot_interval_seconds
                                       else None),
        )

    def archive_or_restore_selected(self) -> None:
        exam = self.selected_exam()
        if exam is None:
            return
        exams = self._context.center
        action = exams.restore_exam if exam.is_archived else exams.archive_exam
        self.archive_button.setEnabled(False)
        self._context.tasks.submit(action, exam.exam_id, on_done=self._archived_or_restored,
                                   on_error=self._archive_failed)

    # ---- results ------------------------------------------------------------------------------
    def _created(self, exam: ExamDTO) -> None:
        self._show_new_form()
        self._say(self.tr("Created “{title}”. Kiosks can start it now.").format(
            title=exam.title))
        self.exam_created.emit(exam.exam_id)
        self.reload()

    def _create_failed(self, error: BaseException) -> None:
        self._update_form()
        if isinstance(error, InvalidInput):
            self._say(said(error) + " " + self.tr("Correct it and press Create again."),
                      is_problem=True)
        else:
            self._say(self.tr("The exam was not created: {error}. Check that the data folder "
                              "is reachable and try again.").format(error=said(error)),
                      is_problem=True)

    def _saved(self, exam: ExamDTO) -> None:
        self._show_new_form()
        self._say(self.tr("Saved “{title}”.").format(title=exam.title))
        self.exam_saved.emit(exam.exam_id)
        self.reload()

    def _save_failed(self, error: BaseException) -> None:
        self._update_form()
        if isinstance(error, InvalidInput):
            self._say(said(error) + " " + self.tr("Correct it and press Save again."),
                      is_problem=True)
        elif isinstance(error, Conflict):
            self._say(said(error), is_problem=True)
            self.reload()  # the exam has attempts now: the form shows what may change
        else:
            self._say(self.tr("The changes were not saved: {error}. Check that the data folder "
                              "is reachable and try again.").format(error=said(error)),
                      is_problem=True)

    def _archived_or_restored(self, exam: ExamDTO) -> None:
        if exam.is_archived:
            self._say(self.tr("Archived “{title}”: kiosks no longer list it; attempts in "
                              "progress go on. Tick “Show archived” to restore it.").format(
                title=exam.title))
        else:
            self._say(self.tr("Restored “{title}”: kiosks list it again.").format(
                title=exam.title))
        self.exam_saved.emit(exam.exam_id)
        self.reload()

    def _archive_failed(self, error: BaseException) -> None:
        self._update_list_buttons()
        self._say(self.tr("The exam was not changed: {error}. Check that the data folder is "
                          "reachable and try again.").format(error=said(error)), is_problem=True)

    def _show_exams(self, exams: list[ExamDTO]) -> None:
        self.all_exams = list(exams)
        editing = self.editing
        if editing is not None:
            fresh = next((e for e in exams if e.exam_id == editing.exam_id), None)
            if fresh is None:
                self._show_new_form()
            elif fresh.attempt_count != editing.attempt_count:
                self.editing = fresh
                self._update_form()
        self._fill_table()
        self.exams_loaded.emit()

    def _fill_table(self) -> None:
        chosen = self.selected_exam()
        show_archived = self.show_archived_box.isChecked()
        self.exams = [e for e in self.all_exams if show_archived or not e.is_archived]
        muted = QBrush(self.palette().color(QPalette.ColorGroup.Disabled,
                                            QPalette.ColorRole.Text))
        self.table.setRowCount(len(self.exams))
        for row, exam in enumerate(self.exams):
            cells = (
                self.tr("{title} — archived").format(title=exam.title) if exam.is_archived
                else exam.title,
                length_words(exam.duration_seconds),
                self.tr("On") if exam.proctoring_enabled else self.tr("Off"),
                length_words(exam.snapshot_interval_seconds) if exam.proctoring_enabled else "—",
                QLocale().toString(exam.attempt_count),
                date_time(exam.created_at),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, exam.exam_id)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if exam.is_archived:
                    item.setForeground(muted)
                self.table.setItem(row, column, item)
        if chosen is not None and not self.select_exam(chosen.exam_id):
            self.table.clearSelection()
        hidden = len(self.all_exams) - len(self.exams)
        if not self.all_exams:
            self.empty_label.setText(self.tr("No exams yet. Create the first one above."))
        elif not self.exams:
            self.empty_label.setText(self.tr("Every exam is archived ({count}). Tick “Show "
                                             "archived” to see and restore them.").format(
                count=hidden))
        self.empty_label.setVisible(not self.exams)
        self._update_list_buttons()

    def _load_failed(self, error: BaseException) -> None:
        self._say(self.tr("The exam list could not be read: {error}. Close and reopen this "
                          "window to try again.").format(error=said(error)), is_problem=True)

    def _exams_changed(self, _exam_id: str) -> None:
        self.reload()

    # ---- the form's state ---------------------------------------------------------------------
    def _show_new_form(self) -> None:
        self.editing = None
        self.form_caption.setText(self.tr("New exam"))
        self.title_field.clear()
        self._duration_shown = DEFAULT_DURATION_MINUTES
        self.duration_field.setValue(DEFAULT_DURATION_MINUTES)
        self.proctoring_field.setChecked(True)
        self.interval_field.setValue(DEFAULT_INTERVAL_SECONDS)
        self.create_button.setText(self.tr("Create exam"))
        self.cancel_edit_button.hide()
        self._update_form()

    def _update_form(self, *_args: object) -> None:
        exam = self.editing
        is_locked = exam is not None and exam.attempt_count > 0
        self.duration_field.setEnabled(not is_locked)
        self.proctoring_field.setEnabled(not is_locked)
        self.interval_field.setEnabled(not is_locked and self.proctoring_field.isChecked())
        self.create_button.setEnabled(bool(self.title_field.text().strip()))
        if exam is not None and exam.duration_seconds % 60 and \
                self.duration_field.value() == self._duration_shown:
            self.duration_words.setText(self.tr("now {length}; kept unless you change the "
                                                "minutes").format(
                length=length_words(exam.duration_seconds)))
        else:
            self.duration_words.setText(length_words(self.duration_field.value() * 60))
        if exam is None:
            self.edit_note.hide()
            return
        if is_locked:
            count = exam.attempt_count
            self.edit_note.setText(self.tr(
                "1 candidate has started this exam, so only its title can change. For another "
                "duration, snapshot interval or proctoring, create a new exam and archive this "
                "one.") if count == 1 else self.tr(
                "%Ln candidates have started this exam, so only its title can change. For "
                "another duration, snapshot interval or proctoring, create a new exam and "
                "archive this one.", "", count))
        else:
            self.edit_note.setText(self.tr("Nobody has started this exam yet, so every field "
                                           "can change."))
        self.edit_note.show()

    def _update_list_buttons(self) -> None:
        exam = self.selected_exam()
        self.edit_button.setEnabled(exam is not None)
        self.archive_button.setEnabled(exam is not None)
        self.archive_button.setText(self.tr("Restore") if exam is not None and exam.is_archived
                                    else self.tr("Archive"))
        self.archive_button.setToolTip(
            self.tr("Kiosks list this exam again") if exam is not None and exam.is_archived
            else self.tr("Hide this exam from kiosks; attempts already running go on"))

    def _say(self, text: str, is_problem: bool = False) -> None:
        self.message_label.setText(text)
        set_style_property(self.message_label, "tone", "danger" if is_problem else "ok")

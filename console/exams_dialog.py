"""ExamsDialog: create an exam (title, duration, proctoring, snapshot interval) and see the
exams kiosks can start. Reads and writes go through the task runner."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.context import ConsoleContext
from console.formatting import date_time, duration
from core.domain.errors import InvalidInput
from core.services.dto import ExamDTO
from core.services.exams import MAX_DURATION_SECONDS, MAX_INTERVAL_SECONDS, MIN_INTERVAL_SECONDS

COLUMNS = ("Title", "Duration", "Proctoring", "Snapshot every", "Created")


class ExamsDialog(QDialog):
    exam_created = Signal(str)  # exam_id
    exams_loaded = Signal()

    def __init__(self, context: ConsoleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.exams: list[ExamDTO] = []
        self.setObjectName("examsDialog")
        self.setWindowTitle("Exams")
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        title = QLabel("Exams")
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        hint = QLabel("Kiosks list these exams on their start screen. A proctored exam takes a "
                      "webcam snapshot at the interval you set.")
        hint.setObjectName("dialogHint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        form_box = QWidget()
        form_box.setObjectName("formCard")
        form = QFormLayout(form_box)
        form.setContentsMargins(14, 12, 14, 12)
        form.setVerticalSpacing(8)
        self.title_field = QLineEdit()
        self.title_field.setPlaceholderText("e.g. Algebra final, group B")
        self.title_field.setMaxLength(200)
        self.duration_field = QSpinBox()
        self.duration_field.setRange(1, MAX_DURATION_SECONDS // 60)
        self.duration_field.setValue(60)
        self.duration_field.setSuffix(" min")
        self.proctoring_field = QCheckBox("Watch with webcam snapshots")
        self.proctoring_field.setChecked(True)
        self.interval_field = QSpinBox()
        self.interval_field.setRange(MIN_INTERVAL_SECONDS, MAX_INTERVAL_SECONDS)
        self.interval_field.setValue(30)
        self.interval_field.setSuffix(" s")
        for spin in (self.duration_field, self.interval_field):
            spin.setMinimumWidth(130)
            spin.setMaximumWidth(160)
        self.proctoring_field.toggled.connect(self.interval_field.setEnabled)
        form.addRow("Title", self.title_field)
        form.addRow("Duration", self.duration_field)
        form.addRow("Proctoring", self.proctoring_field)
        form.addRow("Snapshot every", self.interval_field)
        actions = QHBoxLayout()
        self.message_label = QLabel()
        self.message_label.setObjectName("formMessage")
        self.message_label.setWordWrap(True)
        self.create_button = QPushButton("Create exam")
        self.create_button.setObjectName("primaryButton")
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.create_exam)
        actions.addWidget(self.message_label, 1)
        actions.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignRight)
        form.addRow(actions)
        layout.addWidget(form_box)
        self.title_field.textChanged.connect(self._title_changed)
        self.title_field.returnPressed.connect(self.create_exam)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("examsTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.empty_label = QLabel("No exams yet. Create the first one above.")
        self.empty_label.setObjectName("emptyHint")
        self.empty_label.hide()  # until the list is read
        layout.addWidget(self.empty_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        context.bridge.exams_changed.connect(self._exams_changed)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self.title_field.setFocus()
        super().showEvent(event)

    # ---- commands -----------------------------------------------------------------------------
    def reload(self) -> None:
        self._context.tasks.submit(self._context.core.exams.list_exams,
                                   on_done=self._show_exams, on_error=self._load_failed)

    def create_exam(self) -> None:
        title = self.title_field.text().strip()
        if not title:
            self._say("Type a title for the exam first.", is_problem=True)
            return
        self.create_button.setEnabled(False)
        self._say("Creating…")
        self._context.tasks.submit(
            self._context.core.exams.create_exam, title, self.duration_field.value() * 60,
            self.proctoring_field.isChecked(), self.interval_field.value(),
            on_done=self._created, on_error=self._create_failed,
        )

    # ---- results ------------------------------------------------------------------------------
    def _created(self, exam: ExamDTO) -> None:
        self.title_field.clear()
        self._say(f"Created “{exam.title}”. Kiosks can start it now.")
        self.exam_created.emit(exam.exam_id)
        self.reload()

    def _create_failed(self, error: BaseException) -> None:
        self._title_changed(self.title_field.text())
        if isinstance(error, InvalidInput):
            self._say(f"{error} Correct it and press Create again.", is_problem=True)
        else:
            self._say(f"The exam was not created: {error}. Check that the data folder is "
                      "reachable and try again.", is_problem=True)

    def _show_exams(self, exams: list[ExamDTO]) -> None:
        self.exams = list(exams)
        self.table.setRowCount(len(exams))
        for row, exam in enumerate(exams):
            cells = (
                exam.title,
                duration(exam.duration_seconds),
                "On" if exam.proctoring_enabled else "Off",
                f"{exam.snapshot_interval_seconds} s" if exam.proctoring_enabled else "—",
                date_time(exam.created_at),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, exam.exam_id)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)
        self.empty_label.setVisible(not exams)
        self.exams_loaded.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._say(f"The exam list could not be read: {error}. Close and reopen this window "
                  "to try again.", is_problem=True)

    def _exams_changed(self, _exam_id: str) -> None:
        self.reload()

    def _title_changed(self, text: str) -> None:
        self.create_button.setEnabled(bool(text.strip()))

    def _say(self, text: str, is_problem: bool = False) -> None:
        self.message_label.setText(text)
        self.message_label.setProperty("tone", "danger" if is_problem else "ok")
        self.message_label.style().unpolish(self.message_label)
        self.message_label.style().polish(self.message_label)


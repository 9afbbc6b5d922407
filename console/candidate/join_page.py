"""JoinPage: the form a candidate (or invigilator) fills to start an exam on this kiosk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.candidate.kiosk_settings import KioskSettings
from console.ui import set_style_property
from core.client import Exam

NO_EXAMS_TEXT = "Enter the server address and kiosk key first"


class JoinPage(QWidget):
    exams_requested = Signal(str, str)  # server, kiosk key
    join_requested = Signal(str, str, str, str, str)  # server, key, exam_id, ref, name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JoinPage")
        self._loaded_for: tuple[str, str] | None = None
        self._wanted_exam_id: str | None = None

        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("http://exam-server:8765")
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("From the invigilator")
        self.find_button = QPushButton("Find exams")
        self.find_button.setObjectName("SecondaryButton")
        self.exam_combo = QComboBox()
        self.exam_combo.setPlaceholderText(NO_EXAMS_TEXT)
        self.exam_combo.setEnabled(False)
        self.ref_edit = QLineEdit()
        self.ref_edit.setPlaceholderText("e.g. C-1042")
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText("As on your ID card")
        self.message = QLabel()
        self.message.setObjectName("FormMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.start_button = QPushButton("Start exam")
        self.start_button.setObjectName("PrimaryButton")
        self.start_button.setDefault(True)
        for widget in (self.server_edit, self.key_edit, self.exam_combo, self.ref_edit,
                       self.name_edit, self.start_button, self.find_button):
            widget.setMinimumHeight(44)
        for button in (self.find_button, self.start_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)

        card = QFrame()
        card.setObjectName("Card")
        card.setFixedWidth(600)
        title = QLabel("Join your exam")
        title.setObjectName("PageTitle")
        subtitle = QLabel("Enter the details the invigilator gave you. The camera starts when "
                          "the exam starts.")
        subtitle.setObjectName("Muted")
        subtitle.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.addWidget(_label("Exam server address", self.server_edit), 0, 0, 1, 2)
        grid.addWidget(self.server_edit, 1, 0, 1, 2)
        grid.addWidget(_label("Kiosk key", self.key_edit), 2, 0, 1, 2)
        key_row = QHBoxLayout()
        key_row.setSpacing(12)
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.find_button)
        grid.addLayout(key_row, 3, 0, 1, 2)
        grid.addWidget(_label("Exam", self.exam_combo), 4, 0, 1, 2)
        grid.addWidget(self.exam_combo, 5, 0, 1, 2)
        grid.addWidget(_label("Candidate ID", self.ref_edit), 6, 0)
        grid.addWidget(_label("Full name", self.name_edit), 6, 1)
        grid.addWidget(self.ref_edit, 7, 0)
        grid.addWidget(self.name_edit, 7, 1)
        for row in (2, 4, 6):
            grid.setRowMinimumHeight(row, 34)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(40, 34, 40, 34)
        inner.setSpacing(10)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(8)
        inner.addLayout(grid)
        inner.addSpacing(8)
        inner.addWidget(self.message)
        inner.addWidget(self.start_button)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.find_button.clicked.connect(self.request_exams)
        self.key_edit.editingFinished.connect(self._maybe_request_exams)
        self.server_edit.editingFinished.connect(self._maybe_request_exams)
        self.start_button.clicked.connect(self._request_join)
        self.name_edit.returnPressed.connect(self._request_join)

    # ---- input ---------------------------------------------------------------------------------
    def fill_from(self, settings: KioskSettings) -> None:
        self.server_edit.setText(settings.server_url or "")
        self.key_edit.setText(settings.kiosk_key or "")
        self.ref_edit.setText(settings.candidate_ref or "")
        self.name_edit.setText(settings.candidate_name or "")
        self._wanted_exam_id = settings.exam_id

    def request_exams(self) -> None:
        server, key = self.server_edit.text().strip(), self.key_edit.text().strip()
        self._loaded_for = (server, key)
        self.show_info("Looking for exams on the server…")
        self.exams_requested.emit(server, key)

    def _maybe_request_exams(self) -> None:
        if not self.isVisible():
            return  # editingFinished also fires when the page is left
        server, key = self.server_edit.text().strip(), self.key_edit.text().strip()
        if server and key and (server, key) != self._loaded_for:
            self.request_exams()

    def _request_join(self) -> None:
        exam_id = self.exam_combo.currentData() or ""
        self.join_requested.emit(self.server_edit.text(), self.key_edit.text(), str(exam_id),
                                 self.ref_edit.text(), self.name_edit.text())

    # ---- output --------------------------------------------------------------------------------
    def set_exams(self, exams: list[Exam]) -> None:
        wanted = self._wanted_exam_id or self.exam_combo.currentData()
        self.exam_combo.clear()
        for exam in exams:
            minutes = max(1, round(exam.duration_seconds / 60))
            self.exam_combo.addItem(f"{exam.title}  ·  {minutes} min", exam.exam_id)
        self.exam_combo.setEnabled(bool(exams))
        if exams:
            index = self.exam_combo.findData(wanted) if wanted else -1
            self.exam_combo.setCurrentIndex(max(0, index))
            self.show_info(f"{len(exams)} exam{'s' if len(exams) != 1 else ''} found. Choose "
                           "yours, enter your ID and name, then press Start exam.")
        else:
            self.exam_combo.setPlaceholderText("No exams on this server yet")
            self.show_error("The server has no exams yet. Ask the invigilator to create the "
                            "exam, then press Find exams again.")

    def set_busy(self, is_busy: bool, text: str = "") -> None:
        self.start_button.setEnabled(not is_busy)
        self.start_button.setText("Starting…" if is_busy else "Start exam")
        if text:
            self.show_info(text)

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info")

    def _show(self, text: str, kind: str) -> None:
        self.message.setText(text)
        set_style_property(self.message, "kind", kind)
        self.message.show()


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setObjectName("FieldLabel")
    label.setBuddy(buddy)
    label.setAlignment(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft)
    return label

"""KioskFormDialog: the shape the kiosk's small sign-in-like dialogs share (the enrolment code,
the proctor override): a title, a hint, a few labelled fields, a line that tells the progress
or the center's refusal, Cancel and one primary button.

It says no words of its own: each dialog passes its sentences already translated, so they stay
in that dialog's translation context.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.ui import set_style_property

DIALOG_WIDTH = 560


class KioskFormDialog(QDialog):
    def __init__(self, object_name: str, window_title: str, title: str, hint: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setWindowTitle(window_title)
        self.setModal(True)
        # A fixed width: the wrapped sentences then ask for the height they need.
        self.setFixedWidth(DIALOG_WIDTH)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("DialogTitle")
        self.title_label.setWordWrap(True)
        self.hint_label = QLabel(hint)
        self.hint_label.setObjectName("Muted")
        self.hint_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("FormMessage")
        self.message.setWordWrap(True)
        self.message.hide()

    @staticmethod
    def line_edit(placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(40)
        return edit

    def lay_out(self, primary: str, cancel: str, rows: Sequence[tuple[str, QLineEdit]],
                above_form: Sequence[QWidget] = ()) -> tuple[QPushButton, QPushButton]:
        """Place everything; the primary and the Cancel button (Cancel rejects the dialog)."""
        primary_button = QPushButton(primary)
        primary_button.setObjectName("PrimaryButton")
        primary_button.setDefault(True)
        cancel_button = QPushButton(cancel)
        cancel_button.setObjectName("SecondaryButton")
        for button in (primary_button, cancel_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        cancel_button.clicked.connect(self.reject)

        form = QGridLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        for row, (text, edit) in enumerate(rows):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addWidget(label, row, 0)
            form.addWidget(edit, row, 1)
        form.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel_button)
        buttons.addWidget(primary_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        for widget in (self.title_label, self.hint_label, *above_form):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        return primary_button, cancel_button

    def _show(self, text: str, kind: str) -> None:
        self.message.setText(text)
        set_style_property(self.message, "kind", kind)
        self.message.show()
        self.adjustSize()  # room for the sentence, whatever its length

"""EnrolCodeDialog: enrol this kiosk with the short code the proctor's screen shows.

The person types the center's address, the code and the first digits of the center's
fingerprint shown next to it. The kiosk checks those digits against the certificate the center
presents before the code is sent (JoinFlow.enrol_with_code does the work, off the GUI thread);
a wrong, used or expired code shows the center's sentence here and keeps what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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


class EnrolCodeDialog(QDialog):
    enrol_requested = Signal(str, str, str)  # address, code, fingerprint digits

    def __init__(self, address: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EnrolCodeDialog")
        self.setWindowTitle(self.tr("Enter enrolment code"))
        self.setModal(True)
        # A fixed width: the wrapped sentences then ask for the height they need.
        self.setFixedWidth(DIALOG_WIDTH)
        title = QLabel(self.tr("Enrol this kiosk with a code"))
        title.setObjectName("DialogTitle")
        hint = QLabel(self.tr("The proctor's screen shows a code such as K7QM-4XPD and the "
                              "first digits of the center's fingerprint. Type both exactly as "
                              "shown."))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        self.address_edit = QLineEdit(address)
        self.address_edit.setPlaceholderText("10.0.0.5:8765")
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText("K7QM-4XPD")
        self.digits_edit = QLineEdit()
        self.digits_edit.setPlaceholderText("EABA DE89")
        for edit in (self.address_edit, self.code_edit, self.digits_edit):
            edit.setMinimumHeight(40)
        self.message = QLabel()
        self.message.setObjectName("FormMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.enrol_button = QPushButton(self.tr("Enrol"))
        self.enrol_button.setObjectName("PrimaryButton")
        self.enrol_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("SecondaryButton")
        for button in (self.enrol_button, self.cancel_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)

        form = QGridLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        for row, (text, edit) in enumerate(((self.tr("Center address"), self.address_edit),
                                            (self.tr("Enrolment code"), self.code_edit),
                                            (self.tr("Fingerprint digits"), self.digits_edit))):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addWidget(label, row, 0)
            form.addWidget(edit, row, 1)
        form.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.enrol_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.enrol_button.clicked.connect(self._request)
        self.cancel_button.clicked.connect(self.reject)
        (self.code_edit if address else self.address_edit).setFocus()

    def _request(self) -> None:
        self.set_busy(True)
        self.enrol_requested.emit(self.address_edit.text(), self.code_edit.text(),
                                  self.digits_edit.text())

    def set_busy(self, is_busy: bool) -> None:
        self.enrol_button.setEnabled(not is_busy)
        self.enrol_button.setText(self.tr("Checking the center…") if is_busy
                                  else self.tr("Enrol"))
        if is_busy:
            self._show(self.tr("Checking the center's identity, then sending the code…"), "info")

    def show_error(self, text: str) -> None:
        """Why enrolling failed; everything typed stays for another try."""
        self.set_busy(False)
        self._show(text, "error")

    def _show(self, text: str, kind: str) -> None:
        self.message.setText(text)
        set_style_property(self.message, "kind", kind)
        self.message.show()
        self.adjustSize()  # room for the sentence, whatever its length

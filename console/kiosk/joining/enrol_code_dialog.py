"""EnrolCodeDialog: enrol this kiosk with the short code the proctor's screen shows.

The person types the center's address, the code and the first digits of the center's
fingerprint shown next to it. The kiosk checks those digits against the certificate the center
presents before the code is sent (JoinFlow.enrol_with_code does the work, off the GUI thread);
a wrong, used or expired code shows the center's sentence here and keeps what was typed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from console.kiosk.joining.form_dialog import KioskFormDialog


class EnrolCodeDialog(KioskFormDialog):
    enrol_requested = Signal(str, str, str)  # address, code, fingerprint digits

    def __init__(self, address: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "EnrolCodeDialog", self.tr("Enter enrolment code"),
            self.tr("Enrol this kiosk with a code"),
            self.tr("The proctor's screen shows a code such as K7QM-4XPD and the first digits "
                    "of the center's fingerprint. Type both exactly as shown."), parent)
        self.address_edit = self.line_edit("10.0.0.5:8765")
        self.address_edit.setText(address)
        self.code_edit = self.line_edit("K7QM-4XPD")
        self.digits_edit = self.line_edit("EABA DE89")
        self.enrol_button, self.cancel_button = self.lay_out(
            self.tr("Enrol"), self.tr("Cancel"),
            ((self.tr("Center address"), self.address_edit),
             (self.tr("Enrolment code"), self.code_edit),
             (self.tr("Fingerprint digits"), self.digits_edit)))
        self.enrol_button.clicked.connect(self._request)
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

"""OverrideDialog: a proctor lets a kiosk that is NOT READY start the exam anyway.

The readiness check found something NOT READY (a camera that gives no frame, say) while the
center answers. A proctor at the kiosk signs in with their own account for this one start and
gives the reason; the center records who, when and why on the session's timeline
(``readiness_overridden``) and the proctor is signed out again at once. Refusals (a wrong
password, a locked account) show the center's sentence here, with what was typed kept except
the password.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from console.kiosk.joining.form_dialog import KioskFormDialog


class OverrideDialog(KioskFormDialog):
    override_requested = Signal(str, str, str)  # username, password, reason

    def __init__(self, not_ready: list[str], parent: QWidget | None = None) -> None:
        super().__init__(
            "OverrideDialog", self.tr("Proctor override"),
            self.tr("Let this kiosk start although it is not ready"),
            self.tr("For the proctor only. Sign in with your proctor account and say why; the "
                    "exam center records who let the kiosk through, when and why."), parent)
        self.not_ready_label = QLabel(self.tr("Not ready: %1").replace(
            "%1", "; ".join(not_ready) or self.tr("see the form")))
        self.not_ready_label.setWordWrap(True)
        self.username_edit = self.line_edit()
        self.password_edit = self.line_edit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason_edit = self.line_edit(
            self.tr("e.g. No webcam; the candidate is watched in person"))
        self.reason_edit.setMaxLength(200)
        self.start_button, self.cancel_button = self.lay_out(
            self.tr("Let it start"), self.tr("Cancel"),
            ((self.tr("Proctor username"), self.username_edit),
             (self.tr("Password"), self.password_edit),
             (self.tr("Reason"), self.reason_edit)),
            above_form=(self.not_ready_label,))
        self.start_button.clicked.connect(self._request)
        self.username_edit.setFocus()

    def _request(self) -> None:
        self.set_busy(True)
        self.override_requested.emit(self.username_edit.text(), self.password_edit.text(),
                                     self.reason_edit.text())

    def set_busy(self, is_busy: bool) -> None:
        self.start_button.setEnabled(not is_busy)
        self.start_button.setText(self.tr("Starting…") if is_busy else self.tr("Let it start"))
        if is_busy:
            self._show(self.tr("Signing in at the center and starting the exam…"), "info")

    def show_error(self, text: str) -> None:
        """Why the override did not start the exam; the password is typed again."""
        self.set_busy(False)
        self.password_edit.clear()
        self._show(text, "error")

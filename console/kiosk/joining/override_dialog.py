"""OverrideDialog: a proctor lets a kiosk that is NOT READY start the exam anyway.

The readiness check found something NOT READY (a camera that gives no frame, say) while the
center answers. A proctor at the kiosk signs in with their own account for this one start and
gives the reason; the center records who, when and why on the session's timeline
(``readiness_overridden``) and the proctor is signed out again at once. Refusals (a wrong
password, a locked account) show the center's sentence here, with what was typed kept except
the password.
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


class OverrideDialog(QDialog):
    override_requested = Signal(str, str, str)  # username, password, reason

    def __init__(self, not_ready: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("OverrideDialog")
        self.setWindowTitle(self.tr("Proctor override"))
        self.setModal(True)
        self.setFixedWidth(DIALOG_WIDTH)  # the wrapped sentences ask for the height they need
        title = QLabel(self.tr("Let this kiosk start although it is not ready"))
        title.setObjectName("DialogTitle")
        title.setWordWrap(True)
        hint = QLabel(self.tr("For the proctor only. Sign in with your proctor account and say "
                              "why; the exam center records who let the kiosk through, when and "
                              "why."))
        hint.setObjectName("Muted")
        hint.setWordWrap(True)
        self.not_ready_label = QLabel(self.tr("Not ready: %1").replace(
            "%1", "; ".join(not_ready) or self.tr("see the form")))
        self.not_ready_label.setWordWrap(True)
        self.username_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(200)
        self.reason_edit.setPlaceholderText(
            self.tr("e.g. No webcam; the candidate is watched in person"))
        for edit in (self.username_edit, self.password_edit, self.reason_edit):
            edit.setMinimumHeight(40)
        self.message = QLabel()
        self.message.setObjectName("FormMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self.start_button = QPushButton(self.tr("Let it start"))
        self.start_button.setObjectName("PrimaryButton")
        self.start_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("SecondaryButton")
        for button in (self.start_button, self.cancel_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)

        form = QGridLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        for row, (text, edit) in enumerate(((self.tr("Proctor username"), self.username_edit),
                                            (self.tr("Password"), self.password_edit),
                                            (self.tr("Reason"), self.reason_edit))):
            label = QLabel(text)
            label.setBuddy(edit)
            form.addWidget(label, row, 0)
            form.addWidget(edit, row, 1)
        form.setColumnStretch(1, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.not_ready_label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.start_button.clicked.connect(self._request)
        self.cancel_button.clicked.connect(self.reject)
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

    def _show(self, text: str, kind: str) -> None:
        self.message.setText(text)
        set_style_property(self.message, "kind", kind)
        self.message.show()
        self.adjustSize()

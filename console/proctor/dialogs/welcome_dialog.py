"""WelcomeDialog: the console's first start. It asks who is proctoring at this desk (the name
every flag, warning and termination made here is recorded under), or lets someone whose exam
center runs elsewhere choose to connect to that center's server instead.

The dialog only asks: ``name`` holds the name typed (after OK), ``chose_connect`` is True when
"Connect to an exam center's server…" was pressed. Remembering the answer is the caller's."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.ui import dialog_header, set_style_property
from core.domain.accounts import MAX_ACTOR, clean_actor
from core.domain.errors import InvalidInput


class WelcomeDialog(QDialog):
    def __init__(self, suggested_name: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The name typed, once OK was pressed.
        self.name: str | None = None
        #: True once "Connect to an exam center's server…" was pressed.
        self.chose_connect = False
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Proctor Console"))
        self.setMinimumWidth(580)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        dialog_header(layout, self.tr("Who is proctoring at this desk?"),
                      self.tr("This console is its own exam center: kiosks connect to it, and "
                              "you watch them here."))

        caption = QLabel(self.tr("Your name"))
        caption.setObjectName("fieldCaption")
        layout.addWidget(caption)
        self.name_field = QLineEdit(suggested_name)
        self.name_field.setPlaceholderText(self.tr("e.g. Dana Lee"))
        self.name_field.setMaxLength(MAX_ACTOR)
        self.name_field.setAccessibleName(self.tr("Your name"))
        caption.setBuddy(self.name_field)
        layout.addWidget(self.name_field)
        self.note_label = QLabel(self.tr("Each flag, warning and termination made at this desk "
                                         "is recorded under this name."))
        self.note_label.setObjectName("dialogNote")
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        self.message_label = QLabel()
        self.message_label.setObjectName("formMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        layout.addSpacing(6)

        buttons = QHBoxLayout()
        self.connect_button = QPushButton(self.tr("Connect to an exam center's server…"))
        self.connect_button.setAutoDefault(False)
        self.connect_button.setToolTip(self.tr("For a center whose server runs on another "
                                               "computer: sign in to it instead."))
        self.connect_button.clicked.connect(self.choose_connect)
        self.ok_button = QPushButton(self.tr("OK"))
        self.ok_button.setObjectName("primaryButton")
        self.ok_button.setDefault(True)  # Enter in the name field
        self.ok_button.setMinimumWidth(96)
        self.ok_button.clicked.connect(self.submit)
        buttons.addWidget(self.connect_button)
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.name_field.textChanged.connect(self._update)
        self._update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.name_field.setFocus()
        self.name_field.selectAll()

    def submit(self) -> None:
        try:
            name = clean_actor(self.name_field.text())
        except InvalidInput:
            self._say(self.tr("Type your name (1 to {count} characters) so your actions are "
                              "recorded under it.").format(count=MAX_ACTOR))
            self.name_field.setFocus()
            return
        self.name = name
        self.chose_connect = False
        self.accept()

    def choose_connect(self) -> None:
        self.name = None
        self.chose_connect = True
        self.accept()

    def _update(self, *_args: object) -> None:
        self.ok_button.setEnabled(bool(self.name_field.text().strip()))
        self.message_label.hide()

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        set_style_property(self.message_label, "tone", "danger")
        self.message_label.show()

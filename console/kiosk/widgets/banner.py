"""Banner: a full-width message strip (danger, warn or info) with an optional action button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

ICONS = {"danger": "!", "warn": "!", "info": "i"}


class Banner(QFrame):
    action_clicked = Signal()

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Banner")
        self.setProperty("kind", kind)
        self.icon = QLabel(ICONS.get(kind, "i"))
        self.icon.setObjectName("BannerIcon")
        self.icon.setProperty("kind", kind)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon.setFixedSize(32, 32)
        self.title = QLabel()
        self.title.setObjectName("BannerTitle")
        self.text = QLabel()
        self.text.setObjectName("BannerText")
        self.text.setWordWrap(True)
        self.button = QPushButton()
        self.button.setObjectName("BannerButton")
        self.button.setProperty("kind", kind)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.button.clicked.connect(self.action_clicked)
        self.button.hide()

        texts = QVBoxLayout()
        texts.setSpacing(2)
        texts.addWidget(self.title)
        texts.addWidget(self.text)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 12, 16, 12)
        row.setSpacing(14)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(texts, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_message(self, title: str, text: str, action: str | None = None) -> None:
        self.title.setText(title)
        self.text.setText(text)
        if action:
            self.button.setText(action)
            self.button.show()
        else:
            self.button.hide()
        self.show()

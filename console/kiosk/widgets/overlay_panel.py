"""OverlayPanel: a card over a dimmed window, for what the candidate must answer before going
on (a proctor's warning, the submit confirmation)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class OverlayPanel(QWidget):
    accepted = Signal()
    rejected = Signal()

    def __init__(self, parent: QWidget, kind: str) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.card = QFrame()
        self.card.setObjectName("OverlayCard")
        self.card.setProperty("kind", kind)
        self.card.setFixedWidth(620)
        self.badge = QLabel("!" if kind == "warning" else "?")
        self.badge.setObjectName("OverlayBadge")
        self.badge.setProperty("kind", kind)
        self.badge.setFixedSize(30, 30)
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.eyebrow = QLabel()
        self.eyebrow.setObjectName("OverlayEyebrow")
        self.eyebrow.setProperty("kind", kind)
        self.title = QLabel()
        self.title.setObjectName("OverlayTitle")
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("OverlayText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.reject_button = QPushButton()
        self.reject_button.setObjectName("SecondaryButton")
        self.reject_button.clicked.connect(self._reject)
        self.accept_button = QPushButton()
        self.accept_button.setObjectName("PrimaryButton")
        self.accept_button.setDefault(True)
        self.accept_button.clicked.connect(self._accept)
        for button in (self.reject_button, self.accept_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setMinimumHeight(48)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.accept_button)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(36, 30, 36, 30)
        inner.setSpacing(14)
        head = QHBoxLayout()
        head.setSpacing(12)
        head.addWidget(self.badge)
        head.addWidget(self.eyebrow, 1)
        inner.addLayout(head)
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        inner.addSpacing(10)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        parent.installEventFilter(self)
        self.hide()

    def open_with(self, eyebrow: str, title: str, text: str, accept_text: str,
                  reject_text: str | None = None) -> None:
        self.eyebrow.setText(eyebrow)
        self.title.setText(title)
        self.text.setText(text)
        self.accept_button.setText(accept_text)
        self.accept_button.setVisible(bool(accept_text))  # no button: it closes by itself
        self.reject_button.setVisible(bool(reject_text))
        self.reject_button.setText(reject_text or "")
        layout = self.card.layout()
        layout.activate()
        self.card.setFixedHeight(layout.totalHeightForWidth(self.card.width()))
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()
        self.accept_button.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def _accept(self) -> None:
        self.hide()
        self.accepted.emit()

    def _reject(self) -> None:
        self.hide()
        self.rejected.emit()

"""EndPage: the exam is over (submitted, time up, or ended by the proctor), or handed in while
the center could not be reached (``HANDED_IN``: kept on this computer, sent when the network
returns; no close button, the kiosk sends it by itself)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from console.ui import set_style_property

CARD_WIDTH = 640
CARD_MARGIN = 48
HANDED_IN = "handed_in"
KINDS = {"submitted": ("ok", "✓"), "expired": ("info", "✓"), "terminated": ("danger", "!"),
         HANDED_IN: ("info", "✓")}


class EndPage(QWidget):
    close_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EndPage")
        self.icon = QLabel()
        self.icon.setObjectName("EndIcon")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon.setFixedSize(88, 88)
        self.title = QLabel()
        self.title.setObjectName("EndTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("EndText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("Muted")
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setWordWrap(True)
        self.close_button = QPushButton(self.tr("Close this window"))
        self.close_button.setObjectName("SecondaryButton")
        self.close_button.setMinimumHeight(46)
        self.close_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.close_button.clicked.connect(self.close_clicked)

        card = QFrame()
        card.setObjectName("Card")
        card.setFixedWidth(CARD_WIDTH)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(CARD_MARGIN, 44, CARD_MARGIN, 40)
        inner.setSpacing(14)
        inner.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addSpacing(14)
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        inner.addSpacing(4)
        inner.addWidget(self.details)
        inner.addSpacing(12)
        inner.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def show_result(self, status: str, title: str, text: str, details: str) -> None:
        kind, glyph = KINDS.get(status, ("info", "i"))
        self.icon.setText(glyph)
        set_style_property(self.icon, "kind", kind)
        self.title.setText(title)
        self.text.setText(text)
        self.details.setText(details)
        self.close_button.setVisible(status != HANDED_IN)
        # The centred card is laid out from its size hint, which does not ask a word-wrapped
        # label how tall it is at the card's width: a two-line heading was cut off. Each label
        # says so itself.
        for label in (self.title, self.text, self.details):
            label.ensurePolished()  # the style sheet's font decides the height
            label.setMinimumHeight(label.heightForWidth(CARD_WIDTH - 2 * CARD_MARGIN))

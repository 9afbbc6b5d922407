"""IdentityPage: the exam center did not prove the identity this kiosk was enrolled with.

A red page, not a passing message: the kiosk sends nothing more to that server, snapshots stay
on this computer, and the sentence of ``CenterIdentityChanged`` says what to do. Before the
exam has started the form can be opened again (with everything typed still there), to enrol
anew with the proctor.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

CARD_WIDTH = 720
CARD_MARGIN = 48
# The English words; the page shows them through self.tr (the context "IdentityPage").
TITLE = QT_TRANSLATE_NOOP("IdentityPage", "This is not your exam center")
KEPT_TEXT = QT_TRANSLATE_NOOP(
    "IdentityPage", "Nothing more is sent to that server. The snapshots taken so far are kept on "
    "this computer. Call the invigilator now and keep this window open.")
NOT_JOINED_TEXT = QT_TRANSLATE_NOOP("IdentityPage",
                                    "Nothing was sent to that server. Call the invigilator.")


class IdentityPage(QWidget):
    back_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("IdentityPage")
        self.icon = QLabel("!")
        self.icon.setObjectName("EndIcon")
        self.icon.setProperty("kind", "danger")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.icon.setFixedSize(88, 88)
        self.eyebrow = QLabel(self.tr("THE CENTER'S IDENTITY CHANGED"))
        self.eyebrow.setObjectName("IdentityEyebrow")
        self.eyebrow.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(self.tr(TITLE))
        self.title.setObjectName("EndTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        self.text = QLabel()
        self.text.setObjectName("IdentityText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("Body")
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Back to the join form"))
        self.back_button.setObjectName("SecondaryButton")
        self.back_button.setMinimumHeight(46)
        self.back_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.back_button.clicked.connect(self.back_clicked)

        card = QFrame()
        card.setObjectName("IdentityCard")
        card.setFixedWidth(CARD_WIDTH)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(CARD_MARGIN, 40, CARD_MARGIN, 40)
        inner.setSpacing(12)
        inner.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addSpacing(8)
        inner.addWidget(self.eyebrow)
        inner.addWidget(self.title)
        inner.addWidget(self.text)
        inner.addSpacing(4)
        inner.addWidget(self.details)
        inner.addSpacing(8)
        inner.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def show_refusal(self, sentence: str, is_exam_running: bool) -> None:
        """``sentence``: the exception's own; during the exam there is no way back."""
        self.text.setText(sentence)
        self.details.setText(self.tr(KEPT_TEXT if is_exam_running else NOT_JOINED_TEXT))
        self.back_button.setVisible(not is_exam_running)
        # A centred card is laid out from its size hint, which does not ask a word-wrapped
        # label its height at the card's width: each label says so itself.
        for label in (self.title, self.text, self.details):
            label.ensurePolished()
            label.setMinimumHeight(label.heightForWidth(CARD_WIDTH - 2 * CARD_MARGIN))

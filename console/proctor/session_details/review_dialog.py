"""ReviewDialog: after the exam, a reviewer marks the session reviewed with an outcome and a
note."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from console.i18n import translate
from console.proctor.formatting import REVIEW_WORDS
from console.ui import dialog_header
from core.domain.records import SessionDTO

OUTCOME_HINTS = {
    "no_issue": QT_TRANSLATE_NOOP("ReviewDialog", "The evidence shows nothing against the rules."),
    "suspicious": QT_TRANSLATE_NOOP("ReviewDialog",
                                    "Something looks wrong but the evidence is not conclusive."),
    "violation": QT_TRANSLATE_NOOP("ReviewDialog",
                                   "The evidence shows a breach of the exam rules."),
}
MAX_NOTE = 2000


class ReviewDialog(QDialog):
    def __init__(self, session: SessionDTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(self.tr("Review — {name}").format(name=session.candidate_name))
        self.setMinimumWidth(440)
        self._group = QButtonGroup(self)
        self._buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        dialog_header(layout, self.tr("Review the session"),
                      self.tr("Mark the session of {name} ({exam}) as reviewed: choose what the "
                              "evidence shows.").format(name=session.candidate_name,
                                                        exam=session.exam_title))
        for outcome, words in REVIEW_WORDS.items():
            button = QRadioButton(translate("Formatting", words), self)
            button.setObjectName(f"outcome_{outcome}")
            self._group.addButton(button)
            self._buttons[outcome] = button
            layout.addWidget(button)
            hint = QLabel(self.tr(OUTCOME_HINTS[outcome]), self)  # wraps in a longer language
            hint.setObjectName("outcomeHint")
            hint.setWordWrap(True)
            hint.setContentsMargins(24, 0, 0, 4)
            hint.setBuddy(button)
            layout.addWidget(hint)
        if session.review_outcome in self._buttons:
            self._buttons[session.review_outcome].setChecked(True)

        layout.addWidget(QLabel(self.tr("Note for the record (optional):"), self))
        self._note = QPlainTextEdit(self)
        self._note.setObjectName("reviewNote")
        self._note.setPlaceholderText(self.tr("What you saw, with snapshot times if it helps."))
        self._note.setPlainText(session.review_note or "")
        self._note.setFixedHeight(96)
        layout.addWidget(self._note)
        self._error = QLabel(self)
        self._error.setObjectName("dialogError")
        self._error.setWordWrap(True)
        self._error.hide()
        layout.addWidget(self._error)

        self._box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self._box.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save review"))
        self._box.accepted.connect(self._accept_if_valid)
        self._box.rejected.connect(self.reject)
        layout.addWidget(self._box)
        self._group.buttonToggled.connect(lambda *_: self._update_save())
        self._note.textChanged.connect(self._update_save)
        self._update_save()

    def outcome(self) -> str | None:
        for outcome, button in self._buttons.items():
            if button.isChecked():
                return outcome
        return None

    def note(self) -> str:
        return self._note.toPlainText().strip()

    def choose(self, outcome: str, note: str = "") -> None:
        """Fill the dialog (for keyboard-free use and tests)."""
        self._buttons[outcome].setChecked(True)
        self._note.setPlainText(note)

    def save_button(self) -> QPushButton:
        return self._box.button(QDialogButtonBox.StandardButton.Save)

    def _update_save(self) -> None:
        too_long = len(self.note()) > MAX_NOTE
        self.save_button().setEnabled(self.outcome() is not None and not too_long)
        self._error.setVisible(too_long)
        self._error.setText(self.tr("The note is too long: at most {count} characters.").format(
            count=QLocale().toString(MAX_NOTE)))

    def _accept_if_valid(self) -> None:
        if self.outcome() is None:
            return
        self.accept()

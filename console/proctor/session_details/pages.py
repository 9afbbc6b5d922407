"""The pages the details window shows instead of the evidence: the explanation of a sample
session, and what to do when a session could not be opened."""

from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.i18n import translate

SAMPLE_EXPLANATION = QT_TRANSLATE_NOOP(
    "SessionPages",
    "<h2>This is a sample session</h2>"
    "<p>Sample sessions appear in the Proctor Center while no real exam is running, so the "
    "screen shows what a live session looks like. They are made up: nobody is taking an exam, "
    "and they hold no snapshots, no events and no evidence.</p>"
    "<p>Flag, warn, terminate, review and export are switched off for samples.</p>"
    "<p><b>To see a real session</b>, start an exam on a candidate kiosk. It appears in the "
    "Proctor Center within a few seconds, and the samples go away.</p>"
)


def sample_page(parent: QWidget | None = None) -> QFrame:
    page = QFrame(parent)
    page.setObjectName("samplePage")
    text = QLabel(translate("SessionPages", SAMPLE_EXPLANATION), page)
    text.setObjectName("sampleExplanation")
    text.setWordWrap(True)
    text.setTextFormat(Qt.TextFormat.RichText)
    return _centred(page, text)


class ErrorPage(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorPage")
        self._text = QLabel(self)
        self._text.setObjectName("errorExplanation")
        self._text.setWordWrap(True)
        _centred(self, self._text)

    @property
    def text(self) -> str:
        return self._text.text()

    def show_error(self, error: BaseException | str) -> None:
        self._text.setText(translate(
            "SessionPages",
            "<h2>This session could not be opened</h2><p>{error}</p><p>It may have been "
            "removed. Close this window and choose the session again in the Proctor "
            "Center.</p>").format(error=html.escape(str(error))))


def _centred(page: QFrame, text: QLabel, width: int = 620) -> QFrame:
    """``text`` at a readable width in the middle of ``page`` (no alignment flags: they would
    keep a word-wrapped label from getting the height its text needs)."""
    text.setFixedWidth(width)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(text)
    row.addStretch(1)
    layout = QVBoxLayout(page)
    layout.setContentsMargins(32, 32, 32, 32)
    layout.addStretch(1)
    layout.addLayout(row)
    layout.addStretch(2)
    return page

"""ReadinessPanel: the readiness check on the join form: READY, WARNING or NOT READY, then one
line for each thing checked (camera, exam center, snapshot folder, clock) with what to do."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from console.kiosk.joining.readiness_check import (
    LEVEL_WORDS,
    NOT_READY,
    READY,
    WARNING,
    ReadinessReport,
)
from console.ui import set_style_property

TITLES = {"camera": QT_TRANSLATE_NOOP("ReadinessPanel", "Camera"),
          "center": QT_TRANSLATE_NOOP("ReadinessPanel", "Exam center"),
          "spool": QT_TRANSLATE_NOOP("ReadinessPanel", "Snapshot folder"),
          "clock": QT_TRANSLATE_NOOP("ReadinessPanel", "Clock")}
GLYPHS = {READY: "✓", WARNING: "!", NOT_READY: "✕"}
KINDS = {READY: "ok", WARNING: "warn", NOT_READY: "danger"}
CHECKING_TEXT = QT_TRANSLATE_NOOP(
    "ReadinessPanel", "Checking the camera, the exam center, the snapshot folder and the clock…")


class ReadinessPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReadinessPanel")
        self.verdict = QLabel()
        self.verdict.setObjectName("ReadinessVerdict")
        self.rows: dict[str, tuple[QLabel, QLabel]] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(4)
        for row, name in enumerate(TITLES):
            icon = QLabel()
            icon.setObjectName("ReadinessIcon")
            icon.setFixedWidth(18)
            icon.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            text = QLabel()
            text.setObjectName("ReadinessText")
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(icon, row, 0)
            grid.addWidget(text, row, 1)
            self.rows[name] = (icon, text)
        grid.setColumnStretch(1, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(6)
        column.addWidget(self.verdict)
        column.addLayout(grid)
        self.report: ReadinessReport | None = None
        self.hide()

    def show_checking(self) -> None:
        self.report = None
        checking = self.tr("Checking this kiosk…")
        self.verdict.setText(f"{checking} "
                             f"<span style='font-weight:normal'>{self.tr(CHECKING_TEXT)}</span>")
        set_style_property(self.verdict, "kind", "info")
        for icon, text in self.rows.values():
            icon.setText("…")
            set_style_property(icon, "kind", "muted")
            text.setText("")
        self.show()

    def show_report(self, report: ReadinessReport) -> None:
        self.report = report
        self.verdict.setText(self.tr(LEVEL_WORDS[report.level]))
        set_style_property(self.verdict, "kind", KINDS[report.level])
        for name, (icon, text) in self.rows.items():
            line = report.line(name)
            if line is None:
                icon.setText("")
                text.setText("")
                continue
            icon.setText(GLYPHS[line.level])
            set_style_property(icon, "kind", KINDS[line.level])
            # What to do in italics; not in a right-to-left language (Arabic has no italics,
            # and the oblique fonts have no Arabic letters: they showed as boxes).
            todo = (f" <span style='color:inherit'>{_emphasis(_html(line.todo), self)}</span>"
                    if line.todo else "")
            text.setText(f"<b>{self.tr(TITLES[name])}</b>: {_html(line.text)}{todo}")
        self.show()

    def line_texts(self) -> dict[str, str]:
        """What each line says, as plain text (for tests and logs)."""
        return {name: text.text() for name, (_icon, text) in self.rows.items()}


def _emphasis(html_text: str, widget: QWidget) -> str:
    return html_text if widget.isRightToLeft() else f"<i>{html_text}</i>"


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

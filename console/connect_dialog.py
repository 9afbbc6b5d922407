"""ConnectDialog: what to type into a kiosk — the API address, the kiosk key and the exact
``proctor-candidate`` command line — each with a copy button."""

from __future__ import annotations

import math
import shlex
from collections.abc import Callable

from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.proctor_center.api_server_controller import ApiServerController

COPIED_MS = 1500


def candidate_command(url: str, kiosk_key: str) -> str:
    """The command that starts a kiosk against this console."""
    return shlex.join(["proctor-candidate", "--server", url, "--kiosk-key", kiosk_key])


#: U+2060 WORD JOINER: no line break on either side, drawn as nothing.
WORD_JOINER = "\u2060"


class CommandField(QTextEdit):
    """A read-only, wrapping text box exactly as tall as its text: a long command line (an
    IPv6 or HTTPS address, a long key) is shown whole, never cut to a fixed number of lines.

    Lines break between arguments only (``--kiosk-key`` never becomes ``--`` / ``kiosk-key``):
    the characters of each argument are held together by word joiners, which ``toPlainText``
    and copying a selection leave out. An argument longer than a line still breaks anywhere."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commandField")
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(6)
        self.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        self._fit_height()

    def setPlainText(self, text: str) -> None:
        super().setPlainText(" ".join(WORD_JOINER.join(word) for word in text.split(" ")))

    def toPlainText(self) -> str:
        return super().toPlainText().replace(WORD_JOINER, "")

    def createMimeDataFromSelection(self) -> QMimeData:
        data = QMimeData()
        data.setText(self.textCursor().selection().toPlainText().replace(WORD_JOINER, ""))
        return data

    def shows_all_text(self) -> bool:
        """Every line of the text is inside the visible area (nothing cut off or scrolled)."""
        return (self.verticalScrollBar().maximum() == 0
                and self.document().size().height() <= self.viewport().height())

    def _fit_height(self, *_args: object) -> None:
        margins = self.contentsMargins()
        height = (math.ceil(self.document().size().height()) + margins.top()
                  + margins.bottom())
        if height != self.height():
            self.setFixedHeight(height)


class ConnectDialog(QDialog):
    def __init__(self, server: ApiServerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._server = server
        self.setObjectName("connectDialog")
        self.setWindowTitle("Connect kiosks")
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        title = QLabel("Connect kiosks")
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("dialogHint")
        self.hint_label.setWordWrap(True)
        layout.addWidget(self.hint_label)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemBanner")
        self.problem_label.setWordWrap(True)
        layout.addWidget(self.problem_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        self.copy_buttons: list[QPushButton] = []
        self.address_field = self._row(grid, 0, "API address")
        self.key_field = self._row(grid, 1, "Kiosk key")
        self.command_field = CommandField()
        self._add_row(grid, 2, "Command line", self.command_field, self.command_field.toPlainText,
                      is_multiline=True)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        for field in (self.address_field, self.key_field, self.command_field):
            field.setFont(mono)
        layout.addLayout(grid)
        self.note_label = QLabel()
        self.note_label.setObjectName("dialogNote")
        self.note_label.setWordWrap(True)
        layout.addWidget(self.note_label)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()
        server.state_changed.connect(self.refresh)
        self.refresh()

    def _row(self, grid: QGridLayout, row: int, label: str) -> QLineEdit:
        field = QLineEdit()
        field.setReadOnly(True)
        self._add_row(grid, row, label, field, field.text)
        return field

    def _add_row(self, grid: QGridLayout, row: int, label: str, field: QWidget,
                 text: Callable[[], str], is_multiline: bool = False) -> None:
        caption = QLabel(label)
        caption.setObjectName("fieldCaption")
        align = Qt.AlignmentFlag.AlignTop if is_multiline else Qt.AlignmentFlag.AlignVCenter
        if is_multiline:
            caption.setContentsMargins(0, 7, 0, 0)
        copy = QPushButton("Copy")
        copy.setObjectName("copyButton")
        copy.setAccessibleName(f"Copy {label.lower()}")
        copy.setAutoDefault(False)
        copy.clicked.connect(lambda: self._copy(text(), copy))
        self.copy_buttons.append(copy)
        grid.addWidget(caption, row, 0, align)
        grid.addWidget(field, row, 1)
        grid.addWidget(copy, row, 2, align)

    def refresh(self) -> None:
        server = self._server
        url = server.kiosk_url
        if url is None:
            self.problem_label.setText(
                "The API server is not running, so kiosks cannot connect yet. "
                f"{server.problem or ''} Use Retry or “Use a free port” in the status bar."
            )
            self.problem_label.show()
            self.hint_label.setText("Once the server runs, type these into each kiosk.")
            url_text = "(not running)"
        else:
            self.problem_label.hide()
            self.hint_label.setText(
                "Type these into each kiosk's start screen, or start the kiosk with the "
                "command line. Keep the kiosk key private: anyone with it can start attempts."
            )
            url_text = url
        self.address_field.setText(url_text)
        self.key_field.setText(server.kiosk_key)
        self.command_field.setPlainText(
            candidate_command(url or "http://HOST:PORT", server.kiosk_key))
        for field in (self.address_field, self.key_field):
            field.setCursorPosition(0)
        if server.is_local_only:
            self.note_label.setText(
                "This address works only for kiosks on this computer. For kiosks on other "
                "machines, start the console with --host 0.0.0.0 (or PROCTOR_HOST) and allow "
                "the port in the firewall."
            )
        else:
            self.note_label.setText(
                "Kiosks on the same network use this address. If one cannot connect, check "
                "that the firewall allows the port."
            )

    def _copy(self, text: str, button: QPushButton) -> None:
        QGuiApplication.clipboard().setText(text)
        button.setText("Copied")
        QTimer.singleShot(COPIED_MS, button, lambda: button.setText("Copy"))

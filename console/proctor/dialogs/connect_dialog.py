"""ConnectDialog: everything a proctor needs to set up a kiosk, at a glance.

- "Listen on the center's network": on, the console serves HTTPS on every interface and lists
  the addresses kiosks can use, with the port to allow in the firewall; off, only this computer.
- The address, the kiosk key, the center's fingerprint (SHA-256 of its certificate authority,
  grouped for reading aloud) and the ``proctor-candidate`` command line, each with a copy button.
- "Export enrolment file…": address, kiosk key and fingerprint in one file (mode 0600) for
  ``proctor-candidate --enrol FILE``.
- "Make a one-time code": a code to type on the kiosk with the first 8 digits of the
  fingerprint, working once for 10 minutes.
"""

from __future__ import annotations

import math
import shlex
import socket
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDir, QLocale, QMimeData, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.i18n import local_digits, plural, translate
from console.proctor.api_server_controller import ApiServerController
from console.proctor.dialogs.kiosk_options import KioskOptions
from console.ui import set_style_property
from core.domain.enrolment_codes import format_code
from core.net.enrolment_file import EnrolmentFileError
from core.net.tls import format_fingerprint
from core.services.enrolment_codes import IssuedCode

COPIED_MS = 1500
CODE_TICK_MS = 5000
CODE_DIGITS = 8  # fingerprint digits typed with a code (core.net.pinning.MIN_PREFIX_DIGITS)


def candidate_command(url: str, kiosk_key: str, fingerprint: str | None = None,
                      camera: str = "", room: str = "") -> str:
    """The command that starts a kiosk against this console (pinned when it serves HTTPS),
    with the camera (when not the default webcam 0) and the room chosen."""
    words = ["proctor-candidate", "--server", url, "--kiosk-key", kiosk_key]
    if fingerprint:
        words += ["--fingerprint", f"sha256:{fingerprint}"]
    if camera and camera != "0":
        words += ["--camera", camera]
    if room:
        words += ["--room", room]
    return shlex.join(words)


def fingerprint_lines(fingerprint: str) -> str:
    """64 hex digits as two lines of eight groups of four, for reading and comparing."""
    groups = format_fingerprint(fingerprint).split(" ")
    return " ".join(groups[:8]) + "\n" + " ".join(groups[8:])


def code_digits(fingerprint: str) -> str:
    """The first 8 digits of the fingerprint as a kiosk types them next to a code."""
    return format_fingerprint(fingerprint[:CODE_DIGITS])


def expiry_in_words(expires_at: datetime, now: datetime) -> str | None:
    """'in 10 minutes', 'in 1 minute', 'in less than a minute'; None once expired."""
    seconds = (expires_at - now).total_seconds()
    if seconds <= 0:
        return None
    if seconds < 60:
        return translate("ConnectDialog", "in less than a minute")
    minutes = math.ceil(seconds / 60)
    return plural(translate("ConnectDialog", "in %n minute(s)", "", minutes), minutes)


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


class FingerprintField(CommandField):
    """The fingerprint in two lines of eight groups; read or copied, it is one line of groups
    (``3F2A 9C01 …``), which a kiosk's fingerprint field accepts as typed."""

    def toPlainText(self) -> str:
        return super().toPlainText().replace("\n", " ")

    def createMimeDataFromSelection(self) -> QMimeData:
        data = super().createMimeDataFromSelection()
        data.setText(data.text().replace("\n", " ").replace("\u2029", " "))
        return data


def _mono(point_delta: float = 0.0, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    if point_delta:
        font.setPointSizeF(QApplication.font().pointSizeF() + point_delta)
    font.setBold(bold)
    return font


def _label(text: str = "", name: str | None = None, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def _section(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class ConnectDialog(QDialog):
    def __init__(self, server: ApiServerController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._server = server
        self._code: IssuedCode | None = None
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect kiosks"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        title = QLabel(self.tr("Connect kiosks"))
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        self.hint_label = _label(name="dialogHint")
        layout.addWidget(self.hint_label)
        self.problem_label = _label(name="problemBanner")
        layout.addWidget(self.problem_label)

        # -- where the console listens -------------------------------------------------------
        network = QWidget()
        network.setObjectName("formCard")
        network_layout = QVBoxLayout(network)
        network_layout.setContentsMargins(14, 10, 14, 10)
        network_layout.setSpacing(6)
        self.network_switch = QCheckBox(self.tr("Listen on the center's network"))
        switch_font = self.network_switch.font()
        switch_font.setBold(True)
        self.network_switch.setFont(switch_font)
        self.network_switch.toggled.connect(self._switch_network)
        network_layout.addWidget(self.network_switch)
        self.network_label = _label()
        self.network_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        network_layout.addWidget(self.network_label)
        self.firewall_label = _label(name="dialogNote")
        network_layout.addWidget(self.firewall_label)
        layout.addWidget(network)

        # -- what a kiosk needs ----------------------------------------------------------------
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        self.copy_buttons: list[QPushButton] = []
        self.address_field = QLineEdit()
        self.address_field.setReadOnly(True)
        self.address_choice = QComboBox()
        self.address_choice.setAccessibleName(self.tr("Address for kiosks"))
        self.address_choice.setToolTip(self.tr("This computer has several network addresses: "
                                               "choose the one on the kiosks' network."))
        self.address_choice.currentTextChanged.connect(lambda _text: self._show_details())
        address_box = QWidget()
        address_layout = QHBoxLayout(address_box)
        address_layout.setContentsMargins(0, 0, 0, 0)
        address_layout.addWidget(self.address_field)
        address_layout.addWidget(self.address_choice)
        self.copy_address_button = self._add_row(grid, 0, self.tr("Address"), address_box,
                                                 lambda: self.server_url or "")
        self.key_field = QLineEdit()
        self.key_field.setReadOnly(True)
        self.copy_key_button = self._add_row(grid, 1, self.tr("Kiosk key"), self.key_field,
                                             self.key_field.text)
        self.fingerprint_field = FingerprintField()
        self.fingerprint_field.setObjectName("fingerprintField")
        self.fingerprint_field.setAccessibleName(self.tr("Fingerprint"))
        self.copy_fingerprint_button = self._add_row(
            grid, 2, self.tr("Fingerprint"), self.fingerprint_field, self._pin_text,
            is_multiline=True)
        self.fingerprint_note = _label(name="dialogNote")
        grid.addWidget(self.fingerprint_note, 3, 1, 1, 2)
        self.kiosk_options = KioskOptions()
        self.kiosk_options.changed.connect(self._show_details)
        camera_caption = QLabel(self.tr("Camera"))
        camera_caption.setObjectName("fieldCaption")
        grid.addWidget(camera_caption, 4, 0)
        grid.addWidget(self.kiosk_options.one_row(), 4, 1)
        self.command_field = CommandField()
        self.copy_command_button = self._add_row(
            grid, 5, self.tr("Command line"), self.command_field, self.command_field.toPlainText,
            is_multiline=True)
        for field in (self.address_field, self.address_choice, self.key_field,
                      self.fingerprint_field, self.command_field):
            field.setFont(_mono())
        layout.addLayout(grid)
        for text_box in (self.fingerprint_field, self.command_field):  # taller text: grow
            text_box.document().documentLayout().documentSizeChanged.connect(
                lambda *_args: QTimer.singleShot(0, self._grow_to_fit))

        # -- setting a kiosk up ----------------------------------------------------------------
        layout.addSpacing(4)
        layout.addWidget(_section(self.tr("Set up a kiosk")))
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.export_button = QPushButton(self.tr("Export enrolment file…"))
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(lambda: self.export_enrolment_file())
        self.code_button = QPushButton(self.tr("Make a one-time code"))
        self.code_button.setAutoDefault(False)
        self.code_button.clicked.connect(self.make_code)
        actions.addWidget(self.export_button)
        actions.addWidget(self.code_button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.setup_hint = _label(name="dialogNote")
        layout.addWidget(self.setup_hint)
        self.export_message = _label(name="formMessage")
        self.export_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_message.hide()
        layout.addWidget(self.export_message)

        self.code_card = QWidget()
        self.code_card.setObjectName("formCard")
        card = QGridLayout(self.code_card)
        card.setContentsMargins(14, 10, 14, 12)
        card.setHorizontalSpacing(24)
        card.setVerticalSpacing(2)
        card.setColumnStretch(2, 1)
        code_caption = _label(self.tr("Code"), "fieldCaption", wrap=False)
        digits_caption = _label(self.tr("Fingerprint starts with"), "fieldCaption",
                                wrap=False)
        self.code_label = _label(wrap=False)
        self.code_label.setFont(_mono(9, bold=True))
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName(self.tr("One-time code"))
        self.digits_label = _label(wrap=False)
        self.digits_label.setFont(_mono(9, bold=True))
        self.digits_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digits_label.setAccessibleName(self.tr("First digits of the fingerprint"))
        self.code_expiry_label = _label()
        card.addWidget(code_caption, 0, 0)
        card.addWidget(digits_caption, 0, 1)
        card.addWidget(self.code_label, 1, 0)
        card.addWidget(self.digits_label, 1, 1)
        card.addWidget(self.code_expiry_label, 2, 0, 1, 3)
        self.code_card.hide()
        layout.addWidget(self.code_card)
        self._code_timer = QTimer(self)
        self._code_timer.setInterval(CODE_TICK_MS)
        self._code_timer.timeout.connect(self.refresh_code)

        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        close.setFocus()
        server.state_changed.connect(self.refresh)
        self.refresh()

    # ---- what is shown ----------------------------------------------------------------------
    @property
    def server_url(self) -> str | None:
        """The address kiosks are given (the chosen one when the computer has several)."""
        if self.address_choice.count() > 1:
            return self.address_choice.currentText() or None
        return self._server.kiosk_url

    @property
    def addresses(self) -> list[str]:
        """The addresses listed for kiosks."""
        return self._server.kiosk_urls

    def refresh(self) -> None:
        server = self._server
        self.network_switch.blockSignals(True)
        self.network_switch.setChecked(server.listens_on_network)
        self.network_switch.blockSignals(False)
        problems = []
        if not server.is_running:
            problems.append(
                self.tr("The API server is not running, so kiosks cannot connect yet. {problem} "
                        "Use Retry or “Use a free port” in the status bar.").format(
                    problem=server.problem or ""))
        if server.network_problem:
            problems.append(server.network_problem)
        self.problem_label.setText("\n\n".join(p.replace("  ", " ") for p in problems))
        self.problem_label.setVisible(bool(problems))
        if server.uses_tls:
            self.hint_label.setText(
                self.tr("Set up each kiosk once, with an enrolment file or a one-time code. The "
                        "kiosk then talks only to this console, over HTTPS, and checks its "
                        "fingerprint."))
        else:
            self.hint_label.setText(
                self.tr("Type these into each kiosk's start screen, or start the kiosk with the "
                        "command line. Keep the kiosk key private: anyone with it can start "
                        "attempts."))
        self._show_network()
        urls = server.kiosk_urls
        self.address_choice.blockSignals(True)
        chosen = self.address_choice.currentText()
        self.address_choice.clear()
        self.address_choice.addItems(urls)
        if chosen in urls:
            self.address_choice.setCurrentText(chosen)
        self.address_choice.blockSignals(False)
        several = len(urls) > 1
        self.address_choice.setVisible(several)
        self.address_field.setVisible(not several)
        self._show_details()
        if not server.uses_tls:
            self._code = None  # a code works only over HTTPS: no longer one to type
        self.refresh_code()
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """More text (the network's addresses, the fingerprint, a code): grow, never squeeze
        the rows into each other."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        needed = self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def _show_network(self) -> None:
        server = self._server
        port = server.port or server.requested_port
        if not server.is_running:
            self.network_label.setText(
                self.tr("On: kiosks on other computers connect over HTTPS. Off: only this "
                        "computer."))
            self.firewall_label.hide()
            return
        if server.listens_on_network:
            urls = server.kiosk_urls
            scheme = "HTTPS" if server.uses_tls else "HTTP"
            if urls:
                listed = "<br>".join(f"<span style='font-family: monospace'>{u}</span>"
                                     for u in urls)
                intro = (self.tr("Kiosks on the center's network connect over {scheme} to this "
                                 "address:") if len(urls) == 1 else
                         self.tr("Kiosks on the center's network connect over {scheme} to one "
                                 "of these addresses (the one on the kiosks' network):")
                         ).format(scheme=scheme)
                self.network_label.setText(f"{intro}<br>{listed}")
            else:
                self.network_label.setText(
                    self.tr("This computer has no network address yet: connect it to the "
                            "center's network, then open this window again."))
            self.firewall_label.setText(
                self.tr("If a kiosk cannot connect, allow incoming TCP connections on port {port} "
                        "in this computer's firewall. Turning this off disconnects kiosks on "
                        "other computers.").format(port=port))
            self.firewall_label.show()
        else:
            self.network_label.setText(
                self.tr("Only kiosks on this computer can connect now ({address}). Turn this on "
                        "to set up kiosks on other computers; the console then serves "
                        "HTTPS.").format(address=server.kiosk_url))
            self.firewall_label.hide()

    def _show_details(self) -> None:
        server = self._server
        url = self.server_url
        self.address_field.setText(url or self.tr("(not running)"))
        self.address_field.setCursorPosition(0)
        self.key_field.setText(server.kiosk_key)
        self.key_field.setCursorPosition(0)
        fingerprint = server.fingerprint
        pinned = fingerprint if server.uses_tls else None
        self.command_field.setPlainText(
            candidate_command(url or "http://HOST:PORT", server.kiosk_key, pinned,
                              self.kiosk_options.camera, self.kiosk_options.room))
        if fingerprint:
            self.fingerprint_field.setPlainText(fingerprint_lines(fingerprint))
            self.copy_fingerprint_button.setEnabled(True)
            self.fingerprint_note.setText(
                self.tr("This center's identity (SHA-256). Kiosks check it before they send "
                        "anything."))
        else:
            self.fingerprint_field.setPlainText(self.tr("(none yet)"))
            self.copy_fingerprint_button.setEnabled(False)
            self.fingerprint_note.setText(
                self.tr("The center's certificate is made the first time the console listens on "
                        "the center's network."))
        self.export_button.setEnabled(server.is_running)
        self.code_button.setEnabled(server.uses_tls)
        if not server.is_running:
            self.setup_hint.setText(
                self.tr("Start the API server first (Retry in the status bar)."))
        elif server.uses_tls:
            self.setup_hint.setText(
                self.tr("The file holds the address, kiosk key and fingerprint: start the kiosk "
                        "with proctor-candidate --enrol FILE. A code is typed on the kiosk "
                        "instead."))
        else:
            self.setup_hint.setText(
                self.tr("The file works for a kiosk on this computer. One-time codes need the "
                        "center's network: kiosks check the fingerprint over HTTPS."))

    def refresh_code(self) -> None:
        """Show the last code with its time left, or say it has expired."""
        code = self._code
        if code is None:
            self.code_card.hide()
            self._code_timer.stop()
            return
        left = expiry_in_words(code.expires_at, self._server.now())
        at = local_digits(code.expires_at.astimezone().strftime("%H:%M"))
        if left is None:
            self.code_expiry_label.setText(
                self.tr("This code expired at {time}. Make a new one for the next kiosk.").format(
                    time=at))
            self.code_label.setEnabled(False)
            self.digits_label.setEnabled(False)
            self._code_timer.stop()
        else:
            self.code_expiry_label.setText(
                self.tr("On the kiosk, choose to enrol with a code and type this console's "
                        "address, the code and these {count} digits. The code works once and "
                        "expires {left} (at {time}).").format(
                    count=QLocale().toString(CODE_DIGITS), left=left, time=at))
            self.code_label.setEnabled(True)
            self.digits_label.setEnabled(True)
        self.code_card.show()
        self._grow_to_fit()

    # ---- commands ---------------------------------------------------------------------------
    def export_enrolment_file(self, path: Path | str | None = None) -> Path | None:
        """Save the enrolment file (asking where when ``path`` is None); the outcome is said
        under the buttons. Returns the path written, or None."""
        if path is None:
            suggested = Path(QDir.homePath()) / (
                f"kiosk-enrolment-{socket.gethostname().split('.')[0] or 'center'}.json")
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export enrolment file"), str(suggested),
                self.tr("Enrolment files (*.json);;All files (*)"))
            if not chosen:
                return None
            path = chosen
        target = Path(path)
        try:
            enrolment = self._server.export_enrolment_file(target, self.server_url,
                                                           self.kiosk_options.room or None)
        except EnrolmentFileError as exc:
            self._say_export(str(exc), ok=False)
            return None
        except OSError as exc:
            reason = exc.strerror or str(exc)
            self._say_export(
                self.tr("The enrolment file could not be saved as {path} ({error}). Choose "
                        "another folder, a USB stick say, and export again.").format(
                    path=target, error=reason), ok=False)
            return None
        where = (self.tr("for kiosks on the center's network") if enrolment.fingerprint
                 else self.tr("for a kiosk on this computer only"))
        self._say_export(
            self.tr("Saved {path} ({where}; only you can read it). It holds the kiosk key: "
                    "delete it from the USB stick once the kiosk is enrolled.").format(
                path=target, where=where), ok=True)
        return target

    def make_code(self) -> IssuedCode | None:
        """Make a one-time code and show it with the fingerprint's first digits."""
        fingerprint = self._server.fingerprint
        if not self._server.uses_tls or not fingerprint:
            return None
        self._code = self._server.make_enrolment_code(self.kiosk_options.room or None)
        self.code_label.setText(format_code(self._code.code))
        self.digits_label.setText(code_digits(fingerprint))
        self._code_timer.start()
        self.refresh_code()
        return self._code

    def _switch_network(self, on: bool) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._server.set_listen_on_network(on)
        finally:
            QApplication.restoreOverrideCursor()
        self.refresh()

    def _say_export(self, sentence: str, ok: bool) -> None:
        self.export_message.setText(sentence)
        set_style_property(self.export_message, "tone", "ok" if ok else "danger")
        self.export_message.show()

    def _pin_text(self) -> str:
        fingerprint = self._server.fingerprint
        return f"sha256:{fingerprint}" if fingerprint else ""

    # ---- rows -------------------------------------------------------------------------------
    def _add_row(self, grid: QGridLayout, row: int, label: str, field: QWidget,
                 text: Callable[[], str], is_multiline: bool = False) -> QPushButton:
        caption = QLabel(label)
        caption.setObjectName("fieldCaption")
        align = Qt.AlignmentFlag.AlignTop if is_multiline else Qt.AlignmentFlag.AlignVCenter
        if is_multiline:
            caption.setContentsMargins(0, 7, 0, 0)
        copy = QPushButton(self.tr("Copy"))
        copy.setObjectName("copyButton")
        copy.setAccessibleName(self.tr("Copy {what}").format(what=label))
        copy.setAutoDefault(False)
        copy.clicked.connect(lambda: self._copy(text(), copy))
        self.copy_buttons.append(copy)
        grid.addWidget(caption, row, 0, align)
        grid.addWidget(field, row, 1)
        grid.addWidget(copy, row, 2, align)
        return copy

    def _copy(self, text: str, button: QPushButton) -> None:
        QGuiApplication.clipboard().setText(text)
        button.setText(self.tr("Copied"))
        QTimer.singleShot(COPIED_MS, button, lambda: button.setText(self.tr("Copy")))

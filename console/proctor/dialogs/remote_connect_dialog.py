"""RemoteConnectDialog: Connect kiosks on a console signed in to a center elsewhere with the
administrator's key (``proctor-console --server URL`` with ``PROCTOR_ADMIN_KEY``).

The center is a ``proctor-server`` this console does not hold, so everything comes from it over
the console's pinned connection: a one-time code (``POST /api/v1/enrolment-codes``, in the
README's ``K7QM-4XPD`` form, shown with the first 8 digits of the fingerprint), and for an
enrolment file or the command line the kiosk key, which the center gives to an enrolled kiosk
(a code made here and traded at once, ``POST /api/v1/enrol``). The camera the kiosks use and the
room they stand in go into the command line, and the room into the file and the code.
"""

from __future__ import annotations

import shlex
import socket
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QDir, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.i18n import local_digits
from console.proctor.dialogs.connect_dialog import (
    CODE_TICK_MS,
    COPIED_MS,
    CommandField,
    FingerprintField,
    _label,
    _mono,
    _section,
    code_digits,
    expiry_in_words,
    fingerprint_lines,
)
from console.proctor.dialogs.kiosk_options import KioskOptions
from console.ui import set_style_property
from core.domain.enrolment_codes import format_code
from core.net.enrolment_file import Enrolment, write_enrolment_file
from core.services.enrolment_codes import IssuedCode


class KioskSetupCenter(Protocol):
    """What the dialog needs of the center (``RemoteCenter`` signed in with the admin key)."""

    location: str
    fingerprint: str | None

    def now(self) -> Any: ...

    def make_enrolment_code(self, room: str | None = None) -> IssuedCode: ...

    def kiosk_enrolment(self, room: str | None = None) -> Enrolment: ...


def kiosk_command(enrolment: Enrolment, camera: str, room: str) -> str:
    """The ``proctor-candidate`` command for a kiosk of this center, with its camera and room."""
    words = ["proctor-candidate", "--server", enrolment.server_url,
             "--kiosk-key", enrolment.kiosk_key]
    if enrolment.fingerprint:
        words += ["--fingerprint", f"sha256:{enrolment.fingerprint}"]
    if camera and camera != "0":
        words += ["--camera", camera]
    if room:
        words += ["--room", room]
    return shlex.join(words)


class RemoteConnectDialog(QDialog):
    def __init__(self, center: KioskSetupCenter, tasks: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._center = center
        self._tasks = tasks
        self._code: IssuedCode | None = None
        self.enrolment: Enrolment | None = None
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Connect kiosks"))
        self.setMinimumWidth(600)
        # Everything but Close scrolls: a code under the rows is taller than an 800x600 screen.
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 12)
        self.body = QWidget()
        self.body.setObjectName("connectBody")
        self.scroll = QScrollArea()
        self.scroll.setStyleSheet("QScrollArea, QWidget#connectBody { background: transparent; }")
        self.scroll.viewport().setAutoFillBackground(False)
        self.scroll.setWidget(self.body)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll, 1)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(10)
        title = QLabel(self.tr("Connect kiosks"))
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        self.hint_label = _label(
            self.tr("Kiosks connect to the exam center at {address}. Set each one up once, with "
                    "a one-time code or an enrolment file; the kiosk then checks the center's "
                    "fingerprint before it sends anything.").format(address=center.location),
            "dialogHint")
        layout.addWidget(self.hint_label)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        self.address_field = QLineEdit(center.location)
        self.address_field.setReadOnly(True)
        self.fingerprint_field = FingerprintField()
        self.fingerprint_field.setAccessibleName(self.tr("Fingerprint"))
        self.fingerprint_field.setPlainText(
            fingerprint_lines(center.fingerprint) if center.fingerprint else
            self.tr("(none: the center does not use HTTPS, so only kiosks on its own computer "
                    "connect)"))
        self.kiosk_options = KioskOptions(self)
        self.camera_choice = self.kiosk_options.camera_choice
        self.room_field = self.kiosk_options.room_field
        self.key_field = QLineEdit()
        self.key_field.setReadOnly(True)
        self.key_field.setPlaceholderText(
            self.tr("shown when the center gives it (Show kiosk key)"))
        self.show_key_button = QPushButton(self.tr("Show kiosk key"))
        self.show_key_button.setAutoDefault(False)
        key_row = QWidget()
        key_layout = QHBoxLayout(key_row)
        key_layout.setContentsMargins(0, 0, 0, 0)
        key_layout.addWidget(self.key_field, 1)
        key_layout.addWidget(self.show_key_button)
        self.command_field = CommandField()
        self.command_field.setAccessibleName(self.tr("Command line"))
        copied = {"Address": lambda: self._center.location,
                  "Fingerprint": lambda: (f"sha256:{self._center.fingerprint}"
                                          if self._center.fingerprint else ""),
                  "Kiosk key": self.key_field.text,
                  "Command line": self.command_field.toPlainText}
        self.copy_buttons: dict[str, QPushButton] = {}
        captions = {"Address": self.tr("Address"), "Fingerprint": self.tr("Fingerprint"),
                    "Camera": self.tr("Camera"), "Room": self.tr("Room"),
                    "Kiosk key": self.tr("Kiosk key"), "Command line": self.tr("Command line")}
        for row, (text, field) in enumerate((("Address", self.address_field),
                                             ("Fingerprint", self.fingerprint_field),
                                             ("Camera", self.camera_choice),
                                             ("Room", self.room_field),
                                             ("Kiosk key", key_row),
                                             ("Command line", self.command_field))):
            caption = QLabel(captions[text])
            caption.setObjectName("fieldCaption")
            align = (Qt.AlignmentFlag.AlignTop if text in ("Fingerprint", "Command line")
                     else Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(caption, row, 0, align)
            grid.addWidget(field, row, 1)
            if text in copied:
                copy = QPushButton(self.tr("Copy"))
                copy.setObjectName("copyButton")
                copy.setAccessibleName(self.tr("Copy {what}").format(what=captions[text]))
                copy.setAutoDefault(False)
                copy.clicked.connect(lambda _checked=False, get=copied[text], button=copy:
                                     self._copy(get(), button))
                grid.addWidget(copy, row, 2, align)
                self.copy_buttons[text] = copy
        for field in (self.address_field, self.key_field, self.fingerprint_field,
                      self.command_field):
            field.setFont(_mono())
        layout.addLayout(grid)

        layout.addSpacing(4)
        layout.addWidget(_section(self.tr("Set up a kiosk")))
        actions = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export enrolment file…"))
        self.code_button = QPushButton(self.tr("Make a one-time code"))
        for button in (self.export_button, self.code_button):
            button.setAutoDefault(False)
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        self.message = _label(name="formMessage")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)

        self.code_card = QWidget()
        self.code_card.setObjectName("formCard")
        card = QGridLayout(self.code_card)
        card.setContentsMargins(14, 10, 14, 12)
        card.setHorizontalSpacing(24)
        card.setColumnStretch(2, 1)
        card.addWidget(_label(self.tr("Code"), "fieldCaption", wrap=False), 0, 0)
        card.addWidget(_label(self.tr("Fingerprint starts with"), "fieldCaption", wrap=False),
                       0, 1)
        self.code_label = _label(wrap=False)
        self.code_label.setFont(_mono(9, bold=True))
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.digits_label = _label(wrap=False)
        self.digits_label.setFont(_mono(9, bold=True))
        self.digits_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_expiry_label = _label()
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
        buttons.setContentsMargins(20, 0, 20, 0)
        outer.addWidget(buttons)

        self.show_key_button.clicked.connect(self.fetch_enrolment)
        self.export_button.clicked.connect(lambda: self.export_enrolment_file())
        self.code_button.clicked.connect(self.make_code)
        self.kiosk_options.changed.connect(self._options_changed)
        self.code_button.setEnabled(bool(center.fingerprint))
        self.command_field.document().documentLayout().documentSizeChanged.connect(
            lambda *_args: QTimer.singleShot(0, self._grow_to_fit))
        self._has_asked = False
        self._show_command()
        self.resize(640, self.body.sizeHint().height() + 60)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._grow_to_fit)
        if not self._has_asked:  # the kiosk key, so the command line is whole at once
            self._has_asked = True
            self.fetch_enrolment()

    def _grow_to_fit(self) -> None:
        """A longer command line or a code: grow, as far as the screen has room; beyond that
        the rows scroll (Close stays in view)."""
        self.body.layout().activate()
        needed = (self.body.sizeHint().height() + self.height()
                  - self.scroll.viewport().height())
        screen = self.screen()
        if screen is not None:
            needed = min(needed, screen.availableGeometry().height() - 48)  # its frame
        if needed > self.height():
            self.resize(self.width(), needed)

    def _copy(self, text: str, button: QPushButton) -> None:
        QGuiApplication.clipboard().setText(text)
        button.setText(self.tr("Copied"))
        QTimer.singleShot(COPIED_MS, button, lambda: button.setText(self.tr("Copy")))

    # ---- what the proctor chose ------------------------------------------------------------
    @property
    def camera(self) -> str:
        return self.kiosk_options.camera

    @property
    def room(self) -> str:
        return self.kiosk_options.room

    # ---- commands --------------------------------------------------------------------------
    def fetch_enrolment(self) -> None:
        """Ask the center for the kiosk key (and the address it answers at), off the GUI
        thread; the key and the command line show when it answers."""
        self._say(self.tr("Asking the center…"), "info")
        self._tasks.submit(self._center.kiosk_enrolment, self.room or None,
                           on_done=self._take_enrolment, on_error=self._failed)

    def export_enrolment_file(self, path: Path | str | None = None) -> None:
        """Save an enrolment file (mode 0600) with the center's address, kiosk key, fingerprint
        and the room; asks where when ``path`` is None."""
        if path is None:
            suggested = Path(QDir.homePath()) / (
                f"kiosk-enrolment-{socket.gethostname().split('.')[0] or 'center'}.json")
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("Export enrolment file"), str(suggested),
                self.tr("Enrolment files (*.json);;All files (*)"))
            if not chosen:
                return
            path = chosen
        target = Path(path)
        self._say(self.tr("Asking the center for the kiosk key…"), "info")

        def write(enrolment: Enrolment) -> None:
            self._take_enrolment(enrolment)
            try:
                write_enrolment_file(target, enrolment)
            except OSError as exc:
                self._say(self.tr("The enrolment file could not be saved as {path} ({error}). "
                                  "Choose another folder, a USB stick say, and export again.")
                          .format(path=target, error=exc.strerror or exc), "danger")
                return
            self._say((self.tr("Saved {path} for {room} (only you can read it). It holds the "
                               "kiosk key: delete it from the USB stick once the kiosk is "
                               "enrolled.") if enrolment.room else
                       self.tr("Saved {path} (only you can read it). It holds the kiosk key: "
                               "delete it from the USB stick once the kiosk is enrolled."))
                      .format(path=target, room=enrolment.room), "ok")

        self._tasks.submit(self._center.kiosk_enrolment, self.room or None,
                           on_done=write, on_error=self._failed)

    def make_code(self) -> None:
        """A one-time code from the center for the room given, shown with the digits."""
        self._say(self.tr("Asking the center for a code…"), "info")
        self._tasks.submit(self._center.make_enrolment_code, self.room or None,
                           on_done=self._take_code, on_error=self._failed)

    def refresh_code(self) -> None:
        code = self._code
        if code is None:
            self.code_card.hide()
            self._code_timer.stop()
            return
        left = expiry_in_words(code.expires_at, self._center.now())
        at = local_digits(code.expires_at.astimezone().strftime("%H:%M"))
        where = (" " + self.tr("It enrols the kiosk in {room}.").format(room=code.room)
                 if code.room else "")
        if left is None:
            self.code_expiry_label.setText(
                self.tr("This code expired at {time}. Make a new one for the next kiosk.").format(
                    time=at))
            self.code_label.setEnabled(False)
            self._code_timer.stop()
        else:
            self.code_expiry_label.setText(
                self.tr("On the kiosk, choose to enrol with a code and type the center's address "
                        "({address}), the code and these {count} digits. The code works once "
                        "and expires {left} (at {time}).").format(
                    address=self._center.location, count=local_digits("8"), left=left,
                    time=at) + where)
            self.code_label.setEnabled(True)
        self.code_card.show()

    # ---- answers ---------------------------------------------------------------------------
    def _take_enrolment(self, enrolment: Enrolment) -> None:
        self.enrolment = enrolment
        self.key_field.setText(enrolment.kiosk_key)
        self.key_field.setCursorPosition(0)
        self.message.hide()
        self._show_command()

    def _take_code(self, code: IssuedCode) -> None:
        self._code = code
        self.code_label.setText(format_code(code.code))
        fingerprint = self._center.fingerprint
        self.digits_label.setText(code_digits(fingerprint) if fingerprint else "")
        self.message.hide()
        self._code_timer.start()
        self.refresh_code()
        QTimer.singleShot(0, self._grow_to_fit)
        QTimer.singleShot(50, lambda: self.scroll.ensureWidgetVisible(self.code_card))

    def _failed(self, error: BaseException) -> None:
        self._say(self.tr("{error} Nothing was made; try again.").format(error=error), "danger")

    def _options_changed(self) -> None:
        if self.enrolment is not None:
            self.enrolment = Enrolment(self.enrolment.server_url, self.enrolment.kiosk_key,
                                       self.enrolment.fingerprint, self.room or None)
        self._show_command()

    def _show_command(self) -> None:
        enrolment = self.enrolment or Enrolment(self._center.location, "KEY",
                                                self._center.fingerprint)
        self.command_field.setPlainText(kiosk_command(enrolment, self.camera, self.room))

    def _say(self, text: str, tone: str) -> None:
        self.message.setText(text)
        set_style_property(self.message, "tone", tone)
        self.message.show()
        QTimer.singleShot(50, lambda: self.scroll.ensureWidgetVisible(self.message))

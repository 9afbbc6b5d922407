"""SignInDialog: sign this console in to an exam center that runs elsewhere (a ``proctor-server``
or another console), as a proctor with a username and password, or with the center's admin key.

The address and the username last used are filled in, and so is the center's fingerprint for
that address. Signing in runs on the task runner; a refusal is shown as one sentence in the
dialog, everything typed stays, and the field to fix gets the focus. On success the dialog is
accepted and ``center`` is the signed-in ``RemoteCenter`` (the caller owns and closes it).

When the center signed the console out (``explain``), the dialog opens with the center's
sentence shown, so the person knows why they are asked again."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol, TypeVar
from urllib.parse import SplitResult, urlsplit

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.i18n import said, translate
from console.proctor.center.interface import CenterRefused, CenterUnavailable, NotAllowed
from console.proctor.center.remote import RemoteCenter, sign_in, with_admin_key
from console.tasks import TaskRunner
from console.ui import dialog_header
from core.client import ServesHttpsOnly
from core.domain.errors import InvalidInput
from core.net.pinning import CenterIdentityChanged, PinError, as_pin, is_certificate_refusal

SIGN_IN = QT_TRANSLATE_NOOP("SignInDialog", "Sign in")
SIGNING_IN = QT_TRANSLATE_NOOP("SignInDialog", "Signing in…")
ADDRESS_EXAMPLE = "https://10.0.0.5:8765"
_E = TypeVar("_E", bound=BaseException)
#: What proctor-server prints before the fingerprint, and a word people copy along with it.
_FINGERPRINT_LEAD = re.compile(r"^\s*(certificate\s+)?sha256\s*[: ]\s*", re.IGNORECASE)


class CenterMemory(Protocol):
    """What the dialog remembers between sign-ins (``ConsoleSettings`` keeps it in console.ini):
    never a password or a key."""

    last_center_url: str
    last_center_username: str

    def center_fingerprint(self, url: str) -> str: ...

    def remember_center_fingerprint(self, url: str, fingerprint: str) -> None: ...


class AddressProblem(ValueError):
    """The address cannot be a center's address; the message says how to write one."""


def center_url(text: str) -> str:
    """The address as typed, cleaned: ``http://`` is assumed when no scheme is given (a pinned
    center is upgraded to https by the pin)."""
    url = text.strip().rstrip("/")
    if not url:
        raise AddressProblem(translate(
            "SignInDialog", "Type the exam center's address, for example {example}.").format(
            example=ADDRESS_EXAMPLE))
    if "://" not in url:
        url = f"http://{url}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in url \
            or not _has_valid_port(parts):
        raise AddressProblem(translate(
            "SignInDialog", "“{text}” is not an address a center answers on: write it like "
            "{example}.").format(
            text=text.strip(), example=ADDRESS_EXAMPLE))
    return url


def _has_valid_port(parts: SplitResult) -> bool:
    try:
        parts.port  # noqa: B018 - reading it checks it
    except ValueError:  # not a number, or out of range
        return False
    return True


def center_pin(text: str) -> str | None:
    """The fingerprint typed (``sha256:…``, bare hex, with colons or spaces, or proctor-server's
    whole ``certificate sha256 …`` line) as a pin; None when the field is empty. Raises
    ``PinError`` with a sentence for anything else."""
    if not text.strip():
        return None
    return as_pin(_FINGERPRINT_LEAD.sub("", text))


def _note(text: str) -> QLabel:
    note = QLabel(text)
    note.setObjectName("dialogNote")
    note.setWordWrap(True)
    return note


def _with_note(field: QWidget, note: QLabel) -> QWidget:
    """A field with the sentence that explains it under it, as one row of a form."""
    row = QWidget()
    column = QVBoxLayout(row)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(4)
    column.addWidget(field)
    column.addWidget(note)
    return row


def _behind(error: BaseException, kind: type[_E]) -> _E | None:
    """The ``kind`` error behind ``error`` (a proctor's sign-in raises a changed identity as it
    is; the admin key's first call reports it as the center being unavailable; an address of
    a center that serves HTTPS only is reported as unavailable, with ``ServesHttpsOnly``
    behind)."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__
    return None


class SignInDialog(QDialog):
    def __init__(self, tasks: TaskRunner, memory: CenterMemory,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._memory = memory
        #: The signed-in center once the dialog is accepted.
        self.center: RemoteCenter | None = None
        self.is_signing_in = False
        self._is_closed = False
        self._shown_pin = ""
        #: The field the cursor starts in when the dialog shows (None: the first empty one).
        self._start_field: QLineEdit | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in to an exam center"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        # Never narrower than its words (the admin key's check box does not wrap, and other
        # languages are longer than English).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        dialog_header(layout, self.tr("Sign in to an exam center"),
                      self.tr("Use the address of the center's server and the account its "
                              "administrator made for you."))

        form_box = QWidget()
        form_box.setObjectName("formCard")
        self.form = QFormLayout(form_box)
        self.form.setContentsMargins(14, 12, 14, 12)
        self.form.setVerticalSpacing(8)
        self.address_field = QLineEdit()
        self.address_field.setPlaceholderText(self.tr("e.g. {example}").format(
            example=ADDRESS_EXAMPLE))
        self.username_field = QLineEdit()
        self.username_field.setPlaceholderText(self.tr("e.g. dana"))
        self.password_field = QLineEdit()
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_key_field = QLineEdit()
        self.admin_key_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.fingerprint_field = QLineEdit()
        self.fingerprint_field.setPlaceholderText(self.tr("sha256:… (for an https address)"))
        self.form.addRow(self.tr("Server address"), self.address_field)
        self.form.addRow(self.tr("Username"), self.username_field)
        self.form.addRow(self.tr("Password"), self.password_field)
        self.admin_note = _note(self.tr("proctor-server --show-keys prints it on the center's "
                                        "server."))
        self.admin_key_row = _with_note(self.admin_key_field, self.admin_note)
        self.form.addRow(self.tr("Admin key"), self.admin_key_row)
        self.admin_box = QCheckBox(self.tr("Sign in with the center's admin key instead"))
        self.admin_box.setToolTip(self.tr("For the center's administrator, who manages proctor "
                                          "accounts."))
        self.admin_box.toggled.connect(self._show_mode)
        self.form.addRow("", self.admin_box)
        self.fingerprint_note = _note(self.tr(
            "The center's Connect kiosks window shows it, and so does the “certificate "
            "sha256 …” line proctor-server prints when it starts. It is remembered for this "
            "address."))
        self.form.addRow(self.tr("Center fingerprint"),
                         _with_note(self.fingerprint_field, self.fingerprint_note))
        layout.addWidget(form_box)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemBanner")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.sign_in_button = QPushButton(self.tr(SIGN_IN))
        self.sign_in_button.setObjectName("primaryButton")
        self.sign_in_button.setDefault(True)  # Enter in any field signs in
        self.sign_in_button.clicked.connect(self.submit)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)
        layout.addLayout(buttons)

        self.address_field.textChanged.connect(self._address_changed)
        self.address_field.setText(memory.last_center_url)
        self.username_field.setText(memory.last_center_username)
        self._show_mode(False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        (self._start_field or self.first_empty_field()).setFocus()

    def fill(self, url: str | None, username: str | None, fingerprint: str | None) -> None:
        """Start from what the command line gave (``--server``, ``--user``, ``--fingerprint``);
        None keeps what is remembered."""
        if url:
            self.address_field.setText(url)
        if username:
            self.username_field.setText(username)
        if fingerprint:
            self.fingerprint_field.setText(fingerprint)

    def explain(self, reason: str) -> None:
        """The center signed this console out: show its sentence; the cursor goes to the
        password, or to the username when the account was disabled (another account is
        needed)."""
        field = self.username_field if "disabled" in reason else self.password_field
        self.password_field.clear()
        self._start_field = field
        self.show_problem(reason, field)

    # ---- what the form holds -----------------------------------------------------------------
    @property
    def uses_admin_key(self) -> bool:
        return self.admin_box.isChecked()

    def first_empty_field(self) -> QLineEdit:
        """Where typing starts: the first field still empty (the password when all are)."""
        fields = ([self.address_field, self.admin_key_field] if self.uses_admin_key
                  else [self.address_field, self.username_field, self.password_field])
        return next((f for f in fields if not f.text().strip()), fields[-1])

    # ---- signing in ----------------------------------------------------------------------------
    def submit(self) -> None:
        if self.is_signing_in:
            return
        try:
            url = center_url(self.address_field.text())
        except AddressProblem as problem:
            self.show_problem(str(problem), self.address_field)
            return
        try:
            pin = center_pin(self.fingerprint_field.text())
        except PinError as problem:
            self.show_problem(str(problem), self.fingerprint_field)
            return
        if self.uses_admin_key:
            key = self.admin_key_field.text().strip()
            if not key:
                self.show_problem(self.tr("Paste the center's admin key first."),
                                  self.admin_key_field)
                return
            held = self._held_before(url, pin)
            self._start(url, pin, lambda: with_admin_key(url, key, fingerprint=pin,
                                                         fingerprint_held=held))
            return
        username = self.username_field.text().strip()
        password = self.password_field.text()
        if not username:
            self.show_problem(self.tr("Type your username first."), self.username_field)
            return
        if not password:
            self.show_problem(self.tr("Type your password first."), self.password_field)
            return
        held = self._held_before(url, pin)
        self._start(url, pin, lambda: sign_in(url, username, password, fingerprint=pin,
                                              fingerprint_held=held))

    def _held_before(self, url: str, pin: str | None) -> bool:
        """The fingerprint is the one this console signed in with before at that address: a
        mismatch is then an identity change, not a typing mistake."""
        try:
            remembered = center_pin(self._memory.center_fingerprint(url))
        except PinError:
            return False
        return pin is not None and pin == remembered

    def _start(self, url: str, pin: str | None, work: Callable[[], RemoteCenter]) -> None:
        self.is_signing_in = True
        self.problem_label.hide()
        self._set_busy(True)
        self._tasks.submit(work, on_done=lambda center: self._signed_in(center, url, pin),
                           on_error=lambda error: self._failed(error, url, pin))

    def _signed_in(self, center: RemoteCenter, url: str, pin: str | None) -> None:
        self.is_signing_in = False
        if self._is_closed:  # cancelled while the center answered
            center.close()
            return
        self._memory.last_center_url = url
        if not self.uses_admin_key:
            self._memory.last_center_username = self.username_field.text().strip()
        self._memory.remember_center_fingerprint(url, pin or "")
        self.center = center
        self.accept()

    def _failed(self, error: BaseException, url: str, pin: str | None) -> None:
        self.is_signing_in = False
        if self._is_closed:
            return
        self._set_busy(False)
        secret_field = self.admin_key_field if self.uses_admin_key else self.password_field
        changed = _behind(error, CenterIdentityChanged)
        if changed is not None:
            self.show_problem(str(changed), self.fingerprint_field)
        elif _behind(error, ServesHttpsOnly) is not None:  # an http:// address, HTTPS only
            self.show_problem(str(error), self.address_field)
        elif isinstance(error, CenterUnavailable) and pin is None and \
                url.startswith("https:") and is_certificate_refusal(error):
            self.show_problem(
                self.tr("The center at {url} uses its own certificate, so this console needs its "
                        "fingerprint: paste it into Center fingerprint.").format(url=url),
                self.fingerprint_field)
        elif isinstance(error, CenterUnavailable):
            self.show_problem(
                self.tr("Nothing answered at {url}. Check the server address and its port, and "
                        "that the center's server is running.").format(url=url),
                self.address_field)
        elif isinstance(error, CenterRefused):
            self.show_problem(self.tr("The center refused this admin key. Copy it again from the "
                                      "center's server and paste it here."),
                              self.admin_key_field)
        elif isinstance(error, NotAllowed):
            self.show_problem(self.tr("This is not the center's admin key (it may be the kiosk "
                                      "key). Paste the admin key, or sign in with a proctor "
                                      "account."),
                              self.admin_key_field)
        elif isinstance(error, InvalidInput):
            disabled = getattr(error, "code", None) == "account_disabled"
            self.show_problem(said(error), self.username_field if disabled else secret_field)
        else:
            self.show_problem(self.tr("Signing in did not work: {error} Check the address and "
                                      "try again.").format(error=said(error)), self.address_field)

    def show_problem(self, sentence: str, field: QLineEdit) -> None:
        """Show why signing in did not work and put the cursor where the fix goes."""
        self.problem_label.setText(sentence)
        self.problem_label.show()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))  # no squeezing
        field.setFocus()
        field.selectAll()

    def reject(self) -> None:
        self._is_closed = True
        super().reject()

    def done(self, result: int) -> None:
        self._is_closed = True
        super().done(result)

    # ---- the form's state ----------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.sign_in_button.setText(self.tr(SIGNING_IN if busy else SIGN_IN))
        self.sign_in_button.setEnabled(not busy)
        for widget in (self.address_field, self.username_field, self.password_field,
                       self.admin_key_field, self.fingerprint_field, self.admin_box):
            widget.setEnabled(not busy)

    def _show_mode(self, use_admin_key: bool) -> None:
        for field in (self.username_field, self.password_field):
            self.form.setRowVisible(field, not use_admin_key)
        self.form.setRowVisible(self.admin_key_row, use_admin_key)
        self.problem_label.hide()
        if self.isVisible():
            self.first_empty_field().setFocus()

    def _address_changed(self, text: str) -> None:
        """Fill in the fingerprint remembered for the address typed, unless the one in the
        field was typed by hand."""
        current = self.fingerprint_field.text()
        if current and current != self._shown_pin:
            return
        try:
            remembered = self._memory.center_fingerprint(center_url(text))
        except AddressProblem:
            remembered = ""
        self._shown_pin = remembered
        self.fingerprint_field.setText(remembered)
        self.fingerprint_field.setCursorPosition(0)

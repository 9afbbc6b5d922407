"""The dialogs behind the proctor's actions: Flag, Warn, Terminate, Pause and Add time. Each is
a small form whose main button is off until the form is valid.

The keyboard never acts by accident: a dialog opens with its text field focused, no button is
an "auto default" (Space types a space, it never presses the main button), and Enter submits
only a valid form (Shift+Enter is a new line in a text box). What is missing is said once the
person has typed or tried to submit, not on opening."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from console.i18n import translate
from console.ui import dialog_header
from core.domain.enums import FLAG_REASONS
from core.domain.lifecycle import MAX_EXTRA_MINUTES
from core.domain.records import SessionDTO
from core.services.proctoring import MAX_REASON, MAX_TEXT

OTHER_REASON = "Other"
#: FLAG_REASONS in the window's language (the center records the English reason).
FLAG_REASON_WORDS = {
    "Looking away repeatedly": QT_TRANSLATE_NOOP("FlagDialog", "Looking away repeatedly"),
    "Another person present": QT_TRANSLATE_NOOP("FlagDialog", "Another person present"),
    "Camera covered or off": QT_TRANSLATE_NOOP("FlagDialog", "Camera covered or off"),
    "Using a phone or notes": QT_TRANSLATE_NOOP("FlagDialog", "Using a phone or notes"),
    "Left the seat": QT_TRANSLATE_NOOP("FlagDialog", "Left the seat"),
    "Other": QT_TRANSLATE_NOOP("FlagDialog", "Other"),
}
#: Ready messages (sent in the proctor's language: the console's).
WARNING_PRESETS = (
    QT_TRANSLATE_NOOP("WarnDialog", "Please keep your face in view of the camera."),
    QT_TRANSLATE_NOOP("WarnDialog", "Please keep your eyes on your own screen."),
    QT_TRANSLATE_NOOP("WarnDialog", "Please put away your phone and notes."),
    QT_TRANSLATE_NOOP("WarnDialog", "Only you may be in the room during the exam."),
    QT_TRANSLATE_NOOP("WarnDialog", "Please stay in the exam window."),
)


_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _ActionDialog(QDialog):
    """A small form with a line under it that says what is missing (see the module's notes on
    the keyboard)."""

    def __init__(self, session: SessionDTO, parent: QWidget | None, title: str, hint: str,
                 ok_text: str, danger: bool = False) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("actionDialog")
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.body = QVBoxLayout(self)
        self.body.setSpacing(10)
        self.body.setContentsMargins(20, 18, 20, 16)
        dialog_header(self.body, title, hint)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(10)
        self.body.addLayout(self.form)
        self.problem_label = QLabel()
        self.problem_label.setObjectName("formProblem")
        self.problem_label.setWordWrap(True)
        self.body.addStretch(1)
        self.body.addWidget(self.problem_label)
        # Plain buttons, not a QDialogButtonBox: a button box makes its accept button the
        # default when shown, and a default button is pressed by Enter from anywhere.
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.ok_button = QPushButton(ok_text)
        self.ok_button.setObjectName("dangerButton" if danger else "primaryButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.cancel_button, self.ok_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self.accept)
        self.body.addLayout(buttons)
        #: The field that has the focus when the dialog opens (set by each dialog).
        self.first_field: QWidget | None = None
        #: The person typed, chose or tried to submit: problems are shown from now on.
        self.touched = False

    def problem(self) -> str | None:
        """Why the dialog cannot be accepted yet, or None."""
        return None

    def revalidate(self) -> None:
        problem = self.problem()
        self.ok_button.setEnabled(problem is None)
        self.problem_label.setText((problem or "") if self.touched else "")

    def edited(self) -> None:
        """A field changed: from now on the form says what is missing."""
        self.touched = True
        self.revalidate()

    def accept(self) -> None:
        if self.problem() is None:
            super().accept()
        else:
            self.touched = True
            self.revalidate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.first_field is not None:
            self.first_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER_KEYS:
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()  # Enter on Cancel cancels
            else:
                self.accept()  # submits only a valid form; else the problem is shown
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in a text box submits (when valid); Shift+Enter is a new line."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _choice_box() -> QComboBox:
        """A list of ready texts that asks for a usual width, not its longest item's (a long
        sentence, longer still in another language, would squeeze the form's labels)."""
        box = QComboBox()
        box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(24)
        return box

    def _text_box(self, placeholder: str, height: int = 84) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setPlaceholderText(placeholder)
        box.setTabChangesFocus(True)
        box.setFixedHeight(height)
        box.installEventFilter(self)
        box.textChanged.connect(self.edited)
        return box


def _too_long(text: str, limit: int) -> str | None:
    if len(text) > limit:
        return translate("ActionDialogs", "Shorten the text to {limit} characters (now "
                         "{length}).").format(limit=limit, length=len(text))
    return None


class FlagDialog(_ActionDialog):
    def __init__(self, session: SessionDTO, parent: QWidget | None = None) -> None:
        super().__init__(
            session, parent,
            translate("FlagDialog", "Flag {name}").format(name=session.candidate_name),
            translate("FlagDialog", "Flagging marks the session for review and raises its risk "
                      "score. The candidate is not told; the flag and your note go on the "
                      "session's timeline."),
            translate("FlagDialog", "Flag session"),
        )
        self.reason_box = self._choice_box()
        for reason in FLAG_REASONS:
            self.reason_box.addItem(self.tr(FLAG_REASON_WORDS.get(reason, reason)), reason)
        self.note_box = self._text_box(self.tr("What did you see? Optional, needed for "
                                               "“Other”."))
        self.form.addRow(self.tr("Reason"), self.reason_box)
        self.form.addRow(self.tr("Note"), self.note_box)
        self.reason_box.currentTextChanged.connect(self.edited)
        self.first_field = self.note_box
        self.revalidate()

    @property
    def reason(self) -> str:
        """The chosen reason as the center records it (in English)."""
        return str(self.reason_box.currentData())

    @property
    def note(self) -> str:
        return self.note_box.toPlainText().strip()

    def problem(self) -> str | None:
        if self.reason == OTHER_REASON and not self.note:
            return self.tr("With “Other”, write in the note what you saw.")
        return _too_long(self.note, MAX_TEXT)


class WarnDialog(_ActionDialog):
    def __init__(self, session: SessionDTO, parent: QWidget | None = None) -> None:
        super().__init__(
            session, parent,
            translate("WarnDialog", "Warn {name}").format(name=session.candidate_name),
            translate("WarnDialog", "The message appears on the candidate's kiosk at once and "
                      "stays until they acknowledge it. It goes on the session's timeline."),
            translate("WarnDialog", "Send warning"),
        )
        self.preset_box = self._choice_box()
        self.preset_box.addItem(self.tr("Write your own…"))
        self.preset_box.addItems([self.tr(preset) for preset in WARNING_PRESETS])
        self.message_box = self._text_box(self.tr("Type the message the candidate will read."))
        self.form.addRow(self.tr("Ready message"), self.preset_box)
        self.form.addRow(self.tr("Message"), self.message_box)
        self.preset_box.currentIndexChanged.connect(self._use_preset)
        self.first_field = self.message_box
        self.revalidate()

    @property
    def message(self) -> str:
        return self.message_box.toPlainText().strip()

    def problem(self) -> str | None:
        if not self.message:
            return self.tr("Write a message or pick a ready one.")
        return _too_long(self.message, MAX_TEXT)

    def _use_preset(self, position: int) -> None:
        if position > 0:
            self.message_box.setPlainText(self.preset_box.itemText(position))


class TerminateDialog(_ActionDialog):
    def __init__(self, session: SessionDTO, parent: QWidget | None = None) -> None:
        super().__init__(
            session, parent,
            translate("TerminateDialog", "Terminate the exam of {name}?").format(
                name=session.candidate_name),
            translate("TerminateDialog", "The attempt ends now for {name} ({ref}) and cannot be "
                      "resumed. The session is closed as cancelled and your reason goes on its "
                      "timeline.").format(name=session.candidate_name, ref=session.candidate_ref),
            translate("TerminateDialog", "Terminate exam"), danger=True,
        )
        self.reason_box = self._text_box(self.tr("Why is this exam being ended? (required)"))
        self.confirm_box = QCheckBox(self.tr("I have checked: end this exam now."))
        self.form.addRow(self.tr("Reason"), self.reason_box)
        self.form.addRow("", self.confirm_box)
        self.confirm_box.toggled.connect(self.edited)
        self.first_field = self.reason_box
        self.revalidate()

    @property
    def reason(self) -> str:
        return self.reason_box.toPlainText().strip()

    def problem(self) -> str | None:
        if not self.reason:
            return self.tr("Write the reason for ending the exam.")
        if not self.confirm_box.isChecked():
            return self.tr("Tick the confirmation to end the exam.")
        return _too_long(self.reason, MAX_TEXT)


#: Ready reasons (shown to the candidate in the proctor's language: the console's).
PAUSE_REASONS = (
    QT_TRANSLATE_NOOP("PauseDialog", "Fire alarm: leave the room calmly and wait for the "
                      "proctor."),
    QT_TRANSLATE_NOOP("PauseDialog", "A technical problem in the room: please wait; your time "
                      "is kept."),
    QT_TRANSLATE_NOOP("PauseDialog", "A short break: please stay in your seat."),
)


class PauseDialog(_ActionDialog):
    """Pause one session, or (``room_count``) every running session of a room."""

    def __init__(self, session: SessionDTO, parent: QWidget | None = None,
                 room: str | None = None, room_count: int = 0) -> None:
        title = (translate("PauseDialog", "Pause all {count} running exams in {room}").format(
            count=room_count, room=room) if room else
            translate("PauseDialog", "Pause the exam of {name}").format(
                name=session.candidate_name))
        super().__init__(
            session, parent, title,
            translate("PauseDialog", "The clock stops and the kiosk shows your reason until you "
                      "resume; the time is given back then. What happens while paused does not "
                      "count against the candidate."),
            translate("PauseDialog", "Pause"),
        )
        self.preset_box = self._choice_box()
        self.preset_box.addItem(self.tr("Write your own…"))
        self.preset_box.addItems([self.tr(reason) for reason in PAUSE_REASONS])
        self.reason_box = self._text_box(self.tr("What the candidate reads while paused "
                                                 "(required)"), 60)
        self.form.addRow(self.tr("Ready reason"), self.preset_box)
        self.form.addRow(self.tr("Reason"), self.reason_box)
        self.preset_box.currentIndexChanged.connect(self._use_preset)
        self.first_field = self.reason_box
        self.revalidate()

    @property
    def reason(self) -> str:
        return " ".join(self.reason_box.toPlainText().split())

    def problem(self) -> str | None:
        if not self.reason:
            return self.tr("Write the reason the candidate will read, or pick a ready one.")
        return _too_long(self.reason, MAX_REASON)

    def _use_preset(self, position: int) -> None:
        if position > 0:
            self.reason_box.setPlainText(self.preset_box.itemText(position))


class AddTimeDialog(_ActionDialog):
    def __init__(self, session: SessionDTO, parent: QWidget | None = None) -> None:
        super().__init__(
            session, parent,
            translate("AddTimeDialog", "Add time for {name}").format(name=session.candidate_name),
            translate("AddTimeDialog", "The deadline moves by the minutes you give, at once on "
                      "the kiosk too. The reason and your name go on the timeline."),
            translate("AddTimeDialog", "Add time"),
        )
        self.minutes_box = QSpinBox()
        self.minutes_box.setRange(1, MAX_EXTRA_MINUTES)
        self.minutes_box.setValue(10)
        self.minutes_box.setSuffix(self.tr(" min"))
        self.reason_box = self._text_box(self.tr("Why? e.g. the kiosk was restarted (required)"),
                                         60)
        self.form.addRow(self.tr("Extra time"), self.minutes_box)
        self.form.addRow(self.tr("Reason"), self.reason_box)
        self.minutes_box.valueChanged.connect(self.edited)
        self.first_field = self.reason_box
        self.revalidate()

    @property
    def minutes(self) -> int:
        return self.minutes_box.value()

    @property
    def reason(self) -> str:
        return " ".join(self.reason_box.toPlainText().split())

    def problem(self) -> str | None:
        if not self.reason:
            return self.tr("Write the reason for the extra time.")
        return _too_long(self.reason, MAX_REASON)

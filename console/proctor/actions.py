"""SessionActions: the proctor's actions on a session (flag, warn, terminate), shared by every
window that shows sessions. Each opens a small dialog, then calls the core service in the task
runner; the result comes back as ``action_finished`` or ``action_failed`` (with a message that
says what to do next, also shown in a message box unless ``show_errors`` is off).

Usage from any window::

    actions = SessionActions(context, self)
    actions.action_finished.connect(...)
    if actions.can_act(session):
        actions.flag(session)        # opens the dialog; submits when it is accepted
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from console.i18n import said, translate
from console.proctor.center.interface import CenterRefused, CenterUnavailable, NotAllowed
from console.proctor.context import ConsoleContext
from console.proctor.dialogs.action_dialogs import (
    AddTimeDialog,
    FlagDialog,
    PauseDialog,
    TerminateDialog,
    WarnDialog,
)
from core.domain.enums import SessionStatus
from core.domain.errors import (
    AlreadyTerminated,
    Conflict,
    InvalidInput,
    NotFound,
    SessionEnded,
)
from core.domain.records import SessionDTO

log = logging.getLogger(__name__)

FLAG = "flag"
WARN = "warn"
TERMINATE = "terminate"
PAUSE = "pause"
RESUME = "resume"
ADD_TIME = "add_time"

ACTION_DONE_WORDS = {
    FLAG: "Flagged {name} for review.",
    WARN: "Warning sent to {name}.",
    TERMINATE: "Terminated the exam of {name}.",
    PAUSE: "Paused the exam of {name}: the clock stands still until you resume.",
    RESUME: "Resumed the exam of {name}: the paused time was given back.",
    ADD_TIME: "Added time for {name}.",
}
ACTION_VERBS = {FLAG: "flag the session", WARN: "send the warning", TERMINATE: "terminate the exam",
                PAUSE: "pause the exam", RESUME: "resume the exam", ADD_TIME: "add time"}


class SessionActions(QObject):
    action_finished = Signal(str, str)  # session_id, action (flag / warn / terminate)
    action_failed = Signal(str, str)  # session_id, message (what happened, what to do)

    def __init__(self, context: ConsoleContext, parent: QWidget) -> None:
        super().__init__(parent)
        self._context = context
        self._parent = parent
        #: Show failures in a message box (the signal is emitted either way).
        self.show_errors = True
        self.last_error_box: QMessageBox | None = None
        self._names: dict[str, str] = {}

    # ---- what may be done ----------------------------------------------------------------
    @staticmethod
    def can_act(session: SessionDTO | None) -> bool:
        """Flag, warn and terminate need a real, active session."""
        return (session is not None and not session.is_sample
                and session.status == SessionStatus.ACTIVE)

    @staticmethod
    def why_not(session: SessionDTO | None) -> str | None:
        """Why the actions are off for ``session`` (for tooltips and menus), or None."""
        if session is None:
            return translate("SessionActions", "Select a session first.")
        if session.is_sample:
            return translate("SessionActions",
                             "Sample sessions are for display only: actions are off.")
        if session.status != SessionStatus.ACTIVE:
            return translate("SessionActions", "This session has ended: actions are off.")
        return None

    # ---- dialogs -------------------------------------------------------------------------
    def flag(self, session: SessionDTO | None) -> FlagDialog | None:
        if not self._allowed(session, FLAG):
            return None
        assert session is not None
        dialog = FlagDialog(session, self._parent)
        dialog.accepted.connect(
            lambda: self.submit_flag(session.session_id, dialog.reason, dialog.note,
                                     name=session.candidate_name))
        return self._show(dialog)

    def warn(self, session: SessionDTO | None) -> WarnDialog | None:
        if not self._allowed(session, WARN):
            return None
        assert session is not None
        dialog = WarnDialog(session, self._parent)
        dialog.accepted.connect(
            lambda: self.submit_warning(session.session_id, dialog.message,
                                        name=session.candidate_name))
        return self._show(dialog)

    def terminate(self, session: SessionDTO | None) -> TerminateDialog | None:
        if not self._allowed(session, TERMINATE):
            return None
        assert session is not None
        dialog = TerminateDialog(session, self._parent)
        dialog.accepted.connect(
            lambda: self.submit_termination(session.session_id, dialog.reason,
                                            name=session.candidate_name))
        return self._show(dialog)

    def pause(self, session: SessionDTO | None) -> PauseDialog | None:
        if not self._allowed(session, PAUSE):
            return None
        assert session is not None
        if session.paused:
            self._fail(session.session_id, PAUSE, "This exam is already paused; resume it to "
                                                  "start its clock again.")
            return None
        dialog = PauseDialog(session, self._parent)
        dialog.accepted.connect(
            lambda: self.submit_pause(session.session_id, dialog.reason,
                                      name=session.candidate_name))
        return self._show(dialog)

    def pause_room(self, room: str, sessions: list[SessionDTO]) -> PauseDialog | None:
        """Pause every running, unpaused session of ``room`` with one reason."""
        running = [s for s in sessions if s.room == room and self.can_act(s) and not s.paused]
        if not running:
            self._fail("", PAUSE, f"No running exam in {room} can be paused (each is paused "
                                  "or has ended already).")
            return None
        dialog = PauseDialog(running[0], self._parent, room=room, room_count=len(running))
        dialog.accepted.connect(lambda: [
            self.submit_pause(s.session_id, dialog.reason, name=s.candidate_name)
            for s in running])
        return self._show(dialog)

    def resume(self, session: SessionDTO | None) -> None:
        if not self._allowed(session, RESUME):
            return
        assert session is not None
        self.submit_resume(session.session_id, name=session.candidate_name)

    def add_time(self, session: SessionDTO | None) -> AddTimeDialog | None:
        if not self._allowed(session, ADD_TIME):
            return None
        assert session is not None
        dialog = AddTimeDialog(session, self._parent)
        dialog.accepted.connect(
            lambda: self.submit_extra_time(session.session_id, dialog.minutes, dialog.reason,
                                           name=session.candidate_name))
        return self._show(dialog)

    # ---- service calls (no dialog) -------------------------------------------------------
    def submit_pause(self, session_id: str, reason: str, name: str | None = None) -> None:
        self._submit(PAUSE, session_id, name, self._context.center.pause_session,
                     session_id, reason)

    def submit_resume(self, session_id: str, name: str | None = None) -> None:
        self._submit(RESUME, session_id, name, self._context.center.resume_session, session_id)

    def submit_extra_time(self, session_id: str, minutes: int, reason: str,
                          name: str | None = None) -> None:
        self._submit(ADD_TIME, session_id, name, self._context.center.add_time,
                     session_id, minutes, reason)

    def submit_flag(self, session_id: str, reason: str, note: str | None = None,
                    name: str | None = None) -> None:
        self._submit(FLAG, session_id, name, self._context.center.flag_session,
                     session_id, reason, note or None)

    def submit_warning(self, session_id: str, message: str, name: str | None = None) -> None:
        self._submit(WARN, session_id, name, self._context.center.warn_session,
                     session_id, message)

    def submit_termination(self, session_id: str, reason: str, name: str | None = None) -> None:
        self._submit(TERMINATE, session_id, name,
                     self._context.center.terminate_session, session_id, reason)

    def done_message(self, session_id: str, action: str) -> str:
        """A sentence for the status bar: ``Flagged Ann Lee for review.``"""
        name = self._names.get(session_id, "the candidate")
        return ACTION_DONE_WORDS.get(action, "Done.").format(name=name)

    # ---- internals -----------------------------------------------------------------------
    def _allowed(self, session: SessionDTO | None, action: str) -> bool:
        reason = self.why_not(session)
        if reason is None:
            return True
        self._fail(session.session_id if session else "", action, reason)
        return False

    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.open()
        return dialog

    def _submit(self, action: str, session_id: str, name: str | None,
                call: Callable[..., object], *args: object) -> None:
        if name:
            self._names[session_id] = name
        self._context.tasks.submit(
            call, *args,
            on_done=lambda _result: self.action_finished.emit(session_id, action),
            on_error=lambda error: self._fail(session_id, action, explain(action, error)),
        )

    def _fail(self, session_id: str, action: str, message: str) -> None:
        self.action_failed.emit(session_id, message)
        if not self.show_errors:
            return
        box = QMessageBox(QMessageBox.Icon.Warning, failed_title(action), message,
                          QMessageBox.StandardButton.Ok, self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.last_error_box = box
        box.open()


#: What to do next when the center refused the action because of the session's state (HTTP
#: 409), say because another proctor terminated the exam first.
CONFLICT_NEXT_WORDS = {
    FLAG: QT_TRANSLATE_NOOP(
        "SessionActions", "The flag was not added; the console shows the session as it is now."),
    WARN: QT_TRANSLATE_NOOP(
        "SessionActions",
        "The warning was not sent; the console shows the session as it is now."),
    TERMINATE: QT_TRANSLATE_NOOP(
        "SessionActions",
        "There is nothing more to do; the console shows the session as it is now."),
    PAUSE: QT_TRANSLATE_NOOP("SessionActions", "The console shows the session as it is now."),
    RESUME: QT_TRANSLATE_NOOP("SessionActions", "The console shows the session as it is now."),
    ADD_TIME: QT_TRANSLATE_NOOP(
        "SessionActions", "No time was added; the console shows the session as it is now."),
}
#: A message box's title when an action failed.
FAILED_TITLES = {
    FLAG: QT_TRANSLATE_NOOP("SessionActions", "Could not flag the session"),
    WARN: QT_TRANSLATE_NOOP("SessionActions", "Could not send the warning"),
    TERMINATE: QT_TRANSLATE_NOOP("SessionActions", "Could not terminate the exam"),
    PAUSE: QT_TRANSLATE_NOOP("SessionActions", "Could not pause the exam"),
    RESUME: QT_TRANSLATE_NOOP("SessionActions", "Could not resume the exam"),
    ADD_TIME: QT_TRANSLATE_NOOP("SessionActions", "Could not add time"),
}


def failed_title(action: str) -> str:
    return translate("SessionActions", FAILED_TITLES.get(action, "Could not do that"))


def explain(action: str, error: BaseException) -> str:
    """What went wrong and what to do next, in words a proctor understands, in the console's
    language. The center's own sentence comes first, as it said it ("Already terminated by
    Dana Lee at 10:42 UTC."), translated when the center gave its code."""
    sentence = said(error)
    if getattr(error, "code", None) == "sample_session_read_only":
        return sentence
    if _is_ended(error):
        return f"{sentence} " + translate("SessionActions",
                                          "Pick an active session in the grid to act on it.")
    if isinstance(error, Conflict):  # refused for the session's state, in the center's words
        return f"{sentence} " + translate(
            "SessionActions", CONFLICT_NEXT_WORDS.get(action, "Nothing was changed."))
    if isinstance(error, NotFound):
        return f"{sentence} " + translate(
            "SessionActions", "It may have been removed; press F5 to refresh the grid.")
    if isinstance(error, InvalidInput):
        return f"{sentence} " + translate("SessionActions", "Correct it and try again.")
    if isinstance(error, CenterUnavailable | CenterRefused | NotAllowed):
        return f"{sentence} " + translate("SessionActions", "Nothing was changed.")
    log.error("could not %s", ACTION_VERBS.get(action, action), exc_info=error)
    return translate(
        "SessionActions",
        "{title}: {error}. Nothing was changed. Check that the console's data folder is "
        "reachable and try again; the log has the details.").format(
            title=failed_title(action), error=sentence)


def _is_ended(error: BaseException) -> bool:
    """A session or attempt that had already ended (not: terminated by another proctor), by
    its kind here or by the code a remote center gave."""
    if isinstance(error, AlreadyTerminated):
        return False
    if isinstance(error, SessionEnded):
        return True
    return getattr(error, "code", None) in ("session_ended", "session_ended_at")

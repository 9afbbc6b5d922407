"""ReviewFlow: the post-exam review of one session — the dialog, then saving the outcome and
note in the background."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

from console.proctor.center import Center
from console.proctor.session_details.action_policy import button_states
from console.proctor.session_details.review_dialog import ReviewDialog
from console.tasks import TaskRunner
from core.domain.records import SessionDTO


class ReviewFlow(QObject):
    saving_changed = Signal(bool)
    saved = Signal(object)  # the reviewed SessionDTO
    failed = Signal(str)  # what went wrong

    def __init__(self, tasks: TaskRunner, proctoring: Center, session_id: str,
                 parent: QWidget) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._proctoring = proctoring
        self._session_id = session_id
        self._parent = parent
        self._is_saving = False
        self._is_closed = False
        self.dialog: ReviewDialog | None = None

    @property
    def is_saving(self) -> bool:
        return self._is_saving

    def open_dialog(self, session: SessionDTO | None) -> ReviewDialog | None:
        """The review dialog for ``session``, or None when it cannot be reviewed now."""
        if not button_states(session, saving_review=self._is_saving)["review"].enabled:
            return None
        assert session is not None
        dialog = ReviewDialog(session, self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.submit(dialog.outcome() or "", dialog.note()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def submit(self, outcome: str, note: str) -> None:
        self._set_saving(True)
        self._tasks.submit(self._proctoring.review_session, self._session_id, outcome, note,
                           on_done=self._done, on_error=self._error)

    def close(self) -> None:
        self._is_closed = True

    def _done(self, session: SessionDTO) -> None:
        if self._is_closed:
            return
        self._set_saving(False)
        self.saved.emit(session)

    def _error(self, error: BaseException) -> None:
        if self._is_closed:
            return
        self._set_saving(False)
        self.failed.emit(str(error))

    def _set_saving(self, saving: bool) -> None:
        self._is_saving = saving
        self.saving_changed.emit(saving)

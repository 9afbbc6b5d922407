"""SessionFactsDialog: a small stand-in for the session details window — the session's facts,
its latest thumbnail and the proctor actions. Used only when console.session_details is not
installed."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.actions import SessionActions
from console.avatar import paint_avatar
from console.context import ConsoleContext
from console.formatting import REVIEW_WORDS, ago, date_time, status_words
from core.services.dto import SessionDTO

PREVIEW = QSize(160, 120)


class SessionFactsDialog(QDialog):
    closed = Signal(str)  # session_id

    def __init__(self, context: ConsoleContext, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.session_id = session_id
        self.session: SessionDTO | None = None
        self.setObjectName("factsDialog")
        self.setWindowTitle("Session")
        self.setMinimumWidth(520)
        self.actions = SessionActions(context, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 16)
        layout.setSpacing(12)
        self.title_label = QLabel("Loading…")
        self.title_label.setObjectName("dialogTitle")
        layout.addWidget(self.title_label)
        row = QHBoxLayout()
        row.setSpacing(16)
        self.picture = QLabel()
        self.picture.setFixedSize(PREVIEW)
        self.picture.setObjectName("factsPicture")
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        self.facts = QFormLayout()
        self.facts.setVerticalSpacing(6)
        row.addLayout(self.facts, 1)
        layout.addLayout(row)
        note = QLabel("The full details window (snapshot gallery and event timeline) is not "
                      "part of this build; these are the session's facts.")
        note.setObjectName("dialogNote")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QHBoxLayout()
        self.flag_button = QPushButton("Flag…")
        self.warn_button = QPushButton("Warn…")
        self.terminate_button = QPushButton("Terminate…")
        self.terminate_button.setObjectName("dangerButton")
        close_button = QPushButton("Close")
        close_button.clicked.connect(self.close)
        for button in (self.flag_button, self.warn_button, self.terminate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout.addLayout(buttons)
        self.flag_button.clicked.connect(lambda: self.actions.flag(self.session))
        self.warn_button.clicked.connect(lambda: self.actions.warn(self.session))
        self.terminate_button.clicked.connect(lambda: self.actions.terminate(self.session))
        context.bridge.session_changed.connect(self._session_changed)
        context.thumbnails.thumbnail_ready.connect(self._thumbnail_ready)
        self.reload()

    def reload(self) -> None:
        self._context.tasks.submit(self._context.core.proctoring.get_session_summary,
                                   self.session_id, on_done=self._show, on_error=self._failed)

    def _show(self, session: SessionDTO) -> None:
        self.session = session
        name = session.candidate_name + (" (sample)" if session.is_sample else "")
        self.setWindowTitle(f"{session.candidate_name} — {session.exam_title}")
        self.title_label.setText(name)
        while self.facts.rowCount():
            self.facts.removeRow(0)
        now = self._context.core.clock.now()
        rows = [
            ("Candidate ID", session.candidate_ref),
            ("Exam", session.exam_title),
            ("Status", status_words(session.status)),
            ("Started", date_time(session.started_at)),
            ("Ended" if session.ended_at else "Deadline",
             date_time(session.ended_at or session.deadline_at)),
            ("Snapshots", f"{session.snapshot_count}, last {ago(session.last_snapshot_at, now)}"),
            ("Risk", f"{session.risk_score} ({session.risk_level})"),
        ]
        if session.is_flagged:
            rows.append(("Flagged", session.flag_reason or "yes"))
        if session.review_outcome:
            outcome = REVIEW_WORDS.get(session.review_outcome, session.review_outcome)
            rows.append(("Review", outcome))
        for label, value in rows:
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addRow(label, text)
        allowed = SessionActions.can_act(session)
        tip = SessionActions.why_not(session) or ""
        for button in (self.flag_button, self.warn_button, self.terminate_button):
            button.setEnabled(allowed)
            button.setToolTip(tip)
        self._show_picture()

    def _show_picture(self) -> None:
        session = self.session
        pixmap = None
        if session is not None and session.latest_snapshot_id:
            pixmap = self._context.thumbnails.pixmap(session.latest_snapshot_id, PREVIEW)
        if pixmap is None:
            pixmap = QPixmap(PREVIEW)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            paint_avatar(painter, pixmap.rect(), session.candidate_name if session else "?")
            painter.end()
        self.picture.setPixmap(pixmap)

    def _failed(self, error: BaseException) -> None:
        self.title_label.setText("This session could not be read")
        self.facts.addRow("Problem", QLabel(f"{error} Close this window and try again."))

    def _session_changed(self, session_id: str, _status: str, _change: str) -> None:
        if session_id == self.session_id:
            self.reload()

    def _thumbnail_ready(self, snapshot_id: str) -> None:
        if self.session is not None and snapshot_id == self.session.latest_snapshot_id:
            self._show_picture()

    def done(self, result: int) -> None:
        """Every way of closing (button, Escape, window close) ends here."""
        for signal, slot in ((self._context.bridge.session_changed, self._session_changed),
                             (self._context.thumbnails.thumbnail_ready, self._thumbnail_ready)):
            with contextlib.suppress(RuntimeError, TypeError):
                signal.disconnect(slot)
        super().done(result)
        self.closed.emit(self.session_id)

"""SessionHeader: who, which exam, where the candidate sits, status, times (time left ticks for a
live session), snapshot count, risk, flag and review, with who flagged, terminated and reviewed
— the facts a proctor reads first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QRect, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from console.i18n import translate
from console.proctor.avatar import paint_avatar
from console.proctor.formatting import (
    accommodation_words,
    camera_is_off,
    clock_time,
    date_time,
    extra_time_words,
    not_analysed_words,
    paused_words,
)
from console.proctor.session_details.session_facts import (
    flag_words,
    is_live,
    review_words,
    risk_words,
    status_line,
    time_left_words,
    time_taken_words,
)
from console.ui import set_style_property
from core.domain.enums import SessionStatus
from core.domain.records import EventDTO, SessionDTO

AVATAR_SIZE = 52


class _Fact(QWidget):
    def __init__(self, caption: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        self.caption = QLabel(self)
        self.set_caption(caption)
        self.caption.setObjectName("factCaption")
        self.value = QLabel("—", self)
        self.value.setObjectName("factValue")
        self.value.setProperty("fact", name)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)

    def set_caption(self, caption: str) -> None:
        """``caption``: the fact's English name, shown translated (capitals where the language
        has them)."""
        self.caption.setText(QLocale().toUpper(translate("SessionHeader", caption)))

    def set(self, value: str, tooltip: str = "") -> None:
        self.value.setText(value)
        self.value.setToolTip(tooltip)


class SessionHeader(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionHeader")
        self._session: SessionDTO | None = None
        self._events: tuple[EventDTO, ...] = ()

        self._avatar = QLabel(self)
        self._avatar.setFixedSize(AVATAR_SIZE, AVATAR_SIZE)
        self._name = QLabel(self.tr("Loading…"), self)
        self._name.setObjectName("candidateName")
        self._name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._subtitle = QLabel(self)
        self._subtitle.setObjectName("candidateSubtitle")
        self._status = QLabel(self)
        self._status.setObjectName("statusChip")
        self._sample = QLabel(self.tr("Sample"), self)
        self._sample.setObjectName("sampleChip")
        self._sample.hide()

        title = QVBoxLayout()
        title.setSpacing(2)
        name_row = QHBoxLayout()
        name_row.setSpacing(8)
        name_row.addWidget(self._name)
        name_row.addWidget(self._status)
        name_row.addWidget(self._sample)
        name_row.addStretch(1)
        title.addLayout(name_row)
        title.addWidget(self._subtitle)

        self._room = _Fact(QT_TRANSLATE_NOOP("SessionHeader", "Room"), "room", self)
        self._room.hide()
        self._seat = _Fact(QT_TRANSLATE_NOOP("SessionHeader", "Seat"), "seat", self)
        self._seat.hide()
        self._started = _Fact(QT_TRANSLATE_NOOP("SessionHeader", "Started"), "started", self)
        self._ended = _Fact(QT_TRANSLATE_NOOP("SessionHeader", "Ended"), "ended", self)
        self._deadline = _Fact(QT_TRANSLATE_NOOP("SessionHeader", "Deadline"), "deadline",
                               self)
        self._time_left = _Fact(QT_TRANSLATE_NOOP("SessionHeader", "Time left"), "time_left",
                                self)
        self._snapshots = _Fact(QT_TRANSLATE_NOOP("SessionHeader", "Snapshots"), "snapshots",
                                self)
        self._risk = _Fact(QT_TRANSLATE_NOOP("SessionHeader", "Risk"), "risk", self)
        facts = QHBoxLayout()
        facts.setSpacing(28)
        for fact in (self._room, self._seat, self._started, self._ended, self._deadline,
                     self._time_left, self._snapshots, self._risk):
            facts.addWidget(fact)
        facts.addStretch(1)

        self._flag = QLabel(self)
        self._flag.setObjectName("flagBanner")
        self._flag.setWordWrap(True)
        self._flag.hide()
        self._camera = QLabel(self)
        self._camera.setObjectName("cameraBanner")
        self._camera.setWordWrap(True)
        self._camera.setText(self.tr("Camera off: the kiosk reports its camera as unavailable. "
                                     "The newest snapshot was taken before that; the timeline "
                                     "shows when."))
        self._camera.hide()
        self._paused = QLabel(self)
        self._paused.setObjectName("pausedBanner")
        self._paused.setWordWrap(True)
        self._paused.hide()
        self._time = QLabel(self)
        self._time.setObjectName("timeBanner")
        self._time.setWordWrap(True)
        self._time.hide()
        self._review = QLabel(self)
        self._review.setObjectName("reviewBanner")
        self._review.setWordWrap(True)
        self._review.hide()

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self._avatar, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(title, 1)
        layout = QGridLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setVerticalSpacing(10)
        layout.addLayout(top, 0, 0)
        layout.addLayout(facts, 1, 0)
        layout.addWidget(self._paused, 2, 0)
        layout.addWidget(self._camera, 3, 0)
        layout.addWidget(self._flag, 4, 0)
        layout.addWidget(self._time, 5, 0)
        layout.addWidget(self._review, 6, 0)

    # ---- what tests and the window read ----------------------------------------------------
    def fact_text(self, name: str) -> str:
        facts = {"room": self._room, "seat": self._seat, "started": self._started,
                 "ended": self._ended, "deadline": self._deadline, "time_left": self._time_left,
                 "snapshots": self._snapshots, "risk": self._risk}
        if name in facts:
            return facts[name].value.text() if not facts[name].isHidden() else ""
        labels = {"name": self._name, "subtitle": self._subtitle, "status": self._status,
                  "flag": self._flag, "review": self._review, "camera": self._camera,
                  "paused": self._paused, "time": self._time}
        label = labels[name]
        return label.text() if not label.isHidden() else ""

    # ---- updates ---------------------------------------------------------------------------
    def set_message(self, title: str, subtitle: str = "") -> None:
        self._name.setText(title)
        self._subtitle.setText(subtitle)
        self._status.hide()

    def set_session(self, session: SessionDTO, now: datetime,
                    events: Sequence[EventDTO] | None = None) -> None:
        """Show ``session``; ``events`` (its timeline) say who terminated and who reviewed
        (None keeps the ones shown, for a session read without its timeline)."""
        if events is not None:
            self._events = tuple(events)
        self._session = session
        self._paint_avatar(session.candidate_name)
        self._name.setText(session.candidate_name)
        self._subtitle.setText(f"{session.candidate_ref}  ·  {session.exam_title}")
        self._status.setText(status_line(session, self._events))
        set_style_property(self._status, "tone", "live" if is_live(session) else
                           "cancelled" if session.status == SessionStatus.CANCELLED else "ended")
        self._status.show()
        self._sample.setVisible(session.is_sample)
        self._room.set(session.room or "", self.tr("The exam room the kiosk was enrolled in"))
        self._room.setVisible(bool(session.room))
        self._seat.set(session.seat or "", self.tr("Where the candidate sits, as the kiosk says"))
        self._seat.setVisible(bool(session.seat))
        paused = session.paused and is_live(session)
        self._paused.setText(self.tr("{paused}. The clock stands still; resume to give the "
                                     "candidate the time back.").format(
            paused=paused_words(session).rstrip('.')) if paused else "")
        self._paused.setVisible(paused)
        extra = extra_time_words(session)
        accommodation = accommodation_words(session)
        self._time.setText("  ·  ".join(p for p in (extra, accommodation) if p))
        self._time.setVisible(bool(extra or accommodation))
        self._started.set(clock_time(session.started_at), date_time(session.started_at))
        self._ended.set(clock_time(session.ended_at) if session.ended_at else "—",
                        date_time(session.ended_at) if session.ended_at else "")
        self._ended.setVisible(session.ended_at is not None)
        self._deadline.set(clock_time(session.deadline_at), date_time(session.deadline_at))
        last = (self.tr("Last snapshot {time}").format(time=date_time(session.last_snapshot_at))
                if session.last_snapshot_at else self.tr("No snapshot yet"))
        skipped = session.frames_skipped
        self._snapshots.set(QLocale().toString(session.snapshot_count) + (" *" if skipped else ""),
                            f"{last}\n{not_analysed_words(session).capitalize()}"
                            if skipped else last)
        self._risk.set(risk_words(session))
        set_style_property(self._risk.value, "tone", session.risk_level)
        self._flag.setText(f"⚑  {flag_words(session)}")
        self._flag.setVisible(session.is_flagged)
        self._camera.setVisible(camera_is_off(session))
        reviewed = session.review_outcome is not None
        self._review.setText(self.tr("Review: {review}").format(
            review=review_words(session, now, self._events)))
        set_style_property(self._review, "outcome", session.review_outcome or "")
        self._review.setVisible(reviewed)
        self.tick(now)

    def tick(self, now: datetime) -> None:
        """Refresh the clock-driven fact (every second for a live session)."""
        session = self._session
        if session is None:
            return
        if is_live(session):
            self._time_left.set_caption(QT_TRANSLATE_NOOP("SessionHeader", "Time left"))
            self._time_left.set(time_left_words(session, now))
        else:
            self._time_left.set_caption(QT_TRANSLATE_NOOP("SessionHeader", "Time taken"))
            self._time_left.set(time_taken_words(session, now))

    def _paint_avatar(self, name: str) -> None:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(int(AVATAR_SIZE * ratio), int(AVATAR_SIZE * ratio))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_avatar(painter, QRect(0, 0, AVATAR_SIZE, AVATAR_SIZE), name, rounded=AVATAR_SIZE / 2)
        painter.end()
        self._avatar.setPixmap(pixmap)

"""ExamPage: what the candidate sees during the exam: a big timer, the camera preview, what has
been sent, banners that say what is wrong and what to do, and the Submit button."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDateTime, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from console.i18n import plural
from console.kiosk.exam.exam_view import ExamView
from console.kiosk.widgets.banner import Banner
from console.kiosk.widgets.camera_preview import CameraPreview
from console.ui import repolish, set_style_property

SOON_SECONDS = 5 * 60
LAST_MINUTE_SECONDS = 60
PAUSED_NOTE = QT_TRANSLATE_NOOP("ExamPage", "Paused by the proctor: your time is stopped.")
#: How long a "you may continue" notice stays (OK closes it sooner).
NOTICE_SECONDS = 30
#: Narrower than this (an 800x600 screen), the time left is drawn in a smaller size
#: (``QLabel#Timer[fit="compact"]``) so the page fits without scrolling sideways.
COMPACT_WIDTH = 1100


def format_remaining(seconds: int) -> str:
    """3725 -> "1:02:05"; 305 -> "05:05". Never negative."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    locale = QLocale()  # the language's digits

    def two(number: int) -> str:
        return locale.toString(number).rjust(2, locale.zeroDigit())

    return (f"{locale.toString(hours)}:{two(minutes)}:{two(secs)}" if hours
            else f"{two(minutes)}:{two(secs)}")


def local_time(moment: datetime, seconds: bool = False) -> str:
    """``14:05`` (or ``14:05:09``) on this computer's clock, in the language's digits."""
    shown = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).time()
    return QLocale().toString(shown, "HH:mm:ss" if seconds else "HH:mm")


class ExamPage(QWidget):
    retry_camera_clicked = Signal()
    submit_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExamPage")
        # header
        # A long exam name or candidate name wraps within the header (never widens the window
        # past a 1366-pixel screen, never cut short).
        self.exam_title = QLabel()
        self.exam_title.setObjectName("ExamTitle")
        self.exam_title.setWordWrap(True)
        self.candidate = QLabel()
        self.candidate.setObjectName("Muted")
        self.candidate.setWordWrap(True)
        for label in (self.exam_title, self.candidate):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            label.setMinimumWidth(200)
        self.connection_chip = QLabel()
        self.connection_chip.setObjectName("Chip")
        header = QFrame()
        header.setObjectName("ExamHeader")
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.exam_title)
        titles.addWidget(self.candidate)
        header_row = QHBoxLayout(header)
        self._header_row = header_row
        header_row.setContentsMargins(28, 14, 28, 14)
        header_row.addLayout(titles, 1)
        header_row.addWidget(self.connection_chip, 0, Qt.AlignmentFlag.AlignVCenter)

        # banners
        self.camera_banner = Banner("danger")
        self.camera_banner.action_clicked.connect(self.retry_camera_clicked)
        self.connection_banner = Banner("warn")
        self.upload_banner = Banner("warn")

        # timer card
        self.timer = QLabel("--:--")
        self.timer.setObjectName("Timer")
        self.timer.setProperty("urgency", "normal")
        # Digits are not right-to-left text, so a right-to-left window says where they go.
        side = Qt.AlignmentFlag.AlignRight if self.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
        self.timer.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute
                                | Qt.AlignmentFlag.AlignVCenter)
        self.ends_at = QLabel()
        self.ends_at.setObjectName("Muted")
        self.instructions = QLabel()
        self.instructions.setObjectName("Body")
        self.instructions.setWordWrap(True)
        self.submit_note = QLabel()
        self.submit_note.setObjectName("Muted")
        self.submit_note.setWordWrap(True)
        self.submit_button = QPushButton(self.tr("Submit exam"))
        self.submit_button.setObjectName("PrimaryButton")
        self.submit_button.setProperty("size", "large")
        self.submit_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.submit_button.clicked.connect(self.submit_clicked)
        timer_card = QFrame()
        timer_card.setObjectName("Card")
        time_left = QLabel(self.tr("TIME LEFT"))
        time_left.setObjectName("Eyebrow")
        submit_row = QHBoxLayout()
        submit_row.addWidget(self.submit_note, 1)
        submit_row.addWidget(self.submit_button, 0, Qt.AlignmentFlag.AlignBottom)
        timer_box = QVBoxLayout(timer_card)
        self._timer_box = timer_box
        timer_box.setContentsMargins(36, 30, 36, 30)
        timer_box.setSpacing(6)
        timer_box.addWidget(time_left)
        timer_box.addWidget(self.timer)
        timer_box.addWidget(self.ends_at)
        timer_box.addSpacing(20)
        rule = QFrame()
        rule.setObjectName("Rule")
        rule.setFixedHeight(1)
        timer_box.addWidget(rule)
        timer_box.addSpacing(14)
        timer_box.addWidget(self.instructions)
        timer_box.addStretch(1)
        timer_box.addLayout(submit_row)

        # camera card
        camera_card = QFrame()
        camera_card.setObjectName("Card")
        camera_title = QLabel(self.tr("CAMERA"))
        camera_title.setObjectName("Eyebrow")
        self.camera_chip = QLabel()
        self.camera_chip.setObjectName("Chip")
        self.preview = CameraPreview()
        self.sent_value = QLabel("0")
        self.last_value = QLabel("—")
        self.waiting_value = QLabel("0")
        for value in (self.sent_value, self.last_value, self.waiting_value):
            value.setObjectName("StatValue")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        stats = QGridLayout()
        stats.setVerticalSpacing(6)
        for row, (name, value) in enumerate(((self.tr("Snapshots sent"), self.sent_value),
                                             (self.tr("Last sent"), self.last_value),
                                             (self.tr("Waiting on this computer"),
                                              self.waiting_value))):
            label = QLabel(name)
            label.setObjectName("StatName")
            stats.addWidget(label, row, 0)
            stats.addWidget(value, row, 1)
        self.camera_note = QLabel()
        self.camera_note.setObjectName("Muted")
        self.camera_note.setWordWrap(True)
        camera_head = QHBoxLayout()
        camera_head.addWidget(camera_title, 1)
        camera_head.addWidget(self.camera_chip)
        camera_box = QVBoxLayout(camera_card)
        self._camera_box = camera_box
        camera_box.setContentsMargins(28, 26, 28, 26)
        camera_box.setSpacing(12)
        camera_box.addLayout(camera_head)
        camera_box.addWidget(self.preview, 1)
        camera_box.addLayout(stats)
        camera_box.addWidget(self.camera_note)

        body = QHBoxLayout()
        body.setSpacing(24)
        body.addWidget(timer_card, 3)
        body.addWidget(camera_card, 2)
        content = QVBoxLayout()
        self._content = content
        content.setContentsMargins(28, 20, 28, 24)
        content.setSpacing(14)
        # "You may continue" (a pause ended, a warning dealt with): over the exam, never over
        # Submit; it goes with OK or after NOTICE_SECONDS.
        self.notice_banner = Banner("info")
        self.notice_banner.action_clicked.connect(self.notice_banner.hide)
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self.notice_banner.hide)
        for banner in (self.notice_banner, self.camera_banner, self.connection_banner,
                       self.upload_banner):
            content.addWidget(banner)
        content.addLayout(body, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(header)
        outer.addLayout(content, 1)
        self.show_no_picture(self.tr("Starting the camera…"))

    # ---- updates -------------------------------------------------------------------------------
    def fit_width(self, width: int) -> None:
        """The window is ``width`` wide: on a small screen the time left takes a smaller size."""
        compact = width < COMPACT_WIDTH
        set_style_property(self.timer, "fit", "compact" if compact else "normal")
        # and the cards stand closer together, their margins smaller
        self._header_row.setContentsMargins(*((20, 8, 20, 8) if compact else (28, 14, 28, 14)))
        self._content.setContentsMargins(*((20, 12, 20, 12) if compact else (28, 20, 28, 24)))
        self._timer_box.setContentsMargins(*((24, 16, 24, 16) if compact else (36, 30, 36, 30)))
        self._camera_box.setContentsMargins(*((20, 16, 20, 16) if compact else (28, 26, 28, 26)))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # A wrapped sentence keeps the height of all its lines when the page is short (an
        # 800x600 screen): the camera picture gives way instead.
        for label in (self.instructions, self.camera_note, self.submit_note):
            label.setMinimumHeight(label.heightForWidth(label.width()) if label.text() else 0)

    def show_notice(self, title: str, text: str) -> None:
        """A notice from the proctor that needs nothing done (it goes by itself)."""
        self.notice_banner.show_message(title, text, self.tr("OK"))
        self._notice_timer.start(NOTICE_SECONDS * 1000)

    def set_attempt(self, view: ExamView) -> None:
        self.exam_title.setText(view.exam_title or self.tr("Exam"))
        seat = "  ·  " + self.tr("Seat {seat}").format(seat=view.seat) if view.seat else ""
        self.candidate.setText(f"{view.candidate_name}  ·  {view.candidate_ref}{seat}")
        interval = self._seconds_words(view.snapshot_interval_seconds)
        if view.is_proctored:
            self.instructions.setText(_bullets(
                self.tr("Keep this window open while you work on your exam."),
                self.tr("Stay in view of the camera: it takes a picture every {interval} for "
                        "the proctor.").format(interval=interval),
                self.tr("If a message from the proctor appears, read it and press I "
                        "understand."),
                self.tr("When you have finished, press Submit exam."),
            ))
            self.camera_note.setText(self.tr("A picture is taken every {interval} and sent to "
                                             "the proctor. Only single pictures, no video.")
                                     .format(interval=interval))
        else:
            self.instructions.setText(_bullets(
                self.tr("Keep this window open while you work on your exam."),
                self.tr("This exam is not proctored: no pictures are taken."),
                self.tr("When you have finished, press Submit exam."),
            ))
            self.camera_note.setText(self.tr("This exam is not proctored, so the camera stays "
                                             "off."))
            self.show_no_picture(self.tr("Camera off for this exam"))
        self.show_view(view)

    def _seconds_words(self, seconds: float) -> str:
        """"minute", "2 minutes", "30 seconds" (after "every")."""
        seconds = round(seconds)
        if seconds % 60 == 0 and seconds >= 60:
            minutes = seconds // 60
            if minutes == 1:
                return self.tr("minute", "every minute")
            return plural(self.tr("%Ln minute(s)", "", minutes), minutes)
        return plural(self.tr("%Ln second(s)", "", seconds), seconds)

    def set_remaining(self, seconds: int) -> None:
        self.timer.setText(format_remaining(seconds))
        urgency = ("last" if seconds <= LAST_MINUTE_SECONDS else
                   "soon" if seconds <= SOON_SECONDS else "normal")
        set_style_property(self.timer, "urgency", urgency)
        if seconds == 0:
            self.ends_at.setText(self.tr("Time is up. Handing in your exam…"))

    def set_paused(self, is_paused: bool) -> None:
        """The proctor paused the exam: the timer stands still and says so."""
        if is_paused:
            self.ends_at.setText(self.tr(PAUSED_NOTE))
            set_style_property(self.timer, "urgency", "paused")

    def set_preview(self, image: QImage) -> None:
        self.preview.set_image(image)

    def show_no_picture(self, text: str) -> None:
        self.preview.show_placeholder(text)

    def show_view(self, c: ExamView) -> None:
        """Banners, chips and counters from the controller's state."""
        if c.is_paused:
            self.ends_at.setText(self.tr(PAUSED_NOTE))
        elif c.deadline_at is not None and c.seconds_left != 0:
            self.ends_at.setText(self.tr("The exam ends at {time}").format(
                time=local_time(c.deadline_at)))
        waiting = c.pending_snapshots
        waiting_words = plural(self.tr("%Ln snapshot(s)", "", waiting), waiting)
        # camera
        if c.camera_error:
            self.camera_banner.show_message(
                self.tr("The camera is not working"),
                c.camera_error + " " + self.tr("Check the camera, then press Retry camera. If it "
                                               "keeps failing, raise your hand."),
                self.tr("Retry camera"),
            )
            self.show_no_picture(self.tr("No picture from the camera"))
            _set_chip(self.camera_chip, "danger", self.tr("Camera off"))
        else:
            self.camera_banner.hide()
            if c.is_proctored:
                _set_chip(self.camera_chip, "ok" if c.is_camera_live else "muted",
                          self.tr("Live") if c.is_camera_live else self.tr("Starting…"))
            else:
                _set_chip(self.camera_chip, "muted", self.tr("Off"))
        # connection, then uploads (one banner is enough when the server is away)
        if c.is_connection_lost:
            text = (c.connection_message + ". " + self.tr("Raise your hand and tell the "
                                                          "invigilator.")
                    if c.connection_message else
                    self.tr("Keep working: your timer goes on, and snapshots are kept on this "
                            "computer ({waiting} waiting) and sent as soon as the connection is "
                            "back.").format(waiting=waiting_words))
            self.connection_banner.show_message(self.tr("No connection to the exam server"),
                                                text)
            _set_chip(self.connection_chip, "danger", self.tr("Offline"))
        else:
            self.connection_banner.hide()
            _set_chip(self.connection_chip, "ok", self.tr("Connected"))
        if c.upload_error and not c.is_connection_lost:
            self.upload_banner.show_message(
                self.tr("Snapshots are not reaching the server"),
                c.upload_error + " " + self.tr(
                    "{waiting} kept on this computer will be sent automatically. Keep working; "
                    "if this message stays, tell the invigilator.").format(waiting=waiting_words),
            )
        else:
            self.upload_banner.hide()
        # counters: "sent" only ever counts what the server stored (2xx)
        locale = QLocale()
        self.sent_value.setText(locale.toString(c.uploaded_count))
        self.last_value.setText(local_time(c.last_uploaded_at, seconds=True)
                                if c.last_uploaded_at else "—")
        self.waiting_value.setText(locale.toString(waiting))
        set_style_property(self.waiting_value, "kind", "warn" if waiting > 1 else "normal")
        # submit
        self.submit_button.setEnabled(not c.is_submitting and not c.is_ended)
        self.submit_button.setText(self.tr("Submitting…") if c.is_submitting
                                   else self.tr("Submit exam"))
        if c.is_submitting and waiting:
            self.submit_note.setText(self.tr("Sending the last {waiting} before handing in…")
                                     .format(waiting=waiting_words))
        elif c.is_submitting:
            self.submit_note.setText(self.tr("Handing in your exam…"))
        elif not self.submit_note.property("is_error"):
            self.submit_note.setText("")

    def show_submit_error(self, text: str) -> None:
        self.submit_note.setProperty("is_error", True)
        self.submit_note.setObjectName("ErrorText")
        repolish(self.submit_note)
        self.submit_note.setText(text)

    def clear_submit_error(self) -> None:
        self.submit_note.setProperty("is_error", False)
        self.submit_note.setObjectName("Muted")
        repolish(self.submit_note)


def _set_chip(chip: QLabel, kind: str, text: str) -> None:
    chip.setText(f"●  {text}")
    set_style_property(chip, "kind", kind)


def _bullets(*lines: str) -> str:
    items = "".join(f"<li style='margin-bottom: 8px;'>{line}</li>" for line in lines)
    return f"<ul style='margin-left: -24px;'>{items}</ul>"

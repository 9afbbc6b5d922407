"""JoinPage: the form a candidate (or invigilator) fills to start an exam on this kiosk.

On the left, how the kiosk finds its exam center: the centers announced on this network (with
the first digits of their fingerprint, to compare with the proctor's screen), or the enrolment
file or code the proctor gives. On the right, the exam and the candidate: who, which exam, and
where they sit.

The message under the fields (what went wrong, what happens now) wraps, and past
``MESSAGE_LINES`` lines it scrolls inside its own area: a long sentence never squeezes the
fields on a 1366x768 screen.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.i18n import plural
from console.kiosk.joining.readiness_check import ReadinessReport
from console.kiosk.joining.readiness_panel import ReadinessPanel
from console.kiosk.kiosk_settings import MAX_SEAT, KioskSettings
from console.ui import set_style_property
from core.client import BrowseResult, DiscoveredCenter, ExamDTO

# The English words; the page shows them through self.tr (the context "JoinPage").
NO_EXAMS_TEXT = QT_TRANSLATE_NOOP("JoinPage", "Find the exams first")
LOOKING_TEXT = QT_TRANSLATE_NOOP("JoinPage", "Looking for exam centers on this network…")
NOTHING_FOUND_TEXT = QT_TRANSLATE_NOOP(
    "JoinPage", "No exam center found on this network yet. Type the address the proctor gives "
    "you, or open an enrolment file.")
FOUND_TEXT = QT_TRANSLATE_NOOP(
    "JoinPage", "Choose your center if its sha256 digits match the proctor's screen, or type "
    "the address the proctor gives you.")
SHOWN_DIGITS = 8
CARD_WIDTH = 1000
CENTER_PANEL_WIDTH = 360
CENTER_PANEL_MIN_WIDTH = 250
CENTER_ITEM_HEIGHT = 58  # two lines: the name, then the address and the fingerprint digits
#: Lines of the form's message shown at once; a longer one scrolls in its area. Five: the
#: readiness check's NOT READY sentence (four lines at 1366x768) is read whole, never cut.
MESSAGE_LINES = 5
MESSAGE_PADDING = 24  # the message's padding above and below (kiosk.qss), and its border


def fingerprint_digits(prefix: str) -> str:
    """The first digits of a fingerprint as people compare them: ``3f9a 61c0…``."""
    digits = prefix[:SHOWN_DIGITS].lower()
    return f"{digits[:4]} {digits[4:]}…" if digits else ""


def center_label(center: DiscoveredCenter) -> str:
    """``Room 2 console · 10.0.0.5:8765 · sha256 3f9a 61c0…``"""
    host = f"[{center.address}]" if ":" in center.address else center.address
    proof = (f"sha256 {fingerprint_digits(center.fingerprint_prefix)}"
             if center.tls and center.fingerprint_prefix
             else QCoreApplication.translate("JoinPage", "no certificate"))
    return f"{center.name} · {host}:{center.port} · {proof}"


class JoinPage(QWidget):
    exams_requested = Signal(str, str)  # server, kiosk key
    join_requested = Signal(str, str, str, str, str, str)  # server, key, exam_id, ref, name, seat
    center_chosen = Signal(str, str)  # server URL, its announced fingerprint digits
    enrolment_file_chosen = Signal(str)  # path
    enrolment_code_requested = Signal()
    override_requested = Signal()  # a proctor lets this kiosk start although it is not ready

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JoinPage")
        self._loaded_for: tuple[str, str] | None = None
        self._wanted_exam_id: str | None = None
        self._chosen_url: str | None = None
        self._is_candidate_only = False

        # ---- the center ----------------------------------------------------------------------
        self.centers_list = QListWidget()
        self.centers_list.setObjectName("CenterList")
        self.centers_list.setMinimumHeight(CENTER_ITEM_HEIGHT + 40)  # lower on a small screen
        self.centers_list.setMaximumHeight(170)
        self.centers_list.setWordWrap(True)
        self.centers_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.centers_hint = QLabel(self.tr(LOOKING_TEXT))
        self.centers_hint.setObjectName("CenterHint")
        self.centers_hint.setWordWrap(True)
        self.enrol_file_button = QPushButton(self.tr("Open enrolment file…"))
        self.enrol_code_button = QPushButton(self.tr("Enter enrolment code…"))

        # ---- the exam and the candidate ------------------------------------------------------
        self.server_edit = QLineEdit()
        self.server_edit.setPlaceholderText("http://exam-server:8765")
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("From the invigilator"))
        self.find_button = QPushButton(self.tr("Find exams"))
        self.exam_combo = QComboBox()
        self.exam_combo.setPlaceholderText(self.tr(NO_EXAMS_TEXT))
        # a long exam name or placeholder never widens the form past a small screen
        self.exam_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.exam_combo.setMinimumContentsLength(10)
        self.exam_combo.setEnabled(False)
        self.seat_edit = QLineEdit()
        self.seat_edit.setPlaceholderText(self.tr("e.g. B-14"))
        self.seat_edit.setMaxLength(MAX_SEAT)
        self.ref_edit = QLineEdit()
        self.ref_edit.setPlaceholderText(self.tr("e.g. C-1042"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("As on your ID card"))
        self.message = QLabel()
        self.message.setObjectName("FormMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_area = QScrollArea()
        self.message_area.setObjectName("FormMessageArea")
        self.message_area.setWidget(self.message)  # which fills its background and shows it:
        self.message.setAutoFillBackground(False)  # the style sheet paints its rounded box
        self.message.hide()
        self.message_area.setWidgetResizable(True)
        self.message_area.setFrameShape(QFrame.Shape.NoFrame)
        self.message_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.message_area.hide()
        self.readiness = ReadinessPanel()
        self.start_button = QPushButton(self.tr("Start exam"))
        self.start_button.setObjectName("PrimaryButton")
        self.start_button.setDefault(True)
        for button in (self.find_button, self.enrol_file_button, self.enrol_code_button):
            button.setObjectName("SecondaryButton")
        for widget in (self.server_edit, self.key_edit, self.exam_combo, self.seat_edit,
                       self.ref_edit, self.name_edit, self.start_button, self.find_button,
                       self.enrol_file_button, self.enrol_code_button):
            widget.setMinimumHeight(44)
        for button in (self.find_button, self.start_button, self.enrol_file_button,
                       self.enrol_code_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)

        card = _Card()
        card.setObjectName("Card")
        card.setMaximumWidth(CARD_WIDTH)  # narrower on a small screen
        title = QLabel(self.tr("Join your exam"))
        title.setObjectName("PageTitle")
        subtitle = QLabel(self.tr("Choose your exam center, then enter the details the "
                                  "invigilator gave you. The camera starts when the exam "
                                  "starts."))
        subtitle.setObjectName("Muted")
        subtitle.setWordWrap(True)
        self.subtitle = subtitle

        panel = QFrame()
        panel.setObjectName("CenterPanel")
        panel.setMinimumWidth(CENTER_PANEL_MIN_WIDTH)  # narrower on a small screen
        panel.setMaximumWidth(CENTER_PANEL_WIDTH)
        side = QVBoxLayout(panel)
        side.setContentsMargins(18, 12, 18, 18)
        side.setSpacing(8)
        self.centers_label = _label(self.tr("Exam centers on this network"), self.centers_list)
        self.centers_label.setWordWrap(True)  # a narrow panel on a small screen
        side.addWidget(self.centers_label)
        side.addWidget(self.centers_list)
        side.addWidget(self.centers_hint)
        side.addWidget(self.readiness)
        side.addStretch(1)
        enrol_label = QLabel(self.tr("Or use what the proctor gives you"))
        enrol_label.setObjectName("FieldLabel")
        enrol_label.setWordWrap(True)  # longer in other languages than the panel is wide
        self.enrol_label = enrol_label
        side.addWidget(enrol_label)
        side.addWidget(self.enrol_file_button)
        side.addWidget(self.enrol_code_button)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.addWidget(_label(self.tr("Exam server address"), self.server_edit), 0, 0, 1, 2)
        grid.addWidget(self.server_edit, 1, 0, 1, 2)
        grid.addWidget(_label(self.tr("Kiosk key"), self.key_edit), 2, 0, 1, 2)
        key_row = QHBoxLayout()
        key_row.setSpacing(12)
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.find_button)
        grid.addLayout(key_row, 3, 0, 1, 2)
        grid.setRowMinimumHeight(2, 34)

        fields = QVBoxLayout()
        fields.setSpacing(10)
        fields.addLayout(grid)
        fields.addLayout(_pair((self.tr("Exam"), self.exam_combo, 5),
                               (self.tr("Seat (where you sit)"), self.seat_edit, 2)))
        fields.addLayout(_pair((self.tr("Candidate ID"), self.ref_edit, 2),
                               (self.tr("Full name"), self.name_edit, 3)))
        fields.addSpacing(4)
        fields.addWidget(self.message_area)
        self.override_button = QPushButton(self.tr("Proctor override…"))
        self.override_button.setObjectName("SecondaryButton")
        self.override_button.setToolTip(self.tr("A proctor lets this kiosk start although it "
                                                "is not ready; the center records who and why"))
        self.override_button.setMinimumHeight(44)
        self.override_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.override_button.hide()
        start_row = QHBoxLayout()  # beside Start exam: the form is no taller for it
        start_row.setSpacing(12)
        start_row.addWidget(self.start_button, 1)
        start_row.addWidget(self.override_button)
        fields.addLayout(start_row)
        fields.addStretch(1)

        body = QHBoxLayout()
        body.setSpacing(28)
        body.addWidget(panel)
        body.addLayout(fields, 1)

        inner = QVBoxLayout(card)
        inner.setContentsMargins(36, 22, 36, 22)
        inner.setSpacing(8)
        inner.addWidget(title)
        inner.addWidget(subtitle)
        inner.addSpacing(8)
        inner.addLayout(body)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 4, 12, 4)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        self.find_button.clicked.connect(self.request_exams)
        self.key_edit.editingFinished.connect(self._maybe_request_exams)
        self.server_edit.editingFinished.connect(self._maybe_request_exams)
        self.start_button.clicked.connect(self._request_join)
        self.name_edit.returnPressed.connect(self._request_join)
        self.centers_list.itemClicked.connect(self._choose_center)
        self.centers_list.itemActivated.connect(self._choose_center)
        self.enrol_file_button.clicked.connect(self.open_enrolment_file)
        self.enrol_code_button.clicked.connect(self.enrolment_code_requested)
        self.override_button.clicked.connect(self.override_requested)

    # ---- input ---------------------------------------------------------------------------------
    def fill_from(self, settings: KioskSettings) -> None:
        self.server_edit.setText(settings.server_url or "")
        self.key_edit.setText(settings.kiosk_key or "")
        self.ref_edit.setText(settings.candidate_ref or "")
        self.name_edit.setText(settings.candidate_name or "")
        self.seat_edit.setText(settings.seat)
        self._wanted_exam_id = settings.exam_id

    def show_only_candidate_fields(self, settings: KioskSettings) -> None:
        """A managed (or full-screen) kiosk: the candidate sees the candidate's fields (ID and
        name; the exam too, unless the kiosk is set to one), never the server address, the
        kiosk key, Find exams or the enrolment buttons."""
        hidden: list[QWidget] = [
            self.server_edit, self.key_edit, self.find_button, self.seat_edit,
            self.centers_label, self.centers_list, self.centers_hint, self.enrol_label,
            self.enrol_file_button, self.enrol_code_button]
        if settings.exam_id:
            hidden.append(self.exam_combo)
        for widget in hidden:
            widget.hide()
        for label in self.findChildren(QLabel, "FieldLabel"):
            if label.buddy() in hidden:
                label.hide()
        self._is_candidate_only = True
        where = "  ·  ".join(part for part in (
            self.tr("Seat {seat}").format(seat=settings.seat) if settings.seat else "",
            self.tr("Room {room}").format(room=settings.room) if settings.room else "") if part)
        self.subtitle.setText(self.tr("Enter your candidate ID and your full name as the "
                                      "invigilator tells you, then press Start exam. The camera "
                                      "starts when the exam starts.")
                              + (f"  {where}" if where else ""))
        if not (settings.server_url and settings.kiosk_key):
            self.start_button.setEnabled(False)
            self.show_error(self.tr("This kiosk is not set up for an exam center yet. Please "
                                    "call the invigilator."))

    def fill_center(self, server_url: str, kiosk_key: str) -> None:
        """An enrolment gave the center's address and kiosk key: fill them and find its exams."""
        self.server_edit.setText(server_url)
        self.key_edit.setText(kiosk_key)
        self.request_exams()

    def request_exams(self) -> None:
        server, key = self.server_edit.text().strip(), self.key_edit.text().strip()
        self._loaded_for = (server, key)
        self.show_info(self.tr("Looking for exams on the server…"))
        self.exams_requested.emit(server, key)

    def open_enrolment_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open the enrolment file from the proctor"), "",
            self.tr("Enrolment files (*.json);;All files (*)"))
        if path:
            self.enrolment_file_chosen.emit(path)

    def _maybe_request_exams(self) -> None:
        if not self.isVisible():
            return  # editingFinished also fires when the page is left
        server, key = self.server_edit.text().strip(), self.key_edit.text().strip()
        if server and key and (server, key) != self._loaded_for:
            self.request_exams()

    def _request_join(self) -> None:
        exam_id = self.exam_combo.currentData() or (
            self._wanted_exam_id if self.exam_combo.count() == 0 else "") or ""
        self.join_requested.emit(self.server_edit.text(), self.key_edit.text(), str(exam_id),
                                 self.ref_edit.text(), self.name_edit.text(),
                                 self.seat_edit.text())

    def _choose_center(self, item: QListWidgetItem) -> None:
        center = item.data(Qt.ItemDataRole.UserRole)
        if not isinstance(center, DiscoveredCenter):
            return
        self._chosen_url = center.url
        self.server_edit.setText(center.url)
        self.center_chosen.emit(center.url, center.fingerprint_prefix if center.tls else "")
        if self.key_edit.text().strip():
            self.request_exams()
        else:
            self.show_info(self.tr("{center} chosen. Enter the kiosk key from the invigilator, "
                                   "or use an enrolment code.").format(center=center.name))

    # ---- output --------------------------------------------------------------------------------
    def show_checking(self) -> None:
        """The readiness check runs: it takes the centers' place (the center is chosen)."""
        self._show_centers(False)
        self.readiness.show_checking()

    def show_readiness(self, report: ReadinessReport) -> None:
        self._show_centers(False)
        self.readiness.show_report(report)

    def _show_centers(self, is_shown: bool) -> None:
        for widget in (self.centers_label, self.centers_list, self.centers_hint):
            widget.setVisible(is_shown and not self._is_candidate_only)

    def set_looking(self) -> None:
        if self.centers_list.count() == 0:
            self.centers_hint.setText(self.tr(LOOKING_TEXT))

    def set_centers(self, result: BrowseResult) -> None:
        """What the last look on the network found; the chosen center stays chosen."""
        self.centers_list.clear()
        for center in result.centers:
            item = QListWidgetItem(center_label(center).replace(" · ", "\n", 1))
            item.setData(Qt.ItemDataRole.UserRole, center)
            item.setToolTip(f"{center_label(center)}\n{center.url}")
            item.setSizeHint(QSize(0, CENTER_ITEM_HEIGHT))
            self.centers_list.addItem(item)
            if center.url == self._chosen_url:
                item.setSelected(True)
        self.centers_hint.setText(self.tr(FOUND_TEXT if result.centers else NOTHING_FOUND_TEXT))

    def center_items(self) -> list[str]:
        return [self.centers_list.item(i).text() for i in range(self.centers_list.count())]

    def set_exams(self, exams: list[ExamDTO]) -> None:
        wanted = self._wanted_exam_id or self.exam_combo.currentData()
        self.exam_combo.clear()
        for exam in exams:
            minutes = max(1, round(exam.duration_seconds / 60))
            self.exam_combo.addItem(self.tr("{title}  ·  {minutes} min").format(
                title=exam.title, minutes=QLocale().toString(minutes)), exam.exam_id)
        self.exam_combo.setEnabled(bool(exams))
        if exams:
            index = self.exam_combo.findData(wanted) if wanted else -1
            self.exam_combo.setCurrentIndex(max(0, index))
            self.show_info(plural(self.tr("%Ln exam(s) found. Choose yours, enter your ID and "
                                          "name, then press Start exam.", "", len(exams)),
                                  len(exams)))
        else:
            self.exam_combo.setPlaceholderText(self.tr("No exams on this server yet"))
            self.show_error(self.tr("The server has no exams yet. Ask the invigilator to create "
                                    "the exam, then press Find exams again."))

    def set_busy(self, is_busy: bool, text: str = "") -> None:
        self.start_button.setEnabled(not is_busy)
        self.start_button.setText(self.tr("Starting…") if is_busy else self.tr("Start exam"))
        if text:
            self.show_info(text)

    def set_override_offered(self, is_offered: bool) -> None:
        """The check found something NOT READY that a proctor may let through."""
        self.override_button.setVisible(is_offered)

    def show_error(self, text: str) -> None:
        self._show(text, "error")

    def show_info(self, text: str) -> None:
        self._show(text, "info")

    def _show(self, text: str, kind: str) -> None:
        self.message.setText(text)
        set_style_property(self.message, "kind", kind)
        self.message.show()
        self.message_area.show()
        self._fit_message()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_message()

    def _fit_message(self) -> None:
        """The message area as tall as the message, up to ``MESSAGE_LINES`` lines."""
        if self.message_area.isHidden():
            return
        width = self.message_area.viewport().width() or self.message_area.width()
        needed = self.message.heightForWidth(width)
        limit = MESSAGE_LINES * self.message.fontMetrics().lineSpacing() + MESSAGE_PADDING
        self.message_area.setFixedHeight(max(1, min(needed, limit)))


class _Card(QFrame):
    """The form's card: ``CARD_WIDTH`` wide where the screen has room, narrower where not."""

    def sizeHint(self) -> QSize:
        return QSize(CARD_WIDTH, super().sizeHint().height())


def _pair(*fields: tuple[str, QWidget, int]) -> QHBoxLayout:
    """Fields side by side, each under its label, widths in the given proportions."""
    row = QHBoxLayout()
    row.setSpacing(16)
    for text, widget, stretch in fields:
        column = QVBoxLayout()
        column.setSpacing(6)
        column.addWidget(_label(text, widget))
        column.addWidget(widget)
        row.addLayout(column, stretch)
    return row


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setObjectName("FieldLabel")
    label.setBuddy(buddy)
    label.setAlignment(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignLeft)
    return label

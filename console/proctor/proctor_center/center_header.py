"""The Proctor Center's header: the page title, the counters (each a button that filters the
grid to what it counts), the Active/Ended switch, and the filter row under it (search, exam,
sort). Widgets only: the window connects them to the model and the proxy."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.i18n import plural
from console.proctor.proctor_center.session_filter_model import CountFilter
from console.proctor.proctor_center.session_list_model import SessionCounts, SessionView
from console.proctor.proctor_center.sort_labels import SORT_LABELS
from console.proctor.settings_values import SortKey
from console.ui import set_style_property
from core.domain.records import ExamDTO

#: The counters of each view, left to right: (filter, the SessionCounts field it shows, words,
#: tone when non-zero). The first counts everything and clears the counter filter.
COUNTERS: dict[SessionView, tuple[tuple[CountFilter, str, str, str], ...]] = {
    SessionView.ACTIVE: (
        (CountFilter.ALL, "total", QT_TRANSLATE_NOOP("CenterHeader", "%Ln active"),
         "neutral"),
        (CountFilter.FLAGGED, "flagged", QT_TRANSLATE_NOOP("CenterHeader", "%Ln flagged"),
         "danger"),
        (CountFilter.HIGH_RISK, "high_risk", QT_TRANSLATE_NOOP("CenterHeader", "%Ln high risk"),
         "danger"),
        (CountFilter.OFFLINE, "offline", QT_TRANSLATE_NOOP("CenterHeader", "%Ln kiosk(s) offline"),
         "warn"),
    ),
    SessionView.ENDED: (
        (CountFilter.ALL, "total", QT_TRANSLATE_NOOP("CenterHeader", "%Ln ended"),
         "neutral"),
        (CountFilter.TERMINATED, "cancelled", QT_TRANSLATE_NOOP("CenterHeader", "%Ln terminated"),
         "danger"),
        (CountFilter.FLAGGED, "flagged", QT_TRANSLATE_NOOP("CenterHeader", "%Ln flagged"),
         "danger"),
        (CountFilter.HIGH_RISK, "high_risk", QT_TRANSLATE_NOOP("CenterHeader", "%Ln high risk"),
         "danger"),
    ),
}


#: The narrowest the search box and the exam box become, so the whole filter row fits an 800 px
#: wide window (wider windows give the search box the room).
SEARCH_MIN_WIDTH = 180
EXAM_BOX_MIN_WIDTH = 150


class SearchField(QLineEdit):
    """The search box; Esc clears it (and is passed on when it is already empty)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


class CenterHeader(QWidget):
    view_chosen = Signal(object)  # SessionView
    #: A counter was clicked: show only what it counts (CountFilter.ALL: everything).
    count_chosen = Signal(object)  # CountFilter
    search_changed = Signal(str)
    exam_chosen = Signal(object)  # exam id or None
    room_chosen = Signal(object)  # room or None
    sort_chosen = Signal(object)  # SortKey

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        self._title_row = self._build_title_row()
        layout.addLayout(self._title_row)
        layout.addLayout(self._build_filter_row())
        self.counter_filter = CountFilter.ALL
        self._view = SessionView.ACTIVE

    def _build_title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.title = QLabel(self.tr("Proctor Center"))
        self.title.setObjectName("pageTitle")
        row.addWidget(self.title)
        row.addSpacing(12)
        self.counters: list[QPushButton] = []
        for position in range(4):
            chip = QPushButton()
            chip.setObjectName("countChip")
            chip.setCheckable(True)
            chip.setAutoDefault(False)
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.clicked.connect(lambda _checked=False, p=position: self._counter_clicked(p))
            self.counters.append(chip)
            row.addWidget(chip)
        row.addStretch(1)
        self.active_button = QPushButton(self.tr("Active"))
        self.ended_button = QPushButton(self.tr("Ended"))
        self.view_buttons = QButtonGroup(self)
        segments = QHBoxLayout()
        segments.setSpacing(0)
        for position, button in (("left", self.active_button), ("right", self.ended_button)):
            button.setCheckable(True)
            button.setObjectName("segmentButton")
            button.setProperty("position", position)
            self.view_buttons.addButton(button)
            segments.addWidget(button)
        self.active_button.setToolTip(self.tr("Active sessions (Ctrl+1)"))
        self.ended_button.setToolTip(self.tr("Submitted, timed-out and terminated sessions "
                                             "(Ctrl+2)"))
        self.active_button.setChecked(True)
        self.active_button.clicked.connect(lambda: self.view_chosen.emit(SessionView.ACTIVE))
        self.ended_button.clicked.connect(lambda: self.view_chosen.emit(SessionView.ENDED))
        row.addLayout(segments)
        return row

    def _build_filter_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.search_field = SearchField()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(
            self.tr("Search by name, candidate ID, seat or exam (Esc clears)"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(SEARCH_MIN_WIDTH)
        self.exam_box = QComboBox()
        self.exam_box.setObjectName("examFilter")
        self.exam_box.setMinimumWidth(EXAM_BOX_MIN_WIDTH)
        self.exam_box.setMaximumWidth(360)
        self.exam_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.exam_box.addItem(self.tr("All exams"), None)
        self.room_box = QComboBox()
        self.room_box.setObjectName("roomFilter")
        self.room_box.setAccessibleName(self.tr("Room"))
        self.room_box.setToolTip(self.tr("Watch one exam room: the grid and the alerts follow "
                                         "it"))
        self.room_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.room_box.addItem(self.tr("All rooms"), None)
        self.sort_box = QComboBox()
        self.sort_box.setObjectName("sortBox")
        for key, label in SORT_LABELS.items():
            self.sort_box.addItem(QCoreApplication.translate("SortLabels", label), str(key))
        row.addWidget(self.search_field, 3)
        row.addWidget(self.exam_box, 1)
        row.addWidget(self.room_box)
        sort_caption = QLabel(self.tr("Sort"))
        sort_caption.setObjectName("fieldCaption")
        row.addSpacing(8)
        row.addWidget(sort_caption)
        row.addWidget(self.sort_box)
        self.search_field.textChanged.connect(self.search_changed)
        self.exam_box.currentIndexChanged.connect(
            lambda _i: self.exam_chosen.emit(self.exam_box.currentData()))
        self.room_box.currentIndexChanged.connect(
            lambda _i: self.room_chosen.emit(self.room_box.currentData()))
        self.sort_box.currentIndexChanged.connect(
            lambda _i: self.sort_chosen.emit(SortKey(self.sort_box.currentData())))
        return row

    # ---- showing -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_title()

    def _fit_title(self) -> None:
        """The page title only where the counters and the Active/Ended switch leave it room: a
        narrow window keeps the controls and drops the words (the window title says them)."""
        row = self._title_row
        needed = row.minimumSize().width()  # the title counts only while it is shown
        if not self.title.isVisibleTo(self):
            needed += self.title.minimumSizeHint().width() + row.spacing()
        fits = self.width() >= needed
        if self.title.isVisibleTo(self) != fits:
            self.title.setVisible(fits)

    def show_view(self, view: SessionView) -> None:
        self._view = view
        (self.active_button if view is SessionView.ACTIVE else self.ended_button).setChecked(True)

    def show_sort_key(self, key: SortKey) -> None:
        position = self.sort_box.findData(str(key))
        if position != self.sort_box.currentIndex():
            self.sort_box.setCurrentIndex(position)

    def show_counts(self, counts: SessionCounts) -> None:
        for chip, (kind, field, words, tone) in zip(self.counters, COUNTERS[self._view],
                                                    strict=True):
            number = getattr(counts, field)
            # words of COUNTERS: one form each (the count in the language's digits)
            text = plural(self.tr(words).replace("%Ln", QLocale().toString(number)), number)
            if chip.text() != text:
                chip.setText(text)
            chosen = kind is self.counter_filter
            chip.setChecked(chosen)
            chip.setToolTip(self.tr("Show every session") if kind is CountFilter.ALL else
                            (self.tr("Click again to show every session") if chosen
                             else self.tr("Show only these ({what})").format(what=text)))
            set_style_property(chip, "tone", tone if number or kind is CountFilter.ALL
                               else "muted")
        self._fit_title()  # longer numbers may leave the title no room

    def set_exams(self, exams: list[ExamDTO]) -> bool:
        """Fill the exam box, keeping the chosen exam; False when it is gone (All exams)."""
        chosen = self.exam_box.currentData()
        self.exam_box.blockSignals(True)
        self.exam_box.clear()
        self.exam_box.addItem(self.tr("All exams"), None)
        for exam in exams:
            self.exam_box.addItem(exam.title, exam.exam_id)
        position = self.exam_box.findData(chosen) if chosen else 0
        self.exam_box.setCurrentIndex(max(0, position))
        self.exam_box.blockSignals(False)
        return position >= 0

    def set_rooms(self, rooms: list[str], chosen: str | None = None) -> None:
        """Fill the room box with the rooms sessions come from (and ``chosen``, kept even when
        none of its sessions is listed yet), choosing ``chosen``; no signal."""
        chosen = chosen if chosen is not None else self.room_box.currentData()
        names = sorted(set(rooms) | ({chosen} if chosen else set()), key=str.casefold)
        if [self.room_box.itemData(i) for i in range(1, self.room_box.count())] == names \
                and self.room_box.currentData() == chosen:
            return
        self.room_box.blockSignals(True)
        self.room_box.clear()
        self.room_box.addItem(self.tr("All rooms"), None)
        for name in names:
            self.room_box.addItem(name, name)
        self.room_box.setCurrentIndex(max(0, self.room_box.findData(chosen) if chosen else 0))
        self.room_box.blockSignals(False)

    def _counter_clicked(self, position: int) -> None:
        kind = COUNTERS[self._view][position][0]
        self.counter_filter = (CountFilter.ALL if kind is self.counter_filter else kind)
        self.count_chosen.emit(self.counter_filter)

"""EvidencePane: the three columns of the details window — the snapshot gallery, the large
preview and the event timeline — with stable widths.

The gallery keeps two tiles' width and the timeline its width; only the preview grows or shrinks
with the window. On a small screen (800 px wide) the timeline gives way first, then the gallery,
down to minimums that fit all three columns in the window; the preview's key hint then wraps.
What the columns show (a longer caption, more snapshots, another selection) never moves a
column edge: the columns' minimum widths are fixed, not taken from their content.
A proctor may drag the edges; the widths they choose are then kept the same way."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.i18n import translate
from console.proctor.session_details.gallery_delegate import TILE_SIZE, GalleryDelegate
from console.proctor.session_details.gallery_model import GalleryModel
from console.proctor.session_details.timeline_delegate import TimelineDelegate
from console.proctor.session_details.timeline_model import TimelineModel
from console.proctor.thumbnails import ThumbnailCache

GRID_SPACING = 4
#: Two tiles side by side, their spacing and a vertical scroll bar.
GALLERY_WIDTH = 2 * (TILE_SIZE.width() + GRID_SPACING) + 4 * GRID_SPACING + 22
GALLERY_MIN_WIDTH = TILE_SIZE.width() + 30
TIMELINE_WIDTH = 360
TIMELINE_MIN_WIDTH = 220
PREVIEW_MIN_WIDTH = 240
#: The preview's width that the timeline, then the gallery, give way for on a narrow window.
PREVIEW_COMFORT_WIDTH = 360
HANDLE_WIDTH = 14
KEY_HINT = QT_TRANSLATE_NOOP("EvidencePane", "← → step  ·  Home newest  ·  End oldest")


class EvidencePane(QSplitter):
    def __init__(self, gallery_model: GalleryModel, timeline_model: TimelineModel,
                 preview: QWidget, thumbnails: ThumbnailCache,
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("evidenceSplitter")
        self.setChildrenCollapsible(False)
        self.setHandleWidth(HANDLE_WIDTH)

        self.gallery = QListView(self)
        self.gallery.setObjectName("gallery")
        self.gallery.setViewMode(QListView.ViewMode.IconMode)
        self.gallery.setMovement(QListView.Movement.Static)
        self.gallery.setResizeMode(QListView.ResizeMode.Adjust)
        self.gallery.setFlow(QListView.Flow.LeftToRight)
        self.gallery.setWrapping(True)
        self.gallery.setUniformItemSizes(True)
        self.gallery.setSpacing(GRID_SPACING)
        self.gallery.setGridSize(QSize(TILE_SIZE.width() + GRID_SPACING,
                                       TILE_SIZE.height() + GRID_SPACING))
        self.gallery.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.gallery.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.gallery.setMouseTracking(True)
        self.gallery.setModel(gallery_model)
        self.gallery.setItemDelegate(GalleryDelegate(thumbnails, self.gallery))

        self.timeline = QListView(self)
        self.timeline.setObjectName("timeline")
        self.timeline.setModel(timeline_model)
        self.timeline.setItemDelegate(TimelineDelegate(self.timeline))
        # a row whose name has no room beside its time is a line taller: laid out again
        # when the column's width changes
        self.timeline.setResizeMode(QListView.ResizeMode.Adjust)
        self.timeline.setMouseTracking(True)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self._gallery_title = _title(translate("EvidencePane", "Snapshots"))
        self._timeline_title = _title(translate("EvidencePane", "Timeline"))
        hint = QLabel(translate("EvidencePane", KEY_HINT))
        hint.setObjectName("sectionHint")
        hint.setWordWrap(True)  # a narrow preview column: two lines, never cut
        hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        columns = (
            (_section(self._gallery_title, self.gallery), GALLERY_MIN_WIDTH),
            (_section(_title(translate("EvidencePane", "Preview")), preview, hint),
             PREVIEW_MIN_WIDTH),
            (_section(self._timeline_title, self.timeline), TIMELINE_MIN_WIDTH),
        )
        for column, minimum in columns:
            column.setMinimumWidth(minimum)  # fixed: never the content's minimum
            self.addWidget(column)
        for index, stretch in enumerate((0, 1, 0)):
            self.setStretchFactor(index, stretch)
        self._wanted = [GALLERY_WIDTH, TIMELINE_WIDTH]  # gallery and timeline, as last chosen
        self.splitterMoved.connect(self._remember_widths)
        self.setSizes([GALLERY_WIDTH, 560, TIMELINE_WIDTH])

    # ---- what the window and tests read ----------------------------------------------------
    def column_widths(self) -> list[int]:
        """Gallery, preview and timeline widths in pixels."""
        return self.sizes()

    def set_gallery_title(self, text: str) -> None:
        self._gallery_title.setText(text)

    def set_timeline_title(self, text: str) -> None:
        self._timeline_title.setText(text)

    def timeline_title(self) -> str:
        return self._timeline_title.text()

    # ---- width policy ----------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_widths()

    def _remember_widths(self, _pos: int, _index: int) -> None:
        sizes = self.sizes()
        self._wanted = [sizes[0], sizes[2]]

    def _apply_widths(self) -> None:
        """The gallery and the timeline at their chosen widths, the preview the rest; when the
        window is too narrow for that, the timeline gives way first, then the gallery."""
        total = sum(self.sizes())
        if total <= 0:
            return
        gallery, timeline = self._wanted
        spare = total - PREVIEW_COMFORT_WIDTH - gallery - timeline
        if spare < 0:
            timeline = max(TIMELINE_MIN_WIDTH, timeline + spare)
            spare = total - PREVIEW_COMFORT_WIDTH - gallery - timeline
        if spare < 0:
            gallery = max(GALLERY_MIN_WIDTH, gallery + spare)
        preview = max(PREVIEW_MIN_WIDTH, total - gallery - timeline)
        sizes = [gallery, preview, timeline]
        if sizes != self.sizes():
            self.setSizes(sizes)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def _section(title: QLabel, body: QWidget, hint: QLabel | None = None) -> QFrame:
    section = QFrame()
    section.setObjectName("section")
    layout = QVBoxLayout(section)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    row = QHBoxLayout()
    row.addWidget(title)
    row.addStretch(1)
    if hint is not None:
        row.addWidget(hint)
    layout.addLayout(row)
    layout.addWidget(body, 1)
    return section

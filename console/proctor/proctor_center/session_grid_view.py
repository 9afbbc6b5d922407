"""SessionGridView: the card grid. A QListView in icon mode with uniform item sizes and batched
layout; the card width grows to fill the columns so the grid looks even at any window width."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QWidget

from console.proctor.proctor_center.session_card_delegate import CARD_MIN_WIDTH, SessionCardDelegate

SPACING = 10


class SessionGridView(QListView):
    #: A card's context menu was asked for (right click or the menu key): index, global pos.
    card_menu_requested = Signal(QModelIndex, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionGrid")
        self.card_delegate = SessionCardDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        # Laying out 1,000 uniform cards takes about a millisecond: batches that size keep the
        # GUI responsive for bigger grids without a repaint per small batch.
        self.setBatchSize(1000)
        self.setSpacing(SPACING)
        self.setDragEnabled(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.DefaultContextMenu)

    def layout_width(self) -> int:
        """The width QListView lays items out in: it keeps room for a vertical scroll bar
        that may appear, so the columns never jump when it does."""
        width = self.maximumViewportSize().width()
        if self.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded:
            width -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None,
                                              self.verticalScrollBar())
        return width

    def fit_cards(self) -> bool:
        """Choose the card width that fills whole columns; True when it changed."""
        usable = max(0, self.layout_width() - SPACING)
        columns = max(1, usable // (CARD_MIN_WIDTH + SPACING))
        width = usable // columns - SPACING
        return self.card_delegate.set_card_width(width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        if self.fit_cards():
            self.scheduleDelayedItemsLayout()
        super().resizeEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            index = self.indexAt(event.pos())
            if index.isValid():
                self.setCurrentIndex(index)
            position = event.globalPos()
        else:
            index = self.currentIndex()
            anchor = self.visualRect(index).center() if index.isValid() else QPoint(8, 8)
            position = self.viewport().mapToGlobal(anchor)
        if index.isValid():
            self.card_menu_requested.emit(index, position)
            event.accept()
        else:
            event.ignore()

"""GalleryDelegate: one snapshot tile — thumbnail (from the ThumbnailCache, decoded off the GUI
thread), capture time, and the analysis badges on the picture."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from console.i18n import translate
from console.proctor.session_details.gallery_model import BadgesRole, SnapshotIdRole
from console.proctor.thumbnails import ThumbnailCache
from resources import TOKENS

#: The size thumbnails are cached at (the stored thumbnails are about 160x120).
THUMBNAIL_SIZE = QSize(160, 120)
PADDING = 6
CAPTION_HEIGHT = 20
TILE_SIZE = QSize(THUMBNAIL_SIZE.width() + 2 * PADDING,
                  THUMBNAIL_SIZE.height() + 2 * PADDING + CAPTION_HEIGHT)

Index = QModelIndex | QPersistentModelIndex


class GalleryDelegate(QStyledItemDelegate):
    def __init__(self, thumbnails: ThumbnailCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._thumbnails = thumbnails

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(TILE_SIZE)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        tile = QRectF(option.rect).adjusted(2, 2, -2, -2)
        is_selected = bool(option.state & QStyle.StateFlag.State_Selected)
        is_hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        painter.setPen(QPen(QColor(TOKENS["accent"] if is_selected else TOKENS["border"]),
                            2.5 if is_selected else 1))
        painter.setBrush(QColor(TOKENS["info_bg"] if is_selected else
                                TOKENS["surface_alt"] if is_hovered else TOKENS["surface"]))
        painter.drawRoundedRect(tile, 8, 8)

        picture = self._picture_rect(option.rect)
        self._paint_thumbnail(painter, picture, str(index.data(SnapshotIdRole)))
        self._paint_badges(painter, picture, index.data(BadgesRole) or ())

        caption = QRect(option.rect.left() + PADDING, picture.bottom() + 2,
                        option.rect.width() - 2 * PADDING, CAPTION_HEIGHT)
        font = QFont(option.font)
        font.setBold(is_selected)
        painter.setFont(font)
        painter.setPen(QColor(TOKENS["text"]))
        painter.drawText(caption, Qt.AlignmentFlag.AlignCenter, str(index.data() or ""))
        painter.restore()

    @staticmethod
    def _picture_rect(rect: QRect) -> QRect:
        left = rect.left() + (rect.width() - THUMBNAIL_SIZE.width()) // 2
        return QRect(left, rect.top() + PADDING, THUMBNAIL_SIZE.width(), THUMBNAIL_SIZE.height())

    def _paint_thumbnail(self, painter: QPainter, area: QRect, snapshot_id: str) -> None:
        pixmap = self._thumbnails.pixmap(snapshot_id, THUMBNAIL_SIZE)
        if pixmap is None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(TOKENS["surface_alt"]))
            painter.drawRoundedRect(QRectF(area), 4, 4)
            failed = self._thumbnails.has_failed(snapshot_id, THUMBNAIL_SIZE)
            painter.setPen(QColor(TOKENS["text_muted"]))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter,
                             translate("GalleryDelegate", "Image unavailable") if failed
                             else translate("GalleryDelegate", "Loading…"))
            return
        target = QRect(0, 0, pixmap.width(), pixmap.height())
        target.moveCenter(area.center())
        painter.drawPixmap(target, pixmap)

    @staticmethod
    def _paint_badges(painter: QPainter, area: QRect, badges: tuple[str, ...]) -> None:
        if not badges:
            return
        font = QFont(painter.font())
        font.setPixelSize(11)
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        x, y = area.left() + 4, area.top() + 4
        for word in badges:
            width = metrics.horizontalAdvance(word) + 10
            if x + width > area.right() - 4 and x > area.left() + 4:
                x, y = area.left() + 4, y + 20
            chip = QRectF(x, y, width, 17)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(TOKENS["danger"] if "face" in word.lower() else TOKENS["warn"]))
            painter.drawRoundedRect(chip, 8, 8)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, word)
            x += width + 4

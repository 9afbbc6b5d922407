"""TimelineDelegate: one event as two lines — a coloured dot, the time, the type in words (bold)
with who did it ("by Dana Lee", regular) and a source chip; the detail below in muted text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.formatting import clock_time, event_words
from console.session_details.timeline_model import (
    ActorRole,
    DetailRole,
    EventRole,
    OccurredAtRole,
    SeverityRole,
    SourceRole,
    SourceWordsRole,
    TypeWordsRole,
)
from resources import TOKENS

ROW_HEIGHT = 46
SEVERITY_COLOURS = {"danger": "danger", "warn": "warn", "ok": "ok", "info": "accent"}
SOURCE_COLOURS = {"kiosk": "#0369a1", "analysis": "#7c3aed", "proctor": "#b45309",
                  "system": "#475569"}

Index = QModelIndex | QPersistentModelIndex


class TimelineDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(max(200, option.rect.width()), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(TOKENS["info_bg"]))
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()),
                             QColor(TOKENS["accent"]))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor(TOKENS["surface_alt"]))
        painter.setPen(QColor(TOKENS["border"]))
        painter.drawLine(rect.left() + 8, rect.bottom(), rect.right() - 8, rect.bottom())

        base = QFont(option.font)
        time_font = QFont(base)
        time_font.setPixelSize(12)
        title_font = QFont(base)
        title_font.setPixelSize(13)
        title_font.setBold(True)
        actor_font = QFont(base)
        actor_font.setPixelSize(13)
        small = QFont(base)
        small.setPixelSize(12)
        chip_font = QFont(base)
        chip_font.setPixelSize(10)
        chip_font.setBold(True)

        top = rect.top() + 5
        severity = SEVERITY_COLOURS.get(str(index.data(SeverityRole)), "accent")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TOKENS[severity]))
        painter.drawEllipse(QRectF(rect.left() + 10, top + 5, 8, 8))

        painter.setFont(time_font)
        painter.setPen(QColor(TOKENS["text_muted"]))
        time_rect = QRect(rect.left() + 24, top, 62, 18)
        painter.drawText(time_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         clock_time(index.data(OccurredAtRole)))

        source = str(index.data(SourceRole) or "")
        source_text = str(index.data(SourceWordsRole) or "").upper()
        chip_metrics = QFontMetrics(chip_font)
        chip_width = chip_metrics.horizontalAdvance(source_text) + 12
        chip = QRectF(rect.right() - 8 - chip_width, top + 1, chip_width, 16)
        painter.setPen(Qt.PenStyle.NoPen)
        chip_colour = QColor(SOURCE_COLOURS.get(source, TOKENS["text_muted"]))
        painter.setBrush(chip_colour.lighter(185))
        painter.drawRoundedRect(chip, 8, 8)
        painter.setFont(chip_font)
        painter.setPen(chip_colour)
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, source_text)

        painter.setFont(title_font)
        painter.setPen(QColor(TOKENS["text"]))
        title_left = time_rect.right() + 6
        title_rect = QRect(title_left, top, int(chip.left()) - 8 - title_left, 18)
        event = index.data(EventRole)
        actor = str(index.data(ActorRole) or "")
        name = event_words(event.type) if event is not None and actor else \
            str(index.data(TypeWordsRole) or "")
        left_align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        title_metrics = QFontMetrics(title_font)
        title = title_metrics.elidedText(name, Qt.TextElideMode.ElideRight, title_rect.width())
        painter.drawText(title_rect, left_align, title)
        by_left = title_rect.left() + title_metrics.horizontalAdvance(title)
        if actor and title == name and by_left < title_rect.right():
            painter.setFont(actor_font)
            by_rect = QRect(by_left, top, title_rect.right() + 1 - by_left, 18)
            painter.drawText(by_rect, left_align, QFontMetrics(actor_font).elidedText(
                f" by {actor}", Qt.TextElideMode.ElideRight, by_rect.width()))

        detail = str(index.data(DetailRole) or "")
        if detail:
            painter.setFont(small)
            painter.setPen(QColor(TOKENS["text_muted"]))
            detail_rect = QRect(time_rect.left(), top + 20, rect.right() - 8 - time_rect.left(), 18)
            detail = QFontMetrics(small).elidedText(detail, Qt.TextElideMode.ElideRight,
                                                    detail_rect.width())
            painter.drawText(detail_rect,
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, detail)
        painter.restore()

"""TimelineDelegate: one event as two lines — a coloured dot, the time, the type in words (bold)
and a source chip, or for a person's action who did it ("by Dana Lee", the name in the
proctor colour) instead of the chip; the detail below in muted text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.proctor.formatting import clock_time, event_words
from console.proctor.session_details.timeline_model import (
    CENTER_SEVERITY,
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
SEVERITY_COLOURS = {"danger": "danger", "warn": "warn", "ok": "ok", "info": "accent",
                    "center": "text_muted"}
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
        actor_name_font = QFont(actor_font)
        actor_name_font.setWeight(QFont.Weight.DemiBold)
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
        chip_colour = QColor(SOURCE_COLOURS.get(source, TOKENS["text_muted"]))
        actor = str(index.data(ActorRole) or "")
        title_left = time_rect.right() + 6
        title_right = rect.right() - 8
        if not actor:  # a person's action names the person instead of its source
            source_text = str(index.data(SourceWordsRole) or "").upper()
            chip_width = QFontMetrics(chip_font).horizontalAdvance(source_text) + 12
            chip = QRectF(rect.right() - 8 - chip_width, top + 1, chip_width, 16)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(chip_colour.lighter(185))
            painter.drawRoundedRect(chip, 8, 8)
            painter.setFont(chip_font)
            painter.setPen(chip_colour)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, source_text)
            title_right = int(chip.left()) - 8

        event = index.data(EventRole)
        name = event_words(event.type) if event is not None and actor else \
            str(index.data(TypeWordsRole) or "")
        # The center's own problems read in a muted tone: not the candidate's evidence.
        title_colour = TOKENS["text_muted" if index.data(SeverityRole) == CENTER_SEVERITY
                              else "text"]
        x = self._words(painter, title_font, QColor(title_colour), x=title_left, top=top,
                        right=title_right, text=name)
        if actor and x is not None:
            x = self._words(painter, actor_font, QColor(TOKENS["text"]), x=x, top=top,
                            right=title_right, text=" by ")
        if actor and x is not None:
            self._words(painter, actor_name_font, chip_colour, x=x, top=top, right=title_right,
                        text=actor)

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

    @staticmethod
    def _words(painter: QPainter, font: QFont, colour: QColor, *, x: int, top: int, right: int,
               text: str) -> int | None:
        """Draw ``text`` from ``x`` on the title line, elided at ``right``; where the next
        words start, or None when there is no room left for them."""
        metrics = QFontMetrics(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, right - x))
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QRect(x, top, max(0, right - x), 18),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
        end = x + metrics.horizontalAdvance(shown)
        return end if shown == text and end < right - 12 else None

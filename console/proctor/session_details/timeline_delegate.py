"""TimelineDelegate: one event as two lines — a coloured dot, the time, the type in words (bold)
and a source chip, or for a person's action who did it ("by Dana Lee", the name in the
proctor colour) instead of the chip; the detail below in muted text. When the timeline is too
narrow for the name beside the time (an 800 px screen, a longer language), the name takes a
line of its own under the time instead of being cut."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from console.i18n import held_left_to_right
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
# A narrow timeline (an 800 px screen, a long language) gives the event's name a line of its
# own under the time: the row is this much taller.
WRAP_HEIGHT = 20
# Where the event's name starts after the dot and the time, and the time's width.
TIME_LEFT = 24
TIME_WIDTH = 62
TITLE_LEFT = TIME_LEFT + TIME_WIDTH + 6
SEVERITY_COLOURS = {"danger": "danger", "warn": "warn", "ok": "ok", "info": "accent",
                    "center": "text_muted"}
SOURCE_COLOURS = {"kiosk": "#0369a1", "analysis": "#7c3aed", "proctor": "#b45309",
                  "system": "#475569"}
_LEFT_VCENTER = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft

Index = QModelIndex | QPersistentModelIndex


class _Fonts:
    def __init__(self, base: QFont) -> None:
        self.time = QFont(base)
        self.time.setPixelSize(12)
        self.title = QFont(base)
        self.title.setPixelSize(13)
        self.title.setBold(True)
        self.actor = QFont(base)
        self.actor.setPixelSize(13)
        self.actor_name = QFont(self.actor)
        self.actor_name.setWeight(QFont.Weight.DemiBold)
        self.small = QFont(base)
        self.small.setPixelSize(12)
        self.chip = QFont(base)
        self.chip.setPixelSize(10)
        self.chip.setBold(True)


class TimelineDelegate(QStyledItemDelegate):
    """Right to left (Arabic), each row is its left-to-right layout mirrored: the dot and the
    time at the right, the name at their left, the source chip at the left end."""

    # When a list, each of the title's words drawn is added to it as (the words, as shown,
    # may be shortened by design): what the translation walk reads of a row.
    drawn: list[tuple[str, str, bool]] | None = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._font_cache: dict[str, _Fonts] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        view = option.widget  # type: ignore[attr-defined]
        width = view.viewport().width() if isinstance(view, QAbstractItemView) else \
            option.rect.width()
        fonts = self._fonts(option.font)
        height = ROW_HEIGHT
        if self._wraps(index, fonts, width):
            if self._fits_under_time(index, fonts, width):
                height += WRAP_HEIGHT
            else:
                pieces = self._pieces(index)
                height += self._name_height(fonts, pieces[0][1], width) + 2 + (
                    WRAP_HEIGHT if len(pieces) > 1 else 0)
        return QSize(max(200, width), height)

    def _title_width(self, index: Index, fonts: _Fonts) -> int:
        return sum(QFontMetrics(getattr(fonts, kind)).horizontalAdvance(text)
                   for kind, text in self._pieces(index))

    def _fits_under_time(self, index: Index, fonts: _Fonts, width: int) -> bool:
        """Whether the whole title fits on one line of its own under the time."""
        return self._title_width(index, fonts) <= width - 8 - TIME_LEFT - 12

    @staticmethod
    def _name_height(fonts: _Fonts, name: str, width: int) -> int:
        """The height of the event's name wrapped at its own lines' width."""
        return max(18, QFontMetrics(fonts.title).boundingRect(
            QRect(0, 0, max(1, width - 8 - TIME_LEFT), 10_000),
            int(Qt.TextFlag.TextWordWrap), name).height())

    def _fonts(self, base: QFont) -> _Fonts:
        """The row's fonts, made once per base font (sizing a long timeline asks every row)."""
        key = base.key()
        fonts = self._font_cache.get(key)
        if fonts is None:
            fonts = self._font_cache[key] = _Fonts(base)
        return fonts

    # ---- the title line ---------------------------------------------------------------------
    def _pieces(self, index: Index) -> list[tuple[str, str]]:
        """The title's words: the event's name, then for a person's action " by " and who."""
        actor = str(index.data(ActorRole) or "")
        event = index.data(EventRole)
        name = event_words(event.type) if event is not None and actor else \
            str(index.data(TypeWordsRole) or "")
        if not actor:
            return [("title", name)]
        return [("title", name), ("actor", self.tr(" by ")), ("actor_name", actor)]

    def _chip_text(self, index: Index) -> str:
        return "" if index.data(ActorRole) else str(index.data(SourceWordsRole) or "").upper()

    def _chip_width(self, fonts: _Fonts, text: str) -> int:
        return QFontMetrics(fonts.chip).horizontalAdvance(text) + 12 if text else 0

    def _wraps(self, index: Index, fonts: _Fonts, width: int) -> bool:
        """Whether the title has no room on the time's line at this row width."""
        chip = self._chip_width(fonts, self._chip_text(index))
        room = width - 8 - (chip + 8 if chip else 0) - TITLE_LEFT
        return self._title_width(index, fonts) > room - 12  # as _words leaves room

    # ---- painting ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect
        is_rtl = option.direction == Qt.LayoutDirection.RightToLeft

        def visual(piece: QRect) -> QRect:  # mirrored inside the row, right to left
            if not is_rtl:
                return piece
            return QRect(rect.left() + rect.right() - piece.right(), piece.top(),
                         piece.width(), piece.height())

        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, QColor(TOKENS["info_bg"]))
            painter.fillRect(visual(QRect(rect.left(), rect.top(), 3, rect.height())),
                             QColor(TOKENS["accent"]))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, QColor(TOKENS["surface_alt"]))
        painter.setPen(QColor(TOKENS["border"]))
        painter.drawLine(rect.left() + 8, rect.bottom(), rect.right() - 8, rect.bottom())

        fonts = self._fonts(option.font)
        top = rect.top() + 5
        severity = SEVERITY_COLOURS.get(str(index.data(SeverityRole)), "accent")
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(TOKENS[severity]))
        painter.drawEllipse(QRectF(visual(QRect(rect.left() + 10, top + 5, 8, 8))))

        painter.setFont(fonts.time)
        painter.setPen(QColor(TOKENS["text_muted"]))
        time_rect = QRect(rect.left() + TIME_LEFT, top, TIME_WIDTH, 18)
        painter.drawText(visual(time_rect), _LEFT_VCENTER, clock_time(index.data(OccurredAtRole)))

        source = str(index.data(SourceRole) or "")
        chip_colour = QColor(SOURCE_COLOURS.get(source, TOKENS["text_muted"]))
        title_left = rect.left() + TITLE_LEFT
        title_right = rect.right() - 8
        source_text = self._chip_text(index)
        if source_text:  # a person's action names the person instead of its source
            chip_width = self._chip_width(fonts, source_text)
            chip = QRectF(visual(QRect(rect.right() - 8 - chip_width + 1, top + 1, chip_width,
                                       16)))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(chip_colour.lighter(185))
            painter.drawRoundedRect(chip, 8, 8)
            painter.setFont(fonts.chip)
            painter.setPen(chip_colour)
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, source_text)
            title_right = rect.right() - 8 - chip_width - 8
        # The center's own problems read in a muted tone: not the candidate's evidence.
        colours = {"title": QColor(TOKENS["text_muted" if index.data(SeverityRole)
                                          == CENTER_SEVERITY else "text"]),
                   "actor": QColor(TOKENS["text"]), "actor_name": chip_colour}
        pieces = self._pieces(index)
        line = top
        wraps = self._wraps(index, fonts, rect.width())
        if wraps and self._fits_under_time(index, fonts, rect.width()):  # on the next line
            line, title_left, title_right = top + 20, time_rect.left(), rect.right() - 8
        elif wraps:
            # the name on lines of its own under the time, wrapped, then who did it
            name = pieces[0][1]
            height = self._name_height(fonts, name, rect.width())
            name_rect = QRect(time_rect.left(), top + 20, rect.right() - 8 - time_rect.left(),
                              height)
            painter.setFont(fonts.title)
            painter.setPen(colours["title"])
            painter.drawText(visual(name_rect), int(_LEFT_VCENTER | Qt.TextFlag.TextWordWrap),
                             name)
            if self.drawn is not None:
                self.drawn.append((name, name, False))
            line, pieces = top + 20 + height + 2, pieces[1:]
            title_left, title_right = time_rect.left(), rect.right() - 8
            if pieces:
                pieces[0] = ("actor", pieces[0][1].lstrip())
        x: int | None = title_left
        for kind, text in pieces:
            if x is None:
                break
            x = self._words(painter, getattr(fonts, kind), colours[kind], x=x, top=line,
                            right=title_right, text=text, visual=visual)
        # the detail under the title's last line
        detail_top = line + 20 if pieces else line

        detail = str(index.data(DetailRole) or "")
        if detail:
            if self.drawn is not None:  # the detail is shortened by design (its tooltip)
                self.drawn.append((detail, detail, True))
            painter.setFont(fonts.small)
            painter.setPen(QColor(TOKENS["text_muted"]))
            detail_rect = QRect(time_rect.left(), detail_top,
                                rect.right() - 8 - time_rect.left(), 18)
            detail = QFontMetrics(fonts.small).elidedText(detail, Qt.TextElideMode.ElideRight,
                                                          detail_rect.width())
            painter.drawText(visual(detail_rect), _LEFT_VCENTER,
                             held_left_to_right(detail) if is_rtl else detail)
        painter.restore()

    def _words(self, painter: QPainter, font: QFont, colour: QColor, *, x: int, top: int,
               right: int, text: str, visual: Callable[[QRect], QRect]) -> int | None:
        """Draw ``text`` from ``x`` on the title line, elided at ``right``; where the next
        words start, or None when there is no room left for them."""
        metrics = QFontMetrics(font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, right - x))
        painter.setFont(font)
        painter.setPen(colour)
        end = x + metrics.horizontalAdvance(shown)
        if self.drawn is not None and text.strip():
            self.drawn.append((text, shown, False))
        drawn = held_left_to_right(shown) if painter.layoutDirection() == \
            Qt.LayoutDirection.RightToLeft else shown
        painter.drawText(visual(QRect(x, top, max(0, end - x + 1), 18)), _LEFT_VCENTER, drawn)
        return end if shown == text and end < right - 12 else None

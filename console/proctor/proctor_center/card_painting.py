"""CardPainting: the pieces a session card is painted from — colours from the design tokens,
fonts, the empty card frame, avatars, cover-cropped pictures with rounded corners, badges
("pills"), small glyphs (flag, status dot, camera) and the candidate-ref line with the seat.
Each piece is drawn once per size and screen ratio into a pixmap and then blitted, so repaints
stay cheap.

Right to left (an Arabic console), a card is laid out as left to right and every piece is put
at its mirrored place (``_visual``): the picture at the right, the words at its left, aligned
at their right. The pictures themselves are never mirrored."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QStyledItemDelegate

from console.i18n import held_left_to_right
from core.domain.enums import RiskLevel
from resources import TOKENS

RADIUS = 10.0
SMALL_CACHE_ENTRIES = 4096
#: Avatars kept (about 50 KB each at 1x).
PICTURE_CACHE_ENTRIES = 400

_LEFT_VCENTER = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT_VCENTER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
#: The seat takes at most this share of its line; the candidate ref gets the rest.
SEAT_SHARE = 0.6


def _color(name: str) -> QColor:
    return QColor(TOKENS[name])


class _Palette:
    """Colours, from the shared design tokens (plus a few tints derived from them)."""

    def __init__(self) -> None:
        self.surface = _color("surface")
        self.surface_alt = _color("surface_alt")
        self.border = _color("border")
        self.border_hover = QColor("#a9b5c4")
        self.text = _color("text")
        self.muted = _color("text_muted")
        self.accent = _color("accent")
        self.selected_bg = _color("info_bg")
        self.ok = _color("ok")
        self.ok_bg = QColor("#e6f4ea")
        self.warn = _color("warn")
        self.warn_bg = _color("warn_bg")
        self.danger = _color("danger")
        self.danger_bg = _color("danger_bg")
        self.sample = _color("sample")
        self.sample_bg = QColor("#f1eafe")
        self.ended = QColor("#64748b")
        self.amber_solid = QColor("#d97706")
        self.red_solid = QColor("#dc2626")
        self.white = QColor("#ffffff")

    def risk(self, level: str) -> tuple[QColor, QColor]:
        if level == RiskLevel.HIGH:
            return self.danger, self.danger_bg
        if level == RiskLevel.MEDIUM:
            return self.warn, self.warn_bg
        return self.ok, self.ok_bg


class CardPainting(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.colors = _Palette()
        self._name_font = QFont()
        self._name_font.setPixelSize(14)
        self._name_font.setWeight(QFont.Weight.DemiBold)
        self._body_font = QFont()
        self._body_font.setPixelSize(12)
        self._badge_font = QFont()
        self._badge_font.setPixelSize(11)
        self._badge_font.setWeight(QFont.Weight.DemiBold)
        self._seat_font = QFont(self._body_font)
        self._seat_font.setWeight(QFont.Weight.DemiBold)
        self._name_metrics = QFontMetrics(self._name_font)
        self._body_metrics = QFontMetrics(self._body_font)
        self._badge_metrics = QFontMetrics(self._badge_font)
        self._seat_metrics = QFontMetrics(self._seat_font)
        self._background = _color("bg")
        self._pills: dict[tuple, QPixmap] = {}
        self._frames: dict[tuple, QPixmap] = {}
        self._pictures: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._glyphs: dict[tuple, QPixmap] = {}
        self._advances: dict[tuple, int] = {}
        self._ratio = 1.0
        self._elided: dict[tuple, str] = {}
        #: The card's width while a right-to-left card is drawn (None: left to right).
        self._mirror_width: int | None = None
        #: When a list, each text drawn is added to it as (the words, as shown, may be
        #: shortened by design): what the translation walk reads of a card.
        self.drawn: list[tuple[str, str, bool]] | None = None

    def _frame(self, width: int, height: int, variant: str, ratio: float) -> QPixmap:
        """The empty card (background, border) for a state: drawn once, then copied."""
        key = (width, height, variant, ratio)
        frame = self._frames.get(key)
        if frame is not None:
            return frame
        c = self.colors
        frame = QPixmap(round(width * ratio), round(height * ratio))
        frame.setDevicePixelRatio(ratio)
        frame.fill(self._background)
        painter = QPainter(frame)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        outline = QRectF(0, 0, width, height).adjusted(0.5, 0.5, -0.5, -0.5)
        if variant == "selected":
            painter.setPen(QPen(c.accent, 2))
            painter.setBrush(c.selected_bg)
            outline = outline.adjusted(0.5, 0.5, -0.5, -0.5)
        elif variant == "flagged":
            painter.setPen(QPen(c.danger, 1.5))
            painter.setBrush(c.surface)
        else:
            painter.setPen(QPen(c.border_hover if variant == "hovered" else c.border, 1))
            painter.setBrush(c.surface)
        painter.drawRoundedRect(outline, RADIUS, RADIUS)
        painter.end()
        if len(self._frames) > 64:  # old widths after resizes
            self._frames.clear()
        self._frames[key] = frame
        return frame

    def _picture(self, key: tuple, size: QSize, ratio: float,
                 draw: Callable[[QPainter, QRect], None]) -> QPixmap:
        """An avatar, drawn once (a card is redrawn when its risk or state changes, its
        picture rarely)."""
        key = (*key, size.width(), size.height(), ratio)
        picture = self._pictures.get(key)
        if picture is not None:
            self._pictures.move_to_end(key)
            return picture
        picture = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(painter, QRect(QPoint(0, 0), size))
        painter.end()
        self._pictures[key] = picture
        while len(self._pictures) > PICTURE_CACHE_ENTRIES:
            self._pictures.popitem(last=False)
        return picture

    def _paint_cover(self, painter: QPainter, rect: QRect, pixmap: QPixmap,
                     ratio: float) -> None:
        """Fill ``rect`` with the picture, cropping the longer side (square corners; the
        rounded corners are laid over it by ``_corners``)."""
        if pixmap.width() == round(rect.width() * ratio) and \
                pixmap.height() == round(rect.height() * ratio):
            painter.drawPixmap(QRectF(rect), pixmap, QRectF(pixmap.rect()))  # 1:1, no scaling
            return
        source = QRectF(pixmap.rect())
        target_ratio = rect.width() / rect.height()
        if source.width() / source.height() > target_ratio:
            width = source.height() * target_ratio
            source = QRectF(source.left() + (source.width() - width) / 2, source.top(), width,
                            source.height())
        else:
            height = source.width() / target_ratio
            source = QRectF(source.left(), source.top() + (source.height() - height) / 2,
                            source.width(), height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(QRectF(rect), pixmap, source)
        painter.restore()

    def _corners(self, size: QSize, background: QColor, ratio: float) -> QPixmap:
        """The card colour outside a rounded rectangle: laid over a square picture."""
        key = ("corners", size.width(), size.height(), background.rgba(), ratio)
        corners = self._frames.get(key)
        if corners is None:
            corners = QPixmap(round(size.width() * ratio), round(size.height() * ratio))
            corners.setDevicePixelRatio(ratio)
            corners.fill(Qt.GlobalColor.transparent)  # a pixmap with an alpha channel
            painter = QPainter(corners)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.fillRect(QRectF(0, 0, size.width(), size.height()), background)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(Qt.GlobalColor.black)
            painter.drawRoundedRect(QRectF(0, 0, size.width(), size.height()), 8.0, 8.0)
            painter.end()
            self._frames[key] = corners
        return corners

    # ---- right to left ------------------------------------------------------------------------
    def _visual(self, rect: QRect) -> QRect:
        """Where a piece laid out left to right stands on the card: mirrored right to left."""
        if self._mirror_width is None:
            return rect
        return QRect(self._mirror_width - rect.left() - rect.width(), rect.top(), rect.width(),
                     rect.height())

    def _blit(self, painter: QPainter, x: int, y: int, pixmap: QPixmap) -> None:
        """A glyph at ``x`` (laid out left to right), at its mirrored place right to left."""
        size = pixmap.deviceIndependentSize()
        painter.drawPixmap(self._visual(QRect(x, y, round(size.width()),
                                              round(size.height()))).topLeft(), pixmap)

    @staticmethod
    def _bidi(text: str) -> str:
        """``text`` to draw on a right-to-left card: a line whose first letter is Latin (a
        name, exam title or ref) is held between two left-to-right marks, so that its "…" and
        closing punctuation stay at its right end and a leading "+25 %" at its left."""
        return held_left_to_right(text) if QGuiApplication.isRightToLeft() else text

    def _record(self, words: str, shown: str, may_shorten: bool = False) -> None:
        if self.drawn is not None and words:
            self.drawn.append((words, shown, may_shorten))

    # ---- small pieces ------------------------------------------------------------------------
    def _elide(self, metrics: QFontMetrics, text: str, width: int) -> str:
        key = (id(metrics), text, width)
        elided = self._elided.get(key)
        if elided is None:
            if len(self._elided) > SMALL_CACHE_ENTRIES:
                self._elided.clear()
            elided = metrics.elidedText(text, _ELIDE_RIGHT, width)
            self._elided[key] = elided
        return elided

    def _advance(self, metrics: QFontMetrics, text: str) -> int:
        key = (id(metrics), text)
        width = self._advances.get(key)
        if width is None:
            if len(self._advances) > SMALL_CACHE_ENTRIES:
                self._advances.clear()
            width = self._advances[key] = metrics.horizontalAdvance(text)
        return width

    def _glyph(self, kind: str, color: QColor) -> QPixmap:
        """A small icon (flag, status dot, camera) in a colour, drawn once per screen ratio."""
        ratio = self._ratio
        key = (kind, color.rgba(), ratio)
        glyph = self._glyphs.get(key)
        if glyph is None:
            size = {"flag": (16, 17), "dot": (8, 8), "camera": (13, 13)}[kind]
            glyph = QPixmap(round(size[0] * ratio), round(size[1] * ratio))
            glyph.setDevicePixelRatio(ratio)
            glyph.fill(Qt.GlobalColor.transparent)
            p = QPainter(glyph)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            if kind == "flag":
                self._paint_flag(p, QRectF(1, 1, 14, 15), color)
            elif kind == "dot":
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(color)
                p.drawEllipse(QPointF(4, 4), 3.5, 3.5)
            else:
                self._paint_camera(p, QRectF(0.6, 3, 11, 9), color)
            p.end()
            self._glyphs[key] = glyph
        return glyph

    def _text(self, painter: QPainter, rect: QRect, text: str, may_shorten: bool = False) -> None:
        """A line at the start of ``rect`` (its left, or its right right to left), shortened
        with "…" when it does not fit."""
        shown = self._elide(self._body_metrics, text, rect.width())
        self._record(text, shown, may_shorten)
        painter.drawText(self._visual(rect), _LEFT_VCENTER, self._bidi(shown))

    def _ref_and_seat(self, painter: QPainter, rect: QRect, ref: str,
                      places: Sequence[str]) -> None:
        """The candidate ref (muted) and, at the right of the same line, where the candidate
        sits in dark semi-bold (``Hall 2 · Seat B-14``): where the proctor who walks to the
        candidate looks. ``places`` says it from the longest to the shortest (``Hall 2 ·
        B-14``, ``B-14``): the first that fits in ``SEAT_SHARE`` of the line is drawn, so the
        seat itself is not cut while a shorter way to say it fits; the last is elided when even
        it does not. A long ref is elided first."""
        c = self.colors
        ref_width = rect.width()
        room = int(rect.width() * SEAT_SHARE)
        # a couple of pixels to spare: a line of two directions (an Arabic word and a Latin
        # seat) may take a pixel more than its measured advance
        fitting = [place for place in places
                   if self._advance(self._seat_metrics, place) + 2 <= room]
        seat = fitting[0] if fitting else (places[-1] if places else "")
        if seat:
            seat_width = min(self._advance(self._seat_metrics, seat) + 2, room)
            painter.setFont(self._seat_font)
            painter.setPen(c.text)
            shown = (seat if self._advance(self._seat_metrics, seat) + 2 <= seat_width
                     else self._elide(self._seat_metrics, seat, seat_width))
            self._record(seat, shown)
            painter.drawText(self._visual(QRect(rect.right() + 1 - seat_width, rect.top(),
                                                seat_width, rect.height())),
                             _RIGHT_VCENTER, self._bidi(shown))
            painter.setFont(self._body_font)
            ref_width -= seat_width + 8
        painter.setPen(c.muted)
        self._text(painter, QRect(rect.left(), rect.top(), ref_width, rect.height()), ref,
                   may_shorten=True)

    def _pill_at(self, painter: QPainter, x: int, row: QRect, text: str, fg: QColor,
                 bg: QColor, ratio: float) -> int:
        width = min(self._advance(self._badge_metrics, text) + 18, row.right() + 1 - x)
        if width <= 16:
            return x
        self._paint_pill(painter, QRect(x, row.top(), width, row.height()), text, fg, bg, ratio)
        return x + width

    def _pill_before(self, painter: QPainter, right: int, row: QRect, text: str, fg: QColor,
                     bg: QColor, ratio: float, min_left: int | None = None) -> int:
        width = self._advance(self._badge_metrics, text) + 18
        left = right - width
        if min_left is not None and left < min_left:
            self._record(text, "", may_shorten=True)
            return right  # no room: the tooltip still says it
        self._paint_pill(painter, QRect(left, row.top(), width, row.height()), text, fg, bg,
                         ratio)
        return left - 6

    def _paint_pill(self, painter: QPainter, rect: QRect, text: str, fg: QColor,
                    bg: QColor, ratio: float) -> None:
        """A rounded badge; the few distinct ones are drawn once and then blitted."""
        inner_width = rect.width() - 16
        self._record(text, text if self._advance(self._badge_metrics, text) <= inner_width + 2
                     else self._elide(self._badge_metrics, text, inner_width))
        key = (text, fg.rgba(), bg.rgba(), rect.width(), rect.height(), ratio)
        pill = self._pills.get(key)
        if pill is None:
            if len(self._pills) > SMALL_CACHE_ENTRIES:
                self._pills.clear()
            pill = QPixmap(round(rect.width() * ratio), round(rect.height() * ratio))
            pill.setDevicePixelRatio(ratio)
            pill.fill(Qt.GlobalColor.transparent)
            p = QPainter(pill)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(bg)
            radius = rect.height() / 2
            p.drawRoundedRect(QRectF(0, 0, rect.width(), rect.height()), radius, radius)
            p.setFont(self._badge_font)
            p.setPen(fg)
            inner = QRect(8, 0, rect.width() - 16, rect.height())
            if self._advance(self._badge_metrics, text) > inner.width() + 2:
                text = self._elide(self._badge_metrics, text, inner.width())
            p.drawText(inner.adjusted(-1, 0, 1, 0), _CENTER, self._bidi(text))
            p.end()
            self._pills[key] = pill
        painter.drawPixmap(self._visual(rect).topLeft(), pill)

    @staticmethod
    def _paint_flag(painter: QPainter, rect: QRectF, color: QColor) -> None:
        painter.save()
        painter.setPen(QPen(color, 1.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        pole = rect.left() + 1
        painter.drawLine(QPointF(pole, rect.top()), QPointF(pole, rect.bottom()))
        path = QPainterPath(QPointF(rect.left() + 1.5, rect.top() + 0.5))
        path.lineTo(rect.right(), rect.top() + rect.height() * 0.28)
        path.lineTo(rect.left() + 1.5, rect.top() + rect.height() * 0.58)
        path.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawPath(path)
        painter.restore()

    @staticmethod
    def _paint_camera(painter: QPainter, rect: QRectF, color: QColor) -> None:
        painter.save()
        painter.setPen(QPen(color, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(rect, 2, 2)
        painter.drawEllipse(rect.center(), 2.2, 2.2)
        painter.drawLine(QPointF(rect.left() + 3, rect.top() - 1.5),
                         QPointF(rect.left() + 6, rect.top() - 1.5))
        painter.restore()

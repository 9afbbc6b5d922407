"""SessionCardDelegate: paints one session card. No widget per card: the list view asks the
delegate to paint the visible cards only, with sizes in device-independent pixels.

Card layout (logical pixels, height 148, width set by the grid to fill its columns)::

    +------------------------------------------------------------+
    | [thumbnail 128x96 ]  Candidate name                 [flag] |
    | [                 ]  REF-001                               |
    | [                 ]  Exam title                            |
    | [ face badge      ]  (o) Active · 42:10 left               |
    | [_________________]  [cam] 12 · last 14:05:09              |
    | [Risk 35 · Medium] [No snapshot 3 min]         [Sample]    |
    +------------------------------------------------------------+

Everything but the clock is rendered once into a card layer (a pixmap at the screen's device
pixel ratio) and kept while the session, the card's state and its thumbnail stay the same;
a repaint blits the layer and draws the time left on top. So scrolling, hovering and the
one-second tick cost a blit and one line of text per visible card.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.avatar import paint_avatar
from console.formatting import (
    REVIEW_WORDS,
    camera_is_off,
    clock_time,
    duration,
    outcome_words,
    status_words,
)
from console.proctor_center.session_list_model import CARD_ROLE, SessionCard
from console.proctor_center.session_rules import warning_words
from core.domain.enums import RiskLevel, SessionStatus
from core.services.dto import SessionDTO
from resources import TOKENS

CARD_HEIGHT = 148
CARD_MIN_WIDTH = 300
PADDING = 12
THUMBNAIL_SIZE = QSize(128, 96)
RADIUS = 10.0
#: Under five minutes left, the clock turns red.
HURRY_SECONDS = 5 * 60
#: Rendered card layers kept for repaints: about three screens of cards at 1080p (21 MB at
#: a device pixel ratio of 1, four times that at 2).
LAYER_CACHE_CARDS = 120
SMALL_CACHE_ENTRIES = 4096
#: Avatars kept (about 50 KB each at 1x).
PICTURE_CACHE_ENTRIES = 400
#: "42:10 left" texts kept as small pixmaps (a second's worth of visible cards, and more).
CLOCK_CACHE_ENTRIES = 512

_LEFT_VCENTER = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_SELECTED = QStyle.StateFlag.State_Selected
_HOVERED = QStyle.StateFlag.State_MouseOver
_ACTIVE = str(SessionStatus.ACTIVE)


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


class SessionCardDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._size = QSize(CARD_MIN_WIDTH, CARD_HEIGHT)
        self.colors = _Palette()
        self._name_font = QFont()
        self._name_font.setPixelSize(14)
        self._name_font.setWeight(QFont.Weight.DemiBold)
        self._body_font = QFont()
        self._body_font.setPixelSize(12)
        self._badge_font = QFont()
        self._badge_font.setPixelSize(11)
        self._badge_font.setWeight(QFont.Weight.DemiBold)
        self._name_metrics = QFontMetrics(self._name_font)
        self._body_metrics = QFontMetrics(self._body_font)
        self._badge_metrics = QFontMetrics(self._badge_font)
        self._background = _color("bg")
        self._layers: OrderedDict[str, tuple[SessionDTO, tuple, QPixmap]] = OrderedDict()
        self._pills: dict[tuple, QPixmap] = {}
        self._frames: dict[tuple, QPixmap] = {}
        self._pictures: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._clocks: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._glyphs: dict[tuple, QPixmap] = {}
        self._advances: dict[tuple, int] = {}
        self._ratio = 1.0
        self._elided: dict[tuple, str] = {}
        self._prefix_width = self._body_metrics.horizontalAdvance(self._status_prefix())
        #: How many card layers were rendered (the rest of the paints were blits).
        self.rendered_layers = 0

    # ---- size --------------------------------------------------------------------------------
    @property
    def card_size(self) -> QSize:
        return QSize(self._size)

    def set_card_width(self, width: int) -> bool:
        """Set the card width chosen by the grid; True when it changed."""
        width = max(CARD_MIN_WIDTH, int(width))
        if width == self._size.width():
            return False
        self._size = QSize(width, CARD_HEIGHT)
        return True

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(self._size)

    # ---- painting ----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        card: SessionCard | None = index.data(CARD_ROLE)
        if card is None:
            return
        rect = option.rect
        state = option.state
        is_selected = bool(state & _SELECTED)
        is_hovered = bool(state & _HOVERED)
        session = card.session
        ratio = painter.device().devicePixelRatio()
        stale_words = card.kiosk_words
        thumbnail = card.thumbnail
        signature = (is_selected, is_hovered, stale_words,
                     thumbnail.cacheKey() if thumbnail is not None else 0,
                     rect.width(), rect.height(), ratio)
        layer = self._layers.get(session.session_id)
        if layer is not None and layer[0] is session and layer[1] == signature:
            self._layers.move_to_end(session.session_id)
            pixmap = layer[2]
        else:
            pixmap = self._render_layer(card, rect.width(), rect.height(), is_selected,
                                        is_hovered, stale_words, ratio)
            self._keep_layer(session.session_id, (session, signature, pixmap))
        painter.drawPixmap(rect.topLeft(), pixmap)
        if session.status == _ACTIVE:
            self._paint_clock(painter, rect, card, ratio)

    def clear_cache(self) -> None:
        self._layers.clear()
        self._pills.clear()
        self._elided.clear()
        self._frames.clear()
        self._pictures.clear()
        self._clocks.clear()
        self._glyphs.clear()
        self._advances.clear()

    def _render_layer(self, card: SessionCard, width: int, height: int, is_selected: bool,
                      is_hovered: bool, stale_words: str, ratio: float) -> QPixmap:
        """The card without its clock, on the grid background (opaque: a fast blit)."""
        self.rendered_layers += 1
        self._ratio = ratio
        session = card.session
        if is_selected:
            variant = "selected"
        elif session.is_flagged and session.status == _ACTIVE:
            variant = "flagged"
        else:
            variant = "hovered" if is_hovered else "plain"
        pixmap = self._frame(width, height, variant, ratio).copy()
        pixmap.setDevicePixelRatio(ratio)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        thumb = QRect(PADDING, PADDING, THUMBNAIL_SIZE.width(), THUMBNAIL_SIZE.height())
        background = self.colors.selected_bg if variant == "selected" else self.colors.surface
        self._paint_thumbnail(painter, thumb, card, background, ratio)
        text_left = thumb.right() + 1 + PADDING
        text = QRect(text_left, thumb.top(), width - PADDING - text_left, thumb.height())
        self._paint_text(painter, text, card)
        bottom = QRect(PADDING, height - PADDING - 20, width - 2 * PADDING, 20)
        self._paint_badges(painter, bottom, card, stale_words, ratio)
        painter.end()
        return pixmap

    def _keep_layer(self, session_id: str, entry: tuple[SessionDTO, tuple, QPixmap]) -> None:
        self._layers.pop(session_id, None)
        self._layers[session_id] = entry
        while len(self._layers) > LAYER_CACHE_CARDS:
            self._layers.popitem(last=False)

    def _paint_clock(self, painter: QPainter, rect: QRect, card: SessionCard,
                     ratio: float) -> None:
        """The time left, drawn live over the layer (it changes every second). Each text is
        drawn once into a small pixmap: a repaint within the same second is a blit."""
        remaining = card.remaining_seconds or 0
        key = (remaining, ratio)
        clock = self._clocks.get(key)
        if clock is None:
            is_hurry = remaining < HURRY_SECONDS
            text = f"{duration(remaining)} left"
            width = self._advance(self._body_metrics, text) + 2
            clock = QPixmap(round(width * ratio), round(16 * ratio))
            clock.setDevicePixelRatio(ratio)
            clock.fill(Qt.GlobalColor.transparent)
            p = QPainter(clock)
            p.setFont(self._body_font)
            p.setPen(self.colors.danger if is_hurry else self.colors.text)
            p.drawText(QRect(0, 0, width, 16), _LEFT_VCENTER, text)
            p.end()
            self._clocks[key] = clock
            while len(self._clocks) > CLOCK_CACHE_ENTRIES:
                self._clocks.popitem(last=False)
        left = rect.left() + 2 * PADDING + THUMBNAIL_SIZE.width() + 14 + self._prefix_width
        painter.drawPixmap(left, rect.top() + PADDING + 58, clock)

    @staticmethod
    def _status_prefix() -> str:
        return f"{status_words(_ACTIVE)} · "

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

    def _paint_thumbnail(self, painter: QPainter, rect: QRect, card: SessionCard,
                         background: QColor, ratio: float) -> None:
        pixmap = card.thumbnail
        name = card.session.candidate_name
        if pixmap is None or pixmap.isNull():
            avatar = self._picture(("avatar", name), rect.size(), ratio,
                                   lambda p, r: paint_avatar(p, r, name, rounded=8.0))
            painter.drawPixmap(rect.topLeft(), avatar)
        else:
            self._paint_cover(painter, rect, pixmap, ratio)
            painter.drawPixmap(rect.topLeft(), self._corners(rect.size(), background, ratio))
        faces = card.session.latest_face_count
        if camera_is_off(card.session):
            # The kiosk says its camera is unavailable: the picture is an old one.
            label, fg, bg = "Camera off", self.colors.white, self.colors.red_solid
        elif faces is None or faces == 1:
            return
        elif faces == 0:
            label, fg, bg = "No face", self.colors.white, self.colors.red_solid
        else:
            label, fg, bg = f"{faces} faces", self.colors.white, self.colors.amber_solid
        width = self._advance(self._badge_metrics, label) + 18
        badge = QRect(rect.left() + 6, rect.bottom() - 6 - 18 + 1, width, 18)
        self._paint_pill(painter, badge, label, fg, bg, ratio)

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

    def _paint_text(self, painter: QPainter, rect: QRect, card: SessionCard) -> None:
        c = self.colors
        session = card.session
        left, top, width = rect.left(), rect.top(), rect.width()
        # Line 1: name, with the flag marker at the right.
        name_width = width
        if session.is_flagged:
            name_width -= 20
            painter.drawPixmap(rect.right() - 15, top + 1, self._glyph("flag", c.danger))
        painter.setFont(self._name_font)
        painter.setPen(c.text)
        painter.drawText(QRect(left, top - 1, name_width, 20), _LEFT_VCENTER,
                         self._elide(self._name_metrics, session.candidate_name, name_width))
        painter.setFont(self._body_font)
        line = 16
        # Lines 2 and 3: candidate ref, exam.
        painter.setPen(c.muted)
        self._text(painter, QRect(left, top + 20, width, line), session.candidate_ref)
        painter.setPen(c.text)
        self._text(painter, QRect(left, top + 37, width, line), session.exam_title)
        # Line 4: status and time left.
        status_rect = QRect(left, top + 58, width, line)
        if session.status == SessionStatus.ACTIVE:
            dot = c.ok
            status = self._status_prefix()  # the time left is drawn live (_paint_clock)
            status_color = c.text
        else:
            dot = c.danger if session.status == SessionStatus.CANCELLED else c.ended
            status = f"{outcome_words(session)} {clock_time(session.ended_at)}"
            status_color = c.text
        painter.drawPixmap(left, top + 62, self._glyph("dot", dot))
        painter.setPen(status_color)
        self._text(painter, status_rect.adjusted(14, 0, 0, 0), status)
        # Line 5: snapshots (count and time of the last), amber when stale.
        shots_rect = QRect(left, top + 77, width, line)
        color = c.warn if card.is_stale else c.muted
        painter.drawPixmap(left, shots_rect.top(), self._glyph("camera", color))
        painter.setPen(color)
        if session.snapshot_count:
            shots = f"{session.snapshot_count} · last {clock_time(session.last_snapshot_at)}"
        else:
            shots = "No snapshots yet"
        self._text(painter, shots_rect.adjusted(16, 0, 0, 0), shots)

    def _paint_badges(self, painter: QPainter, rect: QRect, card: SessionCard, stale_words: str,
                      ratio: float) -> None:
        c = self.colors
        session = card.session
        x = rect.left()
        fg, bg = c.risk(session.risk_level)
        label = f"Risk {session.risk_score} · {str(session.risk_level).capitalize()}"
        x = self._pill_at(painter, x, rect, label, fg, bg, ratio) + 6
        if stale_words == "Kiosk closed":
            x = self._pill_at(painter, x, rect, stale_words, c.white, c.red_solid, ratio) + 6
        elif stale_words:
            x = self._pill_at(painter, x, rect, stale_words, c.warn, c.warn_bg, ratio) + 6
        right = rect.right() + 1
        if session.is_sample:
            right = self._pill_before(painter, right, rect, "Sample", c.white, c.sample, ratio)
        if session.warning_sent_at is not None:
            fg, bg = (c.ok, c.ok_bg) if session.warning_acknowledged_at else (c.warn, c.warn_bg)
            for words in (warning_words(session), warning_words(session, short=True)):
                moved = self._pill_before(painter, right, rect, words, fg, bg, ratio,
                                          min_left=x)
                if moved != right:
                    right = moved
                    break
        if session.review_outcome:
            words = REVIEW_WORDS.get(session.review_outcome, session.review_outcome)
            fg, bg = {
                "no_issue": (c.ok, c.ok_bg),
                "suspicious": (c.warn, c.warn_bg),
                "violation": (c.danger, c.danger_bg),
            }.get(session.review_outcome, (c.muted, c.surface_alt))
            right = self._pill_before(painter, right, rect, f"Review: {words}", fg, bg, ratio,
                                      min_left=x)

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

    def _text(self, painter: QPainter, rect: QRect, text: str) -> None:
        painter.drawText(rect, _LEFT_VCENTER, self._elide(self._body_metrics, text, rect.width()))

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
            return right  # no room: the tooltip still says it
        self._paint_pill(painter, QRect(left, row.top(), width, row.height()), text, fg, bg,
                         ratio)
        return left - 6

    def _paint_pill(self, painter: QPainter, rect: QRect, text: str, fg: QColor,
                    bg: QColor, ratio: float) -> None:
        """A rounded badge; the few distinct ones are drawn once and then blitted."""
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
            p.drawText(inner.adjusted(-1, 0, 1, 0), _CENTER, text)
            p.end()
            self._pills[key] = pill
        painter.drawPixmap(rect.topLeft(), pill)

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



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
"""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from console.avatar import paint_avatar
from console.formatting import REVIEW_WORDS, ago, clock_time, duration, status_words
from console.proctor_center.session_list_model import CARD_ROLE, SessionCard
from core.domain.enums import RiskLevel, SessionStatus
from resources import TOKENS

CARD_HEIGHT = 148
CARD_MIN_WIDTH = 300
PADDING = 12
THUMBNAIL_SIZE = QSize(128, 96)
RADIUS = 10.0
#: Under five minutes left, the clock turns red.
HURRY_SECONDS = 5 * 60


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
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRect(option.rect)
        state = option.state
        self._paint_frame(painter, rect, card, bool(state & QStyle.StateFlag.State_Selected),
                          bool(state & QStyle.StateFlag.State_MouseOver))
        thumb = QRect(rect.left() + PADDING, rect.top() + PADDING,
                      THUMBNAIL_SIZE.width(), THUMBNAIL_SIZE.height())
        self._paint_thumbnail(painter, thumb, card)
        text_left = thumb.right() + 1 + PADDING
        text = QRect(text_left, thumb.top(), rect.right() - PADDING - text_left + 1, thumb.height())
        self._paint_text(painter, text, card)
        bottom = QRect(rect.left() + PADDING, rect.bottom() - PADDING - 20 + 1,
                       rect.width() - 2 * PADDING, 20)
        self._paint_badges(painter, bottom, card)
        painter.restore()

    def _paint_frame(self, painter: QPainter, rect: QRect, card: SessionCard, is_selected: bool,
                     is_hovered: bool) -> None:
        c = self.colors
        frame = QRectF(rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if is_selected:
            painter.setPen(QPen(c.accent, 2))
            painter.setBrush(c.selected_bg)
            frame = frame.adjusted(0.5, 0.5, -0.5, -0.5)
        elif card.session.is_flagged and card.session.status == SessionStatus.ACTIVE:
            painter.setPen(QPen(c.danger, 1.5))
            painter.setBrush(c.surface)
        else:
            painter.setPen(QPen(c.border_hover if is_hovered else c.border, 1))
            painter.setBrush(c.surface)
        painter.drawRoundedRect(frame, RADIUS, RADIUS)

    def _paint_thumbnail(self, painter: QPainter, rect: QRect, card: SessionCard) -> None:
        pixmap = card.thumbnail
        if pixmap is None or pixmap.isNull():
            paint_avatar(painter, rect, card.session.candidate_name, rounded=8.0)
        else:
            self._paint_cover(painter, rect, pixmap)
        faces = card.session.latest_face_count
        if faces is None or faces == 1:
            return
        if faces == 0:
            label, fg, bg = "No face", QColor("#ffffff"), self.colors.red_solid
        else:
            label, fg, bg = f"{faces} faces", QColor("#ffffff"), self.colors.amber_solid
        width = self._badge_metrics.horizontalAdvance(label) + 18
        badge = QRect(rect.left() + 6, rect.bottom() - 6 - 18 + 1, width, 18)
        self._paint_pill(painter, badge, label, fg, bg)

    def _paint_cover(self, painter: QPainter, rect: QRect, pixmap: QPixmap) -> None:
        """Fill ``rect`` with the picture, cropping the longer side, corners rounded."""
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
        path = QPainterPath()
        path.addRoundedRect(QRectF(rect), 8.0, 8.0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setClipPath(path)
        painter.drawPixmap(QRectF(rect), pixmap, source)
        painter.restore()

    def _paint_text(self, painter: QPainter, rect: QRect, card: SessionCard) -> None:
        c = self.colors
        session = card.session
        left, top, width = rect.left(), rect.top(), rect.width()
        # Line 1: name, with the flag marker at the right.
        name_width = width
        if session.is_flagged:
            name_width -= 20
            self._paint_flag(painter, QRectF(rect.right() - 14, top + 2, 14, 15), c.danger)
        painter.setFont(self._name_font)
        painter.setPen(c.text)
        painter.drawText(QRect(left, top - 1, name_width, 20),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._name_metrics.elidedText(session.candidate_name,
                                                       Qt.TextElideMode.ElideRight, name_width))
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
            remaining = card.remaining_seconds or 0
            status = f"{status_words(session.status)} · {duration(remaining)} left"
            status_color = c.danger if remaining < HURRY_SECONDS else c.text
        else:
            dot = c.danger if session.status == SessionStatus.CANCELLED else c.ended
            status = f"{status_words(session.status)} {clock_time(session.ended_at)}"
            status_color = c.text
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(dot)
        painter.drawEllipse(QPointF(left + 4, status_rect.center().y() + 1), 3.5, 3.5)
        painter.setPen(status_color)
        self._text(painter, status_rect.adjusted(14, 0, 0, 0), status)
        # Line 5: snapshots (count and time of the last), amber when stale.
        shots_rect = QRect(left, top + 77, width, line)
        color = c.warn if card.is_stale else c.muted
        self._paint_camera(painter, QRectF(left, shots_rect.top() + 3, 11, 9), color)
        painter.setPen(color)
        if session.snapshot_count:
            shots = f"{session.snapshot_count} · last {clock_time(session.last_snapshot_at)}"
        else:
            shots = "No snapshots yet"
        self._text(painter, shots_rect.adjusted(16, 0, 0, 0), shots)

    def _paint_badges(self, painter: QPainter, rect: QRect, card: SessionCard) -> None:
        c = self.colors
        session = card.session
        x = rect.left()
        fg, bg = c.risk(session.risk_level)
        label = f"Risk {session.risk_score} · {str(session.risk_level).capitalize()}"
        x = self._pill_at(painter, x, rect, label, fg, bg) + 6
        if card.is_stale:
            waited = ago(session.last_snapshot_at or session.started_at,
                         card.now).removesuffix(" ago")
            text = f"No snapshot {waited}"
            x = self._pill_at(painter, x, rect, text, c.warn, c.warn_bg) + 6
        right = rect.right() + 1
        if session.is_sample:
            right = self._pill_before(painter, right, rect, "Sample", QColor("#ffffff"), c.sample)
        if session.review_outcome:
            words = REVIEW_WORDS.get(session.review_outcome, session.review_outcome)
            fg, bg = {
                "no_issue": (c.ok, c.ok_bg),
                "suspicious": (c.warn, c.warn_bg),
                "violation": (c.danger, c.danger_bg),
            }.get(session.review_outcome, (c.muted, c.surface_alt))
            right = self._pill_before(painter, right, rect, f"Review: {words}", fg, bg, min_left=x)

    # ---- small pieces ------------------------------------------------------------------------
    def _text(self, painter: QPainter, rect: QRect, text: str) -> None:
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         self._body_metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                       rect.width()))

    def _pill_at(self, painter: QPainter, x: int, row: QRect, text: str, fg: QColor,
                 bg: QColor) -> int:
        width = min(self._badge_metrics.horizontalAdvance(text) + 18, row.right() + 1 - x)
        if width <= 16:
            return x
        self._paint_pill(painter, QRect(x, row.top(), width, row.height()), text, fg, bg)
        return x + width

    def _pill_before(self, painter: QPainter, right: int, row: QRect, text: str, fg: QColor,
                     bg: QColor, min_left: int | None = None) -> int:
        width = self._badge_metrics.horizontalAdvance(text) + 18
        left = right - width
        if min_left is not None and left < min_left:
            return right  # no room: the tooltip still says it
        self._paint_pill(painter, QRect(left, row.top(), width, row.height()), text, fg, bg)
        return left - 6

    def _paint_pill(self, painter: QPainter, rect: QRect, text: str, fg: QColor,
                    bg: QColor) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bg)
        radius = rect.height() / 2
        painter.drawRoundedRect(QRectF(rect), radius, radius)
        painter.setFont(self._badge_font)
        painter.setPen(fg)
        inner = rect.adjusted(8, 0, -8, 0)
        if self._badge_metrics.horizontalAdvance(text) > inner.width() + 2:
            text = self._badge_metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(inner.adjusted(-1, 0, 1, 0), Qt.AlignmentFlag.AlignCenter, text)

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


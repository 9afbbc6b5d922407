"""SessionCardDelegate: paints one session card. No widget per card: the list view asks the
delegate to paint the visible cards only, with sizes in device-independent pixels.

Card layout (logical pixels, height 148, width set by the grid to fill its columns)::

    +------------------------------------------------------------+
    | [thumbnail 128x96 ]  Candidate name                 [flag] |
    | [                 ]  REF-001                     Seat B-14 |
    | [                 ]  Exam title                            |
    | [ face badge      ]  (o) Active · 42:10 left               |
    | [_________________]  [cam] 12 · last 14:05:09              |
    | [Risk 35 · Medium] [Kiosk offline · 3 min]  [Warned 10:02] |
    +------------------------------------------------------------+

Right to left (Arabic) the card is this layout mirrored: the picture at the right, the name
at its left aligned at the right, the risk badge at the bottom right; the picture itself is
not mirrored.

The pieces (frame, avatar, badges, glyphs) come from CardPainting. Everything but the clock
is rendered once into a card layer (a pixmap at the screen's device
pixel ratio) and kept while the session, the card's state and its thumbnail stay the same;
a repaint blits the layer and draws the time left on top. So scrolling, hovering and the
one-second tick cost a blit and one line of text per visible card.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from console.i18n import local_digits, translate
from console.proctor.avatar import paint_avatar
from console.proctor.formatting import (
    REVIEW_WORDS,
    accommodation_summary,
    camera_is_off,
    clock_time,
    duration,
    outcome_words,
    status_words,
)
from console.proctor.proctor_center.card_painting import CardPainting
from console.proctor.proctor_center.session_list_model import CARD_ROLE, SessionCard
from core.domain.enums import SessionStatus
from core.domain.records import SessionDTO

#: The risk levels' words (translated in the Formatting context, with the statuses').
RISK_LEVEL_WORDS = (QT_TRANSLATE_NOOP("Formatting", "Low"),
                    QT_TRANSLATE_NOOP("Formatting", "Medium"),
                    QT_TRANSLATE_NOOP("Formatting", "High"))

CARD_HEIGHT = 148
CARD_MIN_WIDTH = 300
PADDING = 12
THUMBNAIL_SIZE = QSize(128, 96)
#: Under five minutes left, the clock turns red.
HURRY_SECONDS = 5 * 60
#: Rendered card layers kept for repaints: about three screens of cards at 1080p (21 MB at
#: a device pixel ratio of 1, four times that at 2).
LAYER_CACHE_CARDS = 120
#: "42:10 left" texts kept as small pixmaps (a second's worth of visible cards, and more).
CLOCK_CACHE_ENTRIES = 512

_LEFT_VCENTER = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
#: Where a card's lines of words start (left to right), after the picture.
_TEXT_START = 2 * PADDING + THUMBNAIL_SIZE.width()
_SELECTED = QStyle.StateFlag.State_Selected
_HOVERED = QStyle.StateFlag.State_MouseOver
_ACTIVE = str(SessionStatus.ACTIVE)


class SessionCardDelegate(CardPainting):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._size = QSize(CARD_MIN_WIDTH, CARD_HEIGHT)
        self._layers: OrderedDict[str, tuple[SessionDTO, tuple, QPixmap]] = OrderedDict()
        self._clocks: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._clock_texts: dict[tuple, str] = {}
        #: The status word before the live time left ("Active · "), by card width.
        self._prefixes: dict[int, str] = {}
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
        if layer is not None and layer[0] is session and layer[1] == signature \
                and self.drawn is None:  # noting the words drawn: drawn anew
            self._layers.move_to_end(session.session_id)
            pixmap = layer[2]
        else:
            pixmap = self._render_layer(card, rect.width(), rect.height(), is_selected,
                                        is_hovered, stale_words, ratio)
            self._keep_layer(session.session_id, (session, signature, pixmap))
        painter.drawPixmap(rect.topLeft(), pixmap)
        if session.status == _ACTIVE and not session.paused:  # a paused clock is in the layer
            self._paint_clock(painter, rect, card, ratio)

    def clear_cache(self) -> None:
        self._layers.clear()
        self._pills.clear()
        self._elided.clear()
        self._frames.clear()
        self._pictures.clear()
        self._clocks.clear()
        self._clock_texts.clear()
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
        is_rtl = QGuiApplication.isRightToLeft()
        self._mirror_width = width if is_rtl else None
        painter = QPainter(pixmap)
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl
                                   else Qt.LayoutDirection.LeftToRight)
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
        self._mirror_width = None
        return pixmap

    def _keep_layer(self, session_id: str, entry: tuple[SessionDTO, tuple, QPixmap]) -> None:
        self._layers.pop(session_id, None)
        self._layers[session_id] = entry
        while len(self._layers) > LAYER_CACHE_CARDS:
            self._layers.popitem(last=False)

    def _paint_clock(self, painter: QPainter, rect: QRect, card: SessionCard,
                     ratio: float) -> None:
        """The time left, drawn live over the layer (it changes every second). Each text is
        drawn once into a small pixmap: a repaint within the same second is a blit. Right to
        left the status word is in the same text (one right-to-left line), its right end next
        to the status dot."""
        remaining = card.remaining_seconds or 0
        is_rtl = QGuiApplication.isRightToLeft()
        prefix = self._status_prefix(rect.width())
        key = (remaining, ratio, prefix, is_rtl)
        clock = self._clocks.get(key)
        if clock is None:
            is_hurry = remaining < HURRY_SECONDS
            text = local_digits(self.tr("{time} left").format(time=duration(remaining)))
            if is_rtl:
                text = prefix + text
            width = self._advance(self._body_metrics, text) + 2
            clock = QPixmap(round(width * ratio), round(16 * ratio))
            clock.setDevicePixelRatio(ratio)
            clock.fill(Qt.GlobalColor.transparent)
            p = QPainter(clock)
            p.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl
                                 else Qt.LayoutDirection.LeftToRight)
            p.setFont(self._body_font)
            p.setPen(self.colors.danger if is_hurry else self.colors.text)
            p.drawText(QRect(0, 0, width, 16), _LEFT_VCENTER, text)
            p.end()
            self._clocks[key] = clock
            self._clock_texts[key] = text
            while len(self._clocks) > CLOCK_CACHE_ENTRIES:
                self._clock_texts.pop(self._clocks.popitem(last=False)[0], None)
        start = _TEXT_START + 14 + (0 if is_rtl else self._advance(self._body_metrics, prefix))
        clock_width = round(clock.deviceIndependentSize().width())
        if self.drawn is not None:  # the time left has room up to the card's inner edge
            text = self._clock_texts.get(key, "")
            fits = clock_width <= rect.width() - start - PADDING + 2
            self._record(text, text if fits else "")
        left = rect.left() + (rect.width() - start - clock_width if is_rtl else start)
        painter.drawPixmap(left, rect.top() + PADDING + 58, clock)

    def _warning_words(self, session: SessionDTO, short: bool = False) -> str:
        """``Warned 10:02`` until the candidate acknowledges, then ``Warning seen 10:03``;
        ``short`` drops the time (a narrow card)."""
        sent, seen = session.warning_sent_at, session.warning_acknowledged_at
        if seen is not None:
            return self.tr("Warning seen") if short else local_digits(
                self.tr("Warning seen {time}").format(time=clock_time(seen)[:5]))
        return self.tr("Warned") if short else local_digits(
            self.tr("Warned {time}").format(time=clock_time(sent)[:5]))

    def _place_words(self, session: SessionDTO) -> tuple[str, ...]:
        """Where the candidate sits in the window's language, from the longest way to say it to
        the shortest: ``Hall 2 · Seat B-14``, ``Hall 2 · B-14``, ``B-14`` (the card draws the
        first that fits)."""
        seat = (session.seat or "").strip()
        room = (session.room or "").strip()
        seat_text = self.tr("Seat {seat}").format(seat=seat) if seat else ""
        longest = " · ".join(part for part in (room, seat_text) if part)
        if not seat:
            return (longest,) if longest else ()
        shorter = [" · ".join(part for part in (room, seat) if part), seat]
        return tuple(dict.fromkeys([longest, *shorter]))

    def _status_prefix(self, card_width: int) -> str:
        """"Active · " before the live time left, when the card has room for both (the
        green dot says it otherwise); the layer draws it left to right, the clock's own text
        right to left."""
        prefix = self._prefixes.get(card_width)
        if prefix is None:
            prefix = translate("Formatting", status_words(_ACTIVE)) + " · "
            widest = local_digits(self.tr("{time} left").format(time="00:00:00"))
            room = card_width - _TEXT_START - 14 - PADDING
            if (self._advance(self._body_metrics, prefix)
                    + self._advance(self._body_metrics, widest) + 2 > room):
                prefix = ""
            self._prefixes[card_width] = prefix
        return prefix

    def _paint_thumbnail(self, painter: QPainter, rect: QRect, card: SessionCard,
                         background: QColor, ratio: float) -> None:
        pixmap = card.thumbnail
        name = card.session.candidate_name
        if pixmap is None or pixmap.isNull():
            avatar = self._picture(("avatar", name), rect.size(), ratio,
                                   lambda p, r: paint_avatar(p, r, name, rounded=8.0))
            painter.drawPixmap(self._visual(rect).topLeft(), avatar)
        else:  # at its mirrored place right to left, the picture itself as captured
            self._paint_cover(painter, self._visual(rect), pixmap, ratio)
            painter.drawPixmap(self._visual(rect).topLeft(),
                               self._corners(rect.size(), background, ratio))
        faces = card.session.latest_face_count
        if camera_is_off(card.session):
            # The kiosk says its camera is unavailable: the picture is an old one.
            label, fg, bg = self.tr("Camera off"), self.colors.white, self.colors.red_solid
        elif faces is None or faces == 1:
            return
        elif faces == 0:
            label, fg, bg = self.tr("No face"), self.colors.white, self.colors.red_solid
        else:
            label = self.tr("%Ln faces", "", faces)
            fg, bg = self.colors.white, self.colors.amber_solid
        width = self._advance(self._badge_metrics, label) + 18
        badge = QRect(rect.left() + 6, rect.bottom() - 6 - 18 + 1, width, 18)
        self._paint_pill(painter, badge, label, fg, bg, ratio)

    def _paint_text(self, painter: QPainter, rect: QRect, card: SessionCard) -> None:
        c = self.colors
        session = card.session
        left, top, width = rect.left(), rect.top(), rect.width()
        # Line 1: name, with the flag marker at the end (the right; right to left, the left).
        name_width = width
        if session.is_flagged:
            name_width -= 20
            self._blit(painter, rect.right() - 15, top + 1, self._glyph("flag", c.danger))
        painter.setFont(self._name_font)
        painter.setPen(c.text)
        name = self._elide(self._name_metrics, session.candidate_name, name_width)
        self._record(session.candidate_name, name, may_shorten=True)
        painter.drawText(self._visual(QRect(left, top - 1, name_width, 20)), _LEFT_VCENTER,
                         self._bidi(name))
        painter.setFont(self._body_font)
        line = 16
        # Lines 2 and 3: candidate ref, exam.
        self._ref_and_seat(painter, QRect(left, top + 20, width, line), session.candidate_ref,
                           self._place_words(session))
        painter.setPen(c.text)
        self._text(painter, QRect(left, top + 37, width, line), session.exam_title,
                   may_shorten=True)
        # Line 4: status and time left.
        status_rect = QRect(left, top + 58, width, line)
        if session.status == SessionStatus.ACTIVE and session.paused:
            dot = c.warn  # the clock stands still: its time left belongs to the layer
            time = duration(card.remaining_seconds or 0)
            status = local_digits(self.tr("Paused · {time} left").format(time=time))
            if self._advance(self._body_metrics, status) > width - 14:
                # a narrow card: the amber dot and the Paused badge say it is paused
                status = local_digits(self.tr("{time} left").format(time=time))
            status_color = c.warn
        elif session.status == SessionStatus.ACTIVE:
            dot = c.ok
            # the time left is drawn live (_paint_clock); right to left with its status
            status = "" if QGuiApplication.isRightToLeft() else self._status_prefix(
                rect.width() + _TEXT_START + PADDING)
            status_color = c.text
        else:
            dot = c.danger if session.status == SessionStatus.CANCELLED else c.ended
            status = (translate("Formatting", outcome_words(session)) + " "
                      + local_digits(clock_time(session.ended_at)))
            status_color = c.text
        self._blit(painter, left, top + 62, self._glyph("dot", dot))
        painter.setPen(status_color)
        self._text(painter, status_rect.adjusted(14, 0, 0, 0), status)
        # Line 5: snapshots (count and time of the last), amber when stale.
        shots_rect = QRect(left, top + 77, width, line)
        color = c.warn if card.is_stale else c.muted
        self._blit(painter, left, shots_rect.top(), self._glyph("camera", color))
        painter.setPen(color)
        if session.snapshot_count:
            shots = local_digits(self.tr("{count} · last {time}").format(
                count=session.snapshot_count, time=clock_time(session.last_snapshot_at)))
        else:
            shots = self.tr("No snapshots yet")
        self._text(painter, shots_rect.adjusted(16, 0, 0, 0), shots)

    def _paint_badges(self, painter: QPainter, rect: QRect, card: SessionCard, stale_words: str,
                      ratio: float) -> None:
        c = self.colors
        session = card.session
        x = rect.left()
        fg, bg = c.risk(session.risk_level)
        label = local_digits(self.tr("Risk {score} · {level}").format(
            score=session.risk_score,
            level=translate("Formatting", str(session.risk_level).capitalize())))
        x = self._pill_at(painter, x, rect, label, fg, bg, ratio) + 6
        if stale_words == "Kiosk closed":
            x = self._pill_at(painter, x, rect, self.tr("Kiosk closed"), c.white, c.red_solid,
                              ratio) + 6
        elif stale_words:
            shown = local_digits(self.tr("Kiosk offline · {waited}").format(
                waited=waited_words(stale_words.removeprefix("Kiosk offline · "))))
            x = self._pill_at(painter, x, rect, shown, c.warn, c.warn_bg, ratio) + 6
        right = rect.right() + 1
        if session.is_sample:
            right = self._pill_before(painter, right, rect, self.tr("Sample"), c.white, c.sample,
                                      ratio)
        if session.paused and session.status == _ACTIVE:
            right = self._pill_before(painter, right, rect, self.tr("Paused"), c.white,
                                      c.amber_solid,
                                      ratio, min_left=x)
        accommodation = accommodation_summary(session)
        if accommodation:
            right = self._pill_before(painter, right, rect, accommodation, c.accent,
                                      c.selected_bg, ratio, min_left=x)
        if session.warning_sent_at is not None:
            fg, bg = (c.ok, c.ok_bg) if session.warning_acknowledged_at else (c.warn, c.warn_bg)
            for words in (self._warning_words(session), self._warning_words(session, True)):
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
            words = translate("Formatting", words)
            right = self._pill_before(painter, right, rect,
                                      self.tr("Review: {outcome}").format(outcome=words), fg, bg,
                                      ratio,
                                      min_left=x)


def waited_words(waited: str) -> str:
    """``3 min`` (session_rules.waited_for) in the window's language."""
    number, _, unit = waited.partition(" ")
    if not number.isdigit():
        return translate("SessionCardDelegate", "just now") if waited == "just now" else waited
    words = {"s": QT_TRANSLATE_NOOP("SessionCardDelegate", "{n} s"),
             "min": QT_TRANSLATE_NOOP("SessionCardDelegate", "{n} min"),
             "h": QT_TRANSLATE_NOOP("SessionCardDelegate", "{n} h")}.get(unit)
    return translate("SessionCardDelegate", words).format(n=number) if words else waited

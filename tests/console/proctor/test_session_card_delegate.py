"""The card delegate: what a card shows, at any pixel density, and that repaints are cheap."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QStyleOptionViewItem

from console.proctor.proctor_center.session_card_delegate import (
    PADDING,
    THUMBNAIL_SIZE,
    SessionCardDelegate,
)
from console.proctor.proctor_center.session_list_model import (
    THUMBNAIL_ROLE,
    SessionListModel,
    SessionView,
)
from tests.console.proctor.proctor_helpers import solid_jpeg, start
from tests.helpers import new_snapshot_id

CARD = QSize(320, 148)


def render(delegate: SessionCardDelegate, model: SessionListModel, row: int,
           ratio: float = 1.0) -> QImage:
    image = QImage(round(CARD.width() * ratio), round(CARD.height() * ratio),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(QColor("#f4f6f9"))
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, CARD.width(), CARD.height())
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(row))
    painter.end()
    return image


def pixel(image: QImage, x: float, y: float) -> QColor:
    ratio = image.devicePixelRatio()
    return image.pixelColor(round(x * ratio), round(y * ratio))


@pytest.fixture
def pictured(fake_session_model, fake_core, fake_exam, qtbot):
    """One live session whose latest snapshot is a green frame, thumbnail loaded."""
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    fake_core.snapshots.record_snapshot(started.attempt_id, new_snapshot_id(),
                                        solid_jpeg((20, 160, 90)))
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 1
                    and fake_session_model.session_at(0).latest_snapshot_id is not None,
                    timeout=3000)
    qtbot.waitUntil(lambda: fake_session_model.index(0).data(THUMBNAIL_ROLE) is not None,
                    timeout=3000)
    return started


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_a_card_paints_its_picture_and_text_at_any_pixel_density(
    fake_session_model, pictured, ratio
):
    delegate = SessionCardDelegate()
    image = render(delegate, fake_session_model, 0, ratio)
    centre = pixel(image, PADDING + THUMBNAIL_SIZE.width() / 2,
                   PADDING + THUMBNAIL_SIZE.height() / 2)
    assert abs(centre.green() - 160) < 14 and abs(centre.red() - 20) < 14
    # Rounded corners: the picture's very corner shows the card, not the picture.
    corner = pixel(image, PADDING + 0.5, PADDING + 0.5)
    assert corner.green() > 200
    # The name is dark text right of the picture, in device pixels at this density.
    name_row = [pixel(image, x, PADDING + 9) for x in range(PADDING + 140, PADDING + 200)]
    assert min(c.lightness() for c in name_row) < 90


def test_repaints_reuse_the_card_until_its_session_or_state_changes(
    fake_session_model, pictured, clock
):
    delegate = SessionCardDelegate()
    render(delegate, fake_session_model, 0)
    render(delegate, fake_session_model, 0)
    assert delegate.rendered_layers == 1  # the second paint was a blit and the live clock
    clock.advance(7)
    fake_session_model.tick()
    render(delegate, fake_session_model, 0)
    assert delegate.rendered_layers == 1  # the clock moved: still no redraw of the card
    session = fake_session_model.session_at(0)
    fake_session_model.apply_sessions([dataclasses.replace(session, risk_score=64,
                                                           risk_level="high")])
    render(delegate, fake_session_model, 0)
    assert delegate.rendered_layers == 2


def test_an_ended_reviewed_session_shows_its_review_outcome(
    fake_session_model, fake_core, fake_exam, qtbot
):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    fake_core.attempts.submit_attempt(started.attempt_id)
    fake_core.proctoring.review_session(started.proctor_session_id, "violation", "Phone visible")
    fake_session_model.set_view(SessionView.ENDED)
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 1
                    and fake_session_model.session_at(0).review_outcome == "violation",
                    timeout=3000)
    image = render(SessionCardDelegate(), fake_session_model, 0)
    badge_row = [pixel(image, x, CARD.height() - PADDING - 10)
                 for x in range(CARD.width() - 120, CARD.width() - PADDING)]
    assert QColor("#fdecec") in badge_row  # the red "Review: Violation" badge


def badge_pixels(image: QImage) -> list[QColor]:
    """The strip along the bottom of the picture, where its badge sits."""
    y = PADDING + THUMBNAIL_SIZE.height() - 15
    return [pixel(image, x, y) for x in range(PADDING + 8, PADDING + 60)]


def test_a_kiosk_whose_camera_is_denied_gets_a_camera_off_badge_until_it_is_back(
    fake_session_model, pictured, fake_core, qtbot
):
    red = QColor("#dc2626")
    assert red not in badge_pixels(render(SessionCardDelegate(), fake_session_model, 0))
    fake_core.attempts.record_kiosk_event(pictured.attempt_id, "camera_denied", "in use elsewhere")
    qtbot.waitUntil(lambda: fake_session_model.session_at(0).camera_off, timeout=3000)
    assert red in badge_pixels(render(SessionCardDelegate(), fake_session_model, 0))
    assert "Camera off" in fake_session_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    fake_core.attempts.record_kiosk_event(pictured.attempt_id, "camera_restored")
    qtbot.waitUntil(lambda: not fake_session_model.session_at(0).camera_off, timeout=3000)
    assert red not in badge_pixels(render(SessionCardDelegate(), fake_session_model, 0))


def seat_strip(image: QImage) -> list[QColor]:
    """The right end of the card's second text line (after the candidate ref)."""
    y = PADDING + 20 + 8
    return [pixel(image, x, y) for x in range(CARD.width() - PADDING - 60, CARD.width() - PADDING)]


def test_a_card_shows_the_seat_in_dark_text_at_the_right_of_the_candidate_line(
    fake_session_model, fake_core, fake_exam, qtbot
):
    fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee", seat="B-14")
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 1, timeout=3000)
    delegate = SessionCardDelegate()
    seated = render(delegate, fake_session_model, 0)
    assert min(c.lightness() for c in seat_strip(seated)) < 90  # dark, like the name
    unseated = dataclasses.replace(fake_session_model.session_at(0), seat=None)
    fake_session_model.apply_sessions([unseated])
    plain = render(delegate, fake_session_model, 0)
    assert min(c.lightness() for c in seat_strip(plain)) > 200  # nothing there without a seat


def test_the_card_tooltip_says_the_seat_and_who_flagged_it_for_what(
    fake_session_model, fake_core, fake_exam, qtbot
):
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee", seat="B-14")
    fake_core.proctoring.flag_session(started.proctor_session_id, "Looking away",
                                      "Twice in a minute",
                                      actor="Dana Lee")
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 1
                    and fake_session_model.session_at(0).is_flagged, timeout=3000)
    tooltip = fake_session_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    lines = tooltip.splitlines()
    assert lines[0] == "Ann Lee (C-1) · Seat B-14"
    assert "Flagged by Dana Lee: Looking away" in lines


def test_a_flag_set_with_the_admin_key_reads_as_the_administrators(fake_session_model, fake_core,
                                                                   fake_exam,
                                                                   qtbot):
    started = start(fake_core, fake_exam, "C-1", "Ann Lee")
    fake_core.proctoring.flag_session(started.proctor_session_id, "Looking away")  # actor "admin"
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 1
                    and fake_session_model.session_at(0).is_flagged, timeout=3000)
    tooltip = fake_session_model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Flagged by the administrator: Looking away" in tooltip.splitlines()
    assert "Seat" not in tooltip


# ---- right to left ----------------------------------------------------------------------------
def dark_columns(image: QImage, y: float, left: int, right: int) -> list[int]:
    """The x of the dark (text) pixels of a row between ``left`` and ``right``."""
    return [x for x in range(left, right) if pixel(image, x, y).lightness() < 90]


def test_in_arabic_a_card_is_mirrored_the_picture_at_the_right_the_name_at_its_left(
    arabic, fake_session_model, pictured, fake_core, qtbot
):
    fake_core.attempts.record_kiosk_event(pictured.attempt_id, "camera_denied", "in use elsewhere")
    qtbot.waitUntil(lambda: fake_session_model.session_at(0).camera_off, timeout=3000)
    delegate = SessionCardDelegate()
    delegate.drawn = []
    image = render(delegate, fake_session_model, 0)
    picture_left = CARD.width() - PADDING - THUMBNAIL_SIZE.width()
    # The picture stands at the right, as captured (its green frame, not mirrored: uniform)
    centre = pixel(image, picture_left + THUMBNAIL_SIZE.width() / 2,
                   PADDING + THUMBNAIL_SIZE.height() / 2)
    assert abs(centre.green() - 160) < 14 and abs(centre.red() - 20) < 14
    assert pixel(image, PADDING + 20, PADDING + 40).green() > 200  # no picture at the left
    # The name is dark text left of the picture, ending near it: aligned at the right
    name = dark_columns(image, PADDING + 9, PADDING, picture_left)
    assert name and max(name) > picture_left - PADDING - 12
    assert min(name) > PADDING + 60  # a short name does not start at the card's left
    # The camera-off badge sits in the picture's right corner (where the line starts)
    red = QColor("#dc2626")
    y = PADDING + THUMBNAIL_SIZE.height() - 15
    assert red in [pixel(image, x, y) for x in range(CARD.width() - PADDING - 40,
                                                     CARD.width() - PADDING - 6)]
    assert red not in [pixel(image, x, y) for x in range(picture_left, picture_left + 20)]
    # The risk badge stands at the bottom right (the start of the line)
    low_risk = QColor("#e6f4ea")
    badge_row = [pixel(image, x, CARD.height() - PADDING - 10)
                 for x in range(CARD.width() - PADDING - 40, CARD.width() - PADDING - 10)]
    assert low_risk in badge_row
    # Every word drawn is Arabic, and none is cut short
    words = [shown for _words, shown, _may in delegate.drawn]
    assert "Ann Lee" in words and any(w.startswith("الكاميرا") for w in words)
    assert all(shown == full for full, shown, may in delegate.drawn if not may)


def test_in_arabic_a_seat_is_shown_whole_at_the_left_of_the_candidate_line(
    arabic, fake_session_model, fake_core, fake_exam, qtbot
):
    fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee", seat="A-03")
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 1, timeout=3000)
    delegate = SessionCardDelegate()
    delegate.drawn = []
    image = render(delegate, fake_session_model, 0)
    seat = next(shown for words, shown, _may in delegate.drawn if "A-03" in words)
    assert seat == "المقعد A-03"
    strip = dark_columns(image, PADDING + 20 + 8, PADDING, PADDING + 80)
    assert strip  # the seat's dark words at the left end of the line


def test_in_arabic_the_card_tooltip_is_arabic_with_the_seat_and_arabic_digits(
    arabic, fake_session_model, fake_core, fake_exam, qtbot
):
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee", seat="B-14")
    fake_core.proctoring.warn_session(started.proctor_session_id, "Eyes on your screen")
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 1
                    and fake_session_model.session_at(0).warning_sent_at is not None,
                    timeout=3000)
    lines = fake_session_model.index(0).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert lines[0] == "Ann Lee (C-1) · المقعد B-14"
    assert "اللقطات: \u0660، آخرها الساعة —" in lines
    assert any(line.startswith("أُرسل تحذير الساعة") and line.endswith("ولم يُقرّ به بعد")
               for line in lines)


def test_a_card_too_narrow_for_the_room_and_the_word_seat_drops_the_word_not_the_seat(
    fake_session_model, fake_core, fake_exam, qtbot
):
    fake_core.attempts.start_attempt(fake_exam.exam_id, "C-2041", "Sarah Mitchell",
                                     seat="A-07", room="Examination Hall 2")
    qtbot.waitUntil(lambda: fake_session_model.rowCount() == 1, timeout=3000)
    delegate = SessionCardDelegate()
    delegate.drawn = []
    render(delegate, fake_session_model, 0)
    shown = next(shown for words, shown, _may in delegate.drawn if "A-07" in words)
    assert shown.endswith("A-07")  # whole, where the proctor who walks over looks
    assert "Seat" not in shown  # the card has no room for "Examination Hall 2 · Seat A-07"

"""The PDF report in the console's language: in Arabic every word is Arabic, shaped and laid out
right to left (labels on the right half of the page), numbers and times in Arabic digits, and
the digests left to right and whole."""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import pytest
from pypdf import PdfReader

from console.i18n import local_digits
from console.proctor.formatting import clock_time
from console.proctor.session_details.report_exporter import ReportExporter

HEAD = "ff" + "0123456789abcdef" * 3 + "fedcba9876543f"
KEY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


@pytest.fixture
def started(fake_core, fake_exam):
    return fake_core.attempts.start_attempt(fake_exam.exam_id, "C-7", "Noor Haddad")


def placed_text(path) -> tuple[list[tuple[str, float]], float]:
    """The first page's text pieces with the x where each starts, and the page's width."""
    page = PdfReader(path).pages[0]
    pieces: list[tuple[str, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            pieces.append((text, tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    page.extract_text(visitor_text=visit)
    return pieces, float(page.mediabox.width)


def plain(text: str) -> str:
    """Arabic presentation forms (the shaped glyphs the PDF names) as their letters, white
    space as single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def shows(words: str, text: str) -> bool:
    """``words`` are in ``text``, in reading order or in the page's order from left to right
    (the PDF keeps right-to-left runs in the order they stand on the page)."""
    return plain(words) in text or plain(words)[::-1] in text


def test_an_arabic_report_is_shaped_right_to_left_with_its_labels_on_the_right(
        arabic, fake_core, clock, started, tmp_path):
    clock.advance(180)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "camera_denied", "Permission refused")
    detail = replace(fake_core.proctoring.get_session(started.proctor_session_id),
                     chain_head=HEAD, chain_length=3, evidence_key_sha256=KEY)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    path = exporter.write(tmp_path / "ar.pdf", detail, [])
    pieces, width = placed_text(path)
    raw = " ".join(piece for piece, _x in pieces)
    text = plain(raw)
    assert sum("\ufe70" <= c <= "\ufeff" for c in raw) > 100  # letters in their joined forms
    # (words without lam-alef: its one glyph reads back as lam and alef in reading order)
    for words in ("تقرير المراقبة", "المرشّح", "الموعد النهائي", "الكاميرا غير متاحة",
                  "السجل الزمني", "رأس السلسلة"):
        assert shows(words, text), words
    assert "Candidate" not in text and "Deadline" not in text and "Kiosk" not in text
    labels = {plain(w) for w in ("المرشّح", "الموعد النهائي", "رأس السلسلة")}
    placed = [x for piece, x in pieces if plain(piece) in labels or plain(piece)[::-1] in labels]
    assert len(placed) == 3 and all(x > width / 2 for x in placed)
    values = [x for piece, x in pieces if "Noor Haddad (C-7)" in plain(piece)]
    assert values and all(x < min(placed) for x in values)  # a value stands left of its label
    assert HEAD in text and f"sha256:{KEY}" in text  # whole and left to right
    assert shows(local_digits(clock_time(clock.now())), text)  # the times in Arabic digits
    assert clock_time(clock.now()) not in text


def test_an_english_report_keeps_its_labels_on_the_left(fake_core, clock, started, tmp_path):
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    pieces, width = placed_text(exporter.write(tmp_path / "en.pdf", detail, []))
    placed = [x for piece, x in pieces if plain(piece) in ("Candidate", "Deadline")]
    assert len(placed) == 2 and all(x < width / 4 for x in placed)


def test_in_arabic_the_report_says_the_centers_event_details_in_arabic(
        arabic, fake_core, clock, started, tmp_path):
    fake_core.proctoring.pause_session(started.proctor_session_id, "Fire alarm")
    clock.advance(75)
    fake_core.proctoring.resume_session(started.proctor_session_id)
    fake_core.proctoring.terminate_session(started.proctor_session_id, "Second person")
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    pieces, _width = placed_text(exporter.write(tmp_path / "ar.pdf", detail, []))
    text = plain(" ".join(piece for piece, _x in pieces))
    assert shows("أنهاه مراقب", text)  # the session's end, written by the center
    assert shows("وأُعيد الوقت", text)
    assert "Terminated by a proctor" not in text and "given back" not in text
    assert "Second person" in text and "Fire alarm" in text  # the proctor's words, as written

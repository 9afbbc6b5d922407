"""On a committee's paper nothing is cut short: a long reason, warning, exam title or name in the
PDF report wraps onto as many lines as it needs, on the page where its row stands, inside the
page's margins; a row that does not fit goes whole onto the next page, and only a row taller
than a page is split, its next part marked "(continued)"."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage

from console.proctor.session_details.report_exporter import ReportExporter
from tests.helpers import jpeg_bytes, new_snapshot_id

HEAD = "ff" + "0123456789abcdef" * 3 + "fedcba9876543f"
KEY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
MARGIN_PT = 15 / 25.4 * 72  # the report's 15 mm margins, in PDF points

NAME = ("Maria-Concepción Alexandrina Wilhelmina Fitzgerald-Oyelaran de la Torre "
        "Nakamura-Haddad Ellingsworth")
TITLE = ("Advanced Structural Engineering and Applied Mechanics of Composite Materials: "
         "Second Semester Final Examination for the Faculty of Civil and Environmental "
         "Engineering, Paper Two (Morning Sitting) (B2)")
#: A proctor's reason and note as the flag records them: words, then a long unbroken address.
REASON = "Second person seen behind the candidate twice in the camera's picture, near the door"
NOTE = ("The candidate was asked to turn the camera round the room; a notebook was on the desk "
        "beside the keyboard and the candidate kept looking down at it while answering the "
        "questions of part two. The invigilator of room B confirmed a phone ringing during the "
        "sitting. Recording kept; see https://center.example/evidence/" + "x7Q2" * 20 +
        " for the desk photo, then the session log of the kiosk for the minutes around it. The "
        "candidate said the notebook held only the exam's rules, handed out at the door.")
WARNING = ("Please keep your face in the camera's picture and your desk clear of papers; this is "
           "the second warning and the proctor will review the recording after the exam. "
           * 3).strip()


#: What a newer analysis may say of a snapshot, beside the badges the report knows.
CUES = "no_face,too_dark,looking_away,frozen,blocked,reflection_on_the_glasses_of_the_candidate"


def squeezed(text: str) -> str:
    """Text without white space (a wrapped line's break is not a character of the words)."""
    return "".join(text.replace("\ufb01", "fi").replace("\ufb02", "fl").split())


def pages_text(path) -> list[str]:
    return [squeezed(page.extract_text()) for page in PdfReader(path).pages]


@pytest.fixture
def exporter(fake_core):
    return ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)


@pytest.fixture
def long_session(fake_core, clock):
    """A candidate with a long name in an exam with a 200-character title, flagged with a
    long reason and warned at length."""
    exam = fake_core.exams.create_exam(TITLE, duration_seconds=3600,
                                       snapshot_interval_seconds=30)
    started = fake_core.attempts.start_attempt(exam.exam_id, "C-7", NAME)
    clock.advance(60)
    fake_core.proctoring.flag_session(started.proctor_session_id, REASON, NOTE)
    clock.advance(60)
    fake_core.proctoring.warn_session(started.proctor_session_id, WARNING)
    fake_core.snapshots.record_snapshot(started.attempt_id, new_snapshot_id(),
                                        jpeg_bytes(320, 240, seed=1), captured_at=clock.now())
    return started


def snapshots_of(fake_core, session) -> list:
    """The session's snapshots, the first with every badge a newer analysis may give."""
    first, *rest = fake_core.proctoring.list_snapshots(session.proctor_session_id)
    return [replace(first, face_count=0, analysis=CUES), *rest]


def test_long_reasons_titles_and_names_appear_whole_in_the_report(
        fake_core, long_session, exporter, tmp_path, qapp):
    assert len(TITLE) == 200 and len(f"{REASON} — {NOTE}") > 600
    detail = replace(fake_core.proctoring.get_session(long_session.proctor_session_id),
                     chain_head=HEAD, chain_length=4, evidence_key_sha256=KEY)

    page, sheet = pages_text(exporter.write(tmp_path / "long.pdf", detail,
                                            snapshots_of(fake_core, long_session)))

    for words in (NAME, TITLE, f"{REASON} — {NOTE}", WARNING):
        assert squeezed(words) in page
    for words in (NAME, TITLE):  # under the title, in the facts, as the session started
        assert page.count(squeezed(words)) == 3
    assert HEAD in page and f"sha256:{KEY}" in page  # the digests whole, each on one line
    assert squeezed(NAME) in sheet  # the contact sheet's heading names the candidate
    assert squeezed("Too dark, Looking away, Frozen, Blocked, "
                    "Reflection on the glasses of the candidate") in sheet  # every badge
    assert "…" not in page + sheet


def test_a_long_row_that_does_not_fit_goes_whole_onto_the_next_page(
        fake_core, clock, long_session, exporter, tmp_path, qapp):
    for n in range(ReportExporter.FIRST_PAGE_TIMELINE_ROWS - 2):  # newer one-line rows above it
        clock.advance(5)
        fake_core.attempts.record_kiosk_event(long_session.attempt_id,
                                              "focus_lost" if n % 2 else "focus_regained")
    detail = fake_core.proctoring.get_session(long_session.proctor_session_id)

    first, second = pages_text(exporter.write(tmp_path / "two.pdf", detail, []))

    rows = ReportExporter.FIRST_PAGE_TIMELINE_ROWS - 2
    assert first.count("Kiosk") + second.count("Kiosk") == rows
    assert first.endswith("Kiosk")  # page 1 ends with a whole one-line row
    assert squeezed(WARNING[:30]) not in first  # the four lines of the warning do not fit
    assert second.startswith(squeezed("Timeline (continued, page 2)"))
    assert squeezed(WARNING) in second and squeezed(f"{REASON} — {NOTE}") in second


def test_a_row_taller_than_a_page_goes_on_on_the_next_page_marked_continued(
        fake_core, clock, long_session, exporter, tmp_path, qapp):
    words = [f"z{n:04d}q" for n in range(1000)]  # 7,000 characters: more lines than a page
    detail = fake_core.proctoring.get_session(long_session.proctor_session_id)
    warned = next(event for event in detail.events if event.type == "warning_sent")
    tall = replace(warned, detail=" ".join(words))
    detail = replace(detail, events=tuple(tall if e is warned else e for e in detail.events))

    pages = pages_text(exporter.write(tmp_path / "tall.pdf", detail, []))

    shown = [re.findall(r"z\d{4}q", page) for page in pages]
    assert [word for part in shown for word in part] == words  # each once, in order, whole
    assert len(shown[0]) > 100  # the rest of page 1, then the next pages
    assert "(continued)" not in pages[0]
    for page, part in zip(pages[1:], shown[1:], strict=True):
        if part:
            assert re.match(r"Timeline\(continued,page\d\)\(continued\)" + part[0], page)
    assert squeezed(f"{REASON} — {NOTE}") in pages[-1]  # the older rows after it


def text_starts(path) -> list[tuple[int, str, float, float]]:
    """Where each piece of text starts on each page (PDF points from the bottom left)."""
    starts: list[tuple[int, str, float, float]] = []
    for number, page in enumerate(PdfReader(path).pages):
        def visit(text, cm, tm, _font, _size, number=number):
            if text.strip():
                starts.append((number, text,
                               tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                               tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))
        page.extract_text(visitor_text=visit)
    return starts


@pytest.mark.parametrize("language", ["en", "ar"])
def test_nothing_is_drawn_outside_the_pages_margins(
        request, language, fake_core, clock, long_session, exporter, tmp_path, qapp):
    if language == "ar":
        request.getfixturevalue("arabic")
    detail = replace(fake_core.proctoring.get_session(long_session.proctor_session_id),
                     chain_head=HEAD, chain_length=4, evidence_key_sha256=KEY)
    warned = next(event for event in detail.events if event.type == "warning_sent")
    tall = replace(warned, detail=" ".join(f"line{n:04d}" for n in range(500)))
    detail = replace(detail, events=tuple(tall if e is warned else e for e in detail.events))
    path = exporter.write(tmp_path / f"{language}.pdf", detail,
                          snapshots_of(fake_core, long_session))
    page = PdfReader(path).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)

    for number, text, x, y in text_starts(path):  # every line starts inside the margins
        assert MARGIN_PT - 1 <= x <= width - MARGIN_PT + 1, (number, text, x)
        assert MARGIN_PT - 1 <= y <= height - MARGIN_PT + 1, (number, text, y)

    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: the pages were not looked at")
    subprocess.run([pdftoppm, "-png", "-r", "40", str(path), str(tmp_path / language)],
                   check=True)
    pictures = sorted(tmp_path.glob(f"{language}-*.png"))
    assert len(pictures) == len(PdfReader(path).pages)
    for picture in pictures:  # every page's ink is inside its margins
        image = QImage(str(picture))
        margin = round(MARGIN_PT / 72 * 40) - 1
        inked = [(x, y) for y in range(image.height()) for x in range(image.width())
                 if image.pixelColor(x, y).lightness() < 250
                 and not (margin <= x < image.width() - margin
                          and margin <= y < image.height() - margin)]
        assert inked == [], picture.name

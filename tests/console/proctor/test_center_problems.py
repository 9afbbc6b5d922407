"""The center's own outages are never the candidate's evidence: in the details window's
timeline they read in their own words and tone and are counted apart, and the PDF report lists
them in their own section, not in the candidate's timeline."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from console.proctor.session_details.details_windows import DetailsWindows
from console.proctor.session_details.report_exporter import ReportExporter
from console.proctor.session_details.timeline_model import SeverityRole, TypeWordsRole

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")

UNREACHABLE = "Center unreachable — upload retried"
CENTER_ERROR = "Center error — upload retried"


@pytest.fixture
def windows(fake_console_context, qtbot):
    registry = DetailsWindows.install(fake_console_context)
    yield registry
    registry.close_all()
    fake_console_context.tasks.wait_for_done()


@pytest.fixture
def started(fake_core, fake_exam):
    return fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")


def failed_upload(fake_core, clock, attempt_id: str, cause: str | None) -> None:
    clock.advance(60)
    fake_core.attempts.record_kiosk_event(
        attempt_id, "upload_failed", "Snapshot upload failed 3 times; 4 snapshot(s) are kept.",
        cause=cause)


@pytest.fixture
def outages(fake_core, clock, started):
    """A session with two center outages, one refused upload and five seconds out of the exam
    window."""
    failed_upload(fake_core, clock, started.attempt_id, "center_unreachable")
    clock.advance(30)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost", "Switched window")
    clock.advance(5)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_regained")
    failed_upload(fake_core, clock, started.attempt_id, "center_error")
    failed_upload(fake_core, clock, started.attempt_id, None)  # refused, as before
    return started


def test_the_timeline_shows_center_problems_in_their_own_words_and_tone_counted_apart(
        windows, fake_core, outages, qtbot, qtmodeltester):
    window = windows.open(outages.proctor_session_id)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    model = window.timeline_model
    qtmodeltester.check(model)

    rows = [(model.index(r).data(TypeWordsRole), model.index(r).data(SeverityRole))
            for r in range(model.rowCount())]
    assert rows == [
        ("Upload failed", "warn"),  # refused: the candidate's evidence, as before
        (CENTER_ERROR, "center"),
        ("Back in the exam window", "ok"),
        ("Left the exam window", "warn"),
        (UNREACHABLE, "center"),
        ("Session started", "ok"),
    ]
    assert window.evidence.timeline_title() == "Timeline · 4 events · 2 center problems"
    assert window.session.risk_score == fake_core.risk.weight("focus_lost") + \
        fake_core.risk.weight("upload_failed")


def text_of(page) -> str:
    """The page's text with words joined by single spaces (the PDF uses tabs and ligatures)."""
    return " ".join(page.extract_text().replace("\ufb01", "fi").replace("\ufb02", "fl").split())


def test_the_report_lists_center_problems_apart_from_the_candidates_evidence(
        fake_core, outages, tmp_path, qapp):
    detail = fake_core.proctoring.get_session(outages.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)

    path = exporter.write(tmp_path / "report.pdf", detail, [])

    [page] = PdfReader(path).pages
    text = text_of(page)
    timeline, _, center = text.partition("Center problems during the session —")
    assert "Timeline — 4 events, newest first" in timeline
    assert "Upload failed" in timeline and "Left the exam window" in timeline
    assert "Center unreachable" not in timeline and "Center error" not in timeline
    assert "Center problems 2, listed after the timeline" in timeline  # the facts say so
    assert center.startswith(" 2, not counted against the candidate")
    assert UNREACHABLE in center and CENTER_ERROR in center
    assert "Upload failed" not in center and "Left the exam window" not in center


def test_a_report_without_center_problems_has_no_such_section(fake_core, started, tmp_path,
                                                              qapp):
    failed_upload(fake_core, fake_core.clock, started.attempt_id, "refused")
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    text = text_of(PdfReader(exporter.write(tmp_path / "r.pdf", detail, [])).pages[0])
    assert "Upload failed" in text
    assert "Center problems" not in text


def test_center_problems_after_a_full_first_page_go_on_the_next(fake_core, clock, started,
                                                                 tmp_path, qapp):
    for n in range(ReportExporter.FIRST_PAGE_TIMELINE_ROWS - 1):  # with session_started: full
        clock.advance(5)
        fake_core.attempts.record_kiosk_event(started.attempt_id,
                                              "focus_lost" if n % 2 else "focus_regained")
    failed_upload(fake_core, clock, started.attempt_id, "center_unreachable")
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)

    pages = PdfReader(exporter.write(tmp_path / "long.pdf", detail, [])).pages

    assert len(pages) == ReportExporter.page_count(len(detail.events) - 1, 0, 1) == 2
    assert UNREACHABLE not in text_of(pages[0])
    continued = text_of(pages[1])
    assert continued.startswith("Center problems during the session — 1, not counted against")
    assert UNREACHABLE in continued


def test_the_page_count_leaves_room_for_the_center_problems_heading():
    first, heading = ReportExporter.FIRST_PAGE_TIMELINE_ROWS, ReportExporter.HEADING_ROWS
    per_page = ReportExporter.TIMELINE_ROWS_PER_PAGE
    assert ReportExporter.page_count(first - heading - 1, 0, 1) == 1  # heading and one row fit
    assert ReportExporter.page_count(first - heading, 0, 1) == 2  # the heading alone would
    assert ReportExporter.page_count(0, 0, first - 1 - heading) == 1  # after "No events"
    assert ReportExporter.page_count(0, 0, first - heading) == 2
    assert ReportExporter.page_count(first, 0, per_page + 1) == 3
    assert ReportExporter.page_count(first, 0, 0) == 1

"""A head turned away reads "Looking away" wherever a proctor sees the session's evidence: the
details window's timeline (as the candidate's evidence, in the warning tone, with the analysis'
detail), the snapshot's badge, and the PDF report's timeline; it weighs its small weight."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from console.proctor.session_details.details_windows import DetailsWindows
from console.proctor.session_details.gallery_model import analysis_badges
from console.proctor.session_details.report_exporter import ReportExporter
from console.proctor.session_details.timeline_model import (
    DetailRole,
    SeverityRole,
    SourceWordsRole,
    TypeWordsRole,
)
from tests.helpers import jpeg_bytes, new_snapshot_id

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")

DETAIL = "Head turned away from the screen"


@pytest.fixture
def windows(fake_console_context, qtbot):
    registry = DetailsWindows.install(fake_console_context)
    yield registry
    registry.close_all()
    fake_console_context.tasks.wait_for_done()


@pytest.fixture
def turned_away(fake_core, fake_exam, clock):
    """A session whose second snapshot in a row showed the head turned away."""
    attempt = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")
    ids = []
    for seed in range(2):
        clock.advance(30)
        snapshot_id = new_snapshot_id()
        fake_core.snapshots.record_snapshot(attempt.attempt_id, snapshot_id,
                                            jpeg_bytes(160, 120, seed=seed))
        ids.append(snapshot_id)
    fake_core.snapshots.record_analysis(ids[0], 1, ("looking_away",), [])
    fake_core.snapshots.record_analysis(ids[1], 1, ("looking_away",), [("looking_away", DETAIL)])
    return attempt


def test_the_timeline_reads_looking_away_as_the_candidates_evidence(
        windows, fake_core, turned_away, qtbot, qtmodeltester):
    window = windows.open(turned_away.proctor_session_id)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    model = window.timeline_model
    qtmodeltester.check(model)
    newest = model.index(0)
    assert (newest.data(TypeWordsRole), newest.data(SourceWordsRole), newest.data(DetailRole),
            newest.data(SeverityRole)) == ("Looking away", "Analysis", DETAIL, "warn")
    assert window.evidence.timeline_title() == "Timeline · 2 events"
    assert window.session.risk_score == fake_core.risk.weight("looking_away") == 5
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 2, timeout=5000)
    assert analysis_badges(window.gallery_model.snapshot(0)) == ("Looking away",)


def test_the_report_lists_looking_away_in_the_candidates_timeline(
        fake_core, turned_away, tmp_path, qapp):
    detail = fake_core.proctoring.get_session(turned_away.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    [page] = PdfReader(exporter.write(tmp_path / "report.pdf", detail, [])).pages
    text = " ".join(page.extract_text().split())
    assert "Looking away" in text and DETAIL in text
    assert "Center problems during the session" not in text

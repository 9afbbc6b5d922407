"""Evidence export from the details window: the PDF report and single images."""

from __future__ import annotations

import math
from datetime import timedelta

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QPushButton

from console.proctor.formatting import clock_time, date_time
from console.proctor.session_details.details_windows import DetailsWindows
from console.proctor.session_details.report_exporter import ExportCancelled, ReportExporter
from tests.helpers import jpeg_bytes, new_snapshot_id

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def windows(fake_console_context, qtbot):
    registry = DetailsWindows(fake_console_context)
    yield registry
    registry.close_all()
    fake_console_context.tasks.wait_for_done()


@pytest.fixture
def started(fake_core, fake_exam):
    return fake_core.attempts.start_attempt(fake_exam.exam_id, "C-7", "Noor Haddad")


def record_snapshots(fake_core, clock, attempt_id: str, count: int) -> list[str]:
    ids = []
    for i in range(count):
        clock.advance(30)
        snapshot_id = new_snapshot_id()
        fake_core.snapshots.record_snapshot(attempt_id, snapshot_id, jpeg_bytes(320, 240, seed=i),
                                            captured_at=clock.now())
        ids.append(snapshot_id)
    return ids


def record_events(fake_core, clock, attempt_id: str, count: int) -> None:
    for i in range(count):
        clock.advance(5)
        kind = "focus_lost" if i % 2 == 0 else "focus_regained"
        fake_core.attempts.record_kiosk_event(attempt_id, kind, f"event number {i}")


def expected_pages(events: int, snapshots: int) -> int:
    first, per_page = ReportExporter.FIRST_PAGE_TIMELINE_ROWS, ReportExporter.TIMELINE_ROWS_PER_PAGE
    timeline_pages = 1 + math.ceil(max(0, events - first) / per_page)
    return timeline_pages + math.ceil(snapshots / ReportExporter.SNAPSHOTS_PER_PAGE)


def text_of(page) -> str:
    """The page's text with words joined by single spaces (the PDF uses tabs and ligatures)."""
    return " ".join(page.extract_text().replace("\ufb01", "fi").replace("\ufb02", "fl").split())


@pytest.fixture
def out(tmp_path):
    """An empty folder for exported files (tmp_path also holds the core's data)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def open_loaded(windows, qtbot, session_id):
    window = windows.open(session_id)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    return window


def test_the_exported_report_has_the_facts_the_timeline_and_every_snapshot(
    windows, fake_core, clock, started, qtbot, tmp_path
):
    snapshot_count = ReportExporter.SNAPSHOTS_PER_PAGE + 3  # two contact-sheet pages
    kiosk_events = ReportExporter.FIRST_PAGE_TIMELINE_ROWS + 4  # the timeline goes on
    record_snapshots(fake_core, clock, started.attempt_id, snapshot_count)
    record_events(fake_core, clock, started.attempt_id, kiosk_events)
    fake_core.proctoring.flag_session(started.proctor_session_id, "Looking away repeatedly")
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    target = tmp_path / "report.pdf"

    with qtbot.waitSignal(window.export_finished, timeout=60_000) as finished:
        window.export_report_to(str(target))
    assert finished.args == [str(target)]
    assert window.button("export").isEnabled()  # available again once the report is written

    reader = PdfReader(target)
    assert len(reader.pages) == expected_pages(len(detail.events), snapshot_count) == 4
    first_page = text_of(reader.pages[0])
    assert "Noor Haddad" in first_page
    assert "Algebra final" in first_page
    assert "Flagged by the administrator: Looking away repeatedly" in first_page
    assert "Left the exam window" in first_page
    assert "event number" in text_of(reader.pages[1])  # the timeline continues
    newest = fake_core.proctoring.list_snapshots(started.proctor_session_id)[0]
    sheet = text_of(reader.pages[2])
    assert date_time(newest.captured_at) in sheet
    images = sum(len(page.images) for page in reader.pages[2:])
    assert images == snapshot_count
    assert "Report saved" in window.status_text


def test_a_session_without_events_or_snapshots_makes_a_one_page_report(
    fake_core, started, tmp_path, qapp
):
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    path = exporter.write(tmp_path / "short.pdf", detail, [])
    assert len(PdfReader(path).pages) == expected_pages(len(detail.events), 0) == 1


def test_page_count_follows_rows_and_snapshots_per_page():
    per_sheet = ReportExporter.SNAPSHOTS_PER_PAGE
    first = ReportExporter.FIRST_PAGE_TIMELINE_ROWS
    assert ReportExporter.page_count(0, 0) == 1
    assert ReportExporter.page_count(first, per_sheet) == 2
    assert ReportExporter.page_count(first + 1, per_sheet + 1) == 4


def test_a_cancelled_export_leaves_no_file(fake_core, clock, started, out, qapp):
    record_snapshots(fake_core, clock, started.attempt_id, 8)
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    snapshots = fake_core.proctoring.list_snapshots(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    progress: list[tuple[int, int]] = []
    target = out / "cancelled.pdf"
    with pytest.raises(ExportCancelled):
        exporter.write(target, detail, snapshots,
                       lambda done, total: progress.append((done, total)),
                       is_cancelled=lambda: len(progress) >= 4)
    assert progress[-1] == (3, 9)  # cancelled part-way through the contact sheet
    assert list(out.iterdir()) == []


def test_cancelling_the_progress_dialog_stops_the_export_and_writes_nothing(
    windows, fake_core, clock, started, qtbot, out
):
    record_snapshots(fake_core, clock, started.attempt_id, 30)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    target = out / "stopped.pdf"
    with qtbot.waitSignal(window.export_cancelled, timeout=30_000):
        progress = window.export_report_to(str(target))
        cancel = next(b for b in progress.findChildren(QPushButton) if b.text() == "Cancel")
        cancel.click()
    assert not target.exists()
    assert list(out.iterdir()) == []
    assert "no file was written" in window.status_text


def test_an_export_into_a_missing_folder_says_what_to_do(windows, started, qtbot, tmp_path):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    with qtbot.waitSignal(window.export_failed, timeout=10_000):
        window.export_report_to(str(tmp_path / "nowhere" / "report.pdf"))
    assert "Choose another folder" in window.status_text


def test_save_image_writes_the_original_jpeg_bytes(
    windows, fake_core, clock, started, qtbot, out
):
    [snapshot_id] = record_snapshots(fake_core, clock, started.attempt_id, 1)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    target = out / "evidence.jpg"
    with qtbot.waitSignal(window.image_saved, timeout=5000):
        window.save_image_to(snapshot_id, str(target))
    assert target.read_bytes() == fake_core.snapshots.read_image(snapshot_id)
    assert [p.name for p in out.iterdir()] == ["evidence.jpg"]


def test_report_lists_events_with_their_time_and_source(fake_core, clock, started, out, qapp):
    clock.advance(timedelta(minutes=3).total_seconds())
    fake_core.attempts.record_kiosk_event(started.attempt_id, "camera_denied", "Permission refused")
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    text = text_of(PdfReader(exporter.write(out / "r.pdf", detail, [])).pages[0])
    assert "Camera unavailable" in text
    assert "Permission refused" in text
    assert "Kiosk" in text


def test_closing_the_window_during_an_export_stops_it_and_leaves_no_file(
    windows, fake_core, clock, started, qtbot, out, fake_console_context
):
    record_snapshots(fake_core, clock, started.attempt_id, 30)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    target = out / "closed.pdf"
    window.export_report_to(str(target))
    window.close()
    qtbot.waitUntil(lambda: fake_console_context.tasks.pending_count == 0, timeout=30_000)
    assert list(out.iterdir()) == []


def test_the_report_of_a_running_session_says_it_was_made_while_the_session_ran(
    fake_core, clock, started, out, qapp
):
    clock.advance(25 * 60)
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    text = text_of(PdfReader(exporter.write(out / "live.pdf", detail, [])).pages[0])
    made_at = clock_time(clock.now())
    assert (f"Report made during the session at {made_at}; the session was still running"
            in text)
    assert "Reviewed after the session ends" not in text
    assert "Ended Still running" in text
    assert "Time left 35:00 Snapshots" in text


def test_the_report_of_an_ended_unreviewed_session_says_it_is_not_reviewed_yet(
    fake_core, clock, started, out, qapp
):
    clock.advance(25 * 60)
    fake_core.attempts.submit_attempt(started.attempt_id)
    clock.advance(60)
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    text = text_of(PdfReader(exporter.write(out / "ended.pdf", detail, [])).pages[0])
    assert "Not reviewed yet" in text
    assert "during the session" not in text


class _UrlRecorder(QObject):
    """Takes the place of the desktop for ``file:`` URLs: records them, launches nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def desktop():
    recorder = _UrlRecorder()
    QDesktopServices.setUrlHandler("file", recorder, "open")
    yield recorder
    QDesktopServices.unsetUrlHandler("file")


def test_after_an_export_open_folder_opens_the_folder_of_the_report(
    windows, fake_core, clock, started, qtbot, out, desktop
):
    record_snapshots(fake_core, clock, started.attempt_id, 2)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    assert window.status_banner.action_button is None
    with qtbot.waitSignal(window.export_finished, timeout=30_000):
        window.export_report_to(str(out / "report.pdf"))
    button = window.status_banner.action_button
    assert button is not None and button.text() == "Open folder"
    assert desktop.urls == []  # nothing opens by itself
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert desktop.urls == [QUrl.fromLocalFile(str(out.resolve()))]


def test_a_failed_export_offers_no_folder_to_open(windows, started, qtbot, tmp_path):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    with qtbot.waitSignal(window.export_failed, timeout=10_000):
        window.export_report_to(str(tmp_path / "nowhere" / "report.pdf"))
    assert window.status_banner.action_button is None

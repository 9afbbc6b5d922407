"""Who did each proctor action and where the candidate sits, as the details window's timeline
and header and the PDF report say it."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from console.proctor.formatting import date_time
from console.proctor.session_details.details_windows import DetailsWindows
from console.proctor.session_details.report_exporter import ReportExporter
from console.proctor.session_details.session_header import SessionHeader
from console.proctor.session_details.timeline_model import (
    ActorRole,
    SummaryRole,
    TimelineModel,
    TypeWordsRole,
)

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def started(fake_core, fake_exam):
    return fake_core.attempts.start_attempt(fake_exam.exam_id, "C-7", "Noor Haddad", seat="B-14")


@pytest.fixture
def acted_on(fake_core, clock, started):
    """Dana Lee flags, Sam Ortiz warns and then terminates, Dana Lee reviews; the kiosk reports
    a lost focus in between. Returns the session's detail."""
    session_id = started.proctor_session_id
    clock.advance(60)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost", "Switched window")
    clock.advance(60)
    fake_core.proctoring.flag_session(session_id, "Looking away", actor="Dana Lee")
    clock.advance(60)
    fake_core.proctoring.warn_session(session_id, "Eyes on your screen, please.", actor="Sam Ortiz")
    clock.advance(60)
    fake_core.proctoring.terminate_session(session_id, "Phone on the desk", actor="Sam Ortiz")
    clock.advance(60)
    fake_core.proctoring.review_session(session_id, "violation", "Phone in view", actor="Dana Lee")
    return fake_core.proctoring.get_session(session_id)


def text_of(page) -> str:
    """The page's text with words joined by single spaces."""
    return " ".join(page.extract_text().replace("\ufb01", "fi").replace("\ufb02", "fl").split())


def summaries(detail) -> list[str]:
    model = TimelineModel()
    model.set_events(detail.events)
    return [model.index(r).data(SummaryRole) for r in range(model.rowCount())]


def test_each_proctor_action_in_the_timeline_says_who_did_it(acted_on, qapp):
    assert summaries(acted_on) == [
        "Reviewed by Dana Lee — Violation — Phone in view",
        "Session ended — Terminated by a proctor",
        "Terminated by Sam Ortiz — Phone on the desk",
        "Warning sent by Sam Ortiz — Eyes on your screen, please.",
        "Flagged by Dana Lee — Looking away",
        "Left the exam window — Switched window",
        "Session started — Noor Haddad started Algebra final",
    ]


def test_kiosk_and_system_events_name_nobody(acted_on, qapp):
    model = TimelineModel()
    model.set_events(acted_on.events)
    by_type = {model.index(r).data(TypeWordsRole).split(" by ")[0]: model.index(r)
               for r in range(model.rowCount())}
    assert by_type["Left the exam window"].data(ActorRole) == ""
    assert by_type["Session started"].data(ActorRole) == ""
    assert by_type["Flagged"].data(ActorRole) == "Dana Lee"


def test_the_admin_key_reads_as_the_administrator_and_a_desk_name_as_given(
    fake_core, clock, started, qapp
):
    session_id = started.proctor_session_id
    fake_core.proctoring.flag_session(session_id, "Looking away")  # the admin key's actor
    clock.advance(30)
    fake_core.proctoring.warn_session(session_id, "Please sit still.", actor="Desk 3")
    words = summaries(fake_core.proctoring.get_session(session_id))
    assert words[:2] == ["Warning sent by Desk 3 — Please sit still.",
                         "Flagged by the administrator — Looking away"]


def test_the_header_says_where_the_candidate_sits_and_who_flagged_terminated_and_reviewed(
    acted_on, clock, qtbot
):
    header = SessionHeader()
    qtbot.addWidget(header)
    header.set_session(acted_on.session, clock.now(), acted_on.events)
    assert header.fact_text("seat") == "B-14"
    assert header.fact_text("status") == "Cancelled — Terminated by Sam Ortiz"
    assert header.fact_text("flag") == "⚑  Flagged by Dana Lee: Looking away"
    assert header.fact_text("review") == (
        f"Review: Violation (reviewed {date_time(acted_on.session.reviewed_at)} by Dana Lee)"
        " — Phone in view")


def test_the_header_keeps_who_acted_when_the_session_is_shown_again_without_its_timeline(
    acted_on, clock, qtbot
):
    header = SessionHeader()
    qtbot.addWidget(header)
    header.set_session(acted_on.session, clock.now(), acted_on.events)
    header.set_session(acted_on.session, clock.now())  # e.g. right after a review is saved
    assert header.fact_text("status") == "Cancelled — Terminated by Sam Ortiz"


def test_the_header_shows_no_seat_when_the_kiosk_gave_none(fake_core, fake_exam, clock, qtbot):
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-8", "Omar Said")
    detail = fake_core.proctoring.get_session(started.proctor_session_id)
    header = SessionHeader()
    qtbot.addWidget(header)
    header.set_session(detail.session, clock.now(), detail.events)
    assert header.fact_text("seat") == ""


def test_the_details_window_header_shows_the_seat_and_who_terminated(
    fake_console_context, acted_on, qtbot
):
    windows = DetailsWindows(fake_console_context)
    try:
        window = windows.open(acted_on.session.session_id)
        qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
        assert window.header.fact_text("seat") == "B-14"
        assert window.header.fact_text("status") == "Cancelled — Terminated by Sam Ortiz"
    finally:
        windows.close_all()
        fake_console_context.tasks.wait_for_done()


def test_the_report_has_the_seat_who_flagged_and_each_actions_actor(
    fake_core, acted_on, tmp_path, qapp
):
    exporter = ReportExporter(fake_core.snapshots.read_image, fake_core.clock.now)
    text = text_of(PdfReader(exporter.write(tmp_path / "r.pdf", acted_on, [])).pages[0])
    assert "Seat B-14" in text
    assert "Flag Flagged by Dana Lee: Looking away" in text
    assert "Status Cancelled — Terminated by Sam Ortiz" in text
    assert "by Dana Lee) — Phone in view" in text  # the review fact
    assert "Terminated by Sam Ortiz Proctor Phone on the desk" in text
    assert "Warning sent by Sam Ortiz Proctor Eyes on your screen, please." in text
    assert "Reviewed by Dana Lee Proctor Violation — Phone in view" in text
    assert "Left the exam window Kiosk Switched window" in text

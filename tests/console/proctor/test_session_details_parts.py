"""The pieces of the session details window on their own: the button policy, the facts in words,
the navigator, the column widths, the status banner and the review flow."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QLabel, QListView

from console.proctor.formatting import duration
from console.proctor.session_details.action_policy import (
    BUNDLING,
    ENDED,
    EXPORTING,
    READ_ONLY,
    REVIEW_LATER,
    SPECS,
    button_states,
)
from console.proctor.session_details.evidence_pane import (
    GALLERY_MIN_WIDTH,
    GALLERY_WIDTH,
    PREVIEW_COMFORT_WIDTH,
    PREVIEW_MIN_WIDTH,
    TIMELINE_MIN_WIDTH,
    TIMELINE_WIDTH,
    EvidencePane,
)
from console.proctor.session_details.export_flow import file_stem, folder_url
from console.proctor.session_details.gallery_model import GalleryModel
from console.proctor.session_details.navigation import GalleryNavigator
from console.proctor.session_details.review_flow import ReviewFlow
from console.proctor.session_details.session_facts import (
    is_live,
    no_snapshot_words,
    session_facts,
    status_line,
    time_left,
    time_left_words,
)
from console.proctor.session_details.snapshot_preview import events_near
from console.proctor.session_details.status_banner import StatusBanner
from console.proctor.session_details.timeline_model import TimelineModel
from core.domain.enums import AttemptStatus, SessionStatus
from core.domain.lifecycle import remaining_seconds
from core.domain.records import EventDTO
from core.domain.samples import sample_sessions
from tests.helpers import jpeg_bytes, new_snapshot_id

#: The offscreen platform has no window manager: it says so when a window is shown.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")

NOW = datetime(2026, 3, 2, 10, 42, tzinfo=UTC)
SAMPLE = sample_sessions(NOW)[0]
LIVE = replace(SAMPLE, session_id="s-live", is_sample=False)
SUBMITTED = replace(LIVE, status=SessionStatus.COMPLETED, attempt_status=AttemptStatus.SUBMITTED,
                    ended_at=NOW)
TERMINATED = replace(SUBMITTED, status=SessionStatus.CANCELLED,
                     attempt_status=AttemptStatus.TERMINATED)
REVIEWED = replace(SUBMITTED, review_outcome="no_issue", reviewed_at=NOW)


def enabled(states) -> set[str]:
    return {name for name, state in states.items() if state.enabled}


# ---- the button policy ---------------------------------------------------------------------
def test_a_live_session_may_be_flagged_warned_terminated_and_exported_but_not_reviewed():
    states = button_states(LIVE)
    assert enabled(states) == {"flag", "warn", "terminate", "pause", "add_time", "export",
                               "bundle"}
    assert states["review"].tooltip == REVIEW_LATER
    assert states["flag"].tooltip == SPECS["flag"].tooltip


@pytest.mark.parametrize("session", [SUBMITTED, TERMINATED], ids=["submitted", "terminated"])
def test_an_ended_session_may_be_reviewed_and_exported_and_says_why_actions_are_off(session):
    states = button_states(session)
    assert enabled(states) == {"review", "export", "bundle"}
    assert {states[name].tooltip for name in ("flag", "warn", "terminate")} == {ENDED}
    assert states["review"].text == "Review…"


def test_a_paused_session_offers_to_resume_instead_of_pausing():
    states = button_states(replace(LIVE, paused=True, paused_reason="Fire alarm",
                                   paused_at=NOW))
    assert (states["pause"].text, states["pause"].enabled) == ("Resume", True)
    assert button_states(LIVE)["pause"].text == "Pause…"


def test_the_status_of_a_paused_session_says_it_is_paused():
    assert status_line(LIVE) == "Active"
    assert status_line(replace(LIVE, paused=True, paused_reason="Fire alarm",
                               paused_at=NOW)) == "Active — Paused"


def test_a_reviewed_session_offers_to_edit_its_review():
    assert button_states(REVIEWED)["review"].text == "Edit review…"
    assert button_states(REVIEWED)["review"].enabled


def test_a_sample_session_allows_nothing_and_says_it_is_read_only():
    states = button_states(SAMPLE)
    assert enabled(states) == set()
    assert {state.tooltip for state in states.values()} == {READ_ONLY}


def test_nothing_is_enabled_while_the_session_is_loading():
    assert enabled(button_states(None)) == set()


def test_export_is_off_while_a_report_is_written_and_review_while_it_is_saved():
    assert "export" not in enabled(button_states(SUBMITTED, exporting=True))
    assert button_states(SUBMITTED, exporting=True)["export"].tooltip == EXPORTING
    assert "review" not in enabled(button_states(SUBMITTED, saving_review=True))
    assert "review" in enabled(button_states(SUBMITTED, exporting=True))


def test_the_evidence_bundle_is_off_while_one_is_saved_and_the_report_stays_on():
    states = button_states(SUBMITTED, bundling=True)
    assert "bundle" not in enabled(states) and "export" in enabled(states)
    assert states["bundle"].tooltip == BUNDLING


# ---- facts in words ------------------------------------------------------------------------
@pytest.mark.parametrize("seconds_in", [0, 0.001, 0.5, 59.9, 60, 1799.5, 3599.0, 3599.999, 3600,
                                        3601, 7200])
def test_time_left_is_the_domain_rule_rounded_up(seconds_in):
    now = LIVE.started_at + timedelta(seconds=seconds_in)
    rule = remaining_seconds(LIVE.attempt_status, LIVE.deadline_at, now)
    assert time_left(LIVE, now) == rule
    assert time_left_words(LIVE, now) == (duration(rule) if rule else "Time is up")


def test_an_ended_session_has_no_time_left():
    assert time_left(SUBMITTED, NOW - timedelta(minutes=30)) == 0
    assert time_left_words(SUBMITTED, NOW) == "Ended"


def test_only_an_active_session_is_live():
    assert is_live(LIVE) and is_live(SAMPLE)
    assert not is_live(SUBMITTED) and not is_live(TERMINATED)


def test_the_empty_preview_says_why_there_is_no_snapshot():
    purged = EventDTO("e1", "s", "media_purged", None, NOW, "system")
    assert "deleted after the retention period" in no_snapshot_words(SUBMITTED, [purged])
    assert no_snapshot_words(LIVE, []).startswith("No snapshot yet")
    assert no_snapshot_words(SUBMITTED, []) == "This session has no snapshots."


def test_events_near_a_snapshot_are_those_within_the_window_either_side():
    events = [EventDTO(f"e{s}", "s", "focus_lost", None, NOW + timedelta(seconds=s), "kiosk")
              for s in (-31, -30, 0, 29, 31)]
    near = events_near(events, NOW, timedelta(seconds=30))
    assert [e.event_id for e in near] == ["e-30", "e0", "e29"]


# ---- navigation ----------------------------------------------------------------------------
def test_the_navigator_selects_the_newest_steps_and_follows_new_snapshots(
    fake_core, clock, fake_exam, fake_console_context, qtbot
):
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-5", "Lina Park")
    ids = []
    for i in range(3):
        clock.advance(30)
        ids.append(new_snapshot_id())
        fake_core.snapshots.record_snapshot(started.attempt_id, ids[-1],
                                            jpeg_bytes(160, 120, seed=i),
                                            captured_at=clock.now())
    model = GalleryModel(fake_console_context.tasks, started.proctor_session_id,
                         fake_console_context.center)
    timeline_model = TimelineModel()
    gallery, timeline = QListView(), QListView()
    qtbot.addWidget(gallery)
    qtbot.addWidget(timeline)
    gallery.setModel(model)
    timeline.setModel(timeline_model)
    navigator = GalleryNavigator(gallery, model, timeline, timeline_model)
    with qtbot.waitSignal(navigator.selected, timeout=5000) as first:
        model.fetchMore()
    assert first.args == [0]
    assert model.snapshot(0).snapshot_id == ids[-1]
    with qtbot.waitSignal(navigator.selected, timeout=5000) as stepped:
        qtbot.keyClick(gallery, Qt.Key.Key_Right)
    assert stepped.args == [1]
    navigator.go_first()
    newest = new_snapshot_id()
    with qtbot.waitSignal(navigator.selected, timeout=5000):
        clock.advance(30)
        fake_core.snapshots.record_snapshot(started.attempt_id, newest,
                                            jpeg_bytes(160, 120, seed=9),
                                            captured_at=clock.now())
        model.add_snapshot(newest)
    assert model.snapshot(navigator.current_row()).snapshot_id == newest
    model.close()


# ---- column widths -------------------------------------------------------------------------
@pytest.fixture
def pane(fake_core, fake_console_context, qtbot):
    model = GalleryModel(fake_console_context.tasks, "no-session", fake_console_context.center)
    preview = QLabel("preview")
    pane = EvidencePane(model, TimelineModel(), preview, fake_console_context.thumbnails)
    qtbot.addWidget(pane)
    return pane


def test_the_gallery_and_timeline_keep_their_width_and_the_preview_takes_the_rest(pane, qtbot):
    widths = []
    for width in (1300, 1500, 1200):
        pane.resize(width, 600)
        pane.show()
        qtbot.waitUntil(lambda w=width: sum(pane.column_widths()) + 2 * pane.handleWidth() == w)
        widths.append(pane.column_widths())
    assert [(g, t) for g, _p, t in widths] == [(GALLERY_WIDTH, TIMELINE_WIDTH)] * 3
    assert widths[1][1] - widths[0][1] == 200


def test_a_narrow_window_takes_width_from_the_timeline_first_then_the_gallery(pane, qtbot):
    pane.resize(GALLERY_WIDTH + TIMELINE_MIN_WIDTH + PREVIEW_COMFORT_WIDTH
                + 2 * pane.handleWidth(), 600)
    pane.show()
    qtbot.waitUntil(lambda: pane.column_widths()[2] == TIMELINE_MIN_WIDTH)
    assert pane.column_widths() == [GALLERY_WIDTH, PREVIEW_COMFORT_WIDTH, TIMELINE_MIN_WIDTH]
    pane.resize(GALLERY_MIN_WIDTH + TIMELINE_MIN_WIDTH + PREVIEW_COMFORT_WIDTH
                + 2 * pane.handleWidth(), 600)
    qtbot.waitUntil(lambda: pane.column_widths()[0] == GALLERY_MIN_WIDTH)
    assert pane.column_widths() == [GALLERY_MIN_WIDTH, PREVIEW_COMFORT_WIDTH, TIMELINE_MIN_WIDTH]
    pane.resize(GALLERY_MIN_WIDTH + TIMELINE_MIN_WIDTH + PREVIEW_MIN_WIDTH
                + 2 * pane.handleWidth(), 600)  # the narrowest: the preview gives way last
    qtbot.waitUntil(lambda: pane.column_widths()[1] == PREVIEW_MIN_WIDTH)
    assert pane.column_widths() == [GALLERY_MIN_WIDTH, PREVIEW_MIN_WIDTH, TIMELINE_MIN_WIDTH]


def test_a_column_width_the_proctor_dragged_is_kept_when_the_window_grows(pane, qtbot):
    pane.resize(1300, 600)
    pane.show()
    qtbot.waitUntil(lambda: pane.column_widths()[0] == GALLERY_WIDTH)
    handle = pane.handle(2)  # between the preview and the timeline
    pane.moveSplitter(handle.x() - 60, 2)
    dragged = pane.column_widths()
    assert dragged[2] == TIMELINE_WIDTH + 60
    pane.resize(1400, 600)
    qtbot.waitUntil(lambda: pane.column_widths()[1] == dragged[1] + 100)
    assert pane.column_widths()[2] == TIMELINE_WIDTH + 60


# ---- status banner -------------------------------------------------------------------------
def test_the_status_banner_shows_a_sentence_and_runs_its_button(qtbot):
    banner = StatusBanner()
    qtbot.addWidget(banner)
    assert banner.text == "" and banner.action_button is None
    clicks = []
    banner.show_message("Report saved to /x/r.pdf", "ok", ("Open folder", lambda: clicks.append(1)))
    assert banner.text == "Report saved to /x/r.pdf"
    assert banner.property("tone") == "ok"
    assert banner.action_button is not None and banner.action_button.text() == "Open folder"
    qtbot.mouseClick(banner.action_button, Qt.MouseButton.LeftButton)
    assert clicks == [1]
    banner.show_message("Export cancelled; no file was written.", "info")
    assert banner.action_button is None
    assert banner.property("tone") == "info"


# ---- review flow ---------------------------------------------------------------------------
def test_the_review_flow_saves_in_the_background_and_reports_the_reviewed_session(
    fake_core, clock, fake_exam, fake_console_context, qtbot
):
    started = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-6", "Omar Idris")
    parent = QLabel()
    qtbot.addWidget(parent)
    flow = ReviewFlow(fake_console_context.tasks, fake_console_context.center,
                      started.proctor_session_id,
                      parent)
    live = fake_core.proctoring.get_session_summary(started.proctor_session_id)
    assert flow.open_dialog(live) is None  # not while it runs
    clock.advance(600)
    fake_core.attempts.submit_attempt(started.attempt_id)
    ended = fake_core.proctoring.get_session_summary(started.proctor_session_id)
    dialog = flow.open_dialog(ended)
    assert dialog is not None and dialog.isVisible()
    dialog.choose("suspicious", "Looked away often")
    with qtbot.waitSignal(flow.saved, timeout=5000) as saved:
        dialog.accept()
        assert flow.is_saving
    assert saved.args[0].review_outcome == "suspicious"
    assert not flow.is_saving
    with qtbot.waitSignal(flow.failed, timeout=5000) as failed:
        flow.submit("no_such_outcome", "")
    assert failed.args[0]


# ---- export file names -----------------------------------------------------------------------
def test_exported_files_are_named_after_the_candidate_and_the_start_in_safe_characters():
    session = replace(LIVE, candidate_name="Zoë O'Brien / Room 4")
    stamp = session.started_at.astimezone().strftime("%Y%m%d-%H%M")
    assert file_stem(session) == f"Zo-O-Brien-Room-4-{stamp}"
    assert file_stem(replace(LIVE, candidate_name="ü")).startswith("session-")


def test_open_folder_points_at_the_folder_that_holds_the_file(tmp_path):
    assert folder_url(str(tmp_path / "r.pdf")) == QUrl.fromLocalFile(str(tmp_path.resolve()))


def test_the_report_facts_say_how_many_snapshots_the_center_did_not_analyse():
    quiet = dict(session_facts(LIVE, NOW))["Snapshots"]
    busy = dict(session_facts(replace(LIVE, frames_skipped=3), NOW))["Snapshots"]
    assert "not analysed" not in quiet
    assert busy.startswith(quiet) and "3 not analysed" in busy

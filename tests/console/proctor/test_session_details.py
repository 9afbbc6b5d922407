"""The session details window: header, gallery and preview, timeline, actions, review."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSize, Qt

from console.proctor.formatting import duration
from console.proctor.session_details.details_windows import DetailsWindows
from console.proctor.session_details.gallery_model import PAGE_SIZE, GalleryModel, analysis_badges
from console.proctor.session_details.timeline_model import (
    DetailRole,
    SourceRole,
    TimelineModel,
    TypeWordsRole,
)
from core.domain.lifecycle import remaining_seconds
from core.domain.records import SnapshotDTO
from tests.helpers import jpeg_bytes, new_snapshot_id

#: The offscreen platform has no window manager: it says so when a window is shown or raised.
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support (propagateSizeHints|raise)")


@pytest.fixture
def windows(fake_console_context, qtbot):
    registry = DetailsWindows.install(fake_console_context)
    yield registry
    registry.close_all()
    fake_console_context.tasks.wait_for_done()


@pytest.fixture
def started(fake_core, fake_exam):
    return fake_core.attempts.start_attempt(fake_exam.exam_id, "C-1", "Ann Lee")


def record_snapshots(fake_core, clock, attempt_id: str, count: int,
                     small: bool = False) -> list[str]:
    """``count`` real snapshots, one every 30 s of fake time; ids oldest first."""
    ids = []
    for i in range(count):
        clock.advance(30)
        snapshot_id = new_snapshot_id()
        data = jpeg_bytes(160, 120, seed=i) if small else jpeg_bytes(seed=i)
        fake_core.snapshots.record_snapshot(attempt_id, snapshot_id, data, captured_at=clock.now())
        ids.append(snapshot_id)
    return ids


def open_loaded(windows, qtbot, session_id: str):
    window = windows.open(session_id)
    qtbot.waitUntil(lambda: window.session is not None, timeout=5000)
    return window


def wait_for_rows(qtbot, window, rows: int) -> None:
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == rows, timeout=5000)


def shown_id(window):
    return window.preview.shown_snapshot_id


# ---- gallery -------------------------------------------------------------------------------
def test_the_gallery_lists_every_snapshot_newest_first(
    windows, fake_core, clock, started, qtbot, qtmodeltester
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, 5)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtmodeltester.check(window.gallery_model)
    wait_for_rows(qtbot, window, 5)
    listed = [window.gallery_model.snapshot(r).snapshot_id for r in range(5)]
    assert listed == list(reversed(ids))
    assert window.header.fact_text("snapshots") == "5"


def test_the_newest_snapshot_is_selected_and_shown_large_when_the_window_opens(
    windows, fake_core, clock, started, qtbot
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, 3)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtbot.waitUntil(lambda: shown_id(window) == ids[-1], timeout=5000)
    assert window.current_row() == 0
    image = window.preview.image_rect()
    assert image.width() / image.height() == pytest.approx(640 / 480, rel=0.02)
    assert "Captured" in window.preview.caption_text


def test_the_preview_scales_with_the_window_and_keeps_the_aspect_ratio(
    windows, fake_core, clock, started, qtbot
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, 1)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtbot.waitUntil(lambda: shown_id(window) == ids[0], timeout=5000)
    small = window.preview.image_rect()
    window.resize(window.width() + 300, window.height() + 200)
    qtbot.waitUntil(lambda: window.preview.image_rect().width() > small.width(), timeout=3000)
    large = window.preview.image_rect()
    assert large.width() / large.height() == pytest.approx(640 / 480, rel=0.02)


def test_a_snapshot_recorded_while_the_window_is_open_appears_first(
    windows, fake_core, clock, started, qtbot, qtmodeltester
):
    record_snapshots(fake_core, clock, started.attempt_id, 3)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtmodeltester.check(window.gallery_model)
    wait_for_rows(qtbot, window, 3)
    [newest] = record_snapshots(fake_core, clock, started.attempt_id, 1)
    wait_for_rows(qtbot, window, 4)
    assert window.gallery_model.snapshot(0).snapshot_id == newest
    # The proctor was watching the newest snapshot, so the preview follows the new one.
    qtbot.waitUntil(lambda: shown_id(window) == newest, timeout=5000)
    qtbot.waitUntil(lambda: window.header.fact_text("snapshots") == "4", timeout=5000)


def test_a_proctor_looking_at_an_older_snapshot_is_not_moved_by_a_new_one(
    windows, fake_core, clock, started, qtbot
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, 3)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    wait_for_rows(qtbot, window, 3)
    window.select_row(2)
    record_snapshots(fake_core, clock, started.attempt_id, 1)
    wait_for_rows(qtbot, window, 4)
    assert window.gallery_model.snapshot(window.current_row()).snapshot_id == ids[0]


def test_left_right_home_and_end_step_the_preview_through_the_snapshots(
    windows, fake_core, clock, started, qtbot
):
    ids = list(reversed(record_snapshots(fake_core, clock, started.attempt_id, 4)))  # newest first
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtbot.waitUntil(lambda: shown_id(window) == ids[0], timeout=5000)
    view = window.gallery_view
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: shown_id(window) == ids[1], timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: shown_id(window) == ids[2], timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: shown_id(window) == ids[1], timeout=5000)
    qtbot.keyClick(window.preview, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: shown_id(window) == ids[3], timeout=5000)
    qtbot.keyClick(window.preview, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: shown_id(window) == ids[0], timeout=5000)


def test_a_picture_decoded_after_the_selection_moved_on_is_not_shown(
    windows, fake_core, clock, started, qtbot, fake_console_context
):
    ids = list(reversed(record_snapshots(fake_core, clock, started.attempt_id, 5)))
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtbot.waitUntil(lambda: window.gallery_model.rowCount() == 5, timeout=5000)
    shown: list[str] = []
    window.preview.image_shown.connect(shown.append)
    for row in (1, 2, 3, 4):  # faster than the pictures decode
        window.select_row(row)
    qtbot.waitUntil(lambda: fake_console_context.tasks.pending_count == 0, timeout=5000)
    assert shown[-1] == ids[4]
    assert set(shown) <= {ids[0], ids[4]}  # never an intermediate, stale picture
    assert shown_id(window) == ids[4]


def test_the_arrow_keys_work_as_soon_as_the_window_opens(windows, fake_core, clock, started, qtbot):
    ids = list(reversed(record_snapshots(fake_core, clock, started.attempt_id, 2)))
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtbot.waitUntil(lambda: shown_id(window) == ids[0], timeout=5000)
    assert window.focusWidget() is window.gallery_view
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: shown_id(window) == ids[1], timeout=5000)


def test_stepping_past_the_loaded_page_loads_the_next_one(
    windows, fake_core, clock, started, qtbot
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, PAGE_SIZE + 5, small=True)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    wait_for_rows(qtbot, window, PAGE_SIZE)
    assert window.gallery_model.canFetchMore()
    window.select_row(PAGE_SIZE - 1)
    qtbot.keyClick(window.gallery_view, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: window.current_row() == PAGE_SIZE, timeout=5000)
    expected = list(reversed(ids))[PAGE_SIZE]
    assert window.gallery_model.snapshot(PAGE_SIZE).snapshot_id == expected


def test_end_selects_the_first_snapshot_of_a_long_session(
    windows, fake_core, clock, started, qtbot
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, PAGE_SIZE + 5, small=True)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    wait_for_rows(qtbot, window, PAGE_SIZE)
    window.gallery_view.setFocus()
    qtbot.keyClick(window.gallery_view, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: shown_id(window) == ids[0], timeout=5000)
    assert window.gallery_model.rowCount() == PAGE_SIZE + 5
    assert not window.gallery_model.canFetchMore()


def test_paging_keeps_snapshots_captured_at_the_same_instant(fake_core, clock, started,
                                                             fake_console_context,
                                                             qtbot, qtmodeltester):
    same_time = clock.advance(30)
    ids = set()
    for i in range(7):
        snapshot_id = new_snapshot_id()
        fake_core.snapshots.record_snapshot(started.attempt_id, snapshot_id,
                                            jpeg_bytes(160, 120, seed=i), captured_at=same_time)
        ids.add(snapshot_id)
    model = GalleryModel(fake_console_context.tasks, started.proctor_session_id,
                         fake_console_context.center,
                         page_size=3)
    qtmodeltester.check(model)
    while model.canFetchMore() or model.is_fetching:
        if model.canFetchMore():
            model.fetchMore()
        qtbot.waitUntil(lambda: not model.is_fetching, timeout=5000)
    assert {s.snapshot_id for s in model.snapshots()} == ids
    assert model.rowCount() == 7


def test_an_analysed_snapshot_shows_its_result_as_a_badge(
    windows, fake_core, clock, started, qtbot
):
    [snapshot_id] = record_snapshots(fake_core, clock, started.attempt_id, 1)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    wait_for_rows(qtbot, window, 1)
    assert window.gallery_model.snapshot(0).face_count is None
    fake_core.snapshots.record_analysis(snapshot_id, 0, ("no_face",),
                                        [("no_face", "No face in view")])
    qtbot.waitUntil(lambda: analysis_badges(window.gallery_model.snapshot(0)) == ("No face",),
                    timeout=5000)
    qtbot.waitUntil(lambda: "No face" in window.preview.nearby_text, timeout=5000)


@pytest.mark.parametrize(
    ("face_count", "analysis", "expected"),
    [
        (1, None, ()),
        (None, None, ()),
        (0, "no_face", ("No face",)),
        (2, "multiple_faces", ("2 faces",)),
        (3, "multiple_faces,frozen", ("3 faces", "Frozen")),
        (0, "too_dark", ("Too dark",)),
        (0, "camera_blocked", ("Blocked",)),
        (1, "looking_away", ("Looking away",)),
    ],
)
def test_analysis_results_read_as_short_badges(face_count, analysis, expected, clock):
    snapshot = SnapshotDTO(new_snapshot_id(), "s", clock.now(), clock.now(), 640, 480, 1000,
                           face_count, analysis)
    assert analysis_badges(snapshot) == expected


def test_thumbnails_fill_in_after_the_window_is_shown(
    windows, fake_core, clock, started, qtbot, fake_console_context
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, 3)
    open_loaded(windows, qtbot, started.proctor_session_id)
    size = QSize(160, 120)
    qtbot.waitUntil(lambda: all(fake_console_context.thumbnails.pixmap(i, size) is not None
                                for i in ids), timeout=5000)


def test_the_preview_lists_the_events_near_the_snapshot(windows, fake_core, clock, started, qtbot):
    [snapshot_id] = record_snapshots(fake_core, clock, started.attempt_id, 1)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost", "Alt+Tab to a browser",
                                          occurred_at=clock.now() - timedelta(seconds=10))
    clock.advance(600)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_regained")
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtbot.waitUntil(lambda: shown_id(window) == snapshot_id, timeout=5000)
    qtbot.waitUntil(lambda: "Left the exam window" in window.preview.nearby_text, timeout=5000)
    assert "Alt+Tab to a browser" in window.preview.nearby_text
    assert "Back in the exam window" not in window.preview.nearby_text


# ---- timeline ------------------------------------------------------------------------------
def test_the_timeline_lists_events_newest_first_with_words_detail_and_source(
    windows, fake_core, clock, started, qtbot, qtmodeltester
):
    clock.advance(60)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost", "Switched window")
    clock.advance(60)
    fake_core.proctoring.flag_session(started.proctor_session_id, "Looking away repeatedly",
                                      actor="Dana Lee")
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    model = window.timeline_model
    qtmodeltester.check(model)
    words = [model.index(r).data(TypeWordsRole) for r in range(model.rowCount())]
    assert words == ["Flagged by Dana Lee", "Left the exam window", "Session started"]
    assert model.index(1).data(DetailRole) == "Switched window"
    assert [model.index(r).data(SourceRole) for r in range(3)] == ["proctor", "kiosk", "system"]


def test_an_event_recorded_while_the_window_is_open_is_added_to_the_top(
    windows, fake_core, clock, started, qtbot
):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    assert window.timeline_model.rowCount() == 1
    window.timeline_view.setCurrentIndex(window.timeline_model.index(0))
    clock.advance(30)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "camera_denied", "Permission refused")
    qtbot.waitUntil(lambda: window.timeline_model.rowCount() == 2, timeout=5000)
    assert window.timeline_model.index(0).data(TypeWordsRole) == "Camera unavailable"
    # The event the proctor had selected stays selected.
    assert window.timeline_view.currentIndex().row() == 1


def test_timeline_model_inserts_new_events_without_a_reset(qtmodeltester, qtbot, clock):
    from core.domain.records import EventDTO

    def event(n: int) -> EventDTO:
        return EventDTO(f"e{n}", "s", "focus_lost", None, clock.now() + timedelta(seconds=n),
                        "kiosk")

    model = TimelineModel()
    qtmodeltester.check(model)
    model.set_events([event(2), event(1)])
    with qtbot.assertNotEmitted(model.modelReset):
        model.set_events([event(4), event(3), event(2), event(1)])
    assert [model.event_at(r).event_id for r in range(4)] == ["e4", "e3", "e2", "e1"]


def test_selecting_an_event_selects_the_nearest_snapshot_even_beyond_the_loaded_page(
    windows, fake_core, clock, started, qtbot
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, PAGE_SIZE + 10, small=True)
    # An event 5 s after the 3rd snapshot: its nearest snapshot is not on the first page.
    early = fake_core.proctoring.list_snapshots(started.proctor_session_id)[-3]
    assert early.snapshot_id == ids[2]
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost", "Early",
                                          occurred_at=early.captured_at + timedelta(seconds=5))
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    wait_for_rows(qtbot, window, PAGE_SIZE)
    model = window.timeline_model
    row = next(r for r in range(model.rowCount()) if model.index(r).data(DetailRole) == "Early")
    window.timeline_view.setCurrentIndex(model.index(row))
    qtbot.waitUntil(lambda: shown_id(window) == ids[2], timeout=5000)
    assert window.gallery_model.snapshot(window.current_row()).snapshot_id == ids[2]


def test_selecting_an_event_on_the_first_page_selects_its_nearest_snapshot(
    windows, fake_core, clock, started, qtbot
):
    ids = record_snapshots(fake_core, clock, started.attempt_id, 4)
    snapshots = fake_core.proctoring.list_snapshots(started.proctor_session_id)
    fake_core.attempts.record_kiosk_event(
        started.attempt_id, "focus_lost", "Middle",
        occurred_at=snapshots[2].captured_at - timedelta(seconds=12))
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    wait_for_rows(qtbot, window, 4)
    model = window.timeline_model
    row = next(r for r in range(model.rowCount()) if model.index(r).data(DetailRole) == "Middle")
    window.timeline_view.setCurrentIndex(model.index(row))
    # 12 s before snapshot #3 (newest first) is 18 s after snapshot #4: #3 is nearer.
    qtbot.waitUntil(lambda: shown_id(window) == snapshots[2].snapshot_id, timeout=5000)
    assert snapshots[2].snapshot_id == ids[1]


# ---- header --------------------------------------------------------------------------------
def test_the_header_shows_candidate_exam_status_times_risk_and_flag(
    windows, fake_core, clock, started, qtbot
):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    header = window.header
    assert header.fact_text("name") == "Ann Lee"
    assert "Algebra final" in header.fact_text("subtitle")
    assert header.fact_text("status") == "Active"
    assert header.fact_text("time_left") == "1:00:00"
    assert header.fact_text("flag") == ""
    fake_core.proctoring.flag_session(started.proctor_session_id, "Another person present",
                                      "left side")
    qtbot.waitUntil(lambda: "Another person present" in header.fact_text("flag"), timeout=5000)
    assert "left side" in header.fact_text("flag")
    assert header.fact_text("risk").endswith(window.session.risk_level.capitalize())


def test_the_header_says_when_the_kiosk_camera_is_off_and_when_it_is_back(
    windows, fake_core, started, qtbot
):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    header = window.header
    assert header.fact_text("camera") == ""
    fake_core.attempts.record_kiosk_event(started.attempt_id, "camera_denied", "in use elsewhere")
    qtbot.waitUntil(lambda: header.fact_text("camera").startswith("Camera off"), timeout=5000)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "camera_restored")
    qtbot.waitUntil(lambda: header.fact_text("camera") == "", timeout=5000)


def test_the_camera_banner_stays_for_a_late_frame_and_goes_when_a_new_frame_arrives(
    windows, fake_core, clock, started, qtbot
):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    header = window.header
    taken_before = clock.advance(5)
    clock.advance(5)
    fake_core.attempts.record_kiosk_event(started.attempt_id, "camera_denied", "in use elsewhere")
    qtbot.waitUntil(lambda: header.fact_text("camera").startswith("Camera off"), timeout=5000)
    fake_core.snapshots.record_snapshot(started.attempt_id, new_snapshot_id(), jpeg_bytes(),
                                        captured_at=taken_before)  # late, from the spool
    qtbot.wait(50)
    assert "newest snapshot was taken before that" in header.fact_text("camera")
    record_snapshots(fake_core, clock, started.attempt_id, 1)  # the restarted kiosk's frame
    qtbot.waitUntil(lambda: header.fact_text("camera") == "", timeout=5000)


def test_time_left_ticks_every_second_for_a_live_session(windows, clock, started, qtbot):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    assert window.header.fact_text("time_left") == "1:00:00"
    clock.advance(65)
    qtbot.waitUntil(lambda: window.header.fact_text("time_left") == "58:55", timeout=3000)


@pytest.mark.parametrize("elapsed", [0.4, 65.0, 65.7, 3599.2, 3600.0, 3725.0])
def test_the_header_shows_the_time_left_the_domain_rule_gives(
    windows, clock, started, qtbot, elapsed
):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    clock.advance(elapsed)
    session = window.session
    rule = remaining_seconds(session.attempt_status, session.deadline_at, clock.now())
    expected = duration(rule) if rule > 0 else "Time is up"
    qtbot.waitUntil(lambda: window.header.fact_text("time_left") == expected, timeout=3000)
    if 0 < elapsed < 1:
        assert expected == "1:00:00"  # the rule rounds up: a started second still counts


def test_an_ended_session_shows_when_it_ended_and_how_long_it_took(
    windows, fake_core, clock, started, qtbot
):
    clock.advance(20 * 60)
    fake_core.attempts.submit_attempt(started.attempt_id)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    assert window.header.fact_text("status") == "Completed — Submitted"
    assert window.header.fact_text("time_left") == "20:00"
    assert window.header.fact_text("ended") != "Running"


# ---- windows -------------------------------------------------------------------------------
def test_reopening_a_session_raises_its_window_and_other_sessions_get_their_own(
    windows, fake_core, fake_exam, started, qtbot, fake_console_context
):
    other = fake_core.attempts.start_attempt(fake_exam.exam_id, "C-2", "Ben Ortiz")
    first = fake_console_context.open_details(started.proctor_session_id)
    again = windows.open(started.proctor_session_id)
    second = windows.open(other.proctor_session_id)
    assert first is again
    assert second is not first
    assert first.isVisible() and second.isVisible()
    assert not first.isModal()
    assert sorted(windows.open_session_ids()) == sorted(
        [started.proctor_session_id, other.proctor_session_id])
    first.close()
    qtbot.waitUntil(lambda: windows.open_session_ids() == [other.proctor_session_id])
    reopened = windows.open(started.proctor_session_id)
    assert reopened is not first


def test_an_unknown_session_says_so_instead_of_showing_an_empty_window(windows, qtbot):
    window = windows.open("no-such-session")
    qtbot.waitUntil(lambda: window.header.fact_text("name") == "Session unavailable",
                    timeout=5000)
    assert not window.shows_gallery
    assert not window.button("export").isEnabled()


# ---- actions and samples -------------------------------------------------------------------
def test_actions_are_enabled_for_a_live_session(windows, started, qtbot):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    for name in ("flag", "warn", "terminate"):
        assert window.button(name).isEnabled(), name
    assert not window.button("review").isEnabled()


def test_actions_are_disabled_once_the_session_ends_while_open(windows, fake_core, started, qtbot):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    assert window.button("terminate").isEnabled()
    fake_core.proctoring.terminate_session(started.proctor_session_id, "Phone on the desk",
                                           actor="Dana Lee")
    qtbot.waitUntil(lambda: not window.button("terminate").isEnabled(), timeout=5000)
    for name in ("flag", "warn", "terminate"):
        assert not window.button(name).isEnabled(), name
    assert window.button("review").isEnabled()
    assert window.header.fact_text("status") == "Cancelled — Terminated by Dana Lee"


def test_a_sample_session_explains_itself_holds_no_gallery_and_allows_no_action(windows, qtbot):
    window = open_loaded(windows, qtbot, "sample-1")
    assert window.is_sample
    assert not window.shows_gallery
    assert window.gallery_model.rowCount() == 0
    for name in ("flag", "warn", "terminate", "review", "export"):
        assert not window.button(name).isEnabled(), name
    assert "sample" in window.header.fact_text("name").lower() or window.session.is_sample


# ---- review --------------------------------------------------------------------------------
def test_a_reviewer_marks_an_ended_session_reviewed_with_an_outcome_and_a_note(
    windows, fake_core, clock, started, qtbot
):
    clock.advance(600)
    fake_core.attempts.submit_attempt(started.attempt_id)
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    assert window.button("review").isEnabled()
    dialog = window.open_review_dialog()
    assert dialog is not None and dialog.isVisible()
    assert not dialog.save_button().isEnabled()  # an outcome must be chosen first
    dialog.choose("violation", "Phone visible at 09:04")
    with qtbot.waitSignal(window.review_saved, timeout=5000) as saved:
        qtbot.mouseClick(dialog.save_button(), Qt.MouseButton.LeftButton)
    assert saved.args == ["violation"]
    session = fake_core.proctoring.get_session_summary(started.proctor_session_id)
    assert (session.review_outcome, session.review_note) == ("violation", "Phone visible at 09:04")
    assert "Violation" in window.header.fact_text("review")
    assert "Phone visible" in window.header.fact_text("review")
    assert window.button("review").text() == "Edit review…"
    qtbot.waitUntil(lambda: str(window.timeline_model.index(0).data(TypeWordsRole))
                    .startswith("Reviewed by "), timeout=5000)


def test_a_live_session_cannot_be_reviewed_yet(windows, started, qtbot):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    assert not window.button("review").isEnabled()
    assert window.open_review_dialog() is None


def test_flag_from_the_details_window_flags_the_session_and_the_header_shows_it(
    windows, fake_core, started, qtbot
):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    qtbot.mouseClick(window.button("flag"), Qt.MouseButton.LeftButton)
    from console.proctor.actions import FlagDialog

    dialog = window.findChild(FlagDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reason_box.setCurrentText("Another person present")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Another person present" in window.header.fact_text("flag"),
                    timeout=5000)
    assert fake_core.proctoring.get_session_summary(started.proctor_session_id).is_flagged


# ---- window behaviour ----------------------------------------------------------------------
def test_escape_closes_the_details_window(windows, started, qtbot):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    with qtbot.waitSignal(window.closed, timeout=3000) as closed:
        qtbot.keyClick(window.gallery_view, Qt.Key.Key_Escape)
    assert closed.args == [started.proctor_session_id]
    assert windows.open_session_ids() == []


@pytest.mark.parametrize("width", [1100, 1340])
def test_the_columns_keep_their_widths_as_snapshots_arrive_and_the_selection_moves(
    windows, fake_core, clock, started, qtbot, width
):
    window = open_loaded(windows, qtbot, started.proctor_session_id)
    window.resize(width, 740)
    qtbot.waitUntil(lambda: window.evidence.width() > 0 and sum(window.column_widths())
                    + 2 * window.evidence.handleWidth() == window.evidence.width())
    before = window.column_widths()
    ids = record_snapshots(fake_core, clock, started.attempt_id, 6)
    for snapshot_id in ids:  # long captions, badges and event details
        fake_core.snapshots.record_analysis(
            snapshot_id, 3, ("multiple_faces", "frozen", "too_dark"),
            [("multiple_faces", "Three faces in view at the left edge of the picture " * 3)])
    fake_core.attempts.record_kiosk_event(started.attempt_id, "focus_lost",
                                          "Switched to a window with a very long title " * 4)
    qtbot.waitUntil(lambda: shown_id(window) == ids[-1], timeout=5000)
    qtbot.waitUntil(lambda: window.preview.caption_text.endswith("1 of 6, newest first"),
                    timeout=5000)
    assert window.column_widths() == before
    for row in (3, 5, 0):
        window.select_row(row)
        qtbot.waitUntil(lambda r=row: shown_id(window) == ids[-1 - r], timeout=5000)
        assert window.column_widths() == before, row

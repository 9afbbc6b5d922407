"""The kiosk window against a real server (system clock) with a test camera: joining, the first
snapshot, camera trouble, warnings, the end of the exam and focus signals."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from console.kiosk.exam.exam_page import format_remaining
from console.kiosk.kiosk_timings import KioskTimings
from core.client import ProctorClient
from core.domain.lifecycle import remaining_seconds
from tests.console.kiosk.kiosk_support import (
    FAST,
    FakeFrameSource,
    event_types,
    stored_snapshot_ids,
)

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def started(qtbot, window):
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=5000)
    return window.controller


def close_confirmed(window):
    """Close the window mid-exam as a candidate does: Alt+F4 (the window system's close request
    reaches ``ask_to_close``), then "Close the kiosk"."""
    window.ask_to_close()
    box = window.close_box
    assert box is not None and box.isVisible()
    leave = next(b for b in box.buttons() if b.text() == "Close the kiosk")
    leave.click()
    assert not window.isVisible()


def session_of(server, window):
    return server.core.proctoring.get_session(window.controller.attempt.proctor_session_id)


# ---- joining -------------------------------------------------------------------------------------
def test_joining_through_the_form_makes_the_session_active_with_a_snapshot_within_3_seconds(
        qtbot, server, kiosk_exam, open_kiosk):
    # Real default timings for the camera and first snapshot: the 3-second promise is the product's.
    timings = KioskTimings(heartbeat_seconds=0.5)
    window = open_kiosk(server.url, server.core.config.kiosk_key, timings=timings)
    form = window.join_page
    assert window.pages.currentWidget() is form
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    assert form.exam_combo.currentText().startswith("Algebra final")
    qtbot.keyClicks(form.ref_edit, "C-1042")
    qtbot.keyClicks(form.name_edit, "Ada Lovelace")

    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=5000)
    shown_at = time.monotonic()
    qtbot.waitUntil(lambda: session_of(server, window).session.snapshot_count >= 1, timeout=3000)
    assert time.monotonic() - shown_at < 3.0

    session = session_of(server, window).session
    assert session.status == "active"
    assert (session.candidate_ref, session.candidate_name) == ("C-1042", "Ada Lovelace")
    assert window.exam_page.timer.text() in {"59:59", "59:58", "59:57", "1:00:00"}
    qtbot.waitUntil(lambda: window.exam_page.sent_value.text() == "1", timeout=2000)
    assert window.exam_page.preview.is_showing_picture


def test_the_join_form_says_when_the_kiosk_key_is_wrong(qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, "not-the-key")
    message = window.join_page.message
    qtbot.waitUntil(lambda: "kiosk key" in message.text() and message.property("kind") == "error",
                    timeout=5000)
    assert window.join_page.exam_combo.count() == 0


def test_the_join_form_says_when_the_server_cannot_be_reached(qtbot, open_kiosk):
    window = open_kiosk("http://127.0.0.1:9", "any-key")  # port 9: nothing listens there
    qtbot.waitUntil(lambda: "cannot be reached" in window.join_page.message.text(), timeout=5000)


def test_the_join_form_asks_for_what_is_missing(qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key)
    form = window.join_page
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    assert form.message.text() == "Enter your candidate ID and your full name to start."
    assert window.controller.attempt is None


def test_a_provisioned_kiosk_starts_at_once_and_a_restart_resumes_the_same_attempt(
        qtbot, server, kiosk_exam, open_kiosk):
    key = server.core.config.kiosk_key
    first = open_kiosk(server.url, key, kiosk_exam.exam_id)
    attempt_id = started(qtbot, first).attempt_id
    session_id = first.controller.attempt.proctor_session_id
    assert first.pages.currentWidget() is first.exam_page
    close_confirmed(first)  # closing the kiosk mid-exam is reported at once
    details = {e.type: (e.detail, e.detail_code)
               for e in server.core.proctoring.get_session(session_id).events}
    assert details["focus_lost"] == ("The kiosk window was closed during the exam.",
                                     "kiosk_window_closed")
    assert details["kiosk_closed"] == ("The candidate closed the kiosk during the exam.",
                                       "kiosk_closed_by_candidate")

    again = open_kiosk(server.url, key, kiosk_exam.exam_id)
    assert started(qtbot, again).attempt_id == attempt_id
    assert [s.attempt_id for s in server.core.proctoring.list_sessions("all")] == [attempt_id]
    qtbot.waitUntil(lambda: "focus_regained" in event_types(server.core, session_id),
                    timeout=5000)
    assert server.core.proctoring.get_session(session_id).session.status == "active"


# ---- camera --------------------------------------------------------------------------------------
def test_a_camera_that_cannot_open_shows_a_banner_with_retry_and_is_recorded_as_camera_denied(
        qtbot, server, kiosk_exam, open_kiosk):
    camera = FakeFrameSource(breaks_after_the_check=True)
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        source=camera)
    banner = window.exam_page.camera_banner
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert banner.title.text() == "The camera is not working"
    assert "refused to open" in banner.text.text()
    assert banner.button.isVisible() and banner.button.text() == "Retry camera"
    session_id = window.controller.attempt.proctor_session_id
    qtbot.waitUntil(lambda: "camera_denied" in event_types(server.core, session_id), timeout=5000)

    camera.is_openable = True
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: session_of(server, window).session.snapshot_count >= 1, timeout=5000)
    timeline = event_types(server.core, window.controller.attempt.proctor_session_id)
    qtbot.waitUntil(lambda: "camera_restored" in event_types(
        server.core, window.controller.attempt.proctor_session_id), timeout=5000)
    timeline = event_types(server.core, window.controller.attempt.proctor_session_id)
    assert timeline.index("camera_denied") < timeline.index("camera_restored")
    assert timeline.count("camera_denied") == 1


def test_retrying_a_camera_that_still_fails_keeps_the_banner_and_records_no_second_denial(
        qtbot, server, kiosk_exam, open_kiosk):
    camera = FakeFrameSource(breaks_after_the_check=True)
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        source=camera)
    banner = window.exam_page.camera_banner
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    qtbot.mouseClick(banner.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: camera.open_count == 3, timeout=5000)  # the check, the exam, retry
    qtbot.waitUntil(lambda: window.controller.uploads.spool.pending_event_count() == 0,
                    timeout=5000)
    assert banner.isVisible()
    timeline = event_types(server.core, window.controller.attempt.proctor_session_id)
    assert timeline.count("camera_denied") == 1


def test_a_camera_that_stops_sending_frames_mid_exam_is_treated_as_denied(
        qtbot, server, kiosk_exam, open_kiosk):
    camera = FakeFrameSource()
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        source=camera)
    qtbot.waitUntil(lambda: window.controller.view().uploaded_count >= 1, timeout=5000)
    assert not window.exam_page.camera_banner.isVisible()

    camera.is_delivering = False
    qtbot.waitUntil(window.exam_page.camera_banner.isVisible, timeout=5000)
    assert "stopped sending pictures" in window.exam_page.camera_banner.text.text()
    session_id = window.controller.attempt.proctor_session_id
    qtbot.waitUntil(lambda: "camera_denied" in event_types(server.core, session_id), timeout=5000)


# ---- warnings ------------------------------------------------------------------------------------
def test_a_warning_from_the_proctor_is_shown_and_acknowledged_on_the_server(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    session_id = started(qtbot, window).attempt.proctor_session_id
    server.admin().warn_session(session_id, "Please look at your own screen.")

    panel = window.warning_panel
    qtbot.waitUntil(panel.isVisible, timeout=5000)
    assert panel.title.text() == "Please look at your own screen."
    assert panel.accept_button.text() == "I understand"
    assert server.core.proctoring.get_session(session_id).warnings[0].acknowledged_at is None

    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    qtbot.waitUntil(lambda: server.core.proctoring.get_session(session_id)
                    .warnings[0].acknowledged_at is not None, timeout=5000)
    assert "warning_acknowledged" in event_types(server.core, session_id)


def test_two_warnings_are_shown_one_after_the_other(qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    session_id = started(qtbot, window).attempt.proctor_session_id
    admin = server.admin()
    admin.warn_session(session_id, "First: face the camera.")
    admin.warn_session(session_id, "Second: no phones.")
    panel = window.warning_panel
    qtbot.waitUntil(lambda: panel.isVisible() and panel.title.text().startswith("First"),
                    timeout=5000)
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert panel.isVisible() and panel.title.text() == "Second: no phones."
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()
    qtbot.waitUntil(lambda: all(w.acknowledged_at for w in
                                server.core.proctoring.get_session(session_id).warnings),
                    timeout=5000)


# ---- the end -------------------------------------------------------------------------------------
def test_terminating_the_session_shows_the_end_screen_and_stops_the_camera(
        qtbot, server, kiosk_exam, open_kiosk):
    camera = FakeFrameSource()
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        source=camera)
    qtbot.waitUntil(lambda: window.controller.view().uploaded_count >= 1, timeout=5000)
    session_id = window.controller.attempt.proctor_session_id
    server.admin().terminate_session(session_id, "Phone on the desk")

    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page, timeout=5000)
    assert window.end_page.title.text() == "Your exam was ended by the proctor"
    assert "invigilator" in window.end_page.text.text()
    assert not camera.is_open
    assert not window.controller.camera.worker.is_running
    assert not window.controller.uploads.worker.is_running
    count = server.core.proctoring.get_session(session_id).session.snapshot_count
    window.controller.capture_snapshot()  # capture is disabled now: nothing is taken
    assert window.controller.uploads.spool.pending_snapshot_count() == 0
    assert server.core.proctoring.get_session(session_id).session.snapshot_count == count


def test_an_upload_refused_because_the_attempt_ended_empties_the_spool_and_ends_the_exam(
        qtbot, server, kiosk_exam, open_kiosk):
    # A slow heartbeat: the kiosk learns of the termination from its next upload (409).
    timings = KioskTimings(**{**FAST.__dict__, "heartbeat_seconds": 600})
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        timings=timings)
    qtbot.waitUntil(lambda: window.controller.view().uploaded_count >= 1, timeout=5000)
    server.admin().terminate_session(window.controller.attempt.proctor_session_id, "Ended")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page, timeout=5000)
    assert window.controller.ended_status == "terminated"
    assert window.controller.uploads.spool.pending_snapshot_count() == 0


def test_submitting_after_confirming_completes_the_session(qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.view().uploaded_count >= 1, timeout=5000)
    qtbot.mouseClick(window.exam_page.submit_button, Qt.MouseButton.LeftButton)
    confirm = window.confirm_panel
    assert confirm.isVisible() and confirm.title.text() == "Hand in your exam now?"

    qtbot.mouseClick(confirm.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page, timeout=5000)
    assert window.end_page.title.text() == "Your exam was submitted"
    session = session_of(server, window).session
    assert (session.status, session.attempt_status) == ("completed", "submitted")
    assert session.ended_at is not None


def test_keep_working_in_the_confirmation_does_not_submit(qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    started(qtbot, window)
    qtbot.mouseClick(window.exam_page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.confirm_panel.reject_button, Qt.MouseButton.LeftButton)
    assert not window.confirm_panel.isVisible()
    assert window.pages.currentWidget() is window.exam_page
    assert session_of(server, window).session.status == "active"


def test_when_time_runs_out_the_exam_ends_as_expired(qtbot, server, open_kiosk):
    exam = server.admin().create_exam("Quick quiz", duration_seconds=2,
                                      snapshot_interval_seconds=30)
    window = open_kiosk(server.url, server.core.config.kiosk_key, exam.exam_id)
    started(qtbot, window)
    assert window.exam_page.timer.text() in {"00:02", "00:01", "00:00"}
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page, timeout=6000)
    assert window.end_page.title.text() == "Time is up"
    session = session_of(server, window).session
    assert (session.status, session.attempt_status) == ("completed", "expired")
    assert session.snapshot_count >= 1  # even a two-second attempt has evidence


# ---- focus ---------------------------------------------------------------------------------------
def test_leaving_the_window_sends_focus_lost_and_coming_back_sends_focus_regained(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    session_id = started(qtbot, window).attempt.proctor_session_id
    app = QApplication.instance()

    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    qtbot.waitUntil(lambda: "focus_lost" in event_types(server.core, session_id), timeout=5000)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    qtbot.waitUntil(lambda: "focus_regained" in event_types(server.core, session_id),
                    timeout=5000)
    timeline = event_types(server.core, session_id)
    assert timeline.count("focus_lost") == 1 and timeline.count("focus_regained") == 1
    # Each goes with its sentence's code and values, for a proctor reading another language.
    said = {e.type: e for e in server.core.proctoring.get_session(session_id).events}
    lost, back = said["focus_lost"], said["focus_regained"]
    assert (lost.detail, lost.detail_code, lost.detail_params) == (
        "The exam window lost focus.", "kiosk_focus_lost", {})
    assert back.detail_code == "kiosk_back_in_exam_window"
    away = back.detail_params["away_seconds"]
    assert isinstance(away, int) and back.detail == f"Back in the exam window after {away} s."


def test_a_blink_out_of_the_window_is_not_reported(qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    controller = started(qtbot, window)
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert controller.uploads.spool.pending_event_count() == 0
    assert not controller.focus.is_debouncing
    assert "focus_lost" not in event_types(server.core, controller.attempt.proctor_session_id)


def test_snapshots_on_the_server_are_the_ones_the_kiosk_took(qtbot, server, kiosk_exam,
                                                             open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    taken: list[str] = []
    window.controller.snapshot_captured.connect(taken.append)
    qtbot.waitUntil(lambda: window.controller.view().uploaded_count >= 3, timeout=6000)
    session_id = window.controller.attempt.proctor_session_id
    stored = stored_snapshot_ids(server.core, session_id)
    assert set(stored) <= set(taken) and len(stored) >= 3
    image = server.admin().read_image(stored[0])
    assert image[:3] == b"\xff\xd8\xff"
    assert server.core.proctoring.list_snapshots(session_id)[0].width == 640


def test_an_exam_without_proctoring_runs_without_the_camera(qtbot, server, open_kiosk):
    exam = server.admin().create_exam("Open-book essay", duration_seconds=3600,
                                      proctoring_enabled=False)
    camera = FakeFrameSource()
    window = open_kiosk(server.url, server.core.config.kiosk_key, exam.exam_id, source=camera)
    controller = started(qtbot, window)
    assert controller.attempt.proctor_session_id is None
    assert controller.camera is None and camera.open_count == 0
    assert "not proctored" in window.exam_page.instructions.text()
    assert window.exam_page.ends_at.text().startswith("The exam ends at ")
    qtbot.mouseClick(window.exam_page.submit_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(window.confirm_panel.accept_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page, timeout=5000)
    assert window.end_page.title.text() == "Your exam was submitted"


# ---- time left -----------------------------------------------------------------------------------
def test_the_time_left_shown_is_the_cores_rule_for_the_same_attempt_and_instant(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    controller = started(qtbot, window)
    with ProctorClient(server.url, controller.attempt.token) as kiosk:
        state = kiosk.get_attempt(controller.attempt_id)
    for _ in range(3):
        before = controller.clock.now()
        controller.clock.tick()
        after = controller.clock.now()
        shown = window.exam_page.timer.text()
        assert shown in {format_remaining(remaining_seconds(state.status, state.deadline_at, now))
                         for now in (before, after)}
        qtbot.wait(400)


# ---- closing -------------------------------------------------------------------------------------
def test_closing_mid_exam_asks_first_and_enter_or_space_keep_the_exam_open(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    controller = started(qtbot, window)
    window.ask_to_close()  # what Alt+F4 or the title bar's close button lead to
    box = window.close_box
    assert box.isVisible() and box.text() == "Your exam is still running."
    assert "the proctor will see that the kiosk was closed" in box.informativeText()
    stay = box.defaultButton()
    assert stay.text() == "Keep the exam open" and box.focusWidget() is stay

    qtbot.keyClick(stay, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.close_box is None, timeout=2000)
    window.ask_to_close()
    qtbot.keyClick(window.close_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.close_box is None, timeout=2000)

    assert window.isVisible() and controller.is_exam_running
    assert controller.uploads.spool.pending_event_count() == 0
    assert "kiosk_closed" not in event_types(server.core, controller.attempt.proctor_session_id)


def test_after_the_exam_ended_the_kiosk_closes_without_asking(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    controller = started(qtbot, window)
    server.admin().terminate_session(controller.attempt.proctor_session_id, "Ended")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.end_page, timeout=5000)
    window.ask_to_close()
    assert window.close_box is None and not window.isVisible()
    assert "kiosk_closed" not in event_types(server.core, controller.attempt.proctor_session_id)


def test_a_programs_close_mid_exam_is_not_held_up_by_the_question(
        qtbot, server, kiosk_exam, open_kiosk):
    # SIGTERM closes the windows from the program; asking would make the application refuse
    # to quit.
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    controller = started(qtbot, window)
    window.close()
    assert window.close_box is None and not window.isVisible()
    session_id = controller.attempt.proctor_session_id
    assert "focus_lost" in event_types(server.core, session_id)
    assert "kiosk_closed" not in event_types(server.core, session_id)

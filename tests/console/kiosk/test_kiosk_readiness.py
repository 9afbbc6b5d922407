"""The readiness check on the join form, against a real server: the camera (the setting as
typed, a device that is not there), the center, the spool folder and the clock; the attempt
starts only when no line is NOT READY."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from console.kiosk.joining.readiness_check import NOT_READY, READY, WARNING
from tests.console.kiosk.kiosk_support import FAST

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def checked(qtbot, window):
    """The report once the check has answered."""
    panel = window.join_page.readiness
    qtbot.waitUntil(lambda: panel.report is not None, timeout=10000)
    return panel.report


def sessions(server):
    return server.core.proctoring.list_sessions("all")


def test_a_camera_setting_with_a_typo_is_not_ready_and_no_attempt_starts(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        camera="synthetc")
    report = checked(qtbot, window)
    assert report.level == NOT_READY
    camera = report.line("camera")
    assert camera.level == NOT_READY
    assert "'synthetc' names no camera" in camera.text
    assert "Did you mean 'synthetic'?" in camera.todo
    assert report.line("center").level == READY and report.line("spool").level == READY
    assert window.join_page.readiness.verdict.text() == "NOT READY"
    assert "synthetc" in window.join_page.readiness.line_texts()["camera"]
    form = window.join_page
    assert form.message.text() == (f"Not ready, so the exam has not started. {camera.text} What "
                                   "to do is on the left; then press Start exam again.")
    assert camera.todo in window.join_page.readiness.line_texts()["camera"]
    assert form.start_button.isEnabled()  # to check again once the setting is mended
    assert window.pages.currentWidget() is form
    assert window.controller.attempt is None and sessions(server) == []


def test_a_camera_device_that_is_not_there_is_not_ready_before_any_attempt(
        qtbot, server, kiosk_exam, open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        camera="9")
    camera = checked(qtbot, window).line("camera")
    assert camera.level == NOT_READY
    assert camera.text.startswith("Camera 9 could not be opened.")
    assert "plugged in" in camera.todo
    assert sessions(server) == []


def test_a_ready_kiosk_shows_every_line_ready_and_starts_the_exam(qtbot, server, kiosk_exam,
                                                                   open_kiosk):
    window = open_kiosk(server.url, server.core.config.kiosk_key, camera="synthetic")
    form = window.join_page
    qtbot.waitUntil(lambda: form.exam_combo.count() == 1, timeout=5000)
    qtbot.keyClicks(form.ref_edit, "C-1042")
    qtbot.keyClicks(form.name_edit, "Ada Lovelace")
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    report = checked(qtbot, window)
    assert [(line.name, line.level) for line in report.lines] == [
        ("camera", READY), ("center", READY), ("spool", READY), ("clock", READY)]
    assert "synthetic test picture gives a picture (640x480)" in report.line("camera").text
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=5000)
    assert len(sessions(server)) == 1


def test_a_kiosk_clock_five_minutes_ahead_is_a_warning_that_says_what_to_do_and_the_exam_starts(
        qtbot, server, kiosk_exam, open_kiosk):
    def ahead() -> datetime:
        return datetime.now(UTC) + timedelta(minutes=5)

    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        wall=ahead)
    report = checked(qtbot, window)
    assert report.level == WARNING
    clock = report.line("clock")
    assert clock.level == WARNING
    assert clock.text in {"This computer's clock is 5 min ahead of the center's.",
                          "This computer's clock is 4 min 59 s ahead of the center's.",
                          "This computer's clock is 5 min 1 s ahead of the center's."}
    assert "not affected" in clock.todo and "invigilator" in clock.todo
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=5000)
    assert window.join_page.readiness.verdict.text() == "WARNING"


def test_a_spool_folder_that_cannot_be_written_is_not_ready(qtbot, server, kiosk_exam,
                                                            open_kiosk, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        spool=blocked / "spool")
    spool = checked(qtbot, window).line("spool")
    assert spool.level == NOT_READY
    assert spool.text.startswith(f"Snapshots cannot be kept in {blocked / 'spool'}")
    assert "--spool-dir" in spool.todo
    assert sessions(server) == []


def test_a_disk_without_room_for_the_spool_is_not_ready(qtbot, server, kiosk_exam, open_kiosk):
    import dataclasses

    greedy = dataclasses.replace(FAST, spool_min_free_bytes=1 << 60)  # more than any disk
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id,
                        timings=greedy)
    spool = checked(qtbot, window).line("spool")
    assert spool.level == NOT_READY
    assert spool.text.startswith("Only ") and "free on the disk that keeps snapshots" in spool.text
    assert sessions(server) == []


def test_a_provisioned_kiosk_whose_center_is_away_is_not_ready_then_starts_when_it_answers(
        qtbot, restartable_server, open_kiosk):
    exam = restartable_server.admin().create_exam("Algebra final", duration_seconds=3600)
    url, key = restartable_server.url, restartable_server.core.config.kiosk_key
    restartable_server.stop()
    window = open_kiosk(url, key, exam.exam_id)
    report = checked(qtbot, window)
    assert report.line("center").level == NOT_READY
    assert report.line("center").text == f"The exam center at {url} cannot be reached."
    assert report.line("clock").level == WARNING  # not compared, said so
    qtbot.waitUntil(lambda: "Trying again every" in window.join_page.message.text(),
                    timeout=5000)
    restartable_server.start()
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=10000)
    assert window.join_page.readiness.report.level == READY


def test_an_unproctored_exam_never_opens_the_camera_in_the_check(qtbot, server, open_kiosk,
                                                                  tmp_path):
    exam = server.admin().create_exam("Open-book essay", duration_seconds=3600,
                                      proctoring_enabled=False)
    window = open_kiosk(server.url, server.core.config.kiosk_key, exam.exam_id,
                        camera=str(Path(tmp_path) / "no-such-video.mp4"))
    camera = checked(qtbot, window).line("camera")
    assert (camera.level, camera.text) == (READY, "Camera not needed: this exam is not "
                                                  "proctored.")
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=5000)

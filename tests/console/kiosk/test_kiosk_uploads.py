"""Uploads that never fail silently: the server going away mid-exam, a server that answers but
cannot store, and frames waiting on disk across a restart of the kiosk."""

from __future__ import annotations

import shutil

import pytest

from core.media.store import SNAPSHOT_DIR
from tests.console.kiosk.kiosk_support import event_types, stored_snapshot_ids

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_when_the_server_stops_mid_exam_frames_are_spooled_and_all_arrive_once_when_it_is_back(
        qtbot, restartable_server, open_kiosk):
    server = restartable_server
    core = server.core
    exam = server.admin().create_exam("Physics", duration_seconds=3600)
    window = open_kiosk(server.url, core.config.kiosk_key, exam.exam_id)
    controller = window.controller
    taken: list[str] = []
    controller.snapshot_captured.connect(taken.append)
    qtbot.waitUntil(lambda: controller.view().uploaded_count >= 1, timeout=5000)
    session_id = controller.attempt.proctor_session_id

    server.stop()
    banner = window.exam_page.connection_banner
    qtbot.waitUntil(banner.isVisible, timeout=5000)
    assert banner.title.text() == "No connection to the exam server"
    assert window.exam_page.connection_chip.text().endswith("Offline")
    qtbot.waitUntil(lambda: controller.uploads.spool.pending_snapshot_count() >= 3, timeout=5000)
    waiting_while_down = {item.snapshot_id for item in controller.uploads.spool.pending_snapshots()}
    assert "kept on this computer" in banner.text.text()
    assert not window.exam_page.upload_banner.isVisible()  # one banner says it all

    server.start()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: waiting_while_down <= set(stored_snapshot_ids(core, session_id)),
                    timeout=8000)
    stored = stored_snapshot_ids(core, session_id)
    assert len(stored) == len(set(stored))  # each frame exactly once
    assert set(stored) <= set(taken)
    # The session's count agrees with the frames kept. The kiosk goes on uploading, so the two
    # reads may straddle a new frame; a frame counted twice would never agree.
    qtbot.waitUntil(lambda: core.proctoring.get_session(session_id).session.snapshot_count
                    == len(stored_snapshot_ids(core, session_id)), timeout=5000)
    # The outage is on the timeline too, sent once the server was back.
    qtbot.waitUntil(lambda: "upload_failed" in event_types(core, session_id), timeout=5000)


def test_frames_spooled_before_the_kiosk_closed_are_sent_after_it_restarts(
        qtbot, restartable_server, open_kiosk, spool_dir):
    server = restartable_server
    core = server.core
    exam = server.admin().create_exam("Chemistry", duration_seconds=3600)
    first = open_kiosk(server.url, core.config.kiosk_key, exam.exam_id)
    qtbot.waitUntil(lambda: first.controller.view().uploaded_count >= 1, timeout=5000)
    attempt_id = first.controller.attempt_id
    session_id = first.controller.attempt.proctor_session_id

    server.stop()
    qtbot.waitUntil(lambda: first.controller.uploads.spool.pending_snapshot_count() >= 2,
                    timeout=5000)
    first.shutdown()  # as on SIGTERM: threads stopped, the spool kept
    first.close()
    left_behind = {p.name.split("-", 1)[1][:-4]
                   for p in (spool_dir / attempt_id / "snapshots").glob("*.jpg")}
    assert len(left_behind) >= 2
    assert not left_behind & set(stored_snapshot_ids(core, session_id))

    server.start()
    again = open_kiosk(server.url, core.config.kiosk_key, exam.exam_id)
    qtbot.waitUntil(lambda: again.controller.attempt_id == attempt_id, timeout=5000)
    qtbot.waitUntil(lambda: left_behind <= set(stored_snapshot_ids(core, session_id)),
                    timeout=8000)
    stored = stored_snapshot_ids(core, session_id)
    assert len(stored) == len(set(stored))


def test_uploads_a_running_server_cannot_store_show_a_toast_then_a_banner_until_they_work_again(
        qtbot, server, kiosk_exam, open_kiosk):
    core = server.core
    window = open_kiosk(server.url, core.config.kiosk_key, kiosk_exam.exam_id)
    controller = window.controller
    qtbot.waitUntil(lambda: controller.view().uploaded_count >= 1, timeout=5000)
    session_id = controller.attempt.proctor_session_id
    before = core.proctoring.get_session(session_id).session.snapshot_count

    # A real fault on the server: its snapshot folder is replaced by a file (every write fails).
    media = core.config.media_root / SNAPSHOT_DIR
    parked = core.config.media_root / "parked"
    shutil.move(str(media), str(parked))
    media.write_text("not a folder")
    try:
        qtbot.waitUntil(lambda: window.toast.isVisible()
                        and "could not be sent" in window.toast.text(), timeout=5000)
        banner = window.exam_page.upload_banner
        qtbot.waitUntil(banner.isVisible, timeout=5000)
        assert banner.title.text() == "Snapshots are not reaching the server"
        assert "error 500" in banner.text.text()
        assert not window.exam_page.connection_banner.isVisible()  # the server does answer
        qtbot.waitUntil(lambda: "upload_failed" in event_types(core, session_id), timeout=5000)
        assert controller.view().pending_snapshots >= 1
        assert core.proctoring.get_session(session_id).session.snapshot_count == before
        sent_before_repair = window.exam_page.sent_value.text()
        assert sent_before_repair == str(controller.view().uploaded_count)  # "sent" only counts 2xx
    finally:
        media.unlink()
        shutil.move(str(parked), str(media))

    qtbot.waitUntil(lambda: not window.exam_page.upload_banner.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: controller.uploads.spool.pending_snapshot_count() == 0, timeout=5000)
    assert core.proctoring.get_session(session_id).session.snapshot_count > before


def test_a_provisioned_kiosk_started_before_its_server_joins_as_soon_as_the_server_is_up(
        qtbot, restartable_server, open_kiosk):
    server = restartable_server
    exam = server.admin().create_exam("Biology", duration_seconds=3600)
    server.stop()
    window = open_kiosk(server.url, server.core.config.kiosk_key, exam.exam_id)
    message = window.join_page.message
    qtbot.waitUntil(lambda: "cannot be reached" in message.text()
                    and "Trying again" in message.text(), timeout=5000)
    assert window.pages.currentWidget() is window.join_page
    assert not window.join_page.start_button.isEnabled()  # it is retrying on its own

    server.start()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.exam_page, timeout=5000)
    qtbot.waitUntil(lambda: window.controller.view().uploaded_count >= 1, timeout=5000)

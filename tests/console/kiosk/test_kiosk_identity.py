"""A kiosk whose pinned center presents another identity, at the join or in the middle of the
exam, over real HTTPS servers: it shows the red page with the sentence that says what to do,
sends nothing to that server, and keeps its snapshots on this computer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from console.kiosk.joining.identity_page import KEPT_TEXT, NOT_JOINED_TEXT
from console.kiosk.uploads.upload_spool import UploadSpool
from console.kiosk.uploads.upload_worker import UploadWorker
from core.client import ProctorClient, remember_pin
from core.config import CoreConfig
from core.net.pinning import WHAT_TO_DO
from tests.console.kiosk.kiosk_support import FAST, event_types, stored_snapshot_ids, tls_center
from tests.core.api.tls_support import TlsServer
from tests.helpers import jpeg_bytes

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def center(config) -> Iterator[TlsServer]:
    with tls_center(config) as server:
        yield server


@pytest.fixture
def center_exam(center):
    return center.core.exams.create_exam("Algebra final", duration_seconds=3600,
                                         snapshot_interval_seconds=30)


def other_fingerprint(center: TlsServer) -> str:
    real = center.certificates.fingerprint
    return ("ab" * 32) if real != "ab" * 32 else ("cd" * 32)


def test_a_kiosk_pinned_with_another_fingerprint_shows_the_identity_page_and_starts_nothing(
        qtbot, center, center_exam, open_kiosk):
    remember_pin(center.url, other_fingerprint(center))

    window = open_kiosk(center.url, center.core.config.kiosk_key, center_exam.exam_id)

    page = window.identity_page
    qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=5000)
    assert page.title.text() == "This is not your exam center"
    assert "The center's identity changed" in page.text.text()
    assert WHAT_TO_DO in page.text.text()
    assert page.details.text() == NOT_JOINED_TEXT
    assert window.controller.attempt is None
    assert center.core.proctoring.list_sessions("all") == []

    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)  # to enrol anew
    assert window.pages.currentWidget() is window.join_page
    assert window.join_page.start_button.isEnabled()
    assert window.join_page.server_edit.text() == center.url


def test_a_center_replaced_mid_exam_gets_nothing_and_the_kiosk_keeps_its_snapshots(
        qtbot, center, center_exam, open_kiosk, tmp_path, core_env):
    remember_pin(center.url, center.certificates.fingerprint)
    window = open_kiosk(center.url, center.core.config.kiosk_key, center_exam.exam_id)
    qtbot.waitUntil(lambda: window.controller.attempt is not None, timeout=5000)
    session_id = window.controller.attempt.proctor_session_id
    qtbot.waitUntil(lambda: len(stored_snapshot_ids(center.core, session_id)) >= 1, timeout=5000)

    port = center.server.port
    center.server.stop()  # another server, with its own certificate, takes the address
    impostor_config = CoreConfig.load(data_dir=tmp_path / "impostor", env=core_env)
    with tls_center(impostor_config, port=port) as impostor:
        page = window.identity_page
        qtbot.waitUntil(lambda: window.pages.currentWidget() is page, timeout=10000)
        window.controller.capture_snapshot()  # a camera that still works sends nothing

        assert "The center's identity changed" in page.text.text()
        assert page.details.text() == KEPT_TEXT
        assert not page.back_button.isVisible()
        uploads = window.controller.uploads
        uploads.refresh_pending()
        assert uploads.pending_snapshots >= 1, "the snapshots stay on this computer"
        assert impostor.core.proctoring.list_sessions("all") == []
        assert not any(impostor.core.config.media_root.rglob("*.jpg"))


def test_the_upload_worker_stops_at_a_center_that_does_not_prove_its_pin_and_keeps_the_spool(
        qtbot, center, center_exam, spool_dir):
    with center.client(center.core.config.kiosk_key) as kiosk:
        attempt = kiosk.start_attempt(center_exam.exam_id, "C-1042", "Ada Lovelace")
    spool = UploadSpool(spool_dir, attempt.attempt_id)
    spool.add_snapshot(jpeg_bytes())
    spool.add_event("focus_lost", "The exam window lost focus.")
    remember_pin(center.url, other_fingerprint(center))  # held before: the center changed
    client = ProctorClient(center.url, attempt.token)
    worker = UploadWorker(client, attempt.attempt_id, spool, FAST)
    uploaded: list[str] = []
    refused: list[str] = []
    worker.snapshot_uploaded.connect(uploaded.append)
    # Emitted on the upload thread: a plain list, not waitSignal's timer on the GUI thread.
    worker.identity_changed.connect(refused.append)

    worker.run_on_own_thread()
    qtbot.waitUntil(lambda: bool(refused), timeout=5000)
    worker.shutdown()

    assert len(refused) == 1 and "The center's identity changed" in refused[0]
    assert uploaded == []
    assert (spool.pending_snapshot_count(), spool.pending_event_count()) == (1, 1)
    session_id = attempt.proctor_session_id
    assert stored_snapshot_ids(center.core, session_id) == []
    assert "focus_lost" not in event_types(center.core, session_id)

"""A frame the server refuses for good (here: larger than the server accepts) is dropped with a
reason, never retried forever and never counted as sent."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def core_env():
    return {"PROCTOR_ANALYSIS": "0", "PROCTOR_SWEEP_SECONDS": "0.2",
            "PROCTOR_MAX_UPLOAD_BYTES": "2048"}


def test_a_frame_the_server_refuses_for_good_is_dropped_with_its_reason(
        qtbot, server, kiosk_exam, open_kiosk, caplog):
    window = open_kiosk(server.url, server.core.config.kiosk_key, kiosk_exam.exam_id)
    controller = window.controller
    dropped: list[tuple[str, str]] = []
    qtbot.waitUntil(lambda: controller.uploads is not None, timeout=5000)
    controller.uploads.worker.item_dropped.connect(lambda *args: dropped.append(args))
    qtbot.waitUntil(lambda: len(dropped) >= 2, timeout=5000)

    assert "at most 2,048" in dropped[0][1]
    qtbot.waitUntil(lambda: window.toast.isVisible()
                    and "refused a snapshot" in window.toast.text(), timeout=5000)
    session = server.core.proctoring.get_session(controller.attempt.proctor_session_id).session
    assert session.snapshot_count == 0
    assert controller.view().uploaded_count == 0 and window.exam_page.sent_value.text() == "0"
    assert not window.exam_page.upload_banner.isVisible()  # not a failure to retry
    assert any("refused snapshot" in r.getMessage() for r in caplog.records)

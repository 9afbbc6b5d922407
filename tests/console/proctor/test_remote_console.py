"""The Proctor Center against a real ``proctor-server`` process, over HTTP and the live stream:
what a kiosk does appears without a refresh, so does another proctor's flag, and a server that
stops and comes back is a banner, then a grid that caught up."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize

from console.proctor.proctor_center.connection_banner import ConnectionBanner
from console.proctor.proctor_center.proctor_center_window import ProctorCenterWindow
from console.proctor.session_details.session_details_window import SessionDetailsWindow
from tests.console.proctor.remote_support import (
    RunningCenter,
    card,
    remote_center_window,
    running_center,
)
from tests.core.api.support import upload
from tests.helpers import jpeg_bytes

WAIT_MS = 15_000


@pytest.fixture
def server(tmp_path) -> Iterator[RunningCenter]:
    yield from running_center(tmp_path)

@pytest.fixture
def window(server, qapp, qtbot, tmp_path) -> Iterator[ProctorCenterWindow]:
    yield from remote_center_window(server, qtbot, tmp_path)


@pytest.mark.process  # a real proctor-server process (its own database)
@pytest.mark.db
def test_a_kiosks_new_session_and_its_snapshots_appear_without_a_refresh(server, window, qtbot):
    exam = {"exam_id": server.new_exam()}
    attempt_id, token, _session_id = server.start_kiosk(exam["exam_id"], "Dana Lee", "B-14")
    qtbot.waitUntil(lambda: card(window, "Dana Lee") is not None, timeout=WAIT_MS)
    assert card(window, "Dana Lee").seat == "B-14"

    for seed in range(2):
        assert upload(server.url, attempt_id, token, jpeg_bytes(seed=seed)).status_code == 201
    qtbot.waitUntil(lambda: card(window, "Dana Lee").snapshot_count == 2, timeout=WAIT_MS)
    latest = card(window, "Dana Lee").latest_snapshot_id
    thumbnails = window.context.thumbnails  # fetched over the API, then cached
    qtbot.waitUntil(lambda: thumbnails.pixmap(latest, QSize(160, 120)) is not None,
                    timeout=WAIT_MS)
    assert thumbnails.pixmap(latest, QSize(160, 120)).width() == 160


@pytest.mark.process  # a real proctor-server process (its own database)
@pytest.mark.db
def test_a_flag_made_by_another_proctor_appears_on_its_card(server, window, qtbot):
    exam = {"exam_id": server.new_exam()}
    _attempt, _token, session_id = server.start_kiosk(exam["exam_id"], "Omar Khalid", "C-2")
    qtbot.waitUntil(lambda: card(window, "Omar Khalid") is not None, timeout=WAIT_MS)

    server.admin("POST", f"/proctor/sessions/{session_id}/flag",
                 json={"reason": "Phone on the desk"})
    qtbot.waitUntil(lambda: card(window, "Omar Khalid").is_flagged, timeout=WAIT_MS)
    assert card(window, "Omar Khalid").flag_reason == "Phone on the desk"


@pytest.mark.process  # a real proctor-server process (its own database)
@pytest.mark.db
def test_a_stopped_server_is_a_banner_and_when_it_is_back_the_grid_catches_up(
        server, window, qtbot):
    exam = {"exam_id": server.new_exam()}
    _attempt, _token, session_id = server.start_kiosk(exam["exam_id"], "Dana Lee", "B-14")
    qtbot.waitUntil(lambda: card(window, "Dana Lee") is not None, timeout=WAIT_MS)
    window.grid.setCurrentIndex(window.proxy.index(0, 0))
    assert window.flag_action.isEnabled()

    with qtbot.waitSignal(window.context.bridge.reachability_changed, timeout=WAIT_MS,
                          check_params_cb=lambda reachable: reachable is False):
        server.stop()
    assert window.connection_banner.isVisible()
    assert "cannot be reached" in window.connection_banner.text()
    assert "as they were at" in window.connection_banner.text()
    assert window.grid.graphicsEffect() is not None  # greyed
    assert not window.flag_action.isEnabled()
    assert not window.terminate_action.isEnabled()

    with qtbot.waitSignal(window.context.bridge.reachability_changed, timeout=WAIT_MS,
                          check_params_cb=lambda reachable: reachable is True):
        server.restart()
        # Changes made while the console was still away: it must not miss them.
        server.admin("POST", f"/proctor/sessions/{session_id}/flag",
                     json={"reason": "Looking away"})
        server.start_kiosk(exam["exam_id"], "Omar Khalid", "C-2")
    qtbot.waitUntil(lambda: card(window, "Omar Khalid") is not None
                    and card(window, "Dana Lee").is_flagged, timeout=WAIT_MS)
    assert not window.connection_banner.isVisible()
    assert window.grid.graphicsEffect() is None
    window.grid.setCurrentIndex(window.proxy.index(0, 0))
    assert window.flag_action.isEnabled()


@pytest.mark.process  # a real proctor-server process (its own database)
@pytest.mark.db
def test_a_details_window_turns_its_actions_off_while_the_server_is_lost(server, window, qtbot):
    exam_id = server.new_exam()
    _attempt, _token, session_id = server.start_kiosk(exam_id, "Dana Lee", "B-14")
    details = SessionDetailsWindow(window.context, session_id)  # deletes itself on close
    details.show()
    qtbot.waitUntil(lambda: details.session is not None, timeout=WAIT_MS)
    assert details.button("flag").isEnabled()
    assert details.header.fact_text("seat") == "B-14"

    with qtbot.waitSignal(window.context.bridge.reachability_changed, timeout=WAIT_MS):
        server.stop()
    assert not details.button("flag").isEnabled()
    assert "cannot be reached" in details.button("flag").toolTip()

    with qtbot.waitSignal(window.context.bridge.reachability_changed, timeout=WAIT_MS):
        server.restart()
    qtbot.waitUntil(lambda: details.button("flag").isEnabled(), timeout=WAIT_MS)
    details.close()


def test_a_center_that_refuses_the_console_offers_to_sign_in_again(qapp, qtbot):
    banner = ConnectionBanner("https://10.0.0.5:8765")
    qtbot.addWidget(banner)
    banner.show_lost(None, "The proctor token has expired. Sign in to the exam center again.")
    assert "The proctor token has expired." in banner.text()
    assert "Sign in again…" in banner.text()
    with qtbot.waitSignal(banner.sign_in_requested, timeout=1000):
        banner.linkActivated.emit("sign-in")
    banner.show_lost(None)
    assert "cannot be reached" in banner.text() and "Sign in again" not in banner.text()

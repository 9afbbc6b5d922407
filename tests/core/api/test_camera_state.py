"""A kiosk's camera state reaches the proctor: camera_denied marks the session ``camera_off``
in the session list until the kiosk reports camera_restored; each change is announced."""

from __future__ import annotations

import pytest

from core.domain.domain_events import SessionChanged
from tests.core.api.support import admin_client, kiosk_client, start_kiosk


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1")


def camera_off(live_server) -> bool:
    with admin_client(live_server) as admin:
        [session] = admin.list_sessions()
        detail = admin.get_session(session.session_id)
    assert detail.camera_off == session.camera_off
    return session.camera_off


def report(live_server, kiosk, event_type: str) -> None:
    with kiosk_client(live_server) as client:
        client.record_event(kiosk.attempt_id, event_type, token=kiosk.token)


def test_a_denied_camera_shows_as_off_until_the_kiosk_says_it_is_back(live_server, kiosk):
    assert camera_off(live_server) is False
    report(live_server, kiosk, "camera_denied")
    assert camera_off(live_server) is True
    report(live_server, kiosk, "focus_lost")
    assert camera_off(live_server) is True
    report(live_server, kiosk, "camera_restored")
    assert camera_off(live_server) is False


def test_each_camera_change_is_announced_once_on_the_event_bus(live_server, kiosk):
    seen: list[str] = []
    live_server.core.bus.subscribe(
        lambda e: seen.append(e.change) if isinstance(e, SessionChanged) else None)
    for event_type in ("camera_denied", "camera_denied", "camera_restored"):
        report(live_server, kiosk, event_type)
    assert seen.count("camera") == 2

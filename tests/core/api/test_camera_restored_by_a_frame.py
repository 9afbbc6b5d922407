"""A frame proves the camera works: once a snapshot captured after the last camera_denied is
stored, the session is no longer camera off, the server records camera_restored (source system)
when the kiosk did not, and the camera episode stops weighing more on the risk. A late frame
captured before the report changes nothing. On the real core, and once over HTTP."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from core.domain.domain_events import SessionChanged
from core.domain.records import EventDTO
from tests.core.api.support import admin_client, kiosk_client, start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1")


def report(core, kiosk, event_type: str) -> None:
    core.attempts.record_kiosk_event(kiosk.attempt_id, event_type)


def frame(core, kiosk, captured_at: datetime) -> None:
    core.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(),
                                   captured_at=captured_at)


def camera_off(core, kiosk) -> bool:
    return core.proctoring.get_session(kiosk.session_id).camera_off


def restores(core, kiosk) -> list[EventDTO]:
    return [e for e in core.proctoring.get_session(kiosk.session_id).events
            if e.type == "camera_restored"]


def risk(core, kiosk) -> int:
    return core.proctoring.get_session(kiosk.session_id).risk_score


def test_a_frame_captured_after_the_camera_was_denied_turns_the_camera_back_on(
        core, clock, kiosk):
    report(core, kiosk, "camera_denied")
    assert camera_off(core, kiosk) is True
    captured = clock.advance(5)
    frame(core, kiosk, captured)
    assert camera_off(core, kiosk) is False
    [restored] = restores(core, kiosk)
    assert restored.source == "system"
    assert restored.occurred_at == captured
    assert restored.detail == (f"A snapshot taken at {captured:%H:%M:%S} UTC arrived: "
                               "the camera works again")


def test_the_restore_and_its_camera_change_are_announced_with_the_snapshot(core, clock, kiosk):
    report(core, kiosk, "camera_denied")
    seen: list[str] = []
    core.bus.subscribe(lambda e: seen.append(e.change) if isinstance(e, SessionChanged) else None)
    frame(core, kiosk, clock.advance(5))
    assert "snapshot" in seen and seen.count("camera") == 1


def test_the_camera_episode_stops_weighing_once_a_frame_arrives(core, clock, kiosk):
    report(core, kiosk, "camera_denied")
    clock.advance(200)
    frame(core, kiosk, clock.now())
    settled = risk(core, kiosk)
    assert settled > 0
    for _ in range(10):  # an hour's worth of frames later, the risk has not climbed
        captured = clock.advance(300)
        frame(core, kiosk, captured)
        report(core, kiosk, "focus_regained")  # weightless: only re-judges the risk
    assert risk(core, kiosk) == settled


def test_a_late_frame_captured_before_the_camera_was_denied_leaves_it_off(core, clock, kiosk):
    before = clock.now()
    clock.advance(10)
    report(core, kiosk, "camera_denied")
    clock.advance(10)
    frame(core, kiosk, before)  # uploaded late from the kiosk's spool
    assert camera_off(core, kiosk) is True
    assert restores(core, kiosk) == []


def test_a_kiosk_that_says_its_camera_is_back_gets_no_second_restore(core, clock, kiosk):
    report(core, kiosk, "camera_denied")
    clock.advance(5)
    report(core, kiosk, "camera_restored")
    for _ in range(3):
        frame(core, kiosk, clock.advance(5))
    assert camera_off(core, kiosk) is False
    assert [e.source for e in restores(core, kiosk)] == ["kiosk"]


def test_when_the_camera_was_denied_twice_the_last_denial_counts(core, clock, kiosk):
    report(core, kiosk, "camera_denied")
    between = clock.advance(30)
    clock.advance(30)
    report(core, kiosk, "camera_denied")
    frame(core, kiosk, between)  # after the first denial, before the second
    assert camera_off(core, kiosk) is True
    assert restores(core, kiosk) == []
    after = clock.advance(5)
    frame(core, kiosk, after)
    assert camera_off(core, kiosk) is False
    assert [e.occurred_at for e in restores(core, kiosk)] == [after]


def test_a_restarted_kiosk_uploading_over_http_shows_its_camera_on_again(
        live_server, clock, kiosk):
    with kiosk_client(live_server) as client:
        client.record_event(kiosk.attempt_id, "camera_denied", token=kiosk.token)
        for _ in range(3):
            client.upload_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(),
                                   captured_at=clock.advance(5), token=kiosk.token)
        client.upload_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(),
                               captured_at=clock.now() - timedelta(minutes=1),
                               token=kiosk.token)  # a late one from the spool
    with admin_client(live_server) as admin:
        [session] = admin.list_sessions()
        detail = admin.get_session(session.session_id)
    assert session.camera_off is False and detail.camera_off is False
    assert [(e.type, e.source) for e in detail.events if e.type.startswith("camera")] == [
        ("camera_restored", "system"), ("camera_denied", "kiosk")]


def test_a_batch_redone_row_by_row_still_turns_the_camera_back_on_once(core, clock, kiosk):
    """When a batch's rows fail together, they are stored one savepoint each: same rule."""
    report(core, kiosk, "camera_denied")
    clock.advance(5)
    snapshot_id = new_snapshot_id()
    twice = [core.snapshots.prepare_snapshot(kiosk.attempt_id, snapshot_id, jpeg_bytes(),
                                             captured_at=clock.now()) for _ in range(2)]
    first, second = core.snapshots._commit(twice)  # the same id twice: the second row fails
    assert not isinstance(first, Exception) and isinstance(second, Exception)
    assert camera_off(core, kiosk) is False
    assert [e.source for e in restores(core, kiosk)] == ["system"]

"""Sessions carry kiosk_seen_at: the last time the attempt's token was used for anything. Uploads,
events, acknowledgements and submit set it in their own write; a heartbeat writes nothing of its
own and is written by the contact flusher, coarsely, in one batch, as a session change every
console sees. The greater time always wins. On the real core, and over HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.db.models import ProctorSession
from core.domain.domain_events import SessionChanged
from core.domain.kiosk_state import CONTACT_WRITE_SECONDS
from core.services.kiosk_contacts import later_seen
from tests.core.api.support import admin_client, kiosk_client, start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1")


def seen_at(core, kiosk):
    return core.proctoring.get_session(kiosk.session_id).kiosk_seen_at


def changes(core) -> list[str]:
    seen: list[str] = []
    core.bus.subscribe(lambda e: seen.append(e.change) if isinstance(e, SessionChanged) else None)
    return seen


def test_a_session_no_kiosk_has_called_yet_has_no_contact_time(core, kiosk):
    assert seen_at(core, kiosk) is None


def test_a_heartbeat_writes_nothing_until_the_flusher_writes_it(core, clock, kiosk):
    announced = changes(core)
    beat = clock.advance(3)
    core.attempts.get_attempt(kiosk.attempt_id)
    assert seen_at(core, kiosk) is None and announced == []
    assert core.contacts.flush() == 1
    assert seen_at(core, kiosk) == beat
    assert announced == ["kiosk_seen"]


def test_heartbeats_are_written_coarsely_and_many_kiosks_in_one_flush(core, clock, exam, kiosk):
    other = start_kiosk(core, exam.exam_id, "C-2", "Bo Chen")
    first = clock.advance(1)
    for k in (kiosk, other):
        core.attempts.get_attempt(k.attempt_id)
    assert core.contacts.flush() == 2
    clock.advance(CONTACT_WRITE_SECONDS - 1)  # too soon after the stored time: not written
    core.attempts.get_attempt(kiosk.attempt_id)
    assert core.contacts.flush() == 0
    assert seen_at(core, kiosk) == first
    later = clock.advance(1)  # now a whole write interval after it
    core.attempts.get_attempt(kiosk.attempt_id)
    assert core.contacts.flush() == 1
    assert seen_at(core, kiosk) == later and seen_at(core, other) == first


def test_an_upload_an_event_and_an_acknowledgement_set_it_in_their_own_write(
        core, clock, kiosk):
    uploaded = clock.advance(7)
    core.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(),
                                   captured_at=uploaded - timedelta(minutes=5))  # from the spool
    assert seen_at(core, kiosk) == uploaded
    reported = clock.advance(1)
    core.attempts.record_kiosk_event(kiosk.attempt_id, "camera_denied")
    assert seen_at(core, kiosk) == reported
    warning = core.proctoring.warn_session(kiosk.session_id, "Eyes front.")
    acknowledged = clock.advance(1)
    core.attempts.acknowledge_warning(kiosk.attempt_id, warning.warning_id)
    assert seen_at(core, kiosk) == acknowledged


def test_a_camera_off_kiosk_that_only_heartbeats_keeps_its_contact_moving(core, clock, kiosk):
    core.attempts.record_kiosk_event(kiosk.attempt_id, "camera_denied")
    for _ in range(6):
        clock.advance(5)
        core.attempts.get_attempt(kiosk.attempt_id)
        core.contacts.flush()
    session = core.proctoring.get_session(kiosk.session_id)
    assert session.camera_off is True
    assert session.kiosk_seen_at == clock.now()


def test_submitting_is_the_last_contact(core, clock, kiosk):
    submitted = clock.advance(4)
    core.attempts.submit_attempt(kiosk.attempt_id)
    assert seen_at(core, kiosk) == submitted


def test_the_later_time_wins_whoever_writes_last(core, clock, kiosk):
    """Two server processes: one wrote a later time; an earlier one written after it is kept
    out (the statement every write uses)."""
    early = clock.now()
    later = clock.advance(30)
    with core.engine.begin() as connection:
        connection.execute(ProctorSession.__table__.update()
                           .where(ProctorSession.id == kiosk.session_id)
                           .values(kiosk_seen_at=later_seen(later)))
        connection.execute(ProctorSession.__table__.update()
                           .where(ProctorSession.id == kiosk.session_id)
                           .values(kiosk_seen_at=later_seen(early)))
        stored = connection.execute(select(ProctorSession.kiosk_seen_at)
                                    .where(ProctorSession.id == kiosk.session_id)).scalar()
    assert stored == later
    core.attempts.get_attempt(kiosk.attempt_id)  # noted at "later": nothing newer to write
    assert core.contacts.flush() == 0


def test_the_heartbeats_of_an_ended_session_are_not_written(core, clock, kiosk):
    core.attempts.submit_attempt(kiosk.attempt_id)
    ended = seen_at(core, kiosk)
    clock.advance(60)
    core.attempts.get_attempt(kiosk.attempt_id)
    assert core.contacts.flush() == 0
    assert seen_at(core, kiosk) == ended


def test_stopping_the_core_writes_the_contacts_it_holds(config, clock, exam):
    from core.bootstrap import build_core
    first = build_core(config, clock)
    k = start_kiosk(first, first.exams.list_exams()[0].exam_id, "C-9")
    beat = clock.advance(2)
    first.attempts.get_attempt(k.attempt_id)
    first.close()
    second = build_core(config, clock)
    try:
        assert second.proctoring.get_session(k.session_id).kiosk_seen_at == beat
    finally:
        second.close()


def test_every_session_view_of_the_api_carries_it(live_server, clock, kiosk):
    with kiosk_client(live_server) as client:
        client.upload_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(),
                               captured_at=clock.now(), token=kiosk.token)
    with admin_client(live_server) as admin:
        [listed] = admin.list_sessions()
        detail = admin.get_session(kiosk.session_id)
    assert listed.kiosk_seen_at == clock.now() == detail.kiosk_seen_at


def test_a_heartbeat_over_http_reaches_the_console_through_the_flusher(
        live_server, clock, kiosk):
    core = live_server.core
    beat = clock.advance(9)
    with kiosk_client(live_server) as client:
        client.get_attempt(kiosk.attempt_id, token=kiosk.token)
    core.contacts.flush()
    with admin_client(live_server) as admin:
        [listed] = admin.list_sessions()
    assert listed.kiosk_seen_at == beat

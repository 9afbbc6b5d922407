"""The details the center writes on a session's timeline carry a code and machine-readable
parameters beside the unchanged English sentence, so a console says them in its language: each
action's event, read back over HTTP from a real core on a real SQLite file. A detail a person
typed, or a kiosk sent without a code, has none."""

from __future__ import annotations

from datetime import timedelta

from core.domain.episodes import EpisodeTracker
from core.domain.event_details import EVENT_MESSAGES
from core.domain.messages import time_param
from core.domain.readiness import ReadinessOverride
from tests.core.api.support import call, start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id


def events_of(live_server, session_id: str) -> list[dict]:
    """The session's timeline as the API answers it, oldest first."""
    response = call(live_server.url, "GET", f"/proctor/sessions/{session_id}",
                    live_server.core.config.admin_key)
    assert response.status_code == 200, response.text
    return list(reversed(response.json()["events"]))


def words(events: list[dict], event_type: str) -> list[tuple[str, str | None, dict | None]]:
    return [(e["detail"], e["detail_code"], e["detail_params"]) for e in events
            if e["type"] == event_type]


def frame(core, kiosk, captured_at) -> str:
    return core.snapshots.record_snapshot(kiosk.attempt_id, new_snapshot_id(), jpeg_bytes(),
                                          captured_at=captured_at).snapshot.snapshot_id


def test_every_proctor_action_and_finding_writes_its_detail_with_a_code_and_parameters(
        live_server, exam, clock):
    core = live_server.core
    kiosk = start_kiosk(core, exam.exam_id, "C-1", "Sarah Ahmed")
    core.attempts.record_kiosk_event(kiosk.attempt_id, "focus_lost", detail="Alt+Tab")
    core.proctoring.pause_session(kiosk.session_id, "Fire alarm", actor="Dana Lee")
    clock.advance(75)
    core.proctoring.resume_session(kiosk.session_id, actor="Dana Lee")
    core.proctoring.add_time(kiosk.session_id, 10, "Power cut", actor="Dana Lee")
    core.attempts.record_kiosk_event(kiosk.attempt_id, "camera_denied")
    captured = clock.advance(5)
    snapshot_id = frame(core, kiosk, captured)
    tracker = EpisodeTracker()
    core.snapshots.record_analysis(snapshot_id, 2, ("multiple_faces",),
                                   tracker.observe(("multiple_faces",), captured, 2))
    core.proctoring.flag_session(kiosk.session_id, "Second person", actor="Dana Lee")
    core.proctoring.terminate_session(kiosk.session_id, "Second person", actor="Dana Lee")
    core.proctoring.review_session(kiosk.session_id, "violation", "Seen on camera",
                                   actor="Dana Lee")

    events = events_of(live_server, kiosk.session_id)
    assert words(events, "session_started") == [
        ("Sarah Ahmed started Algebra final", "event_session_started",
         {"name": "Sarah Ahmed", "exam": "Algebra final"})]
    assert words(events, "resumed") == [
        ("Paused for 1 min 15 s; the time was given back", "event_resumed",
         {"paused_seconds": 75})]
    assert words(events, "time_added") == [
        ("+10 min: Power cut", "event_time_added", {"minutes": 10, "reason": "Power cut"})]
    assert words(events, "camera_restored") == [
        (f"A snapshot taken at {captured:%H:%M:%S} UTC arrived: the camera works again",
         "event_camera_works_again", {"captured_at": time_param(captured)})]
    assert words(events, "multiple_faces") == [
        ("2 faces in view", "event_multiple_faces", {"faces": 2})]
    assert words(events, "session_ended") == [
        ("Terminated by a proctor", "event_terminated_by_proctor", {})]
    assert words(events, "reviewed") == [
        ("violation — Seen on camera", "event_reviewed_with_note",
         {"outcome": "violation", "note": "Seen on camera"})]
    # What a person typed or a kiosk sent is said as written: no code.
    for typed in ("focus_lost", "paused", "flagged", "terminated", "camera_denied"):
        assert [(code, params) for _detail, code, params in words(events, typed)] == \
            [(None, None)], typed
    # Every code is one of the catalogue's, and its English template gives the stored detail
    # where the parameters are words.
    for detail, code, params in ((e["detail"], e["detail_code"], e["detail_params"])
                                 for e in events if e["detail_code"]):
        assert code in EVENT_MESSAGES
        if code in ("event_session_started", "event_time_added", "event_reviewed_with_note"):
            assert EVENT_MESSAGES[code].format(**params) == detail


def test_a_late_hand_in_and_the_time_running_out_carry_their_codes_and_iso_times(
        live_server, exam, clock):
    core = live_server.core
    kiosk = start_kiosk(core, exam.exam_id, "C-2", "Omar Khalid")
    clock.advance(3500)
    core.attempts.get_attempt(kiosk.attempt_id)  # the kiosk's last contact
    clock.advance(60)
    pressed = clock.now()
    arrived = clock.advance(600)
    core.sweeper.run_once()
    core.attempts.submit_attempt(kiosk.attempt_id, submitted_at=pressed)

    events = events_of(live_server, kiosk.session_id)
    [(detail, code, params)] = words(events, "handed_in")
    assert code == "event_handed_in_late"
    assert params == {"pressed_at": time_param(pressed), "arrived_at": time_param(arrived)}
    assert detail == (f"Handed in at {pressed:%H:%M:%S} UTC, arrived at {arrived:%H:%M:%S} UTC "
                      "(the kiosk could not reach the center)")
    assert words(events, "session_ended") == [("Time ran out", "event_time_ran_out", {})]


def test_a_readiness_override_and_a_purge_carry_their_codes(live_server, exam, clock):
    core = live_server.core
    started = core.attempts.start_attempt(
        exam.exam_id, "C-3", "Bo Chen", override=ReadinessOverride(
            "Dana Lee", "Watched in person", ("Camera: no frame within 5 s",)))
    session_id = started.proctor_session_id
    frame(core, started, clock.now())
    core.proctoring.terminate_session(session_id, "Left the room")
    clock.advance(timedelta(days=2).total_seconds())
    assert core.snapshots.purge_expired_media(1) == 1

    events = events_of(live_server, session_id)
    assert words(events, "readiness_overridden") == [
        ("Watched in person — not ready: Camera: no frame within 5 s",
         "event_readiness_overridden",
         {"reason": "Watched in person", "not_ready": "Camera: no frame within 5 s"})]
    assert words(events, "media_purged") == [
        ("1 snapshots deleted after 1 days", "event_media_purged", {"count": 1, "days": 1})]

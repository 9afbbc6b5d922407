"""Frame analysis end to end: a kiosk uploads real frames over real HTTP to a real server, the
analysis workers (threads of the core) analyse them, and a proctor reads face counts, analysis
events and the risk score back through the API."""

from __future__ import annotations

import os
import threading

import pytest

from core.client import ProctorClient
from core.domain.risk import DEFAULT_RISK_WEIGHTS
from tests.core.jobs.test_analysis_frames import no_face_jpeg, one_face_jpeg, two_faces_jpeg
from tests.helpers import new_snapshot_id

INTERVAL = 30


@pytest.fixture
def core_env() -> dict[str, str]:
    return {"PROCTOR_ANALYSIS": "1", "PROCTOR_SWEEP_SECONDS": "0.2"}


@pytest.fixture
def kiosk_attempt(live_server, exam):
    with live_server.kiosk() as kiosk:
        started = kiosk.start_attempt(exam.exam_id, "C-21", "Dana Ruiz")
    with ProctorClient(live_server.url, started.token) as client:
        yield started, client


def send(clock, client, attempt_id: str, frame: bytes) -> str:
    snapshot_id = new_snapshot_id()
    receipt = client.upload_snapshot(attempt_id, snapshot_id, frame,
                                     captured_at=clock.advance(INTERVAL))
    assert receipt.is_new, receipt
    return snapshot_id


def analysis_workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("proctor-analysis")]


def test_an_upload_is_answered_without_waiting_for_analysis_and_analysed_after(
    core, live_server, kiosk_attempt, clock
):
    started, kiosk = kiosk_attempt
    session_id = started.proctor_session_id
    snapshot_id = send(clock, kiosk, started.attempt_id, two_faces_jpeg())
    with live_server.admin() as admin:
        [listed] = admin.list_snapshots(session_id)
        assert (listed.snapshot_id, listed.face_count) == (snapshot_id, None)

        core.analysis.start()
        assert core.analysis.drain(timeout=30)

        [listed] = admin.list_snapshots(session_id)
        assert (listed.face_count, listed.analysis) == (2, "multiple_faces")
        session = admin.get_session(session_id)
    assert session.latest_face_count == 2
    assert session.risk_score == DEFAULT_RISK_WEIGHTS["multiple_faces"]
    [event] = [e for e in session.events if e.source == "analysis"]
    assert (event.type, event.detail) == ("multiple_faces", "2 faces in view")


def test_a_kiosk_session_gets_one_event_per_episode_over_http(
    core, live_server, kiosk_attempt, clock
):
    core.analysis.start()
    started, kiosk = kiosk_attempt
    frames = [one_face_jpeg(1), no_face_jpeg(2), no_face_jpeg(3), no_face_jpeg(4),
              one_face_jpeg(5), two_faces_jpeg(6), two_faces_jpeg(7), one_face_jpeg(8)]
    for frame in frames:
        send(clock, kiosk, started.attempt_id, frame)
    assert core.analysis.drain(timeout=60)

    with live_server.admin() as admin:
        snapshots = admin.list_snapshots(started.proctor_session_id)
        session = admin.get_session(started.proctor_session_id)
    assert [s.face_count for s in reversed(snapshots)] == [1, 0, 0, 0, 1, 2, 2, 1]
    events = [e for e in reversed(session.events) if e.source == "analysis"]
    assert [e.type for e in events] == ["no_face", "multiple_faces"]
    assert session.risk_score == (DEFAULT_RISK_WEIGHTS["no_face"]
                                     + DEFAULT_RISK_WEIGHTS["multiple_faces"])
    assert session.risk_level == "medium"


def test_closing_the_core_stops_its_analysis_workers_and_its_recording_thread(core):
    core.analysis.start()
    workers = core.config.analysis_workers
    assert workers == min(2, os.cpu_count() or 1)
    assert sorted(t.name for t in analysis_workers()) == [
        *(f"proctor-analysis-{index}" for index in range(workers)), "proctor-analysis-results"]
    core.close()
    assert analysis_workers() == []

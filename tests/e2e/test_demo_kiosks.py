"""The presenter's demo: simulated kiosks drive the real API, the scripted variety reaches the
core within a bounded time, and it keeps coming: the trouble repeats and finished candidates are
replaced by new ones."""

from __future__ import annotations

import pytest

from console.proctor.demo.demo_frames import DemoFrames, Scene
from console.proctor.demo.demo_kiosks import SCRIPTS, DemoKiosks, next_candidate
from tests.helpers import event_types


@pytest.fixture
def core_env():
    return {"PROCTOR_ANALYSIS": "1", "PROCTOR_SWEEP_SECONDS": "0.2"}


def sessions_by_name(core):
    return {s.candidate_name: s for s in core.proctoring.list_sessions("all")}


def test_the_scripted_demo_shows_variety_within_seconds(real_live_server, qtbot):
    core = real_live_server.core
    core.start_background_jobs()
    kiosks = DemoKiosks(real_live_server.url, core.config.admin_key, core.config.kiosk_key,
                        count=6, time_scale=0.1, snapshot_interval=5)
    kiosks.start()
    try:
        def scripted_events_arrived() -> bool:
            sessions = sessions_by_name(core)
            if not {s.candidate_name for s in SCRIPTS} <= set(sessions):
                return False
            return (
                sessions["Yuki Tanaka"].status == "completed"
                and sessions["Priya Nair"].attempt_status == "expired"
                and {"camera_denied", "camera_restored"}
                <= event_types(core, sessions["Tom Becker"].session_id)
                and "no_face" in event_types(core, sessions["Marco Rossi"].session_id)
                and "multiple_faces" in event_types(core, sessions["Aisha Bello"].session_id)
            )

        qtbot.waitUntil(scripted_events_arrived, timeout=40_000)
    finally:
        kiosks.stop()
    sessions = sessions_by_name(core)
    assert all(s.snapshot_count >= 1 for s in sessions.values())
    assert {"focus_lost", "focus_regained"} <= event_types(core, sessions["Yuki Tanaka"].session_id)
    assert sessions["Lina Haddad"].status == "active"
    assert kiosks.stats.failures == 0
    assert kiosks.frames_problem is None


def test_the_trouble_repeats_and_finished_candidates_are_replaced_by_new_ones(
    real_live_server, qtbot
):
    core = real_live_server.core
    core.start_background_jobs()
    kiosks = DemoKiosks(real_live_server.url, core.config.admin_key, core.config.kiosk_key,
                        count=6, time_scale=0.05, snapshot_interval=5)
    yuki_next = next_candidate(SCRIPTS[4], 1).candidate_name
    priya_next = next_candidate(SCRIPTS[5], 1).candidate_name
    kiosks.start()
    try:
        def the_demo_looped() -> bool:
            sessions = sessions_by_name(core)
            if not {"Tom Becker", yuki_next, priya_next} <= set(sessions):
                return False
            tom = [e.type for e in core.proctoring.get_session(
                sessions["Tom Becker"].session_id).events]
            return (tom.count("camera_denied") >= 2
                    and sessions[yuki_next].snapshot_count >= 1
                    and sessions[priya_next].snapshot_count >= 1)

        qtbot.waitUntil(the_demo_looped, timeout=60_000)
    finally:
        kiosks.stop()
    assert yuki_next not in {s.candidate_name for s in SCRIPTS}
    assert kiosks.stats.seated[4][:2] == ["Yuki Tanaka", yuki_next]
    assert kiosks.stats.seated[5][:2] == ["Priya Nair", priya_next]
    # Different names, different people on camera (the demo has twelve).
    pictures = kiosks.stats.pictures
    assert len(pictures) >= 8
    first_twelve = list(pictures.values())[:12]  # in the order they were seated
    assert len(set(first_twelve)) == len(first_twelve)
    assert "Yuki Tanaka: submitted" in kiosks.stats.ended
    assert kiosks.stats.failures == 0


def test_demo_frames_hold_the_faces_the_scene_asks_for():
    from core.jobs.analysis.inspection import count_faces, decode_frame, load_face_detector

    detector = load_face_detector()
    frames = DemoFrames(seed=3)
    counts = {scene: count_faces(decode_frame(frames.frame(scene, 2), 640), detector)
              for scene in (Scene.ONE_PERSON, Scene.NOBODY, Scene.TWO_PEOPLE)}
    assert counts == {Scene.ONE_PERSON: 1, Scene.NOBODY: 0, Scene.TWO_PEOPLE: 2}


def test_an_empty_room_in_the_demo_is_not_mistaken_for_a_frozen_camera():
    from core.jobs.analysis import decode_frame, inspect_frame, load_face_detector, small_copy

    frames, detector = DemoFrames(seed=1), load_face_detector()
    previous = small_copy(decode_frame(frames.frame(Scene.NOBODY, 0), 320))
    findings = inspect_frame(decode_frame(frames.frame(Scene.NOBODY, 1), 320), detector,
                             previous)
    assert findings.cues == ("no_face",)


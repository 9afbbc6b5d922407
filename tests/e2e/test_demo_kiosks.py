"""The presenter's demo: simulated kiosks drive the real API, and the scripted variety reaches
the core within a bounded time."""

from __future__ import annotations

import pytest

from console.demo.demo_frames import DemoFrames, Scene
from console.demo.demo_kiosks import DemoKiosks
from tests.helpers import event_types


@pytest.fixture
def core_env():
    return {"PROCTOR_ANALYSIS": "1", "PROCTOR_SWEEP_SECONDS": "0.2"}


def test_the_scripted_demo_shows_variety_within_seconds(real_live_server, qtbot):
    core = real_live_server.core
    core.start_background_jobs()
    kiosks = DemoKiosks(real_live_server.url, core.config.admin_key, core.config.kiosk_key,
                        count=6, time_scale=0.1, snapshot_interval=5)
    kiosks.start()
    try:
        def by_name():
            return {s.candidate_name: s for s in core.proctoring.list_sessions("all")}

        def scripted_events_arrived() -> bool:
            sessions = by_name()
            if len(sessions) != 6:
                return False
            return (
                sessions["Yuki Tanaka"].status == "completed"
                and sessions["Priya Nair"].attempt_status == "expired"
                and {"camera_denied", "camera_restored"}
                <= event_types(core, sessions["Tom Becker"].session_id)
                and "no_face" in event_types(core, sessions["Marco Rossi"].session_id)
                and "multiple_faces" in event_types(core, sessions["Aisha Bello"].session_id)
            )

        qtbot.waitUntil(scripted_events_arrived, timeout=30_000)
    finally:
        kiosks.stop()
    sessions = by_name()
    assert all(s.snapshot_count >= 1 for s in sessions.values())
    assert {"focus_lost", "focus_regained"} <= event_types(core, sessions["Yuki Tanaka"].session_id)
    assert sessions["Lina Haddad"].status == "active"
    assert kiosks.stats.failures == 0


def test_demo_frames_hold_the_faces_the_scene_asks_for():
    import cv2
    import numpy as np

    cascade = cv2.CascadeClassifier(
        cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    frames = DemoFrames(seed=3)
    counts = {}
    for scene in (Scene.ONE_PERSON, Scene.NOBODY, Scene.TWO_PEOPLE):
        gray = cv2.imdecode(np.frombuffer(frames.frame(scene, 2), np.uint8),
                            cv2.IMREAD_REDUCED_GRAYSCALE_2)
        counts[scene] = len(cascade.detectMultiScale(gray, 1.1, 5, minSize=(30, 30)))
    assert counts == {Scene.ONE_PERSON: 1, Scene.NOBODY: 0, Scene.TWO_PEOPLE: 2}


def test_an_empty_room_in_the_demo_is_not_mistaken_for_a_frozen_camera():
    from core.analysis import decode_gray, inspect_frame, load_face_cascade, small_copy

    frames, cascade = DemoFrames(seed=1), load_face_cascade()
    previous = small_copy(decode_gray(frames.frame(Scene.NOBODY, 0), 320))
    findings = inspect_frame(decode_gray(frames.frame(Scene.NOBODY, 1), 320), cascade, previous)
    assert findings.cues == ("no_face",)

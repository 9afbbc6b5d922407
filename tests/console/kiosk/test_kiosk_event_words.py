"""The kiosk's sentences on the proctor's timeline go with their template's code and values:
kept in the spool across a restart, delivered to a real server (an event spooled before codes
existed still goes, with its English detail alone), and a camera's sentence carries the code
of the words the candidate reads."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from console.kiosk.camera.camera_link import CameraLink
from console.kiosk.camera.frame_sources import frame_source_for
from console.kiosk.event_words import CAMERA_EVENT_MESSAGES, kiosk_words
from console.kiosk.uploads.upload_link import UploadLink
from console.kiosk.uploads.upload_spool import UploadSpool
from tests.console.kiosk.kiosk_support import FAST

TS_FILE = Path(__file__).resolve().parents[3] / "resources" / "translations" / "proctor_ar.ts"


def test_an_events_code_and_values_survive_a_restart_of_the_kiosk(tmp_path):
    said = kiosk_words("kiosk_back_in_exam_window", away_seconds=75)
    UploadSpool(tmp_path, "attempt-1").add_event("focus_regained", said.detail,
                                                 detail_code=said.code,
                                                 detail_params=said.params)
    [event] = UploadSpool(tmp_path, "attempt-1").pending_events()
    assert (event.detail, event.detail_code, event.detail_params) == (
        "Back in the exam window after 75 s.", "kiosk_back_in_exam_window",
        {"away_seconds": 75})


def test_a_coded_event_and_one_spooled_before_codes_existed_both_reach_the_center(
        qtbot, server, kiosk_exam, tmp_path):
    with server.kiosk() as kiosk:
        started = kiosk.start_attempt(kiosk_exam.exam_id, "C-7", "Omar Khalid")
    link = UploadLink(tmp_path / "spool", started.attempt_id, server.url, started.token, FAST)
    old = link.spool.event_folder / "01700000000000000000-0b5e.json"
    old.write_text(json.dumps({"type": "focus_lost", "detail": "The exam window lost focus."}))
    said = kiosk_words("kiosk_upload_failed", tries=4, error="timed out", waiting=3)
    try:
        link.start()
        with qtbot.waitSignal(link.event_delivered, timeout=5000,
                              check_params_cb=lambda _id, kind: kind == "upload_failed"):
            link.spool.add_event("upload_failed", said.detail, cause="center_unreachable",
                                 detail_code=said.code, detail_params=said.params)
            link.drain()
    finally:
        link.stop()
    events = {e.type: (e.detail, e.detail_code, e.detail_params)
              for e in server.core.proctoring.get_session(started.proctor_session_id).events}
    assert events["focus_lost"] == ("The exam window lost focus.", None, None)
    assert events["upload_failed"] == (
        "Snapshot upload failed 4 times (timed out); 3 snapshot(s) are kept on the kiosk and "
        "will be sent when possible.", "kiosk_upload_failed",
        {"tries": 4, "error": "timed out", "waiting": 3})


def test_a_missing_video_file_is_reported_with_the_code_of_the_candidates_sentence(
        qtbot, tmp_path):
    missing = tmp_path / "exam.mp4"
    camera = CameraLink(frame_source_for(str(missing)), UploadSpool(tmp_path, "attempt-1"),
                        FAST, interval_seconds=30)
    try:
        with qtbot.waitSignal(camera.event_happened, timeout=5000) as denied:
            camera.start((160, 120))
    finally:
        camera.stop()
    assert denied.args == ["camera_denied", f"The video file {missing} does not exist.",
                           "kiosk_video_file_missing", {"path": str(missing)}]


def test_every_coded_camera_sentence_is_one_the_kiosk_says_to_the_candidate():
    """The codes' templates are the ``CameraWords`` sources word for word (a changed sentence
    without its code here would be recorded without one)."""
    spoken = {message.findtext("source")
              for context in ET.parse(TS_FILE).getroot().iter("context")
              if context.findtext("name") == "CameraWords"
              for message in context.iter("message")}
    assert set(CAMERA_EVENT_MESSAGES.values()) <= spoken

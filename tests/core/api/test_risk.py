"""Risk follows evidence. Kiosk and analysis events raise a session's risk_score by the
weights documented in core/domain/risk.py, capped at 100; a proctor flag counts once; the level
reads low/medium/high. Checked where a proctor sees it: the session list."""

from __future__ import annotations

from datetime import timedelta

import pytest

from core.domain.risk import DEFAULT_RISK_WEIGHTS, HIGH_FROM, MEDIUM_FROM
from tests.core.api.support import admin_client, kiosk_client, start_kiosk
from tests.helpers import jpeg_bytes, new_snapshot_id

W = DEFAULT_RISK_WEIGHTS


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1")


def risk(live_server) -> tuple[int, str]:
    with admin_client(live_server) as admin:
        [session] = admin.list_sessions()
    return session.risk_score, session.risk_level


def report(live_server, kiosk, event_type: str) -> None:
    with kiosk_client(live_server) as client:
        client.record_event(kiosk.attempt_id, event_type, token=kiosk.token)


def test_each_evidence_event_adds_its_weight_and_the_level_follows(live_server, kiosk):
    assert risk(live_server) == (0, "low")
    expected = 0
    for event_type in ("focus_lost", "camera_denied", "upload_failed", "no_face",
                       "multiple_faces"):
        report(live_server, kiosk, event_type)
        expected += W[event_type]
        level = "high" if expected >= HIGH_FROM else "medium" if expected >= MEDIUM_FROM else "low"
        assert risk(live_server) == (expected, level), event_type
    assert expected == 61  # 8 + 15 + 3 + 10 + 25: the walk passed through all three levels


def test_events_that_are_not_evidence_add_nothing(live_server, kiosk):
    for event_type in ("focus_regained", "camera_restored"):
        report(live_server, kiosk, event_type)
    with admin_client(live_server) as admin:
        warning_id = admin.warn_session(kiosk.session_id, "Please face the camera")
    with kiosk_client(live_server) as client:
        client.acknowledge_warning(kiosk.attempt_id, warning_id, token=kiosk.token)
    assert risk(live_server) == (0, "low")


def test_the_score_is_capped_at_100(live_server, kiosk):
    for _ in range(5):
        report(live_server, kiosk, "multiple_faces")
    assert risk(live_server) == (100, "high")
    report(live_server, kiosk, "focus_lost")
    assert risk(live_server) == (100, "high")


def test_a_proctor_flag_raises_the_score_once(live_server, kiosk):
    report(live_server, kiosk, "focus_lost")
    with admin_client(live_server) as admin:
        flagged = admin.flag_session(kiosk.session_id, "Looking away repeatedly")
        assert (flagged.is_flagged, flagged.flag_reason) == (True, "Looking away repeatedly")
        assert flagged.risk_score == W["focus_lost"] + W["flagged"]
        again = admin.flag_session(kiosk.session_id, "Other", note="Phone on the desk")
    assert again.risk_score == W["focus_lost"] + W["flagged"]
    assert (again.flag_reason, again.flag_note) == ("Other", "Phone on the desk")
    assert risk(live_server) == (38, "medium")


def test_analysis_findings_raise_the_score_with_source_analysis(live_server, kiosk):
    core = live_server.core
    snapshot_id = new_snapshot_id()
    core.snapshots.record_snapshot(kiosk.attempt_id, snapshot_id, jpeg_bytes())

    core.snapshots.record_analysis(snapshot_id, 2, ("multiple_faces",),
                                   [("multiple_faces", "2 faces in view")])

    assert risk(live_server) == (W["multiple_faces"], "low")
    with admin_client(live_server) as admin:
        detail = admin.get_session(kiosk.session_id)
        [snapshot] = admin.list_snapshots(kiosk.session_id)
    assert (detail.events[0].type, detail.events[0].source) == (
        "multiple_faces", "analysis")
    assert detail.latest_face_count == 2
    assert (snapshot.face_count, snapshot.analysis) == (2, "multiple_faces")


@pytest.mark.parametrize("core_env", [{"PROCTOR_ANALYSIS": "0",
                                       "PROCTOR_RISK_WEIGHTS": "focus_lost=45"}])
def test_weights_can_be_set_with_proctor_risk_weights(live_server, kiosk):
    report(live_server, kiosk, "focus_lost")
    assert risk(live_server) == (45, "medium")


def test_frames_of_many_sessions_stored_in_one_write_give_each_session_its_own_risk(
        core, exam, clock):
    # The analysis stores a batch of frames of many sessions at once: each session's risk must
    # be what storing its frames one at a time gives, with its own candidate's exemptions.
    from core.services.snapshots import AnalysisResult

    core.proctoring.set_accommodation(exam.exam_id, "EXEMPT-1", exempt=["no_face"])
    core.proctoring.set_accommodation(exam.exam_id, "EXEMPT-2", exempt=["no_face"])
    pairs = [tuple(start_kiosk(core, exam.exam_id, f"{ref}-{n}") for n in (1, 2))
             for ref in ("MANY", "NOFACE", "EXEMPT")]

    def results(kiosk, findings) -> list[AnalysisResult]:
        stored, first_at = [], clock.now() - timedelta(minutes=10)
        for n, (face_count, cues, events) in enumerate(findings):
            snapshot_id = new_snapshot_id()  # 50 s apart: an episode's length weighs
            core.snapshots.record_snapshot(kiosk.attempt_id, snapshot_id, jpeg_bytes(),
                                           captured_at=first_at + timedelta(seconds=50 * n))
            stored.append(AnalysisResult(snapshot_id, face_count, cues, events))
        return stored

    # an event, the episode going on for 150 s without one, then over
    many = [(2, ("multiple_faces",), (("multiple_faces", None),)),
            *[(2, ("multiple_faces",), ())] * 3, (1, (), ())]
    no_face = [(0, ("no_face",), (("no_face", None),)), (0, ("no_face",), ())]
    batched, one_by_one = [], []
    for (first, second), findings in zip(pairs, (many, no_face, no_face), strict=True):
        batched.append(results(first, findings))
        one_by_one.append(results(second, findings))
    interleaved = [r for frames in zip(*batched, strict=False) for r in frames] + batched[0][2:]

    core.snapshots.record_analyses(interleaved)
    for frames in one_by_one:
        for result in frames:
            core.snapshots.record_analyses([result])

    scores = {s.candidate_ref: s.risk_score for s in core.proctoring.list_sessions()}
    assert scores["MANY-1"] == scores["MANY-2"] > W["multiple_faces"]  # it lasted: it weighs more
    assert scores["NOFACE-1"] == scores["NOFACE-2"] >= W["no_face"]
    assert scores["EXEMPT-1"] == scores["EXEMPT-2"] == 0

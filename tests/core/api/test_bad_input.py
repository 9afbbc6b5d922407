"""Unknown ids answer 404, invalid bodies 422, actions on ended attempts and sessions
409 — each with a sentence in ``detail`` — and after every refusal nothing stored has changed
(every row of every table, every media file)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from core.bootstrap import Core
from tests.core.api.support import (
    Kiosk,
    assert_readable,
    call,
    nothing_is_stored,
    served_core,
    start_kiosk,
)
from tests.helpers import jpeg_bytes, new_snapshot_id

pytestmark = pytest.mark.db  # one served core (a SQLite file) for the module

GHOST = "0f0f0f0f-0000-4000-8000-000000000000"


@dataclass
class Scene:
    """An exam, a live attempt (``live``, with a warning) and a submitted one (``ended``)."""

    core: Core
    url: str
    exam_id: str
    live: Kiosk
    ended: Kiosk
    warning_id: str

    def ids(self) -> dict[str, str]:
        return {
            "exam": self.exam_id, "ghost": GHOST,
            "live_attempt": self.live.attempt_id, "live_session": self.live.session_id,
            "ended_attempt": self.ended.attempt_id, "ended_session": self.ended.session_id,
            "warning": self.warning_id,
        }

    def secret(self, who: str) -> str:
        return {
            "admin": self.core.config.admin_key,
            "kiosk": self.core.config.kiosk_key,
            "live": self.live.token,
            "ended": self.ended.token,
            # A genuine token for an attempt that does not exist: the id itself is unknown.
            "ghost": self.core.tokens.issue(GHOST),
        }[who]


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Iterator[Scene]:
    with served_core(tmp_path_factory.mktemp("bad-input") / "data") as (core, url):
        exam = core.exams.create_exam("Algebra final", 3600)
        live = start_kiosk(core, exam.exam_id, "C-1")
        ended = start_kiosk(core, exam.exam_id, "C-2")
        core.snapshots.record_snapshot(ended.attempt_id, new_snapshot_id(), jpeg_bytes())
        core.attempts.submit_attempt(ended.attempt_id)
        warning = core.proctoring.warn_session(live.session_id, "Please face the camera")
        yield Scene(core, url, exam.exam_id, live, ended, warning.warning_id)


def case(name: str, method: str, path: str, who: str, status: int, *,
         json: Any = None, content: bytes | None = None, params: dict | None = None,
         upload: dict | None = None, says: str = "", headers: dict | None = None) -> Any:
    sent = {"json": json, "content": content, "params": params, "upload": upload,
            "headers": headers or {"Content-Type": "application/json"}}
    return pytest.param(method, path, who, status, sent, says, id=name)


FRAME = {"snapshot_id": "new"}

CASES = [
    # ---- unknown ids: 404 ----
    case("heartbeat of an unknown attempt", "GET", "/attempts/{ghost}", "ghost", 404,
         says="No attempt"),
    case("submit of an unknown attempt", "POST", "/attempts/{ghost}/submit", "ghost", 404),
    case("event on an unknown attempt", "POST", "/attempts/{ghost}/events", "ghost", 404,
         json={"type": "focus_lost"}),
    case("snapshot on an unknown attempt", "POST", "/attempts/{ghost}/snapshots", "ghost", 404,
         upload=FRAME),
    case("ack of an unknown warning", "POST", "/attempts/{live_attempt}/warnings/{ghost}/ack",
         "live", 404, says="No warning"),
    case("force-end of an unknown attempt", "POST", "/attempts/{ghost}/force-end", "admin", 404),
    case("start on an unknown exam", "POST", "/attempts", "kiosk", 404, says="No exam",
         json={"exam_id": GHOST, "candidate_ref": "C-3", "candidate_name": "Eve"}),
    case("detail of an unknown session", "GET", "/proctor/sessions/{ghost}", "admin", 404,
         says="No proctor session"),
    case("snapshots of an unknown session", "GET", "/proctor/sessions/{ghost}/snapshots",
         "admin", 404),
    case("image of an unknown snapshot", "GET", "/snapshots/{ghost}/image", "admin", 404,
         says="No snapshot"),
    case("thumbnail of an unknown snapshot", "GET", "/snapshots/{ghost}/thumbnail", "admin", 404),
    case("flag of an unknown session", "POST", "/proctor/sessions/{ghost}/flag", "admin", 404,
         json={"reason": "Other"}),
    case("warning to an unknown session", "POST", "/proctor/sessions/{ghost}/warn", "admin", 404,
         json={"message": "Hello"}),
    case("termination of an unknown session", "POST", "/proctor/sessions/{ghost}/terminate",
         "admin", 404, json={"reason": "Phone"}),
    case("review of an unknown session", "POST", "/proctor/sessions/{ghost}/review", "admin", 404,
         json={"outcome": "no_issue"}),
    # ---- invalid bodies and queries: 422 ----
    case("exam without a body", "POST", "/exams", "admin", 422, says="required"),
    case("exam without a title", "POST", "/exams", "admin", 422, says="'title'",
         json={"duration_seconds": 600}),
    case("exam with an empty title", "POST", "/exams", "admin", 422, says="'title'",
         json={"title": "", "duration_seconds": 600}),
    case("exam lasting zero seconds", "POST", "/exams", "admin", 422, says="'duration_seconds'",
         json={"title": "Quiz", "duration_seconds": 0}),
    case("exam lasting 'an hour'", "POST", "/exams", "admin", 422, says="'duration_seconds'",
         json={"title": "Quiz", "duration_seconds": "an hour"}),
    case("exam body that is not JSON", "POST", "/exams", "admin", 422, says="not valid JSON",
         content=b'{"title": "Quiz",', ),
    case("exam body that is not UTF-8", "POST", "/exams", "admin", 422, says="cannot be read",
         content=b'{"title": "Qu\xefz", "duration_seconds": 600}'),
    case("snapshot form without a boundary", "POST", "/attempts/{live_attempt}/snapshots",
         "live", 422, says="cannot be read", content=b"--frame--",
         headers={"Content-Type": "multipart/form-data"}),
    case("exam body that is a list", "POST", "/exams", "admin", 422, json=["Quiz", 600]),
    case("start without a candidate name", "POST", "/attempts", "kiosk", 422,
         says="'candidate_name'", json={"exam_id": "{exam}", "candidate_ref": "C-3"}),
    case("start with a blank candidate id", "POST", "/attempts", "kiosk", 422,
         says="'candidate_ref'", json={"exam_id": "{exam}", "candidate_ref": "   ",
                                    "candidate_name": "Eve"}),
    case("session list of an unknown status", "GET", "/proctor/sessions", "admin", 422,
         says="'status'", params={"status": "paused"}),
    case("session list with include_samples=maybe", "GET", "/proctor/sessions", "admin", 422,
         params={"include_samples": "maybe"}),
    case("snapshot page of zero", "GET", "/proctor/sessions/{live_session}/snapshots", "admin",
         422, says="'limit'", params={"limit": "0"}),
    case("event of an unknown type", "POST", "/attempts/{live_attempt}/events", "live", 422,
         says="not a known event type", json={"type": "teleported"}),
    case("event of a type only the core writes", "POST", "/attempts/{live_attempt}/events",
         "live", 422, says="cannot report", json={"type": "flagged"}),
    case("event without a type", "POST", "/attempts/{live_attempt}/events", "live", 422,
         says="'type'", json={"detail": "hm"}),
    case("event with a bad event_id", "POST", "/attempts/{live_attempt}/events", "live", 422,
         says="event_id", json={"type": "focus_lost", "event_id": "two words"}),
    case("event at a time that is no time", "POST", "/attempts/{live_attempt}/events", "live",
         422, says="'occurred_at'", json={"type": "focus_lost", "occurred_at": "yesterday"}),
    case("flag without a reason", "POST", "/proctor/sessions/{live_session}/flag", "admin", 422,
         says="'reason'", json={}),
    case("flag with a blank reason", "POST", "/proctor/sessions/{live_session}/flag", "admin",
         422, says="reason", json={"reason": "   "}),
    case("warning without a message", "POST", "/proctor/sessions/{live_session}/warn", "admin",
         422, says="message", json={"message": " "}),
    case("termination without a reason", "POST", "/proctor/sessions/{live_session}/terminate",
         "admin", 422, says="'reason'", json={}),
    case("review with an unknown outcome", "POST", "/proctor/sessions/{ended_session}/review",
         "admin", 422, says="'outcome'", json={"outcome": "dunno"}),
    case("snapshot with an id that is no UUID", "POST", "/attempts/{live_attempt}/snapshots",
         "live", 422, says="UUID", upload={"snapshot_id": "frame-1"}),
    case("snapshot captured at no time", "POST", "/attempts/{live_attempt}/snapshots", "live",
         422, says="captured_at", upload={"snapshot_id": "new", "captured_at": "teatime"}),
    case("snapshot without an image", "POST", "/attempts/{live_attempt}/snapshots", "live", 422,
         says="'image'", upload={"snapshot_id": "new", "no_image": "1"}),
    # ---- ended attempts and sessions: 409 ----
    case("submitting twice", "POST", "/attempts/{ended_attempt}/submit", "ended", 409,
         says="already ended"),
    case("force-ending an ended attempt", "POST", "/attempts/{ended_attempt}/force-end",
         "admin", 409, says="already ended", json={"reason": "Fire"}),
    case("an event after the end", "POST", "/attempts/{ended_attempt}/events", "ended", 409,
         says="already ended", json={"type": "focus_lost"}),
    case("a snapshot after the end", "POST", "/attempts/{ended_attempt}/snapshots", "ended", 409,
         says="already ended", upload=FRAME),
    case("flagging an ended session", "POST", "/proctor/sessions/{ended_session}/flag", "admin",
         409, says="already ended", json={"reason": "Other"}),
    case("warning an ended session", "POST", "/proctor/sessions/{ended_session}/warn", "admin",
         409, says="already ended", json={"message": "Hello"}),
    case("terminating an ended session", "POST", "/proctor/sessions/{ended_session}/terminate",
         "admin", 409, says="already ended", json={"reason": "Phone"}),
    case("reviewing a session still running", "POST", "/proctor/sessions/{live_session}/review",
         "admin", 409, says="still active", json={"outcome": "no_issue"}),
]


@pytest.mark.parametrize(("method", "path", "who", "status", "sent", "says"), CASES)
def test_a_bad_request_is_refused_with_a_sentence_and_changes_nothing(
        scene, method, path, who, status, sent, says):
    ids = scene.ids()
    json, content, upload = sent["json"], sent["content"], sent["upload"]
    kwargs: dict[str, Any] = {"params": sent["params"]}
    if json is not None:
        kwargs["json"] = ({k: v.format(**ids) if isinstance(v, str) else v
                           for k, v in json.items()} if isinstance(json, dict) else json)
    if content is not None:
        kwargs["content"] = content
        kwargs["headers"] = sent["headers"]
    if upload is not None:
        form = dict(upload)
        if form.get("snapshot_id") == "new":
            form["snapshot_id"] = new_snapshot_id()
        if form.pop("no_image", None) is None:
            kwargs["files"] = {"image": ("frame.jpg", jpeg_bytes(), "image/jpeg")}
        else:
            kwargs["files"] = {"note": ("note.txt", b"hello", "text/plain")}
        kwargs["data"] = form

    with nothing_is_stored(scene.core):
        response = call(scene.url, method, path.format(**ids), scene.secret(who), **kwargs)

    detail = assert_readable(response, status)
    assert says in detail


def test_the_refused_requests_left_the_live_attempt_running(scene):
    heartbeat = call(scene.url, "GET", f"/attempts/{scene.live.attempt_id}", scene.live.token)
    assert heartbeat.status_code == 200
    assert heartbeat.json()["status"] == "in_progress"
    assert [w["acknowledged_at"] for w in heartbeat.json()["warnings"]] == [None]

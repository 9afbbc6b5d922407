"""Hostile text: control characters (NUL, escape, carriage return...) are refused with a 422
that names the field, in every text field a kiosk or a proctor sends; newline and tab are kept
in multi-line fields. Booleans are not whole numbers. A property test: any string either comes
back as it was sent (surrounding white space trimmed where the field is trimmed) or is refused
with a 422 naming the field; never a 5xx."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.bootstrap import Core
from tests.core.api.support import (
    API,
    Kiosk,
    assert_readable,
    bearer,
    nothing_is_stored,
    plain_http,
    served_core,
    start_kiosk,
)

pytestmark = pytest.mark.db  # one served core (a SQLite file) for the module


@dataclass
class Scene:
    core: Core
    url: str
    exam_id: str
    client: httpx.Client

    def post(self, path: str, secret: str, body: dict[str, Any]) -> httpx.Response:
        # json.dumps escapes everything outside ASCII, so lone surrogates reach the server too
        return self.client.post(f"{API}{path}", content=json.dumps(body).encode(),
                                headers={**bearer(secret), "Content-Type": "application/json"})

    def kiosk(self) -> Kiosk:
        return start_kiosk(self.core, self.exam_id, f"ref-{uuid.uuid4().hex[:8]}")


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Iterator[Scene]:
    with served_core(tmp_path_factory.mktemp("hostile-text") / "data") as (core, url):
        exam = core.exams.create_exam("Algebra final", 3600)
        with httpx.Client(base_url=url, transport=plain_http(), timeout=20) as client:
            yield Scene(core, url, exam.exam_id, client)


# ---- one sender and one reader per text field -------------------------------------------------
Sent = tuple[httpx.Response, Any]


@dataclass(frozen=True)
class TextField:
    """How a value reaches one stored text field (``prepare`` makes what it needs, e.g. a live
    attempt, before the request) and how the stored value is read back."""

    name: str
    send: Callable[[Scene, Any, str], Sent]
    read: Callable[[Scene, Any], str | None]
    multi_line: bool
    trimmed: bool  # surrounding white space is trimmed on storing
    prepare: Callable[[Scene], Any] = Scene.kiosk


def _nothing(_s: Scene) -> None:
    return None


def _exam_title(s: Scene, _target: None, value: str) -> Sent:
    r = s.post("/exams", s.core.config.admin_key, {"title": value, "duration_seconds": 600})
    return r, r.json().get("exam_id") if r.status_code == 201 else None


def _candidate(field: str) -> Callable[[Scene, Any, str], Sent]:
    def send(s: Scene, _target: None, value: str) -> Sent:
        body = {"exam_id": s.exam_id, "candidate_ref": f"ref-{uuid.uuid4().hex[:8]}",
                "candidate_name": "Ann Lee", field: value}
        r = s.post("/attempts", s.core.config.kiosk_key, body)
        return r, r.json().get("attempt_id") if r.status_code in (200, 201) else None
    return send


def _event_detail(s: Scene, kiosk: Kiosk, value: str) -> Sent:
    r = s.post(f"/attempts/{kiosk.attempt_id}/events", kiosk.token,
               {"type": "focus_lost", "detail": value})
    return r, (kiosk.session_id, r.json().get("event_id")) if r.status_code == 201 else None


def _session_action(path: str, field: str, extra: dict[str, str]
                    ) -> Callable[[Scene, Any, str], Sent]:
    def send(s: Scene, kiosk: Kiosk, value: str) -> Sent:
        r = s.post(f"/proctor/sessions/{kiosk.session_id}/{path}", s.core.config.admin_key,
                   {**extra, field: value})
        return r, kiosk
    return send


def _force_end(s: Scene, kiosk: Kiosk, value: str) -> Sent:
    r = s.post(f"/attempts/{kiosk.attempt_id}/force-end", s.core.config.admin_key,
               {"reason": value})
    return r, kiosk


def _session(s: Scene, kiosk: Kiosk) -> Any:
    return s.core.proctoring.get_session(kiosk.session_id).session


def _event_of(s: Scene, session_id: str, kind: str) -> str | None:
    events = s.core.proctoring.get_session(session_id).events
    return next(e.detail for e in events if e.type == kind)


FIELDS = [
    TextField("title", _exam_title,
              lambda s, exam_id: next(e.title for e in s.core.exams.list_exams()
                                      if e.exam_id == exam_id), False, True, _nothing),
    TextField("candidate_name", _candidate("candidate_name"),
              lambda s, a: s.core.attempts.get_attempt(a).candidate_name, False, True, _nothing),
    TextField("candidate_ref", _candidate("candidate_ref"),
              lambda s, a: s.core.attempts.get_attempt(a).candidate_ref, False, True, _nothing),
    TextField("detail", _event_detail,
              lambda s, ids: next(e.detail for e in s.core.proctoring.get_session(ids[0]).events
                                  if e.event_id == ids[1]), True, False),
    TextField("reason", _session_action("flag", "reason", {}),
              lambda s, k: _session(s, k).flag_reason, False, True),
    TextField("note", _session_action("flag", "note", {"reason": "Looked away"}),
              lambda s, k: _session(s, k).flag_note, True, True),
    TextField("message", _session_action("warn", "message", {}),
              lambda s, k: s.core.attempts.get_attempt(k.attempt_id).warnings[0].message,
              True, True),
    TextField("reason", _session_action("terminate", "reason", {}),
              lambda s, k: _event_of(s, k.session_id, "terminated"), True, True),
    TextField("reason", _force_end,
              lambda s, k: _event_of(s, k.session_id, "terminated"), True, True),
]
FIELD_IDS = ["exam title", "candidate name", "candidate ref", "event detail", "flag reason",
             "flag note", "warning message", "terminate reason", "force-end reason"]


def assert_refused_naming(response: httpx.Response, field: str) -> str:
    detail = assert_readable(response, 422)
    assert f"'{field}'" in detail, detail
    return detail


@pytest.mark.parametrize("field", FIELDS, ids=FIELD_IDS)
@pytest.mark.parametrize("char", ["\x00", "\x1b", "\r", "\x7f", "\x85"],
                         ids=["NUL", "escape", "carriage return", "DEL", "C1 next line"])
def test_a_control_character_is_refused_with_a_422_naming_the_field(scene, field, char):
    target = field.prepare(scene)
    with nothing_is_stored(scene.core):
        response, _ = field.send(scene, target, f"Ann{char}Lee")
    detail = assert_refused_naming(response, field.name)
    assert f"U+{ord(char):04X}" in detail and "control characters" in detail


@pytest.mark.parametrize("field", FIELDS, ids=FIELD_IDS)
def test_newline_and_tab_are_kept_in_multi_line_fields_and_refused_in_one_line_fields(
        scene, field):
    value = "First line\n\tsecond line"
    response, stored_at = field.send(scene, field.prepare(scene), value)
    if field.multi_line:
        assert response.status_code in (200, 201), response.text
        assert field.read(scene, stored_at) == value
    else:
        detail = assert_refused_naming(response, field.name)
        assert "U+000A" in detail


@pytest.mark.parametrize("name, value", [
    ("duration_seconds", True), ("duration_seconds", "600"), ("duration_seconds", 600.0),
    ("snapshot_interval_seconds", False), ("proctoring_enabled", 1),
    ("proctoring_enabled", "yes"),
])
def test_numbers_and_yes_no_fields_take_only_their_own_json_type(scene, name, value):
    body = {"title": "Strict types", "duration_seconds": 600, name: value}
    with nothing_is_stored(scene.core):
        response = scene.post("/exams", scene.core.config.admin_key, body)
    assert_refused_naming(response, name)


def test_a_whole_number_still_creates_the_exam_it_says(scene):
    response = scene.post("/exams", scene.core.config.admin_key,
                          {"title": "One hour", "duration_seconds": 3600,
                           "snapshot_interval_seconds": 2, "proctoring_enabled": False})
    assert response.status_code == 201, response.text
    assert response.json()["duration_seconds"] == 3600
    assert response.json()["proctoring_enabled"] is False


ANY_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(max_codepoint=0xA0), max_size=12),  # dense in control characters
    st.text(st.characters(categories=["Cs", "Zs", "Cc", "Cf", "Lo"]), max_size=12),
)


@pytest.mark.parametrize("field", FIELDS, ids=FIELD_IDS)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(value=ANY_TEXT)
def test_any_text_is_stored_as_sent_or_refused_with_a_422_naming_the_field(scene, field, value):
    response, stored_at = field.send(scene, field.prepare(scene), value)
    assert response.status_code < 500, response.text
    if response.status_code in (200, 201):
        expected = value.strip() if field.trimmed else value
        stored = field.read(scene, stored_at)
        if field.name == "note" and not expected:
            assert stored is None  # an empty note is no note
        elif field.name == "reason" and not expected:  # force-end without a reason
            assert stored
        else:
            assert stored == expected
    else:
        assert_refused_naming(response, field.name)

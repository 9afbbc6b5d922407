"""A refusal whose sentence is one of the center's catalogue also carries its code and its
parameters, so a client can say it in the reader's language; the English sentence stays as it
was, and a refusal outside the catalogue carries no code."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from core.domain.messages import MESSAGES, render
from tests.core.api.support import API, bearer, plain_http, served_core, start_kiosk

pytestmark = pytest.mark.db  # one served core (a SQLite file) for the module


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Iterator[tuple[httpx.Client, dict[str, str], str, str]]:
    with served_core(tmp_path_factory.mktemp("codes") / "data") as (core, url):
        exam = core.exams.create_exam("Algebra final", 3600)
        kiosk = start_kiosk(core, exam.exam_id, "C-1")
        core.proctoring.terminate_session(kiosk.session_id, "Phone on the desk",
                                          actor="Dana Lee")
        core.exams.archive_exam(exam.exam_id)
        with httpx.Client(base_url=url, transport=plain_http(), timeout=30) as client:
            yield client, bearer(core.config.admin_key), exam.exam_id, kiosk.session_id


def test_a_proctor_action_on_a_terminated_session_answers_409_with_its_code_and_who(scene):
    client, admin, _exam_id, session_id = scene
    answer = client.post(f"{API}/proctor/sessions/{session_id}/flag", headers=admin,
                         json={"reason": "looking_away"})
    assert answer.status_code == 409
    body = answer.json()
    assert body["code"] == "already_terminated"
    assert body["params"]["actor"] == "Dana Lee"
    assert body["detail"] == render(body["code"], body["params"])
    assert body["detail"].startswith("Already terminated by Dana Lee at ")


def test_a_kiosk_starting_an_archived_exam_is_told_why_with_the_code(scene):
    client, admin, exam_id, _session_id = scene
    answer = client.post(f"{API}/attempts", headers=admin, json={
        "exam_id": exam_id, "candidate_ref": "C-2", "candidate_name": "Omar Khalid"})
    assert answer.status_code == 409
    assert answer.json() == {
        "detail": render("exam_archived", {"title": "Algebra final"}),
        "code": "exam_archived", "params": {"title": "Algebra final"}}


def test_a_missing_secret_answers_401_with_its_code(scene):
    client, _admin, _exam_id, _session_id = scene
    body = client.get(f"{API}/exams").json()
    assert body == {"detail": MESSAGES["secret_required"], "code": "secret_required",
                    "params": {}}


def test_a_refusal_outside_the_catalogue_has_its_sentence_and_no_code(scene):
    client, admin, _exam_id, _session_id = scene
    answer = client.get(f"{API}/no-such-thing", headers=admin)
    assert answer.status_code == 404
    assert "code" not in answer.json() and "no API endpoint" in answer.json()["detail"]

"""The rest of the center's sentences a person reads carry their code and parameters beside the
English sentence: sign-in and token refusals, secrets not allowed, fields refused, images
refused, a started exam's edit, webhooks; a moment in a parameter is ISO 8601 with its offset,
the English sentence says it as a UTC time of day."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest

from core.domain.messages import render
from tests.core.api.support import API, bearer, plain_http, served_core, start_kiosk, upload

pytestmark = pytest.mark.db  # one served core (a SQLite file) for the module


@pytest.fixture(scope="module")
def scene(tmp_path_factory) -> Iterator[dict[str, Any]]:
    with served_core(tmp_path_factory.mktemp("words") / "data") as (core, url):
        exam = core.exams.create_exam("Algebra final", 3600)
        kiosk = start_kiosk(core, exam.exam_id, "C-1")
        ended = start_kiosk(core, exam.exam_id, "C-2")
        core.proctoring.terminate_session(ended.session_id, "Phone on the desk", actor="Dana Lee")
        core.proctors.create_proctor("dana", "Dana Lee", "correct horse battery")
        with httpx.Client(base_url=url + API, transport=plain_http(), timeout=30) as client:
            yield {"client": client, "url": url, "admin": bearer(core.config.admin_key),
                   "exam_id": exam.exam_id, "kiosk": kiosk, "ended": ended}


def coded(answer: httpx.Response, status: int, code: str) -> dict[str, str]:
    """The answer's parameters, after checking its status, code and English sentence."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert body["code"] == code, body
    assert body["detail"] == render(code, body["params"])
    return dict(body["params"])


def sign_in(client: httpx.Client, password: str) -> httpx.Response:
    return client.post("/auth/login", json={"username": "dana", "password": password})


def test_a_wrong_password_and_a_signed_out_token_answer_401_with_their_codes(scene):
    client = scene["client"]
    coded(sign_in(client, "not the password"), 401, "sign_in_refused")
    token = sign_in(client, "correct horse battery").json()["token"]
    assert client.post("/auth/logout", headers=bearer(token)).status_code == 204
    answer = client.get("/exams", headers=bearer(token))
    coded(answer, 401, "token_signed_out")
    assert "invalid_token" in answer.headers["WWW-Authenticate"]


def test_a_proctor_token_managing_accounts_is_refused_with_the_admin_keys_code(scene):
    client = scene["client"]
    token = sign_in(client, "correct horse battery").json()["token"]
    coded(client.get("/proctors", headers=bearer(token)), 403, "not_allowed_manage_proctors")


def test_a_field_refused_by_its_schema_names_the_field_and_the_limit(scene):
    client, admin = scene["client"], scene["admin"]
    answer = client.post("/exams", headers=admin,
                         json={"title": "x" * 201, "duration_seconds": 60})
    assert coded(answer, 422, "field_too_long") == {"field": "title", "limit": "200"}
    assert answer.json()["errors"][0]["code"] == "field_too_long"
    missing = client.post("/exams", headers=admin, json={"duration_seconds": 60})
    assert coded(missing, 422, "field_required") == {"field": "title"}


def test_an_upload_that_is_not_an_image_is_refused_with_its_code(scene):
    kiosk = scene["kiosk"]
    answer = upload(scene["url"], kiosk.attempt_id, kiosk.token, b"plain text, not a picture")
    coded(answer, 415, "image_not_jpeg_or_png")


def test_editing_a_started_exams_duration_is_refused_naming_the_fields(scene):
    client, admin = scene["client"], scene["admin"]
    answer = client.patch(f"/exams/{scene['exam_id']}", headers=admin,
                          json={"duration_seconds": 600, "snapshot_interval_seconds": 10})
    params = coded(answer, 409, "exam_already_started")
    assert params == {"title": "Algebra final", "count": "2",
                      "fields": "duration_seconds,snapshot_interval_seconds"}
    assert "not its duration or snapshot interval;" in answer.json()["detail"]


def test_a_webhook_with_a_bad_address_is_refused_with_its_code(scene):
    client, admin = scene["client"], scene["admin"]
    answer = client.post("/webhooks", headers=admin,
                         json={"url": "ftp://exams.example.org", "events": ["attempt.submitted"]})
    coded(answer, 422, "webhook_url_invalid")


def test_a_moment_in_the_parameters_is_iso_8601_and_the_sentence_says_it_in_utc(scene):
    client, admin = scene["client"], scene["admin"]
    answer = client.post(f"/proctor/sessions/{scene['ended'].session_id}/flag", headers=admin,
                         json={"reason": "looking_away"})
    params = coded(answer, 409, "already_terminated")
    moment = datetime.fromisoformat(params["at"])
    assert moment.utcoffset() is not None
    assert answer.json()["detail"] == (
        f"Already terminated by Dana Lee at {moment:%H:%M} UTC.")


def test_an_accommodation_exempting_what_cannot_be_exempted_is_refused_with_its_code(scene):
    client, admin = scene["client"], scene["admin"]
    answer = client.put(f"/exams/{scene['exam_id']}/accommodations/C-9", headers=admin,
                        json={"exempt": ["flagged"]})
    assert coded(answer, 422, "not_exemptable")["kind"] == "flagged"

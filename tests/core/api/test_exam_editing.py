"""Editing and archiving exams over real HTTP: an exam nobody started changes in every field;
once a candidate has started it only its title may change and anything else is refused (409,
a sentence, nothing stored); an archived exam leaves kiosks' list, cannot be started anew,
and its running attempts go on."""

from __future__ import annotations

import pytest

from tests.core.api.support import assert_readable, call, nothing_is_stored, start_kiosk


@pytest.fixture
def url(live_server) -> str:
    return live_server.url


@pytest.fixture
def admin_key(core) -> str:
    return core.config.admin_key


@pytest.fixture
def kiosk_key(core) -> str:
    return core.config.kiosk_key


def kiosk_titles(url: str, kiosk_key: str) -> list[str]:
    response = call(url, "GET", "/exams", kiosk_key)
    assert response.status_code == 200
    return [e["title"] for e in response.json()]


def test_an_exam_nobody_started_changes_in_every_field(url, admin_key, exam, core):
    response = call(url, "PATCH", f"/exams/{exam.exam_id}", admin_key, json={
        "title": "Algebra final (resit)", "duration_seconds": 5400,
        "proctoring_enabled": False, "snapshot_interval_seconds": 60,
    })
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["title"], body["duration_seconds"], body["proctoring_enabled"],
            body["snapshot_interval_seconds"], body["is_archived"], body["attempt_count"]) == (
        "Algebra final (resit)", 5400, False, 60, False, 0)
    stored = core.exams.get_exam(exam.exam_id)
    assert (stored.title, stored.duration_seconds, stored.proctoring_enabled,
            stored.snapshot_interval_seconds) == ("Algebra final (resit)", 5400, False, 60)


def test_a_patch_changes_only_the_fields_it_names(url, admin_key, exam):
    response = call(url, "PATCH", f"/exams/{exam.exam_id}", admin_key,
                    json={"duration_seconds": 1800})
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["duration_seconds"],
            response.json()["snapshot_interval_seconds"]) == ("Algebra final", 1800, 30)


def test_a_started_exam_may_still_change_its_title(url, admin_key, exam, core):
    start_kiosk(core, exam.exam_id, "C-1")
    response = call(url, "PATCH", f"/exams/{exam.exam_id}", admin_key,
                    json={"title": "Algebra final, group B", "duration_seconds": 3600})
    assert response.status_code == 200, response.text  # the same duration is no change
    assert response.json()["title"] == "Algebra final, group B"
    assert response.json()["attempt_count"] == 1
    [session] = core.proctoring.list_sessions()
    assert session.exam_title == "Algebra final, group B"


def test_a_started_exam_refuses_other_changes_with_a_sentence(url, admin_key, exam, core):
    start_kiosk(core, exam.exam_id, "C-1")
    start_kiosk(core, exam.exam_id, "C-2")
    with nothing_is_stored(core):
        response = call(url, "PATCH", f"/exams/{exam.exam_id}", admin_key, json={
            "title": "Renamed too", "duration_seconds": 600, "snapshot_interval_seconds": 10})
    detail = assert_readable(response, 409)
    assert detail == (
        "2 candidates have already started “Algebra final”, so only its title can change now, "
        "not its duration or snapshot interval; for that, create a new exam and archive this one."
    )


def test_edits_with_bad_values_are_refused_and_change_nothing(url, admin_key, exam, core):
    for body in ({"title": "   "}, {"duration_seconds": 0}, {"snapshot_interval_seconds": 1},
                 {"title": "x" * 201}):
        with nothing_is_stored(core):
            assert_readable(call(url, "PATCH", f"/exams/{exam.exam_id}", admin_key, json=body),
                            422)


def test_editing_or_archiving_an_unknown_exam_answers_404(url, admin_key):
    assert_readable(call(url, "PATCH", "/exams/nope", admin_key, json={"title": "A"}), 404)
    assert_readable(call(url, "POST", "/exams/nope/archive", admin_key), 404)


def test_kiosks_may_neither_edit_nor_archive(url, kiosk_key, exam, core):
    with nothing_is_stored(core):
        assert_readable(call(url, "PATCH", f"/exams/{exam.exam_id}", kiosk_key,
                             json={"title": "Mine now"}), 403)
        assert_readable(call(url, "POST", f"/exams/{exam.exam_id}/archive", kiosk_key), 403)
        assert_readable(call(url, "POST", f"/exams/{exam.exam_id}/archive", None), 401)


def test_an_archived_exam_leaves_the_kiosks_list(url, admin_key, kiosk_key, exam, core):
    core.exams.create_exam("Physics", 1200)
    assert sorted(kiosk_titles(url, kiosk_key)) == ["Algebra final", "Physics"]
    response = call(url, "POST", f"/exams/{exam.exam_id}/archive", admin_key)
    assert response.status_code == 200
    assert response.json()["is_archived"] is True
    assert kiosk_titles(url, kiosk_key) == ["Physics"]
    again = call(url, "POST", f"/exams/{exam.exam_id}/archive", admin_key)
    assert again.status_code == 200 and again.json()["is_archived"] is True


def test_the_admin_may_list_archived_exams_and_kiosks_may_not(url, admin_key, kiosk_key, exam):
    call(url, "POST", f"/exams/{exam.exam_id}/archive", admin_key)
    everything = call(url, "GET", "/exams?include_archived=true", admin_key).json()
    assert [(e["title"], e["is_archived"]) for e in everything] == [("Algebra final", True)]
    assert call(url, "GET", "/exams", admin_key).json() == []
    assert_readable(call(url, "GET", "/exams?include_archived=true", kiosk_key), 403)


def test_a_running_attempt_goes_on_after_its_exam_is_archived(url, admin_key, kiosk_key, exam,
                                                             core):
    kiosk = start_kiosk(core, exam.exam_id, "C-1", "Ann Lee")
    call(url, "POST", f"/exams/{exam.exam_id}/archive", admin_key)
    heartbeat = call(url, "GET", f"/attempts/{kiosk.attempt_id}", kiosk.token)
    assert heartbeat.status_code == 200
    assert heartbeat.json()["status"] == "in_progress"
    event = call(url, "POST", f"/attempts/{kiosk.attempt_id}/events", kiosk.token,
                 json={"type": "focus_lost"})
    assert event.status_code == 201
    resumed = call(url, "POST", "/attempts", kiosk_key, json={
        "exam_id": exam.exam_id, "candidate_ref": "C-1", "candidate_name": "Ann Lee"})
    assert resumed.status_code == 200  # the kiosk restarted: the same attempt
    assert resumed.json()["attempt_id"] == kiosk.attempt_id
    submitted = call(url, "POST", f"/attempts/{kiosk.attempt_id}/submit", kiosk.token)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"


def test_no_new_attempt_starts_on_an_archived_exam(url, admin_key, kiosk_key, exam, core):
    call(url, "POST", f"/exams/{exam.exam_id}/archive", admin_key)
    with nothing_is_stored(core):
        response = call(url, "POST", "/attempts", kiosk_key, json={
            "exam_id": exam.exam_id, "candidate_ref": "C-9", "candidate_name": "Bo Chen"})
    assert assert_readable(response, 409) == (
        "“Algebra final” is archived, so no new attempt can start; ask the proctor to restore "
        "it or choose another exam.")


def test_a_restored_exam_is_listed_and_startable_again(url, admin_key, kiosk_key, exam):
    call(url, "POST", f"/exams/{exam.exam_id}/archive", admin_key)
    restored = call(url, "POST", f"/exams/{exam.exam_id}/restore", admin_key)
    assert restored.status_code == 200 and restored.json()["is_archived"] is False
    assert kiosk_titles(url, kiosk_key) == ["Algebra final"]
    started = call(url, "POST", "/attempts", kiosk_key, json={
        "exam_id": exam.exam_id, "candidate_ref": "C-9", "candidate_name": "Bo Chen"})
    assert started.status_code == 201

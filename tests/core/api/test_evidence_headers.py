"""Evidence answers (a snapshot's image, thumbnail and record, a session's snapshot list) carry
``X-Content-Type-Options: nosniff`` and ``Cache-Control: no-store``: no browser guesses another
type for a candidate's picture, and no cache keeps a copy. A real server on a real port."""

from __future__ import annotations

import pytest

from tests.core.api.support import assert_readable, call, start_kiosk, upload
from tests.helpers import jpeg_bytes


@pytest.fixture
def stored(live_server, exam) -> tuple[str, str]:
    kiosk = start_kiosk(live_server.core, exam.exam_id, "C-1")
    response = upload(live_server.url, kiosk.attempt_id, kiosk.token, jpeg_bytes())
    assert response.status_code == 201, response.text
    return kiosk.session_id, response.json()["snapshot_id"]


def evidence_headers(response) -> tuple[str | None, str | None]:
    return response.headers.get("X-Content-Type-Options"), response.headers.get("Cache-Control")


@pytest.mark.parametrize("path", [
    "/snapshots/{snapshot_id}/image",
    "/snapshots/{snapshot_id}/thumbnail",
    "/snapshots/{snapshot_id}",
    "/proctor/sessions/{session_id}/snapshots",
])
def test_evidence_answers_are_not_sniffed_and_not_stored(live_server, stored, path):
    session_id, snapshot_id = stored
    response = call(live_server.url, "GET", path.format(session_id=session_id,
                                                        snapshot_id=snapshot_id),
                    live_server.core.config.admin_key)

    assert response.status_code == 200, response.text
    assert evidence_headers(response) == ("nosniff", "no-store")
    assert response.headers.get_list("Cache-Control") == ["no-store"]


def test_an_evidence_route_refusing_an_unknown_snapshot_is_not_stored_either(live_server):
    response = call(live_server.url, "GET", "/snapshots/no-such-snapshot/image",
                    live_server.core.config.admin_key)

    assert_readable(response, 404)
    assert evidence_headers(response) == ("nosniff", "no-store")

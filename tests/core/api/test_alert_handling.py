"""Alerts a team shares, over real HTTP: a proctor acknowledges or dismisses a session's alert,
recorded with who did it for every console to read back; dismissing an unanswered warning's
alert clears the warning, and the kiosk's heartbeat says so (the candidate may continue)."""

from __future__ import annotations

import pytest

from tests.core.api.support import assert_readable, call, start_kiosk
from tests.core.api.test_exam_day import admin, heartbeat, session_of
from tests.core.api.test_proctor_actors import dana  # noqa: F401  (a fixture: a signed-in proctor)


@pytest.fixture
def kiosk(live_server, exam):
    return start_kiosk(live_server.core, exam.exam_id, "C-1", "Ann Lee")


def handle(live_server, session_id: str, action: str, secret: str, alert: str):
    return call(live_server.url, "POST", f"/proctor/sessions/{session_id}/alerts/{action}",
                secret, json={"alert": alert})


def test_an_acknowledged_alert_is_on_the_timeline_with_who_acknowledged_it(
        live_server, kiosk, dana):  # noqa: F811
    response = handle(live_server, kiosk.session_id, "acknowledge", dana, "high_risk")

    assert response.status_code == 200, response.text
    event = session_of(live_server, kiosk.session_id)["events"][0]
    assert (event["type"], event["detail"], event["actor"]) == (
        "alert_acknowledged", "high_risk", "Dana Lee")


def test_dismissing_a_warnings_alert_clears_the_warning_on_the_kiosks_heartbeat(
        live_server, kiosk):
    warned = call(live_server.url, "POST", f"/proctor/sessions/{kiosk.session_id}/warn",
                  admin(live_server), json={"message": "Eyes on your own screen"})
    warning_id = warned.json()["warning_id"]
    assert heartbeat(live_server, kiosk)["warnings"][0]["cleared_at"] is None

    response = handle(live_server, kiosk.session_id, "dismiss", admin(live_server),
                      f"unanswered_warning:{warning_id}")

    assert response.status_code == 200, response.text
    assert heartbeat(live_server, kiosk)["warnings"][0]["cleared_at"] is not None
    event = session_of(live_server, kiosk.session_id)["events"][0]
    assert (event["type"], event["actor"]) == ("alert_dismissed", "admin")


@pytest.mark.parametrize("alert, says", [
    ("loud_noise", "Unknown alert"),
    ("unanswered_warning", "names its warning"),
    ("unanswered_warning:no-such-warning", "no such warning"),
])
def test_an_unknown_alert_is_refused_with_a_sentence(live_server, kiosk, alert, says):
    response = handle(live_server, kiosk.session_id, "dismiss", admin(live_server), alert)

    assert says in assert_readable(response, 422)


def test_alerts_of_an_unknown_or_sample_session_are_refused(live_server):
    assert handle(live_server, "no-such-session", "dismiss", admin(live_server),
                  "high_risk").status_code == 404
    assert handle(live_server, "sample-1", "acknowledge", admin(live_server),
                  "high_risk").status_code == 409


def test_a_kiosk_key_cannot_dismiss_an_alert(live_server, kiosk):
    response = handle(live_server, kiosk.session_id, "dismiss",
                      live_server.core.config.kiosk_key, "high_risk")
    assert response.status_code in (401, 403)

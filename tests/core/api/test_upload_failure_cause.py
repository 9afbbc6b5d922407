"""The cause of a kiosk's failed uploads, over real HTTP: the center's own outages
(``center_unreachable``, ``center_error``) are kept and shown but never weighed against the
candidate; only an upload the center refused (``refused``, also when no cause is given) is."""

from __future__ import annotations

import pytest

from core.domain.risk import DEFAULT_RISK_WEIGHTS
from tests.core.api.support import (
    admin_client,
    assert_readable,
    call,
    kiosk_client,
    nothing_is_stored,
    start_kiosk,
)

W = DEFAULT_RISK_WEIGHTS


@pytest.fixture
def kiosk(core, exam):
    return start_kiosk(core, exam.exam_id, "C-1", "Ann Lee")


def report(live_server, kiosk, event_type: str, cause: str | None = None) -> None:
    with kiosk_client(live_server) as client:
        client.record_event(kiosk.attempt_id, event_type, "three tries failed",
                            token=kiosk.token, cause=cause)


def risk(live_server) -> tuple[int, str]:
    with admin_client(live_server) as admin:
        [session] = admin.list_sessions()
    return session.risk_score, session.risk_level


@pytest.mark.parametrize("cause", ["center_unreachable", "center_error", "refused"])
def test_the_cause_of_a_failed_upload_is_in_the_session_timeline(live_server, kiosk, cause):
    report(live_server, kiosk, "upload_failed", cause)

    with admin_client(live_server) as admin:
        [latest, _started] = admin.get_session(kiosk.session_id).events
    assert (latest.type, latest.cause, latest.detail) == (
        "upload_failed", cause, "three tries failed")
    raw = call(live_server.url, "GET", f"/proctor/sessions/{kiosk.session_id}",
               live_server.core.config.admin_key).json()["events"]
    assert [e["cause"] for e in raw] == [cause, None]  # session_started has no cause


def test_a_failed_upload_without_a_cause_is_stored_as_refused_and_weighs(live_server, kiosk):
    report(live_server, kiosk, "upload_failed")

    with admin_client(live_server) as admin:
        [latest, _started] = admin.get_session(kiosk.session_id).events
    assert latest.cause == "refused"
    assert risk(live_server) == (W["upload_failed"], "low")


def test_the_centers_outages_add_nothing_to_the_risk(live_server, kiosk):
    # Twenty-five outages would have made a calm candidate high risk (75) at 3 points each.
    for n in range(25):
        report(live_server, kiosk, "upload_failed",
               "center_unreachable" if n % 2 else "center_error")
    assert risk(live_server) == (0, "low")

    report(live_server, kiosk, "focus_lost")
    report(live_server, kiosk, "upload_failed", "refused")
    assert risk(live_server) == (W["focus_lost"] + W["upload_failed"], "low")


def test_an_unknown_cause_is_refused_with_422_and_a_sentence(live_server, kiosk):
    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events",
                        kiosk.token, json={"type": "upload_failed", "cause": "bad_luck"})
    detail = assert_readable(response, 422)
    assert "'bad_luck' is not a known cause" in detail
    assert "center_unreachable, center_error, refused" in detail


def test_a_cause_on_another_event_type_is_refused_with_422(live_server, kiosk):
    with nothing_is_stored(live_server.core):
        response = call(live_server.url, "POST", f"/attempts/{kiosk.attempt_id}/events",
                        kiosk.token, json={"type": "focus_lost", "cause": "center_error"})
    assert "cause is given only with upload_failed events" in assert_readable(response, 422)

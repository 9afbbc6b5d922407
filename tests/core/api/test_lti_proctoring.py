"""LTI 1.3 Proctoring Services: the center as the tool, against a platform written from the
specification (tests/core/api/lti_platform.py: a real HTTP server in the test process; no
independent platform that runs without its whole LMS could be had here). The launch, the
start and end messages and an Assessment Control Service terminate pass; forged, expired,
misaddressed, replayed and unregistered tokens are each refused with their status and a
sentence: a page for the candidate's browser, JSON for a client that asks for it."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from html import unescape
from http.cookiejar import CookieJar, DefaultCookiePolicy
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc.jwk import RSAKey

from core.domain import lti
from core.domain.messages import MESSAGES
from tests.core.api.lti_platform import Platform
from tests.core.api.support import assert_readable, call, parse_time


@pytest.fixture
def platform(live_server, exam) -> Iterator[Platform]:
    with Platform(live_server.core.clock.now) as lms:
        tool = call(live_server.url, "GET", "/lti/tool").json()
        lms.tool_jwks_url, lms.tool_launch_url = tool["jwks_url"], tool["launch_url"]
        lms.tool_login_url = tool["login_url"]
        answer = call(live_server.url, "POST", "/lti/platforms",
                      live_server.core.config.admin_key, json=lms.registration(exam.exam_id))
        assert answer.status_code == 201, answer.text
        yield lms


def start_proctoring(platform: Platform, **kwargs) -> httpx.Response:
    return platform.launch(platform.tool_login_url, "LtiStartProctoring", **kwargs)


def refused_page(answer: httpx.Response, status: int) -> str:
    """The refusal is a page a person can read (the status kept): the sentence of what went
    wrong and what to do next; returns the sentence."""
    assert answer.status_code == status, (answer.status_code, answer.text)
    assert answer.headers["content-type"].startswith("text/html"), answer.headers
    problem = re.search(r"<p id='problem'>(.*?)</p>", answer.text, re.S)
    next_step = re.search(r"<p id='next-step'>(.*?)</p>", answer.text, re.S)
    assert problem and next_step, answer.text
    sentence, todo = unescape(problem.group(1)), unescape(next_step.group(1))
    for text in (sentence, todo):
        assert " " in text and text.endswith("."), text
        assert "Traceback" not in text and "{" not in text, text
    return sentence


def test_a_proctored_launch_starts_the_attempt_and_the_platform_accepts_the_start_message(
        live_server, platform, exam):
    started_at = time.perf_counter()
    page = start_proctoring(platform)
    assert page.status_code == 200, page.text
    assert "user-42" in page.text and exam.title in page.text  # what to type at the kiosk
    accepted = platform.continue_to_assessment(page.text)
    round_trip = time.perf_counter() - started_at
    assert accepted.status_code == 200, platform.refused
    message = platform.started[0]
    assert message[lti.MESSAGE_TYPE] == "LtiStartAssessment"
    assert message[lti.RESOURCE_LINK] == {"id": "quiz-7"}
    assert message[lti.ATTEMPT_NUMBER] == 1
    sessions = call(live_server.url, "GET", "/proctor/sessions",
                    live_server.core.config.admin_key).json()
    assert [(s["candidate_ref"], s["candidate_name"], s["exam_id"]) for s in sessions] == [
        ("user-42", "Ann Lee", exam.exam_id)]
    # The kiosk joins the same attempt with the candidate ID the page showed.
    kiosk = call(live_server.url, "POST", "/attempts", live_server.core.config.kiosk_key,
                 json={"exam_id": exam.exam_id, "candidate_ref": "user-42",
                       "candidate_name": "Ann Lee"})
    assert kiosk.status_code == 200 and kiosk.json()["attempt_id"] == sessions[0]["attempt_id"]
    started_at = time.perf_counter()
    second = start_proctoring(platform, user="user-43")
    assert platform.continue_to_assessment(second.text).status_code == 200
    warm = time.perf_counter() - started_at
    print(f"LTI launch round trip (login, auth, launch, start message): first "
          f"{round_trip * 1000:.0f} ms, then {warm * 1000:.0f} ms")


def test_the_end_message_hands_the_attempt_in(live_server, platform):
    assert start_proctoring(platform).status_code == 200
    page = platform.launch(platform.tool_login_url, "LtiEndAssessment")
    assert page.status_code == 200, page.text
    assert "submitted" in page.text and f"{platform.url}/course" in page.text
    sessions = call(live_server.url, "GET", "/proctor/sessions?status=all",
                    live_server.core.config.admin_key).json()
    assert [s["status"] for s in sessions] == ["completed"]


def test_a_proctors_termination_reaches_the_platforms_control_service(live_server, platform):
    assert start_proctoring(platform).status_code == 200
    core = live_server.core
    session = call(live_server.url, "GET", "/proctor/sessions", core.config.admin_key).json()[0]
    for action, body in (("flag", {"reason": "phone on the desk"}),
                         ("terminate", {"reason": "left the room"})):
        answer = call(live_server.url, "POST", f"/proctor/sessions/{session['session_id']}/"
                      f"{action}", core.config.admin_key, json=body)
        assert answer.status_code == 200, answer.text
    assert core.lti_sender.send_due() == 2
    assert [(c["action"], c["reason_msg"]) for c in platform.controls] == [
        ("flag", "phone on the desk"), ("terminate", "left the room")]
    terminate = platform.controls[1]
    assert terminate["user"] == {"iss": platform.issuer, "sub": "user-42"}
    assert terminate["resource_link"] == {"id": "quiz-7"} and terminate["attempt_number"] == 1
    assert [c["status"] for c in core.lti.controls_of(session["attempt_id"])] == [
        "delivered", "delivered"]


ALL_ACTIONS = ["flag", "pause", "resume", "terminate", "update"]


def test_a_proctors_pause_resume_and_extra_time_reach_the_platforms_control_service(
        live_server, platform):
    assert start_proctoring(platform, acs_actions=ALL_ACTIONS).status_code == 200
    core = live_server.core
    session = call(live_server.url, "GET", "/proctor/sessions", core.config.admin_key).json()[0]
    url = f"/proctor/sessions/{session['session_id']}"
    for action, body in (("pause", {"reason": "fire alarm"}), ("resume", None),
                         ("extra-time", {"minutes": 10, "reason": "the alarm took time"})):
        answer = call(live_server.url, "POST", f"{url}/{action}", core.config.admin_key,
                      json=body)
        assert answer.status_code == 200, answer.text
    # Queued with each action, before anything is sent.
    assert [c["action"] for c in core.lti.controls_of(session["attempt_id"])] == [
        "pause", "resume", "update"]
    ends_at = call(live_server.url, "GET", url, core.config.admin_key).json()["deadline_at"]
    assert core.lti_sender.send_due() == 3
    pause, resume, update = platform.controls
    assert (pause["action"], pause["reason_msg"]) == ("pause", "fire alarm")
    assert resume["action"] == "resume" and "extra_time" not in resume
    assert update["action"] == "update" and update["extra_time"] == 600
    assert "10 min more" in update["reason_msg"] and "the alarm took time" in update["reason_msg"]
    assert parse_time(update["reason_msg"].split("now ends at ")[1].split(". ")[0]) == \
        parse_time(ends_at)
    assert update["user"] == {"iss": platform.issuer, "sub": "user-42"}
    assert [c["status"] for c in core.lti.controls_of(session["attempt_id"])] == [
        "delivered"] * 3


def test_a_pause_is_not_sent_to_a_platform_whose_control_service_does_not_take_it(
        live_server, platform):
    assert start_proctoring(platform, acs_actions=["flag", "terminate"]).status_code == 200
    core = live_server.core
    session = call(live_server.url, "GET", "/proctor/sessions", core.config.admin_key).json()[0]
    url = f"/proctor/sessions/{session['session_id']}"
    assert call(live_server.url, "POST", f"{url}/pause", core.config.admin_key,
                json={"reason": "fire alarm"}).status_code == 200
    assert call(live_server.url, "POST", f"{url}/terminate", core.config.admin_key,
                json={"reason": "left the room"}).status_code == 200
    assert [c["action"] for c in core.lti.controls_of(session["attempt_id"])] == ["terminate"]


def test_a_control_is_tried_again_later_when_the_platforms_token_endpoint_is_down(
        live_server, platform):
    assert start_proctoring(platform).status_code == 200
    core = live_server.core
    session = call(live_server.url, "GET", "/proctor/sessions", core.config.admin_key).json()[0]
    call(live_server.url, "POST", f"/proctor/sessions/{session['session_id']}/terminate",
         core.config.admin_key, json={"reason": "left the room"})
    platform.token_endpoint_down = True
    assert core.lti_sender.send_due() == 1
    [control] = core.lti.controls_of(session["attempt_id"])
    assert control["status"] == "pending" and "no access token" in control["last_error"]
    platform.token_endpoint_down = False
    assert core.lti_sender.send_due() == 0  # not due yet
    core.clock.advance(seconds=10)
    assert core.lti_sender.send_due() == 1
    assert [c["action"] for c in platform.controls] == ["terminate"]


# ---- refusals -----------------------------------------------------------------------------------
def test_a_token_signed_with_another_key_is_refused(platform):
    forged = RSAKey.generate_key(2048, parameters={"kid": "platform-key-1"}, private=True)
    answer = start_proctoring(platform, tamper={"key": forged})
    assert "signature" in refused_page(answer, 401)


def test_an_expired_token_is_refused(platform):
    answer = start_proctoring(platform, tamper={"claims": {"exp": 1_000_000}})
    assert "expired" in refused_page(answer, 401)


def test_a_token_for_another_tool_is_refused(platform):
    answer = start_proctoring(platform, tamper={"claims": {"aud": "someone-else",
                                                           "azp": "someone-else"}})
    assert "meant for" in refused_page(answer, 401)


def test_a_replayed_launch_is_refused(platform):
    assert start_proctoring(platform).status_code == 200
    action, fields = platform.last_post
    again = httpx.post(action, data=fields, timeout=20)
    assert "replayed" in refused_page(again, 401)


def test_a_token_with_another_logins_nonce_is_refused(platform):
    answer = start_proctoring(platform, tamper={"claims": {"nonce": "an-old-nonce"}})
    assert "nonce" in refused_page(answer, 401)


def test_an_unknown_state_is_refused(platform):
    answer = start_proctoring(platform, tamper={"state": "made-up"})
    assert "state" in refused_page(answer, 401)


def test_an_unregistered_issuer_is_refused_at_login_and_at_launch(platform):
    at_login = start_proctoring(platform, tamper={"login_iss": "https://other-lms.example"})
    assert "registered" in refused_page(at_login, 403)
    at_launch = start_proctoring(platform, tamper={"claims": {"iss": "https://other-lms.example"}})
    assert "registered" in refused_page(at_launch, 403)


def test_an_unregistered_deployment_is_refused_at_login_and_at_launch(platform):
    at_login = start_proctoring(platform, tamper={"login_deployment": "deployment-9"})
    assert "deployment" in refused_page(at_login, 403)
    at_launch = start_proctoring(platform, tamper={"claims": {
        lti.DEPLOYMENT_ID: "deployment-9"}})
    assert "deployment" in refused_page(at_launch, 403)


def test_a_launch_addressed_to_another_target_link_uri_is_refused(live_server, platform):
    elsewhere = "https://other-tool.example/lti/launch"
    at_launch = start_proctoring(platform, tamper={"claims": {lti.TARGET_LINK_URI: elsewhere}})
    sentence = refused_page(at_launch, 422)
    assert elsewhere in sentence and platform.tool_launch_url in sentence
    at_login = start_proctoring(platform, tamper={"login_target": elsewhere})
    assert "target link URI" in refused_page(at_login, 422)
    without = start_proctoring(platform, tamper={"claims": {lti.TARGET_LINK_URI: None}})
    assert "lacks its target_link_uri" in refused_page(without, 422)
    assert call(live_server.url, "GET", "/proctor/sessions?status=all",
                live_server.core.config.admin_key).json() == []  # no attempt was started


def test_a_target_link_uri_with_a_query_or_a_trailing_slash_is_the_tools_own(platform):
    own = platform.tool_launch_url
    with_query = start_proctoring(platform, tamper={"claims": {
        lti.TARGET_LINK_URI: own + "?exam=final"}})
    assert with_query.status_code == 200, with_query.text
    with_slash = start_proctoring(platform, user="user-43", tamper={"claims": {
        lti.TARGET_LINK_URI: own.replace("http://", "HTTP://") + "/"}})
    assert with_slash.status_code == 200, with_slash.text


def state_cookie(answer: httpx.Response) -> tuple[str, set[str]]:
    """The login's Set-Cookie: its name and its attributes (lower case)."""
    [cookie] = answer.headers.get_list("set-cookie")
    name_value, *attributes = (part.strip() for part in cookie.split(";"))
    return name_value.split("=")[0], {a.lower() for a in attributes}


def begin_login(platform: Platform, browser: httpx.Client, *,
                https: bool = False) -> httpx.Response:
    """A login's first step only, as the platform sends the browser to it (``https``: behind
    a proxy that says the browser came over HTTPS)."""
    target = platform.tool_launch_url
    return browser.post(
        platform.tool_login_url,
        headers={"X-Forwarded-Proto": "https"} if https else {},
        data={"iss": platform.issuer, "login_hint": "user-42", "client_id": platform.client_id,
              "target_link_uri": target.replace("http://", "https://") if https else target,
              "lti_deployment_id": platform.deployment_id})


def test_the_login_binds_its_state_to_the_browser_with_a_cookie_for_the_launch(platform):
    with httpx.Client(timeout=20) as browser:
        over_http = begin_login(platform, browser)
        assert over_http.status_code == 302, over_http.text
        state = parse_qs(urlsplit(over_http.headers["location"]).query)["state"][0]
        name, attributes = state_cookie(over_http)
        assert name == f"lti-state-{state}"
        assert {"httponly", "path=/api/v1/lti/launch", "max-age=600"} <= attributes
        assert not any(a.startswith(("samesite", "secure")) for a in attributes)
        # Behind a proxy that says the browser came over HTTPS: SameSite=None; Secure.
        over_https = begin_login(platform, browser, https=True)
        _, attributes = state_cookie(over_https)
        assert {"httponly", "secure", "samesite=none", "partitioned"} <= attributes


def test_a_launch_posted_from_a_browser_that_began_another_login_is_refused(live_server,
                                                                              platform):
    with httpx.Client(timeout=20) as victim:
        assert begin_login(platform, victim).status_code == 302  # the victim's own login
        forced = start_proctoring(platform, posted_from=victim)
        assert "did not begin in this browser" in refused_page(forced, 401)
    assert call(live_server.url, "GET", "/proctor/sessions?status=all",
                live_server.core.config.admin_key).json() == []


def test_a_launch_in_an_iframe_that_blocks_third_party_cookies_still_passes_once(platform):
    no_cookies = CookieJar(DefaultCookiePolicy(blocked_domains=["127.0.0.1"]))
    with httpx.Client(timeout=20, cookies=no_cookies) as iframe:
        page = start_proctoring(platform, browser=iframe)
        assert page.status_code == 200, page.text
        assert not iframe.cookies
        action, fields = platform.last_post
        again = iframe.post(action, data=fields)
    assert "replayed" in refused_page(again, 401)  # the database's check: the state once


def test_the_launch_clears_its_state_cookie(platform):
    with httpx.Client(timeout=20) as browser:
        assert start_proctoring(platform, browser=browser).status_code == 200
        assert not [name for name in browser.cookies if name.startswith("lti-state-")]


def test_a_refusal_page_tells_the_candidate_what_to_do_next(platform):
    expired = start_proctoring(platform, tamper={"claims": {"exp": 1_000_000}})
    refused_page(expired, 401)
    assert "open the exam again" in expired.text
    unregistered = start_proctoring(platform, tamper={"login_iss": "https://other-lms.example"})
    refused_page(unregistered, 403)
    assert "invigilator" in unregistered.text and "administrator" in unregistered.text
    assert expired.headers["cache-control"] == "no-store"


def test_a_client_that_asks_for_json_gets_the_refusal_as_json(platform):
    at_login = start_proctoring(platform, tamper={"login_iss": "https://other-lms.example"},
                                accept="application/json")
    assert "registered" in assert_readable(at_login, 403)
    at_launch = start_proctoring(platform, tamper={"claims": {"exp": 1_000_000}},
                                 accept="application/json")
    assert "expired" in assert_readable(at_launch, 401)


def test_a_refusal_page_and_its_json_carry_the_sentences_code(platform):
    expired = start_proctoring(platform, tamper={"claims": {"exp": 1_000_000}})
    assert refused_page(expired, 401) == MESSAGES["lti_token_expired"]
    assert "<p id='code'>Code: <code>lti_token_expired</code></p>" in expired.text
    as_json = start_proctoring(platform, tamper={"login_iss": "https://other-lms.example"},
                               accept="application/json")
    assert as_json.json()["code"] == "lti_client_not_registered"
    assert as_json.json()["params"]["issuer"] == "'https://other-lms.example'"


def test_a_launch_without_an_exam_says_how_to_set_one(live_server, platform):
    admin = live_server.core.config.admin_key
    [registered] = call(live_server.url, "GET", "/lti/platforms", admin).json()
    assert call(live_server.url, "DELETE", f"/lti/platforms/{registered['platform_id']}",
                admin).status_code == 204
    registration = {**platform.registration(), "exam_id": None}
    assert call(live_server.url, "POST", "/lti/platforms", admin,
                json=registration).status_code == 201
    answer = start_proctoring(platform)
    assert "exam_id" in refused_page(answer, 422)


def test_registering_a_platform_takes_the_admin_key_and_refuses_it_twice(live_server, platform):
    again = call(live_server.url, "POST", "/lti/platforms", live_server.core.config.admin_key,
                 json=platform.registration())
    assert "already registered" in assert_readable(again, 409)
    kiosk = call(live_server.url, "GET", "/lti/platforms", live_server.core.config.kiosk_key)
    assert kiosk.status_code == 403


def test_the_tools_key_set_holds_only_its_public_key(live_server):
    keys = call(live_server.url, "GET", "/lti/jwks").json()["keys"]
    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and "d" not in keys[0]


def test_a_platform_that_rotated_its_key_is_read_again_at_once(platform):
    assert start_proctoring(platform).status_code == 200  # its key set is now kept
    platform.key = RSAKey.generate_key(2048, parameters={"kid": "platform-key-2"},
                                       private=True)
    assert start_proctoring(platform, user="user-43").status_code == 200

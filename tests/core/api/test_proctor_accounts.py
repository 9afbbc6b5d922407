"""Proctor accounts over real HTTP: the admin key creates, lists and disables them; a proctor
signs in for a token that opens the proctor routes (not account management), signs out, and is
locked out for five minutes after five failed sign-ins from one address (only from that address:
a stranger cannot lock a proctor out), however many are tried at once; one address may try twenty
sign-ins a minute. Passwords and tokens are never stored as they are."""

from __future__ import annotations

import json
import logging
import threading
import time
from datetime import timedelta
from typing import Literal

import httpx
import pytest
from argon2 import PasswordHasher
from httpx_sse import connect_sse

from core.bootstrap import build_core
from core.config import CoreConfig
from core.db.engine import UnitOfWork
from core.domain.errors import SignInRefused, TokenRefused
from core.services.proctors import ProctorService
from tests.core.api.support import (
    API,
    assert_readable,
    bearer,
    call,
    database_state,
    nothing_is_stored,
    parse_time,
    plain_http,
)
from tests.core.api.test_change_stream import StreamReader

PASSWORD = "correct horse battery"


def create(live_server, username="dana", display_name="Dana Lee", password=PASSWORD):
    return call(live_server.url, "POST", "/proctors", live_server.core.config.admin_key,
                json={"username": username, "display_name": display_name,
                      "password": password})


def login(url: str, username="dana", password=PASSWORD):
    return call(url, "POST", "/auth/login", json={"username": username, "password": password})


def login_from(address: str, url: str, username="dana", password=PASSWORD) -> httpx.Response:
    """A sign-in from another address of this machine (any 127.x.y.z reaches the server)."""
    transport = httpx.HTTPTransport(verify=False, local_address=address)
    with httpx.Client(base_url=url, timeout=20, transport=transport) as client:
        return client.post(f"{API}/auth/login", json={"username": username, "password": password})


@pytest.fixture
def dana(live_server) -> dict:
    response = create(live_server)
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def token(live_server, dana) -> str:
    response = login(live_server.url)
    assert response.status_code == 200, response.text
    return response.json()["token"]


# ---- accounts -------------------------------------------------------------------------------
def test_an_admin_creates_and_lists_proctors_and_never_sees_a_password(live_server, clock):
    created = create(live_server)
    assert created.status_code == 201, created.text
    body = created.json()
    assert set(body) == {"proctor_id", "username", "display_name", "created_at", "is_disabled"}
    assert (body["username"], body["display_name"], body["is_disabled"]) == (
        "dana", "Dana Lee", False)
    assert parse_time(body["created_at"]) == clock.now()
    create(live_server, "ahmed", "Ahmed Khan", "another long secret")

    listed = call(live_server.url, "GET", "/proctors", live_server.core.config.admin_key)

    assert listed.status_code == 200
    assert [(p["username"], p["display_name"]) for p in listed.json()] == [
        ("ahmed", "Ahmed Khan"), ("dana", "Dana Lee")]
    assert body in listed.json()
    for text in (created.text, listed.text):
        assert PASSWORD not in text and "argon2" not in text and "password" not in text


def test_a_taken_username_answers_409_whatever_its_case(live_server, dana):
    with nothing_is_stored(live_server.core):
        response = create(live_server, username="  Dana ", display_name="Another Dana")
    assert "taken" in assert_readable(response, 409)


@pytest.mark.parametrize("password", ["", "short", "123456789"])
def test_a_password_under_10_characters_answers_422_and_creates_nothing(live_server, password):
    with nothing_is_stored(live_server.core):
        response = create(live_server, password=password)
    assert "password" in assert_readable(response, 422)


def test_a_username_with_spaces_inside_answers_422(live_server):
    with nothing_is_stored(live_server.core):
        response = create(live_server, username="dana lee")
    assert "username" in assert_readable(response, 422).lower()


def test_passwords_are_stored_only_as_salted_argon2_hashes_and_tokens_only_as_digests(
        live_server, token):
    create(live_server, "ahmed", "Ahmed Khan", PASSWORD)  # the same password as Dana's
    stored = json.dumps(database_state(live_server.core.engine), default=str)

    assert PASSWORD not in stored
    assert token not in stored
    hashes = [row[3] for row in database_state(live_server.core.engine)["proctors"]]
    assert len(hashes) == 2 and len(set(hashes)) == 2, "the same password, two different salts"
    assert all(h.startswith("$argon2id$") for h in hashes)


# ---- sign-in --------------------------------------------------------------------------------
def test_a_proctor_signs_in_for_a_token_that_lasts_12_hours(live_server, dana, clock):
    response = login(live_server.url, username="Dana")  # usernames ignore case

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["proctor"] == dana
    assert parse_time(body["expires_at"]) == clock.now() + timedelta(hours=12)
    sessions = call(live_server.url, "GET", "/proctor/sessions", body["token"])
    assert sessions.status_code == 200

    clock.advance(hours=12)
    assert_readable(call(live_server.url, "GET", "/proctor/sessions", body["token"]), 401)


def test_a_wrong_username_and_a_wrong_password_get_the_same_sentence(live_server, dana):
    wrong_password = login(live_server.url, password="not the password")
    wrong_username = login(live_server.url, username="nobody")

    assert assert_readable(wrong_password, 401) == assert_readable(wrong_username, 401)
    assert "token" not in wrong_password.json()


def test_five_failures_lock_the_username_for_five_minutes_with_429_and_retry_after(
        live_server, dana, clock):
    for _ in range(5):
        assert login(live_server.url, password="wrong password").status_code == 401
        clock.advance(seconds=10)

    locked = login(live_server.url)  # the right password, too late

    assert "Too many failed sign-ins" in assert_readable(locked, 429)
    assert locked.headers["Retry-After"] == str(300 - 10)
    assert login(live_server.url, username="someone-else").status_code == 401  # not locked
    clock.advance(minutes=4)
    later = login(live_server.url)
    assert later.status_code == 429 and later.headers["Retry-After"] == str(60 - 10)
    clock.advance(seconds=50)
    assert login(live_server.url).status_code == 200


def test_failures_spread_over_more_than_five_minutes_do_not_lock(live_server, dana, clock):
    for _ in range(8):
        assert login(live_server.url, password="wrong password").status_code == 401
        clock.advance(seconds=80)  # never five within five minutes
    assert login(live_server.url).status_code == 200


def test_the_lockout_is_shared_by_every_server_process_on_the_database(
        live_server, dana, config, clock):
    other = build_core(config, clock)  # a second process: its own core on the same database
    try:
        for _ in range(5):
            with pytest.raises(SignInRefused):
                other.proctors.login("dana", "wrong password", "127.0.0.1")
    finally:
        other.close()

    assert login(live_server.url).status_code == 429


def test_eight_parallel_wrong_passwords_get_only_five_checked_and_three_answered_429(
        live_server, dana):
    start = threading.Barrier(8)
    statuses: list[int] = []

    def try_once() -> None:
        start.wait()
        statuses.append(login(live_server.url, password="wrong password").status_code)

    threads = [threading.Thread(target=try_once) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(statuses) == [401] * 5 + [429] * 3
    assert login(live_server.url).status_code == 429  # the right password, locked


def test_a_strangers_failures_from_another_address_do_not_lock_the_proctor_out(
        live_server, dana):
    for _ in range(5):
        assert login_from("127.0.0.2", live_server.url, password="guess").status_code == 401
    stranger = login_from("127.0.0.2", live_server.url)

    assert "from this computer" in assert_readable(stranger, 429)
    assert login_from("127.0.0.1", live_server.url).status_code == 200


def test_one_address_may_try_twenty_sign_ins_a_minute_whatever_the_usernames(
        live_server, dana, clock):
    for number in range(20):
        assert login(live_server.url, username=f"user{number}").status_code == 401
        clock.advance(seconds=1)

    refused = login(live_server.url)  # Dana's right password, from the same address

    assert "Too many sign-ins from this computer" in assert_readable(refused, 429)
    assert refused.headers["Retry-After"] == str(60 - 20)
    assert login_from("127.0.0.2", live_server.url).status_code == 200
    clock.advance(seconds=40)
    assert login(live_server.url).status_code == 200


# ---- sign-out and disabling -----------------------------------------------------------------
def test_a_signed_out_token_is_refused_from_then_on(live_server, token):
    response = call(live_server.url, "POST", "/auth/logout", token)

    assert response.status_code == 204 and response.content == b""
    assert_readable(call(live_server.url, "GET", "/proctor/sessions", token), 401)
    assert_readable(call(live_server.url, "POST", "/auth/logout", token), 401)


def test_signing_out_ends_only_that_token(live_server, token):
    second = login(live_server.url).json()["token"]
    call(live_server.url, "POST", "/auth/logout", token)
    assert call(live_server.url, "GET", "/proctor/sessions", second).status_code == 200


def test_disabling_a_proctor_refuses_its_tokens_and_its_sign_in(live_server, dana, token):
    response = call(live_server.url, "POST", f"/proctors/{dana['proctor_id']}/disable",
                    live_server.core.config.admin_key)

    assert response.status_code == 200
    assert response.json() == {**dana, "is_disabled": True}
    assert_readable(call(live_server.url, "GET", "/proctor/sessions", token), 401)
    assert "disabled" in assert_readable(login(live_server.url), 401)
    listed = call(live_server.url, "GET", "/proctors", live_server.core.config.admin_key).json()
    assert [p["is_disabled"] for p in listed] == [True]


def test_disabling_an_unknown_proctor_answers_404(live_server):
    response = call(live_server.url, "POST", "/proctors/no-such-proctor/disable",
                    live_server.core.config.admin_key)
    assert_readable(response, 404)


# ---- what a proctor token may do --------------------------------------------------------------
def test_a_proctor_token_may_not_manage_proctors(live_server, dana, token):
    with nothing_is_stored(live_server.core):
        refused = [
            create_with(live_server, token),
            call(live_server.url, "GET", "/proctors", token),
            call(live_server.url, "POST", f"/proctors/{dana['proctor_id']}/disable", token),
        ]
    for response in refused:
        assert "manage proctor accounts" in assert_readable(response, 403)


def create_with(live_server, secret):
    return call(live_server.url, "POST", "/proctors", secret,
                json={"username": "eve", "display_name": "Eve", "password": PASSWORD})


def test_account_routes_refuse_other_secrets(live_server, dana):
    kiosk_key, admin_key = live_server.core.config.kiosk_key, live_server.core.config.admin_key
    assert_readable(create_with(live_server, None), 401)
    assert_readable(create_with(live_server, "made-up-secret-0123456789"), 401)
    assert_readable(create_with(live_server, kiosk_key), 403)
    assert_readable(call(live_server.url, "GET", "/proctors", kiosk_key), 403)
    assert "sign out" in assert_readable(
        call(live_server.url, "POST", "/auth/logout", admin_key), 403)
    assert_readable(call(live_server.url, "POST", "/auth/logout"), 401)


def test_each_ended_sign_in_is_refused_with_a_sentence_that_says_what_happened(
        live_server, dana, clock):
    tokens = [login(live_server.url).json()["token"] for _ in range(2)]
    call(live_server.url, "POST", "/auth/logout", tokens[0])
    signed_out = assert_readable(call(live_server.url, "GET", "/proctor/sessions", tokens[0]), 401)
    clock.advance(hours=12, seconds=1)
    expired = assert_readable(call(live_server.url, "GET", "/proctor/sessions", tokens[1]), 401)
    unknown = assert_readable(call(live_server.url, "GET", "/proctor/sessions",
                                   "made-up-secret-0123456789"), 401)

    assert "signed out" in signed_out and "Sign in again" in signed_out
    assert "expired at" in expired and "12 hours" in expired
    assert "Authorization: Bearer" in unknown
    assert len({signed_out, expired, unknown}) == 3


def test_a_disabled_proctors_token_gets_401_saying_the_account_was_disabled(
        live_server, dana, token):
    call(live_server.url, "POST", f"/proctors/{dana['proctor_id']}/disable",
         live_server.core.config.admin_key)

    for method, path in (("GET", "/proctor/sessions"), ("GET", "/proctor/stream"),
                         ("POST", "/auth/logout")):
        response = call(live_server.url, method, path, token)
        detail = assert_readable(response, 401)
        assert response.headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'
        assert detail.startswith("The proctor account of Dana Lee was disabled by an "
                                 "administrator"), detail


class StreamToTheEnd:
    """Reads a proctor's stream on a thread until it ends; ``last`` is its last message."""

    def __init__(self, url: str, token: str) -> None:
        self.opened, self.ended = threading.Event(), threading.Event()
        self.last: tuple[str, str] | None = None
        self.ended_at = 0.0
        self._client = httpx.Client(base_url=url, transport=plain_http(),
                                    timeout=httpx.Timeout(30, read=60))
        self._token = token
        threading.Thread(target=self._read, daemon=True).start()
        assert self.opened.wait(10), "the stream did not open"

    def _read(self) -> None:
        try:
            with connect_sse(self._client, "GET", f"{API}/proctor/stream",
                             headers=bearer(self._token)) as source:
                assert source.response.status_code == 200
                self.opened.set()
                for sse in source.iter_sse():
                    self.last = (sse.event, sse.data)
        finally:
            self.ended_at = time.monotonic()
            self.ended.set()
            self.opened.set()

    def close(self) -> None:
        self._client.close()


@pytest.mark.parametrize("ending", ["sign-out", "disable", "disable-in-another-process"])
def test_an_open_stream_says_signed_out_with_the_reason_within_3_s_and_ends(
        live_server, config, clock, dana, token, ending):
    stream = StreamToTheEnd(live_server.url, token)
    other = build_core(config, clock) if ending == "disable-in-another-process" else None
    try:
        assert not stream.ended.wait(1.5), "the stream ended before the token was revoked"
        ended_from = time.monotonic()
        if ending == "sign-out":
            call(live_server.url, "POST", "/auth/logout", token)
        elif other is not None:  # a second server process on the same database
            other.proctors.disable_proctor(dana["proctor_id"])
        else:
            call(live_server.url, "POST", f"/proctors/{dana['proctor_id']}/disable",
                 live_server.core.config.admin_key)

        assert stream.ended.wait(10), "the stream went on after its token was revoked"
        assert stream.ended_at - ended_from < 3.0
        assert stream.last is not None and stream.last[0] == "signed_out"
        reason = json.loads(stream.last[1])["reason"]
        assert reason == assert_readable(
            call(live_server.url, "GET", "/proctor/stream", token), 401)
        assert ("disabled" in reason) == ending.startswith("disable")
    finally:
        stream.close()
        if other is not None:
            other.close()


def test_an_open_stream_says_signed_out_when_its_sign_in_expires(live_server, dana, token,
                                                                  clock):
    stream = StreamToTheEnd(live_server.url, token)
    try:
        clock.advance(hours=12)
        assert stream.ended.wait(10)
        assert stream.last is not None and stream.last[0] == "signed_out"
        assert "expired" in json.loads(stream.last[1])["reason"]
    finally:
        stream.close()


def test_a_proctor_token_reads_the_live_stream(live_server, token, exam):
    reader = StreamReader(live_server.url, token)
    try:
        assert reader.status == 200
        live_server.core.exams.create_exam("Chemistry", 1800)
        assert reader.until("exams_changed")[-1].event == "exams_changed"
    finally:
        reader.close()


@pytest.mark.db  # builds its own core
def test_the_sign_in_lifetime_is_configurable(tmp_path, clock):
    config = CoreConfig.load(data_dir=tmp_path / "short",
                             env={"PROCTOR_ANALYSIS": "0", "PROCTOR_PROCTOR_TOKEN_HOURS": "2"})
    core = build_core(config, clock)
    try:
        core.proctors.create_proctor("dana", "Dana Lee", PASSWORD)
        signed_in = core.proctors.login("dana", PASSWORD)
        assert signed_in.expires_at == clock.now() + timedelta(hours=2)
        clock.advance(hours=2)
        with pytest.raises(TokenRefused, match="expired"):
            core.proctors.identify(signed_in.token)
    finally:
        core.close()


def test_no_password_reaches_the_log(live_server, dana, caplog):
    caplog.set_level(logging.DEBUG)
    login(live_server.url, password="wrong password 1")
    create(live_server, username="eve", password="shortpw")
    login(live_server.url)

    assert caplog.records, "the server logged nothing at all: this test would prove nothing"
    for secret in ("wrong password 1", "shortpw", PASSWORD):
        assert secret not in caplog.text


class CountingHasher(PasswordHasher):
    """A real Argon2 hasher that counts its verifications."""

    verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
        CountingHasher.verified += 1
        return super().verify(hash, password)


def test_an_unknown_username_costs_a_hash_check_like_a_known_one(core, clock):
    service = ProctorService(UnitOfWork(core.engine, lambda event: None), clock,
                             hasher=CountingHasher())
    service.create_proctor("dana", "Dana Lee", PASSWORD)
    CountingHasher.verified = 0

    for username in ("dana", "nobody"):
        with pytest.raises(SignInRefused) as refused:
            service.login(username, "wrong password")
        assert refused.value.message == "The username or password is wrong."

    assert CountingHasher.verified == 2

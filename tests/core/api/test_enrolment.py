"""Enrolling a kiosk: the enrolment file and the one-time code, end to end over a real TLS
server; a code works once, for 10 minutes, and wrong codes are limited to ten a minute per
address, in every server process on the database, across a restart and under parallel tries."""

from __future__ import annotations

import json
import stat
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from core.api.app import create_app
from core.api.secure_serving import center_enrolment
from core.api.server import ApiServer
from core.bootstrap import build_core
from core.client import ApiError, ProctorClient
from core.client.enrolment import enrol_with_code
from core.db.models import EnrolmentCode
from core.domain.enrolment_codes import CODE_ALPHABET
from core.net.enrolment_file import (
    EnrolmentFileError,
    read_enrolment_file,
    write_enrolment_file,
)
from core.net.pinning import CenterIdentityChanged, forget_pins
from tests.core.api.support import call
from tests.core.api.tls_support import TlsServer, api, serve_tls


@pytest.fixture
def tls_server(config, clock) -> Iterator[TlsServer]:
    forget_pins()
    yield from serve_tls(config, clock)
    forget_pins()


def new_code(server: TlsServer) -> dict:
    with server.client(server.core.config.admin_key) as admin:
        return admin.request("POST", "/enrolment-codes").json()


def fingerprint_digits(server: TlsServer) -> str:
    """What the console shows next to the code: the first 8 hex digits, grouped."""
    digits = server.certificates.fingerprint[:8].upper()
    return f"{digits[:4]} {digits[4:]}"


def test_an_enrolment_code_is_eight_unambiguous_characters_valid_for_ten_minutes(
        tls_server, clock):
    with tls_server.client(tls_server.core.config.admin_key) as admin:
        response = admin.request("POST", "/enrolment-codes")

    assert response.status_code == 201
    body = response.json()
    first, dash, second = body["code"].partition("-")
    assert dash == "-" and len(first) == len(second) == 4  # K7QM-4XPD, as the README shows
    assert set(first + second) <= set(CODE_ALPHABET)
    assert not set(first + second) & set("01OIL")
    expires = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert expires == clock.now() + timedelta(minutes=10)


def test_an_enrolment_code_comes_with_the_fingerprint_digits_the_kiosk_types(tls_server):
    code = new_code(tls_server)

    fingerprint = tls_server.certificates.fingerprint.upper()
    assert code["fingerprint_digits"] == f"{fingerprint[:4]} {fingerprint[4:8]}"


def test_a_kiosk_enrolled_by_a_code_given_for_a_room_learns_its_room(tls_server):
    with tls_server.client(tls_server.core.config.admin_key) as admin:
        code = admin.request("POST", "/enrolment-codes", json={"room": "Hall 2"}).json()

    enrolment = enrol_with_code(f"127.0.0.1:{tls_server.server.port}", code["code"],
                                code["fingerprint_digits"])

    assert code["room"] == "Hall 2"
    assert enrolment.room == "Hall 2"


def test_a_room_name_longer_than_forty_characters_is_refused_with_a_sentence(tls_server):
    with tls_server.client(tls_server.core.config.admin_key) as admin, \
            pytest.raises(ApiError) as refused:
        admin.request("POST", "/enrolment-codes", json={"room": "R" * 41})

    assert refused.value.status == 422
    assert "'room'" in str(refused.value)


def test_a_kiosk_enrols_by_code_and_the_center_keeps_only_a_hash(tls_server):
    code = new_code(tls_server)["code"]

    enrolment = enrol_with_code(f"127.0.0.1:{tls_server.server.port}", code.lower(),
                                fingerprint_digits(tls_server))

    assert enrolment.kiosk_key == tls_server.core.config.kiosk_key
    assert enrolment.fingerprint == tls_server.certificates.fingerprint
    assert enrolment.server_url == tls_server.url
    with ProctorClient(enrolment.server_url, enrolment.kiosk_key,
                       fingerprint=enrolment.pin) as kiosk:
        assert api(kiosk, "GET", "/exams") == []
    with tls_server.core.engine.connect() as connection:
        stored = [row.code_hash for row in connection.execute(select(EnrolmentCode))]
    assert len(stored) == 1 and code not in stored[0] and code.lower() not in stored[0]


def test_a_code_is_refused_after_it_was_used(tls_server):
    code = new_code(tls_server)["code"]
    address = f"127.0.0.1:{tls_server.server.port}"
    enrol_with_code(address, code, fingerprint_digits(tls_server))

    with pytest.raises(ApiError) as refused:
        enrol_with_code(address, code, fingerprint_digits(tls_server))

    assert refused.value.status == 410
    assert "already used" in refused.value.detail and "new code" in refused.value.detail


def test_a_code_is_refused_after_ten_minutes(tls_server, clock):
    code = new_code(tls_server)["code"]
    clock.advance(minutes=10, seconds=1)

    with tls_server.client() as anonymous, pytest.raises(ApiError) as refused:
        anonymous.request("POST", "/enrol", json={"code": code})

    assert refused.value.status == 410 and "expired" in refused.value.detail


def test_a_code_still_works_just_before_ten_minutes(tls_server, clock):
    code = new_code(tls_server)["code"]
    clock.advance(minutes=9, seconds=59)
    with tls_server.client() as anonymous:
        assert anonymous.request("POST", "/enrol", json={"code": code}).status_code == 200


def test_an_unknown_code_answers_404_with_a_sentence(tls_server):
    with tls_server.client() as anonymous, pytest.raises(ApiError) as refused:
        anonymous.request("POST", "/enrol", json={"code": "ABCD-EFGH"})
    assert refused.value.status == 404 and "not known" in refused.value.detail


def test_wrong_codes_are_rate_limited_even_for_a_right_one_after(tls_server):
    code = new_code(tls_server)["code"]
    with tls_server.client() as anonymous:
        for _ in range(10):
            with pytest.raises(ApiError) as wrong:
                anonymous.request("POST", "/enrol", json={"code": "WRONGWRG"})
            assert wrong.value.status == 404
        with pytest.raises(ApiError) as limited:
            anonymous.request("POST", "/enrol", json={"code": code})

    assert limited.value.status == 429 and "wait" in limited.value.detail


def enrol(url: str, code: str = "WRONGWRG") -> int:
    return call(url, "POST", "/enrol", json={"code": code}).status_code


def test_wrong_codes_count_across_server_processes_and_a_restart(live_server, config, clock):
    for _ in range(5):
        assert enrol(live_server.url) == 404
    other = build_core(config, clock)  # a second process on the same database
    server = ApiServer(create_app(other), "127.0.0.1", 0)
    server.start()
    try:
        for _ in range(5):
            assert enrol(server.url) == 404
        refused = call(server.url, "POST", "/enrol", json={"code": "WRONGWRG"})
    finally:
        server.stop()
        other.close()
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "60"
    assert enrol(live_server.url) == 429

    restarted = build_core(config, clock)  # the center restarted: the count is still there
    server = ApiServer(create_app(restarted), "127.0.0.1", 0)
    server.start()
    try:
        assert enrol(server.url) == 429
        clock.advance(minutes=1)
        assert enrol(server.url) == 404
    finally:
        server.stop()
        restarted.close()


def test_fifteen_parallel_wrong_codes_get_ten_checked_and_five_answered_429(live_server):
    start = threading.Barrier(15)
    statuses: list[int] = []

    def try_once() -> None:
        start.wait()
        statuses.append(enrol(live_server.url))

    threads = [threading.Thread(target=try_once) for _ in range(15)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sorted(statuses) == [404] * 10 + [429] * 5


def test_only_the_admin_key_makes_codes(tls_server):
    with tls_server.client(tls_server.core.config.kiosk_key) as kiosk, \
            pytest.raises(ApiError) as refused:
        kiosk.request("POST", "/enrolment-codes")
    assert refused.value.status == 403


def test_wrong_fingerprint_digits_stop_the_kiosk_before_it_sends_the_code(tls_server):
    code = new_code(tls_server)["code"]
    wrong_digits = "0000 0000" if not tls_server.certificates.fingerprint.startswith(
        "00000000") else "1111 1111"

    with pytest.raises(CenterIdentityChanged) as refused:
        enrol_with_code(f"127.0.0.1:{tls_server.server.port}", code, wrong_digits)

    assert "check the address and the digits" in str(refused.value)

    with tls_server.client() as anonymous:  # the code was never sent, so it still works
        assert anonymous.request("POST", "/enrol", json={"code": code}).status_code == 200


def test_the_enrolment_file_round_trips_and_is_private(tls_server, tmp_path):
    path = write_enrolment_file(tmp_path / "kiosk.enrol.json",
                                center_enrolment(tls_server.core.config, tls_server.url))

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["fingerprint"] == tls_server.pin
    enrolment = read_enrolment_file(path)
    with ProctorClient(enrolment.server_url, enrolment.kiosk_key,
                       fingerprint=enrolment.pin) as kiosk:
        assert api(kiosk, "GET", "/exams") == []


def test_an_enrolment_file_for_a_room_carries_the_room_to_the_kiosk(tls_server, tmp_path):
    path = write_enrolment_file(tmp_path / "kiosk.enrol.json",
                                center_enrolment(tls_server.core.config, tls_server.url, "Hall 2"))

    assert json.loads(path.read_text())["room"] == "Hall 2"
    assert read_enrolment_file(path).room == "Hall 2"


@pytest.mark.parametrize(("content", "says"), [
    ("not json", "not valid JSON"),
    ('{"format": "proctor-console-enrolment", "server_url": "http://x:1", "kiosk_key": "k", '
     '"room": "' + "R" * 41 + '"}', "at most 40 characters"),
    ('{"server_url": "https://x:1"}', "not a kiosk enrolment file"),
    ('{"format": "proctor-console-enrolment", "server_url": "https://x:1", "kiosk_key": "k"}',
     "no fingerprint"),
    ('{"format": "proctor-console-enrolment", "server_url": "https://x:1", "kiosk_key": "k", '
     '"fingerprint": "sha256:abc"}', "64 hex digits"),
])
def test_a_bad_enrolment_file_is_refused_with_a_sentence(tmp_path, content, says):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(EnrolmentFileError, match=says):
        read_enrolment_file(path)


def test_a_center_without_tls_cannot_export_an_enrolment_for_the_network(config):
    with pytest.raises(EnrolmentFileError, match="need the center to use TLS"):
        center_enrolment(config, "http://192.0.2.10:8765")
    local = center_enrolment(config, "http://127.0.0.1:8765")
    assert local.fingerprint is None and local.kiosk_key == config.kiosk_key

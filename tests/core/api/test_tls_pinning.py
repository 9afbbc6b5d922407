"""Kiosks and consoles talk to a TLS center only when it proves the pinned identity: the right
pin uploads, a wrong one sends nothing and says what to do, plain HTTP gets no data."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Iterator

import pytest
from cryptography import x509

from core.client import ProctorClient, ServerUnreachable, ServesHttpsOnly
from core.net.pinning import (
    CenterIdentityChanged,
    CenterNotPinned,
    FingerprintMismatch,
    PinnedTransport,
    forget_pins,
    pinned_connection,
    presented_chain,
    remember_pin,
)
from tests.core.api.tls_support import TlsServer, api, serve_tls, upload
from tests.helpers import jpeg_bytes, new_snapshot_id

#: The pin is checked on the connection, before any request reaches the app (an upload's storage
#: on PostgreSQL is tested by test_snapshot_ingest.py): the PostgreSQL pass (.ci/run) does not
#: repeat these (tests/conftest.py).
pytestmark = pytest.mark.database_independent


@pytest.fixture
def tls_server(config, clock) -> Iterator[TlsServer]:
    forget_pins()
    yield from serve_tls(config, clock)
    forget_pins()


@pytest.fixture
def attempt(tls_server: TlsServer) -> dict:
    exam = tls_server.core.exams.create_exam("Pinned exam", duration_seconds=3600)
    with tls_server.client(tls_server.core.config.kiosk_key) as kiosk:
        return api(kiosk, "POST", "/attempts", json={
            "exam_id": exam.exam_id, "candidate_ref": "C-1", "candidate_name": "Ada Lovelace"})


def stored_snapshots(server: TlsServer, attempt: dict) -> list:
    session = next(s for s in server.core.proctoring.list_sessions("all")
                   if s.attempt_id == attempt["attempt_id"])
    return server.core.proctoring.list_snapshots(session.session_id, None, None)


def test_the_center_serves_https_with_the_pinned_ca_in_its_chain(tls_server):
    host, port = "127.0.0.1", tls_server.server.port
    chain = presented_chain(host, port)

    assert tls_server.url.startswith("https://")
    assert len(chain) == 2
    assert hashlib.sha256(chain[-1]).hexdigest() == tls_server.certificates.fingerprint
    leaf, ca = (x509.load_der_x509_certificate(der) for der in chain)
    leaf.verify_directly_issued_by(ca)


def test_a_client_with_the_right_fingerprint_uploads_a_snapshot(tls_server, attempt):
    with tls_server.client(attempt["token"]) as client:
        response = upload(client, attempt["attempt_id"], new_snapshot_id(), jpeg_bytes())

    assert response.status_code == 201 and response.json()["snapshot_id"]
    assert len(stored_snapshots(tls_server, attempt)) == 1


def test_a_pin_held_for_the_address_that_the_server_does_not_prove_says_the_identity_changed(
        tls_server, attempt):
    remember_pin(tls_server.url, hashlib.sha256(b"another center").hexdigest())

    with ProctorClient(tls_server.url, attempt["token"]) as client, \
            pytest.raises(CenterIdentityChanged) as refused:
        upload(client, attempt["attempt_id"], new_snapshot_id(), jpeg_bytes())

    message = str(refused.value)
    assert not isinstance(refused.value, FingerprintMismatch)
    assert "identity changed" in message
    assert ("If the center's server was reinstalled, get a new enrolment file from the proctor; "
            "otherwise do not continue.") in message
    assert stored_snapshots(tls_server, attempt) == []


def last_digits_mistyped(fingerprint: str) -> str:
    """The fingerprint with its last two digits changed, as a slip of the fingers would."""
    return fingerprint[:62] + "".join("0" if d != "0" else "1" for d in fingerprint[62:])


def test_a_first_contact_with_a_fingerprint_mistyped_at_its_end_says_where_it_differs(
        tls_server, attempt):
    real = tls_server.certificates.fingerprint
    typed = last_digits_mistyped(real)

    with tls_server.client(attempt["token"], fingerprint=typed) as client, \
            pytest.raises(FingerprintMismatch) as refused:
        upload(client, attempt["attempt_id"], new_snapshot_id(), jpeg_bytes())

    message = str(refused.value)
    assert "identity changed" not in message
    assert message.startswith(f"The fingerprint typed for the center at {tls_server.url} is "
                              "not the one that server presents; they differ from digit 63 on "
                              f"(you typed …{typed[60:]}, the center presents …{real[60:]}).")
    assert "Compare it again" in message and "retype it" in message
    assert stored_snapshots(tls_server, attempt) == []


def test_a_fingerprint_given_on_the_command_line_is_a_first_contact_until_the_center_proves_it(
        tls_server):
    remember_pin(tls_server.url, last_digits_mistyped(tls_server.certificates.fingerprint),
                 given=True)
    with ProctorClient(tls_server.url) as client, pytest.raises(FingerprintMismatch):
        client.request("GET", "/health")

    remember_pin(tls_server.url, tls_server.pin, given=True)
    with ProctorClient(tls_server.url) as client:
        assert api(client, "GET", "/health")["status"] == "ok"
    transport = pinned_connection(tls_server.url, None).transport
    assert isinstance(transport, PinnedTransport) and not transport.first_contact


def test_a_reinstalled_center_with_a_new_ca_is_refused_by_the_old_pin(
        tls_server, attempt, tmp_path, clock):
    old_pin = tls_server.pin
    reinstalled = tls_server.core.config.with_overrides(data_dir=tmp_path / "reinstalled")
    server = serve_tls(reinstalled, clock)
    impostor = next(server)
    try:
        with ProctorClient(impostor.url, attempt["token"], fingerprint=old_pin) as client, \
                pytest.raises(CenterIdentityChanged):
            client.request("GET", f"/attempts/{attempt['attempt_id']}")
    finally:
        server.close()
    assert impostor.pin != old_pin


def test_pinning_the_server_certificate_itself_is_accepted_too(tls_server):
    leaf = presented_chain("127.0.0.1", tls_server.server.port)[0]
    with tls_server.client(fingerprint="sha256:" + hashlib.sha256(leaf).hexdigest()) as client:
        assert api(client, "GET", "/health")["status"] == "ok"


def test_a_pinned_http_address_is_spoken_to_over_https_only(tls_server):
    plain = tls_server.url.replace("https://", "http://")
    with tls_server.client(url=plain) as client:
        assert client.base_url.startswith("https://")
        assert api(client, "GET", "/health")["status"] == "ok"


def test_an_unpinned_http_address_to_the_tls_port_fails_and_is_not_retried_in_plain_text(
        tls_server):
    plain = tls_server.url.replace("https://", "http://")
    with ProctorClient(plain, tls_server.core.config.kiosk_key) as client, \
            pytest.raises(ServesHttpsOnly) as refused:
        client.request("GET", "/exams")

    https = tls_server.url
    assert str(refused.value) == (
        f"The center at {plain} serves HTTPS only: use {https} with the center's fingerprint "
        "(the console's Connect kiosks shows it).")
    assert isinstance(refused.value, ServerUnreachable)  # still unreachable to every caller


def test_a_stopped_http_center_is_only_unreachable(tls_server):
    plain = tls_server.url.replace("https://", "http://")
    tls_server.server.stop()
    with ProctorClient(plain) as client, pytest.raises(ServerUnreachable) as refused:
        client.request("GET", "/health")
    assert not isinstance(refused.value, ServesHttpsOnly)


def test_plain_http_to_the_tls_port_gets_no_data(tls_server):
    with socket.create_connection(("127.0.0.1", tls_server.server.port), timeout=10) as raw:
        raw.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        received = b""
        while chunk := raw.recv(4096):
            received += chunk

    assert b"HTTP/" not in received and b"{" not in received
    assert received == b"" or received[0] == 0x15  # closed, or a TLS alert record


def test_an_https_address_without_a_pin_is_refused_with_what_to_do(tls_server):
    with ProctorClient(tls_server.url) as client, pytest.raises(CenterNotPinned) as refused:
        client.request("GET", "/health")
    assert "enrolment" in str(refused.value)


def test_a_pin_remembered_for_the_address_protects_every_later_client(tls_server, attempt):
    wrong = hashlib.sha256(b"not this center").hexdigest()
    remember_pin(tls_server.url, wrong)
    with ProctorClient(tls_server.url, attempt["token"]) as client, \
            pytest.raises(CenterIdentityChanged):
        upload(client, attempt["attempt_id"], new_snapshot_id(), jpeg_bytes())

    remember_pin(tls_server.url, tls_server.pin)
    with ProctorClient(tls_server.url, attempt["token"]) as client:
        response = upload(client, attempt["attempt_id"], new_snapshot_id(), jpeg_bytes())
    assert response.status_code == 201
    assert len(stored_snapshots(tls_server, attempt)) == 1


@pytest.mark.parametrize("text", ["sha256:12ab", "md5:" + "0" * 64, "sha256:" + "g" * 64])
def test_a_fingerprint_that_cannot_be_a_pin_is_refused_with_its_form(text):
    with pytest.raises(ValueError, match=r"64 hex digits|hex digits 0-9"):
        ProctorClient("https://127.0.0.1:1", fingerprint=text)


def test_a_pinned_client_refuses_a_server_that_answers_in_plain_text(live_server, exam):
    # An impostor without the center's key could only answer in plain HTTP: that is refused,
    # never taken as the center.
    pin = "sha256:" + hashlib.sha256(b"the real center").hexdigest()
    with ProctorClient(live_server.url, live_server.core.config.kiosk_key,
                       fingerprint=pin) as client, pytest.raises(CenterIdentityChanged):
        client.request("POST", "/attempts", json={
            "exam_id": exam.exam_id, "candidate_ref": "C-2", "candidate_name": "Grace Hopper"})
    assert live_server.core.proctoring.list_sessions("all") == []


def test_a_pinned_client_reports_a_stopped_center_as_unreachable_not_as_a_new_identity(
        tls_server):
    with tls_server.client() as client:
        assert api(client, "GET", "/health")["status"] == "ok"
        tls_server.server.stop()
        with pytest.raises(ServerUnreachable):
            client.request("GET", "/health")

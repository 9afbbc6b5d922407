"""Kiosks and consoles talk to a TLS center only when it proves the pinned identity: the right
pin uploads, a wrong one sends nothing and says what to do, plain HTTP gets no data."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Iterator

import pytest
from cryptography import x509

from core.client import ProctorClient, ServerUnreachable
from core.net.pinning import (
    CenterIdentityChanged,
    CenterNotPinned,
    forget_pins,
    presented_chain,
    remember_pin,
)
from tests.core.api.tls_support import TlsServer, api, serve_tls, upload
from tests.helpers import jpeg_bytes, new_snapshot_id


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


def test_a_wrong_fingerprint_uploads_nothing_and_says_the_identity_changed(tls_server, attempt):
    wrong = "sha256:" + hashlib.sha256(b"another center").hexdigest()

    with tls_server.client(attempt["token"], fingerprint=wrong) as client, \
            pytest.raises(CenterIdentityChanged) as refused:
        upload(client, attempt["attempt_id"], new_snapshot_id(), jpeg_bytes())

    message = str(refused.value)
    assert "identity changed" in message
    assert ("If the center's server was reinstalled, get a new enrolment file from the proctor; "
            "otherwise do not continue.") in message
    assert stored_snapshots(tls_server, attempt) == []


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
            pytest.raises(ServerUnreachable):
        client.request("GET", "/exams")


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

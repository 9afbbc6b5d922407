"""The center's certificates on disk: made once, private keys 0600, renewed before expiry with
the same CA (pinned kiosks keep working), covering the names a kiosk may use."""

from __future__ import annotations

import datetime as dt
import ipaddress
import stat

import pytest
from cryptography import x509

from core.net.tls import (
    ensure_server_certificates,
    is_loopback_host,
    read_fingerprint,
    tls_problem,
    tls_wanted,
)

NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def served_certificate(path) -> x509.Certificate:
    return x509.load_pem_x509_certificates(path.read_bytes())[0]


def test_first_start_makes_a_ca_and_a_server_certificate_with_private_keys_0600(tmp_path):
    made = ensure_server_certificates(tmp_path, "0.0.0.0", now=NOW)

    for key in (made.ca_key, made.key):
        assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert made.directory == tmp_path / "tls" and made.renewed
    chain = x509.load_pem_x509_certificates(made.cert_chain.read_bytes())
    assert len(chain) == 2
    chain[0].verify_directly_issued_by(chain[1])
    assert read_fingerprint(tmp_path) == made.fingerprint
    assert made.not_after == NOW + dt.timedelta(days=365)


def test_the_server_certificate_names_localhost_loopback_and_the_host_address(tmp_path):
    made = ensure_server_certificates(tmp_path, "192.0.2.77", now=NOW)

    alt = served_certificate(made.cert_chain).extensions.get_extension_for_class(
        x509.SubjectAlternativeName).value
    addresses = set(alt.get_values_for_type(x509.IPAddress))
    assert "localhost" in alt.get_values_for_type(x509.DNSName)
    assert {ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"),
            ipaddress.ip_address("192.0.2.77")} <= addresses
    assert ipaddress.ip_address("0.0.0.0") not in addresses


def test_a_second_start_keeps_the_same_certificates(tmp_path):
    first = ensure_server_certificates(tmp_path, "127.0.0.1", now=NOW)
    pem = first.cert_chain.read_bytes()

    again = ensure_server_certificates(tmp_path, "127.0.0.1", now=NOW + dt.timedelta(days=10))

    assert not again.renewed
    assert again.fingerprint == first.fingerprint and again.cert_chain.read_bytes() == pem


def test_renewal_with_less_than_30_days_left_keeps_the_ca_and_its_fingerprint(tmp_path):
    first = ensure_server_certificates(tmp_path, "127.0.0.1", now=NOW)
    old_serial = served_certificate(first.cert_chain).serial_number
    later = NOW + dt.timedelta(days=336)

    renewed = ensure_server_certificates(tmp_path, "127.0.0.1", now=later)

    assert renewed.renewed and renewed.fingerprint == first.fingerprint
    assert served_certificate(renewed.cert_chain).serial_number != old_serial
    assert renewed.not_after == later + dt.timedelta(days=365)
    assert stat.S_IMODE(renewed.key.stat().st_mode) == 0o600


def test_a_new_listening_address_renews_the_certificate_to_cover_it(tmp_path):
    first = ensure_server_certificates(tmp_path, "127.0.0.1", now=NOW)
    moved = ensure_server_certificates(tmp_path, "198.51.100.4", now=NOW)

    assert moved.renewed and moved.fingerprint == first.fingerprint


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.3.4.5", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("exam-server", False),
])
def test_tls_is_on_by_default_off_loopback_and_no_tls_is_refused_there(host, loopback):
    assert is_loopback_host(host) is loopback
    assert tls_wanted(host, None) is (not loopback)
    assert tls_wanted(host, True) is True
    problem = tls_problem(host, False)
    if loopback:
        assert problem is None and tls_wanted(host, False) is False
    else:
        assert problem and "is refused for --host" in problem and problem.endswith(".")

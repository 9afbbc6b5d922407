"""The center's own certificates: a small CA and a server certificate it signs.

On first start with TLS the server makes, in ``<data dir>/tls/``:

- ``ca.key`` / ``ca.pem``: the center's CA (10 years). Its SHA-256 fingerprint is what the server
  prints (``certificate sha256 <hex>``) and what kiosks and consoles pin.
- ``server.key`` / ``server.pem``: the server certificate (1 year) for every name and address the
  center may be reached by, signed by the CA; ``server.pem`` holds the chain (server, then CA) so
  a client sees both in the handshake.

Why the CA's fingerprint and not the server certificate's: the server certificate is renewed
(yearly, and whenever the machine's names or addresses change), the CA stays. A kiosk that pinned
the CA keeps working after a renewal; only a reinstalled center (a new CA) changes the identity.
Pinning accepts exactly the pinned certificate or anything that certificate signed
(``core.net.pinning``). Private keys are written with mode 0600.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import ipaddress
import logging
import os
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

log = logging.getLogger(__name__)

TLS_DIR_NAME = "tls"
CA_DAYS = 3650
SERVER_DAYS = 365
RENEW_WHEN_DAYS_LEFT = 30
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TlsError(RuntimeError):
    """The certificates cannot be made or read; the message says what to do."""


@dataclass(frozen=True)
class ServerCertificates:
    """Where the server's TLS files are, and the fingerprint clients pin (the CA's)."""

    directory: Path
    ca_cert: Path
    ca_key: Path
    cert_chain: Path
    key: Path
    fingerprint: str  # 64 lowercase hex digits: sha256 of the CA certificate (DER)
    not_after: dt.datetime  # the server certificate's expiry
    renewed: bool  # a new server certificate was made by this call


# ---- decisions ----------------------------------------------------------------------------------
def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and 'localhost' reach only this machine; anything else may be the LAN."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def tls_problem(host: str, requested: bool | None) -> str | None:
    """Why this TLS choice is refused for ``host``, or None."""
    if requested is False and not is_loopback_host(host):
        return (f"--no-tls (PROCTOR_TLS=0) is refused for --host {host}: kiosks on the "
                "network would send keys and pictures in plain text. Serve with TLS (the "
                "default there), or listen on 127.0.0.1 only.")
    return None


def tls_wanted(host: str, requested: bool | None) -> bool:
    """TLS is on when asked for, and by default whenever the host is not a loopback address."""
    return requested if requested is not None else not is_loopback_host(host)


# ---- fingerprints -------------------------------------------------------------------------------
def fingerprint_of(certificate: x509.Certificate | bytes) -> str:
    """SHA-256 of a certificate's DER bytes, 64 lowercase hex digits."""
    der = (certificate if isinstance(certificate, bytes)
           else certificate.public_bytes(serialization.Encoding.DER))
    return hashlib.sha256(der).hexdigest()


def format_fingerprint(hex_digits: str, groups: int = 4) -> str:
    """'3f2a9c01…' -> '3F2A 9C01 …' for people to read aloud and compare."""
    upper = hex_digits.upper()
    return " ".join(upper[i:i + groups] for i in range(0, len(upper), groups))


# ---- making and keeping the files ---------------------------------------------------------------
def ensure_server_certificates(
    data_dir: Path, host: str = "127.0.0.1", *, now: dt.datetime | None = None,
    extra_names: Iterable[str] = (),
) -> ServerCertificates:
    """Make the CA and server certificate when missing; renew the server certificate (same CA)
    when it has less than 30 days left or does not cover a current name or address."""
    now = now or dt.datetime.now(dt.UTC)
    directory = data_dir / TLS_DIR_NAME
    directory.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(directory, 0o700)
    ca_key_path, ca_cert_path = directory / "ca.key", directory / "ca.pem"
    key_path, chain_path = directory / "server.key", directory / "server.pem"

    if ca_key_path.exists() and ca_cert_path.exists():
        ca_key, ca_cert = _read_key(ca_key_path), _read_cert(ca_cert_path)
    else:
        ca_key, ca_cert = _make_ca(now)
        _write_private(ca_key_path, _key_pem(ca_key))
        _write_public(ca_cert_path, ca_cert.public_bytes(serialization.Encoding.PEM))
        log.info("made the center's certificate authority in %s", directory)

    names, addresses = subject_names(host, extra_names)
    current = _read_cert(chain_path) if chain_path.exists() and key_path.exists() else None
    renewed = False
    if current is None or _needs_renewal(current, ca_cert, names, addresses, now):
        server_key = ec.generate_private_key(ec.SECP256R1())
        current = _make_server_cert(server_key, ca_key, ca_cert, names, addresses, now)
        _write_private(key_path, _key_pem(server_key))
        _write_public(chain_path, current.public_bytes(serialization.Encoding.PEM)
                      + ca_cert.public_bytes(serialization.Encoding.PEM))
        renewed = True
        log.info("made a server certificate valid until %s for %s",
                 current.not_valid_after_utc.date(),
                 ", ".join([*names, *(str(a) for a in addresses)]))
    return ServerCertificates(
        directory=directory, ca_cert=ca_cert_path, ca_key=ca_key_path, cert_chain=chain_path,
        key=key_path, fingerprint=fingerprint_of(ca_cert),
        not_after=current.not_valid_after_utc, renewed=renewed,
    )


def read_fingerprint(data_dir: Path) -> str | None:
    """The pinned fingerprint of the center whose data dir this is, or None before TLS was used."""
    path = data_dir / TLS_DIR_NAME / "ca.pem"
    return fingerprint_of(_read_cert(path)) if path.exists() else None


def subject_names(host: str, extra_names: Iterable[str] = ()) -> tuple[list[str], list[IpAddress]]:
    """DNS names and IP addresses the server certificate covers: localhost, the loopback
    addresses, this machine's names, the --host address (unless a wildcard) and the machine's
    own non-loopback addresses (read from the interfaces: no network access, no DNS)."""
    names = ["localhost"]
    addresses: list[IpAddress] = [ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1")]

    def add(text: str) -> None:
        text = text.strip().strip("[]").split("%")[0]
        if not text or text in WILDCARD_HOSTS:
            return
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            if text.lower() not in names:
                names.append(text.lower())
            return
        if address not in addresses and not address.is_link_local:
            addresses.append(address)

    hostname = socket.gethostname()  # no DNS look-ups: they can hang on an offline machine
    short = hostname.split(".")[0]
    for name in (hostname, short, f"{short}.local", host, *extra_names):
        add(name)
    for address in local_addresses():
        add(address)
    return names, addresses


def local_addresses() -> list[str]:
    """This machine's non-loopback IP addresses, from its network interfaces."""
    found: list[str] = []
    try:
        import ifaddr

        for adapter in ifaddr.get_adapters():
            for entry in adapter.ips:
                text = entry.ip if isinstance(entry.ip, str) else entry.ip[0]
                found.append(text)
    except Exception as exc:  # interface listing is a nicety; the names above still work
        log.info("could not list the network interfaces (%s)", exc)
    result: list[str] = []
    for text in found:
        try:
            address = ipaddress.ip_address(text.split("%")[0])
        except ValueError:
            continue
        if not (address.is_loopback or address.is_link_local) and text not in result:
            result.append(text)
    return result


# ---- internals ----------------------------------------------------------------------------------
def _make_ca(now: dt.datetime) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Proctor Console center"),
        x509.NameAttribute(NameOID.COMMON_NAME,
                           f"Proctor Console CA {socket.gethostname()}"[:64]),
    ])
    public = key.public_key()
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + dt.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=False, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=True,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, cert


def _make_server_cert(
    key: ec.EllipticCurvePrivateKey, ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate, names: list[str], addresses: list[IpAddress], now: dt.datetime,
) -> x509.Certificate:
    alt_names: list[x509.GeneralName] = [x509.DNSName(n) for n in names]
    alt_names += [x509.IPAddress(a) for a in addresses]
    not_after = min(now + dt.timedelta(days=SERVER_DAYS), ca_cert.not_valid_after_utc)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[-1][:64])]))
        .issuer_name(ca_cert.subject).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(not_after)
        .add_extension(x509.SubjectAlternativeName(alt_names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
            ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def _needs_renewal(cert: x509.Certificate, ca_cert: x509.Certificate, names: list[str],
                   addresses: list[IpAddress], now: dt.datetime) -> bool:
    if cert.issuer != ca_cert.subject:
        return True
    try:
        cert.verify_directly_issued_by(ca_cert)
    except (ValueError, TypeError, InvalidSignature):  # signed by another CA (replaced)
        return True
    if cert.not_valid_after_utc - now < dt.timedelta(days=RENEW_WHEN_DAYS_LEFT):
        return True
    try:
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return True
    covered_names = set(alt.get_values_for_type(x509.DNSName))
    covered_addresses = set(alt.get_values_for_type(x509.IPAddress))
    return not (set(names) <= covered_names and set(addresses) <= covered_addresses)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _read_key(path: Path) -> ec.EllipticCurvePrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise TlsError(f"The key {path} cannot be read ({exc}). Restore it from a backup; "
                       "deleting the tls folder makes a new center identity that every kiosk "
                       "must be enrolled to again.") from exc
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise TlsError(f"The key {path} is not an elliptic-curve key made by this server.")
    return key


def _read_cert(path: Path) -> x509.Certificate:
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise TlsError(f"The certificate {path} cannot be read ({exc}). Restore it from a "
                       "backup or delete it to have a new one made.") from exc


def _write_private(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)


def _write_public(path: Path, data: bytes) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)

"""What ``proctor-server`` adds for a center on the network: the ``--tls`` choice, its
certificates, the identity line kiosks pin, the mDNS announcement, and what a kiosk's
enrolment file holds."""

from __future__ import annotations

import argparse
import ipaddress
import socket
from urllib.parse import urlsplit

from core import __version__
from core.config import CoreConfig
from core.net.discovery import CenterAnnouncement, announce_center
from core.net.enrolment_file import Enrolment, EnrolmentFileError
from core.net.tls import (
    ServerCertificates,
    TlsError,
    ensure_server_certificates,
    is_loopback_host,
    local_addresses,
    read_fingerprint,
    tls_problem,
    tls_wanted,
)

__all__ = ["TlsError", "add_tls_arguments", "center_enrolment", "print_identity_and_announce",
           "resolve_tls", "server_certificates"]


def add_tls_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tls", action=argparse.BooleanOptionalAction, default=None,
        help="serve HTTPS with a certificate made on first start (env PROCTOR_TLS=1); on by "
             "default when --host is not a loopback address, where --no-tls is refused")


def resolve_tls(config: CoreConfig, requested: bool | None) -> CoreConfig:
    """The configuration with ``tls`` decided; TlsError when the choice is refused."""
    wanted = requested if requested is not None else config.tls
    problem = tls_problem(config.host, wanted)
    if problem:
        raise TlsError(problem)
    return config.with_overrides(tls=tls_wanted(config.host, wanted))


def server_certificates(config: CoreConfig) -> ServerCertificates | None:
    """The certificates to serve with (made or renewed now), or None without TLS."""
    if not config.tls:
        return None
    return ensure_server_certificates(config.data_dir, config.host)


def print_identity_and_announce(config: CoreConfig, port: int) -> CenterAnnouncement:
    """Print ``certificate sha256 <hex>`` under the ready line (with TLS) and announce the
    center on the network when it listens beyond this machine."""
    certificates = server_certificates(config)
    if certificates is not None:
        print(f"certificate sha256 {certificates.fingerprint}", flush=True)
    if is_loopback_host(config.host):
        return CenterAnnouncement(hint="The center listens on this machine only; not announced.")
    addresses = [config.host] if _is_address(config.host) else local_addresses()
    return announce_center(
        socket.gethostname().split(".")[0], port,
        fingerprint=certificates.fingerprint if certificates else None,
        version=__version__, addresses=[a for a in addresses if a],
    )


def _is_address(host: str) -> bool:
    try:
        return not ipaddress.ip_address(host).is_unspecified
    except ValueError:
        return False


def center_enrolment(config: CoreConfig, server_url: str, room: str | None = None) -> Enrolment:
    """What a kiosk of this center needs, for the enrolment file: ``server_url`` is the address
    kiosks use (the console knows it); the fingerprint is the center's, once TLS made it."""
    fingerprint = read_fingerprint(config.data_dir)
    if fingerprint is None and not server_url.startswith("http://"):
        raise EnrolmentFileError("The center has no certificate yet: start it with TLS first.")
    if fingerprint is None and not is_loopback_host(urlsplit(server_url).hostname or ""):
        raise EnrolmentFileError("Kiosks on the network need the center to use TLS; start it "
                                 "with --tls (the default off loopback) and export again.")
    return Enrolment(server_url.rstrip("/"), config.kiosk_key, fingerprint, room)

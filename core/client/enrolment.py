"""The kiosk's side of an enrolment code.

The proctor makes a code (``POST /api/v1/enrolment-codes``); the console shows it with the first
digits of the center's fingerprint, e.g. ``K7QM-4XPD`` and ``EABA DE89``. The kiosk's person
types the center's address, the code and those digits. The kiosk then

1. reads the certificates the server presents and keeps the one whose SHA-256 starts with the
   typed digits (none: it stops before sending the code: wrong or impostor center);
2. pins that full fingerprint and sends the code over the pinned channel
   (``POST /api/v1/enrol``), getting the server URL, kiosk key and fingerprint back.

The 8 hex digits (32 bits) stop typing mistakes and casual impostors; on a network where an
attacker can intercept traffic, use the enrolment file (the full fingerprint) instead.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from core.client import ProctorClient, ServerUnreachable
from core.domain.enrolment_codes import normalize_code
from core.net.enrolment_file import Enrolment
from core.net.pinning import (
    CenterIdentityChanged,
    FingerprintDigitsMismatch,
    find_pinned,
    normalize_prefix,
    presented_chain,
)

__all__ = ["enrol_with_code"]


def enrol_with_code(server_address: str, code: str, fingerprint_prefix: str,
                    timeout: float = 10.0) -> Enrolment:
    """Enrol by code: find the presented certificate matching the typed fingerprint digits, pin
    it, and only then send the code. CenterIdentityChanged when no certificate matches."""
    prefix = normalize_prefix(fingerprint_prefix)
    address = server_address.strip().rstrip("/")
    if "://" not in address:
        address = f"https://{address}"
    parts = urlsplit(address)
    host, port = parts.hostname or "", parts.port or 443
    try:
        chain = presented_chain(host, port, timeout)
    except OSError as exc:  # ssl.SSLError included: no TLS there, so nothing is sent
        raise ServerUnreachable(f"The center at {address} did not answer over TLS "
                                f"({exc}).") from exc
    anchor = find_pinned(chain, prefix=prefix)
    if anchor is None:
        raise FingerprintDigitsMismatch(address, prefix)
    fingerprint = hashlib.sha256(anchor).hexdigest()
    with ProctorClient(address, timeout=timeout, fingerprint=fingerprint) as client:
        body = client.request("POST", "/enrol", json={"code": normalize_code(code)}).json()
    if body.get("fingerprint") != f"sha256:{fingerprint}":
        raise CenterIdentityChanged(address, fingerprint, str(body.get("fingerprint")))
    room = body.get("room")
    return Enrolment(str(body["server_url"]).rstrip("/"), str(body["kiosk_key"]), fingerprint,
                     room if isinstance(room, str) and room else None)

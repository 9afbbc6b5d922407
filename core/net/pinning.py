"""Pinned TLS for kiosks and consoles: talk to a center only if it proves the identity they were
enrolled with, and never fall back to plain text.

A pin is ``sha256:<64 hex digits>``, the fingerprint ``proctor-server`` prints (its CA's). It
accepts exactly that certificate, or any certificate that certificate signed: the server's
certificate may be renewed, the CA stays.

How it is checked, before a single byte of a request is sent:

1. Once per pin and process, an unauthenticated handshake reads the chain the server presents
   and looks for the certificate whose SHA-256 is the pin (certificates are public; the hash
   authenticates it). None matches: ``CenterIdentityChanged``, nothing sent; or, when the pin
   was typed or given and this computer never held it for that address (first contact),
   ``FingerprintMismatch``, whose sentence shows where the typed fingerprint differs.
2. That certificate becomes the only trust anchor of an ``ssl.SSLContext`` (partial-chain
   verification, so a pinned leaf or a pinned CA both work), which httpx uses for every
   connection: OpenSSL refuses any server that cannot prove it holds a key the anchor
   vouches for. Host names are not checked; the pin is the identity, so a kiosk may use any
   address of the center.

A pinned ``http://`` address is upgraded to ``https://``; an unpinned one that reaches a TLS
port just fails (the server closes the connection) and is never retried in plain text;
``serves_https_only`` tells the clients so, for their sentence.
"""

from __future__ import annotations

import hashlib
import socket
import ssl
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

PIN_SCHEME = "sha256:"
HEX_DIGITS = frozenset("0123456789abcdef")
MIN_PREFIX_DIGITS = 8
WHAT_TO_DO = ("If the center's server was reinstalled, get a new enrolment file from the "
              "proctor; otherwise do not continue.")


class PinError(ValueError):
    """A fingerprint was written in a form that cannot be a pin; the message says the form."""


class CenterIdentityChanged(Exception):
    """The server did not prove the pinned identity. Nothing was sent to it."""

    def __init__(self, server_url: str, expected: str, presented: str | None) -> None:
        seen = (f" (it presented sha256 {presented[:16]}…, not {expected[:16]}…)"
                if presented else f" (it did not prove sha256 {expected[:16]}…)")
        super().__init__(f"The center's identity changed: the server at {server_url} is not the "
                         f"center this computer was enrolled with{seen}. {WHAT_TO_DO}")
        self.server_url = server_url
        self.expected = expected
        self.presented = presented


class FingerprintDigitsMismatch(CenterIdentityChanged):
    """Enrolling by code: no certificate of the server starts with the digits typed."""

    def __init__(self, server_url: str, digits: str) -> None:
        Exception.__init__(
            self, f"The server at {server_url} is not the center whose fingerprint starts with "
                  f"{digits[:8].upper()}: check the address and the digits shown by the proctor. "
                  "If both are right, do not continue and tell the proctor.")
        self.server_url, self.expected, self.presented = server_url, digits, None


class FingerprintMismatch(CenterIdentityChanged):
    """A fingerprint typed or given (command line, sign-in) that this computer never held for
    that address does not match what the server presents: most likely a typing mistake, so the
    sentence shows where the two differ. Nothing was sent to the server."""

    def __init__(self, server_url: str, expected: str, presented: str | None) -> None:
        if presented:
            text = (f"The fingerprint typed for the center at {server_url} is not the one that "
                    f"server presents; {where_they_differ(expected, presented)}. Compare it "
                    "again with the fingerprint the center's Connect kiosks window shows (or "
                    "proctor-server printed) and retype it; nothing was sent to the server.")
        else:
            text = (f"The server at {server_url} did not answer with TLS, so it cannot prove "
                    "the fingerprint typed: check the address and its port; nothing was sent "
                    "to the server.")
        Exception.__init__(self, text)
        self.server_url, self.expected, self.presented = server_url, expected, presented


def where_they_differ(typed: str, presented: str) -> str:
    """'they differ from digit 63 on (you typed …7c1f, the center presents …7c2e)': the group
    of 4 digits where they first differ and the one after it, if any."""
    first = next((i for i, (a, b) in enumerate(zip(typed, presented, strict=False)) if a != b),
                 min(len(typed), len(presented)))
    start = first - first % 4

    def shown(digits: str) -> str:
        part = " ".join(digits[i:i + 4] for i in range(start, min(start + 8, len(digits)), 4))
        return ("…" if start else "") + part + ("…" if start + 8 < len(digits) else "")

    return (f"they differ from digit {first + 1} on (you typed {shown(typed)}, the center "
            f"presents {shown(presented)})")


class CenterNotPinned(Exception):
    """An https address whose certificate this computer has no pin for."""

    def __init__(self, server_url: str) -> None:
        super().__init__(
            f"The center at {server_url} uses its own certificate, and this computer has no "
            "fingerprint for it. Enrol it with the enrolment file or code from the proctor "
            "(or give --fingerprint sha256:… as printed by the server).")
        self.server_url = server_url


# ---- fingerprints as people write them ---------------------------------------------------------
def normalize_fingerprint(text: str) -> str:
    """'sha256:3F:2A…', '3f2a…' or '3F2A 9C01 …' -> 64 lowercase hex digits."""
    digits = _hex(text)
    if len(digits) != 64:
        raise PinError(f"{text!r} is not a certificate fingerprint: expected sha256: followed "
                       "by 64 hex digits, as printed by proctor-server.")
    return digits


def normalize_prefix(text: str) -> str:
    """The first digits of a fingerprint, as shown next to an enrolment code (8 or more)."""
    digits = _hex(text)
    if not MIN_PREFIX_DIGITS <= len(digits) <= 64:
        raise PinError(f"{text!r} is not the start of a fingerprint: type at least "
                       f"{MIN_PREFIX_DIGITS} hex digits (0-9, A-F) as shown by the proctor.")
    return digits


def _hex(text: str) -> str:
    body = text.strip().lower()
    body = body.removeprefix(PIN_SCHEME)
    for separator in (":", " ", "-"):
        body = body.replace(separator, "")
    if not body or set(body) - HEX_DIGITS:
        raise PinError(f"{text!r} is not a certificate fingerprint: use hex digits 0-9 and A-F.")
    return body


def as_pin(fingerprint: str) -> str:
    return f"{PIN_SCHEME}{normalize_fingerprint(fingerprint)}"


# ---- what this process trusts -------------------------------------------------------------------
_lock = threading.Lock()
_pins: dict[tuple[str, int], str] = {}  # (host, port) -> fingerprint
_anchors: dict[str, bytes] = {}  # fingerprint -> DER of the pinned certificate, once seen
_given: set[tuple[str, int]] = set()  # pins typed or given, not yet proven by their center


def remember_pin(server_url: str, fingerprint: str, *, given: bool = False) -> str:
    """Pin ``server_url``'s center for this process (the kiosk does this at start from
    ``--fingerprint`` or its enrolment); every ProctorClient to it then checks the pin.

    ``given``: typed or given on the command line, never held for that address before; until
    that center proves it, a mismatch is ``FingerprintMismatch`` (a typing mistake, most
    likely), not an identity change."""
    digits = normalize_fingerprint(fingerprint)
    origin = _origin(server_url)
    with _lock:
        _pins[origin] = digits
        if given:
            _given.add(origin)
        else:
            _given.discard(origin)
    return digits


def pin_for(server_url: str) -> str | None:
    with _lock:
        return _pins.get(_origin(server_url))


def forget_pins() -> None:
    """Tests: start from a process that trusts nothing."""
    with _lock:
        _pins.clear()
        _anchors.clear()
        _given.clear()


def _is_first_contact(server_url: str, digits: str) -> bool:
    with _lock:
        origin = _origin(server_url)
        return _pins.get(origin) != digits or origin in _given


def _proven(server_url: str, digits: str) -> None:
    with _lock:
        origin = _origin(server_url)
        if _pins.get(origin) == digits:
            _given.discard(origin)


def _origin(server_url: str) -> tuple[str, int]:
    parts = urlsplit(server_url if "://" in server_url else f"http://{server_url}")
    return (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


def https_url(server_url: str) -> str:
    """The same address with https: a pinned center is only ever spoken to over TLS."""
    parts = urlsplit(server_url)
    if parts.scheme == "https":
        return server_url
    netloc = parts.netloc if parts.port else f"{parts.netloc}:80"
    return urlunsplit(("https", netloc, parts.path, parts.query, parts.fragment))


# ---- the handshake check ------------------------------------------------------------------------
def presented_chain(host: str, port: int, timeout: float = 10.0) -> list[bytes]:
    """The certificates (DER, server's first) a TLS server presents, unauthenticated: only for
    comparing against a pin. Raises OSError when the server cannot be reached or is no TLS."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with socket.create_connection((host, port), timeout=timeout) as raw, \
            context.wrap_socket(raw, server_hostname=host) as tls:
        return _chain_of(tls)


def _chain_of(tls: ssl.SSLSocket) -> list[bytes]:
    public = getattr(tls, "get_unverified_chain", None)  # Python 3.13+
    if public is not None:
        return [bytes(c) for c in public()]
    inner: Any = getattr(tls, "_sslobj", None)  # 3.10-3.12 have it on the C object
    chain = getattr(inner, "get_unverified_chain", None)
    if chain is not None:
        return [c.public_bytes(ssl._ssl.ENCODING_DER) for c in chain()]  # type: ignore[attr-defined]
    leaf = tls.getpeercert(binary_form=True)
    return [leaf] if leaf else []


def serves_https_only(server_url: str, timeout: float = 2.0) -> bool:
    """An ``http://`` address whose port answers TLS: plain HTTP there fails, and nothing here
    ever falls back to it; only for saying so in a sentence."""
    parts = urlsplit(server_url)
    if parts.scheme != "http" or not parts.hostname:
        return False
    try:
        return bool(presented_chain(parts.hostname, parts.port or 80, timeout=timeout))
    except OSError:  # refused, timed out, or no TLS there
        return False


def find_pinned(chain: list[bytes], *, fingerprint: str | None = None,
                prefix: str | None = None) -> bytes | None:
    """The certificate in ``chain`` whose SHA-256 is ``fingerprint`` (or starts with
    ``prefix``), checking the CA end first."""
    for der in reversed(chain):
        digest = hashlib.sha256(der).hexdigest()
        if (fingerprint and digest == fingerprint) or (prefix and digest.startswith(prefix)):
            return der
    return None


def pinned_ssl_context(anchor_der: bytes) -> ssl.SSLContext:
    """An SSLContext that trusts exactly ``anchor_der`` and what it signed."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.check_hostname = False  # the pin is the identity, whatever address is used
    context.verify_mode = ssl.CERT_REQUIRED
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN  # a pinned CA or a pinned leaf
    context.load_verify_locations(cadata=anchor_der)
    return context


def is_certificate_refusal(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


class PinnedTransport(httpx.BaseTransport):
    """An httpx transport that only talks to the center holding the pinned identity."""

    def __init__(self, server_url: str, fingerprint: str, timeout: float = 10.0, *,
                 first_contact: bool = False) -> None:
        """``first_contact``: the fingerprint was typed or given and this computer never held
        it for that address, so a mismatch is ``FingerprintMismatch``."""
        self.server_url = server_url
        self.fingerprint = normalize_fingerprint(fingerprint)
        self.first_contact = first_contact
        self._timeout = timeout
        self._inner: httpx.HTTPTransport | None = None
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        inner = self._inner or self._connect(request.url.host, request.url.port or 443)
        try:
            return inner.handle_request(request)
        except httpx.TransportError as exc:
            if is_certificate_refusal(exc):  # OpenSSL: the server did not prove the pin
                raise CenterIdentityChanged(self.server_url, self.fingerprint, None) from exc
            raise  # a dropped or refused connection: unreachable, not a different center

    def _connect(self, host: str, port: int) -> httpx.HTTPTransport:
        with self._lock:
            if self._inner is not None:
                return self._inner
            with _lock:
                anchor = _anchors.get(self.fingerprint)
            if anchor is None:
                anchor = self._find_anchor(host, port)
                with _lock:
                    _anchors[self.fingerprint] = anchor
            self._inner = httpx.HTTPTransport(verify=pinned_ssl_context(anchor))
            return self._inner

    def _find_anchor(self, host: str, port: int) -> bytes:
        try:
            chain = presented_chain(host, port, self._timeout)
        except (ssl.SSLEOFError, ssl.SSLZeroReturnError) as exc:  # closed mid-handshake
            raise httpx.ConnectError(f"the connection closed during the handshake ({exc})") \
                from exc
        except ssl.SSLError as exc:  # it answered, but not with TLS: never a silent downgrade
            raise self._refusal(None) from exc
        except OSError as exc:
            raise httpx.ConnectError(f"{exc.strerror or exc}") from exc
        anchor = find_pinned(chain, fingerprint=self.fingerprint)
        if anchor is None:
            raise self._refusal(hashlib.sha256(chain[-1]).hexdigest() if chain else None)
        if self.first_contact:  # proven: from now on this computer holds that pin
            _proven(self.server_url, self.fingerprint)
            self.first_contact = False
        return anchor

    def _refusal(self, presented: str | None) -> CenterIdentityChanged:
        kind = FingerprintMismatch if self.first_contact else CenterIdentityChanged
        return kind(self.server_url, self.fingerprint, presented)

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()


@dataclass(frozen=True)
class PinnedConnection:
    base_url: str
    fingerprint: str | None
    transport: httpx.BaseTransport | None


def pinned_connection(base_url: str, fingerprint: str | None, timeout: float = 10.0, *,
                      held: bool = False) -> PinnedConnection:
    """What a client of ``base_url`` uses: the given pin, else the one remembered for that
    address; with a pin, an https address and a PinnedTransport.

    A given fingerprint other than the one remembered for the address (or one remembered as
    ``given``) is a first contact unless ``held`` (the caller kept it from an earlier sign-in):
    a mismatch then says where the typed fingerprint differs (``FingerprintMismatch``)."""
    digits = normalize_fingerprint(fingerprint) if fingerprint else pin_for(base_url)
    if digits is None:
        return PinnedConnection(base_url, None, None)
    first_contact = not held and _is_first_contact(base_url, digits)
    url = https_url(base_url)
    return PinnedConnection(url, digits, PinnedTransport(url, digits, timeout,
                                                         first_contact=first_contact))

"""LtiToolKey: the center's RSA key as an LTI 1.3 tool, and the one place that signs and checks
LTI's JSON Web Tokens (joserfc).

Made on first start in ``<data dir>/keys/lti-rsa.pem`` (PKCS #8, mode 0600, its folder 0700),
beside the evidence key; back it up with it. Its public half is published as a JWK set at
``GET /api/v1/lti/jwks`` with ``kid`` = its RFC 7638 thumbprint, which is what platforms check
the tool's ``LtiStartAssessment`` messages and client assertions against."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from core.config import make_private_dir
from core.net.key_files import create_private_file

KEY_FILE = "lti-rsa.pem"
ALGORITHM = "RS256"
#: How long the tool's own messages and assertions are valid.
TOKEN_SECONDS = 300


class LtiToolKey:
    """The tool's key, read (or made) on first use: a center that never meets an LTI platform
    never makes one."""

    def __init__(self, keys_dir: Path) -> None:
        self.path = keys_dir / KEY_FILE
        self._keys_dir = keys_dir
        self._lock = threading.Lock()
        self._loaded: RSAKey | None = None

    @classmethod
    def load_or_create(cls, keys_dir: Path) -> LtiToolKey:
        return cls(keys_dir)

    @property
    def kid(self) -> str:
        return str(self._key.kid)

    @property
    def _key(self) -> RSAKey:
        with self._lock:
            if self._loaded is None:
                key = RSAKey.import_key(self._read_or_make())
                self._loaded = RSAKey.import_key(
                    key.as_dict(private=True),
                    parameters={"kid": key.thumbprint(), "use": "sig", "alg": ALGORITHM})
            return self._loaded

    def _read_or_make(self) -> bytes:
        path = self.path
        if path.exists():
            return path.read_bytes()
        make_private_dir(self._keys_dir)
        create_private_file(path, RSAKey.generate_key(2048, private=True).as_pem(private=True))
        return path.read_bytes()

    def jwks(self) -> dict[str, Any]:
        """The public JWK set (``{"keys": [...]}``): never the private parts."""
        return dict(KeySet([self._key]).as_dict(private=False))

    def sign(self, at: datetime, claims: dict[str, Any], *, seconds: int = TOKEN_SECONDS) -> str:
        """A JWT of ``claims`` issued ``at``, with ``iat``, ``exp`` and ``jti`` added, signed
        RS256."""
        now = int(at.timestamp())
        body = {"iat": now, "exp": now + seconds, "jti": str(uuid.uuid4()), **claims}
        return jwt.encode({"alg": ALGORITHM, "kid": self.kid, "typ": "JWT"}, body, self._key)


#: How long a platform's fetched key set is used before it is fetched again.
KEYSET_TTL_SECONDS = 300.0
KEYSET_TIMEOUT_SECONDS = 10.0


class KeySetUnavailable(Exception):
    """The platform's JWK set could not be fetched or read; ``str`` is a sentence."""


class PlatformKeySets:
    """The platforms' public JWK sets, fetched from their ``jwks_url`` over HTTP(S) and kept for
    a few minutes; fetched again at once when a token names a key id the kept set lacks (a
    platform that rotated its key)."""

    def __init__(self, ttl_seconds: float = KEYSET_TTL_SECONDS,
                 timeout_seconds: float = KEYSET_TIMEOUT_SECONDS) -> None:
        self._ttl = ttl_seconds
        self._timeout = timeout_seconds
        self._kept: dict[str, tuple[float, KeySet]] = {}

    def get(self, jwks_url: str, kid: str | None, *, refresh: bool = False) -> KeySet:
        kept = self._kept.get(jwks_url)
        fresh = kept is not None and time.monotonic() - kept[0] < self._ttl
        if kept is not None and fresh and not refresh and (
                kid is None or any(k.kid == kid for k in kept[1].keys)):
            return kept[1]
        keys = self._fetch(jwks_url)
        self._kept[jwks_url] = (time.monotonic(), keys)
        return keys

    def _fetch(self, jwks_url: str) -> KeySet:
        try:
            answer = httpx.get(jwks_url, timeout=self._timeout, follow_redirects=True)
            answer.raise_for_status()
            return KeySet.import_key_set(answer.json())
        except httpx.HTTPError as exc:
            raise KeySetUnavailable(f"The platform's key set at {jwks_url} could not be "
                                    f"fetched ({type(exc).__name__}).") from exc
        except (ValueError, KeyError, TypeError) as exc:
            raise KeySetUnavailable(f"The platform's key set at {jwks_url} is not a JWK "
                                    "set.") from exc

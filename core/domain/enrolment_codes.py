"""The rules of a one-time kiosk enrolment code.

A code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), works once, for 10
minutes; the database keeps only a keyed hash of it (HMAC with the server's token secret), so
several server processes share codes and a copy of the database reveals none. What a person
types is read without regard to case, spaces and dashes.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 8
CODE_LIFETIME = timedelta(minutes=10)
KEEP_USED_CODES = timedelta(days=1)  # so a second use says "already used", not "unknown"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """What a person typed -> the code: case, spaces and dashes do not matter."""
    return "".join(c for c in text.upper() if c not in " -\t")


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


#: Fingerprint digits typed with a code (core.net.pinning.MIN_PREFIX_DIGITS).
CODE_DIGITS = 8


def code_digits(fingerprint: str) -> str:
    """The first 8 hex digits of a fingerprint as a kiosk types them next to a code:
    ``EABA DE89``."""
    upper = fingerprint.removeprefix("sha256:")[:CODE_DIGITS].upper()
    return f"{upper[:4]} {upper[4:]}"


def code_hash(secret: str, code: str) -> str:
    return hmac.new(secret.encode(), normalize_code(code).encode(), hashlib.sha256).hexdigest()

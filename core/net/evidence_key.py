"""EvidenceKey: the center's Ed25519 key that signs its evidence chains' heads.

Made on first start in ``<data dir>/keys/evidence-ed25519.pem`` (PKCS #8, mode 0600, its folder
0700) by the ``cryptography`` library; back it up with the TLS identity. Its fingerprint is the
SHA-256 of the raw 32-byte public key, as ``proctor-server --show-keys`` prints it and
``proctor-verify --key sha256:HEX`` pins it."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from core.config import make_private_dir
from core.net.key_files import create_private_file

KEYS_DIR = "keys"
KEY_FILE = "evidence-ed25519.pem"
ALGORITHM = "Ed25519"


def raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """SHA-256 (hex) of the raw public key."""
    return hashlib.sha256(raw_public(public_key)).hexdigest()


def public_key_from_pem(pem: bytes) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM; ValueError when it is not one."""
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("the key is not an Ed25519 public key")
    return key


def is_valid(public_key: Ed25519PublicKey, signature_b64: str, message: bytes) -> bool:
    try:
        public_key.verify(base64.b64decode(signature_b64, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True


class EvidenceKey:
    def __init__(self, private_key: Ed25519PrivateKey, path: Path | None = None) -> None:
        self._private = private_key
        self.public = private_key.public_key()
        self.path = path
        self.fingerprint = fingerprint(self.public)

    @classmethod
    def load_or_create(cls, keys_dir: Path) -> EvidenceKey:
        """The center's key from ``keys_dir``, made there (0600) when there is none yet."""
        path = keys_dir / KEY_FILE
        if path.exists():
            return cls.load(path)
        make_private_dir(keys_dir)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
        create_private_file(path, pem)
        return cls.load(path)

    @classmethod
    def load(cls, path: Path) -> EvidenceKey:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 private key")
        return cls(key, path)

    def sign(self, message: bytes) -> str:
        """The signature of ``message``, base64."""
        return base64.b64encode(self._private.sign(message)).decode("ascii")

    def public_pem(self) -> bytes:
        return self.public.public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo)

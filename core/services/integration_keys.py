"""Integration keys: named, revocable keys of an exam system. A key is random, shown once when it
is made and stored only as its SHA-256; a revoked key is refused from that moment (every use
reads its row). What a key may do is decided with the other secrets in core/api/auth.py."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select

from core.db.engine import UnitOfWork
from core.db.models import IntegrationKey
from core.domain.clock import Clock
from core.domain.errors import InvalidInput, NotFound
from core.domain.records import IntegrationKeyCreated, IntegrationKeyDTO
from core.services.records import new_id

#: Every integration key starts so (then 43 URL-safe characters): only such secrets are looked up.
KEY_PREFIX = "pik_"
MAX_NAME = 100


class IntegrationKeyNotFound(NotFound):
    def __init__(self, key_id: str) -> None:
        super().__init__(code="integration_key_not_found", params={"key_id": key_id})


@dataclass(frozen=True)
class KeyHolder:
    """Who presented a valid integration key."""

    key_id: str
    name: str


def looks_like_integration_key(secret: str) -> bool:
    return secret.startswith(KEY_PREFIX) and len(secret) == len(KEY_PREFIX) + 43


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class IntegrationKeyService:
    def __init__(self, uow: UnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    def create_key(self, name: str) -> IntegrationKeyCreated:
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise InvalidInput(code="integration_key_name", params={"limit": MAX_NAME})
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        row = IntegrationKey(id=new_id(), name=name, key_hash=key_digest(key),
                             created_at=self._clock.now())
        with self._uow.write() as ws:
            ws.add(row)
        return IntegrationKeyCreated(row.id, row.name, key)

    def list_keys(self) -> list[IntegrationKeyDTO]:
        with self._uow.read() as s:
            rows = s.scalars(select(IntegrationKey).where(IntegrationKey.revoked_at.is_(None))
                             .order_by(IntegrationKey.created_at, IntegrationKey.id)).all()
            return [IntegrationKeyDTO(r.id, r.name, r.created_at) for r in rows]

    def revoke_key(self, key_id: str) -> None:
        with self._uow.write() as ws:
            row = ws.get(IntegrationKey, key_id)
            if row is None or row.revoked_at is not None:
                raise IntegrationKeyNotFound(key_id)
            row.revoked_at = self._clock.now()

    def identify(self, secret: str) -> KeyHolder | None:
        """The holder of a key that is valid now (one indexed read), else None."""
        if not looks_like_integration_key(secret):
            return None
        with self._uow.read() as s:
            row = s.scalar(select(IntegrationKey).where(
                IntegrationKey.key_hash == key_digest(secret)))
            if row is None or row.revoked_at is not None:
                return None
            return KeyHolder(row.id, row.name)

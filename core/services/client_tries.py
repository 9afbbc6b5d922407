"""What the limits on a client address's tries (sign-ins, enrolment codes) share: one write
transaction at a time per address and purpose, in every process on the database, and the
pruning of tries too old to matter.

The check and the record of a try are made in one such transaction, so parallel tries cannot
all pass the check before any is recorded. On PostgreSQL the transaction takes an advisory lock
named after the purpose and the address (released at its commit); on SQLite every write
transaction already runs alone (``BEGIN IMMEDIATE``).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select, text

from core.db.engine import WriteSession

#: Longest client address kept (an IPv6 address with a zone is at most 45 characters).
MAX_ADDRESS = 64
#: Old tries removed per new try: the table is pruned as it grows, never in one long statement.
PRUNE_BATCH = 200


def client_address(address: str | None) -> str:
    return (address or "")[:MAX_ADDRESS]


def hold_address(ws: WriteSession, purpose: str, address: str) -> None:
    """Wait until no other write transaction holds (purpose, address), then hold it until this
    one ends."""
    if ws.session.get_bind().dialect.name == "sqlite":
        return
    digest = hashlib.sha256(f"{purpose}\x00{address}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    ws.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def prune(ws: WriteSession, model: Any, before: datetime) -> None:
    """Remove up to PRUNE_BATCH of ``model``'s tries older than ``before``; rows another
    transaction is removing are skipped (PostgreSQL), so two never wait on each other."""
    old = (select(model.id).where(model.tried_at < before).limit(PRUNE_BATCH)
           .with_for_update(skip_locked=True))
    ws.session.execute(delete(model).where(model.id.in_(old)))

"""Appending to the sessions' evidence chains, inside the transaction that stores the entries.

Every write transaction (``core.db.engine.WriteSession``) calls ``seal_chains`` just before
its change log and its commit. It finds the entries of the sessions this transaction touched
that have no place in their chain yet (snapshots and events, however they were inserted),
locks those sessions' rows (``FOR NO KEY UPDATE`` on PostgreSQL: every server process that
appends to a session waits for the one before it to commit, the way every event write already
updates the session row; SQLite has one writer at a time), and gives each entry the next
position and its hash (``core.domain.evidence``), then keeps the new length and head on the
session row. The ingest writer places its batches' snapshots itself, in their insert
(``place_snapshots``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from core.db.models import ProctorEvent, ProctorSession, Snapshot
from core.domain.evidence import (
    EVENT,
    GENESIS,
    SNAPSHOT,
    chain_hash,
    event_content,
    snapshot_content,
    sort_key,
)

SESSIONS = ProctorSession.__table__
SNAPSHOTS = Snapshot.__table__
EVENTS = ProctorEvent.__table__

_UNCHAINED_SNAPSHOTS = (
    select(SNAPSHOTS.c.id, SNAPSHOTS.c.session_id, SNAPSHOTS.c.captured_at,
           SNAPSHOTS.c.received_at, SNAPSHOTS.c.width, SNAPSHOTS.c.height,
           SNAPSHOTS.c.size_bytes, SNAPSHOTS.c.sha256)
    .where(SNAPSHOTS.c.session_id.in_(bindparam("session_ids", expanding=True)),
           SNAPSHOTS.c.chain_seq.is_(None))
)
_UNCHAINED_EVENTS = (
    select(EVENTS.c.id, EVENTS.c.session_id, EVENTS.c.type, EVENTS.c.detail, EVENTS.c.source,
           EVENTS.c.occurred_at, EVENTS.c.recorded_at, EVENTS.c.actor, EVENTS.c.cause)
    .where(EVENTS.c.session_id.in_(bindparam("session_ids", expanding=True)),
           EVENTS.c.chain_seq.is_(None))
)
#: A snapshot row's columns in its chain content (besides its id and session).
_SNAPSHOT_VALUES = ("session_id", "captured_at", "received_at", "width", "height", "size_bytes",
                    "sha256")
_SET_SNAPSHOT = (update(SNAPSHOTS).where(SNAPSHOTS.c.id == bindparam("entry_id"))
                 .values(chain_seq=bindparam("seq"), chain_hash=bindparam("hash")))
_SET_EVENT = (update(EVENTS).where(EVENTS.c.id == bindparam("entry_id"))
              .values(chain_seq=bindparam("seq"), chain_hash=bindparam("hash")))
_SET_HEAD = (update(SESSIONS).where(SESSIONS.c.id == bindparam("session")).values(
    chain_length=bindparam("length"), chain_head=bindparam("head")))


@dataclass(frozen=True)
class ChainHead:
    session_id: str
    entry_count: int
    head: str


def touched_sessions(session: Session, events: Iterable[object]) -> set[str]:
    """The sessions a transaction touched: those its domain events name, and those of the
    events it added that are not flushed yet."""
    touched = {session_id for event in events
               if isinstance(session_id := getattr(event, "session_id", None), str)}
    touched |= {row.session_id for row in session.new if isinstance(row, ProctorEvent)}
    return touched


def lock_heads(connection: Connection, session_ids: Iterable[str], is_postgres: bool
               ) -> dict[str, tuple[int, str]]:
    """The chain length and head of these sessions, their rows locked on PostgreSQL until the
    commit (see ``seal_chains``)."""
    locked = select(SESSIONS.c.id, SESSIONS.c.chain_length, SESSIONS.c.chain_head).where(
        SESSIONS.c.id.in_(sorted(set(session_ids)))).order_by(SESSIONS.c.id)
    if is_postgres:
        locked = locked.with_for_update(key_share=True)
    return {session_id: (length or 0, head or GENESIS)
            for session_id, length, head in connection.execute(locked)}


def place_snapshots(heads: dict[str, tuple[int, str]], rows: Sequence[dict[str, Any]]) -> None:
    """Give snapshot rows about to be inserted (the ``snapshots`` table's columns) their
    places in their sessions' chains, in the order given, before the insert: ``chain_seq``
    and ``chain_hash`` are set on each row, and ``heads`` moves to each session's new length
    and head (which the caller stores on the session row). The ingest writer's batches do
    this, so its transaction needs none of ``seal_chains``' reads and updates of snapshots."""
    for row in rows:
        seq, head = heads[row["session_id"]]
        seq += 1
        head = chain_hash(head, snapshot_content(
            seq, snapshot_id=row["id"], **{k: row[k] for k in _SNAPSHOT_VALUES}))
        row["chain_seq"], row["chain_hash"] = seq, head
        heads[row["session_id"]] = (seq, head)


def seal_chains(session: Session, events: Sequence[object], is_postgres: bool,
                snapshots_placed: bool = False) -> list[ChainHead]:
    """Chain the unchained entries of the sessions this transaction touched; their new heads.
    ``snapshots_placed``: the transaction's snapshot rows were inserted with their places
    (``place_snapshots``), so only events are looked for."""
    touched = touched_sessions(session, events)
    if not touched:
        return []
    session.flush()
    ids = {"session_ids": sorted(touched)}
    pending: dict[str, list[tuple[Any, str, dict[str, Any]]]] = {}
    for row in ([] if snapshots_placed else
                session.execute(_UNCHAINED_SNAPSHOTS, ids).mappings()):
        values = {"session_id": row["session_id"], "snapshot_id": row["id"],
                  **{k: row[k] for k in ("captured_at", "received_at", "width", "height",
                                         "size_bytes", "sha256")}}
        pending.setdefault(row["session_id"], []).append(
            (sort_key(SNAPSHOT, row["received_at"], None, row["id"]), SNAPSHOT, values))
    for row in session.execute(_UNCHAINED_EVENTS, ids).mappings():
        values = {"session_id": row["session_id"], "event_id": row["id"],
                  **{k: row[k] for k in ("type", "detail", "source", "occurred_at",
                                         "recorded_at", "actor", "cause")}}
        pending.setdefault(row["session_id"], []).append(
            (sort_key(EVENT, row["recorded_at"], row["type"], row["id"]), EVENT, values))
    if not pending:
        return []
    # FOR NO KEY UPDATE on PostgreSQL, not FOR UPDATE: the rows this transaction inserted
    # (snapshots, events) hold FOR KEY SHARE on their session through the foreign key, and so
    # do other processes' inserts. FOR UPDATE would wait for those while they wait for this
    # transaction's earlier update of the session row: a deadlock (PostgreSQL aborts one, the
    # upload answers 503). FOR NO KEY UPDATE still makes appenders take turns.
    heads: list[ChainHead] = []
    snapshot_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    for session_id, (length, head) in sorted(
            lock_heads(session.connection(), pending, is_postgres).items()):
        seq = length
        for _key, kind, values in sorted(pending[session_id], key=lambda entry: entry[0]):
            seq += 1
            if kind == SNAPSHOT:
                head = chain_hash(head, snapshot_content(seq, **values))
                snapshot_rows.append({"entry_id": values["snapshot_id"], "seq": seq,
                                      "hash": head})
            else:
                head = chain_hash(head, event_content(seq, **values))
                event_rows.append({"entry_id": values["event_id"], "seq": seq, "hash": head})
        heads.append(ChainHead(session_id, seq, head))
    connection = session.connection()
    if snapshot_rows:
        connection.execute(_SET_SNAPSHOT, snapshot_rows)
    if event_rows:
        connection.execute(_SET_EVENT, event_rows)
    connection.execute(_SET_HEAD, [{"session": h.session_id, "length": h.entry_count,
                                    "head": h.head} for h in heads])
    return heads

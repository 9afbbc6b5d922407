"""evidence chain: snapshot digests, each session's hash chain, signatures of chain heads

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""
from datetime import UTC, datetime, timezone
from typing import Any

from alembic import op
import sqlalchemy as sa

from core.domain.evidence import GENESIS, EVENT, SNAPSHOT, chain_hash, entry_content, sort_key


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch copy would rebuild the tables, which SQLite's foreign keys refuse.
    op.add_column('snapshots', sa.Column('sha256', sa.String(64), nullable=True))
    op.add_column('snapshots', sa.Column('thumbnail_sha256', sa.String(64), nullable=True))
    op.add_column('snapshots', sa.Column('chain_seq', sa.Integer(), nullable=True))
    op.add_column('snapshots', sa.Column('chain_hash', sa.String(64), nullable=True))
    op.add_column('proctor_events', sa.Column('chain_seq', sa.Integer(), nullable=True))
    op.add_column('proctor_events', sa.Column('chain_hash', sa.String(64), nullable=True))
    op.add_column('proctor_sessions', sa.Column('chain_length', sa.Integer(), nullable=False,
                                                server_default='0'))
    op.add_column('proctor_sessions', sa.Column('chain_head', sa.String(64), nullable=True))
    op.create_index('ix_snapshots_session_chain', 'snapshots', ['session_id', 'chain_seq'])
    op.create_index('ix_proctor_events_session_chain', 'proctor_events',
                    ['session_id', 'chain_seq'])
    op.create_table(
        'evidence_signatures',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True,
                  autoincrement=True),
        sa.Column('session_id', sa.String(36), sa.ForeignKey('proctor_sessions.id'),
                  nullable=False),
        sa.Column('entry_count', sa.Integer(), nullable=False),
        sa.Column('chain_head', sa.String(64), nullable=False),
        sa.Column('signed_at', sa.DateTime(), nullable=False),
        sa.Column('signature', sa.String(100), nullable=False),
        sa.Column('key_sha256', sa.String(64), nullable=False),
    )
    op.create_index('ix_evidence_signatures_session', 'evidence_signatures',
                    ['session_id', 'entry_count'])
    _chain_what_is_stored()


def _chain_what_is_stored() -> None:
    """Every session's stored entries join its chain in the order they were taken (their
    digests unknown: the bytes are not read here)."""
    connection = op.get_bind()
    entries: dict[str, list[tuple[Any, str, dict[str, Any]]]] = {}
    for row in connection.execute(sa.text(
            "SELECT id, session_id, captured_at, received_at, width, height, size_bytes"
            " FROM snapshots")).mappings():
        values = {"session_id": row["session_id"], "snapshot_id": row["id"],
                  "captured_at": _aware(row["captured_at"], UTC),
                  "received_at": _aware(row["received_at"], UTC), "width": row["width"],
                  "height": row["height"], "size_bytes": row["size_bytes"], "sha256": None}
        entries.setdefault(row["session_id"], []).append(
            (sort_key(SNAPSHOT, values["received_at"], None, row["id"]), SNAPSHOT, values))
    for row in connection.execute(sa.text(
            "SELECT id, session_id, type, detail, source, occurred_at, recorded_at, actor, cause"
            " FROM proctor_events")).mappings():
        values = {"session_id": row["session_id"], "event_id": row["id"], "type": row["type"],
                  "detail": row["detail"], "source": row["source"],
                  "occurred_at": _aware(row["occurred_at"], UTC),
                  "recorded_at": _aware(row["recorded_at"], UTC), "actor": row["actor"],
                  "cause": row["cause"]}
        entries.setdefault(row["session_id"], []).append(
            (sort_key(EVENT, values["recorded_at"], row["type"], row["id"]), EVENT, values))
    for session_id, listed in entries.items():
        head = GENESIS
        for seq, (_key, kind, values) in enumerate(sorted(listed, key=lambda e: e[0]), start=1):
            head = chain_hash(head, entry_content(kind, seq, values))
            table, key = (("snapshots", values["snapshot_id"]) if kind == SNAPSHOT
                          else ("proctor_events", values["event_id"]))
            connection.execute(sa.text(f"UPDATE {table} SET chain_seq = :seq, chain_hash = :hash"
                                       " WHERE id = :id"), {"seq": seq, "hash": head, "id": key})
        connection.execute(sa.text("UPDATE proctor_sessions SET chain_length = :n,"
                                   " chain_head = :head WHERE id = :id"),
                           {"n": len(listed), "head": head, "id": session_id})


def _aware(value: Any, utc: timezone) -> datetime:
    if isinstance(value, str):  # SQLite hands text back through a plain statement
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=utc) if value.tzinfo is None else value.astimezone(utc)


def downgrade() -> None:
    op.drop_index('ix_evidence_signatures_session', table_name='evidence_signatures')
    op.drop_table('evidence_signatures')
    op.drop_index('ix_proctor_events_session_chain', table_name='proctor_events')
    op.drop_index('ix_snapshots_session_chain', table_name='snapshots')
    for table, column in (('proctor_sessions', 'chain_head'), ('proctor_sessions', 'chain_length'),
                          ('proctor_events', 'chain_hash'), ('proctor_events', 'chain_seq'),
                          ('snapshots', 'chain_hash'), ('snapshots', 'chain_seq'),
                          ('snapshots', 'thumbnail_sha256'), ('snapshots', 'sha256')):
        op.drop_column(table, column)

"""webhooks and their delivery outbox, integration keys, and the exam system's external_ref on
attempts

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'webhooks',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('url', sa.String(2000), nullable=False),
        sa.Column('events', sa.Text(), nullable=False),
        sa.Column('description', sa.String(200), nullable=True),
        sa.Column('sealed_secret', sa.String(200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_table(
        'webhook_deliveries',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True,
                  autoincrement=True),
        sa.Column('event_id', sa.String(36), nullable=False),
        sa.Column('webhook_id', sa.String(36),
                  sa.ForeignKey('webhooks.id', ondelete='CASCADE'), nullable=False),
        sa.Column('attempt_id', sa.String(36), nullable=False),
        sa.Column('session_id', sa.String(36), nullable=True),
        sa.Column('type', sa.String(40), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('status', sa.String(20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_status_code', sa.Integer(), nullable=True),
        sa.Column('last_error', sa.String(300), nullable=True),
        sa.Column('next_try_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('retrying_since', sa.DateTime(), nullable=False),
        sa.Column('delivered_at', sa.DateTime(), nullable=True),
        sa.UniqueConstraint('webhook_id', 'event_id', name='uq_webhook_deliveries_event'),
    )
    op.create_index('ix_webhook_deliveries_due', 'webhook_deliveries', ['status', 'next_try_at'])
    op.create_index('ix_webhook_deliveries_order', 'webhook_deliveries',
                    ['webhook_id', 'attempt_id', 'status', 'id'])
    op.create_table(
        'integration_keys',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('name', sa.String(100), nullable=False),
        sa.Column('key_hash', sa.String(64), nullable=False, unique=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
    )
    # A plain ADD COLUMN (no batch copy: SQLite's foreign keys refuse a rebuilt table).
    op.add_column('attempts', sa.Column('external_ref', sa.String(200), nullable=True))


def downgrade() -> None:
    op.drop_column('attempts', 'external_ref')
    op.drop_table('integration_keys')
    op.drop_index('ix_webhook_deliveries_order', 'webhook_deliveries')
    op.drop_index('ix_webhook_deliveries_due', 'webhook_deliveries')
    op.drop_table('webhook_deliveries')
    op.drop_table('webhooks')

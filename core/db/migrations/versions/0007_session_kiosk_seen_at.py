"""session kiosk_seen_at: the last time the attempt's token was used for anything

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy of the table, as in 0002).
    op.add_column('proctor_sessions', sa.Column('kiosk_seen_at', sa.DateTime(), nullable=True))
    # Sessions with a snapshot: their kiosk was there at least when it took the latest one.
    op.execute("UPDATE proctor_sessions SET kiosk_seen_at = last_snapshot_at"
               " WHERE last_snapshot_at IS NOT NULL")


def downgrade() -> None:
    op.drop_column('proctor_sessions', 'kiosk_seen_at')

"""session camera_off: the kiosk's camera reported unavailable

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (no batch copy of the table: on SQLite that would drop and rebuild
    # proctor_sessions, which its foreign keys refuse once events and snapshots point at it).
    op.add_column('proctor_sessions', sa.Column('camera_off', sa.Boolean(),
                                                server_default=sa.false(), nullable=False))
    # Sessions whose latest camera event says the camera is off.
    op.execute(
        "UPDATE proctor_sessions SET camera_off = TRUE WHERE ("
        " SELECT e.type FROM proctor_events e"
        " WHERE e.session_id = proctor_sessions.id"
        " AND e.type IN ('camera_denied', 'camera_restored')"
        " ORDER BY e.occurred_at DESC, e.recorded_at DESC LIMIT 1) = 'camera_denied'"
    )


def downgrade() -> None:
    op.drop_column('proctor_sessions', 'camera_off')

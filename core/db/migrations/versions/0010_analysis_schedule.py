"""analysis schedule: when each snapshot was analysed, and the frames a session had skipped

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch copy would rebuild the tables, which SQLite's foreign keys refuse.
    op.add_column('snapshots', sa.Column('analysed_at', sa.DateTime(), nullable=True))
    op.add_column('proctor_sessions', sa.Column('frames_skipped', sa.Integer(), nullable=False,
                                                server_default='0'))


def downgrade() -> None:
    op.drop_column('proctor_sessions', 'frames_skipped')
    op.drop_column('snapshots', 'analysed_at')

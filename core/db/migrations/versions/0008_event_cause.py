"""event cause: why an upload_failed happened (center_unreachable, center_error, refused)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, like 0002 (a nullable column needs no batch copy of the table).
    op.add_column('proctor_events', sa.Column('cause', sa.String(20), nullable=True))
    # An upload_failed stored before had no cause and was weighed: it was refused, as a kiosk
    # that gives no cause says now.
    op.execute("UPDATE proctor_events SET cause = 'refused' WHERE type = 'upload_failed'")


def downgrade() -> None:
    op.drop_column('proctor_events', 'cause')

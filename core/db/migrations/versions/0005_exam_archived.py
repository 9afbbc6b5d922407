"""exam is_archived: an archived exam is hidden from kiosks' exam list

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, like 0002 (no batch copy of the table: attempts point at exams).
    op.add_column('exams', sa.Column('is_archived', sa.Boolean(),
                                     server_default=sa.false(), nullable=False))


def downgrade() -> None:
    op.drop_column('exams', 'is_archived')

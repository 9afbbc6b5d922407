"""exam is_archived: an archived exam is hidden from kiosks' exam list

Revision ID: 0005
Revises: 0002 on its branch; when merged, it goes after the last revision before it
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
# Written beside other branches' 0003 (change log) and 0004 revisions: when they are merged,
# point this at the newest of them so the history stays one line.
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN, like 0002 (no batch copy of the table: attempts point at exams).
    op.add_column('exams', sa.Column('is_archived', sa.Boolean(),
                                     server_default=sa.false(), nullable=False))


def downgrade() -> None:
    op.drop_column('exams', 'is_archived')

"""Events: the code and parameters of a detail the center wrote, beside the English detail

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('proctor_events') as batch:
        batch.add_column(sa.Column('detail_code', sa.String(length=60), nullable=True))
        batch.add_column(sa.Column('detail_params', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('proctor_events') as batch:
        batch.drop_column('detail_params')
        batch.drop_column('detail_code')

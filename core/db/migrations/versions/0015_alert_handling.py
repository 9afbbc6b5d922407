"""alerts a team shares: a warning's alert dismissed by a proctor (the candidate may continue)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('proctor_warnings', sa.Column('cleared_at', sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column('proctor_warnings', 'cleared_at')

"""LTI control messages: an update's extra time in a column of its own

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('lti_controls', sa.Column('extra_seconds', sa.Integer(), nullable=True))


def downgrade() -> None:
    op.drop_column('lti_controls', 'extra_seconds')

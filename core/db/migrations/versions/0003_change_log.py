"""change log: numbered domain events for the live stream and for other server processes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'changes',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True,
                  autoincrement=True),
        sa.Column('kind', sa.String(32), nullable=False),
        sa.Column('data', sa.Text(), nullable=False),
        sa.Column('origin', sa.String(32), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_changes_created_at', 'changes', ['created_at'])


def downgrade() -> None:
    op.drop_index('ix_changes_created_at', 'changes')
    op.drop_table('changes')

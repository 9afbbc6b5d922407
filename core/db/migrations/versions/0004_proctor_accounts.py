"""proctor accounts, their tokens and sign-in failures; who did what (actor, flagged_by); seats

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'proctors',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('username', sa.String(64), nullable=False, unique=True),
        sa.Column('display_name', sa.String(100), nullable=False),
        sa.Column('password_hash', sa.String(200), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('is_disabled', sa.Boolean(), nullable=False),
    )
    op.create_table(
        'proctor_tokens',
        sa.Column('token_hash', sa.String(64), primary_key=True),
        sa.Column('proctor_id', sa.String(36), sa.ForeignKey('proctors.id'), nullable=False),
        sa.Column('issued_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('revoked_at', sa.DateTime(), nullable=True),
    )
    op.create_index('ix_proctor_tokens_proctor', 'proctor_tokens', ['proctor_id'])
    op.create_table(
        'login_failures',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True,
                  autoincrement=True),
        sa.Column('username', sa.String(200), nullable=False),
        sa.Column('failed_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_login_failures_username_time', 'login_failures',
                    ['username', 'failed_at'])
    op.create_index('ix_login_failures_time', 'login_failures', ['failed_at'])
    # Plain ADD COLUMNs (no batch copy: SQLite's foreign keys refuse a rebuilt table).
    op.add_column('attempts', sa.Column('seat', sa.String(40), nullable=True))
    op.add_column('proctor_sessions', sa.Column('flagged_by', sa.String(100), nullable=True))
    op.add_column('proctor_events', sa.Column('actor', sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_column('proctor_events', 'actor')
    op.drop_column('proctor_sessions', 'flagged_by')
    op.drop_column('attempts', 'seat')
    op.drop_index('ix_login_failures_time', 'login_failures')
    op.drop_index('ix_login_failures_username_time', 'login_failures')
    op.drop_table('login_failures')
    op.drop_index('ix_proctor_tokens_proctor', 'proctor_tokens')
    op.drop_table('proctor_tokens')
    op.drop_table('proctors')

"""sign-in tries and wrong enrolment codes per client address, in the database (limits shared by
every server process, kept across restarts); login_failures goes (counted per username alone)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _id() -> "sa.Column[int]":
    return sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True,
                     autoincrement=True)


def upgrade() -> None:
    op.create_table(
        'sign_in_attempts',
        _id(),
        sa.Column('address', sa.String(64), nullable=False),
        sa.Column('username', sa.String(200), nullable=False),
        sa.Column('tried_at', sa.DateTime(), nullable=False),
        sa.Column('is_failure', sa.Boolean(), nullable=False),
    )
    op.create_index('ix_sign_in_attempts_address_time', 'sign_in_attempts',
                    ['address', 'tried_at'])
    op.create_index('ix_sign_in_attempts_time', 'sign_in_attempts', ['tried_at'])
    op.create_table(
        'wrong_enrolment_codes',
        _id(),
        sa.Column('address', sa.String(64), nullable=False),
        sa.Column('tried_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_wrong_enrolment_codes_address_time', 'wrong_enrolment_codes',
                    ['address', 'tried_at'])
    op.create_index('ix_wrong_enrolment_codes_time', 'wrong_enrolment_codes', ['tried_at'])
    # Failures counted per username alone (at most ten minutes of them matter): not carried over.
    op.drop_index('ix_login_failures_time', 'login_failures')
    op.drop_index('ix_login_failures_username_time', 'login_failures')
    op.drop_table('login_failures')


def downgrade() -> None:
    op.create_table(
        'login_failures',
        _id(),
        sa.Column('username', sa.String(200), nullable=False),
        sa.Column('failed_at', sa.DateTime(), nullable=False),
    )
    op.create_index('ix_login_failures_username_time', 'login_failures',
                    ['username', 'failed_at'])
    op.create_index('ix_login_failures_time', 'login_failures', ['failed_at'])
    op.drop_index('ix_wrong_enrolment_codes_time', 'wrong_enrolment_codes')
    op.drop_index('ix_wrong_enrolment_codes_address_time', 'wrong_enrolment_codes')
    op.drop_table('wrong_enrolment_codes')
    op.drop_index('ix_sign_in_attempts_time', 'sign_in_attempts')
    op.drop_index('ix_sign_in_attempts_address_time', 'sign_in_attempts')
    op.drop_table('sign_in_attempts')

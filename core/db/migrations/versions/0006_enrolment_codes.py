"""enrolment codes: one-time codes a kiosk types to enrol with the center (hashed)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'enrolment_codes',
        sa.Column('code_hash', sa.String(64), primary_key=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
    )
    op.create_index('ix_enrolment_codes_expires_at', 'enrolment_codes', ['expires_at'])


def downgrade() -> None:
    op.drop_index('ix_enrolment_codes_expires_at', 'enrolment_codes')
    op.drop_table('enrolment_codes')

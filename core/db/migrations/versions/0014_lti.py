"""LTI 1.3 Proctoring: registered platforms, logins (state and nonce), links to the platform's
attempts, and the Assessment Control Service's outbox

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'lti_platforms',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('name', sa.String(100), nullable=True),
        sa.Column('issuer', sa.String(300), nullable=False),
        sa.Column('client_id', sa.String(200), nullable=False),
        sa.Column('deployment_id', sa.String(200), nullable=False),
        sa.Column('jwks_url', sa.String(2000), nullable=False),
        sa.Column('auth_url', sa.String(2000), nullable=False),
        sa.Column('token_url', sa.String(2000), nullable=False),
        sa.Column('exam_id', sa.String(36), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('issuer', 'client_id', name='uq_lti_platforms_client'),
    )
    op.create_table(
        'lti_logins',
        sa.Column('state', sa.String(64), primary_key=True),
        sa.Column('nonce', sa.String(64), nullable=False, unique=True),
        sa.Column('platform_id', sa.String(36),
                  sa.ForeignKey('lti_platforms.id', ondelete='CASCADE'), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('used_at', sa.DateTime(), nullable=True),
    )
    op.create_index('ix_lti_logins_created', 'lti_logins', ['created_at'])
    op.create_table(
        'lti_links',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('platform_id', sa.String(36),
                  sa.ForeignKey('lti_platforms.id', ondelete='CASCADE'), nullable=False),
        sa.Column('attempt_id', sa.String(36), sa.ForeignKey('attempts.id'), nullable=False,
                  unique=True),
        sa.Column('resource_link_id', sa.String(255), nullable=False),
        sa.Column('user_sub', sa.String(255), nullable=False),
        sa.Column('attempt_number', sa.String(40), nullable=False),
        sa.Column('session_data', sa.Text(), nullable=True),
        sa.Column('acs_url', sa.String(2000), nullable=True),
        sa.Column('acs_actions', sa.String(200), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.UniqueConstraint('platform_id', 'resource_link_id', 'user_sub', 'attempt_number',
                            name='uq_lti_links_attempt'),
    )
    op.create_table(
        'lti_controls',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True,
                  autoincrement=True),
        sa.Column('link_id', sa.String(36),
                  sa.ForeignKey('lti_links.id', ondelete='CASCADE'), nullable=False),
        sa.Column('action', sa.String(20), nullable=False),
        sa.Column('reason', sa.String(300), nullable=True),
        sa.Column('incident_at', sa.DateTime(), nullable=False),
        sa.Column('status', sa.String(20), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('last_status_code', sa.Integer(), nullable=True),
        sa.Column('last_error', sa.String(300), nullable=True),
        sa.Column('next_try_at', sa.DateTime(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('sent_at', sa.DateTime(), nullable=True),
    )
    op.create_index('ix_lti_controls_due', 'lti_controls', ['status', 'next_try_at'])


def downgrade() -> None:
    op.drop_index('ix_lti_controls_due', table_name='lti_controls')
    op.drop_table('lti_controls')
    op.drop_table('lti_links')
    op.drop_index('ix_lti_logins_created', table_name='lti_logins')
    op.drop_table('lti_logins')
    op.drop_table('lti_platforms')

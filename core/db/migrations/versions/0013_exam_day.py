"""the exam day: rooms, pauses, extra time and accommodations

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""
from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs: a batch copy would rebuild the tables, which SQLite's foreign keys refuse.
    op.add_column('attempts', sa.Column('room', sa.String(40), nullable=True))
    op.create_index('ix_attempts_room', 'attempts', ['room'])
    op.add_column('attempts', sa.Column('paused_at', sa.DateTime(), nullable=True))
    op.add_column('attempts', sa.Column('paused_reason', sa.String(200), nullable=True))
    for name in ('paused_seconds', 'added_seconds', 'accommodation_seconds'):
        op.add_column('attempts', sa.Column(name, sa.Integer(), nullable=False,
                                            server_default='0'))
    op.add_column('enrolment_codes', sa.Column('room', sa.String(40), nullable=True))
    op.create_table(
        'accommodations',
        sa.Column('id', sa.String(36), primary_key=True),
        sa.Column('exam_id', sa.String(36), sa.ForeignKey('exams.id'), nullable=False),
        sa.Column('candidate_ref', sa.String(100), nullable=False),
        sa.Column('extra_percent', sa.Integer(), nullable=False),
        sa.Column('extra_minutes', sa.Integer(), nullable=False),
        sa.Column('exempt', sa.String(400), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('set_by', sa.String(100), nullable=False),
        sa.Column('set_at', sa.DateTime(), nullable=False),
        sa.UniqueConstraint('exam_id', 'candidate_ref', name='uq_accommodations_exam_candidate'),
    )


def downgrade() -> None:
    op.drop_table('accommodations')
    op.drop_column('enrolment_codes', 'room')
    for name in ('accommodation_seconds', 'added_seconds', 'paused_seconds', 'paused_reason',
                 'paused_at'):
        op.drop_column('attempts', name)
    op.drop_index('ix_attempts_room', 'attempts')
    op.drop_column('attempts', 'room')

"""training sessions and attendance

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 18:00:55.316561
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('trainings',
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('platforms', sa.String(length=60), nullable=False),
    sa.Column('modules', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('starts_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('ends_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('trainers', sa.String(length=200), nullable=False),
    sa.Column('target_units', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('search_key', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainings'))
    )
    with op.batch_alter_table('trainings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trainings_search_key'), ['search_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_trainings_starts_at'), ['starts_at'], unique=False)

    op.create_table('training_attendees',
    sa.Column('training_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=120), nullable=False),
    sa.Column('department', sa.String(length=60), nullable=False),
    sa.Column('phone', sa.String(length=30), nullable=False),
    sa.Column('role', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('checked_in_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('walk_in', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['training_id'], ['trainings.id'],
                            name=op.f('fk_training_attendees_training_id_trainings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_attendees'))
    )
    with op.batch_alter_table('training_attendees', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendees_training_id'), ['training_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('training_attendees', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_attendees_training_id'))

    op.drop_table('training_attendees')
    with op.batch_alter_table('trainings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trainings_starts_at'))
        batch_op.drop_index(batch_op.f('ix_trainings_search_key'))

    op.drop_table('trainings')


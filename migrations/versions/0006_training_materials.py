"""training materials

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 18:14:12.922186
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('training_materials',
    sa.Column('training_id', sa.String(length=36), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['training_id'], ['trainings.id'],
                            name=op.f('fk_training_materials_training_id_trainings')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training_materials'))
    )
    with op.batch_alter_table('training_materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_materials_training_id'), ['training_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('training_materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_materials_training_id'))

    op.drop_table('training_materials')


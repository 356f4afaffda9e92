"""sync bookkeeping: bases, conflicts, parked records

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 19:59:51.652662
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sync_base',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('rev', sa.BigInteger(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'record_id', name=op.f('pk_sync_base'))
    )
    op.create_table('sync_conflicts',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=64), nullable=False),
    sa.Column('kept_value', sa.Text(), nullable=False),
    sa.Column('other_value', sa.Text(), nullable=False),
    sa.Column('kept_author', sa.String(length=80), nullable=False),
    sa.Column('other_author', sa.String(length=80), nullable=False),
    sa.Column('kept_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('other_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.Column('resolution', sa.String(length=20), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sync_conflicts'))
    )
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflicts_record_id'), ['record_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflicts_resolved'), ['resolved'], unique=False)

    op.create_table('sync_parked',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('record_id', sa.String(length=36), nullable=False),
    sa.Column('rev', sa.BigInteger(), nullable=False),
    sa.Column('owner', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'record_id', name=op.f('pk_sync_parked'))
    )


def downgrade() -> None:
    op.drop_table('sync_parked')
    with op.batch_alter_table('sync_conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_resolved'))
        batch_op.drop_index(batch_op.f('ix_sync_conflicts_record_id'))

    op.drop_table('sync_conflicts')
    op.drop_table('sync_base')

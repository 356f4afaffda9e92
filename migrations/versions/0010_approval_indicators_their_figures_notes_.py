"""approval indicators, their figures, notes and import mappings

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-21 20:15:47.486521
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('indicator_definitions',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('unit', sa.String(length=4), nullable=False),
    sa.Column('higher_is_better', sa.Boolean(), nullable=False),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('threshold_pct', sa.Float(), nullable=False),
    sa.Column('synonyms', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_definitions'))
    )
    with op.batch_alter_table('indicator_definitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicator_definitions_code'), ['code'], unique=False)

    op.create_table('indicator_mappings',
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('mapping', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_indicator_mappings'))
    )
    op.create_table('indicator_notes',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('area', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_notes'))
    )
    with op.batch_alter_table('indicator_notes', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_notes_month', ['month'], unique=False)

    op.create_table('indicator_values',
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('area', sa.String(length=40), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicator_values'))
    )
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_values_month_code', ['month', 'code'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('indicator_values', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_values_month_code')

    op.drop_table('indicator_values')
    with op.batch_alter_table('indicator_notes', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_notes_month')

    op.drop_table('indicator_notes')
    op.drop_table('indicator_mappings')
    with op.batch_alter_table('indicator_definitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicator_definitions_code'))

    op.drop_table('indicator_definitions')

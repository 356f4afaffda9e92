"""hub users, records, counter, batches and blobs

Revision ID: h0001
Revises:
Create Date: 2026-11-21 20:07:12.532711
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'h0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('hub_batches',
    sa.Column('batch_id', sa.String(length=36), nullable=False),
    sa.Column('user_name', sa.String(length=80), nullable=False),
    sa.Column('response', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('batch_id', name=op.f('pk_hub_batches'))
    )
    op.create_table('hub_blobs',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('uploaded_by', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_hub_blobs'))
    )
    op.create_table('hub_counter',
    sa.Column('key', sa.String(length=20), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_hub_counter'))
    )
    op.create_table('hub_records',
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('rev', sa.BigInteger(), nullable=False),
    sa.Column('owner', sa.String(length=80), nullable=False),
    sa.Column('team', sa.String(length=80), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('field_revs', sa.JSON(), nullable=False),
    sa.Column('field_authors', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('entity', 'id', name=op.f('pk_hub_records')),
    sa.UniqueConstraint('rev', name=op.f('uq_hub_records_rev'))
    )
    op.create_index('ix_hub_records_team_rev', 'hub_records', ['team', 'rev'], unique=False)
    op.create_table('hub_users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('team', sa.String(length=80), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hub_users')),
    sa.UniqueConstraint('name', name=op.f('uq_hub_users_name')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_hub_users_token_hash'))
    )


def downgrade() -> None:
    op.drop_table('hub_users')
    op.drop_index('ix_hub_records_team_rev', table_name='hub_records')
    op.drop_table('hub_records')
    op.drop_table('hub_counter')
    op.drop_table('hub_blobs')
    op.drop_table('hub_batches')

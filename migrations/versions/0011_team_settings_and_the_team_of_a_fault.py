"""team settings (the working calendar), and the team of a fault

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 10:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('team_settings',
    sa.Column('team', sa.String(length=80), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('changed_by', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_team_settings'))
    )
    with op.batch_alter_table('team_settings', schema=None) as batch_op:
        batch_op.create_index('ix_team_settings_team_key', ['team', 'key'], unique=False)
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('hub_team', sa.String(length=80), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_column('hub_team')
    with op.batch_alter_table('team_settings', schema=None) as batch_op:
        batch_op.drop_index('ix_team_settings_team_key')
    op.drop_table('team_settings')

"""probe results travel to the team: an id of their own, who probed from where, and whether the hub has them

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 12:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('probe_results', schema=None) as batch_op:
        batch_op.add_column(sa.Column('result_id', sa.String(length=36), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('vantage', sa.String(length=80), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('network', sa.String(length=80), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('interval_s', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('uploaded', sa.Boolean(), nullable=False, server_default=sa.false()))
    # Results kept before this version get ids of their own (random, in the form of a UUID), to be sent like any.
    op.execute("UPDATE probe_results SET result_id = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' "
               "|| substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || "
               "substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) WHERE result_id = ''")
    with op.batch_alter_table('probe_results', schema=None) as batch_op:
        batch_op.create_index('ix_probe_results_result_id', ['result_id'], unique=True)
        batch_op.create_index('ix_probe_results_to_upload', ['uploaded'], unique=False,
                              sqlite_where=sa.text('uploaded = 0'))


def downgrade() -> None:
    with op.batch_alter_table('probe_results', schema=None) as batch_op:
        batch_op.drop_index('ix_probe_results_to_upload')
        batch_op.drop_index('ix_probe_results_result_id')
        batch_op.drop_column('uploaded')
        batch_op.drop_column('interval_s')
        batch_op.drop_column('network')
        batch_op.drop_column('vantage')
        batch_op.drop_column('result_id')

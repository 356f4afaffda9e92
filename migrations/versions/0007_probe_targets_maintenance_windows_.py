"""probe targets, maintenance windows, results and states

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-21 19:46:53.543228
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('maintenance_windows',
    sa.Column('starts_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('recurrence', sa.String(length=8), nullable=False),
    sa.Column('until', sa.Date(), nullable=True),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('target_name', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_maintenance_windows'))
    )
    op.create_table('probe_results',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('target_id', sa.String(length=36), nullable=False),
    sa.Column('started_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('latency_ms', sa.Float(), nullable=True),
    sa.Column('failure', sa.String(length=20), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('status_code', sa.Integer(), nullable=True),
    sa.Column('cert_not_after', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('cert_issuer', sa.String(length=200), nullable=False),
    sa.Column('in_maintenance', sa.Boolean(), nullable=False),
    sa.Column('warnings', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_probe_results'))
    )
    with op.batch_alter_table('probe_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_probe_results_started_at'), ['started_at'], unique=False)
        batch_op.create_index('ix_probe_results_target_time', ['target_id', 'started_at'], unique=False)

    op.create_table('probe_states',
    sa.Column('target_id', sa.String(length=36), nullable=False),
    sa.Column('state', sa.String(length=8), nullable=False),
    sa.Column('since', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('streak', sa.Integer(), nullable=False),
    sa.Column('streak_started', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('pending', sa.String(length=8), nullable=False),
    sa.Column('last_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('last_ok', sa.Boolean(), nullable=True),
    sa.Column('last_latency_ms', sa.Float(), nullable=True),
    sa.Column('last_failure', sa.String(length=20), nullable=False),
    sa.Column('last_detail', sa.Text(), nullable=False),
    sa.Column('last_in_maintenance', sa.Boolean(), nullable=False),
    sa.Column('cert_not_after', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('cert_issuer', sa.String(length=200), nullable=False),
    sa.Column('warnings', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('target_id', name=op.f('pk_probe_states'))
    )
    op.create_table('probe_targets',
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('host', sa.String(length=255), nullable=False),
    sa.Column('port', sa.Integer(), nullable=True),
    sa.Column('expect_status', sa.Integer(), nullable=True),
    sa.Column('keyword', sa.String(length=200), nullable=False),
    sa.Column('timeout_s', sa.Float(), nullable=False),
    sa.Column('latency_threshold_ms', sa.Integer(), nullable=True),
    sa.Column('verify_tls', sa.Boolean(), nullable=False),
    sa.Column('cert_warning_days', sa.Integer(), nullable=True),
    sa.Column('module', sa.String(length=60), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_probe_targets'))
    )
    with op.batch_alter_table('probe_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_probe_targets_name'), ['name'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('probe_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_probe_targets_name'))

    op.drop_table('probe_targets')
    op.drop_table('probe_states')
    with op.batch_alter_table('probe_results', schema=None) as batch_op:
        batch_op.drop_index('ix_probe_results_target_time')
        batch_op.drop_index(batch_op.f('ix_probe_results_started_at'))

    op.drop_table('probe_results')
    op.drop_table('maintenance_windows')

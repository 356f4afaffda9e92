"""probe results of each team, and the laptops and watchers that send them

Revision ID: h0004
Revises: h0003
Create Date: 2026-12-06 12:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'h0004'
down_revision: str | None = 'h0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('hub_probe_results',
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('team', sa.String(length=80), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('target_id', sa.String(length=36), nullable=False),
    sa.Column('target_name', sa.String(length=100), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ok', sa.Boolean(), nullable=False),
    sa.Column('latency_ms', sa.Float(), nullable=True),
    sa.Column('failure', sa.String(length=20), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('status_code', sa.SmallInteger(), nullable=True),
    sa.Column('cert_not_after', sa.DateTime(timezone=True), nullable=True),
    sa.Column('cert_issuer', sa.String(length=200), nullable=False),
    sa.Column('in_maintenance', sa.Boolean(), nullable=False),
    sa.Column('interval_s', sa.Integer(), nullable=False),
    sa.Column('vantage', sa.String(length=80), nullable=False),
    sa.Column('network', sa.String(length=80), nullable=False),
    sa.Column('uploaded_by', sa.String(length=80), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_hub_probe_results')),
    sa.UniqueConstraint('team', 'id', name='uq_hub_probe_results_team_id')
    )
    op.create_index('ix_hub_probe_results_team_seq', 'hub_probe_results', ['team', 'seq'], unique=False)
    op.create_index('ix_hub_probe_results_started_at', 'hub_probe_results', ['started_at'], unique=False)
    op.create_table('hub_vantages',
    sa.Column('team', sa.String(length=80), nullable=False),
    sa.Column('vantage', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('network', sa.String(length=80), nullable=False),
    sa.Column('last_seen', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('team', 'vantage', name=op.f('pk_hub_vantages'))
    )


def downgrade() -> None:
    op.drop_table('hub_vantages')
    op.drop_index('ix_hub_probe_results_started_at', table_name='hub_probe_results')
    op.drop_index('ix_hub_probe_results_team_seq', table_name='hub_probe_results')
    op.drop_table('hub_probe_results')

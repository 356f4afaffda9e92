"""probe results: the figures over observed time read them from an index alone

The index on (target, start) gains the columns those figures read of each result, so a year of them is read in
time order from the index without touching the table's rows, wherever in the table they lie.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 13:10:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('probe_results', schema=None) as batch_op:
        batch_op.create_index('ix_probe_results_observed', ['target_id', 'started_at', 'ok', 'in_maintenance',
                                                            'latency_ms', 'vantage', 'interval_s'], unique=False)
        batch_op.drop_index('ix_probe_results_target_time')


def downgrade() -> None:
    with op.batch_alter_table('probe_results', schema=None) as batch_op:
        batch_op.create_index('ix_probe_results_target_time', ['target_id', 'started_at'], unique=False)
        batch_op.drop_index('ix_probe_results_observed')

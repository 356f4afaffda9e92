"""incidents: the contract's figures read from an index alone

The dashboard sums a year and more of faults by month (reported, answered, answered in time, late, resolved) at
every gathering, once a second while a sync runs: an index on (deleted, reported_at) holding the times those sums
read lets SQLite count them without touching the table's rows (41 → 18.5 ms on the benchmark's year).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 17:10:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_contract_figures', ['deleted', 'reported_at', 'responded_at',
                                                                'response_due', 'resolved_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_contract_figures')

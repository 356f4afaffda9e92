"""a fault's corrected and late-entered times, and the register of issued reports

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-08 10:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
        sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
        sa.Column('author', sa.String(length=80), nullable=False),
        sa.Column('server_rev', sa.Integer(), nullable=True),
        sa.Column('deleted', sa.Boolean(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        'incident_corrections',
        sa.Column('incident_id', sa.String(length=36), nullable=False),
        sa.Column('at', dzdesk.store.types.UTCDateTime(), nullable=False),
        sa.Column('field', sa.String(length=20), nullable=False),
        sa.Column('old_value', sa.String(length=40), nullable=False),
        sa.Column('new_value', sa.String(length=40), nullable=False),
        sa.Column('late', sa.Boolean(), nullable=False),
        *_record_columns(),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'],
                                name=op.f('fk_incident_corrections_incident_id_incidents')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_corrections')),
    )
    with op.batch_alter_table('incident_corrections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_corrections_incident_id'), ['incident_id'], unique=False)
    op.create_table(
        'issued_reports',
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('number', sa.String(length=60), nullable=False),
        sa.Column('code', sa.String(length=20), nullable=False),
        sa.Column('title', sa.String(length=200), nullable=False),
        sa.Column('content_sha256', sa.String(length=64), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('issued_at', dzdesk.store.types.UTCDateTime(), nullable=False),
        sa.Column('signed', sa.Boolean(), nullable=False),
        sa.Column('signer', sa.String(length=200), nullable=False),
        sa.Column('timestamped', sa.Boolean(), nullable=False),
        *_record_columns(),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_reports')),
    )
    with op.batch_alter_table('issued_reports', schema=None) as batch_op:
        batch_op.create_index('ix_issued_reports_number', ['number'], unique=False)
        batch_op.create_index('ix_issued_reports_sha256', ['sha256'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('issued_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_issued_reports_sha256')
        batch_op.drop_index('ix_issued_reports_number')
    op.drop_table('issued_reports')
    with op.batch_alter_table('incident_corrections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_corrections_incident_id'))
    op.drop_table('incident_corrections')

"""incidents and complaints

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 16:24:36.527167
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('complaints',
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('complainant', sa.String(length=60), nullable=False),
    sa.Column('unit', sa.String(length=120), nullable=False),
    sa.Column('contact', sa.String(length=80), nullable=False),
    sa.Column('received_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('handling', sa.Text(), nullable=False),
    sa.Column('replied_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complaints'))
    )
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complaints_received_at'), ['received_at'], unique=False)

    op.create_table('incidents',
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('module', sa.String(length=60), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('department', sa.String(length=60), nullable=False),
    sa.Column('reporter', sa.String(length=60), nullable=False),
    sa.Column('reporter_contact', sa.String(length=80), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('assignee', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reported_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('responded_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('resolved_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('closed_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('response_due', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('typical', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index('ix_incidents_platform_reported', ['platform', 'reported_at'], unique=False)
        batch_op.create_index('ix_incidents_reported_at', ['reported_at'], unique=False)
        batch_op.create_index('ix_incidents_status_due', ['status', 'response_due'], unique=False)

    op.create_table('incident_events',
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_events_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_events'))
    )
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_events_incident_id'), ['incident_id'], unique=False)

    op.create_table('incident_pauses',
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('start_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('end_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_pauses_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_pauses'))
    )
    with op.batch_alter_table('incident_pauses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_pauses_incident_id'), ['incident_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('incident_pauses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_pauses_incident_id'))

    op.drop_table('incident_pauses')
    with op.batch_alter_table('incident_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_events_incident_id'))

    op.drop_table('incident_events')
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index('ix_incidents_status_due')
        batch_op.drop_index('ix_incidents_reported_at')
        batch_op.drop_index('ix_incidents_platform_reported')

    op.drop_table('incidents')
    with op.batch_alter_table('complaints', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complaints_received_at'))

    op.drop_table('complaints')


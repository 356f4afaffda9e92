"""on-site visits

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 17:13:53.842586
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import dzdesk.store.types

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('visits',
    sa.Column('report_number', sa.String(length=40), nullable=False),
    sa.Column('office', sa.String(length=120), nullable=False),
    sa.Column('department', sa.String(length=60), nullable=False),
    sa.Column('district', sa.String(length=40), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('platforms', sa.String(length=60), nullable=False),
    sa.Column('categories', sa.String(length=120), nullable=False),
    sa.Column('engineers', sa.String(length=200), nullable=False),
    sa.Column('arrived_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('departed_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('work_done', sa.Text(), nullable=False),
    sa.Column('problems_found', sa.Text(), nullable=False),
    sa.Column('contact_name', sa.String(length=60), nullable=False),
    sa.Column('contact_phone', sa.String(length=40), nullable=False),
    sa.Column('signer_name', sa.String(length=60), nullable=False),
    sa.Column('signed_at', dzdesk.store.types.UTCDateTime(), nullable=True),
    sa.Column('signature_sha256', sa.String(length=64), nullable=False),
    sa.Column('search_key', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visits'))
    )
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visits_arrived_at'), ['arrived_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_report_number'), ['report_number'], unique=False)
        batch_op.create_index(batch_op.f('ix_visits_search_key'), ['search_key'], unique=False)

    op.create_table('visit_amendments',
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_amendments_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_amendments'))
    )
    with op.batch_alter_table('visit_amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_amendments_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_attachments',
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('caption', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_attachments_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_attachments'))
    )
    with op.batch_alter_table('visit_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_attachments_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_follow_ups',
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_follow_ups_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_follow_ups'))
    )
    with op.batch_alter_table('visit_follow_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_follow_ups_visit_id'), ['visit_id'], unique=False)

    op.create_table('visit_incidents',
    sa.Column('visit_id', sa.String(length=36), nullable=False),
    sa.Column('incident_id', sa.String(length=36), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', dzdesk.store.types.UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=80), nullable=False),
    sa.Column('server_rev', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_visit_incidents_incident_id_incidents')),
    sa.ForeignKeyConstraint(['visit_id'], ['visits.id'], name=op.f('fk_visit_incidents_visit_id_visits')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit_incidents'))
    )
    with op.batch_alter_table('visit_incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_incidents_incident_id'), ['incident_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_incidents_visit_id'), ['visit_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('visit_incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_incidents_visit_id'))
        batch_op.drop_index(batch_op.f('ix_visit_incidents_incident_id'))

    op.drop_table('visit_incidents')
    with op.batch_alter_table('visit_follow_ups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_follow_ups_visit_id'))

    op.drop_table('visit_follow_ups')
    with op.batch_alter_table('visit_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_attachments_visit_id'))

    op.drop_table('visit_attachments')
    with op.batch_alter_table('visit_amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_amendments_visit_id'))

    op.drop_table('visit_amendments')
    with op.batch_alter_table('visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visits_search_key'))
        batch_op.drop_index(batch_op.f('ix_visits_report_number'))
        batch_op.drop_index(batch_op.f('ix_visits_arrived_at'))

    op.drop_table('visits')


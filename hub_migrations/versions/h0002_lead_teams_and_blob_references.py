"""a lead's teams, and which teams hold a record naming each blob

Revision ID: h0002
Revises: h0001
Create Date: 2026-12-02 12:20:00

A lead used to read every team's records, and any account every blob. Existing leads keep what they could see:
they are made leads of every team the hub knows. Blob references are filled from the records already stored and
from who uploaded each blob.
"""
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'h0002'
down_revision: str | None = 'h0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BLOB_FIELDS = {"visits": ("signature_sha256",), "visit_attachments": ("sha256",), "training_materials": ("sha256",)}


def upgrade() -> None:
    op.add_column('hub_users', sa.Column('led_teams', sa.JSON(), nullable=True))
    op.create_table('hub_blob_refs',
    sa.Column('team', sa.String(length=80), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('team', 'sha256', name=op.f('pk_hub_blob_refs'))
    )
    connection = op.get_bind()
    users = sa.table('hub_users', sa.column('id', sa.Integer), sa.column('role', sa.String),
                     sa.column('team', sa.String), sa.column('led_teams', sa.JSON))
    records = sa.table('hub_records', sa.column('entity', sa.String), sa.column('team', sa.String),
                       sa.column('payload', sa.JSON))
    teams = set(connection.scalars(sa.select(users.c.team).distinct()))
    teams.update(connection.scalars(sa.select(records.c.team).distinct()))
    for user_id, team in connection.execute(sa.select(users.c.id, users.c.team).where(users.c.role == 'lead')).all():
        connection.execute(users.update().where(users.c.id == user_id)
                           .values(led_teams=sorted(t for t in teams if t != team)))
    refs: set[tuple[str, str]] = set()
    for entity, team, payload in connection.execute(
            sa.select(records.c.entity, records.c.team, records.c.payload)
            .where(records.c.entity.in_(list(BLOB_FIELDS)))):
        values = payload if isinstance(payload, dict) else json.loads(payload)
        for name in BLOB_FIELDS[entity]:
            if values.get(name):
                refs.add((team, str(values[name])))
    blobs = sa.table('hub_blobs', sa.column('sha256', sa.String), sa.column('uploaded_by', sa.String))
    named = sa.table('hub_users', sa.column('name', sa.String), sa.column('team', sa.String))
    refs.update((team, sha256) for sha256, team in connection.execute(
        sa.select(blobs.c.sha256, named.c.team).join(named, named.c.name == blobs.c.uploaded_by)))
    if refs:
        op.bulk_insert(sa.table('hub_blob_refs', sa.column('team', sa.String), sa.column('sha256', sa.String)),
                       [{"team": team, "sha256": sha256} for team, sha256 in sorted(refs)])


def downgrade() -> None:
    op.drop_table('hub_blob_refs')
    with op.batch_alter_table('hub_users') as batch_op:
        batch_op.drop_column('led_teams')

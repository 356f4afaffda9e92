"""records every laptop makes alike are keyed by team; an incident's deadline no longer travels

Revision ID: h0003
Revises: h0002
Create Date: 2026-12-06 10:00:00

Default probe targets and indicator records had one id in every team, so the first team to sync one owned it and
every other team's edit of it was refused. Each such record is renamed to its team's id
(`dzdesk.domain.record_ids`) with a new revision, so every laptop of the team pulls it again, and a conflict that
names it is renamed with it. An incident's `response_due` is derived on each laptop from its team's working
calendar (record schema 3), so the stored payloads drop it.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import default_targets
from dzdesk.domain.record_ids import TEAM_KEYED, legacy_target_ids, team_keyed_id

revision: str = 'h0003'
down_revision: str | None = 'h0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RECORDS = sa.table('hub_records', sa.column('entity', sa.String), sa.column('id', sa.String),
                   sa.column('rev', sa.BigInteger), sa.column('team', sa.String), sa.column('payload', sa.JSON),
                   sa.column('field_revs', sa.JSON), sa.column('field_authors', sa.JSON))
COUNTER = sa.table('hub_counter', sa.column('key', sa.String), sa.column('value', sa.BigInteger))


def upgrade() -> None:
    connection = op.get_bind()
    stored = connection.scalar(sa.select(COUNTER.c.value).where(COUNTER.c.key == 'rev'))
    counter = stored if stored is not None else connection.scalar(sa.select(sa.func.max(RECORDS.c.rev))) or 0
    start = counter
    legacy = legacy_target_ids(t.name for t in default_targets(load_catalogue()))
    renamed: dict[tuple[str, str], str] = {}
    rows = connection.execute(sa.select(RECORDS.c.entity, RECORDS.c.id, RECORDS.c.team, RECORDS.c.payload)
                              .where(RECORDS.c.entity.in_(TEAM_KEYED))).all()
    for entity, old_id, team, payload in rows:
        new_id = team_keyed_id(entity, old_id, payload, team, legacy)
        if new_id is None or new_id == old_id:
            continue
        counter += 1
        connection.execute(RECORDS.update().where(RECORDS.c.entity == entity, RECORDS.c.id == old_id)
                           .values(id=new_id, rev=counter, payload={**payload, "id": new_id}))
        renamed[(entity, old_id)] = new_id
    if renamed:
        for conflict_id, payload in connection.execute(sa.select(RECORDS.c.id, RECORDS.c.payload)
                                                       .where(RECORDS.c.entity == 'sync_conflicts')).all():
            new_id = renamed.get((payload.get("entity"), payload.get("record_id")))
            if new_id is None:
                continue
            counter += 1
            connection.execute(RECORDS.update().where(RECORDS.c.entity == 'sync_conflicts',
                                                      RECORDS.c.id == conflict_id)
                               .values(rev=counter, payload={**payload, "record_id": new_id}))
    updates = []
    for record_id, payload, field_revs, field_authors in connection.execute(
            sa.select(RECORDS.c.id, RECORDS.c.payload, RECORDS.c.field_revs, RECORDS.c.field_authors)
            .where(RECORDS.c.entity == 'incidents')):
        if "response_due" in payload:
            updates.append({"b_id": record_id,
                            "b_payload": {k: v for k, v in payload.items() if k != "response_due"},
                            "b_revs": {k: v for k, v in field_revs.items() if k != "response_due"},
                            "b_authors": {k: v for k, v in field_authors.items() if k != "response_due"}})
    if updates:
        connection.execute(RECORDS.update().where(RECORDS.c.entity == 'incidents', RECORDS.c.id == sa.bindparam("b_id"))
                           .values(payload=sa.bindparam("b_payload"), field_revs=sa.bindparam("b_revs"),
                                   field_authors=sa.bindparam("b_authors")), updates)
    if counter == start:
        return
    if stored is None:
        connection.execute(COUNTER.insert().values(key='rev', value=counter))
    else:
        connection.execute(COUNTER.update().where(COUNTER.c.key == 'rev').values(value=counter))


def downgrade() -> None:
    """Renamed records keep their team's ids (a schema-2 laptop is refused by a schema-3 hub anyway), and the
    deadlines are not put back: no laptop of schema 3 sends them."""

"""Records made before this laptop knew its team, renamed to their team's ids at the first sync.

Default probe targets and indicator records get ids derived from what they are and from the team
(`dzdesk.domain.record_ids`). Before its first sync a laptop has no team, and makes them under no team; once the
hub has said which team the laptop is in, each such record is renamed to the team's id, with everything that
names it here (its sync base, queued changes, conflicts, probe results). A record that came from the hub and holds
no edit waiting to be pushed is let go instead: the hub renamed its copy to the id of the team that keeps it, and
sends it again in the next pull.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import RowMapping, Table, delete, select, update
from sqlalchemy.orm import Session

from dzdesk.domain.record_ids import TEAM_KEYED, legacy_target_ids, team_keyed_id
from dzdesk.store.base import Base
from dzdesk.store.meta import get_meta, set_meta
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.probe_models import ProbeResult, ProbeState
from dzdesk.store.sync_models import ParkedRecord, SyncBase, SyncConflict

log = logging.getLogger(__name__)
_KEYED = "sync.records_keyed_by_team"


def key_records_by_team(session: Session, team: str, default_target_names: Callable[[], Iterable[str]]) -> int:
    """Renames this laptop's records made under no team to `team`'s ids, once per database; returns how many
    records were renamed or let go. `default_target_names` gives the names of the default targets (asked only
    when there is something to rename). Plain statements: nothing here is an edit to push."""
    if get_meta(session, _KEYED) is not None:
        return 0
    set_meta(session, _KEYED, team)
    if not team:
        return 0
    legacy = legacy_target_ids(default_target_names())
    pending = set(session.scalars(select(OutboxEntry.record_id).distinct()))
    count = 0
    for entity in TEAM_KEYED:
        table = Base.metadata.tables[entity]
        for row in _every_row(session, table):
            new_id = team_keyed_id(entity, row["id"], row, team, legacy)
            if new_id is None or new_id == row["id"]:
                continue
            count += 1
            if row["server_rev"] and row["id"] not in pending:
                _let_go(session, entity, row["id"], new_id)
            else:
                _rename(session, entity, row["id"], new_id)
    if count:
        log.info("%d records made before the first sync renamed to team %s's ids", count, team)
    return count


def _every_row(session: Session, table: Table) -> list[RowMapping]:
    """Every row of `table`, read before any is renamed, a few hundred at a time: converting a whole table of a busy
    year in one call held the interpreter (and the window) for tens of milliseconds."""
    result = session.execute(select(table)).mappings()
    rows: list[RowMapping] = []
    while chunk := result.fetchmany(500):
        rows.extend(chunk)
    return rows


def _let_go(session: Session, entity: str, old_id: str, new_id: str) -> None:
    table = Base.metadata.tables[entity]
    session.execute(delete(table).where(table.c.id == old_id))
    session.execute(delete(SyncBase).where(SyncBase.entity == entity, SyncBase.record_id == old_id))
    _rename_observations(session, entity, old_id, new_id)


def _rename(session: Session, entity: str, old_id: str, new_id: str) -> None:
    table = Base.metadata.tables[entity]
    if session.execute(select(table.c.id).where(table.c.id == new_id)).first() is not None:
        _let_go(session, entity, old_id, new_id)  # already here under the team's id: that one is kept
        session.execute(delete(OutboxEntry).where(OutboxEntry.record_id == old_id))
        return
    session.execute(update(table).where(table.c.id == old_id).values(id=new_id))
    base = session.get(SyncBase, (entity, old_id))
    if base is not None:
        payload: dict[str, Any] = json.loads(base.payload)
        payload["id"] = new_id
        session.add(SyncBase(entity=entity, record_id=new_id, rev=base.rev,
                             payload=json.dumps(payload, ensure_ascii=False, sort_keys=True)))
        session.delete(base)
    session.execute(update(OutboxEntry).where(OutboxEntry.entity == entity, OutboxEntry.record_id == old_id)
                    .values(record_id=new_id))
    session.execute(update(ParkedRecord).where(ParkedRecord.entity == entity, ParkedRecord.record_id == old_id)
                    .values(record_id=new_id))
    session.execute(update(SyncConflict.__table__).where(SyncConflict.entity == entity,
                                                         SyncConflict.record_id == old_id).values(record_id=new_id))
    _rename_observations(session, entity, old_id, new_id)


def _rename_observations(session: Session, entity: str, old_id: str, new_id: str) -> None:
    """This laptop's probe results and states of a default target follow it to its team's id."""
    if entity != "probe_targets":
        return
    session.execute(update(ProbeResult).where(ProbeResult.target_id == old_id).values(target_id=new_id))
    if session.get(ProbeState, new_id) is None:
        session.execute(update(ProbeState).where(ProbeState.target_id == old_id).values(target_id=new_id))
    else:
        session.execute(delete(ProbeState).where(ProbeState.target_id == old_id))

"""Taking a version the hub sent into a local record: whole, or around the fields edited here and not yet pushed
(`dzdesk.sync.base`), with what a record derives here instead of receiving it (a fault's deadline). Shared by the
pull and by the handling of a push's answer."""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from dzdesk.domain.severity import Severity
from dzdesk.domain.sla import response_due
from dzdesk.store.base import RecordMixin
from dzdesk.store.incident_models import Incident
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.sync_models import SyncBase
from dzdesk.store.team_calendar import Calendars
from dzdesk.sync.base import Rebased, is_carried, rebase
from dzdesk.sync.protocol import ENTITIES, RemoteRecord
from dzdesk.sync.records import ENTITY_MODELS, PayloadError, apply_payload, to_payload

log = logging.getLogger(__name__)
ORDER = {entity: index for index, entity in enumerate(ENTITIES)}
CALENDARS = "dzdesk.sync.calendars"  # on a session's `info`: the calendars pulled faults follow, read once
TEAM_SETTINGS = "team_settings"


def base_json(payload: dict[str, Any]) -> str:
    """A payload as a sync base keeps it: sorted keys, so two equal payloads are equal texts."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def replace_into(table: Any) -> Any:
    """INSERT OR REPLACE (the store is SQLite): a record's sync base written whether or not it had one, in one
    statement for many records instead of a DELETE and an INSERT each."""
    return insert(table).prefix_with("OR REPLACE")


def bases_of(session: Session, entity: str, record_ids: list[str]) -> dict[str, tuple[int, str]]:
    """(revision, payload JSON) of the sync bases of one entity's records, by record id, read in one plain query
    (by entity and id: the primary key; by id alone SQLite would read every base there is)."""
    table = SyncBase.__table__
    return {record_id: (rev, payload) for record_id, rev, payload in session.execute(
        select(table.c.record_id, table.c.rev, table.c.payload)
        .where(table.c.entity == entity, table.c.record_id.in_(record_ids)))}


def apply_remote(session: Session, remote: RemoteRecord) -> RecordMixin:
    """Takes the hub's version, except for fields changed here and not yet pushed: those stay, to be pushed.
    One record at a time, for what a whole page cannot take (`_apply_group` does the same for a page)."""
    model = ENTITY_MODELS[remote.entity]
    record = session.get(model, remote.id)
    key = (remote.entity, remote.id)
    base = session.get(SyncBase, key)
    payload = json.dumps(remote.payload, ensure_ascii=False, sort_keys=True)
    if (record is not None and base is not None and base.rev == remote.rev and base.payload == payload
            and json.dumps(to_payload(record), ensure_ascii=False, sort_keys=True) == payload):
        return record  # our own push coming back as it was sent, and unchanged here since: nothing to apply
    edit_rev = remote.rev
    if record is None:
        record = model(id=remote.id)
        apply_payload(record, remote.payload)
        session.add(record)
    else:
        pending = session.scalar(select(OutboxEntry.seq).where(OutboxEntry.record_id == remote.id)
                                 .limit(1)) is not None
        rebased = rebase_pulled(record, remote, (base.rev, base.payload) if base is not None else None, pending)
        apply_payload(record, remote.payload, set(rebased.take))
        edit_rev = rebased.edit_rev
    derive(session, record, remote.team or None)
    if remote.entity == TEAM_SETTINGS:
        session.info.pop(CALENDARS, None)
    record.server_rev = remote.rev
    if base is not None:
        base.rev, base.payload = edit_rev, payload
    else:
        session.merge(SyncBase(entity=remote.entity, record_id=remote.id, rev=edit_rev, payload=payload))
    return record


def derive(session: Session, record: RecordMixin, team: str | None) -> None:
    """Sets what a record derives here instead of receiving it: a fault's team (`team`; None keeps the one it has)
    and its response deadline, by the working calendar of that team (`dzdesk.store.team_calendar`)."""
    if not isinstance(record, Incident):
        return
    if team is not None and record.hub_team != team:
        record.hub_team = team
    with session.no_autoflush:  # the record may be half made: the calendars are read without flushing it
        calendars = session.info.get(CALENDARS)
        if calendars is None:
            calendars = session.info[CALENDARS] = Calendars(session)
        calendar = calendars.for_team(record.hub_team)
    try:
        due = response_due(Severity(record.severity), record.reported_at, calendar)
    except (TypeError, ValueError) as exc:
        raise PayloadError(f"incidents.severity: {exc}") from exc
    if record.response_due != due:
        record.response_due = due


def rebase_pulled(record: RecordMixin, remote: RemoteRecord, base: tuple[int, str] | None, pending: bool) -> Rebased:
    """How a pulled version goes into a record that is already here: whole, or around the fields edited here and
    not yet pushed (`dzdesk.sync.base`)."""
    if not pending:
        return rebase(None, None, remote.payload, remote.rev, remote.rev, carried=False)
    if base is None:  # edited here, never synced: every field is this laptop's, made on no version of the hub's
        local = to_payload(record)
        return Rebased(frozenset(k for k in remote.payload if k not in local), 0)
    return rebase(to_payload(record), json.loads(base[1]), remote.payload, remote.rev, base[0],
                  carried=is_carried(base[0], record.server_rev))

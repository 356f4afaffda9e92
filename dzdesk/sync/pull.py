"""The pull half of a sync: the team's changes read page by page after a cursor, each page and the cursor past it
stored in one transaction, with the team's probe results and who the hub takes this laptop for. A record whose
parent has not arrived yet waits, parked, instead of breaking a foreign key."""

from __future__ import annotations

import json
import logging
import threading
from itertools import groupby
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import default_targets
from dzdesk.store.account import HubAccount, hub_account, remember_account
from dzdesk.store.base import RecordMixin
from dzdesk.store.database import Store
from dzdesk.store.events import SOURCE, Source, note
from dzdesk.store.incident_models import Incident
from dzdesk.store.meta import get_meta, set_meta
from dzdesk.store.outbox import APPLYING_REMOTE, OutboxEntry
from dzdesk.store.search import SEARCHABLE
from dzdesk.store.sync_models import ParkedRecord, SyncBase
from dzdesk.store.team_records import key_records_by_team
from dzdesk.sync.apply import (
    CALENDARS,
    ORDER,
    TEAM_SETTINGS,
    apply_remote,
    bases_of,
    derive,
    rebase_pulled,
    replace_into,
)
from dzdesk.sync.client import HubClient, HubProtocolError
from dzdesk.sync.probe_results import RESULTS_CURSOR, remember_vantages, results_cursor, take_results
from dzdesk.sync.protocol import Me, RemoteRecord
from dzdesk.sync.records import ENTITY_MODELS, PayloadError, apply_payload, new_row, payload_columns, row_payload
from dzdesk.sync.summary import Progress, SyncSummary, check_cancel

log = logging.getLogger(__name__)
CURSOR = "sync.cursor"
PAGE_SIZE = 200  # changes per page: a page is validated in one call that holds the interpreter (500: 10–27 ms)


def take_account(session: Session, me: Me) -> None:
    account = HubAccount(me.name, me.role.value, me.team, tuple(me.teams))
    if hub_account(session) != account:
        remember_account(session, account)
        session.info.pop(CALENDARS, None)
    key_records_by_team(session, me.team, lambda: [t.name for t in default_targets(load_catalogue())])


def pull_all(store: Store, client: HubClient, summary: SyncSummary, report: Progress,
              cancel: threading.Event | None) -> None:
    with store.session() as session:
        since = int(get_meta(session, CURSOR) or 0)
        results_since = results_cursor(session)
    while True:
        check_cancel(cancel)
        page = client.changes(since, PAGE_SIZE, results_since)
        summary.requests += 1
        with store.transaction() as session:
            session.info[APPLYING_REMOTE] = True
            session.info[SOURCE] = Source.PULL
            ordered = sorted(page.changes, key=lambda r: (ORDER.get(r.entity, len(ORDER)), r.rev))
            applied = _apply_page(session, ordered)
            if applied is None:  # a parent is missing somewhere in the page: record by record, parking
                applied = sum(1 for remote in ordered if _apply_or_park(session, remote))
            summary.pulled += applied
            _retry_parked(session, summary)
            if page.account is not None:
                take_account(session, page.account)
            results = take_results(session, page.results)
            summary.results_pulled += results
            # announced with the commit: what the page brought, however it was written (plain INSERTs included)
            applied_here = [remote for remote in ordered if remote.entity in ENTITY_MODELS]
            note(session, {remote.entity for remote in applied_here} | ({"probe_results"} if results else set()),
                 {remote.id for remote in applied_here}, Source.PULL)
            remember_vantages(session, page.vantages)
            set_meta(session, CURSOR, str(page.next_since))
            set_meta(session, RESULTS_CURSOR, str(page.results_next))
            summary.parked = session.scalar(select(func.count()).select_from(ParkedRecord)) or 0
        since, results_since = page.next_since, page.results_next
        report("pull", summary.pulled, 0)
        if not page.more and not page.results_more:
            return


def _apply_page(session: Session, remotes: list[RemoteRecord]) -> int | None:
    """Applies a whole page in one savepoint; None (and nothing applied) when a record's parent is missing or
    the page holds a record twice: then it is applied record by record.

    The page goes entity by entity, parents first, each in a few statements: the records, their sync bases and
    the pending outbox ids are read with one query each, new records are inserted with one statement per shape
    of row, and only records that were already here (a merge with local edits) go through the ORM."""
    known = [remote for remote in remotes if remote.entity in ENTITY_MODELS]
    ids = [remote.id for remote in known]
    if len(set(ids)) != len(ids):
        return None  # one record twice in a page: record by record, each seeing the one before
    pending = set(session.scalars(select(OutboxEntry.record_id).where(OutboxEntry.record_id.in_(ids)).distinct()))
    try:
        with session.begin_nested():
            for entity, group in groupby(known, key=lambda remote: remote.entity):
                _apply_group(session, ENTITY_MODELS[entity], list(group), pending)
    except IntegrityError as exc:
        if "FOREIGN KEY" not in str(exc.orig).upper():
            raise HubProtocolError(f"the hub sent a record that does not fit: {exc.orig}") from exc
        return None
    except PayloadError as exc:
        raise HubProtocolError(f"the hub sent a record this version cannot read ({exc}); nothing was changed") \
            from exc
    return len(known)


def _apply_group(session: Session, model: type[RecordMixin], remotes: list[RemoteRecord], pending: set[str]) -> None:
    """Applies the page's records of one entity, as `apply_remote` would one by one, and flushes them, so the
    next entity's records find their parents. Pulled records are written with plain statements or flushed while
    the session is marked remote: neither queues them in the outbox."""
    entity = model.__tablename__
    table = model.__table__
    ids = [remote.id for remote in remotes]
    here = {row.id: row_payload(model, row) for row in session.execute(
        select(*payload_columns(model)).where(table.c.id.in_(ids)))}
    bases = bases_of(session, entity, ids)
    new_rows: dict[tuple[str, ...], list[dict[str, Any]]] = {}  # by the row's keys: one INSERT per shape
    new_objects: list[RemoteRecord] = []  # searchable: added as ORM objects
    merges: list[tuple[RemoteRecord, tuple[int, str] | None]] = []  # already here: merged through the ORM
    base_rows: list[dict[str, Any]] = []
    positions: dict[str, int] = {}
    for remote in remotes:
        payload = json.dumps(remote.payload, ensure_ascii=False, sort_keys=True)
        current = here.get(remote.id)
        base = bases.get(remote.id)
        if current is not None:
            if (base is not None and base == (remote.rev, payload)
                    and json.dumps(current, ensure_ascii=False, sort_keys=True) == payload):
                continue  # our own push coming back as it was sent, and unchanged here since: nothing to apply
            merges.append((remote, base))
        elif model in SEARCHABLE or model is Incident:
            new_objects.append(remote)  # the search index is kept by the ORM's flush hook; a deadline is derived
        else:
            row = {"id": remote.id, **new_row(model, remote.payload), "server_rev": remote.rev}
            new_rows.setdefault(tuple(row), []).append(row)
        positions[remote.id] = len(base_rows)
        base_rows.append({"entity": entity, "record_id": remote.id, "rev": remote.rev, "payload": payload})
    if merges:
        records = {record.id: record for record in session.scalars(
            select(model).where(model.id.in_([remote.id for remote, _base in merges])))}
        for remote, base in merges:
            record = records[remote.id]
            rebased = rebase_pulled(record, remote, base, remote.id in pending)
            apply_payload(record, remote.payload, set(rebased.take))
            derive(session, record, remote.team)
            base_rows[positions[remote.id]]["rev"] = rebased.edit_rev
            record.server_rev = remote.rev
    for remote in new_objects:
        record = model(id=remote.id)
        apply_payload(record, remote.payload)
        derive(session, record, remote.team)
        record.server_rev = remote.rev
        session.add(record)
    session.flush()
    if entity == TEAM_SETTINGS:
        session.info.pop(CALENDARS, None)  # the next faults follow the calendar as it is now
    connection = session.connection()
    for rows in new_rows.values():
        connection.execute(insert(table), rows)
    if base_rows:
        connection.execute(replace_into(SyncBase.__table__), base_rows)
    parked = ParkedRecord.__table__  # applied now, so no longer waiting for a parent
    connection.execute(delete(parked).where(parked.c.entity == entity, parked.c.record_id.in_(ids)))


def _apply_or_park(session: Session, remote: RemoteRecord) -> bool:
    """Applies a pulled record; parks it when its parent is missing. False for an entity this version lacks."""
    if remote.entity not in ENTITY_MODELS:
        return False
    try:
        with session.begin_nested():
            apply_remote(session, remote)
            session.flush()
    except IntegrityError as exc:
        if "FOREIGN KEY" not in str(exc.orig).upper():
            raise HubProtocolError(f"the hub sent a {remote.entity} record that does not fit: {exc.orig}") from exc
        session.merge(ParkedRecord(entity=remote.entity, record_id=remote.id, rev=remote.rev, owner=remote.owner,
                                   payload=json.dumps(remote.payload, ensure_ascii=False)))
        return False
    except PayloadError as exc:
        raise HubProtocolError(f"the hub sent a record this version cannot read ({exc}); nothing was changed") \
            from exc
    session.execute(delete(ParkedRecord).where(ParkedRecord.entity == remote.entity,
                                               ParkedRecord.record_id == remote.id))
    return True


def _retry_parked(session: Session, summary: SyncSummary) -> None:
    parked = session.scalars(select(ParkedRecord)).all()
    for row in sorted(parked, key=lambda r: (ORDER.get(r.entity, len(ORDER)), r.rev)):
        remote = RemoteRecord(entity=row.entity, id=row.record_id, rev=row.rev, owner=row.owner,
                              payload=json.loads(row.payload))
        if _apply_or_park(session, remote):
            summary.pulled += 1

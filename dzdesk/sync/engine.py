"""One sync: push what the outbox holds, pull what the team changed, fetch the blobs that are missing.

Exactly once, whatever breaks: a batch is written down before it is sent and resent unchanged until its answer
has been applied, and the hub answers a resent batch from its records instead of applying it again. A pulled page
and the cursor past it are stored in one transaction. A record whose parent has not arrived yet waits, parked,
instead of breaking a foreign key. A local edit made while a sync runs stays in the outbox for the next one.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import groupby
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import default_targets
from dzdesk.domain.severity import Severity
from dzdesk.domain.sla import response_due
from dzdesk.store.account import HubAccount, hub_account, remember_account
from dzdesk.store.base import RecordMixin
from dzdesk.store.blobs import BlobStore
from dzdesk.store.database import Store
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import DeadlineShift
from dzdesk.store.meta import delete_meta, get_meta, set_meta
from dzdesk.store.outbox import APPLYING_REMOTE, AUTHOR, OutboxEntry
from dzdesk.store.search import SEARCHABLE
from dzdesk.store.sync_models import ParkedRecord, SyncBase, SyncConflict
from dzdesk.store.team_calendar import Calendars, apply_calendars
from dzdesk.store.team_records import key_records_by_team
from dzdesk.sync.base import Rebased, is_carried, rebase
from dzdesk.sync.client import HubClient, HubError, HubProtocolError
from dzdesk.sync.probe_results import (
    RESULTS_CURSOR,
    Vantage,
    default_vantage,
    remember_vantages,
    results_cursor,
    take_results,
    upload_results,
)
from dzdesk.sync.protocol import (
    BLOB_FIELDS,
    CONFLICTS,
    ENTITIES,
    MAX_BATCH,
    PARENTS,
    SCHEMA_VERSION,
    Change,
    ChangeResult,
    Me,
    Outcome,
    PushRequest,
    PushResponse,
    RemoteRecord,
)
from dzdesk.sync.records import (
    ENTITY_MODELS,
    PayloadError,
    apply_payload,
    changed_fields,
    new_row,
    payload_columns,
    row_payload,
    to_payload,
)

log = logging.getLogger(__name__)
PENDING_BATCH = "sync.pending_batch"
CURSOR = "sync.cursor"
LAST_SYNC = "sync.last_success"
HUB_URL = "sync.hub_url"
PAGE_SIZE = 500
ORDER = {entity: index for index, entity in enumerate(ENTITIES)}

Progress = Callable[[str, int, int], None]  # phase ("push", "pull", "blobs"), done, total (0 when unknown)


class SyncCancelledError(Exception):
    pass


@dataclass
class SyncSummary:
    pushed: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: list[str] = field(default_factory=list)
    pulled: int = 0
    parked: int = 0
    blobs_sent: int = 0
    blobs_fetched: int = 0
    requests: int = 0
    # When a pulled working calendar moved stored deadlines: how many, and which faults turned on time or late.
    deadlines: DeadlineShift | None = None
    results_sent: int = 0  # probe results of this machine the hub took as new
    results_pulled: int = 0  # the team's probe results new to this machine


def synchronise(store: Store, blobs: BlobStore, client: HubClient, progress: Progress | None = None,
                cancel: threading.Event | None = None, vantage: Vantage | None = None) -> SyncSummary:
    """Push, send this machine's probe results, then pull the team's records and results. Raises `HubError` (and
    subclasses) when the hub cannot be used; what was done stays done. `vantage` names this machine as a prober
    (a watcher is heard from at every sync, even with nothing to send)."""
    summary = SyncSummary()
    report = progress or (lambda _phase, _done, _total: None)
    _check(cancel)
    _forget_other_hub(store, client.url)
    _know_account(store, client)
    _push_all(store, blobs, client, summary, report, cancel)
    _check(cancel)
    prober = vantage or default_vantage(store.author)
    summary.results_sent = upload_results(store, client, prober, heartbeat=prober.kind == "watcher")
    _pull_all(store, client, summary, report, cancel)
    _fetch_missing_blobs(store, blobs, client, summary, report)
    with store.transaction() as session:
        shift = apply_calendars(session, datetime.now(UTC))
        summary.deadlines = shift if shift is not None and shift.moved else None
        set_meta(session, LAST_SYNC, datetime.now(UTC).isoformat())
    return summary


def _know_account(store: Store, client: HubClient) -> None:
    """Who the hub takes this laptop for — which team's calendar its deadlines follow, whether it may change it,
    and the team whose ids the records it made before its first sync take — asked once, before the first push;
    later, every page of changes says it again."""
    with store.session() as session:
        if hub_account(session) is not None:
            return
    with store.transaction() as session:
        _take_account(session, client.me())


def _take_account(session: Session, me: Me) -> None:
    account = HubAccount(me.name, me.role.value, me.team, tuple(me.teams))
    if hub_account(session) != account:
        remember_account(session, account)
        session.info.pop(_CALENDARS, None)
    key_records_by_team(session, me.team, lambda: [t.name for t in default_targets(load_catalogue())])


def _forget_other_hub(store: Store, url: str) -> None:
    """A cursor belongs to one hub: switching hubs starts the pull from the beginning."""
    with store.transaction() as session:
        if get_meta(session, HUB_URL) != url:
            set_meta(session, HUB_URL, url)
            set_meta(session, CURSOR, "0")
            set_meta(session, RESULTS_CURSOR, "0")


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise SyncCancelledError


# -- push ---------------------------------------------------------------------------------------------------------
def pending_changes(session: Session) -> int:
    return session.scalar(select(func.count(func.distinct(OutboxEntry.record_id)))) or 0


def _push_all(store: Store, blobs: BlobStore, client: HubClient, summary: SyncSummary, report: Progress,
              cancel: threading.Event | None) -> None:
    with store.session() as session:
        total = pending_changes(session)
        waiting = get_meta(session, PENDING_BATCH)
    if waiting is not None:  # a batch whose answer never arrived: send it again, unchanged
        try:
            batch = json.loads(waiting)
            request = PushRequest.model_validate(batch["request"]) if batch["request"] is not None else None
            if request is not None:  # written down by an older dzdesk: its records are of this one's schema now
                request = request.model_copy(update={"schema_version": SCHEMA_VERSION})
            _send(store, blobs, client, request, batch["seqs"], summary)
        except HubError as exc:
            if exc.status != 409:
                raise
            # Sent under another account (this laptop signed in anew): its changes are still in the outbox and
            # go out again, as a new batch of this account.
            with store.transaction() as session:
                delete_meta(session, PENDING_BATCH)
    done = 0
    for _round in range(total // MAX_BATCH + 2):  # edits made during the sync wait for the next one
        _check(cancel)
        built = _next_batch(store)
        if built is None:
            break
        request, seqs = built
        _send(store, blobs, client, request, seqs, summary)
        done += len(seqs)
        report("push", min(done, total), total)


def _next_batch(store: Store) -> tuple[PushRequest | None, list[list[Any]]] | None:
    """The next batch and the outbox entries it covers, written down before it is sent; None when the outbox is
    empty, no request when it held only changes that were undone."""
    with store.transaction() as session:
        rows = session.execute(select(OutboxEntry.entity, OutboxEntry.record_id, func.max(OutboxEntry.seq))
                               .group_by(OutboxEntry.entity, OutboxEntry.record_id)
                               .order_by(func.min(OutboxEntry.seq)).limit(MAX_BATCH)).all()
        if not rows:
            return None
        changes, seqs, unchanged = [], [], []
        by_entity: dict[str, list[str]] = {}
        for entity, record_id, _seq in rows:
            by_entity.setdefault(entity, []).append(record_id)
        # A few plain queries for the batch, not two per record, and no ORM object: nothing here changes a record.
        current: dict[tuple[str, str], dict[str, Any]] = {}
        bases: dict[tuple[str, str], tuple[int, str]] = {}
        for entity, ids in by_entity.items():
            model = ENTITY_MODELS.get(entity)
            if model is not None:
                current.update(((entity, row.id), row_payload(model, row)) for row in session.execute(
                    select(*payload_columns(model)).where(model.__table__.c.id.in_(ids))))
                bases.update(((entity, record_id), base) for record_id, base in _bases(session, entity, ids).items())
        for entity, record_id, max_seq in sorted(rows, key=lambda r: ORDER.get(r[0], len(ORDER))):
            payload = current.get((entity, record_id))
            if payload is None:
                unchanged.append((record_id, max_seq))
                continue
            base = bases.get((entity, record_id))
            changed = changed_fields(payload, base[1] if base else None)
            if not changed:
                unchanged.append((record_id, max_seq))  # edited and edited back: nothing to tell the hub
                continue
            changes.append(Change(entity=entity, id=record_id, base_rev=base[0] if base else 0, changed=changed,
                                  payload=payload))
            seqs.append([entity, record_id, max_seq])
        if unchanged:
            outbox = OutboxEntry.__table__
            session.connection().execute(
                delete(outbox).where(outbox.c.record_id == bindparam("b_id"), outbox.c.seq <= bindparam("b_seq")),
                [{"b_id": record_id, "b_seq": max_seq} for record_id, max_seq in unchanged])
        if not changes:
            return (None, []) if unchanged else None
        request = PushRequest(batch_id=str(uuid.uuid4()), schema_version=SCHEMA_VERSION, changes=changes)
        # {"request": ..., "seqs": ...}, the request written by pydantic's serializer as it goes on the wire
        set_meta(session, PENDING_BATCH, f'{{"request": {request.model_dump_json()}, '
                                         f'"seqs": {json.dumps(seqs, ensure_ascii=False)}}}')
        return request, seqs


def _bases(session: Session, entity: str, record_ids: list[str]) -> dict[str, tuple[int, str]]:
    """(revision, payload JSON) of the sync bases of one entity's records, by record id, read in one plain query
    (by entity and id: the primary key; by id alone SQLite would read every base there is)."""
    table = SyncBase.__table__
    return {record_id: (rev, payload) for record_id, rev, payload in session.execute(
        select(table.c.record_id, table.c.rev, table.c.payload)
        .where(table.c.entity == entity, table.c.record_id.in_(record_ids)))}


def _send(store: Store, blobs: BlobStore, client: HubClient, request: PushRequest | None, seqs: list[list[Any]],
          summary: SyncSummary) -> None:
    if request is None:
        return
    _upload_blobs(blobs, client, request, summary)
    response = client.push(request)
    summary.requests += 1
    hub_versions = {}
    for result in response.results:
        if result.outcome is Outcome.REJECTED:
            hub_versions[(result.entity, result.id)] = client.record(result.entity, result.id)
    _apply_push_response(store, request, response, seqs, hub_versions, summary)


def _upload_blobs(blobs: BlobStore, client: HubClient, request: PushRequest, summary: SyncSummary) -> None:
    for change in request.changes:
        for name in BLOB_FIELDS.get(change.entity, ()):
            sha256 = change.payload.get(name)
            if not sha256 or client.has_blob(sha256):
                continue
            if not blobs.exists(sha256):
                raise HubError(f"the file {sha256[:12]}… of a {change.entity} record is missing from this "
                               "machine's blob folder; restore it from a backup, then sync again")
            client.put_blob(sha256, blobs.read(sha256))
            summary.blobs_sent += 1


def _apply_push_response(store: Store, request: PushRequest, response: PushResponse, seqs: list[list[Any]],
                         hub_versions: dict[tuple[str, str], RemoteRecord | None], summary: SyncSummary) -> None:
    max_seq = {(entity, record_id): seq for entity, record_id, seq in seqs}
    with store.transaction() as session:
        session.connection().execute(
            delete(OutboxEntry.__table__).where(OutboxEntry.__table__.c.record_id == bindparam("b_id"),
                                                OutboxEntry.__table__.c.seq <= bindparam("b_seq")),
            [{"b_id": change.id, "b_seq": max_seq.get((change.entity, change.id), 0)} for change in request.changes])
        accepted: list[tuple[Change, ChangeResult]] = []
        for change, result in zip(request.changes, response.results, strict=True):
            if result.outcome is Outcome.REJECTED:
                summary.rejected.append(f"{change.entity} {change.id[:8]}: {result.message}")
                _keep_rejected(session, change, result.message, hub_versions.get((change.entity, change.id)))
                continue
            summary.pushed += 1
            summary.merged += result.outcome is Outcome.MERGED
            summary.conflicts += result.outcome is Outcome.CONFLICT
            accepted.append((change, result))
        _take_hub_versions(session, accepted)
        delete_meta(session, PENDING_BATCH)


def _take_hub_versions(session: Session, accepted: list[tuple[Change, ChangeResult]]) -> None:
    """The hub's versions after a push become the records' sync bases (see `dzdesk.sync.base`): what the hub
    stored is taken into each record, except fields edited here since the batch was made, which stay pending.
    Written with plain statements or while the session is marked remote, which leave the outbox alone."""
    if not accepted:
        return
    pending = set(session.scalars(select(OutboxEntry.record_id).where(
        OutboxEntry.record_id.in_([change.id for change, _result in accepted])).distinct()))
    connection = session.connection()
    base_rows: list[dict[str, Any]] = []
    revs: dict[str, list[dict[str, Any]]] = {}
    merges: list[tuple[Change, ChangeResult]] = []
    for change, result in accepted:
        if result.payload is None and result.outcome is not Outcome.APPLIED:
            continue  # an answer from an older hub, without the merged version: the base stays where it was
        if result.payload is None and change.id not in pending:  # stored as sent, and nothing edited since
            base_rows.append({"entity": change.entity, "record_id": change.id, "rev": result.rev,
                              "payload": _json(change.payload)})
            revs.setdefault(change.entity, []).append({"b_id": change.id, "b_rev": result.rev})
        else:
            merges.append((change, result))
    if base_rows:
        connection.execute(_replace(SyncBase.__table__), base_rows)
    for entity, rows in revs.items():
        records = ENTITY_MODELS[entity].__table__
        connection.execute(update(records).where(records.c.id == bindparam("b_id"))
                           .values(server_rev=bindparam("b_rev")), rows)
    session.expire_all()
    if merges:
        previous = session.info.get(APPLYING_REMOTE)
        session.info[APPLYING_REMOTE] = True
        try:
            for change, result in merges:
                hub_version = result.payload if result.payload is not None else change.payload
                record = session.get(ENTITY_MODELS[change.entity], change.id)
                if record is None:
                    continue
                rebased = rebase(to_payload(record) if change.id in pending else None, change.payload, hub_version,
                                 result.rev, change.base_rev, carried=False)
                apply_payload(record, hub_version, set(rebased.take))
                _derive(session, record, None)
                record.server_rev = result.rev
                session.merge(SyncBase(entity=change.entity, record_id=change.id, rev=rebased.edit_rev,
                                       payload=_json(hub_version)))
            session.flush()
        finally:
            session.info[APPLYING_REMOTE] = previous


def _json(payload: dict[str, Any]) -> str:
    """A payload as a sync base keeps it: sorted keys, so two equal payloads are equal texts."""
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)


def _replace(table: Any) -> Any:
    """INSERT OR REPLACE (the store is SQLite): a record's sync base written whether or not it had one, in one
    statement for many records instead of a DELETE and an INSERT each."""
    return insert(table).prefix_with("OR REPLACE")


KEPT_TEXT = 100_000  # characters of a refused version kept in its conflict; the hub takes no longer field


def _kept_json(payload: dict[str, Any] | None) -> str:
    text = json.dumps(payload, ensure_ascii=False)
    if len(text) <= KEPT_TEXT or payload is None:
        return text
    shortened = {k: (v[:2000] + "……" if isinstance(v, str) and len(v) > 2000 else v) for k, v in payload.items()}
    return json.dumps(shortened, ensure_ascii=False)[:KEPT_TEXT]


def _keep_rejected(session: Session, change: Change, message: str, hub_version: RemoteRecord | None) -> None:
    """A change the hub refused is kept as a conflict for people to see, and the record goes back to the hub's.
    A refused conflict record is not kept as another conflict: that could go on for ever."""
    if change.entity == CONFLICTS:
        log.warning("the hub refused conflict %s: %s", change.id, message)
        return
    now = datetime.now(UTC)
    session.add(SyncConflict(entity=change.entity, record_id=change.id, field="*",
                             kept_value=_kept_json(hub_version.payload if hub_version else None),
                             other_value=_kept_json(change.payload),
                             kept_author=hub_version.owner if hub_version else "",
                             other_author=str(session.info.get(AUTHOR) or change.payload.get("author", "")),
                             kept_at=None, other_at=now,
                             resolution=message[:20]))
    session.flush()
    previous = session.info.get(APPLYING_REMOTE)
    session.info[APPLYING_REMOTE] = True
    try:
        if hub_version is not None:
            _apply_remote(session, hub_version)
        elif change.entity in PARENTS:
            _forget_refused_child(session, change)
        session.flush()  # while still marked remote: going back to the hub's version is not a new change
    finally:
        session.info[APPLYING_REMOTE] = previous


def _forget_refused_child(session: Session, change: Change) -> None:
    """A new child the hub refused (its parent's change was refused too, or is not the laptop's to add to) goes,
    as the hub has no such record: a history line of an edit that never happened must not stay. Its payload is
    kept in the conflict just made."""
    record = session.get(ENTITY_MODELS[change.entity], change.id)
    if record is None:
        return
    session.delete(record)
    session.execute(delete(OutboxEntry).where(OutboxEntry.record_id == change.id))


# -- pull ---------------------------------------------------------------------------------------------------------
def _pull_all(store: Store, client: HubClient, summary: SyncSummary, report: Progress,
              cancel: threading.Event | None) -> None:
    with store.session() as session:
        since = int(get_meta(session, CURSOR) or 0)
        results_since = results_cursor(session)
    while True:
        _check(cancel)
        page = client.changes(since, PAGE_SIZE, results_since)
        summary.requests += 1
        with store.transaction() as session:
            session.info[APPLYING_REMOTE] = True
            ordered = sorted(page.changes, key=lambda r: (ORDER.get(r.entity, len(ORDER)), r.rev))
            applied = _apply_page(session, ordered)
            if applied is None:  # a parent is missing somewhere in the page: record by record, parking
                applied = sum(1 for remote in ordered if _apply_or_park(session, remote))
            summary.pulled += applied
            _retry_parked(session, summary)
            if page.account is not None:
                _take_account(session, page.account)
            summary.results_pulled += take_results(session, page.results)
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
    """Applies the page's records of one entity, as `_apply_remote` would one by one, and flushes them, so the
    next entity's records find their parents. Pulled records are written with plain statements or flushed while
    the session is marked remote: neither queues them in the outbox."""
    entity = model.__tablename__
    table = model.__table__
    ids = [remote.id for remote in remotes]
    here = {row.id: row_payload(model, row) for row in session.execute(
        select(*payload_columns(model)).where(table.c.id.in_(ids)))}
    bases = _bases(session, entity, ids)
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
            rebased = _rebase_pulled(record, remote, base, remote.id in pending)
            apply_payload(record, remote.payload, set(rebased.take))
            _derive(session, record, remote.team)
            base_rows[positions[remote.id]]["rev"] = rebased.edit_rev
            record.server_rev = remote.rev
    for remote in new_objects:
        record = model(id=remote.id)
        apply_payload(record, remote.payload)
        _derive(session, record, remote.team)
        record.server_rev = remote.rev
        session.add(record)
    session.flush()
    if entity == TEAM_SETTINGS:
        session.info.pop(_CALENDARS, None)  # the next faults follow the calendar as it is now
    connection = session.connection()
    for rows in new_rows.values():
        connection.execute(insert(table), rows)
    if base_rows:
        connection.execute(_replace(SyncBase.__table__), base_rows)
    parked = ParkedRecord.__table__  # applied now, so no longer waiting for a parent
    connection.execute(delete(parked).where(parked.c.entity == entity, parked.c.record_id.in_(ids)))


def _apply_or_park(session: Session, remote: RemoteRecord) -> bool:
    """Applies a pulled record; parks it when its parent is missing. False for an entity this version lacks."""
    if remote.entity not in ENTITY_MODELS:
        return False
    try:
        with session.begin_nested():
            _apply_remote(session, remote)
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


def _apply_remote(session: Session, remote: RemoteRecord) -> RecordMixin:
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
        rebased = _rebase_pulled(record, remote, (base.rev, base.payload) if base is not None else None, pending)
        apply_payload(record, remote.payload, set(rebased.take))
        edit_rev = rebased.edit_rev
    _derive(session, record, remote.team or None)
    if remote.entity == TEAM_SETTINGS:
        session.info.pop(_CALENDARS, None)
    record.server_rev = remote.rev
    if base is not None:
        base.rev, base.payload = edit_rev, payload
    else:
        session.merge(SyncBase(entity=remote.entity, record_id=remote.id, rev=edit_rev, payload=payload))
    return record


_CALENDARS = "dzdesk.sync.calendars"  # on a session's `info`: the calendars pulled faults follow, read once
TEAM_SETTINGS = "team_settings"


def _derive(session: Session, record: RecordMixin, team: str | None) -> None:
    """Sets what a record derives here instead of receiving it: a fault's team (`team`; None keeps the one it has)
    and its response deadline, by the working calendar of that team (`dzdesk.store.team_calendar`)."""
    if not isinstance(record, Incident):
        return
    if team is not None and record.hub_team != team:
        record.hub_team = team
    with session.no_autoflush:  # the record may be half made: the calendars are read without flushing it
        calendars = session.info.get(_CALENDARS)
        if calendars is None:
            calendars = session.info[_CALENDARS] = Calendars(session)
        calendar = calendars.for_team(record.hub_team)
    try:
        due = response_due(Severity(record.severity), record.reported_at, calendar)
    except (TypeError, ValueError) as exc:
        raise PayloadError(f"incidents.severity: {exc}") from exc
    if record.response_due != due:
        record.response_due = due


def _rebase_pulled(record: RecordMixin, remote: RemoteRecord, base: tuple[int, str] | None, pending: bool) -> Rebased:
    """How a pulled version goes into a record that is already here: whole, or around the fields edited here and
    not yet pushed (`dzdesk.sync.base`)."""
    if not pending:
        return rebase(None, None, remote.payload, remote.rev, remote.rev, carried=False)
    if base is None:  # edited here, never synced: every field is this laptop's, made on no version of the hub's
        local = to_payload(record)
        return Rebased(frozenset(k for k in remote.payload if k not in local), 0)
    return rebase(to_payload(record), json.loads(base[1]), remote.payload, remote.rev, base[0],
                  carried=is_carried(base[0], record.server_rev))


# -- blobs --------------------------------------------------------------------------------------------------------
def _fetch_missing_blobs(store: Store, blobs: BlobStore, client: HubClient, summary: SyncSummary,
                         report: Progress) -> None:
    wanted: set[str] = set()
    with store.session() as session:
        for entity, names in BLOB_FIELDS.items():
            model = ENTITY_MODELS[entity]
            for name in names:
                column = getattr(model, name)
                wanted.update(v for v in session.scalars(select(column).where(column != "").distinct()) if v)
    missing = sorted(sha for sha in wanted if not blobs.exists(sha))
    for done, sha256 in enumerate(missing, 1):
        data = client.get_blob(sha256)
        if data is not None:
            blobs.put_bytes(data)
            summary.blobs_fetched += 1
        report("blobs", done, len(missing))

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
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from dzdesk.store.base import RecordMixin
from dzdesk.store.blobs import BlobStore
from dzdesk.store.database import Store
from dzdesk.store.meta import delete_meta, get_meta, set_meta
from dzdesk.store.outbox import APPLYING_REMOTE, AUTHOR, OutboxEntry
from dzdesk.store.sync_models import ParkedRecord, SyncBase, SyncConflict
from dzdesk.sync.client import HubClient, HubError, HubProtocolError
from dzdesk.sync.protocol import (
    BLOB_FIELDS,
    CONFLICTS,
    ENTITIES,
    MAX_BATCH,
    Change,
    Outcome,
    PushRequest,
    PushResponse,
    RemoteRecord,
)
from dzdesk.sync.records import ENTITY_MODELS, PayloadError, apply_payload, changed_fields, to_payload

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


def synchronise(store: Store, blobs: BlobStore, client: HubClient, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> SyncSummary:
    """Push, then pull. Raises `HubError` (and subclasses) when the hub cannot be used; what was done stays done."""
    summary = SyncSummary()
    report = progress or (lambda _phase, _done, _total: None)
    _forget_other_hub(store, client.url)
    _push_all(store, blobs, client, summary, report, cancel)
    _pull_all(store, client, summary, report, cancel)
    _fetch_missing_blobs(store, blobs, client, summary, report)
    with store.transaction() as session:
        set_meta(session, LAST_SYNC, datetime.now(UTC).isoformat())
    return summary


def _forget_other_hub(store: Store, url: str) -> None:
    """A cursor belongs to one hub: switching hubs starts the pull from the beginning."""
    with store.transaction() as session:
        if get_meta(session, HUB_URL) != url:
            set_meta(session, HUB_URL, url)
            set_meta(session, CURSOR, "0")


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
            _send(store, blobs, client, json.loads(waiting), summary)
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
        batch = _next_batch(store)
        if batch is None:
            break
        _send(store, blobs, client, batch, summary)
        done += len(batch["seqs"])
        report("push", min(done, total), total)


def _next_batch(store: Store) -> dict[str, Any] | None:
    """The next batch, written down before it is sent; None when the outbox is empty."""
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
        for entity, ids in by_entity.items():  # a few queries for the batch, not two per record
            model = ENTITY_MODELS.get(entity)
            if model is not None:
                session.scalars(select(model).where(model.id.in_(ids))).all()
        bases = {(b.entity, b.record_id): b for b in session.scalars(
            select(SyncBase).where(SyncBase.record_id.in_([r[1] for r in rows])))}
        for entity, record_id, max_seq in sorted(rows, key=lambda r: ORDER.get(r[0], len(ORDER))):
            model = ENTITY_MODELS.get(entity)
            record = session.get(model, record_id) if model is not None else None
            if record is None:
                unchanged.append((record_id, max_seq))
                continue
            payload = to_payload(record)
            base = bases.get((entity, record_id))
            changed = changed_fields(payload, base.payload if base else None)
            if not changed:
                unchanged.append((record_id, max_seq))  # edited and edited back: nothing to tell the hub
                continue
            changes.append(Change(entity=entity, id=record_id, base_rev=base.rev if base else 0, changed=changed,
                                  payload=payload))
            seqs.append([entity, record_id, max_seq])
        for record_id, max_seq in unchanged:
            session.execute(delete(OutboxEntry).where(OutboxEntry.record_id == record_id,
                                                      OutboxEntry.seq <= max_seq))
        session.expunge_all()  # the batch is built; nothing here changes the records
        if not changes:
            return {"request": None, "seqs": []} if unchanged else None
        batch = {"request": PushRequest(batch_id=str(uuid.uuid4()), changes=changes).model_dump(), "seqs": seqs}
        set_meta(session, PENDING_BATCH, json.dumps(batch, ensure_ascii=False))
        return batch


def _send(store: Store, blobs: BlobStore, client: HubClient, batch: dict[str, Any], summary: SyncSummary) -> None:
    if batch["request"] is None:
        return
    request = PushRequest.model_validate(batch["request"])
    _upload_blobs(blobs, client, request, summary)
    response = client.push(request)
    summary.requests += 1
    hub_versions = {}
    for result in response.results:
        if result.outcome is Outcome.REJECTED:
            hub_versions[(result.entity, result.id)] = client.record(result.entity, result.id)
    _apply_push_response(store, request, response, batch["seqs"], hub_versions, summary)


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
        accepted: list[tuple[Change, int]] = []
        for change, result in zip(request.changes, response.results, strict=True):
            if result.outcome is Outcome.REJECTED:
                summary.rejected.append(f"{change.entity} {change.id[:8]}: {result.message}")
                _keep_rejected(session, change, result.message, hub_versions.get((change.entity, change.id)))
                continue
            summary.pushed += 1
            summary.merged += result.outcome is Outcome.MERGED
            summary.conflicts += result.outcome is Outcome.CONFLICT
            accepted.append((change, result.rev))
        _set_bases(session, accepted)
        delete_meta(session, PENDING_BATCH)


def _set_bases(session: Session, accepted: list[tuple[Change, int]]) -> None:
    """The pushed versions become the records' sync bases, and their revisions the records' server revisions;
    written with plain statements, which leave the outbox alone (this is no local change)."""
    if not accepted:
        return
    connection = session.connection()
    table = SyncBase.__table__
    connection.execute(delete(table).where(table.c.entity == bindparam("b_entity"),
                                           table.c.record_id == bindparam("b_id")),
                       [{"b_entity": change.entity, "b_id": change.id} for change, _rev in accepted])
    connection.execute(insert(table), [
        {"entity": change.entity, "record_id": change.id, "rev": rev,
         "payload": json.dumps(change.payload, ensure_ascii=False, sort_keys=True)} for change, rev in accepted])
    by_entity: dict[str, list[dict[str, Any]]] = {}
    for change, rev in accepted:
        by_entity.setdefault(change.entity, []).append({"b_id": change.id, "b_rev": rev})
    for entity, rows in by_entity.items():
        records = ENTITY_MODELS[entity].__table__
        connection.execute(update(records).where(records.c.id == bindparam("b_id"))
                           .values(server_rev=bindparam("b_rev")), rows)
    session.expire_all()


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
    if hub_version is not None:
        previous = session.info.get(APPLYING_REMOTE)
        session.info[APPLYING_REMOTE] = True
        try:
            _apply_remote(session, hub_version)
            session.flush()  # while still marked remote: going back to the hub's version is not a new change
        finally:
            session.info[APPLYING_REMOTE] = previous


# -- pull ---------------------------------------------------------------------------------------------------------
def _pull_all(store: Store, client: HubClient, summary: SyncSummary, report: Progress,
              cancel: threading.Event | None) -> None:
    with store.session() as session:
        since = int(get_meta(session, CURSOR) or 0)
    while True:
        _check(cancel)
        page = client.changes(since, PAGE_SIZE)
        summary.requests += 1
        with store.transaction() as session:
            session.info[APPLYING_REMOTE] = True
            ordered = sorted(page.changes, key=lambda r: (ORDER.get(r.entity, len(ORDER)), r.rev))
            applied = _apply_page(session, ordered)
            if applied is None:  # a parent is missing somewhere in the page: record by record, parking
                applied = sum(1 for remote in ordered if _apply_or_park(session, remote))
            summary.pulled += applied
            _retry_parked(session, summary)
            set_meta(session, CURSOR, str(page.next_since))
            summary.parked = session.scalar(select(func.count()).select_from(ParkedRecord)) or 0
        since = page.next_since
        report("pull", summary.pulled, 0)
        if not page.more:
            return


def _prefetch(session: Session, remotes: list[RemoteRecord]) -> None:
    """Loads a page's records, bases and pending outbox ids in a few queries instead of several per record."""
    by_entity: dict[str, list[str]] = {}
    for remote in remotes:
        by_entity.setdefault(remote.entity, []).append(remote.id)
    ids = [remote.id for remote in remotes]
    for entity, entity_ids in by_entity.items():
        model = ENTITY_MODELS.get(entity)
        if model is not None:
            session.scalars(select(model).where(model.id.in_(entity_ids))).all()
    bases = session.scalars(select(SyncBase).where(SyncBase.record_id.in_(ids))).all()
    session.info[_BASES] = {(b.entity, b.record_id): b for b in bases}
    session.info[_PENDING] = set(session.scalars(select(OutboxEntry.record_id).where(
        OutboxEntry.record_id.in_(ids)).distinct()))


_BASES = "dzdesk.sync.bases"
_PENDING = "dzdesk.sync.pending"


def _apply_page(session: Session, remotes: list[RemoteRecord]) -> int | None:
    """Applies a whole page in one savepoint; None (and nothing applied) when a record's parent is missing."""
    known = [remote for remote in remotes if remote.entity in ENTITY_MODELS]
    _prefetch(session, known)
    try:
        with session.begin_nested():
            for remote in known:
                _apply_remote(session, remote)
            session.flush()
    except IntegrityError as exc:
        if "FOREIGN KEY" not in str(exc.orig).upper():
            raise HubProtocolError(f"the hub sent a record that does not fit: {exc.orig}") from exc
        session.info.pop(_BASES, None)
        session.info.pop(_PENDING, None)
        return None
    except PayloadError as exc:
        raise HubProtocolError(f"the hub sent a record this version cannot read ({exc}); nothing was changed") \
            from exc
    finally:
        session.info.pop(_BASES, None)
        session.info.pop(_PENDING, None)
    ids = [remote.id for remote in known]
    session.execute(delete(ParkedRecord).where(ParkedRecord.record_id.in_(ids)))
    return len(known)


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
    """Takes the hub's version, except for fields changed here and not yet pushed: those stay, to be pushed."""
    model = ENTITY_MODELS[remote.entity]
    record = session.get(model, remote.id)
    bases = session.info.get(_BASES)
    key = (remote.entity, remote.id)
    base = bases.get(key) if bases is not None else session.get(SyncBase, key)
    payload = json.dumps(remote.payload, ensure_ascii=False, sort_keys=True)
    if (record is not None and base is not None and base.rev == remote.rev and base.payload == payload
            and json.dumps(to_payload(record), ensure_ascii=False, sort_keys=True) == payload):
        return record  # our own push coming back as it was sent, and unchanged here since: nothing to apply
    if record is None:
        record = model(id=remote.id)
        apply_payload(record, remote.payload)
        session.add(record)
    else:
        pending_ids = session.info.get(_PENDING)
        if pending_ids is not None:
            pending = remote.id in pending_ids
        else:
            pending = session.scalar(select(OutboxEntry.seq).where(OutboxEntry.record_id == remote.id)
                                     .limit(1)) is not None
        fields = None
        if pending:
            local = set(changed_fields(to_payload(record), base.payload if base else None))
            fields = set(remote.payload) - local
        apply_payload(record, remote.payload, fields)
    record.server_rev = remote.rev
    if base is not None:
        base.rev, base.payload = remote.rev, payload
    elif bases is not None:
        bases[key] = SyncBase(entity=remote.entity, record_id=remote.id, rev=remote.rev, payload=payload)
        session.add(bases[key])
    else:
        session.merge(SyncBase(entity=remote.entity, record_id=remote.id, rev=remote.rev, payload=payload))
    return record


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

"""The push half of a sync: the outbox sent in batches, exactly once, and the hub's answer taken in.

A batch is written down before it is sent and resent unchanged until its answer has been applied; the hub answers
a resent batch from its records instead of applying it again. A change the hub refuses is kept as a conflict and
the record goes back to the hub's version.
"""

from __future__ import annotations

import json
import logging
import threading
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from dzdesk.store.blobs import BlobStore
from dzdesk.store.database import Store
from dzdesk.store.meta import delete_meta, get_meta, set_meta
from dzdesk.store.outbox import APPLYING_REMOTE, AUTHOR, OutboxEntry
from dzdesk.store.sync_models import SyncBase, SyncConflict
from dzdesk.sync.apply import ORDER, apply_remote, base_json, bases_of, derive, replace_into
from dzdesk.sync.base import rebase
from dzdesk.sync.client import HubClient, HubError
from dzdesk.sync.protocol import (
    BLOB_FIELDS,
    CONFLICTS,
    MAX_BATCH,
    PARENTS,
    SCHEMA_VERSION,
    Change,
    ChangeResult,
    Outcome,
    PushRequest,
    PushResponse,
    RemoteRecord,
)
from dzdesk.sync.records import ENTITY_MODELS, apply_payload, changed_fields, payload_columns, row_payload, to_payload
from dzdesk.sync.summary import Progress, SyncSummary, check_cancel

log = logging.getLogger(__name__)
PENDING_BATCH = "sync.pending_batch"


def pending_changes(session: Session) -> int:
    return session.scalar(select(func.count(func.distinct(OutboxEntry.record_id)))) or 0


def push_all(store: Store, blobs: BlobStore, client: HubClient, summary: SyncSummary, report: Progress,
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
        check_cancel(cancel)
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
                bases.update(((entity, record_id), base) for record_id, base in bases_of(session, entity, ids).items())
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
                              "payload": base_json(change.payload)})
            revs.setdefault(change.entity, []).append({"b_id": change.id, "b_rev": result.rev})
        else:
            merges.append((change, result))
    if base_rows:
        connection.execute(replace_into(SyncBase.__table__), base_rows)
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
                derive(session, record, None)
                record.server_rev = result.rev
                session.merge(SyncBase(entity=change.entity, record_id=change.id, rev=rebased.edit_rev,
                                       payload=base_json(hub_version)))
            session.flush()
        finally:
            session.info[APPLYING_REMOTE] = previous


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
            apply_remote(session, hub_version)
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

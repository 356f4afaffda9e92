"""What the hub does with a push and a pull: permissions, field-by-field merging, conflicts, revisions.

A push is one transaction under the revision lock: either every change of the batch is stored together with the
batch's answer, or nothing is. Merging: fields changed on one side only are taken from that side; a field changed
on both sides since the client's base keeps the later version, and the other becomes a conflict record that syncs
to the team like any other record, so nobody's work disappears without a trace.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from dzdesk.domain.record_ids import team_setting_id
from dzdesk.domain.team_settings import setting_problem
from dzdesk.hub import probe_results
from dzdesk.hub.database import HubDatabase
from dzdesk.hub.models import HubBatch, HubBlobRef, HubRecord, HubUser
from dzdesk.sync.protocol import (
    APPEND_ONLY_ENTITIES,
    BLOB_FIELDS,
    BOOKKEEPING,
    CONFLICTS,
    ENTITIES,
    FIELDS,
    ID_PATTERN,
    LEAD_ENTITIES,
    MAX_PAGE,
    MAX_RESULTS,
    MIN_SCHEMA,
    PARENTS,
    SCHEMA_VERSION,
    SHARED_ENTITIES,
    Change,
    ChangeResult,
    ChangesPage,
    Me,
    Outcome,
    PushRequest,
    PushResponse,
    RemoteRecord,
    Role,
)

FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
SETTING_KEY = re.compile(r"^[a-z][a-z0-9_.-]{0,79}$")
RECORD_ID = re.compile(ID_PATTERN)
MAX_TEXT = 200_000  # characters in one field


class BatchRefusedError(ValueError):
    """The whole batch is unusable (not one bad change among good ones); answered with 422."""


class BatchTakenError(BatchRefusedError):
    """The batch id belongs to another account's batch; answered with 409 so the client sends a new one."""


class SchemaMismatchError(ValueError):
    """The client speaks a record schema this hub was not built for; answered with 426, the message says which
    side to update."""


def check_schema(version: int) -> None:
    """Refuses, in words, a client too old or too new for this hub (see `SCHEMA_VERSION`)."""
    if version < MIN_SCHEMA:
        raise SchemaMismatchError(f"this dzdesk is too old for the hub (record schema {version}, the hub takes "
                                  f"{MIN_SCHEMA} to {SCHEMA_VERSION}): update dzdesk on this laptop, then sync")
    if version > SCHEMA_VERSION:
        raise SchemaMismatchError(f"the hub is older than this dzdesk (record schema {version}, the hub takes "
                                  f"{MIN_SCHEMA} to {SCHEMA_VERSION}): ask whoever runs the hub to update it; "
                                  "nothing was stored")


@lru_cache(maxsize=4096)
def _valid_field_name(key: str) -> bool:
    """Cached: a batch repeats the same few dozen field names in every change."""
    return FIELD_NAME.fullmatch(key) is not None  # `$` alone would let a trailing newline through


def _check_payload(change: Change) -> str:
    """Why the change's payload cannot be stored, or an empty string."""
    if change.entity not in ENTITIES:
        return f"unknown entity '{change.entity}'"
    known = FIELDS[change.entity]
    for key, value in change.payload.items():
        if not _valid_field_name(key):
            return f"invalid field name {key[:40]!r}"
        if key not in known:
            return f"the hub does not know the field '{key}' of {change.entity}; nothing was stored"
        kind = type(value)
        if kind is bool or kind is int or value is None:  # the most common values, settled without more checks
            continue
        if isinstance(value, str):
            if len(value) > MAX_TEXT:
                return f"field '{key}' is longer than {MAX_TEXT} characters"
            if not value.isascii():  # ASCII text is valid Unicode; only other text can hold a lone surrogate
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    return f"field '{key}' holds characters that are not valid Unicode text"
        elif isinstance(value, float):
            if not math.isfinite(value):
                return f"field '{key}' is not a finite number"
        elif value is not None and not isinstance(value, int):  # bool is an int
            return f"field '{key}' must be a plain value, not {type(value).__name__}"
    for key in change.changed:
        if key not in change.payload:
            return f"changed field '{key[:40]}' is not in the payload"
    if change.entity in LEAD_ENTITIES:
        return _setting_problem(change)
    return ""


def _setting_problem(change: Change) -> str:
    """Why a team setting cannot be stored: its team and key are named, its id is the one they give, and it reads
    as a setting of its kind (`dzdesk.domain.team_settings`)."""
    team, key, value = (change.payload.get(name) for name in ("team", "key", "value"))
    if not isinstance(team, str) or not isinstance(key, str) or not isinstance(value, str):
        return "a team setting names its team, its key and its value as text"
    if len(team) > 80 or SETTING_KEY.fullmatch(key) is None:
        return f"{key[:40]!r} is not the key of a team setting"
    if change.id != team_setting_id(team, key):
        return f"the setting {key} of team {team[:40]} is stored under another id; nothing was stored"
    return setting_problem(key, value)


def _moment(payload: dict[str, Any]) -> datetime:
    try:
        moment = datetime.fromisoformat(str(payload.get("updated_at")))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def push(db: HubDatabase, user: HubUser, request: PushRequest) -> PushResponse:
    check_schema(request.schema_version)
    with db.transaction() as session:
        counter = db.lock_revisions(session)
        done = session.get(HubBatch, request.batch_id)
        if done is not None:
            if done.user_name != user.name:
                raise BatchTakenError("this batch id was used by another account; send the changes as a new batch")
            return PushResponse.model_validate(done.response)
        # Everything the batch touches is read up front and written at the end: no query or flush per change.
        with session.no_autoflush:
            batch = _Batch(session, counter, user, request.changes)
            results = [batch.apply(change) for change in request.changes]
            batch.write()
            _reference_blobs(session, batch)
        response = PushResponse(batch_id=request.batch_id, results=results)
        session.add(HubBatch(batch_id=request.batch_id, user_name=user.name, response=response.model_dump(),
                             created_at=datetime.now(UTC)))
        return response


def _next_rev(counter: Any) -> int:
    counter.value += 1
    return int(counter.value)


@dataclass(slots=True)
class _NewRecord:
    """A record (or conflict) new in this batch, with the fields of `HubRecord` that merging reads and writes: a
    plain object is cheaper to make than an ORM instance, and the batch inserts it with one statement."""

    entity: str
    id: str
    rev: int
    owner: str
    team: str
    payload: dict[str, Any]
    field_revs: dict[str, int]
    field_authors: dict[str, str]


_FETCH_CHUNK = 500  # keys per IN query: well inside every database's limit on bound parameters


class _Batch:
    """One push's changes applied in memory: the records it touches and the parents its new children name are
    fetched with a few IN queries, new records (and conflicts) are inserted together at the end, and changed
    records are written by one flush. The session is not flushed before then, so nothing is written per change;
    the counter row, locked by the caller, is updated once."""

    def __init__(self, session: Session, counter: Any, user: HubUser, changes: list[Change]) -> None:
        self.session = session
        self.counter = counter
        self.user = user
        self.teams = user.teams()
        self.records: dict[tuple[str, str], HubRecord | _NewRecord] = {}  # held: the identity map's are weak
        self.new_records: dict[tuple[str, str], _NewRecord] = {}
        self.refused: set[tuple[str, str]] = set()  # changes of this batch refused: nothing under them is stored
        self.stored: list[HubRecord | _NewRecord] = []  # records this batch stored, for their blob references
        # Only names that can be stored are looked up: an unknown entity is refused per change later, and a text
        # with a NUL in it, which PostgreSQL refuses outright, must not fail the whole batch here.
        for entity, ids in _chunks({(change.entity, change.id) for change in changes if change.entity in ENTITIES}):
            for record in session.scalars(select(HubRecord).where(HubRecord.entity == entity,
                                                                  HubRecord.id.in_(ids))):
                self.records[(record.entity, record.id)] = record
        parents: set[tuple[str, str]] = set()
        for change in changes:
            parent = PARENTS.get(change.entity)
            if parent is not None:
                parent_id = str(change.payload.get(parent[1], ""))
                if RECORD_ID.fullmatch(parent_id):  # every stored id has this form; any other is not on the hub
                    parents.add((parent[0], parent_id))
        for entity, ids in _chunks(parents - self.records.keys()):
            for record in session.scalars(select(HubRecord).where(HubRecord.entity == entity,
                                                                  HubRecord.id.in_(ids))):
                self.records[(record.entity, record.id)] = record
        # The blobs the batch names that the user may read: uploaded by their team, or named by its records.
        named = sorted({str(change.payload[name]) for change in changes
                        for name in BLOB_FIELDS.get(change.entity, ()) if change.payload.get(name)})
        self.readable: set[str] = set()
        for start in range(0, len(named), _FETCH_CHUNK):
            self.readable.update(session.scalars(select(HubBlobRef.sha256).distinct().where(
                HubBlobRef.sha256.in_(named[start:start + _FETCH_CHUNK]), HubBlobRef.team.in_(sorted(self.teams)))))

    def unreadable_blob(self, change: Change, stored: dict[str, Any] | None) -> str:
        """Why the change may not name its blobs, or an empty string: naming a blob is how a team gets to read it,
        so only a blob the user's team uploaded or already reads may be named."""
        for name in BLOB_FIELDS.get(change.entity, ()):
            sha256 = change.payload.get(name)
            if sha256 and (stored is None or stored.get(name) != sha256) and str(sha256) not in self.readable:
                return f"its file {str(sha256)[:12]}… is not on the hub: upload it first"
        return ""

    def may_change(self, entity: str, record: HubRecord | _NewRecord) -> str:
        """Why the user may not change the record, or an empty string. A record of a team the user is not in is
        for them as if it did not exist."""
        if record.team not in self.teams:
            return "no such record on the hub"
        if entity in LEAD_ENTITIES:
            return self.may_set(record.team)
        if self.user.role != Role.LEAD and entity not in SHARED_ENTITIES and record.owner != self.user.name:
            return f"this record belongs to {record.owner}; only they or a lead may change it"
        return ""

    def may_set(self, team: str) -> str:
        """Why the user may not change the settings (the working calendar first) of `team`, or an empty string."""
        if self.user.role != Role.LEAD:
            return (f"only a lead of team {team or '-'} changes its working calendar and settings; ask your lead. "
                    "Nothing was stored")
        if team not in self.teams:
            return f"{self.user.name} does not lead team {team[:40] or '-'}; nothing was stored"
        return ""

    def parent_of(self, change: Change) -> tuple[HubRecord | _NewRecord | None, str]:
        """The parent a new child names, if the user may add under it; else why not, in the same words whether
        the parent is another team's, refused in this batch, or nowhere."""
        parent = PARENTS.get(change.entity)
        if parent is None:
            return None, ""
        parent_entity, field = parent
        key = (parent_entity, str(change.payload.get(field, "")))
        record = self.records.get(key)
        missing = f"its {parent_entity[:-1]} is not on the hub (refused or not yet sent)"
        if record is None or key in self.refused or record.team not in self.teams:
            return None, missing
        problem = self.may_change(parent_entity, record)
        return (None, problem) if problem else (record, "")
    def add(self, record: _NewRecord) -> None:
        """A new record (or conflict), inserted with the others by `write`; visible to later changes at once."""
        key = (record.entity, record.id)
        self.new_records[key] = record
        self.records[key] = record
        self.stored.append(record)

    def write(self) -> None:
        """Inserts the new records in one statement; the changed ones and the counter go with the next flush."""
        if self.new_records:
            self.session.connection().execute(insert(HubRecord.__table__), [
                {name: getattr(record, name) for name in _NewRecord.__slots__}
                for record in self.new_records.values()])
        self.session.flush()

    def apply(self, change: Change) -> ChangeResult:
        return _apply(self, change)


def _chunks(keys: set[tuple[str, str]]) -> Iterator[tuple[str, list[str]]]:
    """The keys as (entity, ids) groups of at most `_FETCH_CHUNK` ids, for IN queries on the primary key."""
    by_entity: dict[str, list[str]] = {}
    for entity, record_id in sorted(keys):
        by_entity.setdefault(entity, []).append(record_id)
    for entity, ids in by_entity.items():
        for start in range(0, len(ids), _FETCH_CHUNK):
            yield entity, ids[start:start + _FETCH_CHUNK]


def _apply(batch: _Batch, change: Change) -> ChangeResult:
    result = _apply_change(batch, change)
    if result.outcome is Outcome.REJECTED:
        batch.refused.add((change.entity, change.id))
    return result


def _apply_change(batch: _Batch, change: Change) -> ChangeResult:
    def rejected(message: str) -> ChangeResult:
        return ChangeResult(entity=change.entity, id=change.id, outcome=Outcome.REJECTED, rev=0, message=message)

    user, counter = batch.user, batch.counter
    problem = _check_payload(change)
    if problem:
        return rejected(problem)
    payload = {**change.payload, "id": change.id}
    setting = change.entity in LEAD_ENTITIES
    if setting:
        payload["changed_by"] = user.name  # who set a team's setting last is the hub's word, not the client's
    record = batch.records.get((change.entity, change.id))
    if record is None:
        parent, problem = batch.parent_of(change)
        problem = problem or batch.unreadable_blob(change, None) or (batch.may_set(payload["team"]) if setting
                                                                     else "")
        if problem:
            return rejected(problem)
        payload["author"] = user.name  # nobody writes a record in someone else's name
        rev = _next_rev(counter)
        # A setting lives in the team it names, a child in its parent's team, anything else in its maker's.
        team = payload["team"] if setting else parent.team if parent is not None else user.team
        # A field the change does not name was not set by anyone: the record is one every laptop of the team makes
        # alike (a default target), so a teammate's later change of that field, made on no revision, is no conflict.
        changed = set(change.changed)
        batch.add(_NewRecord(entity=change.entity, id=change.id, rev=rev, owner=user.name, team=team,
                             payload=payload, field_revs={key: rev if key in changed else 0 for key in payload},
                             field_authors=dict.fromkeys(payload, user.name)))
        return _result(change, Outcome.APPLIED, rev, payload)
    problem = (batch.may_change(change.entity, record) or batch.unreadable_blob(change, record.payload)
               or _rewrites_evidence(change, record.payload))
    if problem:
        return rejected(problem)
    server = dict(record.payload)
    field_revs = dict(record.field_revs)
    field_authors = dict(record.field_authors)
    incoming_later = _moment(payload) >= _moment(server)
    rev = _next_rev(counter)
    outcome = Outcome.APPLIED
    for key in change.changed:
        if key in BOOKKEEPING:  # updated_at changes on both sides with every edit; it is set below
            continue
        value = payload[key]
        if server.get(key) == value:
            continue
        if field_revs.get(key, 0) <= change.base_rev:  # nobody else changed it since the version the edit was on
            server[key], field_revs[key], field_authors[key] = value, rev, user.name
            continue
        # Both sides changed this field since the client's base.
        outcome = Outcome.CONFLICT
        kept, other = (value, server.get(key)) if incoming_later else (server.get(key), value)
        server_author = field_authors.get(key, record.owner)
        kept_author, other_author = (user.name, server_author) if incoming_later else (server_author, user.name)
        _record_conflict(batch, record, key, kept, other, kept_author, other_author, payload, server,
                         incoming_later)
        if incoming_later:
            server[key], field_revs[key], field_authors[key] = value, rev, user.name
    if outcome is Outcome.APPLIED and any(server.get(k) != payload.get(k) for k in server
                                          if k not in BOOKKEEPING):
        outcome = Outcome.MERGED  # the stored record holds changes the client has not seen yet
    if setting:
        server["changed_by"] = user.name
    later = max(_moment(server), _moment(payload))
    if later > datetime.min.replace(tzinfo=UTC):
        server["updated_at"] = later.astimezone(UTC).isoformat()
    record.payload, record.field_revs, record.field_authors, record.rev = server, field_revs, field_authors, rev
    batch.stored.append(record)
    return _result(change, outcome, rev, server)


def _rewrites_evidence(change: Change, stored: dict[str, Any]) -> str:
    """Why the change may not be stored, or an empty string: a record of evidence (a corrected time on the record,
    an issued report in the register) is kept as it first arrived; sending it again as it was is no change."""
    if change.entity not in APPEND_ONLY_ENTITIES:
        return ""
    altered = sorted(key for key in change.changed if key not in BOOKKEEPING
                     and change.payload.get(key) != stored.get(key))
    if not altered:
        return ""
    what = "a corrected time on a fault's record" if change.entity == "incident_corrections" else \
        "an issued report's entry in the register"
    return f"{what} is never changed or deleted (field '{altered[0][:40]}'); nothing was stored"


def _result(change: Change, outcome: Outcome, rev: int, stored: dict[str, Any]) -> ChangeResult:
    """The answer to an accepted change: the stored version goes with it when it is not what was sent, so the
    client's sync base is a version the hub really had (`dzdesk.sync.base`)."""
    sent = {**change.payload, "id": change.id}
    return ChangeResult(entity=change.entity, id=change.id, outcome=outcome, rev=rev,
                        payload=None if stored == sent else dict(stored))


def _reference_blobs(session: Session, batch: _Batch) -> None:
    """Notes which team now holds a record naming each blob: that team, and only it, may read the blob."""
    wanted = {(record.team, str(record.payload[name])) for record in batch.stored
              for name in BLOB_FIELDS.get(record.entity, ()) if record.payload.get(name)}
    if not wanted:
        return
    for team in {team for team, _sha in wanted}:
        shas = [sha for each, sha in wanted if each == team]
        for start in range(0, len(shas), _FETCH_CHUNK):
            chunk = shas[start:start + _FETCH_CHUNK]
            wanted -= {(team, sha) for sha in session.scalars(
                select(HubBlobRef.sha256).where(HubBlobRef.team == team, HubBlobRef.sha256.in_(chunk)))}
    if wanted:
        session.execute(insert(HubBlobRef.__table__), [{"team": team, "sha256": sha} for team, sha in sorted(wanted)])


def _record_conflict(batch: _Batch, record: HubRecord | _NewRecord, key: str, kept: Any, other: Any, kept_author: str,
                     other_author: str, incoming: dict[str, Any], server: dict[str, Any], incoming_later: bool) -> None:
    user = batch.user
    now = datetime.now(UTC).isoformat()
    conflict_id = str(uuid.uuid4())
    kept_at, other_at = ((incoming.get("updated_at"), server.get("updated_at")) if incoming_later
                         else (server.get("updated_at"), incoming.get("updated_at")))
    payload = {"id": conflict_id, "created_at": now, "updated_at": now, "author": user.name, "deleted": False,
               "entity": record.entity, "record_id": record.id, "field": key,
               "kept_value": json.dumps(kept, ensure_ascii=False), "other_value": json.dumps(other, ensure_ascii=False),
               "kept_author": kept_author, "other_author": other_author, "kept_at": kept_at, "other_at": other_at,
               "resolved": False, "resolution": ""}
    rev = _next_rev(batch.counter)
    batch.add(_NewRecord(entity=CONFLICTS, id=conflict_id, rev=rev, owner=user.name, team=record.team,
                         payload=payload, field_revs=dict.fromkeys(payload, rev),
                         field_authors=dict.fromkeys(payload, user.name)))


def changes(db: HubDatabase, user: HubUser, since: int, limit: int, schema_version: int,
            results_since: int = 0) -> ChangesPage:
    """Records changed after revision `since` of the teams the user may read, with the teams' probe results that
    arrived after `results_since` and when each of their laptops and watchers was last heard from."""
    check_schema(schema_version)
    limit = max(1, min(limit, MAX_PAGE))
    with db.transaction() as session:
        results, results_next, results_more = probe_results.page(session, user, results_since, MAX_RESULTS)
        seen = probe_results.vantages(session, user)
        # Only what a page carries: each record's merge bookkeeping (field revisions and authors) stays unread.
        statement = (select(HubRecord.entity, HubRecord.id, HubRecord.rev, HubRecord.owner, HubRecord.team,
                            HubRecord.payload)
                     .where(HubRecord.rev > since, HubRecord.team.in_(sorted(user.teams()))))
        rows = session.execute(statement.order_by(HubRecord.rev).limit(limit + 1)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        # Built without validation: what the hub stored was validated when it arrived.
        page = [RemoteRecord.model_construct(entity=entity, id=record_id, rev=rev, owner=owner, team=team,
                                             payload=payload)
                for entity, record_id, rev, owner, team, payload in rows]
    return ChangesPage(changes=page, next_since=page[-1].rev if page else since, more=more, account=account_of(user),
                       results=results, results_next=results_next, results_more=results_more, vantages=seen)


def account_of(user: HubUser) -> Me:
    return Me(name=user.name, role=Role(user.role), team=user.team, teams=sorted(user.teams()))


def get_record(db: HubDatabase, user: HubUser, entity: str, record_id: str) -> RemoteRecord | None:
    """The record, when it is of a team the user may read; None alike for another team's and for none."""
    with db.transaction() as session:
        record = session.get(HubRecord, (entity, record_id))
        if record is None or record.team not in user.teams():
            return None
        return RemoteRecord(entity=record.entity, id=record.id, rev=record.rev, owner=record.owner,
                            team=record.team, payload=record.payload)

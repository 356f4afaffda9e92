"""Probe results on the hub: appended by every laptop and watcher of a team, read back by all of them.

Results are facts, not records: nobody edits one, so they do not go through the field merging of records. An upload
is one transaction under the `probe` counter's lock: a result the team already has (the same id, sent again after a
lost answer or by a restarted prober) is left as it was, the others get the next numbers of arrival. Raw results are
kept for `keep_days` (at least 400), so a year's report can always be made again.
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from dzdesk.hub.database import PROBE_KEY, HubDatabase
from dzdesk.hub.models import HubProbeResult, HubUser, HubVantage
from dzdesk.hub.settings import MIN_KEEP_RESULTS_DAYS
from dzdesk.sync.protocol import (
    MAX_RESULTS,
    ProbeResultIn,
    ProbeResultOut,
    ProbeResultsStored,
    ProbeResultsUpload,
    VantageSeen,
)

KEEP_DAYS = MIN_KEEP_RESULTS_DAYS
_PRUNE_EVERY_S = 3600.0
_FIELDS = tuple(ProbeResultIn.model_fields)
_pruned_at = 0.0
_prune_lock = threading.Lock()


def upload(db: HubDatabase, user: HubUser, request: ProbeResultsUpload,
           keep_days: int = KEEP_DAYS) -> ProbeResultsStored:
    """Stores the results the user's team does not have yet, and notes the uploader's heartbeat.

    Each result is offered under the next number of arrival and the database keeps it unless the team has its id
    (the unique index on team and id decides, with no lookup first: PostgreSQL would read the whole table for one
    until its statistics are gathered); a number given to a result already stored is simply not used."""
    now = datetime.now(UTC)
    team = user.team
    fresh: dict[str, ProbeResultIn] = {}
    for result in request.results:
        fresh.setdefault(result.id, result)
    stored = 0
    with db.transaction() as session:
        counter = db.lock_revisions(session, PROBE_KEY)
        rows = []
        for result in fresh.values():
            counter.value += 1
            rows.append({**result.model_dump(), "seq": counter.value, "team": team, "uploaded_by": user.name})
        if rows:
            insert = postgresql_insert if session.bind.dialect.name == "postgresql" else sqlite_insert
            statement = insert(HubProbeResult.__table__).on_conflict_do_nothing(index_elements=["team", "id"])
            stored = len(session.execute(statement.returning(HubProbeResult.__table__.c.seq), rows).all())
        _beat(session, team, request, now)
    _maybe_prune(db, keep_days)
    return ProbeResultsStored(stored=stored, already=len(request.results) - stored)


def _beat(session: Session, team: str, request: ProbeResultsUpload, now: datetime) -> None:
    seen = session.get(HubVantage, (team, request.vantage))
    if seen is None:
        session.add(HubVantage(team=team, vantage=request.vantage, kind=request.kind, network=request.network,
                               last_seen=now))
    else:
        seen.kind, seen.network, seen.last_seen = request.kind, request.network, now


def page(session: Session, user: HubUser, since: int, limit: int) -> tuple[list[ProbeResultOut], int, bool]:
    """The results of the user's teams that arrived after `since`: (results, the last `seq`, whether more wait)."""
    limit = max(1, min(limit, MAX_RESULTS))
    rows = session.scalars(select(HubProbeResult).where(HubProbeResult.seq > since,
                                                        HubProbeResult.team.in_(sorted(user.teams())))
                           .order_by(HubProbeResult.seq).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    # Built without validation: what the hub stored was validated when it arrived.
    results = [ProbeResultOut.model_construct(**{name: _aware(getattr(row, name)) for name in _FIELDS},
                                              seq=row.seq, team=row.team) for row in rows]
    return results, rows[-1].seq if rows else since, more


def vantages(session: Session, user: HubUser) -> list[VantageSeen]:
    return [VantageSeen(team=v.team, vantage=v.vantage, kind=v.kind, network=v.network, last_seen=_aware(v.last_seen))
            for v in session.scalars(select(HubVantage).where(HubVantage.team.in_(sorted(user.teams())))
                                     .order_by(HubVantage.team, HubVantage.vantage))]


def _aware(value: object) -> object:
    """SQLite gives back a moment without its zone; every moment the hub stores is UTC."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def prune(db: HubDatabase, keep_days: int = KEEP_DAYS) -> int:
    """Deletes results older than `keep_days` (never fewer than 400); returns how many went."""
    cutoff = datetime.now(UTC) - timedelta(days=max(KEEP_DAYS, keep_days))
    with db.transaction() as session:
        return session.execute(delete(HubProbeResult).where(HubProbeResult.started_at < cutoff)).rowcount or 0


def _maybe_prune(db: HubDatabase, keep_days: int) -> None:
    """At most once an hour per hub process: old results go a little at a time, never in a user's way."""
    global _pruned_at
    with _prune_lock:
        if time.monotonic() - _pruned_at < _PRUNE_EVERY_S:
            return
        _pruned_at = time.monotonic()
    prune(db, keep_days)

"""What the probe board shows for each target, assembled from the stored targets, their states and the team's
results (headless).

Every synced laptop holds the results of the whole team, so a tile shows the freshest result of any laptop or
watcher, says where it was seen from and when, and takes its confirmed state (up or down) from that same vantage
point: this laptop's own state when the result is its own, otherwise that vantage point's recent results replayed
with the confirm policy — this laptop's `ProbeState` knows only its own results, and a watcher's three failures in
a row are a confirmed outage even while this laptop sleeps.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import false, select
from sqlalchemy.orm import Session, aliased

from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.probe_state import ConfirmPolicy, TargetState, Tracker, replay
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.store.probe_models import ProbeResult, ProbeState, ProbeTargetRecord
from dzdesk.store.probe_repo import states, stored_targets
from dzdesk.store.vantages import known_vantages

# A vantage point's results replayed to find its confirmed state: enough for any confirm policy (at most 100 in a
# row) to have settled, few enough to read for every tile at each refresh.
REPLAYED_RESULTS = 300
# A watcher not heard from for this many of its intervals has gone silent; without a known interval, after SILENT.
SILENT_INTERVALS = 3
SILENT = timedelta(minutes=15)


class TileLook(StrEnum):
    """The colour a tile takes: a confirmed state, or one of the in-between conditions worth seeing."""

    UP = "up"
    DOWN = "down"
    FAILING = "failing"  # still up, but the latest checks failed and the outage is not confirmed yet
    RECOVERING = "recovering"  # still down, but the latest check succeeded
    MAINTENANCE = "maintenance"
    UNKNOWN = "unknown"
    UNCONFIGURED = "unconfigured"
    DISABLED = "disabled"


@dataclass(frozen=True)
class Tile:
    target_id: str
    target: ProbeTarget
    state: TargetState
    look: TileLook
    since: datetime | None
    last_at: datetime | None
    last_latency_ms: float | None
    failure: Failure | None
    detail: str
    cert_not_after: datetime | None
    cert_issuer: str
    cert_days_left: int | None
    cert_warning: bool
    verify_off: bool
    # Where the freshest result was seen from: the laptop or watcher ("" when this laptop's own) and its network.
    seen_from: str = ""
    network: str = ""
    own: bool = True  # the freshest result is this laptop's: the state is its own `ProbeState`


def _look(target: ProbeTarget, state: TargetState, last_ok: bool | None, maintenance: bool) -> TileLook:
    if not target.enabled:
        return TileLook.DISABLED
    if not target.configured:
        return TileLook.UNCONFIGURED
    if maintenance:
        return TileLook.MAINTENANCE
    if state is TargetState.UP:
        return TileLook.FAILING if last_ok is False else TileLook.UP
    if state is TargetState.DOWN:
        return TileLook.RECOVERING if last_ok else TileLook.DOWN
    return TileLook.UNKNOWN


def _failure(name: str) -> Failure | None:
    return Failure[name] if name in Failure.__members__ else None


@dataclass(frozen=True)
class _Latest:
    """A target's freshest result, from whichever vantage point."""

    vantage: str
    network: str
    at: datetime
    ok: bool
    latency_ms: float | None
    failure: str
    detail: str
    in_maintenance: bool
    cert_not_after: datetime | None
    cert_issuer: str


def _latest_of_targets(session: Session) -> dict[str, _Latest]:
    """The freshest result of each target, any vantage point's, by target id; of two at the same moment, a failure
    first and then by vantage name, so every laptop picks the same one. One statement for all targets: a query per
    target took seconds on a board of many."""
    newer = aliased(ProbeResult)
    freshest = (select(newer.id).where(newer.target_id == ProbeTargetRecord.id)
                .order_by(newer.started_at.desc(), newer.ok, newer.vantage).limit(1)
                .correlate(ProbeTargetRecord).scalar_subquery())
    ids = select(freshest).select_from(ProbeTargetRecord).where(ProbeTargetRecord.deleted == false())
    rows = session.execute(
        select(ProbeResult.target_id, ProbeResult.vantage, ProbeResult.network, ProbeResult.started_at,
               ProbeResult.ok, ProbeResult.latency_ms, ProbeResult.failure, ProbeResult.detail,
               ProbeResult.in_maintenance, ProbeResult.cert_not_after, ProbeResult.cert_issuer)
        .where(ProbeResult.id.in_(ids)))
    return {target_id: _Latest(*rest) for target_id, *rest in rows}


def _replayed(session: Session, target_id: str, vantage: str, until: datetime,
              policy: ConfirmPolicy) -> tuple[TargetState, datetime | None]:
    """The state a vantage point's recent results confirm, and since when (None when it was settled before the
    results read: it has held at least that long)."""
    rows = session.execute(
        select(ProbeResult.started_at, ProbeResult.ok)
        .where(ProbeResult.target_id == target_id, ProbeResult.vantage == vantage,
               ProbeResult.in_maintenance == false(), ProbeResult.started_at <= until)
        .order_by(ProbeResult.started_at.desc()).limit(REPLAYED_RESULTS)).all()
    tracker, transitions = replay(reversed(rows), policy, Tracker())
    if tracker.state is TargetState.UNKNOWN:
        return tracker.state, None
    settled_first = len(transitions) == 1 and transitions[0].old is TargetState.UNKNOWN
    return tracker.state, None if settled_first and len(rows) == REPLAYED_RESULTS else tracker.since


def board(session: Session, now: datetime, cert_warning_days: int, policy: ConfirmPolicy | None = None,
          own_vantage: str = "") -> list[Tile]:
    """A tile per target. `own_vantage` is this laptop's name as the team knows it (its results already sent carry
    it); `policy` confirms another vantage point's state (the default counts when not given)."""
    policy = policy or ConfirmPolicy()
    rows = states(session)
    freshest = _latest_of_targets(session)
    tiles = []
    for target_id, target in stored_targets(session):
        row = rows.get(target_id)
        latest = freshest.get(target_id)
        if latest is None or _is_own(latest, row, own_vantage):
            tile = _own_tile(target_id, target, row, now, cert_warning_days)
            tiles.append(tile if latest is None else _with_source(tile, latest))
            continue
        state, since = _replayed(session, target_id, latest.vantage, latest.at, policy)
        cert_not_after = latest.cert_not_after or (row.cert_not_after if row else None)
        cert_issuer = latest.cert_issuer if latest.cert_not_after else (row.cert_issuer if row else "")
        tiles.append(_tile(target_id, target, state, _look(target, state, latest.ok, latest.in_maintenance), since,
                           latest.at, latest.latency_ms, _failure(latest.failure), latest.detail, cert_not_after,
                           cert_issuer, now, cert_warning_days, latest.vantage, latest.network, own=False))
    return tiles


def _is_own(latest: _Latest, row: ProbeState | None, own_vantage: str) -> bool:
    """Whether the freshest result is this laptop's: not sent yet (no vantage), sent under its name, or the very
    result its own state last took (which knows only this laptop's results), whatever name it was sent under."""
    return latest.vantage in ("", own_vantage) or (row is not None and row.last_at == latest.at)


def _own_tile(target_id: str, target: ProbeTarget, row: ProbeState | None, now: datetime,
              cert_warning_days: int) -> Tile:
    state = TargetState(row.state) if row else TargetState.UNKNOWN
    look = _look(target, state, row.last_ok if row else None, bool(row and row.last_in_maintenance))
    if row is None:
        return _tile(target_id, target, state, look, None, None, None, None, "", None, "", now, cert_warning_days)
    return _tile(target_id, target, state, look, row.since, row.last_at, row.last_latency_ms,
                 _failure(row.last_failure), row.last_detail, row.cert_not_after, row.cert_issuer, now,
                 cert_warning_days)


def _with_source(tile: Tile, latest: _Latest) -> Tile:
    """This laptop's own tile, saying which network its freshest result was probed from."""
    return replace(tile, seen_from=latest.vantage, network=latest.network)


def _tile(target_id: str, target: ProbeTarget, state: TargetState, look: TileLook, since: datetime | None,
          last_at: datetime | None, latency_ms: float | None, failure: Failure | None, detail: str,
          cert_not_after: datetime | None, cert_issuer: str, now: datetime, cert_warning_days: int,
          seen_from: str = "", network: str = "", own: bool = True) -> Tile:
    days = None if cert_not_after is None else int((cert_not_after - now).total_seconds() // 86400)
    warn_days = target.cert_warning_days if target.cert_warning_days is not None else cert_warning_days
    uses_tls = target.kind == "tls" or target.url.startswith("https://")
    return Tile(target_id=target_id, target=target, state=state, look=look, since=since, last_at=last_at,
                last_latency_ms=latency_ms, failure=failure, detail=detail, cert_not_after=cert_not_after,
                cert_issuer=cert_issuer, cert_days_left=days, cert_warning=days is not None and days <= warn_days,
                verify_off=uses_tls and not target.verify_tls, seen_from=seen_from, network=network, own=own)


@dataclass(frozen=True)
class Prober:
    """A laptop or watcher of the team as the hub last reported it, and whether a watcher has gone silent."""

    name: str
    kind: str  # "laptop" or "watcher"
    network: str
    last_seen: datetime
    interval_s: int | None  # its sweep interval, as its latest results give it; None when unknown
    own: bool  # this laptop
    silent: bool  # a watcher unheard of for more than SILENT_INTERVALS intervals (SILENT when unknown)


def team_probers(session: Session, now: datetime, own_vantage: str = "") -> list[Prober]:
    """The team's laptops and watchers, watchers first, each with when it was last heard from (as of this laptop's
    last sync); empty before the first sync."""
    probers = []
    for seen in known_vantages(session):
        interval = _interval_of(session, seen.vantage, seen.last_seen)
        quiet_for = SILENT if not interval else SILENT_INTERVALS * timedelta(seconds=interval)
        probers.append(Prober(seen.vantage, seen.kind, seen.network, seen.last_seen, interval,
                              seen.vantage == own_vantage, seen.kind == "watcher" and now - seen.last_seen > quiet_for))
    return sorted(probers, key=lambda p: (p.kind != "watcher", p.name))


def _interval_of(session: Session, vantage: str, last_seen: datetime) -> int | None:
    """The interval a prober sweeps on, from its latest scheduled result (two days before its last word at most)."""
    interval = session.scalar(
        select(ProbeResult.interval_s)
        .where(ProbeResult.vantage == vantage, ProbeResult.interval_s > 0,
               ProbeResult.started_at >= last_seen - timedelta(days=2))
        .order_by(ProbeResult.started_at.desc()).limit(1))
    return int(interval) if interval else None

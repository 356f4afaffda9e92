"""What the probe board shows for each target, from the stored targets, their states and the team's results.

Every synced laptop holds the results of the whole team, so a tile shows the freshest result of any laptop or
watcher, says where it was seen from and when, and takes its confirmed state (up or down) from that same vantage
point: this laptop's own state when the result is its own, otherwise that vantage point's recent results replayed
with the confirm policy — this laptop's `ProbeState` knows only its own results, and a watcher's three failures in
a row are a confirmed outage even while this laptop sleeps.

The rules read through a `Reader` (`rows(name, **params)`) and import no SQLAlchemy: the statements are
`dzdesk.probes.board`'s, read through a session there and, for the window's first page, through `sqlite3`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.probe_state import ConfirmPolicy, TargetState, Tracker, replay
from dzdesk.domain.probe_target import ProbeTarget, target_of
from dzdesk.store.plain_reader import Reader

# A vantage point's results replayed to find its confirmed state: enough for any confirm policy (at most 100 in a
# row) to have settled, few enough to read for every tile at each refresh.
REPLAYED_RESULTS = 300


class StateRow(NamedTuple):
    """This laptop's own state of a target, as `board.STATEMENTS["board.states"]` reads it."""

    target_id: str
    state: str
    since: datetime | None
    last_at: datetime | None
    last_ok: bool | None
    last_latency_ms: float | None
    last_failure: str
    last_detail: str
    last_in_maintenance: bool
    cert_not_after: datetime | None
    cert_issuer: str


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


def tiles_of(reader: Reader, now: datetime, cert_warning_days: int, policy: ConfirmPolicy | None = None,
             own_vantage: str = "") -> list[Tile]:
    """A tile per target. `own_vantage` is this laptop's name as the team knows it (its results already sent carry
    it); `policy` confirms another vantage point's state (the default counts when not given)."""
    policy = policy or ConfirmPolicy()
    rows = {row[0]: StateRow(*row) for row in reader.rows("board.states")}
    freshest = {target_id: _Latest(*rest) for target_id, *rest in reader.rows("board.latest")}
    tiles = []
    for target_id, kind, *values in reader.rows("board.targets"):
        target = target_of(kind, values)
        row = rows.get(target_id)
        latest = freshest.get(target_id)
        if latest is None or _is_own(latest, row, own_vantage):
            tile = _own_tile(target_id, target, row, now, cert_warning_days)
            tiles.append(tile if latest is None else _with_source(tile, latest))
            continue
        state, since = _replayed(reader, target_id, latest.vantage, latest.at, policy)
        cert_not_after = latest.cert_not_after or (row.cert_not_after if row else None)
        cert_issuer = latest.cert_issuer if latest.cert_not_after else (row.cert_issuer if row else "")
        tiles.append(_tile(target_id, target, state, _look(target, state, latest.ok, latest.in_maintenance), since,
                           latest.at, latest.latency_ms, _failure(latest.failure), latest.detail, cert_not_after,
                           cert_issuer, now, cert_warning_days, latest.vantage, latest.network, own=False))
    return tiles


def _replayed(reader: Reader, target_id: str, vantage: str, until: datetime,
              policy: ConfirmPolicy) -> tuple[TargetState, datetime | None]:
    """The state a vantage point's recent results confirm, and since when (None when it was settled before the
    results read: it has held at least that long)."""
    rows = reader.rows("board.replayed", target_id=target_id, vantage=vantage, until=until)
    tracker, transitions = replay(reversed(rows), policy, Tracker())
    if tracker.state is TargetState.UNKNOWN:
        return tracker.state, None
    settled_first = len(transitions) == 1 and transitions[0].old is TargetState.UNKNOWN
    return tracker.state, None if settled_first and len(rows) == REPLAYED_RESULTS else tracker.since


def _is_own(latest: _Latest, row: StateRow | None, own_vantage: str) -> bool:
    """Whether the freshest result is this laptop's: not sent yet (no vantage), sent under its name, or the very
    result its own state last took (which knows only this laptop's results), whatever name it was sent under."""
    return latest.vantage in ("", own_vantage) or (row is not None and row.last_at == latest.at)


def _own_tile(target_id: str, target: ProbeTarget, row: StateRow | None, now: datetime,
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

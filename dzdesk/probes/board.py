"""The probe board read through a session: the statements `board_rules` reads (`STATEMENTS`), the board of
tiles (`board`), and the team's probers as the hub last reported them.

The rules live in `board_rules`, which imports no SQLAlchemy, so that the window's first page can read the board
with `sqlite3` (`dzdesk.store.plain_reader`) from these same statements, compiled to SQLite text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, bindparam, false, select
from sqlalchemy.orm import Session, aliased

from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.probes.board_rules import REPLAYED_RESULTS, StateRow, Tile, TileLook, tiles_of
from dzdesk.store.probe_models import ProbeResult, ProbeState, ProbeTargetRecord
from dzdesk.store.probe_repo import stored_targets_query
from dzdesk.store.statement_cache import SessionReader
from dzdesk.store.types import UTCDateTime
from dzdesk.store.vantages import known_vantages

__all__ = ["STATEMENTS", "Prober", "Tile", "TileLook", "board", "team_probers"]
# A watcher not heard from for this many of its intervals has gone silent; without a known interval, after SILENT.
SILENT_INTERVALS = 3
SILENT = timedelta(minutes=15)


def _latest_of_targets() -> Select[Any]:
    """The freshest result of each target, any vantage point's; of two at the same moment, a failure first and then
    by vantage name, so every laptop picks the same one. One statement for all targets: a query per target took
    seconds on a board of many."""
    newer = aliased(ProbeResult)
    freshest = (select(newer.id).where(newer.target_id == ProbeTargetRecord.id)
                .order_by(newer.started_at.desc(), newer.ok, newer.vantage).limit(1)
                .correlate(ProbeTargetRecord).scalar_subquery())
    ids = select(freshest).select_from(ProbeTargetRecord).where(ProbeTargetRecord.deleted == false())
    return (select(ProbeResult.target_id, ProbeResult.vantage, ProbeResult.network, ProbeResult.started_at,
                   ProbeResult.ok, ProbeResult.latency_ms, ProbeResult.failure, ProbeResult.detail,
                   ProbeResult.in_maintenance, ProbeResult.cert_not_after, ProbeResult.cert_issuer)
            .where(ProbeResult.id.in_(ids)))


STATEMENTS: dict[str, Select[Any]] = {
    "board.states": select(*(getattr(ProbeState, name) for name in StateRow._fields)),
    "board.latest": _latest_of_targets(),
    "board.targets": stored_targets_query(),
    "board.replayed": select(ProbeResult.started_at, ProbeResult.ok)
    .where(ProbeResult.target_id == bindparam("target_id"), ProbeResult.vantage == bindparam("vantage"),
           ProbeResult.in_maintenance == false(), ProbeResult.started_at <= bindparam("until", type_=UTCDateTime))
    .order_by(ProbeResult.started_at.desc()).limit(REPLAYED_RESULTS),
}


def board(session: Session, now: datetime, cert_warning_days: int, policy: ConfirmPolicy | None = None,
          own_vantage: str = "") -> list[Tile]:
    """A tile per target (`board_rules.tiles_of`), read through `session`."""
    return tiles_of(SessionReader(session, STATEMENTS), now, cert_warning_days, policy, own_vantage)


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

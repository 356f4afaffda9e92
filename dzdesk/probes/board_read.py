"""What the probe board reads, in one session each, for the window to run on a worker (headless): the board itself
(a tile per target and the team's probers) and one target's history over a period (latency, the observed figures,
and the probers, to name where the target was seen from)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dzdesk.domain.observed import ObservedFigures
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.probes.board import Prober, Tile, board, team_probers
from dzdesk.store import Store
from dzdesk.store.probe_repo import latency_series, observed_target

LatencyPoint = tuple[datetime, float | None, int, int]  # slice start, mean latency, checks, failures


@dataclass(frozen=True)
class BoardRead:
    """The board at `now`: a tile per target and the team's probers."""

    tiles: list[Tile]
    probers: list[Prober]
    now: datetime


@dataclass(frozen=True)
class HistoryRead:
    """One target's history from `start` to `end` (`target_id` None: no target, nothing read)."""

    target_id: str | None
    points: list[LatencyPoint]
    figures: ObservedFigures | None
    probers: dict[str, Prober]


def read_board(store: Store, now: datetime, cert_warning_days: int, policy: ConfirmPolicy | None,
               own_vantage: str) -> BoardRead:
    with store.session() as session:
        return BoardRead(board(session, now, cert_warning_days, policy, own_vantage),
                         team_probers(session, now, own_vantage), now)


def read_history(store: Store, target_id: str | None, start: datetime, end: datetime,
                 own_vantage: str) -> HistoryRead:
    if target_id is None:
        return HistoryRead(None, [], None, {})
    with store.session() as session:
        return HistoryRead(target_id, latency_series(session, target_id, start, end),
                           observed_target(session, target_id, start, end, own_vantage),
                           {p.name: p for p in team_probers(session, end, own_vantage)})

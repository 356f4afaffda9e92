"""What the probe board shows for each target, assembled from the stored targets and their states (headless)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from dzdesk.domain.probe_state import TargetState
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.probes.outcome import Failure
from dzdesk.store.probe_repo import list_targets, states


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


def board(session: Session, now: datetime, cert_warning_days: int) -> list[Tile]:
    rows = states(session)
    tiles = []
    for record in list_targets(session):
        target = record.to_target()
        row = rows.get(record.id)
        state = TargetState(row.state) if row else TargetState.UNKNOWN
        cert_not_after = row.cert_not_after if row else None
        days = None if cert_not_after is None else int((cert_not_after - now).total_seconds() // 86400)
        warn_days = target.cert_warning_days if target.cert_warning_days is not None else cert_warning_days
        uses_tls = target.kind == "tls" or target.url.startswith("https://")
        tiles.append(Tile(
            target_id=record.id, target=target, state=state,
            look=_look(target, state, row.last_ok if row else None, bool(row and row.last_in_maintenance)),
            since=row.since if row else None, last_at=row.last_at if row else None,
            last_latency_ms=row.last_latency_ms if row else None, failure=_failure(row.last_failure if row else ""),
            detail=row.last_detail if row else "",
            cert_not_after=cert_not_after, cert_issuer=row.cert_issuer if row else "", cert_days_left=days,
            cert_warning=days is not None and days <= warn_days, verify_off=uses_tls and not target.verify_tls))
    return tiles

"""The team's laptops and watchers as the hub last said at this laptop's sync, each with when it was last heard
from: what the board shows beside the results, and a silent watcher by. Kept as a small fact in the database."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from dzdesk.store.meta import get_meta, set_meta

VANTAGES = "sync.vantages"


@dataclass(frozen=True)
class SeenVantage:
    team: str
    vantage: str
    kind: str  # "laptop" or "watcher"
    network: str
    last_seen: datetime


def remember_vantages(session: Session, seen: Iterable[SeenVantage]) -> None:
    set_meta(session, VANTAGES, json.dumps([{"team": v.team, "vantage": v.vantage, "kind": v.kind,
                                             "network": v.network, "last_seen": v.last_seen.astimezone(UTC)
                                             .isoformat()} for v in seen], ensure_ascii=False))


def known_vantages(session: Session) -> list[SeenVantage]:
    """The laptops and watchers of the team, as the hub last said; empty before the first sync."""
    text = get_meta(session, VANTAGES)
    try:
        raw = json.loads(text) if text else []
        return [SeenVantage(str(v["team"]), str(v["vantage"]), str(v["kind"]), str(v["network"]),
                            datetime.fromisoformat(v["last_seen"])) for v in raw]
    except (ValueError, TypeError, KeyError):
        return []

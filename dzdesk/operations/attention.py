"""What asks for attention, counted for the window's navigation: faults waiting for an answer (and the nearest
deadline among them) and probe targets that are down. Qt-free, so the window reads them on a worker and a test or a
command can read the same figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import false, func, select

from dzdesk.probes.board import TileLook, board
from dzdesk.store import Store
from dzdesk.store.incident_models import Incident


@dataclass(frozen=True)
class Unanswered:
    count: int
    nearest_due: datetime | None  # the response deadline nearest in time, passed or not


def unanswered_faults(store: Store) -> Unanswered:
    """The faults nobody has responded to yet: how many, and the earliest response deadline among them."""
    with store.session() as session:
        count, nearest = session.execute(
            select(func.count(Incident.id), func.min(Incident.response_due))
            .where(Incident.deleted == false(), Incident.responded_at.is_(None))).one()
    return Unanswered(int(count or 0), nearest)


def targets_down(store: Store, now: datetime, cert_warning_days: int) -> list[str]:
    """The names of the probe targets whose latest results say they are down, as the probe board shows them."""
    with store.session() as session:
        return [tile.target.name for tile in board(session, now, cert_warning_days) if tile.look is TileLook.DOWN]

"""Realistic sample data, so a newcomer opens a living app instead of empty lists.

Each area contributes a module with `fill(session, rng)`; `AREAS` lists them in the order they run. The data
is seeded, so two demo directories hold the same records.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import func, select

from dzdesk.demo import incidents, indicators, probes, trainings, visits
from dzdesk.demo.context import DemoContext
from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.profile import EngineerProfile
from dzdesk.store.blobs import BlobStore
from dzdesk.store.database import Store
from dzdesk.store.meta import set_meta
from dzdesk.store.models import RECORD_MODELS

DEMO_SEED = 20261121
DEMO_PROFILE = EngineerProfile(name="李明", phone="13980861234", team="达州运维一组")

AreaFiller = Callable[[DemoContext], int]
AREAS: tuple[tuple[str, AreaFiller], ...] = (("incidents", incidents.fill), ("complaints", incidents.fill_complaints),
                                                 ("visits", visits.fill), ("training sessions", trainings.fill),
                                                 ("probe targets", probes.fill),
                                                 ("indicator figures", indicators.fill))


def record_count(store: Store) -> int:
    with store.session() as session:
        return sum(session.scalar(select(func.count()).select_from(model)) or 0 for model in RECORD_MODELS)


def fill(store: Store, catalogue: Catalogue, calendar: BusinessCalendar, now: datetime | None = None,
         seed: int = DEMO_SEED) -> dict[str, int]:
    """Writes every area's sample records in one transaction: a demo directory is complete or untouched."""
    counts: dict[str, int] = {}
    with store.transaction() as session:
        demo = DemoContext(session, random.Random(seed), catalogue, calendar, now or datetime.now(UTC),
                           BlobStore(store.data_dir.blobs))
        for name, filler in AREAS:
            counts[name] = filler(demo)
        set_meta(session, "demo", "1")
    store.analyze()
    return counts

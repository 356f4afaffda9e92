"""Realistic sample data, so a newcomer opens a living app instead of empty lists.

Each area contributes a module with `fill(session, rng)`; `AREAS` lists them in the order they run. The data
is seeded, so two demo directories hold the same records.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dzdesk.domain.profile import EngineerProfile
from dzdesk.store.database import Store
from dzdesk.store.meta import set_meta
from dzdesk.store.models import RECORD_MODELS

DEMO_SEED = 20261121
DEMO_PROFILE = EngineerProfile(name="李明", phone="13980861234", team="达州运维一组")

AreaFiller = Callable[[Session, random.Random], int]
AREAS: tuple[tuple[str, AreaFiller], ...] = ()


def record_count(store: Store) -> int:
    with store.session() as session:
        return sum(session.scalar(select(func.count()).select_from(model)) or 0 for model in RECORD_MODELS)


def fill(store: Store, seed: int = DEMO_SEED) -> dict[str, int]:
    """Writes every area's sample records in one transaction: a demo directory is complete or untouched."""
    rng = random.Random(seed)
    counts: dict[str, int] = {}
    with store.transaction() as session:
        for name, filler in AREAS:
            counts[name] = filler(session, rng)
        set_meta(session, "demo", "1")
    return counts

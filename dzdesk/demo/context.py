"""What every area's demo filler is given."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.catalogue import Catalogue
from dzdesk.store.blobs import BlobStore


@dataclass
class DemoContext:
    session: Session
    rng: random.Random
    catalogue: Catalogue
    calendar: BusinessCalendar
    now: datetime
    blobs: BlobStore

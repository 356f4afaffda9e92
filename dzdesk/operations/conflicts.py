"""Settling a sync conflict — a field two people changed, whose two values both survive until a person chooses —
as one Qt-free function the sync page and `dzdesk conflicts` both call. Taking the other value edits the record
like any change (it is queued for the hub); keeping the current one only marks the conflict settled. Either way
the settlement syncs to the team, so it is settled on every laptop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import false, select

from dzdesk.store import Store
from dzdesk.store.base import id_prefix
from dzdesk.store.sync_models import SyncConflict
from dzdesk.sync.records import ENTITY_MODELS, apply_payload


class ConflictGoneError(LookupError):
    """No open conflict has that id (or more than one starts with it), or it was settled meanwhile."""


@dataclass(frozen=True)
class OpenConflict:
    id: str
    entity: str
    record_id: str
    field: str  # "*": the hub refused a whole change
    kept_value: Any
    other_value: Any
    kept_author: str
    other_author: str
    kept_at: datetime | None
    other_at: datetime | None


def open_conflicts(store: Store) -> list[OpenConflict]:
    with store.session() as session:
        rows = session.scalars(select(SyncConflict).where(SyncConflict.resolved == false(),
                                                          SyncConflict.deleted == false())
                               .order_by(SyncConflict.created_at, SyncConflict.id))
        return [OpenConflict(c.id, c.entity, c.record_id, c.field, _loaded(c.kept_value), _loaded(c.other_value),
                             c.kept_author, c.other_author, c.kept_at, c.other_at) for c in rows]


def settle_conflict(store: Store, conflict_id: str, take_other: bool) -> str:
    """Settles the open conflict whose id is or starts with `conflict_id`; returns its full id."""
    with store.transaction() as session:
        prefix = id_prefix(conflict_id)
        matches = [] if prefix is None else session.scalars(
            select(SyncConflict).where(SyncConflict.id.like(f"{prefix}%"), SyncConflict.resolved == false(),
                                       SyncConflict.deleted == false()).limit(2)).all()
        if len(matches) != 1:
            raise ConflictGoneError(f"no open conflict has an id starting with '{conflict_id}'" if not matches else
                                    f"more than one open conflict has an id starting with '{conflict_id}'")
        conflict = matches[0]
        if take_other and conflict.field != "*":
            model = ENTITY_MODELS.get(conflict.entity)
            record = session.get(model, conflict.record_id) if model is not None else None
            if record is not None:
                apply_payload(record, {conflict.field: json.loads(conflict.other_value)})
        conflict.resolved = True
        conflict.resolution = "other" if take_other else "kept"
        return conflict.id


def _loaded(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text

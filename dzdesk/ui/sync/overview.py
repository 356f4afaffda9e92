"""What the sync page shows, read from the store in one go on a worker: the changes waiting to be sent, the hub
account this laptop synced as, when the last sync succeeded, and the conflicts still open.

Qt-free on purpose: the page runs `gather_overview` through `run_in_background`, so the window never waits on the
database for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dzdesk.operations.conflicts import OpenConflict, open_conflicts
from dzdesk.store import Store
from dzdesk.store.account import HubAccount, hub_account
from dzdesk.store.meta import get_meta
from dzdesk.store.outbox import pending_count
from dzdesk.sync.engine import LAST_SYNC
from dzdesk.sync.records import ENTITY_MODELS

# What people call a record by, in the order tried: a fault's title, a target's name, a visit's report number...
NAME_FIELDS = ("title", "name", "report_number", "office", "text")


@dataclass(frozen=True)
class SyncOverview:
    waiting: int
    account: HubAccount | None
    last_success: datetime | None  # UTC, kept in the database: known again after a restart
    conflicts: tuple[OpenConflict, ...]
    names: dict[str, str]  # record id → what people call it, for the records in conflict that are here


def gather_overview(store: Store) -> SyncOverview:
    with store.session() as session:
        waiting = pending_count(session)
        account = hub_account(session)
        text = get_meta(session, LAST_SYNC)
    try:
        last = datetime.fromisoformat(text) if text else None
    except ValueError:
        last = None
    conflicts = tuple(open_conflicts(store))
    return SyncOverview(waiting, account, last, conflicts, record_names(store, conflicts))


def record_names(store: Store, conflicts: tuple[OpenConflict, ...]) -> dict[str, str]:
    names: dict[str, str] = {}
    with store.session() as session:
        for conflict in conflicts:
            model = ENTITY_MODELS.get(conflict.entity)
            if conflict.record_id in names or model is None:
                continue
            record = session.get(model, conflict.record_id)
            for field in NAME_FIELDS if record is not None else ():
                value = getattr(record, field, None)
                if isinstance(value, str) and value.strip():
                    names[conflict.record_id] = value.strip()
                    break
    return names

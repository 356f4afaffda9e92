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


@dataclass(frozen=True)
class SyncOverview:
    waiting: int
    account: HubAccount | None
    last_success: datetime | None  # UTC, kept in the database: known again after a restart
    conflicts: tuple[OpenConflict, ...]


def gather_overview(store: Store) -> SyncOverview:
    with store.session() as session:
        waiting = pending_count(session)
        account = hub_account(session)
        text = get_meta(session, LAST_SYNC)
    try:
        last = datetime.fromisoformat(text) if text else None
    except ValueError:
        last = None
    return SyncOverview(waiting, account, last, tuple(open_conflicts(store)))

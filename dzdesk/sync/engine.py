"""One sync: push what the outbox holds, pull what the team changed, fetch the blobs that are missing.

Exactly once, whatever breaks: a batch is written down before it is sent and resent unchanged until its answer
has been applied, and the hub answers a resent batch from its records instead of applying it again. A pulled page
and the cursor past it are stored in one transaction. A record whose parent has not arrived yet waits, parked,
instead of breaking a foreign key. A local edit made while a sync runs stays in the outbox for the next one.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime

from sqlalchemy import select

from dzdesk.store.account import hub_account
from dzdesk.store.blobs import BlobStore
from dzdesk.store.database import Store
from dzdesk.store.meta import get_meta, set_meta
from dzdesk.store.team_calendar import apply_calendars
from dzdesk.sync.client import HubClient
from dzdesk.sync.probe_results import RESULTS_CURSOR, Vantage, default_vantage, upload_results
from dzdesk.sync.protocol import BLOB_FIELDS
from dzdesk.sync.pull import CURSOR, pull_all, take_account
from dzdesk.sync.push import PENDING_BATCH, pending_changes, push_all
from dzdesk.sync.records import ENTITY_MODELS
from dzdesk.sync.summary import Progress, SyncCancelledError, SyncSummary, check_cancel

__all__ = ["CURSOR", "PENDING_BATCH", "Progress", "SyncCancelledError", "SyncSummary", "pending_changes",
           "synchronise"]
log = logging.getLogger(__name__)
LAST_SYNC = "sync.last_success"
HUB_URL = "sync.hub_url"


def synchronise(store: Store, blobs: BlobStore, client: HubClient, progress: Progress | None = None,
                cancel: threading.Event | None = None, vantage: Vantage | None = None) -> SyncSummary:
    """Push, send this machine's probe results, then pull the team's records and results. Raises `HubError` (and
    subclasses) when the hub cannot be used; what was done stays done. `vantage` names this machine as a prober
    (a watcher is heard from at every sync, even with nothing to send)."""
    summary = SyncSummary()
    report = progress or (lambda _phase, _done, _total: None)
    check_cancel(cancel)
    _forget_other_hub(store, client.url)
    _know_account(store, client)
    push_all(store, blobs, client, summary, report, cancel)
    check_cancel(cancel)
    prober = vantage or default_vantage(store.author)
    summary.results_sent = upload_results(store, client, prober, heartbeat=prober.kind == "watcher")
    pull_all(store, client, summary, report, cancel)
    _fetch_missing_blobs(store, blobs, client, summary, report)
    with store.transaction() as session:
        shift = apply_calendars(session, datetime.now(UTC))
        summary.deadlines = shift if shift is not None and shift.moved else None
        set_meta(session, LAST_SYNC, datetime.now(UTC).isoformat())
    return summary


def _know_account(store: Store, client: HubClient) -> None:
    """Who the hub takes this laptop for — which team's calendar its deadlines follow, whether it may change it,
    and the team whose ids the records it made before its first sync take — asked once, before the first push;
    later, every page of changes says it again."""
    with store.session() as session:
        if hub_account(session) is not None:
            return
    with store.transaction() as session:
        take_account(session, client.me())


def _forget_other_hub(store: Store, url: str) -> None:
    """A cursor belongs to one hub: switching hubs starts the pull from the beginning."""
    with store.transaction() as session:
        if get_meta(session, HUB_URL) != url:
            set_meta(session, HUB_URL, url)
            set_meta(session, CURSOR, "0")
            set_meta(session, RESULTS_CURSOR, "0")


def _fetch_missing_blobs(store: Store, blobs: BlobStore, client: HubClient, summary: SyncSummary,
                         report: Progress) -> None:
    wanted: set[str] = set()
    with store.session() as session:
        for entity, names in BLOB_FIELDS.items():
            model = ENTITY_MODELS[entity]
            for name in names:
                column = getattr(model, name)
                wanted.update(v for v in session.scalars(select(column).where(column != "").distinct()) if v)
    missing = sorted(sha for sha in wanted if not blobs.exists(sha))
    for done, sha256 in enumerate(missing, 1):
        data = client.get_blob(sha256)
        if data is not None:
            blobs.put_bytes(data)
            summary.blobs_fetched += 1
        report("blobs", done, len(missing))

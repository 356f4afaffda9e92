"""Making records on a client, and looking at what a client and the hub hold."""

from __future__ import annotations

import io
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import httpx
from PIL import Image
from sqlalchemy import func, select

from dzdesk.config import Settings
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.severity import Severity
from dzdesk.hub.database import REV_KEY
from dzdesk.hub.models import HubBatch, HubCounter, HubRecord
from dzdesk.store import Store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident, update_incident
from dzdesk.store.meta import get_meta
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.probe_repo import save_target
from dzdesk.store.sync_models import ParkedRecord, SyncConflict
from dzdesk.sync.client import HubClient
from dzdesk.sync.engine import CURSOR, PENDING_BATCH, Progress, SyncSummary, synchronise
from dzdesk.sync.records import ENTITY_MODELS, to_payload
from tests.support.hub import RunningHub

CATALOGUE = load_catalogue()
CALENDAR = Settings().calendar()
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=SHANGHAI)  # Friday noon in Dazhou


def sh(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


@dataclass
class SyncClient:
    """One laptop: its store, blob folder and token for the hub."""

    name: str
    store: Store
    blobs: BlobStore
    token: str
    hub_url: str

    def client(self, transport: httpx.BaseTransport | None = None) -> HubClient:
        return HubClient(self.hub_url, self.token, transport=transport)

    def sync(self, transport: httpx.BaseTransport | None = None,
             progress: Progress | None = None, cancel: threading.Event | None = None) -> SyncSummary:
        with self.client(transport) as client:
            return synchronise(self.store, self.blobs, client, progress, cancel)


# -- making records ------------------------------------------------------------------------------------------------
def incident_draft(title: str, **changes: Any) -> IncidentDraft:
    """A MINOR fault on the credit platform, reported on Friday 2026-11-20 at 09:30."""
    base = IncidentDraft(platform="credit", severity=Severity.MINOR, title=title, module="信用报告",
                         reported_at=sh(2026, 11, 20, 9, 30))
    return replace(base, **changes)


def add_fault(store: Store, title: str, **changes: Any) -> str:
    with store.transaction() as session:
        return add_incident(session, incident_draft(title, **changes), CATALOGUE, CALENDAR, NOW).id


def edit_fault(store: Store, incident_id: str, **changes: Any) -> list[str]:
    with store.transaction() as session:
        incident = session.get(Incident, incident_id)
        return update_incident(session, incident, replace(IncidentDraft.of(incident), **changes), CATALOGUE,
                               CALENDAR, NOW)


def add_target(store: Store, name: str, **changes: Any) -> str:
    target = ProbeTarget(name=name, platform="credit", url="https://xy.example.cn/", **changes)
    with store.transaction() as session:
        record = save_target(session, target)
        session.flush()
        return record.id


def edit_target(store: Store, record_id: str, **changes: Any) -> None:
    with store.transaction() as session:
        record = session.get(ProbeTargetRecord, record_id)
        save_target(session, replace(record.to_target(), **changes), record_id)


def photo_bytes(color: tuple[int, int, int] = (200, 120, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), color).save(out, format="JPEG")
    return out.getvalue()


# -- looking at a client -----------------------------------------------------------------------------------------
def conflicted_target(a: SyncClient, b: SyncClient) -> str:
    """A probe target whose keyword 张伟 (`a`) and 李娜 (`b`) both changed between syncs, synced until the hub has
    kept 李娜's value and made the conflict, and `a` has pulled it; returns the target's id."""
    target_id = add_target(a.store, "信用平台-门户")
    a.sync()
    b.sync()
    edit_target(a.store, target_id, keyword="信用中国")
    edit_target(b.store, target_id, keyword="信用达州")
    a.sync()
    b.sync()
    a.sync()
    return target_id


def payloads(store: Store, entity: str) -> dict[str, dict[str, Any]]:
    """Every record of the entity as the wire carries it, by id."""
    model = ENTITY_MODELS[entity]
    with store.session() as session:
        return {r.id: to_payload(r) for r in session.scalars(select(model))}


def all_payloads(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    return {entity: payloads(store, entity) for entity in ENTITY_MODELS}


def outbox(store: Store) -> list[tuple[str, str]]:
    with store.session() as session:
        return [(e.entity, e.record_id) for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def outbox_records(store: Store) -> set[tuple[str, str]]:
    return set(outbox(store))


def meta(store: Store, key: str) -> str | None:
    with store.session() as session:
        return get_meta(session, key)


def cursor(store: Store) -> str | None:
    return meta(store, CURSOR)


def pending_batch(store: Store) -> dict[str, Any] | None:
    waiting = meta(store, PENDING_BATCH)
    return None if waiting is None else json.loads(waiting)


def parked(store: Store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(ParkedRecord)) or 0


def conflicts(store: Store) -> list[SyncConflict]:
    with store.session() as session:
        return list(session.scalars(select(SyncConflict).order_by(SyncConflict.created_at)))


def count(store: Store, entity: str) -> int:
    model = ENTITY_MODELS[entity]
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


# -- looking at the hub ------------------------------------------------------------------------------------------
def hub_records(hub: RunningHub, entity: str | None = None) -> list[HubRecord]:
    with hub.db.transaction() as session:
        statement = select(HubRecord).order_by(HubRecord.rev)
        if entity is not None:
            statement = statement.where(HubRecord.entity == entity)
        return list(session.scalars(statement))


def hub_revs(hub: RunningHub) -> dict[tuple[str, str], int]:
    return {(r.entity, r.id): r.rev for r in hub_records(hub)}


def hub_counter(hub: RunningHub) -> int:
    with hub.db.transaction() as session:
        return int(session.get(HubCounter, REV_KEY).value)


def hub_batches(hub: RunningHub) -> int:
    with hub.db.transaction() as session:
        return session.scalar(select(func.count()).select_from(HubBatch)) or 0


def hub_count(hub: RunningHub, entity: str) -> int:
    with hub.db.transaction() as session:
        return session.scalar(select(func.count()).select_from(HubRecord).where(HubRecord.entity == entity)) or 0


# -- transports that misbehave -----------------------------------------------------------------------------------
Handler = Callable[[httpx.Request, Callable[[httpx.Request], httpx.Response]], httpx.Response]


class Wrapped(httpx.BaseTransport):
    """A real HTTP transport with a hook in front: `handler(request, forward)` decides what the client sees.

    `calls` lists every request as (method, path) in order, whatever the handler did with it."""

    def __init__(self, handler: Handler) -> None:
        self.inner = httpx.HTTPTransport()
        self.handler = handler
        self.calls: list[tuple[str, str]] = []

    def forward(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.calls.append((request.method, request.url.path))
        return self.handler(request, self.forward)

    def close(self) -> None:
        self.inner.close()


def is_push(request: httpx.Request) -> bool:
    return request.method == "POST" and request.url.path.endswith("/v1/push")


def is_changes(request: httpx.Request) -> bool:
    return request.method == "GET" and request.url.path.endswith("/v1/changes")


def fake_json(request: httpx.Request, body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body, request=request)


def fake_bytes(request: httpx.Request, content: bytes, status: int = 200) -> httpx.Response:
    return httpx.Response(status, content=content, headers={"Content-Type": "application/json"}, request=request)

"""Probe results between a laptop (or watcher) and its team's hub: this machine's go up, everyone's come back.

A result is sent with the id it was made with and marked sent only once the hub has answered, so a result sent
twice (an answer lost, a prober killed mid-upload) is stored once on the hub; results pulled back are inserted only
when this machine does not have them yet. Every laptop of a team so ends with the same results, and a report made
on any of them gives the same figures.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from dzdesk.store import vantages
from dzdesk.store.database import Store
from dzdesk.store.meta import get_meta
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.sync.client import HubClient
from dzdesk.sync.protocol import ProbeResultIn, ProbeResultOut, ProbeResultsUpload, VantageSeen

RESULTS_CURSOR = "sync.results_cursor"
UPLOAD_BATCH = 2000


@dataclass(frozen=True)
class Vantage:
    """Who probes, as the team reads it: a laptop or the watcher, and the network it probes from."""

    name: str
    kind: str = "laptop"  # or "watcher"
    network: str = ""


def default_vantage(author: str, network: str = "") -> Vantage:
    return Vantage(f"{author or 'dzdesk'}@{socket.gethostname()}"[:80], "laptop", network[:80])


def upload_results(store: Store, client: HubClient, vantage: Vantage, heartbeat: bool = False) -> int:
    """Sends every result this machine has not sent yet, a batch at a time; returns how many the hub took as new.
    With `heartbeat`, the hub hears from this machine even when it has nothing to send."""
    sent = 0
    while True:
        with store.session() as session:
            rows = session.execute(
                select(ProbeResult, ProbeTargetRecord.name).outerjoin(
                    ProbeTargetRecord, ProbeTargetRecord.id == ProbeResult.target_id)
                .where(ProbeResult.uploaded.is_(False)).order_by(ProbeResult.id).limit(UPLOAD_BATCH)).all()
            batch = [_wire(result, name or "", vantage) for result, name in rows]
        if not batch and not heartbeat:
            return sent
        answer = client.upload_results(ProbeResultsUpload(vantage=vantage.name, kind=vantage.kind,
                                                          network=vantage.network, results=batch))
        heartbeat = False
        sent += answer.stored
        if not batch:
            return sent
        with store.transaction() as session:
            # This machine's own results take its name as they go: on every laptop they then read alike.
            session.connection().execute(
                update(ProbeResult.__table__).where(ProbeResult.__table__.c.result_id == bindparam("b_id"))
                .values(uploaded=True, vantage=bindparam("b_vantage"), network=bindparam("b_network")),
                [{"b_id": r.id, "b_vantage": r.vantage, "b_network": r.network} for r in batch])


def _wire(result: ProbeResult, target_name: str, vantage: Vantage) -> ProbeResultIn:
    return ProbeResultIn(
        id=result.result_id, target_id=result.target_id, target_name=target_name[:100], started_at=result.started_at,
        ok=result.ok, latency_ms=result.latency_ms, failure=result.failure, detail=result.detail[:2000],
        status_code=result.status_code, cert_not_after=result.cert_not_after, cert_issuer=result.cert_issuer,
        in_maintenance=result.in_maintenance, interval_s=result.interval_s, vantage=result.vantage or vantage.name,
        network=result.network or vantage.network)


def take_results(session: Session, results: Iterable[ProbeResultOut]) -> int:
    """Inserts the pulled results this machine does not have; returns how many were new."""
    wanted = {result.id: result for result in results}
    if not wanted:
        return 0
    ids = list(wanted)
    have: set[str] = set()
    for start in range(0, len(ids), 500):
        have.update(session.scalars(select(ProbeResult.result_id).where(
            ProbeResult.result_id.in_(ids[start:start + 500]))))
    rows = [_row(result) for result_id, result in wanted.items() if result_id not in have]
    if rows:
        session.connection().execute(insert(ProbeResult.__table__), rows)
    return len(rows)


def _row(result: ProbeResultOut) -> dict[str, Any]:
    return {"result_id": result.id, "target_id": result.target_id, "started_at": result.started_at,
            "ok": result.ok, "latency_ms": result.latency_ms, "failure": result.failure, "detail": result.detail,
            "status_code": result.status_code, "cert_not_after": result.cert_not_after,
            "cert_issuer": result.cert_issuer, "in_maintenance": result.in_maintenance, "warnings": "",
            "interval_s": result.interval_s, "vantage": result.vantage, "network": result.network, "uploaded": True}


def results_cursor(session: Session) -> int:
    return int(get_meta(session, RESULTS_CURSOR) or 0)


def remember_vantages(session: Session, seen: list[VantageSeen]) -> None:
    """What the hub said of the team's laptops and watchers, kept for the board (`dzdesk.store.vantages`)."""
    vantages.remember_vantages(session, [vantages.SeenVantage(v.team, v.vantage, v.kind, v.network, v.last_seen)
                                         for v in seen])

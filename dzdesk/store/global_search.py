"""One search over faults, complaints, visits and training sessions, answered from the full-text index as the
user types: the index finds candidates, the records' own text confirms them, the newest come first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, text
from sqlalchemy.orm import Session

from dzdesk.domain.search_text import index_is_exact, match_expression
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.search import SEARCHABLE, TABLE
from dzdesk.store.training_models import Training
from dzdesk.store.visit_models import Visit

CANDIDATES = 200  # read from the index per query; a person reads the first few dozen


@dataclass(frozen=True)
class Hit:
    kind: str  # incidents, complaints, visits, trainings
    id: str
    title: str
    when: datetime
    detail: str


_MODELS = {"incidents": Incident, "complaints": Complaint, "visits": Visit, "trainings": Training}


def _describe(record: object) -> tuple[str, datetime, str]:
    if isinstance(record, Incident):
        return record.title, record.reported_at, record.module or record.platform
    if isinstance(record, Complaint):
        return record.content[:60], record.received_at, record.complainant
    if isinstance(record, Visit):
        return record.office, record.arrived_at, record.report_number
    assert isinstance(record, Training)
    return record.title, record.starts_at, record.venue


def search_everything(session: Session, query: str, limit: int = 40) -> list[Hit]:
    expression = match_expression(query)
    if expression is None:
        return []
    rows = session.execute(text(f"SELECT entity, record_id FROM {TABLE} WHERE {TABLE} MATCH :q LIMIT :n")
                           .bindparams(bindparam("q", expression), bindparam("n", CANDIDATES))).all()
    by_kind: dict[str, list[str]] = defaultdict(list)
    for entity, record_id in rows:
        if entity in _MODELS:
            by_kind[entity].append(record_id)
    words = [w for w in query.lower().split() if w]
    exact = all(index_is_exact(w) for w in words)
    hits = []
    for kind, ids in by_kind.items():
        model = _MODELS[kind]
        for record in session.query(model).filter(model.id.in_(ids), model.deleted.is_(False)):
            if not exact and not all(w in SEARCHABLE[model](record).lower() for w in words):
                continue
            title, when, detail = _describe(record)
            hits.append(Hit(kind, record.id, title, when, detail))
    hits.sort(key=lambda h: h.when, reverse=True)
    return hits[:limit]

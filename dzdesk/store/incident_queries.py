"""Reading incidents: filtered, sorted pages for lists of any size, and the facts the metrics need.

Lists never load every row: the UI asks for a count and then for the pages it shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Select, case, func, or_, select
from sqlalchemy.orm import Session

from dzdesk.domain.incident import Status
from dzdesk.domain.metrics import ComplaintFact, IncidentFact
from dzdesk.domain.severity import Severity
from dzdesk.store.incident_models import Complaint, Incident


class IncidentSort(StrEnum):
    DUE = "due"  # unanswered first, nearest deadline first; then the newest
    REPORTED_DESC = "reported_desc"
    REPORTED_ASC = "reported_asc"
    SEVERITY = "severity"


@dataclass(frozen=True)
class IncidentQuery:
    text: str = ""
    platform: str | None = None
    severities: frozenset[Severity] = field(default_factory=frozenset)
    statuses: frozenset[Status] = field(default_factory=frozenset)
    reported_from: datetime | None = None  # inclusive
    reported_to: datetime | None = None  # exclusive
    district: str | None = None
    sort: IncidentSort = IncidentSort.DUE


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(statement: Select, query: IncidentQuery) -> Select:
    statement = statement.where(Incident.deleted.is_(False))
    if query.platform:
        statement = statement.where(Incident.platform == query.platform)
    if query.severities:
        statement = statement.where(Incident.severity.in_([s.value for s in query.severities]))
    if query.statuses:
        statement = statement.where(Incident.status.in_([s.value for s in query.statuses]))
    if query.district:
        statement = statement.where(Incident.district == query.district)
    if query.reported_from is not None:
        statement = statement.where(Incident.reported_at >= query.reported_from)
    if query.reported_to is not None:
        statement = statement.where(Incident.reported_at < query.reported_to)
    for word in query.text.split():
        pattern = _like(word)
        statement = statement.where(or_(
            Incident.title.like(pattern, escape="\\"), Incident.description.like(pattern, escape="\\"),
            Incident.module.like(pattern, escape="\\"), Incident.reporter.like(pattern, escape="\\"),
            Incident.department.like(pattern, escape="\\"), Incident.district.like(pattern, escape="\\"),
            Incident.id.like(f"{word}%"),
        ))
    return statement


_SEVERITY_ORDER = case({s.value: i for i, s in enumerate(Severity)}, value=Incident.severity, else_=9)


def _ordered(statement: Select, sort: IncidentSort) -> Select:
    if sort is IncidentSort.REPORTED_DESC:
        return statement.order_by(Incident.reported_at.desc(), Incident.id)
    if sort is IncidentSort.REPORTED_ASC:
        return statement.order_by(Incident.reported_at.asc(), Incident.id)
    if sort is IncidentSort.SEVERITY:
        return statement.order_by(_SEVERITY_ORDER, Incident.reported_at.desc(), Incident.id)
    unanswered = Incident.responded_at.is_(None)
    return statement.order_by(
        case((unanswered, 0), else_=1), case((unanswered, Incident.response_due), else_=None),
        Incident.reported_at.desc(), Incident.id,
    )


def select_incidents(query: IncidentQuery) -> Select:
    """The statement behind lists and exports: filtered and ordered as `query` says."""
    return _ordered(_filtered(select(Incident), query), query.sort)


def count_incidents(session: Session, query: IncidentQuery) -> int:
    return session.scalar(_filtered(select(func.count(Incident.id)), query)) or 0


def page_incidents(session: Session, query: IncidentQuery, offset: int, limit: int) -> Sequence[Incident]:
    statement = select_incidents(query).offset(offset).limit(limit)
    return session.scalars(statement).all()


def iter_incidents(session: Session, query: IncidentQuery, batch: int = 2000) -> Iterator[Incident]:
    """Every matching incident in order, a batch at a time (for exports)."""
    statement = select_incidents(query).execution_options(yield_per=batch)
    yield from session.scalars(statement)


def incident_facts(session: Session, start: datetime, end: datetime,
                   platform: str | None = None) -> list[IncidentFact]:
    """What the metrics need of the incidents reported in [start, end)."""
    statement = _filtered(select(Incident.platform, Incident.severity, Incident.reported_at, Incident.response_due,
                                 Incident.responded_at, Incident.resolved_at),
                          IncidentQuery(platform=platform, reported_from=start, reported_to=end))
    return [IncidentFact(row.platform, Severity(row.severity), row.reported_at, row.response_due,
                         row.responded_at, row.resolved_at) for row in session.execute(statement)]


def complaint_facts(session: Session, start: datetime, end: datetime) -> list[ComplaintFact]:
    statement = select(Complaint.received_at, Complaint.replied_at).where(
        Complaint.deleted.is_(False), Complaint.received_at >= start, Complaint.received_at < end)
    return [ComplaintFact(row.received_at, row.replied_at) for row in session.execute(statement)]


def open_incidents_due_before(session: Session, moment: datetime) -> Sequence[Incident]:
    """Unanswered incidents whose deadline comes before `moment` (for warnings before a deadline is missed)."""
    return session.scalars(select(Incident).where(
        Incident.deleted.is_(False), Incident.responded_at.is_(None), Incident.response_due <= moment,
    ).order_by(Incident.response_due)).all()

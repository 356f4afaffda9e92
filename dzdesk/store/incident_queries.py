"""Reading incidents: filtered, sorted pages for lists of any size, and the facts the metrics need.

Lists never load every row: the UI asks for a count and then for the pages it shows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, false, func, literal, or_, select
from sqlalchemy.orm import Session

from dzdesk.domain.incident import Status
from dzdesk.domain.metrics import ComplaintFact, IncidentFact
from dzdesk.domain.search_text import index_is_exact
from dzdesk.domain.severity import Severity
from dzdesk.store.base import id_prefix
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.search import matching_keys


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
    statement = statement.where(Incident.deleted == false())
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
        statement = statement.where(_word_condition(word))
    return statement


def _word_condition(word: str) -> ColumnElement[bool]:
    """Narrowed by the full-text index, confirmed by substring; a hex word also finds an id by its prefix."""
    pattern = _like(word)
    exact = or_(*(column.like(pattern, escape="\\") for column in (
        Incident.title, Incident.description, Incident.module, Incident.reporter, Incident.department,
        Incident.district, Incident.cause, Incident.resolution, Incident.assignee)))
    candidates = matching_keys(word)
    if candidates is None:
        condition = exact
    elif index_is_exact(word):
        condition = Incident.search_key.in_(candidates)
    else:
        condition = and_(Incident.search_key.in_(candidates), exact)
    prefix = id_prefix(word)
    if prefix:
        condition = or_(condition, Incident.id.like(f"{prefix}%"))
    return condition


_SEVERITY_ORDER = case({s.value: i for i, s in enumerate(Severity)}, value=Incident.severity, else_=9)


def _ordered(statement: Select, sort: IncidentSort) -> Select:
    if sort is IncidentSort.REPORTED_DESC:
        return statement.order_by(Incident.reported_at.desc(), Incident.id)
    if sort is IncidentSort.REPORTED_ASC:
        return statement.order_by(Incident.reported_at.asc(), Incident.id)
    if sort is IncidentSort.SEVERITY:
        return statement.order_by(_SEVERITY_ORDER, Incident.reported_at.desc(), Incident.id)
    unanswered = Incident.responded_at.is_(None)
    # The same order as the pager's segments (see _segments), so a list and its export agree row for row.
    return statement.order_by(
        case((unanswered, 0), else_=1), case((unanswered, Incident.response_due), else_=None),
        Incident.reported_at.desc(), Incident.id,
    )


def select_incidents(query: IncidentQuery) -> Select:
    """The statement behind lists and exports: filtered and ordered as `query` says."""
    return _ordered(_filtered(select(Incident), query), query.sort)


Segment = tuple[ColumnElement[bool] | None, tuple[Any, ...]]


def _segments(query: IncidentQuery) -> tuple[ColumnElement[Any], list[Segment]]:
    """The sort as consecutive segments, each one an indexed query: the segment key and each segment's filter and
    order. Sorting 100 000 rows by a computed key would read them all; walking indexed segments reads a page."""
    newest = (Incident.reported_at.desc(), Incident.id)
    if query.sort is IncidentSort.DUE:
        unanswered = Incident.responded_at.is_(None)
        return case((unanswered, 0), else_=1), [
            (unanswered, (Incident.response_due.asc(), Incident.reported_at.desc(), Incident.id)),
            (Incident.responded_at.is_not(None), newest),
        ]
    if query.sort is IncidentSort.SEVERITY:
        return _SEVERITY_ORDER, [(Incident.severity == s.value, newest) for s in Severity]
    if query.sort is IncidentSort.REPORTED_ASC:
        return literal(0), [(None, (Incident.reported_at.asc(), Incident.id))]
    return literal(0), [(None, newest)]


class IncidentPager:
    """Pages of one query: the segment sizes are counted once, then any page costs one or two indexed reads."""

    def __init__(self, session: Session, query: IncidentQuery) -> None:
        self.query = query
        key, self.segments = _segments(query)
        if query.sort is IncidentSort.DUE:
            # Two sums in one pass, no GROUP BY: SQLite counts them from the listing index alone.
            unanswered = case((Incident.responded_at.is_(None), 1), else_=0)
            total, waiting = session.execute(
                _filtered(select(func.count(), func.sum(unanswered)).select_from(Incident), query)).one()
            self.sizes = [waiting or 0, total - (waiting or 0)]
        else:
            counted = dict(session.execute(
                _filtered(select(key, func.count()).select_from(Incident), query).group_by(key)).all())
            self.sizes = [counted.get(index, 0) for index in range(len(self.segments))]
        self.total = sum(self.sizes)

    def page(self, session: Session, offset: int, limit: int) -> list[Incident]:
        return self._page(session, offset, limit, plain=False)

    def plain_page(self, session: Session, offset: int, limit: int) -> list[Any]:
        """The same page as plain rows (the incident's columns as attributes): what a list shows, at a third of
        the cost of building mapped objects."""
        return self._page(session, offset, limit, plain=True)

    def _page(self, session: Session, offset: int, limit: int, plain: bool) -> list[Any]:
        rows: list[Any] = []
        for size, (condition, order) in zip(self.sizes, self.segments, strict=True):
            if limit <= 0:
                break
            if offset >= size:
                offset -= size
                continue
            statement = _filtered(select(Incident.__table__) if plain else select(Incident), self.query)
            if condition is not None:
                statement = statement.where(condition)
            statement = statement.order_by(*order).offset(offset).limit(min(limit, size - offset))
            taken = (session.execute(statement) if plain else session.scalars(statement)).all()
            rows.extend(taken)
            limit -= len(taken)
            offset = 0
        return rows


def first_plain_page(session: Session, query: IncidentQuery, limit: int) -> list[Any]:
    """The first `limit` rows of the list as plain rows, without counting anything first: each segment in turn
    gives what is still missing (a list shows its first page while its count is still being made)."""
    rows: list[Any] = []
    for condition, order in _segments(query)[1]:
        statement = _filtered(select(Incident.__table__), query)
        if condition is not None:
            statement = statement.where(condition)
        rows.extend(session.execute(statement.order_by(*order).limit(limit - len(rows))).all())
        if len(rows) >= limit:
            break
    return rows


def count_incidents(session: Session, query: IncidentQuery) -> int:
    return session.scalar(_filtered(select(func.count()).select_from(Incident), query)) or 0


def page_incidents(session: Session, query: IncidentQuery, offset: int, limit: int) -> Sequence[Incident]:
    return IncidentPager(session, query).page(session, offset, limit)


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
        Complaint.deleted == false(), Complaint.received_at >= start, Complaint.received_at < end)
    return [ComplaintFact(row.received_at, row.replied_at) for row in session.execute(statement)]


def open_incidents_due_before(session: Session, moment: datetime) -> Sequence[Incident]:
    """Unanswered incidents whose deadline comes before `moment` (for warnings before a deadline is missed)."""
    return session.scalars(select(Incident).where(
        Incident.deleted == false(), Incident.responded_at.is_(None), Incident.response_due <= moment,
    ).order_by(Incident.response_due)).all()

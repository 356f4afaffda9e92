"""Reading visits for the visit list: text search, signed or not, a period and an engineer, a page at a time.

Kept apart from `visit_repo` (which writes visits) as `incident_queries` is from `incident_repo`: a list asks for a
count and for the pages it shows, never for every row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, false, func, or_, select
from sqlalchemy.orm import Session

from dzdesk.store.visit_models import Visit

# How people separate the engineers of one visit: 李明、王强 / 李明,王强 / 李明 王强.
_ENGINEER_SEPARATORS = re.compile(r"[、,，;；/\s]+")
TEXT_COLUMNS = (Visit.report_number, Visit.office, Visit.department, Visit.district, Visit.address, Visit.engineers,
                Visit.work_done, Visit.problems_found, Visit.contact_name, Visit.signer_name)


@dataclass(frozen=True)
class VisitQuery:
    text: str = ""  # every word must appear in the bureau, the engineers, the work or the findings
    signed: bool | None = None  # None: signed or not
    arrived_from: datetime | None = None  # inclusive
    arrived_to: datetime | None = None  # exclusive
    engineer: str | None = None


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _word_condition(word: str) -> ColumnElement[bool]:
    pattern = _like(word)
    return or_(*(column.like(pattern, escape="\\") for column in TEXT_COLUMNS))


def _filtered(statement: Select, query: VisitQuery) -> Select:
    statement = statement.where(Visit.deleted == false())
    if query.signed is True:
        statement = statement.where(Visit.signed_at.is_not(None))
    elif query.signed is False:
        statement = statement.where(Visit.signed_at.is_(None))
    if query.arrived_from is not None:
        statement = statement.where(Visit.arrived_at >= query.arrived_from)
    if query.arrived_to is not None:
        statement = statement.where(Visit.arrived_at < query.arrived_to)
    if query.engineer:
        statement = statement.where(Visit.engineers.like(_like(query.engineer), escape="\\"))
    for word in query.text.split():
        statement = statement.where(_word_condition(word))
    return statement


def count_matching(session: Session, query: VisitQuery) -> int:
    return session.scalar(_filtered(select(func.count()).select_from(Visit), query)) or 0


def page_matching(session: Session, query: VisitQuery, offset: int, limit: int) -> Sequence[Visit]:
    """Newest arrival first, as the list has always shown them."""
    return session.scalars(_filtered(select(Visit), query).order_by(Visit.arrived_at.desc(), Visit.id)
                           .offset(offset).limit(limit)).all()


def split_engineers(text: str) -> list[str]:
    return [name for name in _ENGINEER_SEPARATORS.split(text) if name]


def engineer_names(session: Session) -> list[str]:
    """Every engineer named on a visit, once each, in Unicode order (what the engineer filter offers)."""
    names: set[str] = set()
    for text in session.scalars(select(Visit.engineers).where(Visit.deleted == false()).distinct()):
        names.update(split_engineers(text))
    return sorted(names)

"""The statements the dashboard reads (`STATEMENTS`, the probe board's among them), and the keeping of their SQLite
text for the window's next start (`keep_first_page_statements`).

Written once here, read through a session (`session_reader`) or, compiled, through `sqlite3` (`dashboard_plain`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, bindparam, case, false, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from dzdesk.probes import board
from dzdesk.reports.dashboard_data import FOLLOW_UPS_SHOWN, MONTHS_READ, OPEN_SHOWN, TRAININGS_SHOWN
from dzdesk.reports.dashboard_plain import statements_key
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.outbox import OutboxEntry
from dzdesk.store.statement_cache import SessionReader, keep_statements
from dzdesk.store.training_models import Training
from dzdesk.store.types import UTCDateTime
from dzdesk.store.visit_models import Visit, VisitFollowUp


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """How many rows meet `condition`, as SQL: 0 rather than NULL over no rows."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _time(name: str) -> Any:
    return bindparam(name, type_=UTCDateTime)


def _faults_by_month() -> Select[Any]:
    """The contract's fault figures summed per month, in one grouped statement that reads only an index: the month
    is the first of `end_0`, `end_1`, … the fault was reported before (`dashboard_data.contract_figures`)."""
    bucket = case(*((Incident.reported_at < _time(f"end_{i}"), i) for i in range(MONTHS_READ - 1)),
                  else_=MONTHS_READ - 1)
    now = _time("now")
    responded = Incident.responded_at.is_not(None)
    late_unanswered = and_(Incident.responded_at.is_(None), Incident.response_due < now)
    return (select(bucket, func.count(), _count(responded), _count(Incident.responded_at <= Incident.response_due),
                   _count(Incident.responded_at > Incident.response_due), _count(late_unanswered),
                   _count(Incident.resolved_at.is_not(None)))
            .where(Incident.deleted == false(), Incident.reported_at >= _time("first"),
                   Incident.reported_at < _time("last"))
            .group_by(bucket))


def _agenda(column: InstrumentedAttribute[Any], deleted: InstrumentedAttribute[bool]) -> Select[Any]:
    """Of the week's (`week_start`, `week_end`), how many today (`day_start`, `day_end`), and how many in all."""
    in_day = _count(and_(column >= _time("day_start"), column < _time("day_end")))
    return select(in_day, func.count()).where(deleted == false(), column >= _time("week_start"),
                                              column < _time("week_end"))


_WAITING = and_(Incident.deleted == false(), Incident.responded_at.is_(None))
STATEMENTS: dict[str, Select[Any]] = {
    **board.STATEMENTS,
    "dashboard.faults_by_month": _faults_by_month(),
    "dashboard.complaints": select(Complaint.received_at, Complaint.replied_at)
    .where(Complaint.deleted == false(), Complaint.received_at >= _time("first"), Complaint.received_at < _time("last"))
    .order_by(Complaint.received_at),
    "dashboard.unanswered": select(Incident.id, Incident.title, Incident.severity, Incident.platform,
                                   Incident.response_due).where(_WAITING).order_by(Incident.response_due)
    .limit(OPEN_SHOWN),
    "dashboard.unanswered_counts": select(func.count(), _count(Incident.response_due < _time("now")))
    .select_from(Incident).where(_WAITING),
    "dashboard.trainings": select(Training.starts_at, Training.title, Training.venue)
    .where(Training.deleted == false(), Training.starts_at >= _time("now"), Training.starts_at < _time("horizon"))
    .order_by(Training.starts_at).limit(TRAININGS_SHOWN),
    "dashboard.follow_ups": select(VisitFollowUp.due, VisitFollowUp.text, Visit.office)
    .join(Visit, Visit.id == VisitFollowUp.visit_id)
    .where(VisitFollowUp.deleted == false(), VisitFollowUp.done.is_(False), VisitFollowUp.due.is_not(None),
           VisitFollowUp.due <= bindparam("due_by", type_=VisitFollowUp.due.type))
    .order_by(VisitFollowUp.due).limit(FOLLOW_UPS_SHOWN),
    "dashboard.visits_agenda": _agenda(Visit.arrived_at, Visit.deleted),
    "dashboard.trainings_agenda": _agenda(Training.starts_at, Training.deleted),
    # Records with changes not yet pushed (a record changed five times counts once), as `outbox.pending_count`.
    "dashboard.pending_changes": select(func.count(func.distinct(OutboxEntry.record_id))),
}


def session_reader(session: Session) -> SessionReader:
    return SessionReader(session, STATEMENTS)


def keep_first_page_statements(session: Session, path: Path) -> bool:
    """Keeps the statements' SQLite text for the next start's first page, unless what is kept already serves."""
    return keep_statements(session, path, STATEMENTS, statements_key())

"""What the dashboard (工作台) shows, gathered headless with the same metrics code as the reports and `dzdesk stats`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import month_range, to_local, year_range
from dzdesk.probes.board import TileLook, board
from dzdesk.reports.figures import PeriodFigures, period_figures
from dzdesk.store.incident_models import Incident
from dzdesk.store.outbox import pending_count
from dzdesk.store.training_models import Training
from dzdesk.store.visit_models import Visit, VisitFollowUp

AHEAD = timedelta(days=14)
OPEN_SHOWN = 12


@dataclass(frozen=True)
class OpenIncident:
    id: str
    title: str
    severity: Severity
    platform: str
    response_due: datetime


@dataclass(frozen=True)
class Upcoming:
    when: datetime | date
    text: str
    overdue: bool


@dataclass(frozen=True)
class DashboardData:
    month: PeriodFigures
    year: PeriodFigures
    unanswered: list[OpenIncident]  # nearest deadline first
    unanswered_total: int
    probe_counts: Counter[TileLook]
    down_targets: list[str]
    trainings: list[Upcoming]
    follow_ups: list[Upcoming]
    pending_changes: int


def gather_dashboard(session: Session, now: datetime, cert_warning_days: int) -> DashboardData:
    local = to_local(now)
    month_start, month_end = month_range(local.year, local.month)
    year_start, year_end = year_range(local.year)
    statement = (select(Incident.id, Incident.title, Incident.severity, Incident.platform, Incident.response_due)
                 .where(Incident.deleted == false(), Incident.responded_at.is_(None))
                 .order_by(Incident.response_due))
    unanswered = [OpenIncident(row.id, row.title, Severity(row.severity), row.platform, row.response_due)
                  for row in session.execute(statement)]
    tiles = board(session, now, cert_warning_days)
    trainings = session.execute(select(Training.starts_at, Training.title, Training.venue).where(
        Training.deleted == false(), Training.starts_at >= now, Training.starts_at < now + AHEAD)
        .order_by(Training.starts_at)).all()
    follow_ups = session.execute(select(VisitFollowUp.due, VisitFollowUp.text, Visit.office)
                                 .join(Visit, Visit.id == VisitFollowUp.visit_id)
                                 .where(VisitFollowUp.deleted == false(), VisitFollowUp.done.is_(False),
                                        VisitFollowUp.due.is_not(None), VisitFollowUp.due <= (local + AHEAD).date())
                                 .order_by(VisitFollowUp.due).limit(20)).all()
    return DashboardData(
        month=period_figures(session, month_start, month_end, now),
        year=period_figures(session, year_start, year_end, now),
        unanswered=unanswered[:OPEN_SHOWN], unanswered_total=len(unanswered),
        probe_counts=Counter(t.look for t in tiles),
        down_targets=[t.target.name for t in tiles if t.look is TileLook.DOWN],
        trainings=[Upcoming(at, f"{title}（{venue}）" if venue else title, False) for at, title, venue in trainings],
        follow_ups=[Upcoming(due, f"{office}：{text}", due < local.date()) for due, text, office in follow_ups],
        pending_changes=pending_count(session),
    )

"""The figures of an operations report (annual, quarterly or monthly), gathered once for the PDF, the XLSX of
figures, `dzdesk stats` and the dashboard. Every count comes from the same queries as the rest of dzdesk."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import case, false, func, select
from sqlalchemy.orm import Session

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.severity import Severity
from dzdesk.domain.training import attendance_figures
from dzdesk.reports.figures import PeriodFigures, TrainingFigures, period_figures, training_figures
from dzdesk.reports.indicator_report import IndicatorMonth, gather_indicator_month
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.indicator_models import IndicatorValue
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.visit_models import Visit


@dataclass(frozen=True)
class IncidentLine:
    """One incident as the appendix lists it."""

    number: str
    reported_at: datetime
    severity: Severity
    platform: str
    module: str
    district: str
    title: str
    on_time: bool | None  # None: not answered yet, still within its deadline
    resolved: bool


@dataclass(frozen=True)
class TypicalCase:
    number: str
    title: str
    platform: str
    module: str
    severity: Severity
    reported_at: datetime
    description: str
    cause: str
    resolution: str
    lesson: str


@dataclass
class OperationsData:
    start: datetime
    end: datetime
    now: datetime
    platform: str | None
    platform_names: dict[str, str]
    figures: PeriodFigures
    trainings: TrainingFigures
    incidents_by_severity: Counter[str] = field(default_factory=Counter)
    incidents_by_platform: Counter[str] = field(default_factory=Counter)
    incidents_by_module: Counter[str] = field(default_factory=Counter)
    incidents_by_district: Counter[str] = field(default_factory=Counter)
    incidents_by_month: Counter[str] = field(default_factory=Counter)  # "2026-03"
    visits_by_district: Counter[str] = field(default_factory=Counter)
    visits_by_department: Counter[str] = field(default_factory=Counter)
    visits_by_category: Counter[str] = field(default_factory=Counter)
    visits: int = 0
    training_sessions: int = 0
    complaints_by_channel: Counter[str] = field(default_factory=Counter)
    availability: dict[str, tuple[int, int]] = field(default_factory=dict)  # platform -> (checks, failures)
    typical_cases: list[TypicalCase] = field(default_factory=list)
    incidents: list[IncidentLine] = field(default_factory=list)
    indicators: IndicatorMonth | None = None  # the period's latest month with indicator figures

    @property
    def empty(self) -> bool:
        return not (self.figures.incidents.total or self.visits or self.training_sessions
                    or self.figures.complaints.total or self.availability)

    def last_day(self) -> date:
        """The period's last day counted so far: its end (exclusive) less a moment, or today when it runs on; a
        period wholly in the future ends on its own last day."""
        end = self.end - timedelta(microseconds=1)
        last = end if self.now >= end or self.now < self.start else self.now
        return last.astimezone(SHANGHAI).date()

    def months(self) -> list[str]:
        """Every month of the period, so a quiet month shows as zero rather than vanishing from a chart."""
        first = self.start.astimezone(SHANGHAI)
        last = self.last_day()
        months, year, month = [], first.year, first.month
        while (year, month) <= (last.year, last.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def _platform_filter(column: object, platform: str | None) -> list[object]:
    return [] if platform is None else [column == platform]


def gather_operations(session: Session, catalogue: Catalogue, start: datetime, end: datetime, now: datetime,
                      platform: str | None = None) -> OperationsData:
    names = {p.code: p.short_name for p in catalogue.platforms}
    trainings = training_figures(session, start, end, now)
    if platform is not None:  # a one-platform report counts the sessions about that platform
        only = trainings.by_platform.get(platform, attendance_figures({}))
        trainings = TrainingFigures(only, {platform: only} if platform in trainings.by_platform else {},
                                    trainings.by_unit)
    data = OperationsData(start, end, now, platform, names, period_figures(session, start, end, now, platform),
                          trainings)
    _incidents(session, data)
    _visits(session, data)
    data.training_sessions = trainings.overall.sessions
    for channel, count in session.execute(
            select(Complaint.channel, func.count()).where(Complaint.deleted == false(), Complaint.received_at >= start,
                                                          Complaint.received_at < end).group_by(Complaint.channel)):
        data.complaints_by_channel[channel] = count
    _availability(session, data)
    _indicators(session, data, list(catalogue.districts))
    return data


def _indicators(session: Session, data: OperationsData, areas: list[str]) -> None:
    first = data.start.astimezone(SHANGHAI).strftime("%Y-%m")
    last = (min(data.end, data.now) - timedelta(microseconds=1)).astimezone(SHANGHAI).strftime("%Y-%m")
    latest = session.scalar(select(func.max(IndicatorValue.month)).where(
        IndicatorValue.deleted == false(), IndicatorValue.month >= first, IndicatorValue.month <= last))
    if latest is not None:
        data.indicators = gather_indicator_month(session, latest, areas)


def _incidents(session: Session, data: OperationsData) -> None:
    statement = (select(Incident.id, Incident.reported_at, Incident.severity, Incident.platform, Incident.module,
                        Incident.district, Incident.title, Incident.response_due, Incident.responded_at,
                        Incident.resolved_at)
                 .where(Incident.deleted == false(), Incident.reported_at >= data.start,
                        Incident.reported_at < data.end, *_platform_filter(Incident.platform, data.platform))
                 .order_by(Incident.reported_at, Incident.id))
    for row in session.execute(statement):
        severity = Severity(row.severity)
        data.incidents_by_severity[severity.value] += 1
        data.incidents_by_platform[row.platform] += 1
        data.incidents_by_module[f"{data.platform_names.get(row.platform, row.platform)}·{row.module or '未分模块'}"] \
            += 1
        data.incidents_by_district[row.district or "未注明区县"] += 1
        data.incidents_by_month[row.reported_at.astimezone(SHANGHAI).strftime("%Y-%m")] += 1
        if row.responded_at is not None:
            on_time: bool | None = row.responded_at <= row.response_due
        else:
            on_time = False if data.now > row.response_due else None
        data.incidents.append(IncidentLine(row.id[:8], row.reported_at, severity, row.platform, row.module,
                                           row.district, row.title, on_time, row.resolved_at is not None))
    data.typical_cases = typical_cases(session, data.start, data.end, data.platform)


def typical_cases(session: Session, start: datetime, end: datetime, platform: str | None = None) -> list[TypicalCase]:
    """The incidents marked typical that were reported in [start, end), oldest first."""
    typical = (select(Incident).where(Incident.deleted == false(), Incident.typical.is_(True),
                                      Incident.reported_at >= start, Incident.reported_at < end,
                                      *_platform_filter(Incident.platform, platform))
               .order_by(Incident.reported_at))
    return [TypicalCase(i.id[:8], i.title, i.platform, i.module, Severity(i.severity), i.reported_at,
                        i.description, i.cause, i.resolution, i.lesson) for i in session.scalars(typical)]


def _visits(session: Session, data: OperationsData) -> None:
    statement = select(Visit.district, Visit.department, Visit.categories, Visit.platforms).where(
        Visit.deleted == false(), Visit.arrived_at >= data.start, Visit.arrived_at < data.end)
    for district, department, categories, platforms in session.execute(statement):
        if data.platform is not None and data.platform not in platforms.split(","):
            continue
        data.visits += 1
        data.visits_by_district[district or "未注明区县"] += 1
        data.visits_by_department[department or "未注明科室"] += 1
        for code in (c for c in categories.split(",") if c):
            data.visits_by_category[code] += 1


def _availability(session: Session, data: OperationsData) -> None:
    """Checks and failures per platform outside maintenance, counted in the database (a year is 10⁵–10⁶ rows)."""
    statement = (select(ProbeTargetRecord.platform, func.count(),
                        func.sum(case((ProbeResult.ok.is_(False), 1), else_=0)))
                 .join(ProbeTargetRecord, ProbeTargetRecord.id == ProbeResult.target_id)
                 .where(ProbeResult.started_at >= data.start, ProbeResult.started_at < data.end,
                        ProbeResult.in_maintenance.is_(False),
                        *_platform_filter(ProbeTargetRecord.platform, data.platform))
                 .group_by(ProbeTargetRecord.platform))
    for platform, checks, failures in session.execute(statement):
        data.availability[platform] = (int(checks), int(failures or 0))

"""The figures of an operations report (annual, quarterly or monthly), gathered once for the PDF, the XLSX of
figures, `dzdesk stats` and the dashboard. Every count follows the same rules as the rest of dzdesk (the contract's
figures come from dzdesk.domain.metrics and dzdesk.domain.training, over the same records).

A year is tens of thousands of incidents and attendees and hundreds of thousands of probe results, so the period's
incidents are read once, as plain rows, for both the figures and the appendix, the probe results are read as plain
columns target by target (store.probe_history.observed_period), and everything else is counted in the database
(GROUP BY) rather than loaded as ORM objects.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import false, func, select
from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.metrics import IncidentFact
from dzdesk.domain.observed import ObservedFigures
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import MONTH_FORMAT, format_local, local_day, to_local
from dzdesk.domain.training import Attendance, attendance_figures
from dzdesk.reports.figures import PeriodFigures, TrainingFigures, figures_of, vantage_labels
from dzdesk.reports.indicator_report import IndicatorMonth, gather_indicator_month
from dzdesk.store.incident_models import Complaint, Incident, IncidentCorrection
from dzdesk.store.indicator_models import IndicatorValue
from dzdesk.store.probe_history import observed_period
from dzdesk.store.probe_repo import list_targets
from dzdesk.store.training_models import Attendee, Training
from dzdesk.store.visit_models import Visit

_SEVERITIES = {s.value: s for s in Severity}


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
    corrected: bool = False  # a time or the severity was corrected or entered late: see `corrections`


@dataclass(frozen=True)
class CorrectionLine:
    """A corrected or late-entered time (or a changed severity) of one of the period's faults, as the appendix
    lists it (`dzdesk.domain.corrections`)."""

    number: str
    title: str
    field: str
    old: str
    new: str
    late: bool
    who: str
    at: datetime


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


@dataclass(frozen=True)
class TargetAvailability:
    """One probe target's figures over observed time, as the availability chapter lists them."""

    name: str
    platform: str
    figures: ObservedFigures


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
    incidents_by_month_severity: Counter[tuple[str, str]] = field(default_factory=Counter)  # ("2026-03", "major")
    visits_by_district: Counter[str] = field(default_factory=Counter)
    visits_by_department: Counter[str] = field(default_factory=Counter)
    visits_by_category: Counter[str] = field(default_factory=Counter)
    visits: int = 0
    training_sessions: int = 0
    complaints_by_channel: Counter[str] = field(default_factory=Counter)
    # Over observed time, from every laptop's and watcher's results: per platform, and per target in board order.
    availability: dict[str, ObservedFigures] = field(default_factory=dict)
    target_availability: list[TargetAvailability] = field(default_factory=list)
    vantages: dict[str, str] = field(default_factory=dict)  # vantage name -> how the report names it
    typical_cases: list[TypicalCase] = field(default_factory=list)
    incidents: list[IncidentLine] = field(default_factory=list)
    corrections: list[CorrectionLine] = field(default_factory=list)
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
        return local_day(last)

    def months(self) -> list[str]:
        """Every month of the period, so a quiet month shows as zero rather than vanishing from a chart."""
        first = to_local(self.start)
        last = self.last_day()
        months, year, month = [], first.year, first.month
        while (year, month) <= (last.year, last.month):
            months.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months


def _platform_filter(column: object, platform: str | None) -> list[object]:
    return [] if platform is None else [column == platform]


def gather_operations(session: Session, catalogue: Catalogue, start: datetime, end: datetime, now: datetime,
                      platform: str | None = None, own_vantage: str = "") -> OperationsData:
    """The report's figures over [start, end) as of `now`. `own_vantage` names this laptop's probe results not sent
    yet; every other figure comes from records and results every synced laptop holds alike."""
    names = {p.code: p.short_name for p in catalogue.platforms}
    trainings = _training_figures(session, start, end, now)
    if platform is not None:  # a one-platform report counts the sessions about that platform
        only = trainings.by_platform.get(platform, attendance_figures({}))
        trainings = TrainingFigures(only, {platform: only} if platform in trainings.by_platform else {},
                                    trainings.by_unit)
    rows = _incident_rows(session, start, end, platform)
    data = OperationsData(start, end, now, platform, names, _period_figures(session, rows, start, end, now),
                          trainings)
    _incidents(session, data, rows)
    _visits(session, data)
    data.training_sessions = trainings.overall.sessions
    for channel, count in session.execute(
            select(Complaint.channel, func.count()).where(Complaint.deleted == false(), Complaint.received_at >= start,
                                                          Complaint.received_at < end).group_by(Complaint.channel)):
        data.complaints_by_channel[channel] = count
    _availability(session, data, own_vantage)
    _indicators(session, data, list(catalogue.districts))
    return data


def _training_figures(session: Session, start: datetime, end: datetime, now: datetime) -> TrainingFigures:
    """reports.figures.training_figures (the sessions held in [start, end) before `now`, their attendees not
    deleted) counted in the database: a year's tens of thousands of attendees would otherwise be loaded as ORM
    objects only to be counted."""
    held = (Training.deleted == false(), Training.starts_at >= start, Training.starts_at < end,
            Training.starts_at <= now)
    sessions = dict(session.execute(select(Training.id, Training.platforms).where(*held)).all())
    overall: dict[str, list[Attendance]] = {training: [] for training in sessions}
    units: dict[str, dict[str, list[Attendance]]] = defaultdict(dict)
    counted = (select(Attendee.training_id, Attendee.unit, Attendee.status, func.count())
               .join(Training, Training.id == Attendee.training_id)
               .where(*held, Attendee.deleted == false())
               .group_by(Attendee.training_id, Attendee.unit, Attendee.status))
    for training, unit, status, count in session.execute(counted):
        people = [Attendance(status)] * count
        overall[training].extend(people)
        units[unit or "—"].setdefault(training, []).extend(people)
    platforms: dict[str, dict[str, list[Attendance]]] = defaultdict(dict)
    for training, codes in sessions.items():
        for code in (c for c in codes.split(",") if c):
            platforms[code][training] = overall[training]
    return TrainingFigures(
        overall=attendance_figures(overall),
        by_platform={code: attendance_figures(held) for code, held in sorted(platforms.items())},
        by_unit={unit: attendance_figures(held) for unit, held in sorted(units.items())},
    )


def _incident_rows(session: Session, start: datetime, end: datetime, platform: str | None) -> list[Row]:
    """The period's incidents in time order, as plain rows: read once for the figures and for the appendix (the
    filter of store.incident_queries.incident_facts, which `dzdesk stats` counts)."""
    statement = (select(Incident.id, Incident.reported_at, Incident.severity, Incident.platform, Incident.module,
                        Incident.district, Incident.title, Incident.response_due, Incident.responded_at,
                        Incident.resolved_at)
                 .where(Incident.deleted == false(), Incident.reported_at >= start, Incident.reported_at < end,
                        *_platform_filter(Incident.platform, platform))
                 .order_by(Incident.reported_at, Incident.id))
    return list(session.connection().execute(statement))


def _period_figures(session: Session, rows: list[Row], start: datetime, end: datetime,
                    now: datetime) -> PeriodFigures:
    """reports.figures.period_figures over incident rows already read: the same facts, the same functions."""
    facts = [IncidentFact(row.platform, _SEVERITIES[row.severity], row.reported_at, row.response_due,
                          row.responded_at, row.resolved_at) for row in rows]
    return figures_of(session, facts, start, end, now)


def _indicators(session: Session, data: OperationsData, areas: list[str]) -> None:
    first = format_local(data.start, MONTH_FORMAT)
    last = format_local(min(data.end, data.now) - timedelta(microseconds=1), MONTH_FORMAT)
    latest = session.scalar(select(func.max(IndicatorValue.month)).where(
        IndicatorValue.deleted == false(), IndicatorValue.month >= first, IndicatorValue.month <= last))
    if latest is not None:
        data.indicators = gather_indicator_month(session, latest, areas)


def _incidents(session: Session, data: OperationsData, rows: list[Row]) -> None:
    """The breakdowns (each counted in one C-level Counter pass over its keys) and the appendix's lines."""
    starts = _month_starts(data)
    labels = [format_local(moment, MONTH_FORMAT) for moment in starts]
    boundaries = [moment.astimezone(UTC) for moment in starts]  # as the rows' times: compared without conversion
    months = [labels[bisect_right(boundaries, row.reported_at) - 1] for row in rows]
    severities = [_SEVERITIES[row.severity] for row in rows]
    values = [severity.value for severity in severities]
    names = data.platform_names
    data.incidents_by_severity.update(values)
    data.incidents_by_platform.update(row.platform for row in rows)
    data.incidents_by_module.update(f"{names.get(row.platform, row.platform)}·{row.module or '未分模块'}"
                                    for row in rows)
    data.incidents_by_district.update(row.district or "未注明区县" for row in rows)
    data.incidents_by_month.update(months)
    data.incidents_by_month_severity.update(zip(months, values, strict=True))
    now = data.now
    data.corrections = _corrections(session, data)
    corrected = {line.number for line in data.corrections}
    for row, severity in zip(rows, severities, strict=True):
        if row.responded_at is not None:
            on_time: bool | None = row.responded_at <= row.response_due
        else:
            on_time = False if now > row.response_due else None
        data.incidents.append(IncidentLine(row.id[:8], row.reported_at, severity, row.platform, row.module,
                                           row.district, row.title, on_time, row.resolved_at is not None,
                                           row.id[:8] in corrected))
    data.typical_cases = typical_cases(session, data.start, data.end, data.platform)


def _corrections(session: Session, data: OperationsData) -> list[CorrectionLine]:
    """The corrected and late-entered times of the period's faults (those the appendix lists), in the order the
    faults were reported and each fault's corrections were made."""
    statement = (select(Incident.id, Incident.title, IncidentCorrection.field, IncidentCorrection.old_value,
                        IncidentCorrection.new_value, IncidentCorrection.late, IncidentCorrection.author,
                        IncidentCorrection.at)
                 .join(Incident, Incident.id == IncidentCorrection.incident_id)
                 .where(Incident.deleted == false(), IncidentCorrection.deleted == false(),
                        Incident.reported_at >= data.start, Incident.reported_at < data.end,
                        *_platform_filter(Incident.platform, data.platform))
                 .order_by(Incident.reported_at, Incident.id, IncidentCorrection.at, IncidentCorrection.id))
    return [CorrectionLine(row.id[:8], row.title, row.field, row.old_value, row.new_value, row.late, row.author,
                           row.at) for row in session.execute(statement)]


def _month_starts(data: OperationsData) -> list[datetime]:
    """The Shanghai midnights that begin each month of the period (the first one at or before its start), for
    placing a time in its month by bisection rather than converting every time to local time."""
    first = to_local(data.start)
    year, month = first.year, first.month
    starts = []
    while True:
        moment = datetime(year, month, 1, tzinfo=SHANGHAI)
        if moment >= data.end:
            return starts or [moment]
        starts.append(moment)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


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
    for district, department, categories, platforms in session.connection().execute(statement):
        if data.platform is not None and data.platform not in platforms.split(","):
            continue
        data.visits += 1
        data.visits_by_district[district or "未注明区县"] += 1
        data.visits_by_department[department or "未注明科室"] += 1
        for code in (c for c in categories.split(",") if c):
            data.visits_by_category[code] += 1


def _availability(session: Session, data: OperationsData, own_vantage: str) -> None:
    """Availability and coverage over the observed time of the period so far, per platform and per target: a year
    is 10⁵–10⁶ results, read as plain columns one target at a time (see store.probe_history.observed_period)."""
    end = min(data.end, data.now)
    if end <= data.start:
        return
    observed = observed_period(session, data.start, end, platform=data.platform, own_vantage=own_vantage)
    if not observed.platforms:
        return
    data.availability = dict(observed.platforms)
    records = {record.id: record for record in list_targets(session)}
    data.target_availability = [TargetAvailability(records[target_id].name, records[target_id].platform, figures)
                                for target_id, figures in observed.targets.items()]
    data.vantages = vantage_labels(session)

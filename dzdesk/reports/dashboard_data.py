"""What the dashboard (工作台) shows, gathered headless with the same metrics rules as the reports and `dzdesk stats`.

The gathering runs on a worker every time a shown table changes (a probe sweep, a save, a pull), while the window
keeps painting; so it counts in SQL and reads only what is shown: the contract's figures are sums per month (one
grouped statement for the year and the last twelve months, never one Python object per fault), the unanswered
faults are the first few by deadline plus a count, and the probe board is one tile per target.

The rules here read through a `Reader` and import no SQLAlchemy; the statements are `dashboard_statements`'.
Through a session (`gather_dashboard`) they are read as everywhere else; at start-up the window reads them with
`sqlite3` (`dashboard_plain`) while SQLAlchemy is still being imported, and shows its first page that much sooner.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dzdesk.domain.metrics import ComplaintFact, ComplaintFigures, IncidentFigures, Rate, complaint_figures
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import day_range, month_range, to_local, year_range
from dzdesk.probes.board_rules import Tile, TileLook, tiles_of
from dzdesk.store.plain_reader import Reader

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.orm import Session

AHEAD = timedelta(days=14)
OPEN_SHOWN = 12
TREND_MONTHS = 12
MONTHS_READ = 12 + TREND_MONTHS - 1  # in January: last February to this December
FOLLOW_UPS_SHOWN = 20
TRAININGS_SHOWN = 10
# Looks that mean a target is not answering as it should right now.
TROUBLE = (TileLook.DOWN, TileLook.FAILING)


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
class ContractFigures:
    """A period's figures against the contract: the same numbers `period_figures` gives, counted in SQL."""

    start: datetime
    end: datetime
    incidents: IncidentFigures
    complaints: ComplaintFigures


@dataclass(frozen=True)
class Trouble:
    """A probe target down and since when (None when not known), or failing, not confirmed down yet."""

    name: str
    look: TileLook
    since: datetime | None


@dataclass(frozen=True)
class CertExpiry:
    """One certificate expiring soon and the targets that present it (the sites of one host share theirs)."""

    not_after: datetime
    days_left: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Agenda:
    """Visits and training sessions of today and of this week (Monday to Sunday), Asia/Shanghai."""

    visits_today: int
    visits_week: int
    trainings_today: int
    trainings_week: int


@dataclass(frozen=True)
class DashboardData:
    month: ContractFigures
    year: ContractFigures
    trend: list[ContractFigures]  # the last TREND_MONTHS months, oldest first, this month last
    unanswered: list[OpenIncident]  # nearest deadline first
    unanswered_total: int
    unanswered_overdue: int  # of unanswered_total, past their deadline when gathered
    target_count: int  # probe targets kept (enabled or not)
    probe_counts: Counter[TileLook]
    down_targets: list[str]
    trouble: list[Trouble]  # down first, then failing
    last_probed: datetime | None  # the freshest result of any target: "all normal" is only as good as this
    certificates: list[CertExpiry]  # expiring soonest first, expired ones included
    agenda: Agenda
    trainings: list[Upcoming]
    follow_ups: list[Upcoming]
    pending_changes: int


def gather_dashboard(session: Session, now: datetime, cert_warning_days: int,
                     keep_statements_in: Path | None = None) -> DashboardData:
    """The dashboard read through `session`; with `keep_statements_in`, its statements are kept there as SQLite
    text for the window's next start (`dashboard_plain`), unless what is kept already serves."""
    # The statements need SQLAlchemy, and whoever has a session has it; the rules and the plain reading do not.
    from dzdesk.reports.dashboard_statements import keep_first_page_statements, session_reader

    data = dashboard_of(session_reader(session), now, cert_warning_days)
    if keep_statements_in is not None:
        keep_first_page_statements(session, keep_statements_in)
    return data


def dashboard_of(reader: Reader, now: datetime, cert_warning_days: int) -> DashboardData:
    local = to_local(now)
    months = _months(local.year, local.month)
    figures = contract_figures(reader, months, now)
    by_start = dict(zip((start for start, _end in months), figures, strict=True))
    year_start, year_end = year_range(local.year)
    month_start, _month_end = month_range(local.year, local.month)
    year = _total([f for f in figures if year_start <= f.start < year_end], year_start, year_end)
    trend = [f for f in figures if f.start <= month_start][-TREND_MONTHS:]

    unanswered = [OpenIncident(row_id, title, Severity(severity), platform, response_due)
                  for row_id, title, severity, platform, response_due in reader.rows("dashboard.unanswered")]
    ((unanswered_total, unanswered_overdue),) = reader.rows("dashboard.unanswered_counts", now=now)

    tiles = tiles_of(reader, now, cert_warning_days)
    # A failing target is still up: its state's "since" is when it came up, not when the failures began.
    trouble = sorted((Trouble(t.target.name, t.look, t.since if t.look is TileLook.DOWN else None)
                      for t in tiles if t.look in TROUBLE),
                     key=lambda t: (TROUBLE.index(t.look), t.since is None, t.since or now, t.name))
    certificates = _certificates(tiles, cert_warning_days)

    trainings = reader.rows("dashboard.trainings", now=now, horizon=now + AHEAD)
    follow_ups = reader.rows("dashboard.follow_ups", due_by=(local + AHEAD).date())
    ((pending,),) = reader.rows("dashboard.pending_changes")
    return DashboardData(
        month=by_start[month_start], year=year, trend=trend,
        unanswered=unanswered, unanswered_total=unanswered_total, unanswered_overdue=int(unanswered_overdue),
        target_count=len(tiles),
        probe_counts=Counter(t.look for t in tiles),
        down_targets=[t.name for t in trouble if t.look is TileLook.DOWN],
        trouble=trouble, certificates=certificates,
        last_probed=max((t.last_at for t in tiles if t.last_at is not None), default=None),
        agenda=agenda(reader, local.date()),
        trainings=[Upcoming(at, f"{title}（{venue}）" if venue else title, False) for at, title, venue in trainings],
        follow_ups=[Upcoming(due, f"{office}：{text}", due < local.date()) for due, text, office in follow_ups],
        pending_changes=pending or 0,
    )


def _certificates(tiles: list[Tile], within_days: int) -> list[CertExpiry]:
    """The certificates of enabled targets expiring within `within_days` (or expired), soonest first; targets
    presenting the same certificate (same expiry, same issuer) share one entry."""
    shared: dict[tuple[datetime, str], list[Tile]] = {}
    for tile in tiles:
        if tile.target.enabled and tile.cert_not_after is not None and tile.cert_days_left is not None \
                and tile.cert_days_left <= within_days:
            shared.setdefault((tile.cert_not_after, tile.cert_issuer), []).append(tile)
    expiring = [CertExpiry(not_after, group[0].cert_days_left or 0, tuple(sorted(t.target.name for t in group)))
                for (not_after, _issuer), group in shared.items()]
    return sorted(expiring, key=lambda c: (c.not_after, c.names))


def _months(year: int, month: int) -> list[tuple[datetime, datetime]]:
    """The local months from the earlier of January and eleven months ago to December: the year's figures and the
    trend come from the same sums."""
    first_year, first_month = divmod(year * 12 + month - 1 - (TREND_MONTHS - 1), 12)
    start = min((first_year, first_month + 1), (year, 1))
    months = []
    y, m = start
    while (y, m) <= (year, 12):
        months.append(month_range(y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def contract_figures(reader: Reader, months: list[tuple[datetime, datetime]], now: datetime) -> list[ContractFigures]:
    """Each consecutive month's figures: faults summed in one grouped statement, complaints (a few a month) by the
    metrics' own rule. The counting follows `dzdesk.domain.metrics.incident_figures` exactly."""
    first, last = months[0][0], months[-1][1]
    # Month i holds the faults reported before its end and not before an earlier month's: the statement takes
    # MONTHS_READ - 1 ends, and those past the last month's are the last month's end (nothing falls there).
    ends = [end for _start, end in months[:-1]] + [last] * (MONTHS_READ - len(months))
    rows = reader.rows("dashboard.faults_by_month", first=first, last=last, now=now,
                       **{f"end_{i}": end for i, end in enumerate(ends)})
    sums = {index: rest for index, *rest in rows}
    complaints: list[list[ComplaintFact]] = [[] for _ in months]
    index = 0
    for received, replied in reader.rows("dashboard.complaints", first=first, last=last):
        while received >= months[index][1]:
            index += 1
        complaints[index].append(ComplaintFact(received, replied))
    return [ContractFigures(start, end, _incident_figures(*sums.get(i, (0, 0, 0, 0, 0, 0))),
                            complaint_figures(complaints[i], now))
            for i, (start, end) in enumerate(months)]


def _incident_figures(total: int, responded: int, on_time: int, late: int, late_unanswered: int,
                      resolved: int) -> IncidentFigures:
    breached = late + late_unanswered
    return IncidentFigures(total, responded, on_time, breached, resolved,
                           timeliness=Rate(on_time, responded + late_unanswered), completion=Rate(resolved, total))


def _total(parts: list[ContractFigures], start: datetime, end: datetime) -> ContractFigures:
    """The sum of consecutive periods' figures: counts add, and so do the numerators and denominators of rates."""
    def incidents_sum(name: str) -> int:
        return sum(getattr(p.incidents, name) for p in parts)

    def rate_sum(rates: list[Rate]) -> Rate:
        return Rate(sum(r.numerator for r in rates), sum(r.denominator for r in rates))

    incidents = IncidentFigures(
        incidents_sum("total"), incidents_sum("responded"), incidents_sum("responded_on_time"),
        incidents_sum("breached"), incidents_sum("resolved"),
        timeliness=rate_sum([p.incidents.timeliness for p in parts]),
        completion=rate_sum([p.incidents.completion for p in parts]))
    complaints = ComplaintFigures(
        sum(p.complaints.total for p in parts), sum(p.complaints.replied for p in parts),
        sum(p.complaints.overdue for p in parts), rate_sum([p.complaints.on_time for p in parts]))
    return ContractFigures(start, end, incidents, complaints)


def agenda(reader: Reader, today: date) -> Agenda:
    """Counted in SQL: four numbers, however many visits the year holds."""
    day_start, day_end = day_range(today, today)
    monday = today - timedelta(days=today.weekday())
    week_start, week_end = day_range(monday, monday + timedelta(days=6))
    bounds = {"day_start": day_start, "day_end": day_end, "week_start": week_start, "week_end": week_end}
    ((visits_today, visits_week),) = reader.rows("dashboard.visits_agenda", **bounds)
    ((trainings_today, trainings_week),) = reader.rows("dashboard.trainings_agenda", **bounds)
    return Agenda(int(visits_today or 0), int(visits_week or 0), int(trainings_today or 0), int(trainings_week or 0))

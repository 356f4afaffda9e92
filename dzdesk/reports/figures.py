"""The figures of a period, gathered once for the dashboard, `dzdesk stats` and the reports alike, and the words
the reports state availability over observed time in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import false, select
from sqlalchemy.orm import Session, selectinload

from dzdesk.domain.metrics import (
    ComplaintFigures,
    IncidentFact,
    IncidentFigures,
    complaint_figures,
    incident_figures,
    incident_figures_by,
)
from dzdesk.domain.observed import ObservedFigures
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_duration, iso_local
from dzdesk.domain.training import Attendance, AttendanceFigures, attendance_figures
from dzdesk.domain.vantage import vantage_kind
from dzdesk.store.incident_queries import complaint_facts, incident_facts
from dzdesk.store.training_models import Training
from dzdesk.store.vantages import known_vantages


@dataclass(frozen=True)
class PeriodFigures:
    start: datetime
    end: datetime
    now: datetime
    incidents: IncidentFigures
    by_platform: dict[str, IncidentFigures]
    by_severity: dict[str, IncidentFigures]
    complaints: ComplaintFigures

    def as_json(self) -> dict[str, Any]:
        return {
            "from": iso_local(self.start),
            "to": iso_local(self.end),
            "as_of": iso_local(self.now),
            **_incident_json(self.incidents),
            "by_platform": {k: _incident_json(v) for k, v in sorted(self.by_platform.items())},
            "by_severity": {k: _incident_json(v) for k, v in self.by_severity.items()},
            "complaints": self.complaints.total,
            "complaints_replied": self.complaints.replied,
            "complaints_overdue": self.complaints.overdue,
            "complaints_on_time": self.complaints.on_time.value,
        }


def _incident_json(figures: IncidentFigures) -> dict[str, Any]:
    return {
        "incidents": figures.total,
        "responded": figures.responded,
        "responded_on_time": figures.responded_on_time,
        "breached": figures.breached,
        "resolved": figures.resolved,
        "response_timeliness": figures.timeliness.value,
        "completion_rate": figures.completion.value,
    }


def period_figures(session: Session, start: datetime, end: datetime, now: datetime,
                   platform: str | None = None) -> PeriodFigures:
    return figures_of(session, incident_facts(session, start, end, platform), start, end, now)


def figures_of(session: Session, facts: list[IncidentFact], start: datetime, end: datetime,
               now: datetime) -> PeriodFigures:
    """The period's figures from incident facts already read (the annual report reads its rows once)."""
    severities = incident_figures_by(facts, lambda f: f.severity, now)
    return PeriodFigures(
        start=start, end=end, now=now,
        incidents=incident_figures(facts, now),
        by_platform=incident_figures_by(facts, lambda f: f.platform, now),
        by_severity={s.value: severities[s] for s in Severity if s in severities},
        complaints=complaint_figures(complaint_facts(session, start, end), now),
    )


@dataclass(frozen=True)
class TrainingFigures:
    overall: AttendanceFigures
    by_platform: dict[str, AttendanceFigures]
    by_unit: dict[str, AttendanceFigures]


def training_figures(session: Session, start: datetime, end: datetime, now: datetime) -> TrainingFigures:
    """Attendance at the sessions held in [start, end) before `now` (planned ones have nobody to count yet)."""
    trainings = session.scalars(select(Training).where(
        Training.deleted == false(), Training.starts_at >= start, Training.starts_at < end,
        Training.starts_at <= now).options(selectinload(Training.attendees))).all()
    overall: dict[str, list[Attendance]] = {}
    platforms: dict[str, dict[str, list[Attendance]]] = defaultdict(dict)
    units: dict[str, dict[str, list[Attendance]]] = defaultdict(dict)
    for training in trainings:
        people = [a for a in training.attendees if not a.deleted]
        statuses = [Attendance(a.status) for a in people]
        overall[training.id] = statuses
        for code in (c for c in training.platforms.split(",") if c):
            platforms[code][training.id] = statuses
        for attendee in people:
            units[attendee.unit or "—"].setdefault(training.id, []).append(Attendance(attendee.status))
    return TrainingFigures(
        overall=attendance_figures(overall),
        by_platform={code: attendance_figures(sessions) for code, sessions in sorted(platforms.items())},
        by_unit={unit: attendance_figures(sessions) for unit, sessions in sorted(units.items())},
    )


# --- availability over observed time, as every report words it ---------------------------------------------------

AVAILABILITY = "可用率"
COVERAGE = "观测覆盖率"
NO_DATA = "无数据"
SOURCES = "观测来源"
COVERAGE_GOAL = 0.95  # below this the report says how much of the period was not observed
OWN_UNSENT_ZH = "本机（结果尚未上传）"  # this laptop's results before they are sent carry no vantage name yet
SOURCES_NOTE = "百分比为各观测点单独观测到的时间占期间（扣除维护窗口）的比例；观测来源相同的巡检目标合为一行。"
OBSERVED_RULE = (f"{AVAILABILITY}按观测到的时间计算：任一观测点检测正常的时间计为可用，所有观测点均检测失败的时间计为"
                 f"不可用；{COVERAGE}为观测到的时间占统计期间（扣除维护窗口）的比例。没有任何观测点巡检的时间记为"
                 f"{NO_DATA}，既不计为可用，也不计为不可用。")


def availability_pct(figures: ObservedFigures) -> str:
    value = figures.availability
    return "—" if value is None else f"{value * 100:.2f}%"


def coverage_pct(figures: ObservedFigures) -> str:
    value = figures.coverage
    return "—" if value is None else f"{value * 100:.1f}%"


def no_data_text(figures: ObservedFigures) -> str:
    return format_duration(timedelta(seconds=round(figures.no_data_s)), " 天 ")


def low_coverage(figures: ObservedFigures) -> bool:
    return figures.coverage is not None and figures.coverage < COVERAGE_GOAL


def no_data_note(name: str, figures: ObservedFigures) -> str:
    """What a low coverage means, in words: the rest of the period was not watched, so it is not known to be up."""
    rest = 1 - (figures.coverage or 0.0)
    return (f"{name}{COVERAGE} {coverage_pct(figures)}：其余 {rest * 100:.1f}%（{no_data_text(figures)}）没有观测点"
            f"在巡检，为{NO_DATA}，{AVAILABILITY} {availability_pct(figures)} 只代表被观测的时间。")


def vantage_labels(session: Session) -> dict[str, str]:
    """Each laptop and watcher of the team named for a report ("值守程序 watch@idc（机房专线）"), as the hub told."""
    labels = {"": OWN_UNSENT_ZH}
    for seen in known_vantages(session):
        known = vantage_kind(seen.kind)
        kind = known.label_zh if known is not None else seen.kind
        labels[seen.vantage] = f"{kind} {seen.vantage}" + (f"（{seen.network}）" if seen.network else "")
    return labels


def sources_text(figures: ObservedFigures, labels: Mapping[str, str], separator: str = "；") -> str:
    """Where a target was seen from, briefly: each vantage point and the share of the period it observed alone."""
    shares = [(figures.vantage_coverage(name) or 0.0, name) for name, seconds in figures.by_vantage.items()
              if seconds > 0]
    shares.sort(key=lambda share: (-share[0], share[1]))
    return separator.join(f"{labels.get(name, name)} {share * 100:.1f}%" for share, name in shares) or NO_DATA


def sources_rows(targets: Iterable[tuple[str, ObservedFigures]], labels: Mapping[str, str]) -> list[list[str]]:
    """(where seen from, which targets) rows: targets seen from the same vantage points in the same shares share a
    row, so a team that sweeps every target alike reads one line rather than one per target. Each vantage point
    has a line of its own in the cell."""
    grouped: dict[str, list[str]] = {}
    for name, figures in targets:
        grouped.setdefault(sources_text(figures, labels, "\n"), []).append(name)
    return [[text, "、".join(names)] for text, names in grouped.items()]

"""The figures of a period, gathered once for the dashboard, `dzdesk stats` and the reports alike."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import false, select
from sqlalchemy.orm import Session, selectinload

from dzdesk.domain.metrics import (
    ComplaintFigures,
    IncidentFact,
    IncidentFigures,
    Rate,
    complaint_figures,
    incident_figures,
    incident_figures_by,
)
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import iso_local
from dzdesk.domain.training import Attendance, AttendanceFigures, attendance_figures
from dzdesk.store.incident_queries import complaint_facts, incident_facts
from dzdesk.store.training_models import Training


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


def percent(rate: Rate) -> str:
    value = rate.value
    return "—" if value is None else f"{value * 100:.1f} %"


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

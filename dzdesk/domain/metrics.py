"""The contract's figures, computed once here for the UI, the CLI and the reports alike.

- Response timeliness: faults answered by their deadline / faults answered or already past their deadline.
- Completion: faults resolved / all faults.
- Complaints on time: complaints answered within a week / complaints answered or already past the week.
Rates are fractions 0–1, or None when nothing counts yet (a rate of an empty set is not 100 %).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from dzdesk.domain.complaint import reply_due
from dzdesk.domain.severity import Severity

TIMELINESS_COMMITMENT = 0.95
COMPLETION_COMMITMENT = 1.0
COMPLAINTS_COMMITMENT = 1.0

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None

    def meets(self, commitment: float) -> bool | None:
        value = self.value
        return None if value is None else value >= commitment - 1e-12


def percent(rate: Rate) -> str:
    value = rate.value
    return "—" if value is None else f"{value * 100:.1f} %"


@dataclass(frozen=True)
class IncidentFact:
    """What the figures need of one incident; `response_due` is the deadline stored with it."""

    platform: str
    severity: Severity
    reported_at: datetime
    response_due: datetime
    responded_at: datetime | None
    resolved_at: datetime | None


@dataclass(frozen=True)
class IncidentFigures:
    total: int
    responded: int
    responded_on_time: int
    breached: int
    resolved: int
    timeliness: Rate
    completion: Rate


def incident_figures(facts: Iterable[IncidentFact], now: datetime) -> IncidentFigures:
    total = responded = on_time = breached = resolved = counted = 0
    for fact in facts:
        total += 1
        if fact.responded_at is not None:
            responded += 1
            counted += 1
            if fact.responded_at <= fact.response_due:
                on_time += 1
            else:
                breached += 1
        elif now > fact.response_due:
            counted += 1
            breached += 1
        if fact.resolved_at is not None:
            resolved += 1
    return IncidentFigures(total, responded, on_time, breached, resolved,
                           timeliness=Rate(on_time, counted), completion=Rate(resolved, total))


def incident_figures_by(facts: Iterable[IncidentFact], key: Callable[[IncidentFact], K],
                        now: datetime) -> dict[K, IncidentFigures]:
    groups: dict[K, list[IncidentFact]] = defaultdict(list)
    for fact in facts:
        groups[key(fact)].append(fact)
    return {k: incident_figures(group, now) for k, group in groups.items()}


@dataclass(frozen=True)
class ComplaintFact:
    received_at: datetime
    replied_at: datetime | None


@dataclass(frozen=True)
class ComplaintFigures:
    total: int
    replied: int
    overdue: int
    on_time: Rate


def complaint_figures(facts: Iterable[ComplaintFact], now: datetime) -> ComplaintFigures:
    total = replied = on_time = counted = overdue = 0
    for fact in facts:
        total += 1
        due = reply_due(fact.received_at)
        if fact.replied_at is not None:
            replied += 1
            counted += 1
            if fact.replied_at <= due:
                on_time += 1
            else:
                overdue += 1
        elif now > due:
            counted += 1
            overdue += 1
    return ComplaintFigures(total, replied, overdue, Rate(on_time, counted))

"""Incidents (故障): their life cycle and the rules a record must satisfy before it is saved.

The contract asks for every problem to be recorded with cause, content, whether solved, response and resolution
time; these rules refuse a record that could not prove that, and say what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from itertools import pairwise

from dzdesk.domain.labels import Labelled, set_labels
from dzdesk.domain.severity import Severity

# A report time a little ahead of this machine's clock is tolerated (another engineer's clock may run fast).
CLOCK_SKEW = timedelta(minutes=5)


class Channel(Labelled):
    PHONE = "phone"
    WECHAT = "wechat"
    EMAIL = "email"
    ON_SITE = "on_site"
    PROBE = "probe"


set_labels(Channel, {
    Channel.PHONE: ("电话", "Phone"),
    Channel.WECHAT: ("微信群", "WeChat group"),
    Channel.EMAIL: ("电子邮件", "Email"),
    Channel.ON_SITE: ("现场", "On site"),
    Channel.PROBE: ("巡检发现", "Health probe"),
})


class Status(Labelled):
    NEW = "new"
    RESPONDED = "responded"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"


set_labels(Status, {
    Status.NEW: ("新建", "New"),
    Status.RESPONDED: ("已响应", "Responded"),
    Status.IN_PROGRESS: ("处理中", "In progress"),
    Status.RESOLVED: ("已解决", "Resolved"),
    Status.CLOSED: ("已关闭", "Closed"),
})

OPEN_STATUSES = frozenset({Status.NEW, Status.RESPONDED, Status.IN_PROGRESS})

# Forward along the life cycle, or back to work ("reopen") from resolved or closed.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.RESPONDED}),
    Status.RESPONDED: frozenset({Status.IN_PROGRESS, Status.RESOLVED}),
    Status.IN_PROGRESS: frozenset({Status.RESOLVED}),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.IN_PROGRESS}),
    Status.CLOSED: frozenset({Status.IN_PROGRESS}),
}


class IncidentProblem(StrEnum):
    """Each way an incident can be impossible; the value is the English message, the UI translates by member."""

    TITLE_MISSING = "Give the fault a title."
    PLATFORM_UNKNOWN = "Choose the platform: credit or approval."
    MODULE_UNKNOWN = "The module is not one of the platform's modules."
    REPORTED_IN_FUTURE = "The report time is in the future."
    RESPONDED_BEFORE_REPORTED = "The response time is before the report time."
    RESOLVED_BEFORE_RESPONDED = "The resolution time is before the response time."
    RESOLVED_WITHOUT_RESPONSE = "A fault cannot be resolved before it was responded to: enter the response time."
    CAUSE_MISSING = "A resolved fault needs its cause."
    RESOLUTION_MISSING = "A resolved fault needs its resolution (what was done)."
    CLOSED_BEFORE_RESOLVED = "The closing time is before the resolution time."
    CLOSED_WITHOUT_RESOLUTION = "A fault can only be closed after it was resolved."
    TIME_IN_FUTURE = "The response, resolution or closing time is in the future."
    PAUSE_ENDS_BEFORE_START = "A waiting period ends before it starts."
    PAUSE_BEFORE_RESPONSE = "Waiting on others can only be recorded after the fault was responded to."
    PAUSE_OUTSIDE_WORK = "A waiting period must lie between the response and the resolution."
    PAUSES_OVERLAP = "Two waiting periods overlap; one period of waiting is recorded once."


class TransitionError(ValueError):
    pass


def check_transition(current: Status, target: Status) -> None:
    if target not in TRANSITIONS[current]:
        raise TransitionError(f"an incident cannot go from {current.value} to {target.value}")


@dataclass(frozen=True)
class Pause:
    """Time spent waiting on the customer or a third party; `end` None while still waiting."""

    start: datetime
    end: datetime | None = None
    reason: str = ""


@dataclass(frozen=True)
class IncidentFacts:
    """What the rules look at, independent of how the record is stored."""

    title: str
    platform: str
    module: str
    severity: Severity
    reported_at: datetime
    responded_at: datetime | None = None
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    cause: str = ""
    resolution: str = ""
    pauses: tuple[Pause, ...] = field(default_factory=tuple)


def incident_problems(facts: IncidentFacts, now: datetime, platform_modules: dict[str, tuple[str, ...]]
                      ) -> list[IncidentProblem]:
    found: list[IncidentProblem] = []
    if not facts.title.strip():
        found.append(IncidentProblem.TITLE_MISSING)
    if facts.platform not in platform_modules:
        found.append(IncidentProblem.PLATFORM_UNKNOWN)
    elif facts.module and facts.module not in platform_modules[facts.platform]:
        found.append(IncidentProblem.MODULE_UNKNOWN)
    if facts.reported_at > now + CLOCK_SKEW:
        found.append(IncidentProblem.REPORTED_IN_FUTURE)
    if any(t is not None and t > now + CLOCK_SKEW for t in (facts.responded_at, facts.resolved_at, facts.closed_at)):
        found.append(IncidentProblem.TIME_IN_FUTURE)
    if facts.responded_at is not None and facts.responded_at < facts.reported_at:
        found.append(IncidentProblem.RESPONDED_BEFORE_REPORTED)
    if facts.resolved_at is not None:
        if facts.responded_at is None:
            found.append(IncidentProblem.RESOLVED_WITHOUT_RESPONSE)
        elif facts.resolved_at < facts.responded_at:
            found.append(IncidentProblem.RESOLVED_BEFORE_RESPONDED)
        if not facts.cause.strip():
            found.append(IncidentProblem.CAUSE_MISSING)
        if not facts.resolution.strip():
            found.append(IncidentProblem.RESOLUTION_MISSING)
    if facts.closed_at is not None:
        if facts.resolved_at is None:
            found.append(IncidentProblem.CLOSED_WITHOUT_RESOLUTION)
        elif facts.closed_at < facts.resolved_at:
            found.append(IncidentProblem.CLOSED_BEFORE_RESOLVED)
    found.extend(_pause_problems(facts))
    return list(dict.fromkeys(found))


def _pause_problems(facts: IncidentFacts) -> list[IncidentProblem]:
    """Waiting only counts against the resolution, after the response (the response deadline never pauses)."""
    found: list[IncidentProblem] = []
    if facts.pauses and facts.responded_at is None:
        found.append(IncidentProblem.PAUSE_BEFORE_RESPONSE)
    for pause in facts.pauses:
        if pause.end is not None and pause.end < pause.start:
            found.append(IncidentProblem.PAUSE_ENDS_BEFORE_START)
        if (facts.responded_at is not None and pause.start < facts.responded_at) or (
                facts.resolved_at is not None and (pause.end is None or pause.end > facts.resolved_at)):
            found.append(IncidentProblem.PAUSE_OUTSIDE_WORK)
    ordered = sorted(facts.pauses, key=lambda p: p.start)
    for earlier, later in pairwise(ordered):
        if earlier.end is None or later.start < earlier.end:
            found.append(IncidentProblem.PAUSES_OVERLAP)
            break
    return found


def paused_time(pauses: tuple[Pause, ...], until: datetime) -> timedelta:
    """Total waiting time, each moment counted once even where periods overlap; an open pause runs to `until`."""
    spans = sorted((p.start, p.end if p.end is not None else until) for p in pauses)
    total = timedelta()
    current_start: datetime | None = None
    current_end: datetime | None = None
    for start, end in spans:
        if end <= start:
            continue
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                total += current_end - current_start
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None and current_end is not None:
        total += current_end - current_start
    return total


def own_resolution_time(facts: IncidentFacts) -> timedelta | None:
    """Report to resolution, less the time spent waiting on others: the team's own share."""
    if facts.resolved_at is None:
        return None
    return facts.resolved_at - facts.reported_at - paused_time(facts.pauses, facts.resolved_at)

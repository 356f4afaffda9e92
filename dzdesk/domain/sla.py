"""The contract's response clock (clause 4.2 ★): when each fault must be answered, and whether it was.

URGENT and MAJOR faults run on the wall clock (7×24); MINOR and ADVISORY count only business hours on working
days (5×8), starting from the next business moment when reported outside them. The deadline never pauses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from dzdesk.domain.calendar import BusinessCalendar, require_aware
from dzdesk.domain.severity import Clock, Severity

__all__ = ["ResponseStatus", "Severity", "response_due", "response_status"]


@cache
def default_calendar() -> BusinessCalendar:
    """China's calendar with the default business hours, for callers that have no configured one."""
    return BusinessCalendar()


def response_due(severity: Severity, reported_at: datetime, calendar: BusinessCalendar | None = None) -> datetime:
    """The moment by which a fault of `severity` reported at `reported_at` must be answered.

    The result is aware and in the same time zone as `reported_at`; a naive `reported_at` raises ValueError.
    """
    severity = Severity(severity)
    require_aware(reported_at, "reported_at")
    if severity.clock is Clock.WALL:
        # Added in UTC: a wall-clock hour is an hour of real time, whatever a daylight-saving zone shows.
        return (reported_at.astimezone(UTC) + severity.response_time).astimezone(reported_at.tzinfo)
    cal = calendar or default_calendar()
    return cal.add_business_time(reported_at, severity.response_time).astimezone(reported_at.tzinfo)


@dataclass(frozen=True)
class ResponseStatus:
    due: datetime
    responded_at: datetime | None
    now: datetime

    @property
    def responded(self) -> bool:
        return self.responded_at is not None

    @property
    def breached(self) -> bool:
        """Answered late, or not answered and the deadline has passed."""
        if self.responded_at is not None:
            return self.responded_at > self.due
        return self.now > self.due

    @property
    def on_time(self) -> bool:
        return self.responded_at is not None and self.responded_at <= self.due

    @property
    def counts_for_timeliness(self) -> bool:
        """Answered, or due already: what the timeliness rate's denominator holds."""
        return self.responded_at is not None or self.now > self.due

    @property
    def time_left(self) -> timedelta:
        """Wall-clock time until the deadline (negative once it has passed); for an answered fault, the margin."""
        reference = self.responded_at if self.responded_at is not None else self.now
        return self.due - reference


def response_status(severity: Severity, reported_at: datetime, responded_at: datetime | None, now: datetime,
                    calendar: BusinessCalendar | None = None) -> ResponseStatus:
    require_aware(now, "now")
    if responded_at is not None:
        require_aware(responded_at, "responded_at")
    return ResponseStatus(response_due(severity, reported_at, calendar), responded_at, now)

"""Maintenance windows: planned work during which failures are recorded but neither alert nor count as downtime."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from dzdesk.domain.calendar import require_aware
from dzdesk.domain.timefmt import local_day, to_local

MAX_DURATION = timedelta(days=7)


class Recurrence(StrEnum):
    ONCE = "once"
    DAILY = "daily"
    WEEKLY = "weekly"  # on the weekday of the first occurrence


class MaintenanceProblem(StrEnum):
    """What can be wrong with a window; the UI words each one in the user's language."""

    DURATION = "The window must last whole minutes: at least one, and at most seven days."
    DAILY_TOO_LONG = "A daily window must be shorter than a day."
    UNTIL_BEFORE_START = "The last day comes before the first occurrence."


@dataclass(frozen=True)
class MaintenanceWindow:
    """A window, either one-off or repeating at the local (Beijing) time of its first occurrence.

    An empty `target_name` covers every target of `platform`; an empty platform as well covers everything.
    """

    starts_at: datetime
    duration: timedelta
    recurrence: Recurrence = Recurrence.ONCE
    until: date | None = None
    platform: str = ""
    target_name: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        require_aware(self.starts_at)

    def problems(self) -> list[MaintenanceProblem]:
        found = []
        # Whole minutes: that is what the editor offers and what is stored, so seconds could only vanish.
        if not timedelta(minutes=1) <= self.duration <= MAX_DURATION or self.duration % timedelta(minutes=1):
            found.append(MaintenanceProblem.DURATION)
        if self.recurrence is Recurrence.DAILY and self.duration >= timedelta(days=1):
            found.append(MaintenanceProblem.DAILY_TOO_LONG)
        if self.until is not None and self.until < local_day(self.starts_at):
            found.append(MaintenanceProblem.UNTIL_BEFORE_START)
        return found

    def applies_to(self, target_name: str, platform: str) -> bool:
        if self.target_name:
            return self.target_name == target_name
        return not self.platform or self.platform == platform

    def covers(self, moment: datetime) -> bool:
        """Whether `moment` falls inside an occurrence of this window."""
        require_aware(moment)
        if self.recurrence is Recurrence.ONCE:
            return self.starts_at <= moment < self.starts_at + self.duration
        first = to_local(self.starts_at)
        moment_day = local_day(moment)
        step = 1 if self.recurrence is Recurrence.DAILY else 7
        lookback = self.duration.days + 1
        for back in range(lookback + 1):
            day = moment_day - timedelta(days=back)
            if step == 7 and day.weekday() != first.weekday():
                continue
            if self.until is not None and day > self.until:
                continue
            start = datetime.combine(day, first.timetz())
            if start < first:
                continue
            if start <= moment < start + self.duration:
                return True
        return False


def in_maintenance(windows: list[MaintenanceWindow], target_name: str, platform: str, moment: datetime) -> bool:
    return any(w.applies_to(target_name, platform) and w.covers(moment) for w in windows)


def maintenance_spans(windows: list[MaintenanceWindow], target_name: str, platform: str, period_start: datetime,
                      period_end: datetime) -> list[tuple[datetime, datetime]]:
    """The target's maintenance within [period_start, period_end) as sorted, merged (start, end) spans.

    The time-based counterpart of `in_maintenance`: availability over observed time takes maintenance out of the
    period as stretches of time, not moment by moment. Occurrences are found exactly as `covers` finds them
    (recurring at the Beijing time of the first occurrence, not before it, none starting after `until`), clipped to
    the period; overlapping or touching occurrences of several windows become one span.
    """
    require_aware(period_start, "period_start")
    require_aware(period_end, "period_end")
    found = []
    for window in windows:
        if window.duration <= timedelta(0) or not window.applies_to(target_name, platform):
            continue
        for start, end in _occurrences(window, period_start, period_end):
            found.append((max(start, period_start), min(end, period_end)))
    found.sort()
    merged: list[tuple[datetime, datetime]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _occurrences(window: MaintenanceWindow, period_start: datetime,
                 period_end: datetime) -> list[tuple[datetime, datetime]]:
    """The window's occurrences that overlap [period_start, period_end), unclipped."""
    if window.recurrence is Recurrence.ONCE:
        candidates = [window.starts_at]
    else:
        first = to_local(window.starts_at)
        # An occurrence that began up to its duration (plus a day for the local date) before the period still counts.
        day = max(first.date(), local_day(period_start) - timedelta(days=window.duration.days + 1))
        last = local_day(period_end)
        if window.until is not None:
            last = min(last, window.until)
        candidates = []
        while day <= last:
            if window.recurrence is Recurrence.DAILY or day.weekday() == first.weekday():
                start = datetime.combine(day, first.timetz())
                if start >= first:
                    candidates.append(start)
            day += timedelta(days=1)
    return [(start, start + window.duration) for start in candidates
            if start < period_end and start + window.duration > period_start]

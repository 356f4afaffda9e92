"""Availability over observed time, with coverage beside it.

Counting checks ("successful checks ÷ checks made") says nothing about the hours when nobody probed: a platform that
is down every night while every laptop is closed reads 100 %. Here each result stands for a stretch of time instead,
and time that no vantage point observed is *no data* — neither up nor down — so the report can say both how
available a target was while it was watched (availability) and how much of the period it was watched (coverage).

The rule, in full:

- A result covers the time from its start until the next result *of the same vantage point*, but never longer than
  twice that prober's interval (a laptop that slept or was closed did not see the gap) and never past the period's
  end. A non-positive interval ("only when asked") is taken as 15 minutes.
- Several vantage points together give their union: a moment is observed when any vantage point's result covers it.
  An observed moment is **up when at least one covering result is ok** — the platform answered somewhere, so users
  could reach it; a failure seen from one network only is that network's problem — and **down when every covering
  result failed**.
- Maintenance is the union of the spans the caller passes and the time covered by results flagged `in_maintenance`.
  It is taken out of the period, out of observed time and out of up and down time alike.

Everything is computed on plain numbers, by sorting once and sweeping the covered stretches: `figures_from_columns`
takes the results as columns (times as timestamps), as the store reads them from its index, and `observed_figures`
turns its observations into the same columns, so the rule has one implementation. A year of five-minute checks from
two vantage points takes a fraction of a second.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import compress, count, islice, repeat
from operator import attrgetter, eq, itemgetter, le, ne, or_, sub
from typing import NamedTuple, TypeVar
from zoneinfo import ZoneInfo

from dzdesk.domain.availability import percentile
from dzdesk.domain.calendar import require_aware

DEFAULT_INTERVAL = timedelta(minutes=15)
# A result covers at most this many of its prober's intervals: one missed sweep is tolerated, a sleeping laptop not.
COVER_INTERVALS = 2

_DEFAULT_INTERVAL_S = DEFAULT_INTERVAL.total_seconds()

# States of a covered stretch. A flagged result makes its stretch maintenance whatever it found.
_OK, _FAIL, _FLAGGED = 0, 1, 2
_SPAN = -1  # vantage index of a maintenance span's events

_T = TypeVar("_T")
# Where timestamps add up exactly whatever the order: from 2004-01-10 13:37:04 UTC to 2038-01-19 03:14:08 UTC.
_EXACT_FROM, _EXACT_UNTIL = 2.0**30, 2.0**31


class Observation(NamedTuple):
    """One check of a target as the availability sweep needs it.

    A named tuple rather than a dataclass: a year of results is a few hundred thousand of them, and a database row
    can be turned into one with `Observation(*row)`.
    """

    started_at: datetime
    ok: bool
    latency_ms: float | None = None
    in_maintenance: bool = False
    vantage: str = ""  # the laptop or watcher that made the check; "" for a history from a single prober
    # That prober's sweep interval when it made the check, as a timedelta or in seconds (as the store keeps it).
    interval: timedelta | float = DEFAULT_INTERVAL


@dataclass(frozen=True)
class ObservedFigures:
    """A target's (or, added up, a platform's) figures over a period; times in seconds.

    `up_s + down_s == observed_s`, and `observed_s <= period_s - maintenance_s`: the remainder is no data.
    The counts are those of `AvailabilityFigures`: checks started in the period outside maintenance, their
    failures, and the checks made during maintenance, shown but not counted.
    """

    period_s: float
    maintenance_s: float
    observed_s: float
    up_s: float
    down_s: float
    checks: int
    failures: int
    maintenance_checks: int
    p50_ms: float | None
    p95_ms: float | None
    max_ms: float | None
    # Observed seconds (outside maintenance) per vantage point, so a report can say where the target was seen from.
    by_vantage: Mapping[str, float] = field(default_factory=dict)

    @property
    def availability(self) -> float | None:
        """Up time ÷ observed time; None when nothing was observed, since no data is not 100 %."""
        return None if self.observed_s <= 0 else self.up_s / self.observed_s

    @property
    def coverage(self) -> float | None:
        """Observed time ÷ the period less maintenance; None when maintenance (or nothing) filled the period."""
        expected = self.period_s - self.maintenance_s
        return None if expected <= 0 else min(1.0, self.observed_s / expected)

    @property
    def no_data_s(self) -> float:
        """Time outside maintenance that no vantage point observed."""
        return max(0.0, self.period_s - self.maintenance_s - self.observed_s)

    def vantage_coverage(self, vantage: str) -> float | None:
        """The share of the period less maintenance that one vantage point observed on its own."""
        expected = self.period_s - self.maintenance_s
        return None if expected <= 0 else min(1.0, self.by_vantage.get(vantage, 0.0) / expected)


def observed_figures(results: Iterable[Observation], period_start: datetime, period_end: datetime,
                     maintenance: Iterable[tuple[datetime, datetime]] = ()) -> ObservedFigures:
    """One target's figures over [period_start, period_end) from its results, seen from any number of vantage points.

    Each result stands for the time until its vantage point's next check, at most twice its interval; a moment is
    up when at least one result covering it is ok and down when all of them failed (see the module's docstring).

    `results` may come in any order, vantage points interleaved; a result repeated (same vantage, same start) counts
    once, and where copies disagree the failing one is kept so that a duplicate never hides a failure. Results that
    start before the period may be passed: the last one before it covers the period's first minutes as it would
    have if the period had started earlier; only results that start inside the period are counted as checks.

    `maintenance` holds the target's maintenance spans (start, end) — `maintenance_spans` makes them from the
    windows. A check is counted as made during maintenance when it is flagged or starts inside a span.

    Sorted input (as `ORDER BY started_at` gives it) is the quickest: the sort is then skipped. The results are
    turned into columns of numbers and handed to `figures_from_columns`, which the store calls directly.
    """
    require_aware(period_start, "period_start")
    require_aware(period_end, "period_end")
    if period_end < period_start:
        raise ValueError(f"period_end {period_end.isoformat()} comes before period_start {period_start.isoformat()}")
    spans = _span_times(maintenance)
    rows = results if isinstance(results, list) else list(results)
    times = _timestamps(rows)
    marks = [(_FLAGGED_MARK if row[3] else 0) + (_OK_MARK if row[1] else 0) for row in rows]
    return figures_from_columns(times, marks, list(map(itemgetter(2), rows)), list(map(itemgetter(4), rows)),
                                list(map(itemgetter(5), rows)), period_start.timestamp(), period_end.timestamp(),
                                spans)


def figures_from_columns(times: Sequence[float], marks: Sequence[int], latencies: Sequence[float | None],
                         vantages: Sequence[str] | str, intervals: Sequence[timedelta | float] | timedelta | float,
                         start: float, end: float, maintenance: Iterable[tuple[float, float]] = ()) -> ObservedFigures:
    """`observed_figures` of results given as columns of plain values, one entry per result, as a database reads them.

    `times` are the starts as POSIX timestamps (what `datetime.timestamp` gives), `marks` 1 for a check that found
    the target answering plus 2 for one its prober flagged as made during maintenance (`ok + 2 * in_maintenance`),
    `intervals` the probers' intervals in seconds or as timedeltas; a single vantage point or interval stands for
    all the results. The period [start, end) and the maintenance spans are timestamps too. The figures are those
    `observed_figures` gives for the same results, to the last bit: it is this function that makes them.
    """
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    spans = _merged_spans(maintenance, start, end)
    columns = _Columns(times, marks, latencies, intervals)
    # One sort of the whole history by time (stable, so copies keep the order they came in); each vantage point's
    # results are then picked out of it already sorted.
    times = columns.times
    order: Sequence[int] = range(len(times))
    if not all(map(le, times, islice(times, 1, None))):
        order = sorted(order, key=times.__getitem__)
    names = [vantages] if isinstance(vantages, str) else sorted(set(vantages))

    tally = _Tally()
    stretches = []
    for name in names:
        picked = order
        if len(names) > 1:
            picked = list(compress(order, map(name.__eq__, map(vantages.__getitem__, order))))
        stretches.append(_stretches(columns, picked, start, end, spans, tally))

    maintenance_s, up_s, down_s, seen = _sweep(stretches, spans, start, end)
    latencies = sorted(tally.latencies)
    return ObservedFigures(
        period_s=end - start, maintenance_s=maintenance_s, observed_s=up_s + down_s, up_s=up_s, down_s=down_s,
        checks=tally.checks, failures=tally.failures, maintenance_checks=tally.maintenance_checks,
        p50_ms=percentile(latencies, 0.5), p95_ms=percentile(latencies, 0.95),
        max_ms=latencies[-1] if latencies else None,
        by_vantage={name: seen[index] for index, name in enumerate(names)})


def combine(parts: Iterable[ObservedFigures]) -> ObservedFigures:
    """A platform's figures from its targets': times, counts and per-vantage seconds are summed.

    So availability is Σ up ÷ Σ observed and coverage Σ observed ÷ Σ (period − maintenance): a target watched for
    longer weighs more, and a target never watched adds to the no data instead of to the up time. Latency
    percentiles do not add up (the p95 of a platform is not any sum of its targets' p95s), so they are left None;
    a platform's latencies come from `summarise` over all of its results, as the health report takes them.
    """
    period_s = maintenance_s = up_s = down_s = 0.0
    checks = failures = maintenance_checks = 0
    seen: dict[str, float] = {}
    for part in parts:
        period_s += part.period_s
        maintenance_s += part.maintenance_s
        up_s += part.up_s
        down_s += part.down_s
        checks += part.checks
        failures += part.failures
        maintenance_checks += part.maintenance_checks
        for name, seconds in part.by_vantage.items():
            seen[name] = seen.get(name, 0.0) + seconds
    return ObservedFigures(period_s=period_s, maintenance_s=maintenance_s, observed_s=up_s + down_s, up_s=up_s,
                           down_s=down_s, checks=checks, failures=failures, maintenance_checks=maintenance_checks,
                           p50_ms=None, p95_ms=None, max_ms=None, by_vantage=dict(sorted(seen.items())))


# --- internals -------------------------------------------------------------------------------------------------
#
# The results are handled as columns (lists built by `map` and comprehensions) rather than row by row: at a few
# hundred thousand results per report, per-row Python statements are where the time would go.

# A result's mark: what it found, and whether its prober flagged it; and the state of the stretch it stands for.
_OK_MARK, _FLAGGED_MARK = 1, 2
_STATE_OF_MARK = (_FAIL, _OK, _FLAGGED, _FLAGGED)

_Stretches = tuple[list[float], list[float], list[int]]  # one vantage point's (begins, ends, states), in time order


@dataclass
class _Tally:
    """The check counts and latencies, gathered vantage point by vantage point."""

    checks: int = 0
    failures: int = 0
    maintenance_checks: int = 0
    latencies: list[float] = field(default_factory=list)


class _Columns:
    """The results' fields as lists in the order they came.

    Sorting then only moves indices, and what is picked by index afterwards is mostly small shared objects (states,
    bounds): reading a few hundred thousand scattered values in sorted order is slow for the memory.
    """

    def __init__(self, times: Sequence[float], marks: Sequence[int], latencies: Sequence[float | None],
                 intervals: Sequence[timedelta | float] | timedelta | float) -> None:
        self.times: list[float] = times if isinstance(times, list) else list(times)
        self.marks = marks
        self.states: list[int] = list(map(_STATE_OF_MARK.__getitem__, marks))
        self.latencies = latencies
        if isinstance(intervals, timedelta | float | int):
            intervals = [intervals]
        bounds = {interval: _bound(interval) for interval in set(intervals)}
        # One number when every result has the same interval (the usual case): no per-result list is needed.
        self.bound: float | None = next(iter(bounds.values())) if len(bounds) == 1 else None
        self.bounds: list[float] = [] if len(bounds) == 1 else list(map(bounds.__getitem__, intervals))


def _take(column: Sequence[_T], picked: Sequence[int]) -> list[_T]:
    """The entries of `column` at the indices `picked`; a run of indices is a slice, taken in one go."""
    if isinstance(picked, range) and picked.step == 1:
        part = column[picked.start:picked.stop]
        return part if isinstance(part, list) else list(part)
    return list(map(column.__getitem__, picked))


def _timestamps(rows: Sequence[Observation]) -> list[float]:
    """The results' start times as POSIX timestamps; a naive or missing one is refused, naming the result.

    Whether they are aware is read from their time zones, a handful of distinct ones, rather than by asking each
    datetime for its offset: with `ZoneInfo` that lookup costs as much as the timestamp itself.
    """
    starts = list(map(itemgetter(0), rows))
    try:
        zones = set(map(attrgetter("tzinfo"), starts))
        if all(isinstance(zone, timezone | ZoneInfo) for zone in zones) or None not in map(datetime.utcoffset, starts):
            return list(map(datetime.timestamp, starts))
    except (TypeError, AttributeError):
        pass  # something that is not a datetime: found and named below
    for number, at in enumerate(starts):
        require_aware(at, f"started_at of result {number}")
    raise AssertionError("unreachable: require_aware refused one of them")  # pragma: no cover


def _stretches(columns: _Columns, picked: Sequence[int], start: float, end: float, spans: list[tuple[float, float]],
               tally: _Tally) -> _Stretches:
    """One vantage point's covered stretches within the period, alike neighbours joined, as three lists.

    `picked` are the indices of that vantage point's results in time order. Its checks inside the period are added
    to `tally` on the way.
    """
    at = _take(columns.times, picked)
    if any(map(eq, at, islice(at, 1, None))):  # copies: the same start twice in a row
        picked, at = _without_copies(columns, list(picked), at)
    # Only the last result before the period can reach into it; nothing from the period's end on counts.
    low, stop = max(bisect_left(at, start) - 1, 0), bisect_left(at, end)
    if low or stop < len(at):
        picked, at = picked[low:stop], at[low:stop]
    if not at:
        return [], [], []
    state = _take(columns.states, picked)
    following = at[1:]
    following.append(end)  # the last result's stretch stops at the period's end at the latest
    if columns.bound is not None:
        bound = columns.bound
        until = [x if (x := a + bound) < f else f for a, f in zip(at, following, strict=True)]
    else:
        bounds = map(columns.bounds.__getitem__, picked)
        until = [x if (x := a + b) < f else f for a, b, f in zip(at, bounds, following, strict=True)]
    begin = at
    if at[0] < start:  # the result just before the period: not a check of it, and only the part inside counts
        _count(columns, picked[1:], state[1:], at[1:], spans, tally)
        begin = [start, *at[1:]]
        if until[0] <= start:
            begin, until, state = begin[1:], until[1:], state[1:]
            if not begin:
                return [], [], []
    else:
        _count(columns, picked, state, at, spans, tally)
    # A new stretch starts where the state changes or the previous result's stretch ended short of this one.
    if not any(map(eq, until, islice(begin, 1, None))):  # checks further apart than they cover: none to join
        return begin, until, state
    cuts = list(compress(count(1), map(or_, map(ne, state, islice(state, 1, None)),
                                       map(ne, until, islice(begin, 1, None)))))
    firsts = [0, *cuts]
    lasts = [k - 1 for k in cuts]
    lasts.append(len(begin) - 1)
    return (list(map(begin.__getitem__, firsts)), list(map(until.__getitem__, lasts)),
            list(map(state.__getitem__, firsts)))


def _count(columns: _Columns, picked: Sequence[int], state: list[int], at: list[float],
           spans: list[tuple[float, float]], tally: _Tally) -> None:
    """Adds checks made inside the period to the tally: in maintenance when flagged or started inside a span."""
    if spans:
        # `at` is sorted: each span's checks are one slice of it, found by two binary searches.
        state = state[:]
        for span_start, span_end in spans:
            first, stop = bisect_left(at, span_start), bisect_left(at, span_end)
            state[first:stop] = [_FLAGGED] * (stop - first)
    during = state.count(_FLAGGED)
    tally.maintenance_checks += during
    tally.checks += len(state) - during
    tally.failures += state.count(_FAIL)
    successes = list(compress(_take(columns.latencies, picked), map(_OK.__eq__, state)))
    tally.latencies.extend([latency for latency in successes if latency is not None] if None in successes
                           else successes)


def _without_copies(columns: _Columns, picked: list[int], at: list[float]) -> tuple[list[int], list[float]]:
    """Keeps one of each set of results with the same start: the failing one if any, whatever order they came in."""
    kept: list[int] = []
    kept_at: list[float] = []
    for i, moment in zip(picked, at, strict=True):
        if kept_at and kept_at[-1] == moment:
            if _copy_rank(columns, i) < _copy_rank(columns, kept[-1]):
                kept[-1] = i
        else:
            kept.append(i)
            kept_at.append(moment)
    return kept, kept_at


def _copy_rank(columns: _Columns, i: int) -> tuple[int, int, bool, float, float]:
    """Orders copies of one check: failing first, then unflagged; the rest only makes the choice not depend on order."""
    mark, latency = columns.marks[i], columns.latencies[i]
    bound = columns.bound if columns.bound is not None else columns.bounds[i]
    return (mark & _OK_MARK, mark & _FLAGGED_MARK, latency is not None, 0.0 if latency is None else float(latency),
            bound)


def _bound(interval: timedelta | float) -> float:
    """How long a result may cover: twice its prober's interval, a non-positive one read as 15 minutes."""
    seconds = interval.total_seconds() if isinstance(interval, timedelta) else float(interval)
    return COVER_INTERVALS * (seconds if seconds > 0 else _DEFAULT_INTERVAL_S)


def _span_times(spans: Iterable[tuple[datetime, datetime]]) -> list[tuple[float, float]]:
    """Maintenance spans as timestamps, each checked: aware, and not ending before it starts."""
    found = []
    for number, (span_start, span_end) in enumerate(spans):
        require_aware(span_start, f"start of maintenance span {number}")
        require_aware(span_end, f"end of maintenance span {number}")
        if span_end < span_start:
            raise ValueError(f"maintenance span {number} ends ({span_end.isoformat()}) before it starts "
                             f"({span_start.isoformat()})")
        found.append((span_start.timestamp(), span_end.timestamp()))
    return found


def _merged_spans(spans: Iterable[tuple[float, float]], start: float, end: float) -> list[tuple[float, float]]:
    """Maintenance spans (timestamps) clipped to the period, sorted and merged."""
    clipped = []
    for number, (span_start, span_end) in enumerate(spans):
        if span_end < span_start:
            raise ValueError(f"maintenance span {number} ends ({span_end}) before it starts ({span_start})")
        s, e = max(span_start, start), min(span_end, end)
        if s < e:
            clipped.append((s, e))
    clipped.sort()
    merged: list[tuple[float, float]] = []
    for s, e in clipped:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def _sweep(stretches: list[_Stretches], spans: list[tuple[float, float]], start: float,
           end: float) -> tuple[float, float, float, list[float]]:
    """Maintenance, up and down seconds, and each vantage point's observed seconds, from the covered stretches.

    One vantage point and no maintenance spans (a laptop alone, the usual history) need no events: its stretches are
    disjoint, so each is up, down or maintenance as a whole, and the vantage point saw all that was up or down. Their
    lengths are added up directly when the period lies between 2004 and 2038, where every timestamp is a whole number
    of 2⁻²² s (the last bit of a double in [2³⁰, 2³¹)): there the differences of two of them and the sums of those
    are exact, so any order of adding gives the sweep's very bits. Otherwise the starts and ends are swept together
    with the spans'.
    """
    watched = [index for index, (begins, _ends, _states) in enumerate(stretches) if begins]
    seen = [0.0] * len(stretches)
    if not watched and not spans:
        return 0.0, 0.0, 0.0, seen
    if len(watched) == 1 and not spans and start >= _EXACT_FROM and end < _EXACT_UNTIL:
        begins, ends, states = stretches[watched[0]]
        lengths = list(map(sub, ends, begins))
        if states.count(_OK) == len(states):
            up_s, down_s, maintenance_s = sum(lengths), 0.0, 0.0
        else:
            up_s = sum(compress(lengths, map(_OK.__eq__, states)))
            down_s = sum(compress(lengths, map(_FAIL.__eq__, states)))
            maintenance_s = sum(compress(lengths, map(_FLAGGED.__eq__, states))) if _FLAGGED in states else 0.0
        seen[watched[0]] = up_s + down_s
        return maintenance_s, up_s, down_s, seen
    events: list[tuple[float, int, int, int]] = []  # (time, +1 begins / -1 ends, vantage index or _SPAN, state)
    for index in watched:
        begins, ends, states = stretches[index]
        events += zip(begins, repeat(1), repeat(index), states)
        events += zip(ends, repeat(-1), repeat(index), states)
    for s, e in spans:
        events.append((s, 1, _SPAN, _FLAGGED))
        events.append((e, -1, _SPAN, _FLAGGED))
    return _sweep_events(events, len(stretches))


def _sweep_events(events: list[tuple[float, int, int, int]],
                  vantages: int) -> tuple[float, float, float, list[float]]:
    """Maintenance, up and down seconds, and each vantage point's observed seconds, from the stretches' events.

    Between two consecutive event times nothing changes, so each elementary interval is classified once from the
    counts of what covers it. A vantage point's own observed time is read off a running clock of observed-or-not
    time outside maintenance: its stretches are disjoint, so it gains the clock's advance between each of its
    stretch's start and end — no per-vantage work inside the loop.
    """
    events.sort()
    maintenance_s = up_s = down_s = 0.0
    clock = 0.0  # time outside maintenance so far
    spans = flagged = covering = oks = 0
    seen = [0.0] * vantages
    previous = events[0][0] if events else 0.0
    for at, step, vantage, state in events:
        if at != previous:
            length = at - previous
            if spans or flagged:
                maintenance_s += length
            else:
                clock += length
                if oks:
                    up_s += length
                elif covering:
                    down_s += length
            previous = at
        if vantage == _SPAN:
            spans += step
            continue
        seen[vantage] += clock if step < 0 else -clock
        if state == _FLAGGED:
            flagged += step
        else:
            covering += step
            if state == _OK:
                oks += step
    return maintenance_s, up_s, down_s, seen

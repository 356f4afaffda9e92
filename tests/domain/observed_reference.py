"""The sweep of `dzdesk.domain.observed` as it was before it took columns of numbers (commit ad43600), kept as it
was to check that the columns give the same figures to the last bit: `observed_figures` below reads Observations,
turns each start into a timestamp and sweeps; nothing here is used by dzdesk itself."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import compress, count, islice
from operator import attrgetter, eq, itemgetter, le, ne, or_
from zoneinfo import ZoneInfo

from dzdesk.domain.availability import percentile
from dzdesk.domain.calendar import require_aware
from dzdesk.domain.observed import COVER_INTERVALS, DEFAULT_INTERVAL, Observation, ObservedFigures

_DEFAULT_INTERVAL_S = DEFAULT_INTERVAL.total_seconds()

_OK, _FAIL, _FLAGGED = 0, 1, 2
_SPAN = -1


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

    Sorted input (as `ORDER BY started_at` gives it) is the quickest: the sort is then skipped.
    """
    require_aware(period_start, "period_start")
    require_aware(period_end, "period_end")
    if period_end < period_start:
        raise ValueError(f"period_end {period_end.isoformat()} comes before period_start {period_start.isoformat()}")
    start, end = period_start.timestamp(), period_end.timestamp()
    spans = _merged_spans(maintenance, start, end)
    columns = _Columns(results if isinstance(results, list) else list(results))
    # One sort of the whole history by time (stable, so copies keep the order they came in); each vantage point's
    # results are then picked out of it already sorted.
    times = columns.times
    order: Sequence[int] = range(len(times))
    if not all(map(le, times, islice(times, 1, None))):
        order = sorted(order, key=times.__getitem__)
    names = sorted(set(columns.vantages))

    tally = _Tally()
    events: list[tuple[float, int, int, int]] = []  # (time, +1 begins / -1 ends, vantage index or _SPAN, state)
    for index, name in enumerate(names):
        if len(names) == 1:
            picked = list(order)
        else:
            picked = list(compress(order, map(name.__eq__, map(columns.vantages.__getitem__, order))))
        for begin, until, state in _stretches(columns, picked, start, end, spans, tally):
            events.append((begin, 1, index, state))
            events.append((until, -1, index, state))
    for s, e in spans:
        events.append((s, 1, _SPAN, _FLAGGED))
        events.append((e, -1, _SPAN, _FLAGGED))

    maintenance_s, up_s, down_s, seen = _sweep(events, len(names))
    latencies = sorted(tally.latencies)
    return ObservedFigures(
        period_s=end - start, maintenance_s=maintenance_s, observed_s=up_s + down_s, up_s=up_s, down_s=down_s,
        checks=tally.checks, failures=tally.failures, maintenance_checks=tally.maintenance_checks,
        p50_ms=percentile(latencies, 0.5), p95_ms=percentile(latencies, 0.95),
        max_ms=latencies[-1] if latencies else None,
        by_vantage={name: seen[index] for index, name in enumerate(names)})


@dataclass
class _Tally:
    """The check counts and latencies, gathered vantage point by vantage point."""

    checks: int = 0
    failures: int = 0
    maintenance_checks: int = 0
    latencies: list[float] = field(default_factory=list)


class _Columns:
    """The results' fields as lists in the order they came, each read from the results in one pass.

    Sorting then only moves indices, and what is picked by index afterwards is mostly small shared objects (states,
    bounds): reading a few hundred thousand scattered tuples and datetimes in sorted order is slow for the memory.
    """

    def __init__(self, rows: list[Observation]) -> None:
        self.rows = rows
        self.times = _timestamps(rows)
        self.vantages: list[str] = list(map(itemgetter(4), rows))
        self.states = [_FLAGGED if row[3] else _OK if row[1] else _FAIL for row in rows]
        self.latencies: list[float | None] = list(map(itemgetter(2), rows))
        intervals = list(map(itemgetter(5), rows))
        bounds = {interval: _bound(interval) for interval in set(intervals)}
        # One number when every result has the same interval (the usual case): no per-result list is needed.
        self.bound: float | None = next(iter(bounds.values())) if len(bounds) == 1 else None
        self.bounds: list[float] = [] if len(bounds) == 1 else list(map(bounds.__getitem__, intervals))


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


def _stretches(columns: _Columns, picked: list[int], start: float, end: float, spans: list[tuple[float, float]],
               tally: _Tally) -> list[tuple[float, float, int]]:
    """One vantage point's covered stretches (begin, end, state) within the period, alike neighbours joined.

    `picked` are the indices of that vantage point's results in time order. Its checks inside the period are added
    to `tally` on the way.
    """
    at = list(map(columns.times.__getitem__, picked))
    if any(map(eq, at, islice(at, 1, None))):  # copies: the same start twice in a row
        picked, at = _without_copies(columns, picked, at)
    # Only the last result before the period can reach into it; nothing from the period's end on counts.
    low, stop = max(bisect_left(at, start) - 1, 0), bisect_left(at, end)
    if low or stop < len(at):
        picked, at = picked[low:stop], at[low:stop]
    if not at:
        return []
    state = list(map(columns.states.__getitem__, picked))
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
                return []
    else:
        _count(columns, picked, state, at, spans, tally)
    # A new stretch starts where the state changes or the previous result's stretch ended short of this one.
    cuts = list(compress(count(1), map(or_, map(ne, state, islice(state, 1, None)),
                                       map(ne, until, islice(begin, 1, None)))))
    firsts = [0, *cuts]
    lasts = [k - 1 for k in cuts]
    lasts.append(len(begin) - 1)
    return [(begin[f], until[last], state[f]) for f, last in zip(firsts, lasts, strict=True)]


def _count(columns: _Columns, picked: list[int], state: list[int], at: list[float],
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
    successes = map(columns.latencies.__getitem__, compress(picked, map(_OK.__eq__, state)))
    tally.latencies.extend([latency for latency in successes if latency is not None])


def _without_copies(columns: _Columns, picked: list[int], at: list[float]) -> tuple[list[int], list[float]]:
    """Keeps one of each set of results with the same start: the failing one if any, whatever order they came in."""
    kept: list[int] = []
    kept_at: list[float] = []
    for i, moment in zip(picked, at, strict=True):
        if kept_at and kept_at[-1] == moment:
            if _copy_rank(columns.rows[i]) < _copy_rank(columns.rows[kept[-1]]):
                kept[-1] = i
        else:
            kept.append(i)
            kept_at.append(moment)
    return kept, kept_at


def _copy_rank(row: Observation) -> tuple[bool, bool, bool, float, float]:
    """Orders copies of one check: failing first, then unflagged; the rest only makes the choice not depend on order."""
    latency = row[2]
    return (bool(row[1]), bool(row[3]), latency is not None, 0.0 if latency is None else float(latency),
            _bound(row[5]))


def _bound(interval: timedelta | float) -> float:
    """How long a result may cover: twice its prober's interval, a non-positive one read as 15 minutes."""
    seconds = interval.total_seconds() if isinstance(interval, timedelta) else float(interval)
    return COVER_INTERVALS * (seconds if seconds > 0 else _DEFAULT_INTERVAL_S)


def _merged_spans(spans: Iterable[tuple[datetime, datetime]], start: float, end: float) -> list[tuple[float, float]]:
    """Maintenance spans clipped to the period, sorted and merged, as timestamps."""
    clipped = []
    for number, (span_start, span_end) in enumerate(spans):
        require_aware(span_start, f"start of maintenance span {number}")
        require_aware(span_end, f"end of maintenance span {number}")
        if span_end < span_start:
            raise ValueError(f"maintenance span {number} ends ({span_end.isoformat()}) before it starts "
                             f"({span_start.isoformat()})")
        s, e = max(span_start.timestamp(), start), min(span_end.timestamp(), end)
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


def _sweep(events: list[tuple[float, int, int, int]], vantages: int) -> tuple[float, float, float, list[float]]:
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

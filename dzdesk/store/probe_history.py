"""Reading the probe results back: the figures of a period over observed time from every result the laptop holds
(its own and the team's), outages, latency series and the certificates last seen. Kept apart from the writing
(`probe_repo`): the reports read a year of results here, in columns, with nothing of the targets' editing."""

from __future__ import annotations

import gc
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import chain, compress, repeat
from operator import sub, truediv

from sqlalchemy import false, select
from sqlalchemy.orm import Session

from dzdesk.domain.availability import AvailabilityFigures, percentile, summarise
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.maintenance import MaintenanceWindow, maintenance_spans
from dzdesk.domain.observed import COVER_INTERVALS, ObservedFigures, combine, figures_from_columns
from dzdesk.domain.probe_state import ConfirmPolicy, Outage, outages, replay
from dzdesk.domain.timefmt import local_day
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.probe_repo import active_windows, list_targets


def figures_by_target(session: Session, start: datetime, end: datetime) -> dict[str, AvailabilityFigures]:
    """Availability and latency of every target with results in [start, end)."""
    rows = session.execute(select(ProbeResult.target_id, ProbeResult.ok, ProbeResult.latency_ms,
                                  ProbeResult.in_maintenance)
                           .where(ProbeResult.started_at >= start, ProbeResult.started_at < end)
                           .order_by(ProbeResult.target_id))
    grouped: dict[str, list[tuple[bool, float | None, bool]]] = {}
    for target_id, ok, latency, during in rows:
        grouped.setdefault(target_id, []).append((ok, latency, during))
    return {target_id: summarise(results) for target_id, results in grouped.items()}


# Replaying from a day before the period finds an outage that was already going on when the period began.
_REPLAY_LEAD = timedelta(days=1)


def outages_between(session: Session, target_id: str, start: datetime, end: datetime,
                    policy: ConfirmPolicy) -> list[Outage]:
    """The target's outages that overlap [start, end), clipped to it; an outage still going on ends at `end`.

    Every vantage point's results are replayed together, in time order: a success seen from anywhere breaks a run of
    failures, as an observed moment is up when any vantage point found the target answering. Results at the same
    moment are taken in the order of their vantage and id, which every synced laptop shares."""
    with _collector_paused():  # a year of a target is 10⁴ rows: see _collector_paused
        rows = session.execute(select(ProbeResult.started_at, ProbeResult.ok)
                               .where(ProbeResult.target_id == target_id, ProbeResult.in_maintenance == false(),
                                      ProbeResult.started_at >= start - _REPLAY_LEAD, ProbeResult.started_at < end)
                               .order_by(ProbeResult.started_at, ProbeResult.vantage, ProbeResult.result_id)).all()
        _tracker, transitions = replay(((at, ok) for at, ok in rows), policy)
    clipped = []
    for outage in outages(transitions):
        finish = outage.end or end
        if finish <= start:
            continue
        clipped.append(Outage(max(outage.start, start), outage.end if outage.end and outage.end < end else None))
    return clipped


def latency_series(session: Session, target_id: str, start: datetime, end: datetime,
                   buckets: int = 200) -> list[tuple[datetime, float | None, int, int]]:
    """The target's history in at most `buckets` equal slices: (slice start, mean latency of successes,
    checks, failures). A chart of a year stays a few hundred points however many results there are."""
    span = max(1.0, (end - start).total_seconds())
    width = span / buckets
    series: dict[int, list[float]] = {}
    counts: dict[int, list[int]] = {}
    rows = session.execute(select(ProbeResult.started_at, ProbeResult.ok, ProbeResult.latency_ms)
                           .where(ProbeResult.target_id == target_id, ProbeResult.started_at >= start,
                                  ProbeResult.started_at < end))
    for at, ok, latency in rows:
        index = min(buckets - 1, int((at - start).total_seconds() // width))
        tally = counts.setdefault(index, [0, 0])
        tally[0] += 1
        if not ok:
            tally[1] += 1
        elif latency is not None:
            series.setdefault(index, []).append(latency)
    return [(start + timedelta(seconds=index * width),
             sum(series[index]) / len(series[index]) if index in series else None, tally[0], tally[1])
            for index, tally in sorted(counts.items())]


def results_between(session: Session, start: datetime, end: datetime) -> Sequence[tuple[ProbeResult, str]]:
    """Raw results in [start, end) with their target's name, oldest first, for export."""
    return session.execute(select(ProbeResult, ProbeTargetRecord.name)
                           .join(ProbeTargetRecord, ProbeTargetRecord.id == ProbeResult.target_id)
                           .where(ProbeResult.started_at >= start, ProbeResult.started_at < end)
                           .order_by(ProbeResult.started_at, ProbeResult.id)).all()


# --- availability over observed time --------------------------------------------------------------------------
#
# Every result the laptop holds counts, whoever probed it: synced laptops hold the same results, targets and
# maintenance windows, so a report made on any of them gives the same figures. The only input that names this
# laptop is `own_vantage`, which gathers its results not sent yet (their vantage is still empty) under its name.

# A result covers at most twice its prober's interval, and no schedule is longer than a day (the probe settings'
# and the team schedule's limit): results that began this long before a period can still reach into it.
_COVER_LEAD = COVER_INTERVALS * timedelta(days=1)

# A target's results as the figures read them, in time order, from the index on (target, start) and the columns they
# need alone (`ix_probe_results_observed`): no table row is read and nothing is sorted. Read through the driver's own
# cursor, as plain tuples: making a year of rows into SQLAlchemy's took longer than reading them. First who probed
# and on what interval: when that is one prober on one schedule, as it mostly is, each result is read as its start
# (the stored UTC text), what it found and whether its prober flagged it in one number (`figures_from_columns`'
# mark), and its latency; a result of another prober stored meanwhile is left for the next report.
_WHERE = "FROM probe_results WHERE target_id = ? AND started_at >= ? AND started_at < ?"
_SOURCES = f"SELECT DISTINCT vantage, interval_s {_WHERE}"
_READ = (f"SELECT started_at, ok + 2 * in_maintenance, latency_ms {_WHERE} AND vantage = ? AND interval_s = ? "
         "ORDER BY started_at")
_READ_WITH_SOURCES = (f"SELECT started_at, ok + 2 * in_maintenance, latency_ms, vantage, interval_s {_WHERE} "
                      "ORDER BY started_at")
_OK_MARK = 1  # the mark of a check that found the target answering and was not flagged
_EPOCH = datetime(1970, 1, 1)  # naive, as the store's times are read back from their text: UTC
_SECOND = timedelta(seconds=1)


def _stored(moment: datetime) -> str:
    """A time as the store writes it (and compares it): UTC text to the microsecond."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def _timestamps(texts: Sequence[str]) -> list[float]:
    """Stored start times as POSIX timestamps, read in C: microseconds since the epoch ÷ 10⁶, the very number
    `datetime.timestamp` gives for the aware time the column type would have made of each."""
    return list(map(truediv, map(sub, map(datetime.fromisoformat, texts), repeat(_EPOCH)), repeat(_SECOND)))


@dataclass(frozen=True)
class ObservedPeriod:
    """A period's figures over observed time, per target and per platform, from every vantage point's results.

    `targets` (keyed by target id, in board order) holds every target with results that reach into the period,
    and every enabled target with an address of a platform that has any: a target nobody watched is all no data,
    not left out. `platforms` adds each platform's targets up (`combine`) and takes the latency percentiles of all
    their counted checks. `daily_latency` (when asked for) is each platform's mean latency of successful checks
    per Beijing day, outside maintenance.
    """

    start: datetime
    end: datetime
    targets: dict[str, ObservedFigures] = field(default_factory=dict)
    platforms: dict[str, ObservedFigures] = field(default_factory=dict)
    daily_latency: dict[str, list[tuple[date, float]]] = field(default_factory=dict)


def observed_period(session: Session, start: datetime, end: datetime, *, platform: str | None = None,
                    own_vantage: str = "", by_day: bool = False,
                    windows: Sequence[MaintenanceWindow] | None = None) -> ObservedPeriod:
    """Figures of [start, end) over observed time for every target (of `platform` only, when given).

    Maintenance is the team's windows (`active_windows`, unless `windows` is passed) as each target's spans, besides
    the results their probers flagged. A result whose target was deleted is not counted, as before.
    """
    period = ObservedPeriod(start, end)
    if end <= start:
        return period
    windows = active_windows(session) if windows is None else list(windows)
    records = [r for r in list_targets(session) if platform is None or r.platform == platform]
    days = _day_starts(start, end) if by_day else []
    reader = _Reader(session, own_vantage)
    found: dict[str, _TargetRead] = {}
    with _collector_paused():
        for record in records:
            read = reader.read(record, start, end, windows, days)
            if read is not None:
                found[record.id] = read
    watched = {read.platform for read in found.values() if read.has_results}
    for target_id, read in found.items():
        if read.has_results or read.platform in watched:
            period.targets[target_id] = read.figures
    # Added up in the order of the targets' ids, which every laptop shares, so sums round alike everywhere.
    ordered = sorted((target_id, found[target_id]) for target_id in period.targets)
    for code in sorted(watched):
        reads = [read for _id, read in ordered if read.platform == code]
        latencies = sorted(chain.from_iterable(read.latencies for read in reads))
        total = combine(read.figures for read in reads)
        period.platforms[code] = ObservedFigures(
            period_s=total.period_s, maintenance_s=total.maintenance_s, observed_s=total.observed_s, up_s=total.up_s,
            down_s=total.down_s, checks=total.checks, failures=total.failures,
            maintenance_checks=total.maintenance_checks, p50_ms=percentile(latencies, 0.5),
            p95_ms=percentile(latencies, 0.95), max_ms=latencies[-1] if latencies else None,
            by_vantage=total.by_vantage)
        if by_day:
            sums = [0.0] * len(days)
            counts = [0] * len(days)
            for read in reads:
                for index, (total_ms, checks) in read.days.items():
                    sums[index] += total_ms
                    counts[index] += checks
            period.daily_latency[code] = [(local_day(day), sums[i] / counts[i])
                                          for i, day in enumerate(days) if counts[i]]
    return period


def observed_target(session: Session, target_id: str, start: datetime, end: datetime,
                    own_vantage: str = "") -> ObservedFigures | None:
    """One target's figures over [start, end) from every vantage point; None for a deleted or unknown target."""
    record = session.get(ProbeTargetRecord, target_id)
    if record is None or record.deleted or end <= start:
        return None
    read = _Reader(session, own_vantage).read(record, start, end, active_windows(session), [], always=True)
    return None if read is None else read.figures


@dataclass
class _TargetRead:
    platform: str
    figures: ObservedFigures
    has_results: bool
    latencies: list[float]  # of the checks counted: successful, in the period, outside maintenance
    days: dict[int, tuple[float, int]]  # day index -> (sum of those latencies, how many)


class _Reader:
    """Reads one target's results at a time as plain columns, in time order."""

    def __init__(self, session: Session, own_vantage: str) -> None:
        self.connection = session.connection().connection  # the driver's own, in the same transaction
        self.own_vantage = own_vantage

    def read(self, record: ProbeTargetRecord, start: datetime, end: datetime, windows: Sequence[MaintenanceWindow],
             days: list[datetime], always: bool = False) -> _TargetRead | None:
        texts, marks, latencies, vantages, intervals = self._columns(
            (record.id, _stored(start - _COVER_LEAD), _stored(end)))
        if not texts and not always and not (record.enabled and record.to_target().configured):
            return None
        spans = [(s.timestamp(), e.timestamp())
                 for s, e in maintenance_spans(list(windows), record.name, record.platform, start, end)]
        first, last = start.timestamp(), end.timestamp()
        times = _timestamps(texts)
        figures = figures_from_columns(times, marks, latencies, vantages, intervals, first, last, spans)
        # The latencies of the checks counted: successful (mark 1: ok, not flagged), in the period, outside the spans.
        counted = [False] * len(times)
        for low, stop in _outside(times, first, last, spans):
            counted[low:stop] = map(_OK_MARK.__eq__, marks[low:stop])
        per_day: dict[int, tuple[float, int]] = {}
        if days:
            bounds = [bisect_left(times, day.timestamp()) for day in days]
            bounds.append(bisect_left(times, last))
            for index in range(len(days)):
                values = _measured(compress(latencies[bounds[index]:bounds[index + 1]],
                                            counted[bounds[index]:bounds[index + 1]]))
                if values:
                    per_day[index] = (sum(values), len(values))
        has_results = bool(figures.checks or figures.maintenance_checks or figures.observed_s)
        return _TargetRead(record.platform, figures, has_results, _measured(compress(latencies, counted)), per_day)

    def _columns(self, where: tuple[str, str, str]) -> tuple[Sequence[str], Sequence[int], Sequence[float | None],
                                                             Sequence[str] | str, Sequence[int] | int]:
        """The results' starts, marks and latencies, and the vantage point and interval of each or of all of them."""
        cursor = self.connection.cursor()
        try:
            sources = cursor.execute(_SOURCES, where).fetchall()
            if len(sources) <= 1:
                vantage, interval = sources[0] if sources else ("", 0)
                rows = cursor.execute(_READ, (*where, vantage, interval)).fetchall()
                texts, marks, latencies = zip(*rows, strict=True) if rows else ((), (), ())
                return texts, marks, latencies, vantage or self.own_vantage, interval
            rows = cursor.execute(_READ_WITH_SOURCES, where).fetchall()
        finally:
            cursor.close()
        texts, marks, latencies, vantages, intervals = zip(*rows, strict=True)
        if self.own_vantage and "" in vantages:  # this laptop's results not sent yet, under its own name
            vantages = tuple(vantage or self.own_vantage for vantage in vantages)
        return texts, marks, latencies, vantages, intervals


def _measured(latencies: Iterable[float | None]) -> list[float]:
    """The latencies that were measured: a check that found nothing to time has none."""
    found = list(latencies)
    return [latency for latency in found if latency is not None] if None in found else found


def _outside(times: list[float], start: float, end: float, spans: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """Index ranges of the (time-ordered) results that started in [start, end) outside the maintenance spans."""
    cursor, stop = bisect_left(times, start), bisect_left(times, end)
    ranges = []
    for span_start, span_end in spans:  # sorted and merged
        first = bisect_left(times, span_start, cursor, stop)
        if first > cursor:
            ranges.append((cursor, first))
        cursor = max(cursor, bisect_left(times, span_end, cursor, stop))
    if cursor < stop:
        ranges.append((cursor, stop))
    return ranges


def _day_starts(start: datetime, end: datetime) -> list[datetime]:
    """The start of each Beijing day that overlaps [start, end), the first being `start` itself, in UTC."""
    starts = [start.astimezone(UTC)]
    day = local_day(start) + timedelta(days=1)
    while (moment := datetime.combine(day, datetime.min.time(), SHANGHAI)) < end:
        starts.append(moment.astimezone(UTC))
        day += timedelta(days=1)
    return starts


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A year of results is a few hundred thousand small tuples, none in a reference cycle; the cyclic collector,
    which runs every few hundred new objects and rescans the survivors, took most of the time of reading them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def latest_certificates(session: Session, records: Iterable[ProbeTargetRecord]) -> dict[str, tuple[datetime, str]]:
    """The certificate (expiry, issuer) each target that speaks TLS last showed to any laptop or watcher of the team:
    what a synced laptop reports alike, where this laptop's own states know only what it probed itself."""
    found = {}
    for record in records:
        if not (record.kind == "tls" or record.url.startswith("https://")):
            continue
        row = session.execute(
            select(ProbeResult.cert_not_after, ProbeResult.cert_issuer)
            .where(ProbeResult.target_id == record.id, ProbeResult.cert_not_after.is_not(None))
            .order_by(ProbeResult.started_at.desc(), ProbeResult.vantage).limit(1)).first()
        if row is not None:
            found[record.id] = (row[0], row[1])
    return found

"""How long `dzdesk.domain.observed.observed_figures` takes on a year of one target's results.

    python -m benchmarks.observed_figures [--quick]

One target checked every 5 minutes for a year by two vantage points, a watcher in the machine room and a laptop on
the service hall's network (about 210 000 results, the two interleaved in time order as `ORDER BY started_at`
gives them), with a few outages seen from both, a few the laptop alone saw, a week the laptop was away, flagged
maintenance checks and a monthly maintenance span. Times `observed_figures` on them (best of 5), once more on the
same results shuffled (the sort no longer skipped), and `figures_from_columns` on them as the store hands them over
(timestamps, marks, latencies, vantage points, intervals in seconds), and prints the times and the figures.
`--quick`: a month. Figures only: nothing is asserted beyond the three giving the same figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta

from dzdesk.domain.observed import Observation, ObservedFigures, figures_from_columns, observed_figures

INTERVAL = timedelta(minutes=5)
START = datetime(2026, 1, 1, tzinfo=UTC) - timedelta(hours=8)  # midnight in Beijing
WATCHER, LAPTOP = "值守机@hub", "李明@laptop-07"


def history(days: int, seed: int = 11) -> tuple[list[Observation], list[tuple[datetime, datetime]]]:
    """(the results in time order, the maintenance spans)"""
    rng = random.Random(seed)
    sweeps = int(timedelta(days=days) / INTERVAL)
    # Outages as (first sweep, sweeps): seen from both vantage points, or only from the laptop's network.
    both = {rng.randrange(sweeps): rng.randint(3, 30) for _ in range(max(1, days // 30))}
    laptop_only = {rng.randrange(sweeps): rng.randint(2, 12) for _ in range(max(1, days // 20))}
    away = rng.randrange(sweeps)
    away = range(away, away + int(timedelta(days=min(7, days / 4)) / INTERVAL))  # the laptop at a training
    spans = [(START + timedelta(days=day, hours=16), START + timedelta(days=day, hours=18))
             for day in range(5, days, 30)]  # a monthly night's upgrade, announced
    down_both = down_laptop = 0
    results: list[Observation] = []
    for sweep in range(sweeps):
        began = START + sweep * INTERVAL
        down_both = max(down_both - 1, both.get(sweep, 0))
        down_laptop = max(down_laptop - 1, laptop_only.get(sweep, 0))
        flagged = began.weekday() == 5 and 16 <= began.hour < 18  # the weekly window, flagged by the prober
        for vantage, offset, base in ((WATCHER, 0.0, 80.0), (LAPTOP, 150.0, 140.0)):
            if vantage == LAPTOP and sweep in away:
                continue
            down = down_both or (vantage == LAPTOP and down_laptop)
            ok = not down and rng.random() > 0.002
            at = began + timedelta(seconds=offset + rng.uniform(0, 2))
            results.append(Observation(at, ok, round(rng.lognormvariate(0, 0.3) * base, 1) if ok else None,
                                       flagged, vantage, 300))
    return results, spans


def best_of(runs: int, results: list[Observation], start: datetime, end: datetime,
            spans: list[tuple[datetime, datetime]]) -> tuple[float, ObservedFigures]:
    times, figures = [], None
    for _ in range(runs):
        started = time.perf_counter()
        figures = observed_figures(results, start, end, spans)
        times.append(time.perf_counter() - started)
    assert figures is not None
    return min(times), figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.observed_figures", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a month instead of a year: a smoke run")
    args = parser.parse_args(argv)
    days = 30 if args.quick else 365
    results, spans = history(days)
    start, end = START, START + timedelta(days=days)
    in_order, figures = best_of(5, results, start, end, spans)
    shuffled = results[:]
    random.Random(1).shuffle(shuffled)
    unordered, again = best_of(5, shuffled, start, end, spans)
    assert again == figures, "the order of the results changed the figures"
    columns = ([r.started_at.timestamp() for r in results], [int(r.ok) + 2 * int(r.in_maintenance) for r in results],
               [r.latency_ms for r in results], [r.vantage for r in results], [r.interval for r in results])
    span_times = [(s.timestamp(), e.timestamp()) for s, e in spans]
    as_columns = []
    for _ in range(5):
        started = time.perf_counter()
        again = figures_from_columns(*columns, start.timestamp(), end.timestamp(), span_times)
        as_columns.append(time.perf_counter() - started)
    assert again == figures, "the columns gave other figures"

    note = "  (quick: too small to judge)" if args.quick else ""
    print(f"one target every {INTERVAL.seconds // 60} minutes from two vantage points, {days} days: "
          f"{len(results):,} results{note}")
    print(f"observed_figures, best of 5: {in_order * 1000:.0f} ms in time order, {unordered * 1000:.0f} ms shuffled; "
          f"figures_from_columns: {min(as_columns) * 1000:.0f} ms")
    day = 86_400

    def share(value: float | None) -> str:
        return "—" if value is None else f"{value:.4%}"

    print(f"  period {figures.period_s / day:.1f} d, maintenance {figures.maintenance_s / 3600:.1f} h, "
          f"observed {figures.observed_s / day:.2f} d, no data {figures.no_data_s / 3600:.1f} h")
    print(f"  up {figures.up_s / day:.2f} d, down {figures.down_s / 3600:.2f} h: availability "
          f"{share(figures.availability)}, coverage {share(figures.coverage)}")
    print(f"  checks {figures.checks:,}, failures {figures.failures:,}, "
          f"during maintenance {figures.maintenance_checks:,}; "
          f"latency p50 {figures.p50_ms} ms, p95 {figures.p95_ms} ms, max {figures.max_ms} ms")
    for vantage in figures.by_vantage:
        print(f"  {vantage}: coverage {share(figures.vantage_coverage(vantage))} on its own")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Availability and latency of a target over a period, counted the way the contract's health report states them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AvailabilityFigures:
    checks: int  # results outside maintenance
    failures: int
    maintenance: int  # results inside maintenance, shown but not counted
    p50_ms: float | None
    p95_ms: float | None
    max_ms: float | None

    @property
    def availability(self) -> float | None:
        """The share of checks that succeeded; None when nothing was checked."""
        return None if self.checks == 0 else (self.checks - self.failures) / self.checks


def percentile(sorted_values: Sequence[float], fraction: float) -> float | None:
    """Nearest-rank percentile of already sorted values: always one of the measured values."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


def summarise(results: Iterable[tuple[bool, float | None, bool]]) -> AvailabilityFigures:
    """Figures from (ok, latency_ms, in_maintenance) triples; latency counts only for successful checks."""
    checks = failures = maintenance = 0
    latencies: list[float] = []
    for ok, latency_ms, during_maintenance in results:
        if during_maintenance:
            maintenance += 1
            continue
        checks += 1
        if not ok:
            failures += 1
        elif latency_ms is not None:
            latencies.append(latency_ms)
    latencies.sort()
    return AvailabilityFigures(checks, failures, maintenance, percentile(latencies, 0.5), percentile(latencies, 0.95),
                               latencies[-1] if latencies else None)

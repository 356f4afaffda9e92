"""The store reads results for the figures over observed time as columns straight from its index, and the figures are
those `observed_figures` gives for the same results passed as Observations, to the last bit: times to the microsecond,
several vantage points, this laptop's unsent results, flagged checks, a maintenance window, results before the period.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import pytest

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.maintenance import MaintenanceWindow, Recurrence, maintenance_spans
from dzdesk.domain.observed import Observation, observed_figures
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.store import probe_history
from dzdesk.store.probe_history import observed_period, observed_target
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.probe_repo import save_window

TARGET_ID = "0b6f7d1e-58c4-4a8e-9d3c-1f2a3b4c5d01"
PORTAL = ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/")
START = datetime(2026, 11, 2, tzinfo=SHANGHAI)
END = START + timedelta(days=5)
WINDOW = MaintenanceWindow(datetime(2026, 11, 3, 2, 30, tzinfo=SHANGHAI), timedelta(hours=1), Recurrence.DAILY,
                           platform="credit")
OUTAGE = (datetime(2026, 11, 4, 10, 10, tzinfo=SHANGHAI), datetime(2026, 11, 4, 11, 40, tzinfo=SHANGHAI))


PROBERS = (("watch@idc", 300, 300), ("张伟@t480", 420, 0), ("", 900, 900))


def results(rng: random.Random, probers=PROBERS) -> list[ProbeResult]:
    """Five days and a half of probers' checks, with microseconds, outages, flags and an afternoon off."""
    rows = []
    for vantage, every, interval in probers:
        at = START - timedelta(hours=12)
        while at < END + timedelta(hours=3):
            if not (vantage == "张伟@t480" and 14 <= at.astimezone(SHANGHAI).hour < 17):
                ok = rng.random() > 0.05 and not OUTAGE[0] <= at < OUTAGE[1]
                rows.append(ProbeResult(
                    target_id=TARGET_ID, started_at=at + timedelta(microseconds=rng.randrange(3_000_000)), ok=ok,
                    latency_ms=rng.choice([None, round(rng.uniform(20, 900), 3)]) if ok else None,
                    in_maintenance=rng.random() < 0.01, vantage=vantage, interval_s=interval))
            at += timedelta(seconds=every)
    return rows


@pytest.mark.parametrize(("probers", "windows"), [(PROBERS, [WINDOW]), (PROBERS[2:], [WINDOW]), (PROBERS[1:2], [])],
                         ids=["three", "unsent", "one without maintenance"])
def test_the_figures_from_the_index_are_those_of_the_observations(store, probers, windows):
    rows = results(random.Random(5), probers)
    observations = [Observation(r.started_at, r.ok, r.latency_ms, r.in_maintenance, r.vantage or "李娜@x1",
                                r.interval_s) for r in rows]
    with store.transaction() as db:
        record = ProbeTargetRecord(id=TARGET_ID, position=0)
        record.apply(PORTAL)
        db.add(record)
        for window in windows:
            save_window(db, window)
        random.Random(6).shuffle(rows)
        db.add_all(rows)
    spans = maintenance_spans(windows, PORTAL.name, PORTAL.platform, START, END)
    expected = observed_figures(observations, START, END, spans)
    assert expected.maintenance_s > 0 and expected.down_s > 0 and len(expected.by_vantage) == len(probers)
    with store.session() as db:
        assert observed_target(db, TARGET_ID, START, END, own_vantage="李娜@x1") == expected
        period = observed_period(db, START, END, own_vantage="李娜@x1", by_day=True)
    assert period.targets[TARGET_ID] == expected
    platform = period.platforms["credit"]  # its one target's figures, its latencies from the same checks
    assert (platform.up_s, platform.down_s, platform.by_vantage) == (expected.up_s, expected.down_s,
                                                                     expected.by_vantage)
    assert (platform.p50_ms, platform.p95_ms, platform.max_ms) == (expected.p50_ms, expected.p95_ms, expected.max_ms)
    assert [day for day, _mean in period.daily_latency["credit"]] == [START.date() + timedelta(days=d)
                                                                      for d in range(5)]


@pytest.mark.parametrize("query", [probe_history._SOURCES, probe_history._READ, probe_history._READ_WITH_SOURCES])
def test_the_results_are_read_from_the_index_alone_in_time_order(store, query):
    where = (TARGET_ID, "2026-11-01 00:00:00.000000", "2026-11-07 00:00:00.000000", "watch@idc", 300)
    with store.session() as db:
        plan = db.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {query}", where[:query.count("?")]).all()
    details = " ".join(row[-1] for row in plan)
    assert "USING COVERING INDEX ix_probe_results_observed" in details
    assert "ORDER BY" not in details  # no sort: the index gives them in time order

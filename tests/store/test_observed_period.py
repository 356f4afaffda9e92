"""A period's figures over observed time from the store: every vantage point's results, the team's maintenance
windows, this laptop's unsent results under its own name, and the same figures whatever order results came in."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta

import pytest

from dzdesk.config import DataDir
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.maintenance import MaintenanceWindow, Recurrence
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.timefmt import day_range
from dzdesk.store import open_store
from dzdesk.store.probe_history import observed_period, observed_target
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.probe_repo import delete_target, save_window
from dzdesk.sync.probe_results import take_results
from dzdesk.sync.protocol import ProbeResultOut

MONDAY = date(2026, 11, 2)
WEEK = day_range(MONDAY, MONDAY + timedelta(days=6))
PORTAL_ID = "0b6f7d1e-58c4-4a8e-9d3c-1f2a3b4c5d01"
HALL_ID = "0b6f7d1e-58c4-4a8e-9d3c-1f2a3b4c5d02"
PORTAL = ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/")
HALL = ProbeTarget("审批系统-网上大厅", "approval", url="https://gcxm.example.cn/", module="网上大厅")
OFFICE_DAY = 9 * 3600 + 5 * 60  # 09:00 to the 17:55 check's ten minutes (two of its five-minute intervals)


def add_targets(store, *targets: tuple[str, ProbeTarget]) -> None:
    """Targets under fixed ids, as every synced laptop of a team holds them."""
    with store.transaction() as session:
        for position, (target_id, target) in enumerate(targets):
            record = ProbeTargetRecord(id=target_id, position=position)
            record.apply(target)
            session.add(record)


def checks(target_id: str, vantage: str, days: int = 7, first: int = 9 * 60, last: int = 17 * 60 + 55,
           every: int = 5, ok=lambda at: True, network: str = "", interval_s: int = 300) -> list[ProbeResultOut]:
    """A check every `every` minutes from `first` to `last` (minutes after midnight, Beijing time) on each day of
    the week, as the hub hands them back."""
    results = []
    for day in range(days):
        midnight = datetime.combine(MONDAY + timedelta(days=day), datetime.min.time(), SHANGHAI)
        for minute in range(first, last + 1, every):
            at = midnight + timedelta(minutes=minute)
            good = ok(at)
            results.append(ProbeResultOut(
                id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{target_id}/{vantage}/{at.isoformat()}")),
                target_id=target_id, target_name="", started_at=at, ok=good, latency_ms=100.0 + minute % 7 if good
                else None, failure="" if good else "TIMEOUT", interval_s=interval_s, vantage=vantage,
                network=network, seq=1, team="一组"))
    return results


def take(store, results: list[ProbeResultOut]) -> None:
    with store.transaction() as session:
        take_results(session, results)


def period(store, start=WEEK[0], end=WEEK[1], **options):
    with store.session() as session:
        return observed_period(session, start, end, **options)


def test_office_hours_only_cover_their_share_and_the_nights_are_no_data(store):
    add_targets(store, (PORTAL_ID, PORTAL))
    take(store, checks(PORTAL_ID, "张伟@t480"))
    figures = period(store).targets[PORTAL_ID]
    assert figures.checks == 7 * 108 and figures.failures == 0
    assert figures.observed_s == 7 * OFFICE_DAY
    assert figures.coverage == pytest.approx(OFFICE_DAY / 86400) and round(figures.coverage * 100, 1) == 37.8
    assert figures.availability == 1.0  # of the observed time: the nights are not counted as up
    assert figures.up_s == figures.observed_s and figures.down_s == 0
    assert figures.no_data_s == 7 * (86400 - OFFICE_DAY)
    assert dict(figures.by_vantage) == {"张伟@t480": 7 * OFFICE_DAY}


def test_two_laptops_at_different_hours_give_their_union(store):
    add_targets(store, (PORTAL_ID, PORTAL))
    take(store, checks(PORTAL_ID, "张伟@t480", last=12 * 60 + 55, network="达川区政务服务中心内网"))
    take(store, checks(PORTAL_ID, "李娜@x1", first=13 * 60, ok=lambda at: at.day != 4 or at.hour != 15))
    figures = period(store).targets[PORTAL_ID]
    assert figures.observed_s == 7 * OFFICE_DAY  # 09:00-13:05 from one, 13:00-18:05 from the other
    assert figures.down_s == 3600  # the one hour the afternoon laptop saw failing on Wednesday
    assert figures.availability == pytest.approx(1 - 3600 / (7 * OFFICE_DAY))
    assert figures.by_vantage == {"张伟@t480": 7 * (4 * 3600 + 5 * 60), "李娜@x1": 7 * (5 * 3600 + 5 * 60)}
    assert round(figures.vantage_coverage("李娜@x1") * 100, 1) == 21.2


def test_the_same_results_in_another_order_give_the_same_figures(store, tmp_path):
    results = (checks(PORTAL_ID, "张伟@t480", last=13 * 60, ok=lambda at: at.minute != 35)
               + checks(PORTAL_ID, "watch@idc", first=0, last=23 * 60 + 55, every=15, interval_s=900,
                        ok=lambda at: at.hour not in (2, 3))
               + checks(HALL_ID, "李娜@x1", first=12 * 60))
    other = open_store(DataDir(tmp_path / "other").ensure(), author="李娜")
    try:
        for each in (store, other):
            add_targets(each, (PORTAL_ID, PORTAL), (HALL_ID, HALL))
            save = list(results)
            random.Random(id(each)).shuffle(save)
            for start in range(0, len(save), 97):  # pulled page by page, in the shuffled order
                take(each, save[start:start + 97])
            with each.transaction() as session:
                save_window(session, MaintenanceWindow(datetime(2026, 11, 3, 2, tzinfo=SHANGHAI),
                                                       timedelta(hours=1), Recurrence.DAILY, platform="credit"))
        first, second = period(store, by_day=True), period(other, by_day=True)
    finally:
        other.close()
    assert first == second
    assert first.platforms["credit"].maintenance_s == 6 * 3600  # from Tuesday, 02:00-03:00 every night
    # The watcher failed 02:00-04:00 each night; the laptop's failures fell in the watcher's good stretches (up).
    assert first.platforms["credit"].down_s == 8 * 3600  # Monday's two hours, then the hour after maintenance


def test_unsent_results_are_this_laptops_own_vantage(store):
    add_targets(store, (PORTAL_ID, PORTAL))
    take(store, checks(PORTAL_ID, "张伟@t480", days=3))
    with store.transaction() as session:  # probed since, not sent yet: no vantage name
        for result in checks(PORTAL_ID, "", days=7)[3 * 108:]:
            session.add(ProbeResult(target_id=PORTAL_ID, started_at=result.started_at, ok=True, latency_ms=90.0,
                                    interval_s=300))
    assert set(period(store).targets[PORTAL_ID].by_vantage) == {"张伟@t480", ""}
    assert dict(period(store, own_vantage="张伟@t480").targets[PORTAL_ID].by_vantage) == {
        "张伟@t480": 7 * OFFICE_DAY}


def test_a_never_probed_target_is_no_data_of_its_platform_and_a_deleted_one_is_left_out(store):
    credit_hall = ProbeTarget("信用平台-信用修复", "credit", url="https://xy.example.cn/repair", module="信用修复")
    gone = ProbeTarget("信用平台-旧接口", "credit", url="https://old.example.cn/")
    add_targets(store, (PORTAL_ID, PORTAL), (HALL_ID, credit_hall), ("0b6f7d1e-58c4-4a8e-9d3c-1f2a3b4c5d03", gone))
    take(store, checks(PORTAL_ID, "张伟@t480", first=0, last=23 * 60 + 55))
    take(store, checks("0b6f7d1e-58c4-4a8e-9d3c-1f2a3b4c5d03", "张伟@t480", ok=lambda at: False))
    with store.transaction() as session:
        delete_target(session, "0b6f7d1e-58c4-4a8e-9d3c-1f2a3b4c5d03")
    found = period(store)
    assert set(found.targets) == {PORTAL_ID, HALL_ID}
    assert found.targets[HALL_ID].observed_s == 0 and found.targets[HALL_ID].availability is None
    credit = found.platforms["credit"]
    assert credit.coverage == pytest.approx(0.5) and credit.availability == 1.0 and credit.failures == 0
    assert set(found.platforms) == {"credit"}  # nothing of the approval system was probed: no figures for it


def test_the_check_before_the_period_covers_its_first_minutes(store):
    add_targets(store, (PORTAL_ID, PORTAL))
    take(store, checks(PORTAL_ID, "watch@idc", first=23 * 60 + 50, last=23 * 60 + 55))
    monday_night = datetime.combine(MONDAY, datetime.min.time(), SHANGHAI) + timedelta(days=1)
    figures = period(store, monday_night, monday_night + timedelta(hours=1)).targets[PORTAL_ID]
    assert figures.checks == 0 and figures.observed_s == 5 * 60  # 23:55 covers ten minutes, five of them Tuesday's
    with store.session() as session:
        assert observed_target(session, PORTAL_ID, *WEEK).checks == 14
        assert observed_target(session, "no-such-target", *WEEK) is None


def test_platform_latency_percentiles_and_daily_means_count_every_target(store):
    add_targets(store, (PORTAL_ID, PORTAL), (HALL_ID, ProbeTarget("信用平台-异议", "credit", url="https://x/")))
    take(store, checks(PORTAL_ID, "张伟@t480", days=1))
    take(store, checks(HALL_ID, "watch@idc", days=2, ok=lambda at: at.minute != 0))
    found = period(store, by_day=True)
    credit = found.platforms["credit"]
    latencies = sorted([100.0 + m % 7 for m in range(540, 1076, 5)] * 2
                       + [100.0 + m % 7 for m in range(540, 1076, 5) if m % 60])
    assert credit.p50_ms == latencies[len(latencies) // 2 - (len(latencies) % 2 == 0)]
    assert credit.max_ms == 106.0
    days = [day for day, _mean in found.daily_latency["credit"]]
    assert days == [MONDAY, MONDAY + timedelta(days=1)]

"""The health and operations reports state availability over observed time with its coverage beside it: hours
nobody probed are no data, not up; results of several laptops add up to their union; and two synced laptops make
the same report."""

from __future__ import annotations

import csv
import random
import subprocess
import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from dzdesk.config import DataDir
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_outcome import ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.timefmt import day_range
from dzdesk.reports.figures import sources_text
from dzdesk.reports.health_report import gather_health, render_health_report
from dzdesk.reports.operations_data import gather_operations
from dzdesk.reports.operations_report import ReportMeta, render_operations_report
from dzdesk.reports.operations_xlsx import export_figures
from dzdesk.reports.probe_history import export_probe_results
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.probe_repo import record_outcomes
from dzdesk.sync.engine import synchronise
from dzdesk.sync.probe_results import remember_vantages, take_results
from dzdesk.sync.protocol import ProbeResultOut, VantageSeen
from tests.sync.helpers import SyncClient

CATALOGUE = load_catalogue()
POLICY = ConfirmPolicy(failures=3, successes=2)
MONDAY = date(2026, 11, 2)
WEEK = day_range(MONDAY, MONDAY + timedelta(days=6))
NOW = WEEK[1] + timedelta(hours=10)
PORTAL_ID = "3c1d0e55-7a0b-4f7e-8d6a-0c5b2e9f4a01"
PORTAL = ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/", keyword="信用信息")
OFFICE_NETWORK = "达川区政务服务中心内网"
OFFICE_DAY = 9 * 3600 + 5 * 60  # 09:00 to 17:55, and that last check's ten minutes


def text_of(path):
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in raw if ch not in " \n")


def add_portal(store) -> None:
    """The target under one id, as every synced laptop of the team holds it."""
    with store.transaction() as session:
        record = ProbeTargetRecord(id=PORTAL_ID, position=0)
        record.apply(PORTAL)
        session.add(record)


def office_hours(vantage: str, monday: date = MONDAY, first: int = 9 * 60,
                 last: int = 17 * 60 + 55) -> list[ProbeResultOut]:
    """A check every five minutes from `first` to `last` (minutes after midnight, Beijing time) each day of a week,
    as the hub hands them back."""
    results = []
    for day in range(7):
        midnight = datetime.combine(monday + timedelta(days=day), datetime.min.time(), SHANGHAI)
        for minute in range(first, last + 1, 5):
            at = midnight + timedelta(minutes=minute)
            results.append(ProbeResultOut(
                id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{vantage}/{at.isoformat()}")), target_id=PORTAL_ID,
                target_name=PORTAL.name, started_at=at, ok=True, latency_ms=80.0 + minute % 11, interval_s=300,
                vantage=vantage, network=OFFICE_NETWORK, seq=1, team="一组"))
    return results


def seen(vantage: str, kind: str = "laptop", network: str = OFFICE_NETWORK) -> VantageSeen:
    return VantageSeen(team="一组", vantage=vantage, kind=kind, network=network, last_seen=NOW)


def stocked(store, results: list[ProbeResultOut], vantages: list[VantageSeen], seed: int = 0):
    """A laptop's store holding `results`, pulled in pages in an order of its own, and the team's vantage points."""
    add_portal(store)
    order = list(results)
    random.Random(seed).shuffle(order)
    for start in range(0, len(order), 150):
        with store.transaction() as session:
            take_results(session, order[start:start + 150])
    with store.transaction() as session:
        remember_vantages(session, vantages)
    return store


def health(store, start=WEEK[0], end=WEEK[1], now=NOW):
    with store.session() as session:
        return gather_health(session, CATALOGUE, start, end, now, POLICY)


def test_a_target_probed_in_office_hours_shows_its_coverage_and_its_nights_as_no_data(store, tmp_path):
    stocked(store, office_hours("张伟@t480"), [seen("张伟@t480")])
    data = health(store)
    (portal,) = data.targets
    assert portal.figures.coverage == pytest.approx(OFFICE_DAY / 86400)
    assert portal.figures.availability == 1.0 and portal.figures.down_s == 0
    assert portal.figures.no_data_s == 7 * (86400 - OFFICE_DAY)  # the nights: not up, not down
    text = text_of(render_health_report(data, tmp_path / "health.pdf", "李明"))
    for expected in ("信用平台可用率100.00%、观测覆盖率37.8%", "观测覆盖率", "无数据",
                     "信用平台观测覆盖率37.8%：其余62.2%（4天08:25）没有观测点在巡检，为无数据",
                     "可用率100.00%只代表被观测的时间", "电脑张伟@t480（达川区政务服务中心内网）"):
        assert expected in text, expected
    assert "观测覆盖率100.0%" not in text


def test_the_operations_report_states_coverage_per_platform_and_target(store, tmp_path):
    stocked(store, office_hours("张伟@t480"), [seen("张伟@t480")])
    with store.session() as session:
        data = gather_operations(session, CATALOGUE, *WEEK, NOW)
    render_operations_report(data, ReportMeta("monthly", "2026 年 11 月", "运维一组", "李明"), tmp_path / "ops.pdf")
    text = text_of(tmp_path / "ops.pdf")
    chapter = text[text.rindex("六、平台可用性"):text.rindex("七、典型案例")]
    for expected in ("观测覆盖率", "信用平台7560100.00%37.8%4天08:25", "（一）各巡检目标", "信用平台-门户",
                     "（二）观测来源", "电脑张伟@t480（达川区政务服务中心内网）", "为无数据"):
        assert expected in chapter, expected
    export_figures(data, tmp_path / "ops.xlsx")
    book = load_workbook(tmp_path / "ops.xlsx", read_only=True)
    header, row = list(book["平台可用性"].iter_rows(values_only=True))
    assert header[:5] == ("平台", "检测次数", "失败次数", "可用率", "观测覆盖率")
    assert row[:4] == ("信用平台", 756, 0, 1.0) and row[4] == pytest.approx(0.378472, abs=1e-6)
    assert row[6] == pytest.approx(7 * (86400 - OFFICE_DAY) / 3600, abs=0.01)
    (_header, target), = [list(book["巡检目标可用性"].iter_rows(values_only=True))]
    assert target[:3] == ("信用平台", "信用平台-门户", 756)
    sources = list(book["观测来源"].iter_rows(values_only=True))
    assert sources[1][:3] == ("信用平台", "信用平台-门户", "电脑 张伟@t480（达川区政务服务中心内网）")


def test_two_laptops_hours_add_up_and_the_same_results_make_the_same_report(store, tmp_path):
    results = (office_hours("张伟@t480", last=12 * 60 + 55) + office_hours("watch@idc", first=13 * 60))
    vantages = [seen("张伟@t480"), seen("watch@idc", "watcher", "机房专线")]
    other = open_store(DataDir(tmp_path / "other").ensure(), author="李娜")
    try:
        first = health(stocked(store, results, vantages, seed=1))
        second = health(stocked(other, list(reversed(results)), vantages, seed=2))
    finally:
        other.close()
    assert first == second
    (portal,) = first.targets
    assert portal.figures.observed_s == 7 * OFFICE_DAY  # 09:00-13:05 from one, 13:00-18:05 from the other
    assert set(portal.figures.by_vantage) == {"张伟@t480", "watch@idc"}
    assert sources_text(portal.figures, first.vantages) == ("值守程序 watch@idc（机房专线） 21.2%；"
                                                            "电脑 张伟@t480（达川区政务服务中心内网） 17.0%")
    texts = [text_of(render_health_report(data, tmp_path / f"{n}.pdf", "李明")) for n, data in enumerate((first,
                                                                                                       second))]
    assert texts[0] == texts[1]
    assert "值守程序watch@idc（机房专线）21.2%" in texts[0]


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)
def test_two_laptops_synced_through_the_hub_report_alike(hub, tmp_path):
    """Each laptop probes half of each office day and sends its results; after a sync both hold the union and
    report the same figures, each laptop's own results named as the team knows them."""
    laptops = []
    for name in ("张伟", "李娜"):
        data_dir = DataDir(tmp_path / name).ensure()
        store = open_store(data_dir, author=name)
        laptops.append(SyncClient(name, store, BlobStore(data_dir.blobs), hub.add_user(name), hub.url))
    try:
        # A recent week: the hub keeps results 400 days back from today.
        today = datetime.now(UTC).astimezone(SHANGHAI).date()
        monday = today - timedelta(days=today.weekday() + 14)
        start, end = day_range(monday, monday + timedelta(days=6))
        for laptop in laptops:
            add_portal(laptop.store)
        for laptop, (first, last) in zip(laptops, ((9 * 60, 12 * 60 + 55), (13 * 60, 17 * 60 + 55)), strict=True):
            with laptop.store.transaction() as session:
                record = session.get(ProbeTargetRecord, PORTAL_ID)
                outcomes = [(record, ProbeOutcome(PORTAL.name, r.started_at, True, r.latency_ms))
                            for r in office_hours("", monday, first, last)]
                record_outcomes(session, outcomes, POLICY, interval_s=300, network=OFFICE_NETWORK)
        for laptop in (*laptops, laptops[0]):
            with laptop.client() as client:
                synchronise(laptop.store, laptop.blobs, client)
        now = datetime.now(UTC)
        reports = [health(laptop.store, start, end, now) for laptop in laptops]
    finally:
        for laptop in laptops:
            laptop.store.close()
    assert reports[0] == reports[1]
    (portal,) = reports[0].targets
    assert portal.figures.observed_s == 7 * OFFICE_DAY
    assert sorted(name.split("@")[0] for name in portal.figures.by_vantage) == ["张伟", "李娜"]
    assert set(reports[0].vantages) >= set(portal.figures.by_vantage)


def test_the_raw_results_say_who_probed_from_where_and_how_often(store, tmp_path):
    stocked(store, office_hours("张伟@t480")[:3], [seen("张伟@t480")])
    with store.transaction() as session:  # this laptop's own check, not sent yet
        record = session.get(ProbeTargetRecord, PORTAL_ID)
        record_outcomes(session, [(record, ProbeOutcome(PORTAL.name, WEEK[0] + timedelta(hours=20), True, 50.0))],
                        POLICY)
    with store.session() as session:
        assert export_probe_results(session, CATALOGUE, *WEEK, tmp_path / "r.csv") == 4
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    assert header[-3:] == ["观测点", "网络", "检测间隔(秒)"]
    assert [row[-3:] for row in rows] == [["张伟@t480", OFFICE_NETWORK, "300"]] * 3 + [["本机（结果尚未上传）", "", ""]]

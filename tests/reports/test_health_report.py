"""The health-evaluation report: its figures from stored results, and the PDF as a reader sees it."""

import subprocess
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from dzdesk.config import DataDir, Settings
from dzdesk.demo import probes as demo_probes
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.maintenance import MaintenanceWindow
from dzdesk.domain.probe_outcome import CertInfo, Failure, ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.domain.probe_target import ProbeKind, ProbeTarget
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import day_range
from dzdesk.reports.health_report import gather_health, render_health_report
from dzdesk.store import open_store
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.probe_repo import record_outcomes, save_target
from tests.support.demo import FIXED_NOW, copy_demo

CATALOGUE = load_catalogue()
POLICY = ConfirmPolicy(failures=3, successes=2)
DAY = datetime(2026, 6, 1, tzinfo=SHANGHAI)
NOW = datetime(2026, 6, 30, 12, tzinfo=SHANGHAI)


def text_of(path):
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in raw if ch not in " \n")


def fonts_embedded(path):
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return bool(rows) and all(row.split()[-5] == "yes" for row in rows)


def cert(days):
    return CertInfo(not_after=NOW + timedelta(days=days, hours=1), issuer="测试 CA", subject="portal", hostname_ok=True)


@pytest.fixture
def history(store):
    """Two targets probed hourly for a day: the portal is down 05:00-09:00, the hall fails once during
    maintenance and otherwise answers."""
    with store.transaction() as session:
        portal = save_target(session, ProbeTarget("审批系统-网上大厅", "approval", url="https://gcxm.example/",
                                                  module="网上大厅"))
        hall = save_target(session, ProbeTarget("信用平台-门户", "credit", kind=ProbeKind.TLS,
                                                url="https://xyxx.example/"))
        session.flush()
        window = MaintenanceWindow(DAY + timedelta(hours=2), timedelta(hours=1), platform="credit")
        for hour in range(24):
            at = DAY + timedelta(hours=hour)
            down = 5 <= hour < 9
            outcomes = [
                (portal, ProbeOutcome(portal.name, at, not down, None if down else 100.0 + hour,
                                      Failure.STATUS if down else None, "502" if down else "", cert=cert(200))),
                (hall, ProbeOutcome(hall.name, at, hour != 2, 40.0, None if hour != 2 else Failure.TIMEOUT,
                                    cert=cert(10))),
            ]
            record_outcomes(session, outcomes, POLICY, [window])
        draft = IncidentDraft(platform="approval", severity=Severity.URGENT, title="网上大厅无法打开 <502> & 超时",
                              reported_at=DAY + timedelta(hours=5, minutes=10))
        add_incident(session, draft, CATALOGUE, Settings().calendar(), NOW)
    return store


def test_figures_count_outages_and_leave_maintenance_out(history):
    start, end = day_range(DAY.date(), DAY.date())
    with history.session() as session:
        data = gather_health(session, CATALOGUE, start, end, NOW, POLICY, cert_warning_days=30)
    by_name = {t.name: t for t in data.targets}
    portal = by_name["审批系统-网上大厅"]
    assert portal.figures.checks == 24 and portal.figures.failures == 4
    # One-off checks (no schedule) each stand for two default intervals, half an hour of every hour: the other half
    # is no data, neither up nor down.
    assert portal.figures.availability == pytest.approx(20 / 24) and portal.figures.coverage == pytest.approx(0.5)
    assert portal.figures.no_data_s == pytest.approx(12 * 3600)
    assert len(portal.outages) == 1
    outage = portal.outages[0]
    assert outage.start == DAY + timedelta(hours=5)
    assert outage.end == DAY + timedelta(hours=9)
    assert portal.downtime == timedelta(hours=4)
    hall = by_name["信用平台-门户"]
    assert hall.figures.checks == 23 and hall.figures.failures == 0 and hall.figures.maintenance_checks == 1
    # The window was only the prober's (not kept as the team's): the flagged check's half hour is maintenance.
    assert hall.figures.maintenance_s == 1800 and hall.figures.coverage == pytest.approx(23 * 1800 / (86400 - 1800))
    assert data.platforms["credit"].availability == 1.0
    assert [o.cause for o in data.outages] == ["HTTP 状态异常"]
    warnings = [c for c in data.certificates if c.warning]
    assert [c.target for c in warnings] == ["信用平台-门户"] and warnings[0].days_left == 10
    assert [i.title for i in data.incidents] == ["网上大厅无法打开 <502> & 超时"]
    notes = " ".join(data.observations())
    assert "审批系统-网上大厅 可用率 83.33%" in notes and "证书将于" in notes


def test_report_reads_as_a_report_with_user_text_escaped(history, tmp_path):
    start, end = day_range(DAY.date(), DAY.date())
    with history.session() as session:
        data = gather_health(session, CATALOGUE, start, end, NOW, POLICY)
    target = render_health_report(data, tmp_path / "health.pdf", "李明", findings="网上大厅 <b>升级</b> 后 502 & 重启",
                                  recommendations="扩容负载均衡")
    text = text_of(target)
    for expected in ("平台健康评估报告", "评估期间：2026-06-01至2026-06-01", "审批系统-网上大厅", "三、中断事件",
                     "2026-06-0105:00", "网上大厅<b>升级</b>后502&重启", "扩容负载均衡", "评估人：李明",
                     "网上大厅无法打开<502>&超时", "即将到期", "第1页/共"):
        assert expected in text, expected
    assert fonts_embedded(target)


def test_a_period_without_results_gives_a_short_honest_report(store, tmp_path):
    start, end = day_range(DAY.date(), DAY.date())
    with store.session() as session:
        data = gather_health(session, CATALOGUE, start, end, NOW, POLICY)
    assert data.checks == 0 and data.targets == [] and data.outages == []
    text = text_of(render_health_report(data, tmp_path / "empty.pdf"))
    assert "本期没有巡检记录" in text and "本期没有登记故障" in text and "（未填写）" in text
    assert "二、可用率与响应时间" not in text


def test_demo_history_shows_its_outages_and_the_expiring_certificate(fixed_demo_data, tmp_path):
    now = FIXED_NOW  # the demo year's end
    store = open_store(DataDir(copy_demo(fixed_demo_data, tmp_path / "demo")))
    start, end = day_range(datetime(2026, 1, 1).date(), datetime(2026, 11, 21).date())
    try:
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(ProbeTargetRecord)) == 37
            data = gather_health(session, CATALOGUE, start, end, now, POLICY)
    finally:
        store.close()
    assert {o.target for o in data.outages} == {name for name, *_rest in demo_probes.OUTAGES}
    assert all(o.end is not None for o in data.outages)
    assert {c.days_left for c in data.certificates} == {12, 204}
    assert any(c.warning and c.days_left == 12 for c in data.certificates)
    assert data.platforms["approval"].maintenance_checks > 0
    assert 0.99 < data.platforms["credit"].availability < 1.0

"""`dzdesk incidents add|list|export` and `dzdesk stats`, run as the duty engineer's scripts run them."""

import csv
import json
import sqlite3
import uuid
from contextlib import closing
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from dzdesk.config import DataDir
from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.severity import Severity
from dzdesk.store import open_store
from dzdesk.store.complaint_repo import ComplaintDraft, save_complaint
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from tests.support.cli import run_dzdesk

SH = ZoneInfo("Asia/Shanghai")
CATALOGUE = load_catalogue()
CALENDAR = BusinessCalendar()
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=SH)


def sh(*args):
    return datetime(*args, tzinfo=SH)


def seed(root, incidents=(), complaints=(), deleted=()):
    """Stores faults and complaints the way the desk does; returns the ids of the faults, in order."""
    store = open_store(DataDir(root), author="测试工程师")
    try:
        with store.transaction() as session:
            ids = [add_incident(session, draft, CATALOGUE, CALENDAR, NOW).id for draft in incidents]
            for draft in complaints:
                save_complaint(session, draft, NOW)
        with store.transaction() as session:
            for index in deleted:
                session.get(Incident, ids[index]).deleted = True
    finally:
        store.close()
    return ids


def rows_in(root, table):
    with closing(sqlite3.connect(root / "dzdesk.sqlite3")) as db:
        return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# --- incidents add / list -------------------------------------------------------------------------------------


def test_add_prints_the_id_and_list_shows_every_time_in_dazhou_time(tmp_path):
    root = tmp_path / "desk"
    first = run_dzdesk("incidents", "add", "--data-dir", str(root), "--platform", "credit", "--severity", "minor",
                       "--module", "信用报告", "--title", "信用报告导出PDF中文乱码", "--district", "通川区",
                       "--reporter", "张伟", "--channel", "wechat", "--description", "部分汉字显示为方框",
                       "--reported-at", "2026-11-20 17:00")  # no offset: Dazhou time
    assert first.returncode == 0, first.stderr
    first_id = first.stdout.strip()
    assert str(uuid.UUID(first_id)) == first_id
    assert rows_in(root, "incidents") == 1
    # The fault and its history line, queued for the hub, and the mark that its report time was entered late.
    entered_late = datetime.now(UTC) - datetime(2026, 11, 20, 9, 0, tzinfo=UTC) >= timedelta(hours=24)
    assert rows_in(root, "outbox") == 2 + entered_late
    # Two more as the desk records them: one reported in UTC, one already answered and resolved.
    second_id, third_id = seed(root, [
        IncidentDraft(platform="approval", module="网上大厅", severity=Severity.URGENT, title="网上大厅首页无法打开",
                      reported_at=datetime(2026, 11, 20, 1, 30, tzinfo=UTC)),
        IncidentDraft(platform="credit", module="信用评价", severity=Severity.MAJOR, title="信用分计算结果与预期不符",
                      reported_at=sh(2026, 11, 19, 10, 0), responded_at=datetime(2026, 11, 19, 3, 0, tzinfo=UTC),
                      resolved_at=sh(2026, 11, 19, 15, 0), cause="扣分规则重复计入", resolution="修正去重逻辑"),
    ])

    listed = run_dzdesk("incidents", "list", "--json", "--data-dir", str(root))
    assert listed.returncode == 0, listed.stderr
    found = json.loads(listed.stdout)
    assert [i["id"] for i in found] == [first_id, second_id, third_id]  # newest report first
    wanted = ["id", "platform", "module", "severity", "status", "reported_at", "responded_at", "resolved_at",
              "response_due"]
    assert [{k: i[k] for k in wanted} for i in found] == [
        {"id": first_id, "platform": "credit", "module": "信用报告", "severity": "MINOR", "status": "new",
         "reported_at": "2026-11-20T17:00:00+08:00", "responded_at": None, "resolved_at": None,
         "response_due": "2026-11-23T12:00:00+08:00"},  # Friday evening: due Monday noon
        {"id": second_id, "platform": "approval", "module": "网上大厅", "severity": "URGENT", "status": "new",
         "reported_at": "2026-11-20T09:30:00+08:00", "responded_at": None, "resolved_at": None,
         "response_due": "2026-11-20T10:30:00+08:00"},
        {"id": third_id, "platform": "credit", "module": "信用评价", "severity": "MAJOR", "status": "resolved",
         "reported_at": "2026-11-19T10:00:00+08:00", "responded_at": "2026-11-19T11:00:00+08:00",
         "resolved_at": "2026-11-19T15:00:00+08:00", "response_due": "2026-11-19T12:00:00+08:00"},
    ]
    assert (found[0]["title"], found[0]["district"], found[0]["reporter"], found[0]["channel"]) == (
        "信用报告导出PDF中文乱码", "通川区", "张伟", "wechat")
    assert found[2]["closed_at"] is None


def test_a_bad_report_time_exits_2_and_writes_nothing(tmp_path):
    root = tmp_path / "desk"
    result = run_dzdesk("incidents", "add", "--data-dir", str(root), "--platform", "credit", "--severity", "MINOR",
                        "--title", "信用报告导出PDF中文乱码", "--reported-at", "2026-11-31 10:00")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "--reported-at" in result.stderr and "2026-11-31 10:00" in result.stderr
    assert not root.exists()


@pytest.mark.parametrize(("options", "message"), [
    (["--module", "网上大厅"], "not recorded: The module is not one of the platform's modules."),
    (["--reported-at", "2099-01-01 09:00"], "not recorded: The report time is in the future."),
])
def test_a_fault_the_rules_refuse_exits_2_and_is_not_stored(tmp_path, options, message):
    root = tmp_path / "desk"
    seed(root)
    result = run_dzdesk("incidents", "add", "--data-dir", str(root), "--platform", "credit", "--severity", "MINOR",
                        "--title", "企业账号无法登录", *options)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""
    assert rows_in(root, "incidents") == 0
    assert rows_in(root, "outbox") == 0


# --- incidents export -----------------------------------------------------------------------------------------


@pytest.fixture
def around_november(tmp_path):
    """Faults just inside and just outside 1-2 November in Dazhou time; returns the data directory and ids."""
    root = tmp_path / "desk"
    base = {"platform": "approval", "module": "综合受理", "severity": Severity.ADVISORY}
    ids = seed(root, [
        IncidentDraft(**base, title="十月最后一分钟", reported_at=sh(2026, 10, 31, 23, 59)),
        IncidentDraft(**base, title="十一月第一天凌晨", reported_at=datetime(2026, 10, 31, 16, 30, tzinfo=UTC)),
        IncidentDraft(**base, title="十一月二日深夜", reported_at=sh(2026, 11, 2, 23, 59)),
        IncidentDraft(**base, title="十一月三日零点", reported_at=datetime(2026, 11, 2, 16, 0, tzinfo=UTC)),
    ])
    return root, ids


def test_export_covers_both_days_of_the_period_in_dazhou_time(around_november, tmp_path):
    root, ids = around_november
    xlsx = tmp_path / "十一月初.xlsx"
    result = run_dzdesk("incidents", "export", "--data-dir", str(root), "--from", "2026-11-01", "--to", "2026-11-02",
                        "-o", str(xlsx))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"2 incidents written to {xlsx}"
    rows = list(load_workbook(xlsx)["故障记录"].iter_rows(values_only=True))
    headers = list(rows[0])
    assert headers[:2] == ["编号", "平台"] and "故障级别" in headers and "报告时间" in headers
    picked = [(r[headers.index("编号")], r[headers.index("标题")], r[headers.index("报告时间")],
               r[headers.index("故障级别")], r[headers.index("是否解决")]) for r in rows[1:]]
    assert picked == [
        (ids[1], "十一月第一天凌晨", "2026-11-01 00:30", "普通故障", "否"),
        (ids[2], "十一月二日深夜", "2026-11-02 23:59", "普通故障", "否"),
    ]

    plain = tmp_path / "十一月初.csv"
    result = run_dzdesk("incidents", "export", "--data-dir", str(root), "--from", "2026-11-01", "--to", "2026-11-02",
                        "--output", str(plain))
    assert result.returncode == 0, result.stderr
    assert plain.read_bytes().startswith(b"\xef\xbb\xbf")
    with plain.open(encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert table[0] == headers
    assert [(r[0], r[headers.index("报告时间")]) for r in table[1:]] == [
        (ids[1], "2026-11-01 00:30"), (ids[2], "2026-11-02 23:59")]


@pytest.mark.parametrize(("first", "last", "message"), [
    ("2026-13-01", "2026-11-02", "'2026-13-01' is not a date like 2026-11-21"),
    ("2026-11-02", "2026-11-01", "the period ends (2026-11-01) before it starts (2026-11-02)"),
])
def test_export_with_a_bad_period_exits_2_and_writes_no_file(tmp_path, first, last, message):
    target = tmp_path / "log.xlsx"
    result = run_dzdesk("incidents", "export", "--data-dir", str(tmp_path / "desk"), "--from", first, "--to", last,
                        "-o", str(target))
    assert result.returncode == 2
    assert message in result.stderr
    assert not target.exists()


def test_export_to_a_file_that_is_not_a_spreadsheet_fails_and_writes_nothing(around_november, tmp_path):
    root, _ = around_november
    target = tmp_path / "log.txt"
    result = run_dzdesk("incidents", "export", "--data-dir", str(root), "--from", "2026-11-01", "--to", "2026-11-02",
                        "-o", str(target))
    assert result.returncode == 1
    assert "choose a file ending in .xlsx or .csv" in result.stderr
    assert not target.exists()


# --- stats ----------------------------------------------------------------------------------------------------


def test_stats_of_a_year_as_fractions(tmp_path):
    root = tmp_path / "desk"
    seed(root, [
        # Answered in time (due 11:00) and resolved.
        IncidentDraft(platform="credit", module="信用报告", severity=Severity.URGENT, title="信用报告无法生成",
                      reported_at=sh(2026, 3, 2, 10, 0), responded_at=sh(2026, 3, 2, 10, 30),
                      resolved_at=sh(2026, 3, 2, 12, 0), cause="报告服务停止", resolution="重启报告服务"),
        # Answered half an hour late (due 12:00).
        IncidentDraft(platform="approval", module="网上大厅", severity=Severity.MAJOR, title="网上大厅登录缓慢",
                      reported_at=sh(2026, 3, 3, 10, 0), responded_at=sh(2026, 3, 3, 12, 30)),
        # Never answered; due the same day at 15:00.
        IncidentDraft(platform="approval", module="数字审图", severity=Severity.MINOR, title="审图意见导出缺页",
                      reported_at=sh(2026, 3, 4, 10, 0)),
        # Reported on New Year's night: due on Sunday 4 January, a working day, at 16:00; answered at 15:00.
        IncidentDraft(platform="credit", module="系统管理", severity=Severity.ADVISORY, title="咨询账号权限划分",
                      reported_at=sh(2026, 1, 1, 0, 30), responded_at=sh(2026, 1, 4, 15, 0),
                      resolved_at=sh(2026, 1, 5, 10, 0), cause="用户咨询", resolution="电话说明权限划分"),
        # The last half hour of 2025.
        IncidentDraft(platform="credit", module="信用报告", severity=Severity.URGENT, title="跨年夜的故障",
                      reported_at=sh(2025, 12, 31, 23, 30)),
        # Deleted.
        IncidentDraft(platform="credit", severity=Severity.URGENT, title="录错的故障", reported_at=sh(2026, 3, 5, 9)),
    ], complaints=[
        ComplaintDraft(channel=ComplaintChannel.PHONE, complainant="张伟", content="故障处理进度无人反馈。",
                       received_at=sh(2026, 2, 2, 10, 0), replied_at=sh(2026, 2, 5, 10, 0), outcome="指定专人反馈"),
        ComplaintDraft(channel=ComplaintChannel.FAX, complainant="王芳", content="培训资料未及时发放。",
                       received_at=sh(2026, 2, 10, 10, 0), replied_at=sh(2026, 2, 18, 10, 0), outcome="补发资料"),
        ComplaintDraft(channel=ComplaintChannel.EMAIL, complainant="刘洋", content="年度运维报告提交延迟。",
                       received_at=sh(2026, 3, 1, 10, 0)),
        ComplaintDraft(channel=ComplaintChannel.PHONE, complainant="陈静", content="上年的投诉。",
                       received_at=sh(2025, 12, 20, 10, 0)),
    ], deleted=[5])

    result = run_dzdesk("stats", "--year", "2026", "--json", "--data-dir", str(root))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert (figures["year"], figures["from"], figures["to"]) == (
        2026, "2026-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00")
    assert figures["as_of"].endswith("+08:00")
    assert {k: figures[k] for k in ("incidents", "responded", "responded_on_time", "breached", "resolved",
                                    "response_timeliness", "completion_rate")} == {
        "incidents": 4, "responded": 3, "responded_on_time": 2, "breached": 2, "resolved": 2,
        "response_timeliness": 0.5, "completion_rate": 0.5}
    assert figures["by_platform"] == {
        "approval": {"incidents": 2, "responded": 1, "responded_on_time": 0, "breached": 2, "resolved": 0,
                     "response_timeliness": 0.0, "completion_rate": 0.0},
        "credit": {"incidents": 2, "responded": 2, "responded_on_time": 2, "breached": 0, "resolved": 2,
                   "response_timeliness": 1.0, "completion_rate": 1.0},
    }
    assert list(figures["by_severity"]) == ["URGENT", "MAJOR", "MINOR", "ADVISORY"]
    assert figures["by_severity"]["MINOR"]["breached"] == 1
    # One answered within the week, one after eight days, one never answered.
    assert (figures["complaints"], figures["complaints_replied"], figures["complaints_overdue"]) == (3, 2, 2)
    assert figures["complaints_on_time"] == pytest.approx(1 / 3)

    text = run_dzdesk("stats", "--year", "2026", "--data-dir", str(root))
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines()[0] == "2026: 4 incidents, 3 answered (2 late or overdue), 2 resolved"
    assert "50.0 %" in text.stdout and "33.3 %" in text.stdout


def test_stats_of_a_year_without_records_has_no_rates(tmp_path):
    root = tmp_path / "desk"
    result = run_dzdesk("stats", "--year", "2024", "--json", "--data-dir", str(root))
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["incidents"] == 0 and figures["complaints"] == 0
    assert figures["response_timeliness"] is None
    assert figures["completion_rate"] is None
    assert figures["complaints_on_time"] is None
    assert figures["by_platform"] == {} and figures["by_severity"] == {}
    refused = run_dzdesk("stats", "--year", "1999", "--data-dir", str(root))
    assert refused.returncode == 2
    assert "give a year between 2000 and 2100" in refused.stderr


# --- the demo -------------------------------------------------------------------------------------------------


def test_demo_figures_agree_with_the_listed_faults(demo_copy):
    root = demo_copy
    stats = run_dzdesk("stats", "--year", "2026", "--json", "--data-dir", str(root))
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    listed = run_dzdesk("incidents", "list", "--json", "--data-dir", str(root))
    assert listed.returncode == 0, listed.stderr
    faults = json.loads(listed.stdout)

    def at(text):
        return datetime.fromisoformat(text)

    reported = [at(f["reported_at"]) for f in faults]
    assert reported == sorted(reported, reverse=True)
    as_of = at(figures["as_of"])

    def summary(group):
        responded = [f for f in group if f["responded_at"]]
        on_time = [f for f in responded if at(f["responded_at"]) <= at(f["response_due"])]
        overdue = [f for f in group if not f["responded_at"] and at(f["response_due"]) < as_of]
        resolved = [f for f in group if f["resolved_at"]]
        counted = len(responded) + len(overdue)
        return {"incidents": len(group), "responded": len(responded), "responded_on_time": len(on_time),
                "breached": len(responded) - len(on_time) + len(overdue), "resolved": len(resolved),
                "response_timeliness": len(on_time) / counted if counted else None,
                "completion_rate": len(resolved) / len(group)}

    year = [f for f in faults if at(f["reported_at"]).year == 2026]  # the offset is +08:00: Dazhou's year
    assert all(f["reported_at"].endswith("+08:00") and f["response_due"].endswith("+08:00") for f in faults)
    assert len(year) > 600
    assert {k: figures[k] for k in summary(year)} == pytest.approx(summary(year))
    for platform in ("credit", "approval"):
        assert figures["by_platform"][platform] == pytest.approx(
            summary([f for f in year if f["platform"] == platform]))
    for severity in ("URGENT", "MAJOR", "MINOR", "ADVISORY"):
        assert figures["by_severity"][severity] == pytest.approx(
            summary([f for f in year if f["severity"] == severity]))
    assert 0.9 < figures["response_timeliness"] < 1
    assert figures["complaints"] == 12

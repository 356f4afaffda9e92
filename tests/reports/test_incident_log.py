"""The incident log the contract asks for, as a spreadsheet for the customer: XLSX or CSV, Chinese headers,
Dazhou time, and never half a file."""

import csv
import gc
import shutil
import tempfile
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from dzdesk.config import DataDir
from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.incident import Channel, Status
from dzdesk.domain.severity import Severity
from dzdesk.reports.incident_log import export_incident_log
from dzdesk.reports.tabular import Column, ExportError, export_table
from dzdesk.store import open_store
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident, change_status, pause, resume

SH = ZoneInfo("Asia/Shanghai")
CATALOGUE = load_catalogue()
CALENDAR = BusinessCalendar()
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=SH)
START = datetime(2026, 11, 1, 0, 0, tzinfo=SH)
END = datetime(2026, 11, 21, 9, 0, tzinfo=SH)

HEADERS = [
    "编号", "平台", "模块/子系统", "区县", "科室/单位", "报告人", "联系方式", "报告渠道", "故障级别", "标题",
    "问题内容", "原因", "处理措施", "是否解决", "报告时间", "响应期限", "响应时间", "是否按时响应", "响应用时(小时)",
    "解决时间", "解决用时(小时)", "等待客户/第三方(小时)", "团队处理用时(小时)", "关闭时间", "处理人", "状态",
    "记录人", "时间更正与补录",
]


@pytest.fixture(scope="module")
def empty_database(tmp_path_factory):
    data_dir = DataDir(tmp_path_factory.mktemp("schema") / "data")
    open_store(data_dir).close()
    return data_dir.database


@pytest.fixture
def store(data_dir, empty_database):
    """An empty store of the current schema; its records are signed by 测试工程师."""
    shutil.copyfile(empty_database, data_dir.database)
    opened = open_store(data_dir, author="测试工程师")
    yield opened
    opened.close()


def sh(*args):
    return datetime(*args, tzinfo=SH)


def _add(session, **fields):
    return add_incident(session, IncidentDraft(**fields), CATALOGUE, CALENDAR, NOW)


@pytest.fixture
def log(store):
    """Three faults of the period, and three that are not in it; returns the ids of those in it."""
    with store.transaction() as session:
        # Reported at the first moment of the period, never answered.
        first = _add(session, platform="approval", module="联合验收", severity=Severity.MAJOR,
                     title="联合验收意见书生成错误", reported_at=sh(2026, 11, 1, 0, 0))
        # Answered in time, waited 1.5 h on the customer, resolved and closed; a formula-looking title and
        # control characters in the description.
        closed = _add(session, platform="credit", module="信用报告", severity=Severity.MINOR, title="=1+1",
                      description="第一行\n第二行\x07\x1b结束\t完", district="通川区", department="建管科",
                      reporter="张伟", reporter_contact="13980861234", channel=Channel.WECHAT, assignee="李明",
                      reported_at=sh(2026, 11, 20, 9, 0), responded_at=sh(2026, 11, 20, 9, 30))
        # Reported in the night (given in UTC), answered half an hour late.
        late = _add(session, platform="approval", module="网上大厅", severity=Severity.URGENT,
                    title="网上大厅首页无法打开", channel=Channel.PROBE,
                    reported_at=datetime(2026, 11, 20, 17, 0, tzinfo=UTC), responded_at=sh(2026, 11, 21, 2, 30))
        # Outside the period: the minute before it, the moment it ends; and a deleted fault inside it.
        _add(session, platform="credit", severity=Severity.ADVISORY, title="十月的咨询",
             reported_at=sh(2026, 10, 31, 23, 59))
        _add(session, platform="credit", severity=Severity.ADVISORY, title="期末的咨询", reported_at=END)
        gone = _add(session, platform="credit", severity=Severity.MINOR, title="已删除",
                    reported_at=sh(2026, 11, 10, 9))
        ids = [first.id, closed.id, late.id]
    with store.transaction() as session:
        session.get(Incident, gone.id).deleted = True
        record = session.get(Incident, closed.id)
        pause(session, record, sh(2026, 11, 20, 10, 0), "等待企业提供附件", CATALOGUE, NOW)
    with store.transaction() as session:
        record = session.get(Incident, closed.id)
        resume(session, record, sh(2026, 11, 20, 11, 30), CATALOGUE, NOW)
        change_status(session, record, Status.RESOLVED, sh(2026, 11, 20, 13, 0), CATALOGUE, NOW,
                      cause="缓存未失效", resolution="刷新缓存")
        change_status(session, record, Status.CLOSED, sh(2026, 11, 20, 15, 0), CATALOGUE, NOW)
    return ids


def export(store, path, start=START, end=END):
    with store.session() as session:
        return export_incident_log(session, CATALOGUE, start, end, path)


def expected_rows(ids, blank):
    """The rows as the customer reads them; `blank` is how an empty cell reads back."""
    first, closed, late = ids
    empty = dict.fromkeys(HEADERS, blank)
    return [
        empty | {"编号": first, "平台": "审批系统", "模块/子系统": "联合验收", "报告渠道": "电话",
                 "故障级别": "重要故障", "标题": "联合验收意见书生成错误", "是否解决": "否",
                 "报告时间": "2026-11-01 00:00", "响应期限": "2026-11-01 02:00", "状态": "新建",
                 "记录人": "测试工程师",
                 # Recorded twenty days after it was reported: entered late.
                 "时间更正与补录": "报告时间 2026-11-01 00:00（测试工程师 2026-11-21 10:00 录入，补录）"},
        empty | {"编号": closed, "平台": "信用平台", "模块/子系统": "信用报告", "区县": "通川区",
                 "科室/单位": "建管科", "报告人": "张伟", "联系方式": "13980861234", "报告渠道": "微信群",
                 "故障级别": "一般故障", "标题": "TITLE", "问题内容": "第一行\n第二行结束\t完", "原因": "缓存未失效",
                 "处理措施": "刷新缓存", "是否解决": "是", "报告时间": "2026-11-20 09:00",
                 "响应期限": "2026-11-20 14:00", "响应时间": "2026-11-20 09:30", "是否按时响应": "是",
                 "响应用时(小时)": 0.5, "解决时间": "2026-11-20 13:00", "解决用时(小时)": 4.0,
                 "等待客户/第三方(小时)": 1.5, "团队处理用时(小时)": 2.5, "关闭时间": "2026-11-20 15:00",
                 "处理人": "李明", "状态": "已关闭", "记录人": "测试工程师",
                 "时间更正与补录": "报告时间 2026-11-20 09:00（测试工程师 2026-11-21 10:00 录入，补录）\n"
                                   "响应时间 2026-11-20 09:30（测试工程师 2026-11-21 10:00 录入，补录）"},
        empty | {"编号": late, "平台": "审批系统", "模块/子系统": "网上大厅", "报告渠道": "巡检发现",
                 "故障级别": "紧急故障", "标题": "网上大厅首页无法打开", "是否解决": "否",
                 "报告时间": "2026-11-21 01:00", "响应期限": "2026-11-21 02:00", "响应时间": "2026-11-21 02:30",
                 "是否按时响应": "否", "响应用时(小时)": 1.5, "状态": "已响应", "记录人": "测试工程师"},
    ]


def test_xlsx_log_holds_every_fault_of_the_period_with_chinese_headers_and_dazhou_times(store, log, tmp_path):
    target = tmp_path / "故障记录.xlsx"
    assert export(store, target) == 3
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["故障记录"]
    sheet = workbook["故障记录"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 38
    found = [dict(zip(HEADERS, row, strict=True)) for row in rows[1:]]
    expected = expected_rows(log, None)
    assert found[1]["标题"].removeprefix("'") == "=1+1"  # see the test of formula-looking titles
    expected[1]["标题"] = found[1]["标题"]
    assert found == expected
    # Hours are numbers the customer can add up; times are text in Dazhou time.
    assert sheet.cell(row=3, column=HEADERS.index("响应用时(小时)") + 1).data_type == "n"
    assert sheet.cell(row=3, column=HEADERS.index("报告时间") + 1).data_type == "s"
    assert sheet.cell(row=3, column=HEADERS.index("联系方式") + 1).data_type == "s"


def test_a_formula_looking_title_stays_text_in_xlsx(store, log, tmp_path):
    target = tmp_path / "log.xlsx"
    export(store, target)
    cell = load_workbook(target)["故障记录"].cell(row=3, column=HEADERS.index("标题") + 1)
    assert cell.data_type == "s"  # never a formula
    assert cell.value.removeprefix("'") == "=1+1"


def test_csv_log_is_utf8_with_a_byte_order_mark(store, log, tmp_path):
    target = tmp_path / "故障记录.csv"
    assert export(store, target) == 3
    assert target.read_bytes().startswith(b"\xef\xbb\xbf" + "编号,平台".encode())
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == HEADERS
    expected = expected_rows(log, "")
    for row in expected:
        for header, value in row.items():
            row[header] = str(value) if isinstance(value, float) else value
    expected[1]["标题"] = "'=1+1"  # a leading apostrophe keeps a spreadsheet from running it
    assert [dict(zip(HEADERS, row, strict=True)) for row in rows[1:]] == expected
    assert expected[1]["响应用时(小时)"] == "0.5" and expected[1]["解决用时(小时)"] == "4.0"


def test_an_empty_period_gives_the_headers_only(store, log, tmp_path):
    target = tmp_path / "empty.csv"
    assert export(store, target, sh(2026, 9, 1), sh(2026, 10, 1)) == 0
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [HEADERS]


@pytest.mark.parametrize("name", ["log.txt", "log.xls", "log", "log.xlsx.bak"])
def test_a_wrong_suffix_is_refused_and_leaves_no_file(store, log, tmp_path, name):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError, match=r"choose a file ending in \.xlsx or \.csv"):
        export(store, folder / name)
    assert list(folder.iterdir()) == []


def test_a_missing_folder_is_refused_and_not_created(store, log, tmp_path):
    target = tmp_path / "missing" / "log.xlsx"
    with pytest.raises(ExportError, match="does not exist"):
        export(store, target)
    assert not target.parent.exists()


def test_a_target_that_is_a_folder_is_refused_and_leaves_nothing_behind(store, log, tmp_path):
    target = tmp_path / "log.xlsx"
    target.mkdir()
    with pytest.raises(ExportError, match="cannot write"):
        export(store, target)
    assert target.is_dir() and list(target.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "log.xlsx"]


def test_a_new_export_replaces_the_old_file(store, log, tmp_path):
    target = tmp_path / "log.csv"
    target.write_text("旧的导出", encoding="utf-8")
    export(store, target)
    assert target.read_text(encoding="utf-8-sig").startswith("编号,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "log.csv"]


# --- the table writer itself ----------------------------------------------------------------------------------

COLUMNS = [Column("名称", lambda r: r[0]), Column("数量", lambda r: r[1], 8)]


def read_xlsx(path):
    return [list(row) for row in load_workbook(path).active.iter_rows(values_only=True)]


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


CELLS = [
    ("=SUM(A1:A9)", 3),
    ("+86 139 8086 1234", 2.5),
    ("-5", None),
    ("-", 0),
    ("@所有人", -1),
    ("12", 12),
    ("a\x00b\x1fc\rd", 1),
    ("行1\n行2\t列", 1),
    ("", 1),
]


def test_xlsx_cells_keep_numbers_and_never_hold_formulas_or_control_characters(tmp_path):
    target = tmp_path / "t.XLSX"  # the suffix in any case
    assert export_table(target, "统计", COLUMNS, iter(CELLS)) == 9
    assert read_xlsx(target) == [  # formula-looking text is stored as typed, in a text cell (checked below)
        ["名称", "数量"],
        ["=SUM(A1:A9)", 3],
        ["+86 139 8086 1234", 2.5],
        ["-5", None],  # a number written as text is harmless
        ["-", 0],
        ["@所有人", -1],
        ["12", 12],
        ["abcd", 1],
        ["行1\n行2\t列", 1],
        [None, 1],
    ]
    sheet = load_workbook(target).active
    assert {sheet.cell(row=r, column=1).data_type for r in range(2, 10)} == {"s"}


def test_csv_cells_are_cleaned_the_same_way(tmp_path):
    target = tmp_path / "t.csv"
    assert export_table(target, "统计", COLUMNS, CELLS) == 9
    assert read_csv(target) == [
        ["名称", "数量"],
        ["'=SUM(A1:A9)", "3"],
        ["'+86 139 8086 1234", "2.5"],
        ["-5", ""],
        ["-", "0"],
        ["'@所有人", "-1"],
        ["12", "12"],
        ["abcd", "1"],
        ["行1\n行2\t列", "1"],
        ["", "1"],
    ]


def test_a_long_sheet_title_is_cut_to_what_spreadsheets_allow(tmp_path):
    target = tmp_path / "t.xlsx"
    export_table(target, "达州市工程建设领域信用信息平台与工程建设项目审批管理系统故障记录汇总表", COLUMNS, [])
    assert load_workbook(target).sheetnames == ["达州市工程建设领域信用信息平台与工程建设项目审批管理系统故障记"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_failure_half_way_leaves_the_existing_file_untouched(tmp_path, suffix):
    target = tmp_path / f"log{suffix}"
    target.write_bytes(b"previous export")

    def rows():
        yield ("网上大厅无法登录", 1)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        export_table(target, "故障记录", COLUMNS, rows())
    assert target.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == [f"log{suffix}"]


def test_a_failing_column_leaves_no_file(tmp_path):
    def broken(_row):
        raise KeyError("channel")

    with pytest.raises(KeyError):
        export_table(tmp_path / "log.xlsx", "故障记录", [Column("报告渠道", broken)], [("x",)])
    assert list(tmp_path.iterdir()) == []


def test_refusals_leave_an_existing_file_untouched(tmp_path):
    existing = tmp_path / "log.txt"
    existing.write_bytes(b"notes")
    with pytest.raises(ExportError):
        export_table(existing, "故障记录", COLUMNS, CELLS)
    assert existing.read_bytes() == b"notes"
    assert [p.name for p in tmp_path.iterdir()] == ["log.txt"]


def test_a_failed_xlsx_export_leaves_no_partial_sheet_in_the_temporary_folder(tmp_path, monkeypatch):
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))

    def rows():
        yield ("信用报告导出PDF中文乱码", 1)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        export_table(tmp_path / "log.xlsx", "故障记录", COLUMNS, rows())
    gc.collect()
    assert list(system_temp.iterdir()) == []

"""User text that looks like markup, holds control or direction characters, or runs to 100 000 characters, in every
PDF dzdesk makes: the visit report, the training sign-in sheet and attendance summary, the operations report, the
typical-cases handout, the indicator report and the health report (and the incident log, a spreadsheet).

reportlab's Paragraph reads its text as markup, so an unescaped `<b>` turns bold, an unclosed `<i>` stops the whole
report, and `&amp;` prints as `&`. Each PDF here is written for real, opened with pypdfium2 and its text extracted:
the markup must be there as typed, no control character may be left, and a field of 100 000 characters must be cut
with a note rather than stop the report or take minutes (a report shows the first MAX_FIELD_CHARS of a field).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pypdfium2
import pytest
from openpyxl import load_workbook

from dzdesk.config import DataDir, Settings
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.indicators import FlagKind, Indicator, Unit
from dzdesk.domain.observed import Observation, observed_figures
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import year_range
from dzdesk.domain.training import Attendance
from dzdesk.reports import training_sheets
from dzdesk.reports.cases_handout import render_handout
from dzdesk.reports.health_report import (
    CertificateRow,
    HealthData,
    IncidentRow,
    OutageRow,
    TargetHealth,
    render_health_report,
)
from dzdesk.reports.incident_log import export_incident_log
from dzdesk.reports.indicator_report import gather_indicator_month, render_indicator_report
from dzdesk.reports.operations_data import gather_operations, typical_cases
from dzdesk.reports.operations_report import ReportMeta, render_operations_report
from dzdesk.reports.pdf_base import MAX_FIELD_CHARS
from dzdesk.reports.training_sheets import SheetData
from dzdesk.reports.visit_report import Photo, VisitReportData, render_visit_report
from dzdesk.store import Store, open_store
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.indicator_repo import save_definition, save_note, save_values

CATALOGUE = load_catalogue()
NOW = datetime(2026, 11, 21, 12, tzinfo=UTC)
YEAR = year_range(2026)

# Markup reportlab would read: tags (closed, unclosed, its own <para>), entities, a CDATA end, an image tag.
MARKUP = ('<b>粗体</b> <font color="red" size="40">红字</font> &amp; &lt;x&gt; &#x41; &nbsp; <para>段落</para> '
          '<i>未闭合 <br/> ]]> <img src="/etc/passwd"/> <a href="http://example.com">链接</a>')
SHOWN = MARKUP  # what a reader must see, character for character
CONTROLS = "".join(chr(c) for c in [*range(9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0)])
CONTROL_TEXT = f"控制{CONTROLS}字符"
DIRECTION = "\u202e反转\u202c \u200b零宽\u200d空格 \u2066隔离\u2069 \ufeff标记"
LONG = "长" * 100_000
CUT_NOTE = f"（以下省略 {100_000 - MAX_FIELD_CHARS} 字）"
# Control characters a PDF's text must not hold; pdfium itself ends lines with \r\n.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


TAG = "<b>粗</b>&amp;<i>"  # markup that fits a field of 40 characters
TAG_CONTROLS = "\x00\x1b\x7f\x85"


def hostile(label: str) -> str:
    """A text field: a label to find it by, the markup, control and direction characters."""
    return f"{label}{MARKUP}{CONTROL_TEXT}{DIRECTION}"


def hostile_short(label: str) -> str:
    """A field of at most 40 characters (a district, a module): a label, some markup and control characters."""
    return f"{label}{TAG}{TAG_CONTROLS}"


def pdf_text(path: Path) -> str:
    """The text a reader (or a search) gets from the PDF, as pdfium extracts it, page after page."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        assert len(document) >= 1
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\n".join(pages)
    finally:
        document.close()


def squeezed(text: str) -> str:
    """Without white space: lines wrap anywhere in CJK text, so a phrase may be split across lines."""
    return re.sub(r"\s+", "", text)


def assert_shown_as_typed(path: Path, labels: list[str], short: tuple[str, ...] = (), long_field: bool = True) -> str:
    """The PDF opens; the fields named by `labels` (made by `hostile`) and `short` (by `hostile_short`) show their
    markup as typed, with no control character; the 100 000-character field is cut with its note."""
    assert path.read_bytes().startswith(b"%PDF-")
    text = pdf_text(path)
    flat = squeezed(text)
    assert not FORBIDDEN.search(text), sorted({hex(ord(c)) for c in FORBIDDEN.findall(text)})
    for label in labels:
        assert squeezed(f"{label}{SHOWN}控制字符") in flat, f"{label}: markup not shown as typed"
    for label in short:
        assert f"{label}{TAG}" in flat, f"{label}: markup not shown as typed"
    # pdfium turns some control characters into white space, which `flat` would hide: the text typed as
    # 控制<controls>字符 must come out as 控制字符, or broken by a plain line break where the line wrapped.
    assert not re.search(r"控制(?!(\r\n)?字符)", text), text[text.find("控制"):][:20]
    if labels:
        assert all(word in flat for word in ("反转", "零宽", "空格", "隔离"))
    if long_field:
        assert squeezed(CUT_NOTE) in flat
        assert "长" * 200 in flat
    return text


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Faults (two of them typical cases) and indicator figures whose every text field is hostile."""
    store = open_store(DataDir(tmp_path_factory.mktemp("hostile") / "data").ensure(), author=hostile("作者"))
    calendar = Settings().calendar()
    with store.transaction() as session:
        for n, severity in enumerate((Severity.URGENT, Severity.MAJOR, Severity.MINOR)):
            reported = datetime(2026, 3 + n, 10, 9, 30, tzinfo=SHANGHAI)
            add_incident(session, IncidentDraft(
                platform="credit", severity=severity, title=hostile_short(f"标题{n}"), reported_at=reported,
                module="信用报告", district=hostile_short(f"区县{n}"),
                department=hostile_short(f"科室{n}"), reporter=hostile_short(f"报告人{n}"),
                description=LONG if n == 0 else hostile(f"描述{n}"), cause=hostile(f"原因{n}"),
                resolution=hostile(f"处理{n}"), lesson=hostile(f"教训{n}"), typical=n < 2,
                responded_at=reported + timedelta(minutes=20), resolved_at=reported + timedelta(hours=2)),
                CATALOGUE, calendar, NOW)
        indicator = Indicator("hostile", hostile("指标"), Unit.ITEMS, True, 10.0, 5.0)
        save_definition(session, indicator)
        areas = list(CATALOGUE.districts)
        save_values(session, "2026-09", dict.fromkeys(((a, "hostile") for a in areas), 100.0), hostile("来源"))
        save_values(session, "2026-10", dict.fromkeys(((a, "hostile") for a in areas), 5.0), hostile("来源"))
        save_note(session, "2026-10", areas[0], "hostile", str(FlagKind.MOVED), hostile("指标原因"), LONG)
    yield store
    store.close()


# -- the reports -------------------------------------------------------------------------------------------------
def test_visit_report(tmp_path: Path) -> None:
    data = VisitReportData(
        report_number=hostile("编号")[:60], service_title=hostile("服务"), office=hostile("单位"),
        department=hostile("科室"), district=hostile("区县"), address=hostile("地址"), platforms=hostile("平台"),
        categories=hostile("类别"), engineers=hostile("工程师"), contact=hostile("联系人"),
        arrived_at="2026-11-20 09:00", departed_at="2026-11-20 11:00", work_done=LONG, problems_found=hostile("问题"),
        follow_ups=[(hostile("后续"), "2026-12-01", False)],
        incidents=[("abcd1234", "一般", hostile("故障"), "处理中", "2026-11-20 09:30")],
        photos=[Photo(None, hostile("照片"), hostile("说明"))], files=[(hostile("文件"), hostile("附注"))],
        amendments=[("2026-11-21 10:00", hostile("修订人"), hostile("修订"))], signer=hostile("签字人"),
        signed_at="2026-11-20 11:00")
    path = render_visit_report(data, tmp_path / "visit.pdf", NOW)
    assert_shown_as_typed(path, ["服务", "单位", "科室", "区县", "地址", "平台", "类别", "工程师", "联系人", "问题",
                                 "后续", "故障", "照片", "文件", "附注", "修订人", "修订", "签字人"])


def sheet(people: int = 3) -> SheetData:
    return SheetData(
        title=hostile("培训"), when="2026-11-20 09:00 – 11:00", venue=hostile("地点"), platforms=hostile("平台"),
        kind="现场培训", trainers=hostile("讲师"), modules=LONG,
        people=[(hostile(f"姓名{n}"), hostile(f"单位{n}"), hostile(f"部门{n}"), hostile(f"电话{n}"), "已签到", "09:05")
                for n in range(people)],
        statuses=[Attendance.PRESENT] * people)


@pytest.mark.parametrize("kind", ["sign-in", "summary"])
def test_training_sheets(kind: str, tmp_path: Path) -> None:
    data = sheet()
    story = training_sheets.sign_in_story(data) if kind == "sign-in" else training_sheets.summary_story(data)
    path = training_sheets.render(story, f"培训签到表 {data.title}", tmp_path / f"{kind}.pdf", NOW)
    people = ["姓名0", "单位1", "电话2"] + (["部门0"] if kind == "sign-in" else [])
    assert_shown_as_typed(path, ["培训", "地点", "平台", "讲师", *people])


def test_operations_report(hostile_store: Store, tmp_path: Path) -> None:
    with hostile_store.session() as session:
        data = gather_operations(session, CATALOGUE, *YEAR, NOW)
    meta = ReportMeta("annual", "2026 年", hostile("团队"), hostile("编制"))
    path = render_operations_report(data, meta, tmp_path / "annual.pdf")
    assert_shown_as_typed(path, ["团队", "编制", "原因0", "处理1", "教训0", "描述1"],
                          short=("标题0", "标题1", "标题2", "区县2"))  # the appendix lists every fault


def test_typical_cases_handout(hostile_store: Store, tmp_path: Path) -> None:
    with hostile_store.session() as session:
        cases = typical_cases(session, *YEAR)
    assert len(cases) == 2
    path = render_handout(cases, {p.code: p.short_name for p in CATALOGUE.platforms}, *YEAR, NOW,
                          tmp_path / "handout.pdf")
    assert_shown_as_typed(path, ["原因0", "原因1", "处理0", "教训1", "描述1"], short=("标题0", "标题1"))


def test_indicator_report(hostile_store: Store, tmp_path: Path) -> None:
    with hostile_store.session() as session:
        data = gather_indicator_month(session, "2026-10", list(CATALOGUE.districts))
    assert data.flags
    path = render_indicator_report(data, NOW, tmp_path / "indicators.pdf")
    text = assert_shown_as_typed(path, ["指标", "指标原因"])
    assert squeezed(text).count(squeezed(f"指标{SHOWN}控制字符")) >= 2  # the column header and the chart title


def test_health_report(tmp_path: Path) -> None:
    start, end = datetime(2026, 10, 1, tzinfo=SHANGHAI), datetime(2026, 11, 1, tzinfo=SHANGHAI)
    # A vantage point's name and network come from the laptops and watchers of the team, through the hub.
    vantage = hostile_short("观测点")
    results = [Observation(start + timedelta(hours=n), n != 1, 100.0, False, vantage, 900) for n in range(3)]
    figures = observed_figures(results, start, end)
    data = HealthData(start, end, NOW, {"credit": "信用平台", "approval": "审批系统"},
                      vantages={vantage: f"值守程序 {vantage}（{hostile_short('网络')}）"},
                      platforms={"credit": figures},
                      targets=[TargetHealth(hostile("目标"), "credit", hostile("子系统"), figures, [], timedelta())],
                      outages=[OutageRow(hostile("中断目标"), "credit", start + timedelta(days=3), None,
                                         timedelta(hours=5), hostile("首个异常"))],
                      certificates=[CertificateRow(hostile("证书目标"), end + timedelta(days=10), 5,
                                                   hostile("签发机构"), 30)],
                      incidents=[IncidentRow("abcd1234", Severity.URGENT, "credit", hostile("平台模块"),
                                             hostile("故障标题"), start + timedelta(days=4), "处理中")],
                      daily_latency={"credit": [(start.date(), 100.0), (start.date() + timedelta(days=1), 90.0)]})
    # Findings are typed in a form or on the command line, where undecodable bytes arrive as lone surrogates.
    path = render_health_report(data, tmp_path / "health.pdf", author=hostile("评估人"),
                                findings=LONG + "\udcff\ud800", recommendations=hostile("建议") + "\udcfe")
    assert_shown_as_typed(path, ["目标", "中断目标", "首个异常", "证书目标", "签发机构", "故障标题", "建议", "评估人"],
                          short=("观测点", "网络"))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_incident_log(hostile_store: Store, tmp_path: Path, suffix: str) -> None:
    """The incident log is a spreadsheet, not a PDF: no markup is read there, but control characters are refused
    by spreadsheet programs and text starting like a formula must stay text."""
    with hostile_store.session() as session:
        count = export_incident_log(session, CATALOGUE, *YEAR, tmp_path / f"log{suffix}")
    assert count == 3
    if suffix == ".xlsx":
        rows = [list(row) for row in load_workbook(tmp_path / "log.xlsx").active.iter_rows(values_only=True)]
    else:
        with (tmp_path / "log.csv").open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    cells = [str(c) for row in rows[1:] for c in row if c is not None]
    assert f"标题0{TAG}" in cells and f"描述1{MARKUP}控制字符{DIRECTION}" in cells
    assert not any(FORBIDDEN.search(c) for c in cells)
    [long_cell] = [c for c in cells if c.startswith("长长长")]
    if suffix == ".csv":
        assert long_cell == LONG
    else:  # a cell holds 32 767 characters; the rest is cut with a note, not silently
        cut = re.fullmatch(r"(长+)……（以下省略 (\d+) 字，全文见 CSV 导出）", long_cell)
        assert cut is not None and len(long_cell) <= 32_767
        assert len(cut.group(1)) + int(cut.group(2)) == 100_000

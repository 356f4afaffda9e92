"""The operations report (annual, quarterly, monthly): its figures against the rest of dzdesk, the PDF as a reader
sees it, the XLSX of figures, and the period boundaries it is built on."""

import re
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from openpyxl import load_workbook
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import KeepTogether, PageBreak
from sqlalchemy import false, func, select

from dzdesk.config import DataDir, Settings
from dzdesk.demo.incidents import LESSONS
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import month_range, parse_month, quarter_range, year_range
from dzdesk.reports.charts import bar_chart, column_chart
from dzdesk.reports.contents import Contents, build_with_contents, headings
from dzdesk.reports.figures import period_figures, training_figures
from dzdesk.reports.listing import Listing, _Glyphs, wrap_text
from dzdesk.reports.operations_data import gather_operations
from dzdesk.reports.operations_report import WIDTH, ReportMeta, operations_story, render_operations_report
from dzdesk.reports.operations_xlsx import export_figures, figure_sheets
from dzdesk.reports.pdf_base import markup, para, register_font
from dzdesk.reports.tabular import ExportError
from dzdesk.store import open_store
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.training_models import Training
from tests.support.demo import FIXED_NOW, copy_demo

CATALOGUE = load_catalogue()
NOW = FIXED_NOW  # the demo year's end
YEAR = year_range(2026)
ANNUAL = ReportMeta("annual", "2026 年", "达州运维一组", "李明")
CHAPTERS = ["一、总体情况", "二、故障处理情况", "三、上门服务情况", "四、培训情况", "五、投诉处理情况",
            "六、平台可用性", "七、典型案例", "附录：故障清单"]


def raw_text(path, *options):
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout


def text_of(path):
    return "".join(ch for ch in raw_text(path) if ch not in " \n")


def page_count(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def fonts_embedded(path):
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return bool(rows) and all(row.split()[-5] == "yes" for row in rows)


def drawings(flowables):
    """The charts of a story, also those kept together with their heading."""
    for flowable in flowables:
        if isinstance(flowable, Drawing):
            yield flowable
        elif isinstance(flowable, KeepTogether):
            yield from drawings(flowable._content)


def sheet_rows(workbook, name):
    return list(workbook[name].iter_rows(values_only=True))


@pytest.fixture(scope="module")
def demo_store(fixed_demo_data, tmp_path_factory):
    store = open_store(DataDir(copy_demo(fixed_demo_data, tmp_path_factory.mktemp("demo") / "data")))
    yield store
    store.close()


@pytest.fixture(scope="module")
def annual(demo_store):
    with demo_store.session() as session:
        return gather_operations(session, CATALOGUE, *YEAR, NOW)


@pytest.fixture(scope="module")
def annual_pdf(annual, tmp_path_factory):
    target = tmp_path_factory.mktemp("annual") / "annual.pdf"
    started = time.monotonic()
    render_operations_report(annual, ANNUAL, target)
    return target, time.monotonic() - started


def test_annual_figures_are_those_of_stats_and_the_dashboard(demo_store, annual):
    with demo_store.session() as session:
        figures = period_figures(session, *YEAR, NOW)
        trainings = training_figures(session, *YEAR, NOW)
    assert annual.figures.incidents.total > 500
    assert annual.figures.incidents == figures.incidents
    assert annual.figures.incidents.timeliness == figures.incidents.timeliness
    assert annual.figures.incidents.completion == figures.incidents.completion
    assert annual.figures.complaints.on_time == figures.complaints.on_time
    assert annual.figures.by_platform == figures.by_platform
    assert annual.figures.by_severity == figures.by_severity
    assert annual.trainings.overall == trainings.overall
    assert annual.training_sessions == trainings.overall.sessions
    assert annual.figures.complaints.total == sum(annual.complaints_by_channel.values())


def test_annual_breakdowns_add_up(annual):
    total = annual.figures.incidents.total
    assert sum(annual.incidents_by_severity.values()) == total
    assert set(annual.incidents_by_severity) <= {s.value for s in Severity}
    assert {k: v.total for k, v in annual.figures.by_severity.items()} == dict(annual.incidents_by_severity)
    assert sum(annual.incidents_by_month.values()) == total
    assert set(annual.incidents_by_month) <= set(annual.months())
    assert annual.months() == [f"2026-{m:02d}" for m in range(1, 12)]  # up to `now`, November
    assert sum(annual.incidents_by_platform.values()) == total
    assert sum(annual.incidents_by_module.values()) == total
    assert sum(annual.incidents_by_district.values()) == total
    assert set(annual.availability) == {"credit", "approval"}
    for code, figures in annual.availability.items():
        assert figures.checks > figures.failures >= 0
        assert 0 < figures.coverage <= 1 and 0.9 < figures.availability <= 1
        targets = [t.figures for t in annual.target_availability if t.platform == code]
        assert sum(f.checks for f in targets) == figures.checks
        assert sum(f.observed_s for f in targets) == pytest.approx(figures.observed_s)


def test_typical_cases_are_the_demos_with_their_lessons(annual):
    cases = annual.typical_cases
    assert cases
    assert {c.title for c in cases} <= set(LESSONS)
    assert len({c.title for c in cases}) == len(cases)
    for case in cases:
        assert case.lesson == LESSONS[case.title]
        assert case.cause and case.resolution  # only resolved faults are taught from
    assert [c.reported_at for c in cases] == sorted(c.reported_at for c in cases)


def test_appendix_lists_every_incident_once_in_time_order(demo_store, annual):
    with demo_store.session() as session:
        stored = session.scalar(select(func.count()).select_from(Incident).where(
            Incident.deleted == false(), Incident.reported_at >= YEAR[0], Incident.reported_at < YEAR[1]))
    lines = annual.incidents
    assert len(lines) == stored == annual.figures.incidents.total
    assert len({line.number for line in lines}) == len(lines)
    assert [line.reported_at for line in lines] == sorted(line.reported_at for line in lines)
    inc = annual.figures.incidents
    assert sum(line.on_time is True for line in lines) == inc.responded_on_time
    assert sum(line.on_time is False for line in lines) == inc.breached
    assert sum(line.resolved for line in lines) == inc.resolved


def test_annual_pdf_reads_as_a_report(annual, annual_pdf):
    target, seconds = annual_pdf
    assert seconds < 15
    text = text_of(target)
    for expected in ("2026年年度运维报告", "目录", "合同承诺与本期结果", "故障响应及时率", "故障解决率",
                     "投诉一周内答复率", *CHAPTERS):
        assert expected in text, expected
    rate = annual.figures.incidents.timeliness
    assert f"{rate.value * 100:.1f}%" in text and f"{rate.numerator}/{rate.denominator}" in text
    for case in annual.typical_cases:
        assert case.lesson.replace(" ", "") in text
    pages = page_count(target)
    assert pages > 5
    assert "第1页/共" in text
    assert f"第1页/共{pages}页" in text and f"第{pages}页/共{pages}页" in text


def contents_listed(target, chapters=CHAPTERS):
    """The page each chapter is listed on in the contents (page 2), checked against the page it starts on."""
    pages = raw_text(target, "-layout").split("\f")
    assert pages[1].lstrip().startswith("目录")
    listed = {}
    for line in pages[1].splitlines():
        found = re.match(r"\s*(\S+?)[\s.]*?(\d+)\s*$", line)
        if found and found.group(1) in chapters:
            listed[found.group(1)] = int(found.group(2))
    assert set(listed) == set(chapters)
    for title, page in listed.items():
        starts = next(n for n, text in enumerate(pages, 1) if n > 2 and re.search(rf"^\s*{title}\s*$", text, re.M))
        assert page == starts, title
    assert list(listed.values()) == sorted(listed.values())
    return listed


def _pdf_string(raw):
    """A PDF literal string's text (reportlab writes outline titles as escaped UTF-16)."""
    out, index = bytearray(), 0
    while index < len(raw):
        if raw[index] == 0x5C:
            octal = re.match(rb"[0-7]{1,3}", raw[index + 1:index + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                index += 1 + len(octal.group())
                continue
            nxt = raw[index + 1:index + 2]
            out += {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(nxt, nxt)
            index += 2
            continue
        out.append(raw[index])
        index += 1
    data = bytes(out)
    return data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1")


def outline(target):
    """The PDF's bookmarks, title -> the page (from 1) each one opens."""
    data = target.read_bytes()
    kids = re.search(rb"/Kids \[([^\]]*)\]", data).group(1)
    pages = {int(n): index for index, n in enumerate(re.findall(rb"(\d+) 0 R", kids), 1)}
    found = {}
    for body in re.findall(rb"\d+ 0 obj\n<<\n(.*?)\n>>\nendobj", data, re.S):
        dest = re.search(rb"/Dest \[ (\d+) 0 R", body)
        title = re.search(rb"/Title \(((?:\\.|[^\\)])*)\)", body, re.S)
        if dest and title and b"/Parent" in body:
            found[_pdf_string(title.group(1))] = pages[int(dest.group(1))]
    return found


def test_contents_lists_each_chapter_with_the_page_it_starts_on(annual_pdf):
    target, _seconds = annual_pdf
    contents_listed(target)


def test_bookmarks_open_the_page_each_heading_is_on(annual_pdf):
    """Headings are bookmarked when their page is written, so each bookmark opens its own page (made during
    layout, they all opened one page: the numbered canvas writes its pages only at the end)."""
    target, _seconds = annual_pdf
    listed = contents_listed(target)
    bookmarks = outline(target)
    for title, page in listed.items():
        assert bookmarks[title] == page, title
    assert "（一）按故障等级" in bookmarks and "合同承诺与本期结果" in bookmarks


def test_appendix_prints_every_incident_in_time_order(annual, annual_pdf):
    target, _seconds = annual_pdf
    pages = raw_text(target, "-layout").split("\f")
    first = next(n for n, text in enumerate(pages) if n > 2 and re.search(r"^\s*附录：故障清单\s*$", text, re.M))
    appendix = "\n".join(pages[first:])
    printed = re.findall(r"^\s*([0-9a-f]{8})\s+20\d\d-\d\d-\d\d \d\d:\d\d\s", appendix, re.M)
    assert printed == [line.number for line in annual.incidents]
    assert appendix.count("编号") == len(pages) - first - 1  # the header on every page of the appendix


def test_appendix_keeps_within_the_page_and_lists_the_catalogue_on_one_line(annual):
    listing = operations_story(annual, ANNUAL)[-1]
    assert isinstance(listing, Listing)
    assert listing.width == pytest.approx(WIDTH)
    one_line = [listing.layout.cells[n][column] for n in range(len(listing)) for column in (0, 1, 2, 3, 4, 6, 7)]
    assert all(len(lines) == 1 for lines in one_line)


def test_a_contents_not_settled_in_one_pass_is_made_by_reportlab(annual, tmp_path, monkeypatch):
    """Should the headings laid out ever differ from those the contents was made from, the report is laid out
    again with reportlab's TableOfContents, and still lists the right pages."""
    monkeypatch.setattr(Contents, "settled", property(lambda self: False))
    target = render_operations_report(annual, ANNUAL, tmp_path / "fallback.pdf")
    contents_listed(target)
    assert [p.name for p in tmp_path.iterdir()] == ["fallback.pdf"]


def test_one_pass_contents_on_pages_of_its_own(tmp_path):
    """Headings inside KeepTogether are found; a contents longer than a page runs on, and every number is right."""
    body = []
    for chapter in range(40):
        body += [markup(f"第{chapter}章", "chapter"), para("正文 " * 200)]
        body.append(KeepTogether([markup(f"第{chapter}章第一节", "section"), para("小节")]))
    contents = Contents(body)
    assert [h.getPlainText() for h in headings(body)][:3] == ["第0章", "第0章第一节", "第1章"]
    story = [markup("目录", "title"), *contents.lines(), PageBreak(), *body]
    target = build_with_contents(story, contents, tmp_path / "long.pdf", "长", "页脚")
    pages = raw_text(target, "-layout").split("\f")
    listed = {}
    for text in pages[:4]:
        for line in text.splitlines():
            found = re.match(r"\s*(第\d+章(?:第一节)?)[\s.]*?(\d+)\s*$", line)
            if found:
                listed[found.group(1)] = int(found.group(2))
    assert len(listed) == 80
    for title, page in listed.items():
        starts = next(n for n, text in enumerate(pages, 1) if re.search(rf"^\s*{title}\s*$", text, re.M))
        assert page == starts, title
    assert outline(target) == listed


def test_listing_lines_fit_their_column_and_keep_the_text():
    glyphs = _Glyphs(getFont(register_font()), 9)
    for text, width in (("网上大厅上传材料时提示文件格式不正确，请重新上传。", 60),
                        ("a plain English title that wraps", 50), ("Supercalifragilisticexpialidocious", 40),
                        ("短", 40), ("", 40), ("第一行\n第二行", 100)):
        lines = wrap_text(text, width, glyphs)
        assert all(glyphs.width(line) <= width for line in lines if len(line) > 1), lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "").replace("\n", "")
        assert not any(line.startswith(("，", "。")) for line in lines)
    assert wrap_text("a plain English title", 50, glyphs)[0] == "a plain"


def test_listing_splits_into_pieces_that_fit_and_keep_every_row():
    rows = [[f"{n:04d}", "标题" * (1 + n % 7), "是"] for n in range(500)]
    listing = Listing(["编号", "标题", "已解决"], rows, [20 * mm, 40 * mm, 15 * mm])
    pieces, rest = [], listing
    while True:
        split = rest.split(listing.width, 700)
        if not split:
            pieces.append(rest)
            break
        first, rest = split
        assert first.wrap(listing.width, 700)[1] <= 700
        pieces.append(first)
    assert len(pieces) > 3
    assert [(p.first, p.last) for p in pieces] == list(zip([0, *[p.last for p in pieces[:-1]]],
                                                          [p.last for p in pieces], strict=True))
    assert pieces[-1].last == 500 and sum(map(len, pieces)) == 500
    assert rest.wrap(listing.width, 700)[1] <= 700


def test_database_counts_match_the_shared_figures(demo_store, annual):
    """Training is counted in SQL for the report: the same figures as dzdesk's own. Availability is over observed
    time, from every result of the period so far: each is a check, counted or made during maintenance."""
    with demo_store.session() as session:
        trainings = training_figures(session, *YEAR, NOW)
        joined = session.execute(
            select(ProbeTargetRecord.platform, func.count()).select_from(ProbeResult)
            .join(ProbeTargetRecord, ProbeTargetRecord.id == ProbeResult.target_id)
            .where(ProbeResult.started_at >= YEAR[0], ProbeResult.started_at < NOW)
            .group_by(ProbeTargetRecord.platform)).all()
    assert annual.trainings == trainings
    assert {code: f.checks + f.maintenance_checks for code, f in annual.availability.items()} == dict(joined)
    by_month = {}
    for (month, _severity), count in annual.incidents_by_month_severity.items():
        by_month[month] = by_month.get(month, 0) + count
    assert by_month == dict(annual.incidents_by_month)


def test_annual_pdf_embeds_every_font(annual_pdf):
    target, _seconds = annual_pdf
    assert fonts_embedded(target)


def test_platform_scope_keeps_to_that_platform(demo_store):
    with demo_store.session() as session:
        data = gather_operations(session, CATALOGUE, *YEAR, NOW, platform="credit")
        figures = period_figures(session, *YEAR, NOW, platform="credit")
    assert data.incidents and all(line.platform == "credit" for line in data.incidents)
    assert data.figures.incidents == figures.incidents
    assert len(data.incidents) == figures.incidents.total
    assert sum(data.incidents_by_platform.values()) == figures.incidents.total
    assert set(data.incidents_by_platform) == set(data.figures.by_platform) == {"credit"}
    assert all(case.platform == "credit" for case in data.typical_cases)
    assert set(data.availability) == {"credit"}


def test_platform_scope_keeps_training_to_that_platform(demo_store):
    with demo_store.session() as session:
        data = gather_operations(session, CATALOGUE, *YEAR, NOW, platform="credit")
        held = session.scalars(select(Training.platforms).where(
            Training.deleted == false(), Training.starts_at >= YEAR[0], Training.starts_at < YEAR[1],
            Training.starts_at <= NOW)).all()
    credit = [p for p in held if "credit" in p.split(",")]
    assert len(credit) < len(held)  # the demo has approval-only sessions
    assert data.training_sessions == len(credit)
    assert set(data.trainings.by_platform) <= {"credit"}


def test_a_year_without_records_says_so_without_charts(demo_store, tmp_path):
    with demo_store.session() as session:
        data = gather_operations(session, CATALOGUE, *year_range(2019), NOW)
    assert data.empty and not data.incidents and not data.typical_cases
    assert not list(drawings(operations_story(data, ReportMeta("annual", "2019 年", "", ""))))
    target = render_operations_report(data, ReportMeta("annual", "2019 年", "", ""), tmp_path / "2019.pdf")
    text = text_of(target)
    assert page_count(target) <= 5
    assert "2019年年度运维报告" in text and "统计期间：2019-01-01至2019-12-31" in text
    assert "本期没有故障、上门服务、培训、投诉和巡检记录" in text
    for quiet in ("本期没有故障记录", "本期没有上门服务记录", "本期没有举办培训", "本期没有收到投诉",
                  "本期没有巡检记录", "本期没有标记为典型案例的故障"):
        assert quiet in text, quiet
    assert "合同承诺与本期结果" not in text and "（未填写）" in text


def test_the_full_report_has_charts(annual):
    """The counterpart of the empty year: the same walk finds the charts of a year with records."""
    assert len(list(drawings(operations_story(annual, ANNUAL)))) >= 5


def test_charts_are_none_when_there_is_nothing_to_draw():
    assert column_chart([], [], 300) is None
    assert column_chart(["1月", "2月"], [], 300) is None
    assert column_chart(["1月", "2月"], [("紧急", [0, 0]), ("一般", [0, 0])], 300, stacked=True) is None
    assert bar_chart([], 300) is None
    assert bar_chart([("达川区", 0), ("通川区", 0)], 300) is None
    assert isinstance(column_chart(["1月"], [("故障数", [3])], 300), Drawing)
    assert isinstance(bar_chart([("达川区", 2), ("通川区", 0)], 300), Drawing)


MARKUP_TITLE = "<b>&</b>\x07 告警 &amp;"
MARKUP_LESSON = "教训<i>斜体</i> & \x07 a<b 未闭合"


def test_user_text_with_markup_and_control_characters_prints_as_typed(store, tmp_path):
    reported = datetime(2026, 5, 6, 10, tzinfo=SHANGHAI)
    with store.transaction() as session:
        add_incident(session, IncidentDraft(
            platform="approval", severity=Severity.MAJOR, title=MARKUP_TITLE, reported_at=reported,
            module="网上大厅", district="达川区<script>", description="现象 <br/> & \x00\x1b",
            cause="原因 </para>", resolution="处理 &lt;", responded_at=reported + timedelta(minutes=20),
            resolved_at=reported + timedelta(hours=3), typical=True, lesson=MARKUP_LESSON,
        ), CATALOGUE, Settings().calendar(), NOW)
    with store.session() as session:
        data = gather_operations(session, CATALOGUE, *YEAR, NOW)
    assert [c.title for c in data.typical_cases] == [MARKUP_TITLE]
    target = render_operations_report(data, ANNUAL, tmp_path / "markup.pdf")
    raw = raw_text(target)
    assert "\x07" not in raw and "\x1b" not in raw
    text = text_of(target)
    for typed in ("<b>&</b>告警&amp;", "教训<i>斜体</i>&a<b未闭合", "现象<br/>&", "原因</para>", "处理&lt;",
                  "达川区<script>"):
        assert typed in text, typed

    assert export_figures(data, tmp_path / "markup.xlsx") == len(figure_sheets(data))
    workbook = load_workbook(tmp_path / "markup.xlsx", read_only=True)
    try:
        listed = sheet_rows(workbook, "故障清单")
        cases = sheet_rows(workbook, "典型案例")
    finally:
        workbook.close()
    assert listed[1][6] == "<b>&</b> 告警 &amp;"
    assert cases[1][1] == "<b>&</b> 告警 &amp;" and cases[1][9] == "教训<i>斜体</i> &  a<b 未闭合"


def test_monthly_boundaries_are_shanghai_midnights(store):
    inside = [datetime(2026, 3, 1, tzinfo=SHANGHAI), datetime(2026, 3, 31, 23, 59, 59, tzinfo=SHANGHAI)]
    outside = [datetime(2026, 2, 28, 23, 59, 59, tzinfo=SHANGHAI), datetime(2026, 4, 1, tzinfo=SHANGHAI)]
    with store.transaction() as session:
        for n, moment in enumerate(inside + outside):
            add_incident(session, IncidentDraft(platform="credit", severity=Severity.ADVISORY, title=f"边界 {n}",
                                                reported_at=moment), CATALOGUE, Settings().calendar(), NOW)
    with store.session() as session:
        data = gather_operations(session, CATALOGUE, *month_range(2026, 3), NOW)
    assert [line.title for line in data.incidents] == ["边界 0", "边界 1"]
    assert data.incidents_by_month == {"2026-03": 2}


def test_a_finished_period_lists_only_its_own_months(demo_store, tmp_path):
    with demo_store.session() as session:
        march = gather_operations(session, CATALOGUE, *month_range(2026, 3), NOW)
        last_year = gather_operations(session, CATALOGUE, *year_range(2025), NOW)
    export_figures(march, tmp_path / "march.xlsx")
    workbook = load_workbook(tmp_path / "march.xlsx", read_only=True)
    try:
        months = [row[0] for row in sheet_rows(workbook, "故障-按月份")[1:]]
    finally:
        workbook.close()
    assert last_year.months() == [f"2025-{m:02d}" for m in range(1, 13)]
    assert march.months() == ["2026-03"]
    assert months == ["2026-03"]


def test_the_figures_workbook(annual, tmp_path):
    target = tmp_path / "figures.xlsx"
    sheets = figure_sheets(annual)
    assert export_figures(annual, target) == len(sheets)
    workbook = load_workbook(target, read_only=True)
    try:
        assert workbook.sheetnames == [title[:31] for title, _headers, _rows in sheets]
        contract = sheet_rows(workbook, "合同指标")
        listed = sheet_rows(workbook, "故障清单")
        months = sheet_rows(workbook, "故障-按月份")
    finally:
        workbook.close()
    inc, complaints = annual.figures.incidents, annual.figures.complaints
    assert contract[0] == ("指标", "合同承诺", "本期结果", "分子", "分母")
    by_name = {row[0]: row for row in contract[1:]}
    for name, rate in (("故障响应及时率", inc.timeliness), ("故障解决率", inc.completion),
                       ("投诉一周内答复率", complaints.on_time)):
        assert by_name[name][2] == pytest.approx(rate.value, abs=5e-5)
        assert by_name[name][3:] == (rate.numerator, rate.denominator)
    assert len(listed) - 1 == len(annual.incidents)
    assert [row[0] for row in listed[1:]] == [line.number for line in annual.incidents]
    assert [row[0] for row in months[1:]] == annual.months()
    assert sum(row[1] for row in months[1:]) == inc.total


def test_figures_to_a_missing_folder_fail_and_leave_nothing(annual, tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_figures(annual, tmp_path / "missing" / "figures.xlsx")
    with pytest.raises(ExportError, match=r"\.xlsx"):
        export_figures(annual, tmp_path / "figures.csv")
    assert list(tmp_path.iterdir()) == []


def test_month_range_is_shanghai_midnight_to_midnight():
    start, end = month_range(2026, 3)
    assert (start, end) == (datetime(2026, 3, 1, tzinfo=SHANGHAI), datetime(2026, 4, 1, tzinfo=SHANGHAI))
    assert start.astimezone(UTC) == datetime(2026, 2, 28, 16, tzinfo=UTC)
    assert month_range(2026, 12) == (datetime(2026, 12, 1, tzinfo=SHANGHAI), datetime(2027, 1, 1, tzinfo=SHANGHAI))
    assert month_range(2028, 2)[1] - month_range(2028, 2)[0] == timedelta(days=29)
    assert month_range(2026, 2)[1] - month_range(2026, 2)[0] == timedelta(days=28)
    with pytest.raises(ValueError):
        month_range(2026, 13)


def test_quarter_range_covers_three_months():
    assert quarter_range(2026, 1) == (datetime(2026, 1, 1, tzinfo=SHANGHAI), datetime(2026, 4, 1, tzinfo=SHANGHAI))
    assert quarter_range(2026, 3) == (datetime(2026, 7, 1, tzinfo=SHANGHAI), datetime(2026, 10, 1, tzinfo=SHANGHAI))
    assert quarter_range(2026, 4) == (datetime(2026, 10, 1, tzinfo=SHANGHAI), datetime(2027, 1, 1, tzinfo=SHANGHAI))
    assert quarter_range(2026, 4)[0].astimezone(UTC) == datetime(2026, 9, 30, 16, tzinfo=UTC)
    ends = [quarter_range(2026, q) for q in range(1, 5)]
    assert all(a[1] == b[0] for a, b in pairwise(ends))
    assert (ends[0][0], ends[-1][1]) == year_range(2026)
    for bad in (0, 5):
        with pytest.raises(ValueError, match="quarters 1 to 4"):
            quarter_range(2026, bad)


def test_parse_month():
    assert parse_month("2026-03") == (2026, 3)
    assert parse_month(" 2026-12 ") == (2026, 12)
    assert month_range(*parse_month("2026-01"))[0].date() == date(2026, 1, 1)
    for bad in ("2026-13", "2026-00", "2026", "2026-03-01", "März", ""):
        with pytest.raises(ValueError, match="is not a month like 2026-03") as caught:
            parse_month(bad)
        assert f"'{bad}'" in str(caught.value)

"""The operations report (运维报告): annual, quarterly or monthly, built from the same chapters.

Cover, contents, the contract's commitments beside the period's results, faults by severity, platform, module,
district and month with charts, on-site visits, training, complaints, platform availability, typical cases, and an
appendix listing every fault. A period without records gives a short report that says so in each chapter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer, Table
from reportlab.platypus.tableofcontents import TableOfContents

from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.corrections import FIELD_LABELS_ZH, LATE_ENTRY, shown_value
from dzdesk.domain.metrics import COMPLAINTS_COMMITMENT, COMPLETION_COMMITMENT, TIMELINESS_COMMITMENT, Rate
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_day, format_local
from dzdesk.domain.visit import ServiceCategory
from dzdesk.reports.charts import bar_chart, column_chart
from dzdesk.reports.contents import Contents, ContentsUnsettledError, build_with_contents
from dzdesk.reports.figures import (
    AVAILABILITY,
    COVERAGE,
    NO_DATA,
    OBSERVED_RULE,
    SOURCES,
    SOURCES_NOTE,
    availability_pct,
    coverage_pct,
    low_coverage,
    no_data_note,
    no_data_text,
    sources_rows,
)
from dzdesk.reports.indicator_report import indicator_sections
from dzdesk.reports.issue import Issue
from dzdesk.reports.listing import Listing, ListingStyle
from dzdesk.reports.operations_data import OperationsData
from dzdesk.reports.pdf_base import (
    LINE,
    MARGIN,
    PAGE,
    SHADE,
    build_pdf,
    contents_styles,
    generated_note,
    markup,
    para,
    table_style,
)

WIDTH = PAGE[0] - 2 * MARGIN
KIND_TITLES = {"annual": "年度运维报告", "quarterly": "运维报告", "monthly": "运维报告"}  # after "2026 年第 3 季度"
LATE_ENTRY_TEXT = f" {int(LATE_ENTRY.total_seconds() // 3600)} 小时"
TOP = 15  # modules, districts and departments shown in a chart; the table lists them all


@dataclass(frozen=True)
class ReportMeta:
    kind: str  # annual, quarterly, monthly
    period_label: str  # "2026 年", "2026 年第 3 季度", "2026 年 3 月"
    team: str
    author: str


def _pct(rate: Rate) -> str:
    value = rate.value
    return "—" if value is None else f"{value * 100:.1f}%"


def _met(rate: Rate, commitment: float) -> str:
    met = rate.meets(commitment)
    return "—" if met is None else ("达标" if met else "未达标")


def _grid(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    table = Table([[markup(h, "label") for h in header], *[[para(c, "cell") for c in row] for row in rows]],
                  colWidths=widths, repeatRows=1)
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")))
    return table


def _count_table(title: str, counter: Counter[str], labels: dict[str, str] | None = None) -> Table:
    total = sum(counter.values())
    rows = [[(labels or {}).get(key, key), str(value), f"{value / total * 100:.1f}%" if total else "—"]
            for key, value in counter.most_common()]
    rows.append(["合计", str(total), "100%" if total else "—"])
    return _grid([title, "数量", "占比"], rows, [WIDTH - 60 * mm, 30 * mm, 30 * mm])


def _chapter(text: str) -> list[Flowable]:
    return [CondPageBreak(60 * mm), markup(text, "chapter")]


def _section(text: str) -> Flowable:
    return markup(text, "section")


def _with_chart(parts: list[Flowable], chart: Flowable | None, heading: str | None = None) -> list[Flowable]:
    """A chart after `parts`; with `heading`, the heading stays on the chart's page."""
    block: list[Flowable] = [_section(heading)] if heading else []
    if chart is not None:
        block += [Spacer(1, 2 * mm), chart]
    if block:
        parts.append(KeepTogether(block))
    parts.append(Spacer(1, 3 * mm))
    return parts


def _cover(data: OperationsData, meta: ReportMeta) -> list[Flowable]:
    platforms = "、".join(data.platform_names[c] for c in ([data.platform] if data.platform else data.platform_names))
    return [Spacer(1, 60 * mm), markup("达州市工程建设领域信用信息平台<br/>工程建设项目审批管理系统", "subtitle"),
            Spacer(1, 8 * mm), markup(f"{meta.period_label}{KIND_TITLES[meta.kind]}", "title"), Spacer(1, 6 * mm),
            markup(f"范围：{platforms}", "subtitle"),
            markup(f"统计期间：{format_day(data.start)} 至 {data.last_day().isoformat()}", "subtitle"),
            Spacer(1, 70 * mm), para(f"运维团队：{meta.team or '（未填写）'}", "subtitle"),
            para(f"编制：{meta.author or '（未填写）'}", "subtitle"),
            markup(f"编制日期：{format_day(data.now)}", "subtitle"), PageBreak()]


def _contents(body: list[Flowable]) -> tuple[list[Flowable], Contents]:
    """The contents page of `body`, its lines made from the headings already in it (see contents.py)."""
    contents = Contents(body)
    return [markup("目录", "title"), Spacer(1, 6 * mm), *contents.lines(), PageBreak()], contents


def _contents_table() -> list[Flowable]:
    """The contents as reportlab fills it in over several layout passes: only when the one-pass contents cannot
    be settled (see render_operations_report)."""
    toc = TableOfContents()
    toc.levelStyles = contents_styles()
    toc.tableStyle = table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 0))
    toc.dotsMinLevel = 0
    return [markup("目录", "title"), Spacer(1, 6 * mm), toc, PageBreak()]


def _summary(data: OperationsData) -> list[Flowable]:
    inc, complaints = data.figures.incidents, data.figures.complaints
    parts = _chapter("一、总体情况")
    if data.empty:
        return [*parts, para("本期没有故障、上门服务、培训、投诉和巡检记录。")]
    parts.append(para(
        f"本期共受理故障 {inc.total} 件，已响应 {inc.responded} 件，其中按时响应 {inc.responded_on_time} 件；"
        f"已解决 {inc.resolved} 件。上门服务 {data.visits} 次，开展培训 {data.training_sessions} 场，"
        f"受理投诉 {complaints.total} 件。"))
    parts.append(Spacer(1, 3 * mm))
    parts.append(_section("合同承诺与本期结果"))
    rows = [["故障响应及时率", f"≥ {TIMELINESS_COMMITMENT:.0%}", _pct(inc.timeliness),
             f"{inc.timeliness.numerator}/{inc.timeliness.denominator}", _met(inc.timeliness, TIMELINESS_COMMITMENT)],
            ["故障解决率", f"{COMPLETION_COMMITMENT:.0%}", _pct(inc.completion),
             f"{inc.completion.numerator}/{inc.completion.denominator}", _met(inc.completion, COMPLETION_COMMITMENT)],
            ["投诉一周内答复率", f"{COMPLAINTS_COMMITMENT:.0%}", _pct(complaints.on_time),
             f"{complaints.on_time.numerator}/{complaints.on_time.denominator}",
             _met(complaints.on_time, COMPLAINTS_COMMITMENT)]]
    parts.append(_grid(["指标", "合同承诺", "本期结果", "计数", "结论"], rows,
                       [WIDTH - 118 * mm, 28 * mm, 28 * mm, 32 * mm, 30 * mm]))
    parts.append(para("注：响应及时率以已响应或已超过响应时限的故障为分母；尚在时限内未响应的故障不计入。", "small"))
    return parts


def _incident_chapter(data: OperationsData) -> list[Flowable]:
    parts = _chapter("二、故障处理情况")
    if not data.incidents:
        return [*parts, para("本期没有故障记录。")]
    labels = {s.value: s.label_zh for s in Severity}
    parts.append(_section("（一）按故障等级"))
    by_severity = Counter({s.value: data.incidents_by_severity.get(s.value, 0) for s in Severity})
    severity_rows = []
    for severity in Severity:
        figures = data.figures.by_severity.get(severity.value)
        if figures is None:
            continue
        severity_rows.append([severity.label_zh, str(figures.total), _pct(figures.timeliness),
                              _pct(figures.completion)])
    parts.append(_grid(["故障等级", "数量", "响应及时率", "解决率"], severity_rows,
                       [WIDTH - 90 * mm, 30 * mm, 30 * mm, 30 * mm]))
    _with_chart(parts, column_chart([labels[k] for k in by_severity], [("故障数", list(by_severity.values()))],
                                    WIDTH * 0.7))
    parts.append(_section("（二）按平台"))
    platform_rows = [[data.platform_names.get(code, code), str(f.total), _pct(f.timeliness), _pct(f.completion)]
                     for code, f in sorted(data.figures.by_platform.items())]
    parts.append(_grid(["平台", "数量", "响应及时率", "解决率"], platform_rows,
                       [WIDTH - 90 * mm, 30 * mm, 30 * mm, 30 * mm]))
    parts.append(Spacer(1, 3 * mm))
    months = data.months()
    series = []
    for severity in Severity:
        counts = [data.incidents_by_month_severity.get((m, severity.value), 0) for m in months]
        if data.incidents_by_severity.get(severity.value):
            series.append((severity.label_zh, counts))
    _with_chart(parts, column_chart([m[5:] + "月" for m in months], series, WIDTH, stacked=True), "（三）按月份")
    _with_chart(parts, bar_chart(data.incidents_by_module.most_common(TOP), WIDTH), "（四）按模块/子系统")
    parts.append(_count_table("模块/子系统", data.incidents_by_module))
    _with_chart(parts, bar_chart(data.incidents_by_district.most_common(TOP), WIDTH), "（五）按区县")
    parts.append(_count_table("区县", data.incidents_by_district))
    return parts


def _visit_chapter(data: OperationsData) -> list[Flowable]:
    parts = _chapter("三、上门服务情况")
    if not data.visits:
        return [*parts, para("本期没有上门服务记录。")]
    parts.append(para(f"本期上门服务 {data.visits} 次。"))
    labels = {c.value: c.label_zh for c in ServiceCategory}
    _with_chart(parts, bar_chart([(labels.get(k, k), v) for k, v in data.visits_by_category.most_common()], WIDTH),
                "（一）按服务类别")
    parts.append(_count_table("服务类别", Counter({labels.get(k, k): v for k, v in data.visits_by_category.items()})))
    _with_chart(parts, bar_chart(data.visits_by_district.most_common(TOP), WIDTH), "（二）按区县")
    parts.append(_section("（三）按科室/单位"))
    parts.append(_count_table("科室/单位", data.visits_by_department))
    return parts


def _training_chapter(data: OperationsData) -> list[Flowable]:
    parts = _chapter("四、培训情况")
    overall = data.trainings.overall
    if not data.training_sessions:
        return [*parts, para("本期没有举办培训。")]
    rate = "—" if overall.rate is None else f"{overall.rate * 100:.1f}%"
    parts.append(para(f"本期举办培训 {data.training_sessions} 场，应到 {overall.attendees} 人次（不含请假），"
                      f"实到 {overall.attended} 人次，出勤率 {rate}。"))
    rows = [[data.platform_names.get(code, code), str(f.sessions), str(f.attendees), str(f.attended),
             "—" if f.rate is None else f"{f.rate * 100:.1f}%"] for code, f in data.trainings.by_platform.items()]
    if rows:
        parts.append(_grid(["平台", "场次", "应到", "实到", "出勤率"], rows,
                           [WIDTH - 110 * mm, 25 * mm, 25 * mm, 25 * mm, 35 * mm]))
    return parts


def _complaint_chapter(data: OperationsData) -> list[Flowable]:
    parts = _chapter("五、投诉处理情况")
    figures = data.figures.complaints
    if not figures.total:
        return [*parts, para("本期没有收到投诉。")]
    parts.append(para(f"本期受理投诉 {figures.total} 件，已答复 {figures.replied} 件，"
                      f"超过一周未答复或逾期答复 {figures.overdue} 件，一周内答复率 {_pct(figures.on_time)}。"))
    labels = {c.value: c.label_zh for c in ComplaintChannel}
    parts.append(_count_table("受理渠道", Counter({labels.get(ComplaintChannel(k), k) if k in labels else k: v
                                                   for k, v in data.complaints_by_channel.items()})))
    return parts


def _availability_chapter(data: OperationsData) -> list[Flowable]:
    parts = _chapter("六、平台可用性")
    if not data.availability:
        return [*parts, para("本期没有巡检记录。")]
    names = data.platform_names
    parts.append(para(f"{OBSERVED_RULE}维护窗口内的时间和检测不计入。"))
    rows = [[names.get(code, code), str(f.checks), str(f.failures), availability_pct(f), coverage_pct(f),
             no_data_text(f)] for code, f in sorted(data.availability.items())]
    widths = [WIDTH - 126 * mm, 22 * mm, 22 * mm, 22 * mm, 24 * mm, 36 * mm]
    parts.append(_grid(["平台", "检测次数", "失败次数", AVAILABILITY, COVERAGE, f"{NO_DATA}时长"], rows, widths))
    for code, figures in sorted(data.availability.items()):
        if low_coverage(figures):
            parts += [Spacer(1, 1.5 * mm), para(no_data_note(names.get(code, code), figures))]
    parts.append(Spacer(1, 3 * mm))
    parts.append(_section("（一）各巡检目标"))
    ordered = sorted(data.target_availability, key=lambda t: t.platform)  # stable: board order within a platform
    parts.append(_grid(["巡检目标", "检测次数", "失败次数", AVAILABILITY, COVERAGE, f"{NO_DATA}时长"],
                       [[t.name, str(t.figures.checks), str(t.figures.failures), availability_pct(t.figures),
                         coverage_pct(t.figures), no_data_text(t.figures)] for t in ordered], widths))
    parts.append(Spacer(1, 3 * mm))
    parts.append(KeepTogether([_section(f"（二）{SOURCES}"), para(SOURCES_NOTE, "small"), _grid(
        [SOURCES, "巡检目标"], sources_rows(((t.name, t.figures) for t in ordered), data.vantages),
        [WIDTH * 0.4, WIDTH * 0.6])]))
    return parts


def _typical_chapter(data: OperationsData) -> list[Flowable]:
    parts = _chapter("七、典型案例")
    if not data.typical_cases:
        return [*parts, para("本期没有标记为典型案例的故障。")]
    for index, case in enumerate(data.typical_cases, 1):
        where = "·".join(p for p in (data.platform_names.get(case.platform, case.platform), case.module) if p)
        block: list[Flowable] = [
            markup(f"案例 {index}", "section"), para(case.title, "label"),
            para(f"{where}　{case.severity.label_zh}　{format_local(case.reported_at)}　编号 {case.number}", "small")]
        for label, text in (("问题现象", case.description), ("原因分析", case.cause), ("处理过程", case.resolution),
                            ("经验教训", case.lesson)):
            block.append(markup(label, "label"))
            block.append(para(text or "（未填写）"))
        parts.append(KeepTogether(block[:4]))
        parts.extend(block[4:])
        parts.append(Spacer(1, 3 * mm))
    return parts


def _indicator_chapter(data: OperationsData) -> list[Flowable]:
    parts = _chapter("八、审批指标")
    if data.indicators is None:
        return [*parts, para("本期没有审批指标数据。")]
    year, month = data.indicators.month.split("-")
    parts.append(para(f"以下为本期最近一个月（{year} 年 {int(month)} 月）达州市本级及各区县的审批指标和异常标记。"))
    return [*parts, *indicator_sections(data.indicators, heading_style="section", charts=False)]


APPENDIX_HEADER = ["编号", "报告时间", "等级", "平台·模块", "区县", "标题", "按时响应", "已解决"]
# Wide enough for an eight-character number, a time, "一般故障", the longest platform·module and district of the
# catalogue on one line each (the yes/no headers take two); the title has the rest of the page's width.
_APPENDIX_FIXED = [17 * mm, 27 * mm, 15 * mm, 35 * mm, 18.5 * mm, 10 * mm, 10 * mm]
APPENDIX_WIDTHS = [*_APPENDIX_FIXED[:5], WIDTH - sum(_APPENDIX_FIXED), *_APPENDIX_FIXED[5:]]
APPENDIX_STYLE = ListingStyle(pad_x=3)


def _appendix(data: OperationsData) -> list[Flowable]:
    """Every fault of the period, one row each: a Listing, since a Table of Paragraphs costs minutes for a year."""
    parts = [PageBreak(), markup("附录：故障清单", "chapter")]
    if not data.incidents:
        return [*parts, para("本期没有故障记录。")]
    names = data.platform_names
    rows = [[line.number, format_local(line.reported_at)[:16], line.severity.label_zh,
             "·".join(p for p in (names.get(line.platform, line.platform), line.module) if p),
             line.district, line.title, "—" if line.on_time is None else ("是" if line.on_time else "否"),
             "是" if line.resolved else "否"] for line in data.incidents]
    if data.corrections:
        for row, line in zip(rows, data.incidents, strict=True):
            if line.corrected:
                row[5] = f"※ {row[5]}"
        parts.append(para("标题前标有 ※ 的故障，其时间或等级有更正或补录，详见附录“故障时间更正与补录记录”。", "small"))
        parts.append(Spacer(1, 2 * mm))
    parts.append(Listing(APPENDIX_HEADER, rows, APPENDIX_WIDTHS, APPENDIX_STYLE))
    return parts


CORRECTIONS_HEADER = ["编号", "项目", "原值", "新值", "更正/录入人", "更正/录入时间", "补录"]
# The fault is named by its number, as in the fault list above; its title is there.
_CORRECTIONS_FIXED = [17 * mm, 18 * mm, 30 * mm, 30 * mm, 30 * mm, 10 * mm]
CORRECTIONS_WIDTHS = [*_CORRECTIONS_FIXED[:4], WIDTH - sum(_CORRECTIONS_FIXED), *_CORRECTIONS_FIXED[4:]]


def _corrections_appendix(data: OperationsData) -> list[Flowable]:
    """Every corrected or late-entered time (and changed severity) of the period's faults, with the value it
    replaced, who and when: what the figures above were computed from is on the record."""
    if not data.corrections:
        return []
    parts: list[Flowable] = [CondPageBreak(60 * mm), markup("附录：故障时间更正与补录记录", "chapter"), para(
        f"故障的报告、响应、解决时间或故障等级每一次更正都保留原值；在事后{LATE_ENTRY_TEXT}以上录入的时间标为“补录”。"
        "本报告的统计以更正后的值为准。", "small"), Spacer(1, 2 * mm)]
    rows = [[line.number, FIELD_LABELS_ZH.get(line.field, line.field),
             shown_value(line.field, line.old) if line.old else "（首次录入）", shown_value(line.field, line.new),
             line.who or "（未署名）", format_local(line.at), "是" if line.late else ""] for line in data.corrections]
    parts.append(Listing(CORRECTIONS_HEADER, rows, CORRECTIONS_WIDTHS, APPENDIX_STYLE))
    return parts


def _body(data: OperationsData) -> list[Flowable]:
    return [*_summary(data), *_incident_chapter(data), *_visit_chapter(data), *_training_chapter(data),
            *_complaint_chapter(data), *_availability_chapter(data), *_typical_chapter(data),
            *_indicator_chapter(data), *_appendix(data), *_corrections_appendix(data)]


def _story(data: OperationsData, meta: ReportMeta) -> tuple[list[Flowable], Contents]:
    body = _body(data)
    contents_page, contents = _contents(body)
    return [*_cover(data, meta), *contents_page, *body], contents


def operations_story(data: OperationsData, meta: ReportMeta) -> list[Flowable]:
    """The report's flowables, cover to appendix."""
    return _story(data, meta)[0]


def render_operations_report(data: OperationsData, meta: ReportMeta, target: Path, issue: Issue | None = None) -> Path:
    """Lays the report out once, the contents' page numbers written in afterwards (contents.py). Should the
    headings laid out ever differ from those the contents was made from, it is laid out again with reportlab's
    TableOfContents, which settles over several passes."""
    title = f"{meta.period_label}{KIND_TITLES[meta.kind]}"
    footer = f"{title} · {generated_note(data.now)}"
    story, contents = _story(data, meta)
    try:
        return build_with_contents(story, contents, target, title, footer, issue=issue)
    except ContentsUnsettledError:
        story = [*_cover(data, meta), *_contents_table(), *_body(data)]
        return build_pdf(story, target, title, footer, contents=True, issue=issue)

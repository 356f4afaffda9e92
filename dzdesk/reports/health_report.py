"""The health-evaluation report (健康评估报告) for a period: availability and coverage over observed time and latency
per platform and subsystem, where each was seen from, outages, certificates, the period's incidents, and the
engineer's findings and recommendations.

Availability counts the time some laptop or watcher of the team observed, from every result this laptop holds, so a
report made on any synced laptop gives the same figures; coverage says how much of the period that was, and time
nobody observed is stated as no data rather than counted as up.

`gather_health` collects the figures headless (the GUI previews them, tests check them); `render_health_report`
lays them out. A period without probe results gives a short report that says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table
from sqlalchemy import false, select
from sqlalchemy.orm import Session

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.incident import Status
from dzdesk.domain.observed import ObservedFigures
from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.probe_state import ConfirmPolicy, Outage
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_day, format_duration, format_local, local_day
from dzdesk.reports.figures import (
    AVAILABILITY,
    COVERAGE,
    OBSERVED_RULE,
    SOURCES,
    SOURCES_NOTE,
    availability_pct,
    coverage_pct,
    low_coverage,
    no_data_note,
    sources_rows,
    vantage_labels,
)
from dzdesk.reports.issue import Issue
from dzdesk.reports.pdf_base import LINE, MARGIN, PAGE, SHADE, build_pdf, generated_note, markup, para, table_style
from dzdesk.store.incident_models import Incident
from dzdesk.store.probe_history import latest_certificates, observed_period, outages_between
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord
from dzdesk.store.probe_repo import list_targets

WIDTH = PAGE[0] - 2 * MARGIN
AVAILABILITY_GOAL = 0.99  # below this a subsystem is named in the findings
PLATFORM_COLOURS = (colors.HexColor("#1f5fa8"), colors.HexColor("#c0504d"), colors.HexColor("#4f8f3a"))


@dataclass(frozen=True)
class TargetHealth:
    name: str
    platform: str
    subsystem: str
    figures: ObservedFigures
    outages: list[Outage]
    downtime: timedelta


@dataclass(frozen=True)
class OutageRow:
    target: str
    platform: str
    start: datetime
    end: datetime | None
    duration: timedelta
    cause: str


@dataclass(frozen=True)
class CertificateRow:
    target: str
    not_after: datetime
    days_left: int
    issuer: str
    warn_days: int

    @property
    def warning(self) -> bool:
        return self.days_left <= self.warn_days


@dataclass(frozen=True)
class IncidentRow:
    number: str
    severity: Severity
    platform: str
    where: str
    title: str
    reported_at: datetime
    status: str


@dataclass
class HealthData:
    start: datetime
    end: datetime  # exclusive
    now: datetime
    platform_names: dict[str, str]
    platforms: dict[str, ObservedFigures] = field(default_factory=dict)
    targets: list[TargetHealth] = field(default_factory=list)
    outages: list[OutageRow] = field(default_factory=list)
    certificates: list[CertificateRow] = field(default_factory=list)
    incidents: list[IncidentRow] = field(default_factory=list)
    daily_latency: dict[str, list[tuple[date, float]]] = field(default_factory=dict)
    unconfigured: int = 0
    vantages: dict[str, str] = field(default_factory=dict)  # vantage name -> how the report names it

    @property
    def checks(self) -> int:
        return sum(f.checks for f in self.platforms.values())

    def observations(self) -> list[str]:
        """What the figures themselves say, written before the engineer's own findings."""
        notes = []
        for target in self.targets:
            availability = target.figures.availability
            if availability is not None and availability < AVAILABILITY_GOAL:
                notes.append(f"{target.name} {AVAILABILITY} {availability * 100:.2f}%，低于 {AVAILABILITY_GOAL:.0%}。")
        # Coverage is told per platform; a target is named on its own only where its platform was watched enough.
        for code, figures in self.platforms.items():
            if low_coverage(figures):
                notes.append(no_data_note(self.platform_names.get(code, code), figures))
        for target in self.targets:
            platform = self.platforms.get(target.platform)
            if low_coverage(target.figures) and platform is not None and not low_coverage(platform):
                notes.append(no_data_note(target.name, target.figures))
        if self.outages:
            longest = max(self.outages, key=lambda o: o.duration)
            notes.append(f"本期共发生中断 {len(self.outages)} 次，最长一次为 {longest.target}"
                         f"（{format_local(longest.start)} 起，持续 {format_duration(longest.duration, ' 天 ')}）。")
        for cert in self.certificates:
            if cert.days_left < 0:
                notes.append(f"{cert.target} 的证书已于 {format_local(cert.not_after)[:10]} 过期，须立即更换。")
            elif cert.warning:
                notes.append(f"{cert.target} 的证书将于 {format_local(cert.not_after)[:10]} 到期"
                             f"（剩余 {cert.days_left} 天），请及时续期。")
        if self.unconfigured:
            notes.append(f"尚有 {self.unconfigured} 个巡检目标未填写地址，未纳入本期巡检。")
        return notes


def gather_health(session: Session, catalogue: Catalogue, start: datetime, end: datetime, now: datetime,
                  policy: ConfirmPolicy, cert_warning_days: int = 30, own_vantage: str = "") -> HealthData:
    """The report's figures over [start, end), observed time counted up to `now` (the rest has not happened yet).

    `own_vantage` names this laptop's results not sent yet; every other figure comes from what every synced laptop
    holds alike.
    """
    names = {p.code: p.short_name for p in catalogue.platforms}
    data = HealthData(start, end, now, names)
    records = list_targets(session)
    data.unconfigured = sum(1 for r in records if not r.to_target().configured)
    by_id = {r.id: r for r in records}
    observed = observed_period(session, start, max(start, min(end, now)), own_vantage=own_vantage, by_day=True)
    data.platforms = {code: observed.platforms[code] for code in names if code in observed.platforms}
    data.daily_latency = {code: points for code, points in observed.daily_latency.items() if code in data.platforms}
    data.vantages = vantage_labels(session)
    failures = _first_failures(session, start, end)
    for target_id, figures in observed.targets.items():
        record = by_id[target_id]
        if record.platform not in data.platforms:
            continue
        found = outages_between(session, record.id, start, end, policy)
        downtime = sum((timedelta(seconds=o.duration_until(min(now, end))) for o in found), timedelta())
        subsystem = record.module or record.district or "门户"
        data.targets.append(TargetHealth(record.name, record.platform, subsystem, figures, found, downtime))
        for outage in found:
            finish = outage.end or min(now, end)
            data.outages.append(OutageRow(record.name, record.platform, outage.start, outage.end,
                                          finish - outage.start, failures.get((record.id, outage.start), "")))
    data.outages.sort(key=lambda o: (o.start, o.target))
    # Subsystems behind one host share its certificate: one row per certificate, not per target.
    holders: dict[tuple[str, datetime, str], list[ProbeTargetRecord]] = defaultdict(list)
    for target_id, (not_after, issuer) in latest_certificates(session, records).items():
        record = by_id[target_id]
        holders[(record.to_target().endpoint()[0], not_after, issuer)].append(record)
    for (host, not_after, issuer), records_of_cert in holders.items():
        warn = min(cert_warning_days if r.cert_warning_days is None else r.cert_warning_days for r in records_of_cert)
        days = int((not_after - now).total_seconds() // 86400)
        label = records_of_cert[0].name if len(records_of_cert) == 1 else f"{host}（{len(records_of_cert)} 个巡检目标）"
        data.certificates.append(CertificateRow(label, not_after, days, issuer, warn))
    data.certificates.sort(key=lambda c: (c.days_left, c.target))
    data.incidents = _incidents(session, start, end, names)
    return data


def _first_failures(session: Session, start: datetime, end: datetime) -> dict[tuple[str, datetime], str]:
    """The failure of each result that began an outage, keyed by (target, time): the outage's first symptom."""
    rows = session.execute(select(ProbeResult.target_id, ProbeResult.started_at, ProbeResult.failure)
                           .where(ProbeResult.ok == false(), ProbeResult.started_at >= start - timedelta(days=1),
                                  ProbeResult.started_at < end))
    found = {}
    for target_id, at, failure in rows:
        label = Failure[failure].label_zh if failure in Failure.__members__ else failure
        found[(target_id, at)] = label
    return found


def _incidents(session: Session, start: datetime, end: datetime, names: dict[str, str]) -> list[IncidentRow]:
    """The period's faults as plain rows (a year is tens of thousands), in the order every laptop lists them."""
    statement = (select(Incident.id, Incident.severity, Incident.platform, Incident.module, Incident.title,
                        Incident.reported_at, Incident.status)
                 .where(Incident.deleted == false(), Incident.reported_at >= start, Incident.reported_at < end)
                 .order_by(Incident.reported_at, Incident.id))
    return [IncidentRow(number[:8], Severity(severity), platform,
                        "·".join(p for p in (names.get(platform, platform), module) if p),
                        title, reported_at, Status(status).label_zh)
            for number, severity, platform, module, title, reported_at, status in session.execute(statement)]


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


def _grid(header: list[str], rows: list[list[str]], widths: list[float], bold_rows: tuple[int, ...] = ()) -> Table:
    table = Table([[markup(h, "label") for h in header], *[[para(c, "cell") for c in row] for row in rows]],
                  colWidths=widths, repeatRows=1)
    commands = [("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    commands += [("BACKGROUND", (0, r), (-1, r), colors.HexColor("#f7f7f7")) for r in bold_rows]
    table.setStyle(table_style(*commands))
    return table


def _latency_chart(data: HealthData) -> Drawing | None:
    series = [(code, points) for code, points in data.daily_latency.items() if len(points) >= 2]
    if not series:
        return None
    drawing = Drawing(WIDTH, 62 * mm)
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 14 * mm, 14 * mm, WIDTH - 20 * mm, 40 * mm
    first = min(points[0][0] for _c, points in series)
    plot.data = [[((day - first).days, round(value, 1)) for day, value in points] for _c, points in series]
    for index in range(len(series)):
        plot.lines[index].strokeColor = PLATFORM_COLOURS[index % len(PLATFORM_COLOURS)]
        plot.lines[index].strokeWidth = 0.8
    span = max(points[-1][0] for _c, points in series) - first
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, max(1, span.days)
    step = max(1, span.days // 6)
    plot.xValueAxis.valueSteps = list(range(0, span.days + 1, step))
    plot.xValueAxis.labelTextFormat = lambda v: (first + timedelta(days=int(v))).isoformat()[5:]
    plot.yValueAxis.valueMin = 0
    for axis in (plot.xValueAxis, plot.yValueAxis):
        axis.labels.fontName = "WenQuanYiMicroHei"
        axis.labels.fontSize = 7
    drawing.add(plot)
    drawing.add(String(0, 57 * mm, "毫秒", fontName="WenQuanYiMicroHei", fontSize=7))
    legend = Legend()
    legend.x, legend.y = WIDTH - 60 * mm, 60 * mm
    legend.fontName, legend.fontSize = "WenQuanYiMicroHei", 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.colorNamePairs = [(PLATFORM_COLOURS[i % len(PLATFORM_COLOURS)], data.platform_names.get(code, code))
                             for i, (code, _p) in enumerate(series)]
    drawing.add(legend)
    return drawing


# Faults that touch the platforms' health are listed one by one; the rest are counted.
LISTED_SEVERITIES = (Severity.URGENT, Severity.MAJOR)


def _incident_section(data: HealthData) -> list[Flowable]:
    parts: list[Flowable] = [markup("五、期间故障工单", "heading")]
    if not data.incidents:
        return [*parts, para("本期没有登记故障。")]
    counts: dict[tuple[str, Severity], int] = defaultdict(int)
    for incident in data.incidents:
        counts[(incident.platform, incident.severity)] += 1
    rows = [[data.platform_names.get(code, code), *[str(counts[(code, s)]) for s in Severity],
             str(sum(counts[(code, s)] for s in Severity))] for code in data.platform_names]
    parts.append(para(f"本期登记故障 {len(data.incidents)} 件，按平台和等级统计如下。"))
    parts.append(_grid(["平台", *[s.label_zh for s in Severity], "合计"], rows,
                       [WIDTH - 120 * mm] + [24 * mm] * 5))
    listed = [i for i in data.incidents if i.severity in LISTED_SEVERITIES]
    if listed:
        parts.append(Spacer(1, 3 * mm))
        parts.append(markup("紧急故障和重要故障明细：", "label"))
        parts.append(_grid(["编号", "等级", "平台·模块", "标题", "报告时间", "状态"],
                           [[i.number, i.severity.label_zh, i.where, i.title, format_local(i.reported_at), i.status]
                            for i in listed],
                           [21 * mm, 18 * mm, 34 * mm, WIDTH - 125 * mm, 32 * mm, 20 * mm]))
    return parts


def health_story(data: HealthData, author: str, findings: str, recommendations: str) -> list[Flowable]:
    last_day = local_day(data.end - timedelta(seconds=1))
    period = f"{format_day(data.start)} 至 {last_day.isoformat()}"
    platforms = "与".join(data.platform_names.values())
    story: list[Flowable] = [markup("平台健康评估报告", "title"), markup(platforms, "subtitle"),
                             markup(f"评估期间：{period}", "subtitle"), Spacer(1, 6 * mm)]
    story.append(markup("一、总体情况", "heading"))
    if data.checks == 0:
        story.append(para("本期没有巡检记录：巡检目标尚未配置地址，或期间内未运行巡检。以下仅列出本期故障工单。"))
    else:
        parts = [f"{data.platform_names.get(code, code)}{AVAILABILITY} {availability_pct(figures)}、"
                 f"{COVERAGE} {coverage_pct(figures)}（检测 {figures.checks} 次，失败 {figures.failures} 次）"
                 for code, figures in data.platforms.items()]
        maintenance = sum(f.maintenance_checks for f in data.platforms.values())
        story.append(para(f"本期对 {len(data.targets)} 个巡检目标共检测 {data.checks} 次。" + "；".join(parts) + "。"
                          + (f"维护窗口内的 {maintenance} 次检测不计入{AVAILABILITY}。" if maintenance else "")
                          + f"发生中断 {len(data.outages)} 次；期间登记故障 {len(data.incidents)} 件。"))
        story.append(markup("二、可用率与响应时间", "heading"))
        rows, shaded = [], []
        for code, figures in data.platforms.items():
            shaded.append(len(rows) + 1)
            rows.append([f"{data.platform_names.get(code, code)}（合计）", str(figures.checks),
                         availability_pct(figures), coverage_pct(figures), _ms(figures.p50_ms), _ms(figures.p95_ms),
                         "", ""])
            for target in (t for t in data.targets if t.platform == code):
                rows.append([target.name, str(target.figures.checks), availability_pct(target.figures),
                             coverage_pct(target.figures), _ms(target.figures.p50_ms), _ms(target.figures.p95_ms),
                             str(len(target.outages)),
                             format_duration(target.downtime, " 天 ") if target.outages else "—"])
        widths = [WIDTH - 130 * mm, 18 * mm, 18 * mm, 22 * mm, 19 * mm, 19 * mm, 12 * mm, 22 * mm]
        story.append(_grid(["巡检目标", "检测次数", AVAILABILITY, COVERAGE, "P50 毫秒", "P95 毫秒", "中断", "中断时长"],
                           rows, widths, tuple(shaded)))
        story.append(Spacer(1, 1.5 * mm))
        story.append(para("注：" + OBSERVED_RULE, "small"))
        low = [no_data_note(data.platform_names.get(code, code), figures)
               for code, figures in data.platforms.items() if low_coverage(figures)]
        for note in low:
            story += [Spacer(1, 1.5 * mm), para(note)]
        story.append(KeepTogether([Spacer(1, 3 * mm), markup(f"{SOURCES}：", "label"), para(SOURCES_NOTE, "small"),
                                   _grid([SOURCES, "巡检目标"],
                                         sources_rows(((t.name, t.figures) for t in data.targets), data.vantages),
                                         [WIDTH * 0.4, WIDTH * 0.6])]))
        chart = _latency_chart(data)
        if chart is not None:
            story.append(KeepTogether([Spacer(1, 4 * mm), markup("各平台每日平均响应时间", "label"), chart]))
        story.append(markup("三、中断事件", "heading"))
        if data.outages:
            story.append(_grid(["巡检目标", "开始", "恢复", "持续", "首个异常"],
                               [[o.target, format_local(o.start), format_local(o.end) if o.end else "尚未恢复",
                                 format_duration(o.duration, " 天 "), o.cause] for o in data.outages],
                               [WIDTH - 128 * mm, 32 * mm, 32 * mm, 28 * mm, 36 * mm]))
        else:
            story.append(para("本期未发生经连续检测确认的中断。"))
    heading = markup("四、证书有效期", "heading")
    if data.certificates:
        # The heading stays with the first rows: left alone at the foot of a page it reads as an empty chapter.
        story.append(KeepTogether([heading, _grid(
            ["巡检目标", "到期时间", "剩余天数", "签发机构", "状态"],
            [[c.target, format_local(c.not_after)[:10], str(c.days_left), c.issuer,
              "已过期" if c.days_left < 0 else "即将到期" if c.warning else "正常"] for c in data.certificates],
            [WIDTH - 132 * mm, 26 * mm, 18 * mm, 64 * mm, 24 * mm])]))
    else:
        story.extend([heading, para("没有检测到证书信息（无 HTTPS 或 TLS 巡检目标）。")])
    story.extend(_incident_section(data))
    story.append(markup("六、发现与建议", "heading"))
    observations = data.observations()
    if observations:
        story.append(markup("巡检数据显示：", "label"))
        story.extend(para(f"{n}. {text}") for n, text in enumerate(observations, 1))
    story.append(Spacer(1, 2 * mm))
    story.append(markup("运维工程师的发现：", "label"))
    story.append(para(findings.strip() or "（未填写）"))
    story.append(Spacer(1, 2 * mm))
    story.append(markup("建议：", "label"))
    story.append(para(recommendations.strip() or "（未填写）"))
    story.append(Spacer(1, 8 * mm))
    story.append(para(f"评估人：{author or '（未填写）'}　　　日期：{format_day(data.now)}"))
    return story


def render_health_report(data: HealthData, target: Path, author: str = "", findings: str = "",
                         recommendations: str = "", issue: Issue | None = None) -> Path:
    """Writes the PDF to `target` whole or not at all; with `issue`, issued (see `dzdesk.reports.issue`)."""
    title = "平台健康评估报告"
    return build_pdf(health_story(data, author, findings, recommendations), target, title,
                     f"{title} · {generated_note(data.now)}", issue=issue)

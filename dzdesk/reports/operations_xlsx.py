"""Every figure of an operations report as a sheet of one XLSX, for the team lead's own tables and charts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.metrics import COMPLAINTS_COMMITMENT, COMPLETION_COMMITMENT, TIMELINESS_COMMITMENT, Rate
from dzdesk.domain.observed import ObservedFigures
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local
from dzdesk.domain.visit import ServiceCategory
from dzdesk.reports.figures import AVAILABILITY, COVERAGE, NO_DATA, SOURCES
from dzdesk.reports.operations_data import OperationsData
from dzdesk.reports.tabular import Cell, export_sheets

Sheet = tuple[str, list[str], list[list[Cell]]]


def _rate(rate: Rate) -> float | None:
    return None if rate.value is None else round(rate.value, 4)


_OBSERVED_HEADER = ["检测次数", "失败次数", AVAILABILITY, COVERAGE, "观测时长(小时)", f"{NO_DATA}时长(小时)",
                    "维护时长(小时)"]


def _hours(seconds: float) -> float:
    return round(seconds / 3600, 2)


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 6)


def _observed(figures: ObservedFigures) -> list[Cell]:
    """A row's figures over observed time: availability and coverage as fractions, times in hours."""
    return [figures.checks, figures.failures, _share(figures.availability), _share(figures.coverage),
            _hours(figures.observed_s), _hours(figures.no_data_s), _hours(figures.maintenance_s)]


def _counts(title: str, counter: Counter[str], labels: dict[str, str] | None = None) -> Sheet:
    return (title, [title.split("-")[-1], "数量"], [[(labels or {}).get(k, k), v] for k, v in counter.most_common()])


def figure_sheets(data: OperationsData) -> list[Sheet]:
    inc, complaints = data.figures.incidents, data.figures.complaints
    names = data.platform_names
    category_labels = {c.value: c.label_zh for c in ServiceCategory}
    channel_labels = {c.value: c.label_zh for c in ComplaintChannel}
    sheets: list[Sheet] = [
        ("合同指标", ["指标", "合同承诺", "本期结果", "分子", "分母"], [
            ["故障响应及时率", TIMELINESS_COMMITMENT, _rate(inc.timeliness), inc.timeliness.numerator,
             inc.timeliness.denominator],
            ["故障解决率", COMPLETION_COMMITMENT, _rate(inc.completion), inc.completion.numerator,
             inc.completion.denominator],
            ["投诉一周内答复率", COMPLAINTS_COMMITMENT, _rate(complaints.on_time), complaints.on_time.numerator,
             complaints.on_time.denominator]]),
        ("故障-按等级", ["故障等级", "数量", "响应及时率", "解决率"],
         [[s.label_zh, f.total, _rate(f.timeliness), _rate(f.completion)] for s in Severity
          if (f := data.figures.by_severity.get(s.value)) is not None]),
        ("故障-按平台", ["平台", "数量", "响应及时率", "解决率"],
         [[names.get(code, code), f.total, _rate(f.timeliness), _rate(f.completion)]
          for code, f in sorted(data.figures.by_platform.items())]),
        ("故障-按月份", ["月份", "数量"], [[m, data.incidents_by_month.get(m, 0)] for m in data.months()]),
        _counts("故障-按模块", data.incidents_by_module),
        _counts("故障-按区县", data.incidents_by_district),
        _counts("上门服务-按类别", data.visits_by_category, category_labels),
        _counts("上门服务-按区县", data.visits_by_district),
        _counts("上门服务-按科室", data.visits_by_department),
        ("培训", ["平台", "场次", "应到", "实到", "出勤率"],
         [[names.get(code, code), f.sessions, f.attendees, f.attended, None if f.rate is None else round(f.rate, 4)]
          for code, f in data.trainings.by_platform.items()]),
        _counts("投诉-按渠道", data.complaints_by_channel, channel_labels),
        ("平台可用性", ["平台", *_OBSERVED_HEADER],
         [[names.get(code, code), *_observed(f)] for code, f in sorted(data.availability.items())]),
        ("巡检目标可用性", ["平台", "巡检目标", *_OBSERVED_HEADER],
         [[names.get(t.platform, t.platform), t.name, *_observed(t.figures)]
          for t in sorted(data.target_availability, key=lambda t: t.platform)]),
        (SOURCES, ["平台", "巡检目标", "观测点", "观测时长(小时)", COVERAGE],
         [[names.get(t.platform, t.platform), t.name, data.vantages.get(vantage, vantage), _hours(seconds),
           _share(t.figures.vantage_coverage(vantage))]
          for t in sorted(data.target_availability, key=lambda t: t.platform)
          for vantage, seconds in t.figures.by_vantage.items()]),
        ("典型案例", ["编号", "标题", "平台", "模块", "等级", "报告时间", "问题现象", "原因分析", "处理过程",
                      "经验教训"],
         [[c.number, c.title, names.get(c.platform, c.platform), c.module, c.severity.label_zh,
           format_local(c.reported_at), c.description, c.cause, c.resolution, c.lesson] for c in data.typical_cases]),
        ("故障清单", ["编号", "报告时间", "等级", "平台", "模块", "区县", "标题", "按时响应", "已解决"],
         [[line.number, format_local(line.reported_at), line.severity.label_zh, names.get(line.platform, line.platform),
           line.module, line.district, line.title, "" if line.on_time is None else ("是" if line.on_time else "否"),
           "是" if line.resolved else "否"] for line in data.incidents]),
    ]
    return sheets


def export_figures(data: OperationsData, path: Path) -> int:
    return export_sheets(path, figure_sheets(data))

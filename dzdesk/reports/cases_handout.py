"""The typical cases as a training handout (典型案例培训讲义): each case's symptom, cause, handling and lesson."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from dzdesk.domain.timefmt import format_day, format_local
from dzdesk.reports.operations_data import TypicalCase
from dzdesk.reports.pdf_base import build_pdf, generated_note, markup, para


def handout_story(cases: list[TypicalCase], platform_names: dict[str, str], start: datetime,
                  end: datetime) -> list[Flowable]:
    last = end - timedelta(microseconds=1)
    story: list[Flowable] = [markup("典型案例培训讲义", "title"),
                             markup(f"{format_day(start)} 至 {format_day(last)}", "subtitle"),
                             Spacer(1, 6 * mm)]
    if not cases:
        return [*story, para("这一期间没有标记为典型案例的故障。"
                             "在故障记录中勾选“典型案例”并写下经验教训，即可编入讲义。")]
    story.append(para(f"本讲义收录 {len(cases)} 个典型案例，供运维人员和住建局业务人员培训使用。"))
    for index, case in enumerate(cases, 1):
        where = "·".join(p for p in (platform_names.get(case.platform, case.platform), case.module) if p)
        heading = [Spacer(1, 4 * mm), markup(f"案例 {index}", "section"), para(case.title, "label"),
                   para(f"{where}　{case.severity.label_zh}　{format_local(case.reported_at)}", "small")]
        body: list[Flowable] = []
        for label, text in (("问题现象", case.description), ("原因分析", case.cause), ("处理过程", case.resolution),
                            ("经验教训", case.lesson)):
            body += [markup(label, "label"), para(text or "（未填写）")]
        story.append(KeepTogether(heading + body[:2]))
        story.extend(body[2:])
    return story


def render_handout(cases: list[TypicalCase], platform_names: dict[str, str], start: datetime, end: datetime,
                   now: datetime, target: Path) -> Path:
    return build_pdf(handout_story(cases, platform_names, start, end), target, "典型案例培训讲义",
                     f"典型案例培训讲义 · {generated_note(now)}")

"""Training paperwork: the sign-in sheet (签到表) printed before, the attendance summary after."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.timefmt import format_local
from dzdesk.domain.training import Attendance, TrainingKind, attendance_figures
from dzdesk.reports.pdf_base import (
    LINE,
    MARGIN,
    PAGE,
    SHADE,
    build_pdf,
    generated_note,
    markup,
    para,
    table_style,
)
from dzdesk.store.training_models import Training
from dzdesk.store.training_repo import roster

WIDTH = PAGE[0] - 2 * MARGIN


@dataclass(frozen=True)
class SheetData:
    title: str
    when: str
    venue: str
    platforms: str
    kind: str
    trainers: str
    modules: str
    people: list[tuple[str, str, str, str, str, str]]  # name, unit, department, phone, status, checked in
    statuses: list[Attendance]


def gather(training: Training, catalogue: Catalogue) -> SheetData:
    names = {p.code: p.short_name for p in catalogue.platforms}
    end = f" – {format_local(training.ends_at)[11:]}" if training.ends_at else ""
    people = roster(training)
    return SheetData(
        title=training.title, when=f"{format_local(training.starts_at)}{end}",
        venue=" ".join(part for part in (training.district, training.venue) if part),
        platforms="、".join(names.get(code, code) for code in training.platforms.split(",") if code),
        kind=TrainingKind(training.kind).label_zh, trainers=training.trainers, modules=training.modules,
        people=[(a.name, a.unit, a.department, a.phone, Attendance(a.status).label_zh,
                 format_local(a.checked_in_at)[11:]) for a in people],
        statuses=[Attendance(a.status) for a in people],
    )


def _header(data: SheetData, document_title: str) -> list[Flowable]:
    info = Table([
        [markup("培训主题", "label"), para(data.title), markup("培训时间", "label"), para(data.when)],
        [markup("培训地点", "label"), para(data.venue), markup("培训讲师", "label"), para(data.trainers)],
        [markup("涉及平台", "label"), para(data.platforms), markup("培训类别", "label"), para(data.kind)],
        [markup("培训内容", "label"), para(data.modules), "", ""],
    ], colWidths=[22 * mm, WIDTH / 2 - 22 * mm, 22 * mm, WIDTH / 2 - 22 * mm], splitInRow=1)  # long contents go on
    info.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (0, -1), SHADE),
                              ("BACKGROUND", (2, 0), (2, 2), SHADE), ("SPAN", (1, 3), (3, 3)),
                              ("VALIGN", (0, 0), (-1, -1), "MIDDLE")))
    return [markup(document_title, "title"), Spacer(1, 3 * mm), info, Spacer(1, 4 * mm)]


def _people_table(header: list[str], rows: list[list[str]], widths: list[float], row_height: float | None) -> Table:
    table = Table([[markup(h, "label") for h in header], *[[para(c, "cell") for c in row] for row in rows]],
                  colWidths=widths, repeatRows=1, rowHeights=[None] + [row_height] * len(rows))
    table.setStyle(table_style(("GRID", (0, 0), (-1, -1), 0.5, LINE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")))
    return table


def sign_in_story(data: SheetData) -> list[Flowable]:
    rows = [[str(i), name, unit, department, phone, ""]
            for i, (name, unit, department, phone, _s, _t) in enumerate(data.people, 1)]
    rows += [[str(len(rows) + n + 1), "", "", "", "", ""] for n in range(5)]  # room for walk-ins
    widths = [12 * mm, 24 * mm, WIDTH - 130 * mm, 26 * mm, 30 * mm, 38 * mm]
    header = ["序号", "姓名", "单位", "科室", "电话", "签字"]
    return [*_header(data, "培训签到表"), _people_table(header, rows, widths, 9 * mm)]


def summary_story(data: SheetData) -> list[Flowable]:
    figures = attendance_figures({"session": data.statuses})
    counts = Counter(data.statuses)
    rate = "—" if figures.rate is None else f"{figures.rate * 100:.1f} %"
    totals = "，".join(f"{s.label_zh} {counts[s]} 人" for s in Attendance if counts[s])
    parts = [*_header(data, "培训签到情况汇总"),
             para(f"名单共 {len(data.statuses)} 人：{totals or '无'}。应到（不含请假）{figures.attendees} 人，"
                  f"实到 {figures.attended} 人，出勤率 {rate}。"), Spacer(1, 3 * mm)]
    rows = [[str(i), name, unit, phone, status, checked]
            for i, (name, unit, _d, phone, status, checked) in enumerate(data.people, 1)]
    widths = [12 * mm, 24 * mm, WIDTH - 112 * mm, 30 * mm, 22 * mm, 24 * mm]
    parts.append(_people_table(["序号", "姓名", "单位", "电话", "签到情况", "签到时间"], rows, widths, None))
    return parts


def render(story: list[Flowable], title: str, target: Path, now: datetime) -> Path:
    return build_pdf(story, target, title, f"{title} · {generated_note(now)}")

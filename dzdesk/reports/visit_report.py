"""The visit report (上门服务单): an A4 document the customer signs and the bureau files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from PIL import Image as PILImage
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table
from sqlalchemy.orm import Session

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.incident import Status
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local
from dzdesk.domain.visit import ServiceCategory
from dzdesk.reports.issue import Issue
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
from dzdesk.store.blobs import BlobError, BlobStore
from dzdesk.store.visit_models import Visit
from dzdesk.store.visit_repo import linked_incidents, split_codes

WIDTH = PAGE[0] - 2 * MARGIN
PHOTO_BOX = (80 * mm, 60 * mm)


@dataclass(frozen=True)
class Photo:
    path: Path | None  # None: the blob is missing or damaged, and the report says so
    filename: str
    caption: str


@dataclass(frozen=True)
class VisitReportData:
    report_number: str
    service_title: str
    office: str
    department: str
    district: str
    address: str
    platforms: str
    categories: str
    engineers: str
    contact: str
    arrived_at: str
    departed_at: str
    work_done: str
    problems_found: str
    follow_ups: list[tuple[str, str, bool]] = field(default_factory=list)  # text, due, done
    incidents: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    amendments: list[tuple[str, str, str]] = field(default_factory=list)  # when, who, what
    signer: str = ""
    signed_at: str = ""
    signature: Path | None = None


def _verified(blobs: BlobStore, sha256: str) -> Path | None:
    try:
        blobs.read(sha256)
    except BlobError:
        return None
    return blobs.path(sha256)


def gather_visit_report(session: Session, visit: Visit, catalogue: Catalogue, blobs: BlobStore) -> VisitReportData:
    platforms = [catalogue.platform(code) for code in split_codes(visit.platforms)
                 if code in {p.code for p in catalogue.platforms}]
    service_title = "、".join(p.name for p in platforms) or "达州市工程建设相关信息系统"
    incidents = [(i.id[:8], Severity(i.severity).label_zh, i.title, Status(i.status).label_zh,
                  format_local(i.reported_at)) for i in linked_incidents(session, visit)]
    attachments = [a for a in visit.attachments if not a.deleted]
    return VisitReportData(
        report_number=visit.report_number, service_title=f"{service_title}运维服务",
        office=visit.office, department=visit.department, district=visit.district, address=visit.address,
        platforms="、".join(p.short_name for p in platforms),
        categories="、".join(ServiceCategory(c).label_zh for c in split_codes(visit.categories)),
        engineers=visit.engineers,
        contact=" ".join(part for part in (visit.contact_name, visit.contact_phone) if part),
        arrived_at=format_local(visit.arrived_at), departed_at=format_local(visit.departed_at),
        work_done=visit.work_done, problems_found=visit.problems_found,
        follow_ups=[(f.text, f.due.isoformat() if isinstance(f.due, date) else "", f.done)
                    for f in visit.follow_ups if not f.deleted],
        incidents=incidents,
        photos=[Photo(_verified(blobs, a.sha256), a.filename, a.caption) for a in attachments if a.kind == "photo"],
        files=[(a.filename, a.caption) for a in attachments if a.kind != "photo"],
        amendments=[(format_local(a.at), a.author, a.text) for a in visit.amendments if not a.deleted],
        signer=visit.signer_name, signed_at=format_local(visit.signed_at),
        signature=_verified(blobs, visit.signature_sha256) if visit.signature_sha256 else None,
    )


def _fields_table(data: VisitReportData) -> Table:
    label = 24 * mm
    value = (WIDTH - 2 * label) / 2
    rows = [
        [markup("服务单位", "label"), para(data.office), markup("科室/部门", "label"), para(data.department)],
        [markup("区县", "label"), para(data.district), markup("地址", "label"), para(data.address)],
        [markup("服务平台", "label"), para(data.platforms), markup("服务类别", "label"), para(data.categories)],
        [markup("服务工程师", "label"), para(data.engineers), markup("客户联系人", "label"), para(data.contact)],
        [markup("到达时间", "label"), para(data.arrived_at), markup("离开时间", "label"), para(data.departed_at)],
        [markup("工作内容", "label"), para(data.work_done), "", ""],
        [markup("发现的问题", "label"), para(data.problems_found or "无"), "", ""],
    ]
    # splitInRow: a long work description continues on the next page instead of failing the layout
    table = Table(rows, colWidths=[label, value, label, value], splitInRow=1)
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("BACKGROUND", (2, 0), (2, 4), SHADE),
        ("SPAN", (1, 5), (3, 5)),
        ("SPAN", (1, 6), (3, 6)),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ))
    return table


def _list_table(header: list[str], rows: list[list[str]], widths: list[float]) -> Table:
    table = Table([[markup(h, "label") for h in header], *[[para(c, "cell") for c in row] for row in rows]],
                  colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ))
    return table


def _photo(photo: Photo) -> Flowable:
    missing = para(f"（照片缺失或已损坏：{photo.filename}）", "small")
    if photo.path is None:
        return missing
    try:
        with PILImage.open(photo.path) as image:
            image.load()  # a cut-off picture fails here, not halfway through the report
            width, height = image.size
    except (OSError, ValueError, PILImage.DecompressionBombError):
        return missing
    scale = min(PHOTO_BOX[0] / width, PHOTO_BOX[1] / height)
    table = Table([[Image(str(photo.path), width * scale, height * scale)],
                   [para(photo.caption or photo.filename, "small")]], colWidths=[PHOTO_BOX[0] + 4 * mm])
    table.setStyle(table_style())
    return table


def _photos(photos: list[Photo]) -> Table:
    cells = [_photo(p) for p in photos]
    rows = [cells[i:i + 2] + [""] * (2 - len(cells[i:i + 2])) for i in range(0, len(cells), 2)]
    table = Table(rows, colWidths=[WIDTH / 2, WIDTH / 2])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, -1), "CENTER")))
    return table


def _signature(data: VisitReportData) -> Flowable:
    if data.signature is not None:
        with PILImage.open(data.signature) as image:
            width, height = image.size
        scale = min(60 * mm / width, 25 * mm / height)
        mark: Flowable = Image(str(data.signature), width * scale, height * scale)
    elif data.signed_at:
        mark = para("（已签字，签名图片缺失或已损坏）")
    else:
        mark = para("（客户尚未签字）")
    rows = [
        [markup("客户签字", "label"), mark],
        [markup("签字人", "label"), para(data.signer)],
        [markup("签字时间", "label"), para(data.signed_at)],
    ]
    table = Table(rows, colWidths=[24 * mm, WIDTH - 24 * mm], rowHeights=[30 * mm, None, None])
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.5, LINE),
        ("BACKGROUND", (0, 0), (0, -1), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ))
    return KeepTogether([markup("客户确认", "heading"), table])


def story(data: VisitReportData) -> list[Flowable]:
    parts: list[Flowable] = [
        para(data.service_title, "subtitle"),
        markup("上门服务单", "title"),
        markup(f"编号：{para(data.report_number).text}", "subtitle"),
        Spacer(1, 4 * mm),
        _fields_table(data),
    ]
    if data.follow_ups:
        parts += [markup("后续事项", "heading"),
                  _list_table(["事项", "完成期限", "状态"],
                              [[text, due or "—", "已完成" if done else "待办"] for text, due, done in data.follow_ups],
                              [WIDTH - 50 * mm, 28 * mm, 22 * mm])]
    if data.incidents:
        parts += [markup("关联故障", "heading"),
                  _list_table(["编号", "级别", "标题", "状态", "报告时间"], [list(row) for row in data.incidents],
                              [20 * mm, 20 * mm, WIDTH - 102 * mm, 22 * mm, 40 * mm])]
    if data.photos:
        parts += [markup("现场照片", "heading"), _photos(data.photos)]
    if data.files:
        parts += [markup("附件", "heading"),
                  _list_table(["文件名", "说明"], [[name, caption] for name, caption in data.files],
                              [WIDTH / 2, WIDTH / 2])]
    if data.amendments:
        parts += [markup("签字后的修订", "heading"),
                  _list_table(["时间", "修订人", "内容"], [list(row) for row in data.amendments],
                              [34 * mm, 24 * mm, WIDTH - 58 * mm])]
    parts.append(_signature(data))
    return parts


def render_visit_report(data: VisitReportData, target: Path, now: datetime, issue: Issue | None = None) -> Path:
    """Writes the PDF to `target` whole or not at all; with `issue`, issued (see `dzdesk.reports.issue`)."""
    return build_pdf(story(data), target, f"上门服务单 {data.report_number}",
                     f"上门服务单 {data.report_number} · {generated_note(now)}", subject=data.service_title,
                     issue=issue)


__all__ = ["VisitReportData", "gather_visit_report", "render_visit_report"]

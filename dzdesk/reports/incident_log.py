"""The full incident log for a period, as the contract asks: cause, content, whether solved, response and
resolution times, one row per fault, with Chinese column headers."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session, selectinload

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.corrections import describe_zh
from dzdesk.domain.incident import Channel, Pause, Status, paused_time
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local
from dzdesk.reports.tabular import Column, export_table
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_queries import IncidentQuery, IncidentSort, select_incidents


def _hours(delta: timedelta | None) -> float | None:
    return None if delta is None else round(delta.total_seconds() / 3600, 2)


def _pauses(incident: Incident) -> tuple[Pause, ...]:
    return tuple(Pause(p.start_at, p.end_at, p.reason) for p in incident.pauses if not p.deleted)


def _waiting(incident: Incident) -> timedelta | None:
    until = incident.resolved_at or incident.closed_at
    return paused_time(_pauses(incident), until) if until else None


def _own_time(incident: Incident) -> timedelta | None:
    if incident.resolved_at is None:
        return None
    return incident.resolved_at - incident.reported_at - (_waiting(incident) or timedelta())


def _on_time(incident: Incident) -> str:
    if incident.responded_at is None:
        return ""
    return "是" if incident.responded_at <= incident.response_due else "否"


def _corrections(incident: Incident) -> str:
    """Every corrected or late-entered time (and changed severity) of the fault, oldest first, one per line."""
    return "\n".join(describe_zh(c.field, c.old_value, c.new_value, c.late, c.author, c.at)
                     for c in incident.corrections if not c.deleted)


def incident_columns(catalogue: Catalogue) -> list[Column[Incident]]:
    names = {p.code: p.short_name for p in catalogue.platforms}
    return [
        Column("编号", lambda i: i.id, 38),
        Column("平台", lambda i: names.get(i.platform, i.platform), 10),
        Column("模块/子系统", lambda i: i.module, 14),
        Column("区县", lambda i: i.district, 10),
        Column("科室/单位", lambda i: i.department, 14),
        Column("报告人", lambda i: i.reporter, 10),
        Column("联系方式", lambda i: i.reporter_contact, 14),
        Column("报告渠道", lambda i: Channel(i.channel).label_zh, 10),
        Column("故障级别", lambda i: Severity(i.severity).label_zh, 10),
        Column("标题", lambda i: i.title, 30),
        Column("问题内容", lambda i: i.description, 40),
        Column("原因", lambda i: i.cause, 30),
        Column("处理措施", lambda i: i.resolution, 30),
        Column("是否解决", lambda i: "是" if i.resolved_at else "否", 8),
        Column("报告时间", lambda i: format_local(i.reported_at), 17),
        Column("响应期限", lambda i: format_local(i.response_due), 17),
        Column("响应时间", lambda i: format_local(i.responded_at), 17),
        Column("是否按时响应", lambda i: _on_time(i), 10),
        Column("响应用时(小时)", lambda i: _hours(i.responded_at - i.reported_at) if i.responded_at else None, 12),
        Column("解决时间", lambda i: format_local(i.resolved_at), 17),
        Column("解决用时(小时)", lambda i: _hours(i.resolved_at - i.reported_at) if i.resolved_at else None, 12),
        Column("等待客户/第三方(小时)", lambda i: _hours(_waiting(i)), 14),
        Column("团队处理用时(小时)", lambda i: _hours(_own_time(i)), 14),
        Column("关闭时间", lambda i: format_local(i.closed_at), 17),
        Column("处理人", lambda i: i.assignee, 10),
        Column("状态", lambda i: Status(i.status).label_zh, 8),
        Column("记录人", lambda i: i.author, 10),
        Column("时间更正与补录", _corrections, 50),
    ]


def export_incident_log(session: Session, catalogue: Catalogue, start: datetime, end: datetime, path: Path) -> int:
    """Every incident reported in [start, end), oldest first; returns how many rows were written."""
    query = IncidentQuery(reported_from=start, reported_to=end, sort=IncidentSort.REPORTED_ASC)
    statement = (select_incidents(query)
                 .options(selectinload(Incident.pauses), selectinload(Incident.corrections))
                 .execution_options(yield_per=1000))
    return export_table(path, "故障记录", incident_columns(catalogue), session.scalars(statement))

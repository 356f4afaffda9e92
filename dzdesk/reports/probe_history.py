"""Raw probe results of a period as CSV or XLSX: every check, for anyone who wants to verify the figures — with
who probed it, from which network and on which interval, since availability over observed time rests on those."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dzdesk.domain.catalogue import Catalogue
from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.timefmt import format_local
from dzdesk.reports.figures import OWN_UNSENT_ZH
from dzdesk.reports.tabular import Column, ExportError, export_table
from dzdesk.store.probe_models import ProbeResult, ProbeTargetRecord

Row = tuple[ProbeResult, str, str]  # result, target name, platform code

XLSX_ROW_LIMIT = 1_048_575  # a sheet's rows minus the header


def _failure(code: str) -> str:
    return Failure[code].label_zh if code in Failure.__members__ else code


def result_columns(catalogue: Catalogue) -> list[Column[Row]]:
    names = {p.code: p.short_name for p in catalogue.platforms}
    return [
        Column("时间", lambda r: format_local(r[0].started_at), 17),
        Column("巡检目标", lambda r: r[1], 26),
        Column("平台", lambda r: names.get(r[2], r[2]), 10),
        Column("结果", lambda r: "正常" if r[0].ok else "失败", 8),
        Column("响应时间(毫秒)", lambda r: r[0].latency_ms, 12),
        Column("HTTP 状态", lambda r: r[0].status_code, 10),
        Column("异常类型", lambda r: _failure(r[0].failure), 16),
        Column("详情", lambda r: r[0].detail, 40),
        Column("维护窗口内", lambda r: "是" if r[0].in_maintenance else "", 10),
        Column("证书到期", lambda r: format_local(r[0].cert_not_after), 17),
        Column("证书签发机构", lambda r: r[0].cert_issuer, 24),
        Column("观测点", lambda r: r[0].vantage or OWN_UNSENT_ZH, 22),
        Column("网络", lambda r: r[0].network, 22),
        Column("检测间隔(秒)", lambda r: r[0].interval_s or None, 12),
    ]


def export_probe_results(session: Session, catalogue: Catalogue, start: datetime, end: datetime, path: Path) -> int:
    """Every result in [start, end), oldest first, streamed; returns how many rows were written."""
    statement = (select(ProbeResult, ProbeTargetRecord.name, ProbeTargetRecord.platform)
                 .join(ProbeTargetRecord, ProbeTargetRecord.id == ProbeResult.target_id)
                 .where(ProbeResult.started_at >= start, ProbeResult.started_at < end)
                 .order_by(ProbeResult.started_at, ProbeResult.id)
                 .execution_options(yield_per=2000))
    if path.suffix.lower() == ".xlsx":
        count = session.scalar(select(func.count()).select_from(ProbeResult).where(
            ProbeResult.started_at >= start, ProbeResult.started_at < end)) or 0
        if count > XLSX_ROW_LIMIT:
            raise ExportError(f"{count} results are more than a spreadsheet holds; export as CSV or choose a "
                              "shorter period")
    rows = session.execute(statement)
    return export_table(path, "巡检记录", result_columns(catalogue), rows)

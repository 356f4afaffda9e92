"""Corrected times on the record: a fault whose response time was corrected shows the correction, with who, when
and the old value, in the incident log and the annual report's appendix, on the laptop that corrected it and on a
teammate's after sync; the hub keeps each mark as it arrived."""

from __future__ import annotations

import subprocess
import uuid
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import load_workbook

from dzdesk.domain.incident import Status
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import year_range
from dzdesk.reports.incident_log import export_incident_log
from dzdesk.reports.operations_data import gather_operations
from dzdesk.reports.operations_report import ReportMeta, render_operations_report
from dzdesk.store.incident_models import Incident, IncidentCorrection
from dzdesk.store.incident_repo import IncidentDraft, change_status, update_incident
from dzdesk.sync.protocol import SCHEMA_VERSION
from tests.sync.helpers import CALENDAR, CATALOGUE, NOW, add_fault, hub_records, sh

RESPONDED = sh(2026, 11, 20, 10, 40)
CORRECTED = sh(2026, 11, 20, 10, 5)
LATER = sh(2026, 11, 23, 9, 15)  # Monday: the correction is made three days on


def _respond_then_correct(store) -> str:
    fault = add_fault(store, "信用报告导出超时", severity=Severity.MAJOR)
    with store.transaction() as session:
        change_status(session, session.get(Incident, fault), Status.RESPONDED, RESPONDED, CATALOGUE, NOW)
    with store.transaction() as session:
        incident = session.get(Incident, fault)
        draft = IncidentDraft.of(incident)
        update_incident(session, incident, draft.__class__(**{**draft.__dict__, "responded_at": CORRECTED}),
                        CATALOGUE, CALENDAR, LATER)
    return fault


def _log_rows(store, path: Path) -> list[dict[str, object]]:
    start, end = year_range(2026)
    with store.session() as session:
        export_incident_log(session, CATALOGUE, start, end, path)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _annual_text(store, path: Path) -> str:
    start, end = year_range(2026)
    with store.session() as session:
        data = gather_operations(session, CATALOGUE, start, end, datetime(2026, 12, 1, tzinfo=UTC))
    render_operations_report(data, ReportMeta("annual", "2026 年", "一组", "张伟"), path)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return " ".join(text.split())


EXPECTED = "响应时间 2026-11-20 10:40 → 2026-11-20 10:05（张伟 2026-11-23 09:15 更正，补录）"


def test_a_corrected_response_time_shows_in_the_log_and_the_annual_report_and_survives_sync(a, b, hub, tmp_path):
    fault = _respond_then_correct(a.store)
    with a.store.session() as session:
        [mark] = session.get(Incident, fault).corrections
        assert (mark.field, mark.author, mark.late) == ("responded_at", "张伟", True)  # 3 days after 10:05
    a.sync()
    b.sync()
    for laptop in (a, b):
        [row] = _log_rows(laptop.store, tmp_path / f"{laptop.name}.xlsx")
        assert row["响应时间"] == "2026-11-20 10:05"
        assert row["时间更正与补录"] == EXPECTED
        text = _annual_text(laptop.store, tmp_path / f"{laptop.name}.pdf")
        assert "附录：故障时间更正与补录记录" in text
        assert "※ 信用报告导出超时" in text
        # The correction's row: the fault, what, the old and the new value, who, when, entered late.
        assert (f"{fault[:8]} 响应时间 2026-11-20 10:40 2026-11-20 10:05 张伟 2026-11-23 09:15 是"
                in text), text[text.index("附录：故障时间更正"):][:600]
    [stored] = hub_records(hub, "incident_corrections")
    assert stored.payload["old_value"] == RESPONDED.astimezone(UTC).isoformat()
    assert stored.payload["late"] is True and stored.owner == "张伟"


def test_the_hub_keeps_a_mark_as_it_arrived(a, hub):
    fault = _respond_then_correct(a.store)
    a.sync()
    [stored] = hub_records(hub, "incident_corrections")
    rewritten = {**stored.payload, "old_value": CORRECTED.astimezone(UTC).isoformat(), "late": False}
    with a.client() as client:
        from dzdesk.sync.protocol import Change, PushRequest

        answer = client.push(PushRequest(batch_id=str(uuid.uuid4()), schema_version=SCHEMA_VERSION, changes=[
            Change(entity="incident_corrections", id=stored.id, base_rev=stored.rev, changed=["late", "old_value"],
                   payload=rewritten)]))
        [result] = answer.results
        assert result.outcome == "rejected"
        assert "a corrected time on a fault's record is never changed or deleted" in result.message
        deleted = client.push(PushRequest(batch_id=str(uuid.uuid4()), schema_version=SCHEMA_VERSION, changes=[
            Change(entity="incident_corrections", id=stored.id, base_rev=stored.rev, changed=["deleted"],
                   payload={**stored.payload, "deleted": True})]))
        assert deleted.results[0].outcome == "rejected"
    [again] = hub_records(hub, "incident_corrections")
    assert again.payload == stored.payload
    with a.store.session() as session:
        assert session.get(IncidentCorrection, stored.id).incident_id == fault

"""What the window's navigation counts, read without the window: the faults nobody has answered yet with the nearest
deadline among them, and the probe targets that are down."""

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dzdesk.config import Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.severity import Severity
from dzdesk.operations.attention import targets_down, unanswered_faults
from dzdesk.operations.incidents import edit_fault, record_fault
from dzdesk.store.incident_repo import IncidentDraft

SH = ZoneInfo("Asia/Shanghai")
CATALOGUE = load_catalogue()
OWN = Settings().working_calendar()
MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=SH)


def draft(title: str, severity: Severity, reported: datetime) -> IncidentDraft:
    return IncidentDraft(platform="approval", severity=severity, title=title, reported_at=reported)


def fault(store, title: str, severity: Severity, reported: datetime) -> str:
    return record_fault(store, OWN, CATALOGUE, draft(title, severity, reported), reported).incident_id


def test_nothing_waits_in_an_empty_store(store):
    assert unanswered_faults(store).count == 0 and unanswered_faults(store).nearest_due is None
    assert targets_down(store, MONDAY, 14) == []


def test_the_unanswered_faults_and_the_nearest_deadline(store):
    fault(store, "网上大厅无法登录", Severity.MAJOR, MONDAY)  # due 11:00
    urgent = fault(store, "审批系统无法打开", Severity.URGENT, MONDAY + timedelta(minutes=30))  # due 10:30
    fault(store, "咨询账号权限", Severity.ADVISORY, MONDAY)  # due 16:00 (six working hours)
    waiting = unanswered_faults(store)
    assert waiting.count == 3 and waiting.nearest_due == MONDAY + timedelta(hours=1, minutes=30)
    answered = MONDAY + timedelta(minutes=40)
    responded = replace(draft("审批系统无法打开", Severity.URGENT, MONDAY + timedelta(minutes=30)),
                        responded_at=answered)
    edit_fault(store, OWN, CATALOGUE, urgent, responded, answered)
    waiting = unanswered_faults(store)
    assert waiting.count == 2 and waiting.nearest_due == MONDAY + timedelta(hours=2)

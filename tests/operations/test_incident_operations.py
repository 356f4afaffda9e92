"""A fault's life through the operations the window and the command line both call: each step saved whole or not at
all, each refusal in words with nothing written, and the command line giving the same results as the functions."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from dzdesk.config import Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.incident import IncidentProblem, Status, TransitionError
from dzdesk.domain.severity import Severity
from dzdesk.operations.incidents import (
    FaultNotFoundError,
    edit_fault,
    move_fault,
    record_fault,
    resume_work,
    wait_on_others,
)
from dzdesk.store.incident_models import Incident, IncidentEvent
from dzdesk.store.incident_repo import IncidentDraft, IncidentRejected
from dzdesk.store.outbox import OutboxEntry
from tests.support.cli import run_dzdesk

SH = ZoneInfo("Asia/Shanghai")
CATALOGUE = load_catalogue()
OWN = Settings().working_calendar()
MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=SH)


def draft(**changes) -> IncidentDraft:
    values = {"platform": "approval", "severity": Severity.MAJOR, "title": "网上大厅无法登录",
              "reported_at": MONDAY, "reporter": "王科长"}
    values.update(changes)
    return IncidentDraft(**values)


def counts(store) -> tuple[int, int, int]:
    with store.session() as session:
        return tuple(session.scalar(select(func.count()).select_from(model)) for model in
                     (Incident, IncidentEvent, OutboxEntry))


def fault(store, incident_id) -> Incident:
    with store.session() as session:
        incident = session.get(Incident, incident_id)
        _ = list(incident.pauses)
        return incident


def test_a_fault_from_report_to_close_through_the_operations(store):
    now = MONDAY + timedelta(minutes=5)
    recorded = record_fault(store, OWN, CATALOGUE, draft(), now)
    assert recorded.status is Status.NEW
    assert fault(store, recorded.incident_id).response_due is not None

    responded = move_fault(store, CATALOGUE, recorded.incident_id[:8], Status.RESPONDED, MONDAY + timedelta(
        minutes=20), now + timedelta(minutes=20))
    assert responded == type(responded)(recorded.incident_id, Status.RESPONDED)
    wait_on_others(store, CATALOGUE, recorded.incident_id, "等待区政务局提供账号", MONDAY + timedelta(hours=1),
                   now + timedelta(hours=1))
    assert [p.reason for p in fault(store, recorded.incident_id).pauses] == ["等待区政务局提供账号"]
    resume_work(store, CATALOGUE, recorded.incident_id, MONDAY + timedelta(hours=3), now + timedelta(hours=3))
    resolved = move_fault(store, CATALOGUE, recorded.incident_id, Status.RESOLVED, MONDAY + timedelta(hours=4),
                          now + timedelta(hours=4), cause="浏览器缓存", resolution="清除缓存后恢复")
    assert resolved.status is Status.RESOLVED
    renamed = replace(IncidentDraft.of(fault(store, recorded.incident_id)), title="网上大厅登录超时")
    edited = edit_fault(store, OWN, CATALOGUE, recorded.incident_id, renamed, now + timedelta(hours=5))
    assert edited.changed == ("title",)
    closed = move_fault(store, CATALOGUE, recorded.incident_id, Status.CLOSED, MONDAY + timedelta(hours=6),
                        now + timedelta(hours=6))
    saved = fault(store, recorded.incident_id)
    assert closed.status is Status.CLOSED and saved.title == "网上大厅登录超时"
    assert saved.responded_at.astimezone(UTC) == (MONDAY + timedelta(minutes=20)).astimezone(UTC)
    assert saved.pauses[0].end_at.astimezone(UTC) == (MONDAY + timedelta(hours=3)).astimezone(UTC)

    reopened = move_fault(store, CATALOGUE, recorded.incident_id, Status.IN_PROGRESS, now + timedelta(days=1),
                          now + timedelta(days=1), note="客户反馈再次出现")
    assert reopened.status is Status.IN_PROGRESS
    assert fault(store, recorded.incident_id).resolved_at is None


@pytest.mark.parametrize("step", ["response-before-report", "resolve-new", "close-new", "unknown-id", "short-id",
                                  "resume-idle", "impossible-edit"])
def test_a_refused_step_changes_nothing(store, step):
    recorded = record_fault(store, OWN, CATALOGUE, draft(), MONDAY + timedelta(minutes=5))
    before = counts(store)
    now = MONDAY + timedelta(hours=1)
    attempts = {
        "response-before-report": (IncidentRejected, lambda: move_fault(
            store, CATALOGUE, recorded.incident_id, Status.RESPONDED, MONDAY - timedelta(hours=1), now)),
        "resolve-new": (TransitionError, lambda: move_fault(
            store, CATALOGUE, recorded.incident_id, Status.RESOLVED, now, now, cause="x", resolution="y")),
        "close-new": (TransitionError, lambda: move_fault(store, CATALOGUE, recorded.incident_id, Status.CLOSED,
                                                          now, now)),
        "unknown-id": (FaultNotFoundError, lambda: move_fault(store, CATALOGUE, "ffffffff", Status.RESPONDED, now,
                                                              now)),
        "short-id": (FaultNotFoundError, lambda: move_fault(store, CATALOGUE, "ab", Status.RESPONDED, now, now)),
        "resume-idle": (ValueError, lambda: resume_work(store, CATALOGUE, recorded.incident_id, now, now)),
        "impossible-edit": (IncidentRejected, lambda: edit_fault(
            store, OWN, CATALOGUE, recorded.incident_id, draft(title=""), now)),
    }
    error, attempt = attempts[step]
    with pytest.raises(error):
        attempt()
    assert counts(store) == before
    assert fault(store, recorded.incident_id).status == Status.NEW.value


def test_the_command_line_runs_the_same_steps_and_says_what_it_refuses(data_dir):
    d = ["--data-dir", str(data_dir.root)]
    added = run_dzdesk("incidents", "add", "--platform", "approval", "--severity", "MAJOR", "--title", "受理单打印空白",
                       "--reported-at", "2026-11-16T09:00", *d)
    assert added.returncode == 0, added.stderr
    fault_id = added.stdout.strip()
    short = fault_id[:8]

    early = run_dzdesk("incidents", "respond", short, "--at", "2026-11-16T08:30", *d)
    assert early.returncode == 2
    assert early.stderr.strip() == f"dzdesk: not changed: {IncidentProblem.RESPONDED_BEFORE_REPORTED.value}"
    skipped = run_dzdesk("incidents", "resolve", short, "--cause", "驱动", "--resolution", "重装驱动", *d)
    assert skipped.returncode == 2 and "cannot go from new to resolved" in skipped.stderr
    unknown = run_dzdesk("incidents", "respond", "ffff0000", *d)
    assert unknown.returncode == 1 and "no fault has an id starting with 'ffff0000'" in unknown.stderr
    bad_time = run_dzdesk("incidents", "respond", short, "--at", "昨天", *d)
    assert bad_time.returncode == 2 and bad_time.stderr.startswith("dzdesk: --at: ")

    steps = [("respond", short, "--at", "2026-11-16T09:20"),
             ("wait", short, "--reason", "等待供应商", "--at", "2026-11-16T10:00"),
             ("resume", short, "--at", "2026-11-16T11:00"),
             ("resolve", short, "--at", "2026-11-16T12:00", "--cause", "打印驱动", "--resolution", "重装驱动"),
             ("close", short, "--at", "2026-11-16T12:30")]
    for step in steps:
        result = run_dzdesk("incidents", *step, *d)
        assert result.returncode == 0, (step, result.stderr)
    listed = json.loads(run_dzdesk("incidents", "list", "--json", *d).stdout)
    [row] = listed
    assert row["status"] == "closed"
    assert row["responded_at"] == "2026-11-16T09:20:00+08:00"
    assert row["resolved_at"] == "2026-11-16T12:00:00+08:00"
    twice = run_dzdesk("incidents", "close", short, *d)
    assert twice.returncode == 2 and "cannot go from closed to closed" in twice.stderr

"""A complaint and a hand-typed indicator figure through the operations their editors call: saved whole, refused
whole, and a record deleted meanwhile said so."""

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.operations.complaints import ComplaintGoneError, save_complaint_with
from dzdesk.operations.indicators import note_flags, set_figure
from dzdesk.store.complaint_repo import ComplaintDraft, ComplaintRejected
from dzdesk.store.incident_models import Complaint
from dzdesk.store.indicator_models import IndicatorNote, IndicatorValue

SH = ZoneInfo("Asia/Shanghai")
RECEIVED = datetime(2026, 11, 16, 10, 0, tzinfo=SH)
DRAFT = ComplaintDraft(ComplaintChannel.PHONE, "刘先生", "网上大厅办件进度长时间不更新", RECEIVED)


def count(store, model) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_complaint_recorded_then_replied_to(store):
    complaint_id = save_complaint_with(store, DRAFT, RECEIVED + timedelta(minutes=5)).record_id
    replied = replace(DRAFT, replied_at=RECEIVED + timedelta(days=2), outcome="已协调区政务局更新进度，客户认可")
    assert save_complaint_with(store, replied, RECEIVED + timedelta(days=2), complaint_id).record_id == complaint_id
    with store.session() as session:
        assert session.get(Complaint, complaint_id).outcome.startswith("已协调")
    with pytest.raises(ComplaintRejected):
        save_complaint_with(store, replace(DRAFT, complainant=" "), RECEIVED + timedelta(days=3), complaint_id)
    with pytest.raises(ComplaintGoneError):
        save_complaint_with(store, DRAFT, RECEIVED, "no-such-complaint")
    assert count(store, Complaint) == 1
    with store.session() as session:
        assert session.get(Complaint, complaint_id).complainant == "刘先生"


def test_a_complaint_saved_from_what_was_shown_keeps_a_teammates_field_and_no_empty_conflict(store):
    from dzdesk.store.sync_models import SyncConflict

    complaint_id = save_complaint_with(store, DRAFT, RECEIVED).record_id
    shown = DRAFT
    save_complaint_with(store, replace(DRAFT, unit="达川区政务局", content="办件进度不更新"), RECEIVED,
                        complaint_id)  # a teammate's change, pulled while the editor was open
    saved = save_complaint_with(store, replace(shown, complainant="刘建国", content=" 办件进度不更新 "), RECEIVED,
                                complaint_id, shown=shown)
    assert saved.both_changed == ()  # the same text once trimmed: nothing to choose between
    with store.session() as session:
        complaint = session.get(Complaint, complaint_id)
        assert (complaint.complainant, complaint.unit) == ("刘建国", "达川区政务局")
        assert complaint.content == "办件进度不更新"
        assert session.scalar(select(func.count()).select_from(SyncConflict)) == 0


def test_a_figure_typed_in_and_a_note_on_its_flags(store):
    first = set_figure(store, "2026-10", "达川区", "approval_days", 52.0)
    assert (first.added, first.changed) == (1, 0)
    assert set_figure(store, "2026-10", "达川区", "approval_days", 66.0).changed == 1
    assert set_figure(store, "2026-10", "达川区", "approval_days", 66.0).unchanged == 1
    note_flags(store, "2026-10", "达川区", "approval_days", ["moved", "missed_target"], "系统升级停机两天", "已补录")
    note_flags(store, "2026-10", "达川区", "approval_days", ["moved"], "系统升级停机两天", "已补录，次月复核")
    assert count(store, IndicatorValue) == 1 and count(store, IndicatorNote) == 2

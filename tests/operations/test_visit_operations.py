"""An on-site visit through the operations the window calls: saved with its attachments and the faults recorded
during it, signed by the customer, amended after, and each refusal leaving nothing written."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from sqlalchemy import func, select

from dzdesk.config import Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.severity import Severity
from dzdesk.domain.visit import ServiceCategory, VisitProblem
from dzdesk.operations.incidents import record_fault
from dzdesk.operations.visits import VisitGoneError, amend_visit, link_fault, save_visit_with, sign_visit
from dzdesk.store.incident_repo import IncidentDraft
from dzdesk.store.visit_models import Visit, VisitAmendment, VisitAttachment, VisitIncident
from dzdesk.store.visit_repo import VisitDraft, VisitRejected, load_visit

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 20, 11, 40, tzinfo=SH)
DRAFT = VisitDraft(office="渠县住房和城乡建设局", platforms=("credit",), categories=(ServiceCategory.SECURITY,),
                   engineers="邓雪", arrived_at=datetime(2026, 11, 20, 9, 0, tzinfo=SH),
                   departed_at=datetime(2026, 11, 20, 11, 30, tzinfo=SH), work_done="核对账号权限，清理离职人员账号。")


def signature() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (240, 90), (20, 30, 80, 255)).save(out, format="PNG")
    return out.getvalue()


def counts(store):
    with store.session() as session:
        return tuple(session.scalar(select(func.count()).select_from(m)) for m in
                     (Visit, VisitAttachment, VisitIncident, VisitAmendment))


def test_a_visit_saved_with_its_files_and_faults_then_signed_then_amended(store, tmp_path):
    notes = tmp_path / "巡检记录.txt"
    notes.write_text("账号清理清单", encoding="utf-8")
    fault = record_fault(store, Settings().working_calendar(), load_catalogue(), IncidentDraft(
        platform="credit", severity=Severity.MINOR, title="账号无法登录", reported_at=DRAFT.arrived_at), NOW)
    visit_id = save_visit_with(store, DRAFT, NOW, attachments=[notes],
                               incident_ids=[fault.incident_id, "gone"]).record_id
    assert counts(store) == (1, 1, 1, 0)

    sign_visit(store, visit_id, "王主任", signature(), NOW)
    with pytest.raises(VisitRejected) as again:
        sign_visit(store, visit_id, "王主任", signature(), NOW)
    assert again.value.problems == [VisitProblem.ALREADY_SIGNED]
    amend_visit(store, visit_id, "次日补充：另清理两个离职账号。", NOW)
    later = record_fault(store, Settings().working_calendar(), load_catalogue(), IncidentDraft(
        platform="credit", severity=Severity.MINOR, title="证书提醒", reported_at=DRAFT.arrived_at), NOW)
    link_fault(store, visit_id, later.incident_id, NOW)
    assert counts(store) == (1, 1, 2, 2)  # a fault linked after the signature is an amendment too
    with store.session() as session:
        visit = load_visit(session, visit_id)
        assert visit.signer_name == "王主任" and visit.signature_sha256


def test_refusals_change_nothing(store, tmp_path):
    visit_id = save_visit_with(store, DRAFT, NOW).record_id
    before = counts(store)
    with pytest.raises(VisitRejected):
        save_visit_with(store, VisitDraft(**{**DRAFT.__dict__, "office": ""}), NOW, visit_id)
    with pytest.raises(OSError):
        save_visit_with(store, DRAFT, NOW, visit_id, attachments=[tmp_path / "missing.jpg"])
    with pytest.raises(VisitRejected):
        sign_visit(store, visit_id, "  ", signature(), NOW)
    with pytest.raises(VisitGoneError):
        sign_visit(store, "no-such-visit", "王主任", signature(), NOW)
    with pytest.raises(VisitGoneError):
        link_fault(store, visit_id, "no-such-fault", NOW)
    with pytest.raises(ValueError, match="needs a text"):
        amend_visit(store, visit_id, "   ", NOW)
    assert counts(store) == before
    with store.session() as session:
        assert load_visit(session, visit_id).office == DRAFT.office


def test_a_visit_saved_from_what_was_shown_keeps_a_change_made_since_and_both_values_of_a_field_both_changed(store):
    from dataclasses import replace

    from dzdesk.store.sync_models import SyncConflict

    visit_id = save_visit_with(store, DRAFT, NOW).record_id
    shown = DRAFT  # the editor shows the visit
    save_visit_with(store, replace(DRAFT, contact_name="刘科长", work_done="核对账号权限。"), NOW, visit_id)  # a pull
    edited = replace(shown, address="渠县渠江镇", work_done="核对账号权限，清理离职人员账号三个。")
    saved = save_visit_with(store, edited, NOW, visit_id, shown=shown)
    assert saved.both_changed == ("work_done",)
    with store.session() as session:
        visit = load_visit(session, visit_id)
        assert (visit.contact_name, visit.address, visit.work_done) == (
            "刘科长", "渠县渠江镇", "核对账号权限，清理离职人员账号三个。")
        [conflict] = session.scalars(select(SyncConflict)).all()
    assert (conflict.entity, conflict.record_id, conflict.field) == ("visits", visit_id, "work_done")
    assert "核对账号权限。" in conflict.other_value


def test_a_visit_changed_since_the_signature_pad_opened_is_not_signed(store):
    from dataclasses import replace

    visit_id = save_visit_with(store, DRAFT, NOW).record_id
    shown = DRAFT  # the pad opens on the visit as it stands
    save_visit_with(store, replace(DRAFT, work_done="核对账号权限，另重置了两个密码。"), NOW, visit_id)  # a pull
    with pytest.raises(VisitRejected) as refused:
        sign_visit(store, visit_id, "刘科长", signature(), NOW, shown=shown)
    assert refused.value.problems == [VisitProblem.CHANGED_WHILE_SIGNING]
    with store.session() as session:
        assert not load_visit(session, visit_id).signed
        shown_now = VisitDraft.of(load_visit(session, visit_id))
    sign_visit(store, visit_id, "刘科长", signature(), NOW, shown=shown_now)  # gone through again: signed
    with store.session() as session:
        assert load_visit(session, visit_id).signed

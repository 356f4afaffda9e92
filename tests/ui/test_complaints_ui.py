from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.store.complaint_repo import ComplaintDraft, save_complaint
from dzdesk.store.incident_models import Complaint
from dzdesk.ui.complaints.page import OVERDUE, ComplaintsPage
from dzdesk.ui.theme import colour
from tests.support.typing import activate, type_text


def make_page(qtbot, ctx):
    page = ComplaintsPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.listed):  # the list is read on a worker
        page.show()
        qtbot.waitExposed(page)
    return page


def test_record_a_complaint_and_see_its_week(qtbot, ctx, chinese):
    page = make_page(qtbot, ctx)
    editor = page.new_complaint()
    activate(editor)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert "请填写投诉人" in editor.w["problems"].text()
    assert editor.w["due"].text().startswith("须在")
    type_text(qtbot, editor.w["complainant"], "王芳")
    type_text(qtbot, editor.w["unit"], "达川区住建局")
    type_text(qtbot, editor.w["content"], "上门服务人员未按约定时间到场")
    assert save.isEnabled()
    with qtbot.waitSignal(page.listed):  # saved on a worker, then the list is read again
        qtbot.keyClick(editor.w["content"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    with ctx.store.session() as session:
        complaints = session.query(Complaint).all()
    assert [(c.complainant, c.unit) for c in complaints] == [("王芳", "达川区住建局")]
    assert page.model.rowCount() == 1
    assert page.count_label.text() == "共 1 条投诉"


def test_reply_needs_an_outcome(qtbot, ctx, chinese):
    page = make_page(qtbot, ctx)
    editor = page.new_complaint()
    type_text(qtbot, editor.w["complainant"], "x")
    type_text(qtbot, editor.w["content"], "y")
    editor.w["replied_check"].setChecked(True)
    assert "处理结果" in editor.w["problems"].text()
    assert not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_overdue_complaints_stand_out(qtbot, ctx):
    now = datetime.now(UTC)
    with ctx.store.transaction() as session:
        save_complaint(session, ComplaintDraft(ComplaintChannel.FAX, "甲", "超期未答复", now - timedelta(days=9)), now)
        save_complaint(session, ComplaintDraft(ComplaintChannel.EMAIL, "乙", "新投诉", now - timedelta(days=1)), now)
    page = make_page(qtbot, ctx)
    first = page.model.index(0, 0)
    assert page.model.data(page.model.index(0, 3)) == "甲"  # the oldest unanswered first
    assert page.model.data(first, Qt.ItemDataRole.BackgroundRole).color() == colour(OVERDUE)
    assert page.model.data(page.model.index(1, 0), Qt.ItemDataRole.BackgroundRole) is None


def test_a_complaint_no_longer_stored_is_said_and_cannot_be_saved_over(qtbot, ctx, chinese):
    """Read on a worker like any stored complaint (`DraftedDialog.read_stored`); gone, it says so in words, and the
    form and Save stay held."""
    from dzdesk.ui.complaints.editor import ComplaintEditor

    editor = ComplaintEditor(ctx, "no-such-complaint")
    qtbot.addWidget(editor)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not editor.form.isEnabled() and not save.isEnabled()  # held while the worker reads
    with qtbot.waitSignal(editor.loaded):
        editor.show()
    assert editor.w["problems"].text() == "无法读取这条投诉：这条投诉已不在本机记录中。"
    assert not editor.is_loaded and not editor.form.isEnabled() and not save.isEnabled()


def test_a_complaint_saved_from_an_editor_opened_before_a_teammates_change_keeps_that_change(qtbot, ctx):
    from dataclasses import replace

    from dzdesk.ui.complaints.editor import ComplaintEditor

    now = datetime.now(UTC)
    with ctx.store.transaction() as session:
        complaint_id = save_complaint(session, ComplaintDraft(ComplaintChannel.PHONE, "王芳", "服务人员未按时到场",
                                                              now - timedelta(days=1)), now).id
    editor = ComplaintEditor(ctx, complaint_id)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.is_loaded)
    with ctx.store.transaction() as session:  # a teammate's change, pulled while the editor is open
        complaint = session.get(Complaint, complaint_id)
        save_complaint(session, replace(ComplaintDraft.of(complaint), unit="达川区住建局"), now, complaint)
    editor.w["content"].setPlainText("服务人员未按约定时间到场，已致歉")
    with qtbot.waitSignal(editor.saved):
        editor.accept()
    with ctx.store.session() as session:
        complaint = session.get(Complaint, complaint_id)
        assert (complaint.unit, complaint.content) == ("达川区住建局", "服务人员未按约定时间到场，已致歉")

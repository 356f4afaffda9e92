"""A visit recorded, signed with the pad and exported, with no network at all."""

import subprocess
from datetime import datetime, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.store.visit_repo import load_visit
from dzdesk.ui.operations import set_synchronous
from dzdesk.ui.visits.page import VisitsPage
from dzdesk.ui.visits.signature_pad import SignatureDialog, SignaturePad
from tests.support.typing import activate, type_text

NOW = datetime(2026, 11, 20, 11, 30, tzinfo=SHANGHAI)


def make_page(qtbot, ctx):
    page = VisitsPage(ctx, now=lambda: NOW)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def draw(pad: SignaturePad):
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(30, 90))
    for x in range(40, 300, 12):
        QTest.mouseMove(pad, QPoint(x, 90 + (x % 40) - 20))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 95))


def test_record_sign_and_export_a_visit(qtbot, ctx, chinese, tmp_path):
    page = make_page(qtbot, ctx)
    editor = page.new_visit()
    activate(editor)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert "请填写服务单位" in editor.w["problems"].text()
    type_text(qtbot, editor.w["office"], "达州市住房和城乡建设局")
    editor.w["department"].setCurrentText("建管科")
    editor.platform_checks["approval"].setChecked(True)
    editor.category_checks["function"].setChecked(True)
    editor.w["arrived"].setDateTime(editor.w["arrived"].dateTime().addSecs(-3600))
    type_text(qtbot, editor.w["work"], "检查审批系统打印控件 <b>&")
    editor.w["contact_name"].setText("张科长")
    assert save.isEnabled(), editor.w["problems"].text()
    with qtbot.waitSignal(editor.saved):  # written on a worker; closed once committed
        qtbot.keyClick(editor.w["work"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not editor.isVisible()
    qtbot.waitUntil(lambda: page.selected_id() is not None)  # the list, read again, selects it
    visit_id = page.selected_id()

    page.sign_selected()  # whether it is signed is read on a worker, then the pad opens
    qtbot.waitUntil(lambda: page.signature_dialog is not None)
    dialog = page.signature_dialog
    assert isinstance(dialog, SignatureDialog)
    assert dialog.signer.text() == "张科长"
    assert not dialog.sign_button.isEnabled()  # nothing drawn yet
    draw(dialog.pad)
    assert dialog.sign_button.isEnabled()
    with qtbot.waitSignal(page.signature_stored) as stored:
        dialog.sign_button.click()
    assert stored.args == [visit_id]
    with ctx.store.session() as session:
        visit = load_visit(session, visit_id)
        assert visit.signed and visit.signer_name == "张科长" and visit.signature_sha256

    locked = page.edit_selected()
    qtbot.waitUntil(lambda: locked.is_loaded)
    assert not locked.form.isEnabled() and not locked.signed_banner.isHidden()
    locked.close()

    target = tmp_path / "visit.pdf"
    set_synchronous(True)
    try:
        done = []
        page.render_pdf(visit_id, target, done.append)
    finally:
        set_synchronous(False)
    assert done == [target]
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "上门服务单" in text and "达州市住房和城乡建设局" in text and "张科长" in text
    assert "<b>&" in text  # user text prints as typed


def test_signature_pad_png_is_cropped_and_transparent(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.show()
    assert pad.to_png() == b""
    draw(pad)
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(pad.to_png()))
    assert image.mode == "RGBA"
    assert image.width < pad.width() and image.getpixel((0, 0))[3] == 0
    pad.clear()
    assert pad.is_empty()


def test_a_visit_closed_by_mistake_keeps_its_draft(qtbot, ctx):
    page = make_page(qtbot, ctx)
    editor = page.new_visit()
    type_text(qtbot, editor.w["office"], "渠县政务服务中心")
    editor.reject()
    again = page.new_visit()
    assert again.w["office"].text() == "渠县政务服务中心"


def test_arrival_in_the_future_is_refused(qtbot, ctx, chinese):
    page = make_page(qtbot, ctx)
    editor = page.new_visit()
    editor.w["arrived"].setDateTime(editor.w["arrived"].dateTime().addSecs(int(timedelta(days=1).total_seconds())))
    assert "到达时间晚于当前时间" in editor.w["problems"].text()


def test_every_visit_problem_has_chinese_words(qapp, chinese):
    from dzdesk.domain.visit import VisitProblem
    from dzdesk.ui.visits.texts import visit_problem_text

    for problem in VisitProblem:
        assert visit_problem_text(problem) != problem.value


def test_a_visit_changed_while_the_customer_signs_is_not_signed(qtbot, ctx, chinese, monkeypatch):
    """The customer signs what they read: a sync that changes the visit while the pad is open refuses the
    signature, says why, and the visit stays unsigned, to be gone through again."""
    from dataclasses import replace

    from dzdesk.domain.visit import ServiceCategory
    from dzdesk.operations.visits import save_visit_with
    from dzdesk.store.visit_repo import VisitDraft

    now = NOW
    draft = VisitDraft(office="达州市住房和城乡建设局", platforms=("approval",), categories=(ServiceCategory.FUNCTION,),
                       engineers="李明", arrived_at=now - timedelta(hours=2), work_done="检查打印控件",
                       contact_name="张科长")
    visit_id = save_visit_with(ctx.store, draft, now).record_id
    page = make_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.table.selectRow(0)
    page.sign_selected()
    qtbot.waitUntil(lambda: page.signature_dialog is not None)
    dialog = page.signature_dialog
    save_visit_with(ctx.store, replace(draft, work_done="检查打印控件；另重装了证书驱动"), now, visit_id)  # pulled
    said: list[str] = []
    monkeypatch.setattr("dzdesk.ui.visits.page.QMessageBox.warning", lambda _parent, _title, text: said.append(text))
    draw(dialog.pad)
    with qtbot.waitSignal(page.signature_stored) as stored:
        dialog.sign_button.click()
    assert stored.args == [""] and "客户签字期间" in said[0]
    with ctx.store.session() as session:
        assert not load_visit(session, visit_id).signed

"""A trainer plans a session, imports 200 people, checks in 150 by keyboard and prints both sheets, offline."""

import subprocess
from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.training import ATTENDED, Attendance
from dzdesk.store.training_repo import load_training, roster
from dzdesk.ui.operations import set_synchronous
from dzdesk.ui.trainings.page import TrainingsPage
from tests.support.typing import activate, type_text

START = datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)


def settle(qtbot, *screens) -> None:
    """Waits until what the screens read or write on a worker is back and shown."""
    qtbot.waitUntil(lambda: not any(screen.busy for screen in screens), timeout=20_000)


def test_plan_import_check_in_and_print(qtbot, ctx, chinese, tmp_path, monkeypatch):
    clock = [START - timedelta(days=1)]
    page = TrainingsPage(ctx, now=lambda: clock[0])
    qtbot.addWidget(page)
    page.show()
    editor = page.new_training()
    type_text(qtbot, editor.w["title"], "审批系统操作培训")
    editor.platform_checks["approval"].setChecked(True)
    slides = tmp_path / "网上大厅操作手册.pdf"
    slides.write_bytes(b"%PDF-1.4 slides")
    editor.stage_materials([slides])
    with qtbot.waitSignal(editor.saved):
        editor.accept()
        assert editor.busy and not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
        editor.accept()  # a second click while it saves plans no second session
    assert not editor.isVisible()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # the list is read on a worker
    page.table.selectRow(0)
    training_id = page.selected_id()
    again = page.edit_selected()
    settle(qtbot, again)
    assert again.w["title"].text() == "审批系统操作培训"
    assert [again.materials.item(i).text() for i in range(again.materials.count())] == ["网上大厅操作手册.pdf"]
    again.close()

    lines = ["姓名,单位,手机号"] + [f"学员{n:03d},达川区住建局,139{n:08d}" for n in range(200)]
    lines.append("坏行,达川区住建局,123")
    csv_file = tmp_path / "roster.csv"
    csv_file.write_bytes("\r\n".join(lines).encode("gbk"))
    dialog = page.import_roster(csv_file)
    settle(qtbot, dialog)
    assert "200" in dialog.summary.text() and dialog.errors.count() == 1
    assert "row 202" in dialog.errors.item(0).text()
    with qtbot.waitSignal(dialog.imported) as imported:
        assert dialog.import_entries()
        assert not dialog.import_entries()  # a second press while the first runs adds nobody twice
    assert imported.args == [200]
    dialog.close()

    clock[0] = START + timedelta(minutes=5)
    check_in = page.open_check_in()
    activate(check_in)
    settle(qtbot, check_in)
    for n in range(150):  # as fast as the keyboard goes: each check-in is kept in turn behind the others
        check_in.search.setText(f"{n:03d}")
        qtbot.keyClick(check_in.search, Qt.Key.Key_Return)
    settle(qtbot, check_in)
    assert check_in.counter.text().startswith("已签到：150")
    clock[0] = START + timedelta(minutes=30)
    assert check_in.add_walk_in_text("临时学员, 渠县政务服务中心, 13880861234")
    settle(qtbot, check_in)
    assert check_in.counter.text().startswith("已签到：151")
    check_in.close()
    with ctx.store.session() as session:
        people = roster(load_training(session, training_id))
    statuses = [a.status for a in people]
    assert len(people) == 201
    assert statuses.count(Attendance.PRESENT.value) == 150
    assert people[-1].walk_in and people[-1].status == Attendance.LATE.value

    opened = []
    monkeypatch.setattr("dzdesk.ui.trainings.page.open_in_viewer", opened.append)
    set_synchronous(True)
    try:
        page.export_sheet("sign-in", tmp_path / "sheet.pdf")
        page.export_sheet("attendance", tmp_path / "summary.pdf")
    finally:
        set_synchronous(False)
    assert opened == [tmp_path / "sheet.pdf", tmp_path / "summary.pdf"]
    summary = subprocess.run(["pdftotext", str(tmp_path / "summary.pdf"), "-"], capture_output=True, text=True,
                             check=True).stdout.replace(" ", "").replace("\n", "")
    assert "实到151人" in summary


def plan(ctx, title: str = "信用平台培训") -> str:
    from dzdesk.operations.trainings import save_session
    from dzdesk.store.training_repo import TrainingDraft

    return save_session(ctx.store, TrainingDraft(title=title, starts_at=START, ends_at=START + timedelta(hours=2),
                                                 platforms=("credit",))).record_id


def test_a_session_that_cannot_be_saved_keeps_the_editor_open_with_the_reason(qtbot, ctx, monkeypatch):
    def locked(*_args, **_kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr("dzdesk.ui.trainings.editor.save_session", locked)
    page = TrainingsPage(ctx, now=lambda: START)
    qtbot.addWidget(page)
    editor = page.new_training()
    saved = []
    editor.saved.connect(saved.append)
    type_text(qtbot, editor.w["title"], "审批系统操作培训")
    editor.accept()
    settle(qtbot, editor)
    assert editor.isVisible() and saved == [] and page.model.rowCount() == 0
    assert editor.w["problems"].text() == "The session was not saved: database is locked"
    assert editor.w["title"].text() == "审批系统操作培训"  # nothing typed is lost
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    editor.reject()


def test_a_check_in_that_cannot_be_kept_is_not_counted_and_says_why(qtbot, ctx, monkeypatch):
    from dzdesk.domain.training import RosterEntry
    from dzdesk.operations.trainings import add_people
    from dzdesk.ui.trainings.check_in import CheckInDialog

    training_id = plan(ctx)
    add_people(ctx.store, training_id, [RosterEntry("王芳", "通川区住建局", "", "13900000001")])

    def locked(*_args, **_kwargs):
        raise RuntimeError("database is locked")

    monkeypatch.setattr("dzdesk.ui.trainings.check_in.check_person_in", locked)
    dialog = CheckInDialog(ctx, training_id, now=lambda: START)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    assert dialog.counter.text() == "Checked in: 0 of 1"
    dialog.search.setText("王芳")
    dialog.check_in_first()
    assert dialog.counter.text() == "Checked in: 0 of 1"  # not counted before it is kept
    settle(qtbot, dialog)
    assert dialog.message.text() == "Not checked in: database is locked"
    assert dialog.counter.text() == "Checked in: 0 of 1"
    with ctx.store.session() as session:
        assert not [a for a in roster(load_training(session, training_id)) if Attendance(a.status) in ATTENDED]


def test_a_session_saved_from_an_editor_opened_before_a_teammates_change_keeps_that_change(qtbot, ctx):
    from dataclasses import replace

    from dzdesk.operations.trainings import save_session
    from dzdesk.store.training_repo import TrainingDraft
    from dzdesk.ui.trainings.editor import TrainingEditor

    training_id = save_session(ctx.store, TrainingDraft("审批系统操作培训", START,
                                                        venue="市住建局三楼会议室")).record_id
    editor = TrainingEditor(ctx, training_id)
    qtbot.addWidget(editor)
    settle(qtbot, editor)
    with ctx.store.session() as session:
        stored = TrainingDraft.of(load_training(session, training_id))
    save_session(ctx.store, replace(stored, trainers="邓雪"), training_id)  # pulled while the editor is open
    editor.w["notes"].setPlainText("请自带笔记本电脑")
    with qtbot.waitSignal(editor.saved):
        editor.accept()
    with ctx.store.session() as session:
        training = load_training(session, training_id)
        assert (training.trainers, training.notes, training.venue) == ("邓雪", "请自带笔记本电脑", "市住建局三楼会议室")

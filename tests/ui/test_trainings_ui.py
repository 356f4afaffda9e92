"""A trainer plans a session, imports 200 people, checks in 150 by keyboard and prints both sheets, offline."""

import subprocess
from datetime import datetime, timedelta

from PySide6.QtCore import Qt

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.training import Attendance
from dzdesk.store.training_repo import load_training, roster
from dzdesk.ui.operations import set_synchronous
from dzdesk.ui.trainings.page import TrainingsPage
from tests.support.typing import activate, type_text

START = datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)


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
    editor.accept()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)  # the list is read on a worker
    page.table.selectRow(0)
    training_id = page.selected_id()
    again = page.edit_selected()
    assert [again.materials.item(i).text() for i in range(again.materials.count())] == ["网上大厅操作手册.pdf"]
    again.close()

    lines = ["姓名,单位,手机号"] + [f"学员{n:03d},达川区住建局,139{n:08d}" for n in range(200)]
    lines.append("坏行,达川区住建局,123")
    csv_file = tmp_path / "roster.csv"
    csv_file.write_bytes("\r\n".join(lines).encode("gbk"))
    dialog = page.import_roster(csv_file)
    assert "200" in dialog.summary.text() and dialog.errors.count() == 1
    assert "row 202" in dialog.errors.item(0).text()
    assert dialog.import_entries() == 200
    dialog.close()

    clock[0] = START + timedelta(minutes=5)
    check_in = page.open_check_in()
    activate(check_in)
    for n in range(150):
        check_in.search.setText(f"{n:03d}")
        qtbot.keyClick(check_in.search, Qt.Key.Key_Return)
    assert check_in.counter.text().startswith("已签到：150")
    clock[0] = START + timedelta(minutes=30)
    assert check_in.add_walk_in_text("临时学员, 渠县政务服务中心, 13880861234")
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

"""Lists and editors read and write on a worker: an answer to an older query never shows over a newer one, a
refusal is said in words with nothing lost, and a double click writes once. The session guard holds every module
here (tests/ui/conftest.py)."""

import threading
import time
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.incident import Status
from dzdesk.domain.severity import Severity
from dzdesk.operations.complaints import ComplaintGoneError
from dzdesk.store.complaint_repo import ComplaintDraft, save_complaint
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.ui.complaints.editor import ComplaintEditor
from dzdesk.ui.incidents.editor import IncidentEditor
from dzdesk.ui.incidents.page import IncidentsPage
from dzdesk.ui.paged_model import PAGE_SIZE, PagedTableModel
from dzdesk.ui.search.dialog import SearchDialog
from tests.support.typing import type_text


class Letters(PagedTableModel[str]):
    def cell(self, row: str, column: int, role: int) -> object:
        return row if role == Qt.ItemDataRole.DisplayRole else None


def source(rows: list[str], gate: threading.Event | None = None, asked: list[str] | None = None):
    """A count and a fetch over `rows`; with a `gate`, the first page waits for it (a slow read)."""

    def count() -> int:
        return len(rows)

    def fetch(offset: int, limit: int) -> list[str]:
        if asked is not None:
            asked.append(rows[0] if rows else "")
        if gate is not None and offset == 0:
            assert gate.wait(5)
        return rows[offset:offset + limit]

    return count, fetch


def test_an_answer_to_an_older_query_never_shows_over_the_newer(qtbot):
    gate, asked = threading.Event(), []
    model = Letters(["letter"], *source([], asked=asked))
    shown: list[list[str]] = []
    model.first_page_shown.connect(lambda: shown.append([model.data(model.index(r, 0))
                                                         for r in range(model.rowCount())]))
    model.set_source(*source(["old"] * 3, gate, asked))  # slow: still being read while the user types on
    model.set_source(*source(["between"] * 2, asked=asked))
    model.set_source(*source(["new"] * 5, asked=asked))
    gate.set()
    qtbot.waitUntil(model.is_settled)
    assert shown == [["new"] * 5]  # the old answer was dropped, the one in between never read
    assert asked == ["old", "new"]
    assert model.rowCount() == model.total == 5


def test_the_count_makes_every_row_scrollable_and_pages_come_from_a_worker(qtbot):
    rows = [f"row {n}" for n in range(PAGE_SIZE * 3 + 7)]
    model = Letters(["letter"], *source(rows))
    with qtbot.waitSignal(model.counted) as counted:
        model.reload()
    assert counted.args == [len(rows)] and model.rowCount() == len(rows)
    far = model.index(PAGE_SIZE * 2 + 3, 0)
    assert model.data(far) is None  # not at hand: data() reads nothing, it asks a worker for the page
    with qtbot.waitSignal(model.dataChanged):
        pass
    assert model.data(far) == "row 403"


def test_a_failed_read_is_said_and_the_rows_shown_stay(qtbot):
    model = Letters(["letter"], *source(["kept"]))
    with qtbot.waitSignal(model.counted):
        model.reload()

    def broken() -> int:
        raise OSError("disk I/O error")

    with qtbot.waitSignal(model.failed) as failed:
        model.set_source(broken, lambda offset, limit: ["other"])
    assert "disk I/O error" in failed.args[0]
    qtbot.wait(50)
    assert model.data(model.index(0, 0)) == "other"  # the first page came; its count did not
    assert model.total is None and not model.is_settled()


def _fault(ctx, title: str, minutes_ago: int, severity: Severity = Severity.URGENT) -> str:
    now = datetime.now(UTC)
    with ctx.store.transaction() as session:
        return add_incident(session, IncidentDraft(platform="approval", severity=severity, title=title,
                                                   reported_at=now - timedelta(minutes=minutes_ago)),
                            ctx.catalogue, ctx.settings.calendar(), now).id


def test_fast_filter_changes_end_on_the_newest_list(qtbot, ctx):
    _fault(ctx, "网上大厅首页打不开", 50)
    _fault(ctx, "信用报告PDF乱码", 20, Severity.MINOR)
    page = IncidentsPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.model.is_settled)
    page.severity.setCurrentIndex(page.severity.findData(Severity.MINOR.value))
    page.severity.setCurrentIndex(page.severity.findData(Severity.URGENT.value))
    page.severity.setCurrentIndex(page.severity.findData(Severity.MINOR.value))
    qtbot.waitUntil(page.model.is_settled)
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 5)) == "信用报告PDF乱码"
    assert page.count_label.text().startswith("1")


def test_a_refused_move_is_said_and_the_buttons_come_back(qtbot, ctx, monkeypatch):
    fault = _fault(ctx, "联合验收意见书错位", 10)
    said: list[str] = []
    monkeypatch.setattr("dzdesk.ui.incidents.page.QMessageBox.warning", lambda _parent, _title, text: said.append(text))
    page = IncidentsPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.model.is_settled)
    page.select_id(fault)
    with qtbot.waitSignal(page.changed) as changed:
        assert page.move_selected(Status.CLOSED)  # a new fault cannot be closed
        assert not page.move_selected(Status.RESPONDED)  # one change at a time
    assert changed.args == [""] and said and said[0] == page.last_problem
    with ctx.store.session() as session:
        assert session.get(Incident, fault).status == Status.NEW.value
    assert page.buttons["respond"].isEnabled()


def test_a_double_click_on_save_writes_once_and_closes_once_committed(qtbot, ctx):
    editor = IncidentEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    type_text(qtbot, editor.w["title"], "网上大厅无法登录")
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    with qtbot.waitSignal(editor.saved):
        save.click()
        assert not save.isEnabled() and editor.cursor().shape() == Qt.CursorShape.BusyCursor
        save.click()
        editor.accept()
        editor.reject()  # the write under way finishes first
    assert not editor.isVisible()
    with ctx.store.session() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 1


def test_a_refused_complaint_keeps_the_dialog_and_the_text(qtbot, ctx, monkeypatch):
    now = datetime.now(UTC)
    with ctx.store.transaction() as session:
        complaint_id = save_complaint(session, ComplaintDraft(ComplaintChannel.PHONE, "张先生", "上传太慢",
                                                              now - timedelta(hours=2)), now).id
    editor = ComplaintEditor(ctx, complaint_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitUntil(lambda: editor.is_loaded)
    assert editor.w["complainant"].text() == "张先生"

    def gone(*_args, **_kwargs):
        raise ComplaintGoneError(complaint_id)

    monkeypatch.setattr("dzdesk.ui.complaints.editor.save_complaint_with", gone)
    editor.w["handling"].setPlainText("已联系网络中心扩容")
    saved: list[str] = []
    editor.saved.connect(saved.append)
    editor.accept()
    qtbot.waitUntil(lambda: "deleted meanwhile" in editor.w["problems"].text())
    assert editor.isVisible() and not saved
    assert editor.w["handling"].toPlainText() == "已联系网络中心扩容"
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    with ctx.store.session() as session:
        assert session.get(Complaint, complaint_id).handling == ""


def test_search_shows_only_the_results_of_the_newest_text(qtbot, ctx, monkeypatch):
    _fault(ctx, "网上大厅上传失败", 30)
    _fault(ctx, "信用报告PDF乱码", 20)
    from dzdesk.store import global_search

    def slow_for_the_first(session, text):
        if text == "上传":
            time.sleep(0.3)  # still being searched when the next text comes
        return global_search.search_everything(session, text)

    monkeypatch.setattr("dzdesk.ui.search.dialog.search_everything", slow_for_the_first)
    dialog = SearchDialog(ctx)
    qtbot.addWidget(dialog)
    shown: list[list[str]] = []
    dialog.searched.connect(lambda: shown.append([hit.title for hit in dialog.hits]))
    dialog.query.setText("上传")
    dialog.run()
    dialog.query.setText("乱码")
    dialog.run()
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    qtbot.wait(100)
    assert shown == [["信用报告PDF乱码"]]


def test_search_failure_is_said(qtbot, ctx, monkeypatch):
    def broken(_session, _text):
        raise OSError("disk I/O error")

    monkeypatch.setattr("dzdesk.ui.search.dialog.search_everything", broken)
    dialog = SearchDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.query.setText("上传")
    with qtbot.waitSignal(dialog.searched):
        dialog.run()
    assert "disk I/O error" in dialog.count.text() and dialog.results.count() == 0


def test_waiting_on_others_is_read_and_written_on_a_worker(qtbot, ctx, monkeypatch):
    from dzdesk.operations.incidents import is_waiting, move_fault

    fault = _fault(ctx, "多测合一成果无法上传", 10)
    now = datetime.now(UTC)
    move_fault(ctx.store, ctx.catalogue, fault, Status.RESPONDED, now, now)
    monkeypatch.setattr("dzdesk.ui.incidents.page.QInputDialog.getText",
                        lambda *_args: ("等待测绘院提供数据", True))
    page = IncidentsPage(ctx)
    qtbot.addWidget(page)
    qtbot.waitUntil(page.model.is_settled)
    page.select_id(fault)
    with qtbot.waitSignal(page.changed) as changed:
        page.toggle_wait()
    assert changed.args == [fault] and is_waiting(ctx.store, fault)
    qtbot.waitUntil(lambda: page.buttons["wait"].text() in ("Work &resumed", "工作已恢复(&R)"))
    with qtbot.waitSignal(page.changed):
        page.toggle_wait()  # the button now says "work resumed": no question asked
    assert not is_waiting(ctx.store, fault)

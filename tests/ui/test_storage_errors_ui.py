"""When the disk refuses a save, the editor says so in words and stays open with everything typed in it."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import event, func, select

from dzdesk import crash_report
from dzdesk.store.incident_models import Incident
from dzdesk.ui.crash_notice import CrashNotice
from dzdesk.ui.main_window import MainWindow
from tests.support.typing import activate, type_text


@pytest.mark.qt_no_exception_capture  # an error that escaped would reach dzdesk's own hook, as in the running app
def test_a_refused_save_is_said_and_the_editor_keeps_the_text(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    notice = CrashNotice(window)
    crash_report.install(ctx.data_dir.root, notify=notice, hard_crashes=False)
    try:
        event.listen(ctx.store.engine, "connect", lambda conn, _record: conn.execute("PRAGMA query_only=ON"))
        ctx.store.engine.dispose()
        editor = window.record_fault()
        activate(editor)
        type_text(qtbot, editor.w["title"], "网上大厅无法登录")
        qtbot.keyClick(editor.w["title"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        # written on a worker: the refusal comes back to the editor, which says it where the problems are said
        qtbot.waitUntil(lambda: "the change was not saved" in editor.w["problems"].text())
        assert editor.isVisible() and editor.w["title"].text() == "网上大厅无法登录"
        assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()  # it can be tried again
        assert notice.last is None  # nothing escaped to the crash hook
        assert not list((ctx.data_dir.root / crash_report.FOLDER).glob("crash-*.txt"))  # not a defect
    finally:
        crash_report.uninstall()
    with ctx.store.session() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 0


def test_a_refusal_stays_said_when_the_calendar_comes_back_after_it(qtbot, ctx, monkeypatch):
    """Save pressed before the new fault's calendar is read: the refusal comes back first, then the calendar; the
    reason must not be wiped by the fields' check that the calendar's arrival makes."""
    import threading

    import dzdesk.ui.incidents.editor as editor_module

    calendar_may_come, read = threading.Event(), editor_module._read_stored

    def slow_read(*args):
        calendar_may_come.wait(10)
        return read(*args)

    monkeypatch.setattr(editor_module, "_read_stored", slow_read)
    event.listen(ctx.store.engine, "connect", lambda conn, _record: conn.execute("PRAGMA query_only=ON"))
    ctx.store.engine.dispose()
    editor = editor_module.IncidentEditor(ctx)
    qtbot.addWidget(editor)
    editor.show()
    type_text(qtbot, editor.w["title"], "网上大厅无法登录")
    editor.accept()
    qtbot.waitUntil(lambda: "the change was not saved" in editor.w["problems"].text())
    with qtbot.waitSignal(editor.loaded):
        calendar_may_come.set()
    assert "the change was not saved" in editor.w["problems"].text()
    type_text(qtbot, editor.w["title"], "，验证码不显示")  # an edit: the fields' own state is said again
    assert "the change was not saved" not in editor.w["problems"].text()

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

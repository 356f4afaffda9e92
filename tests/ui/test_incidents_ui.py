"""The incident screens driven as a person drives them: keys, typed text, the visible deadline."""

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from dzdesk.domain.incident import Status
from dzdesk.domain.severity import Severity
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.ui.incidents.deadline_watch import DeadlineWatch
from dzdesk.ui.incidents.editor import IncidentEditor
from dzdesk.ui.operations import set_synchronous
from tests.support.typing import activate, type_text


def stored(ctx, incident_id):
    with ctx.store.session() as session:
        return session.get(Incident, incident_id)


def test_record_respond_and_resolve_with_the_keyboard_alone(qtbot, window, ctx, chinese):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    editor = window.incidents.editor
    assert isinstance(editor, IncidentEditor) and editor.isVisible()
    activate(editor)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isEnabled()
    assert "请填写故障标题" in editor.w["problems"].text()
    qtbot.waitUntil(lambda: editor.is_loaded)  # the deadline follows the calendar, read on a worker
    assert editor.w["due"].text().startswith("响应期限")

    type_text(qtbot, editor.w["title"], "网上大厅无法登录")
    assert save.isEnabled()
    qtbot.keyClick(editor.w["title"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.isVisible())  # closed once the worker's write has committed
    qtbot.waitUntil(lambda: window.incidents.selected_id() is not None)  # the list, read again, selects it
    incident_id = window.incidents.selected_id()
    incident = stored(ctx, incident_id)
    assert incident.title == "网上大厅无法登录" and incident.status == Status.NEW.value
    assert incident.assignee == "李明"

    window.navigation.setCurrentRow(window.pages.indexOf(window.incidents))
    activate(window)
    window.incidents.table.setFocus()
    with qtbot.waitSignal(window.incidents.changed) as changed:  # written on a worker
        qtbot.keyClick(window.incidents.table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert changed.args == [incident_id]
    incident = stored(ctx, incident_id)
    assert incident.status == Status.RESPONDED.value and incident.responded_at is not None
    qtbot.waitUntil(lambda: window.incidents.buttons["resolve"].isEnabled())  # the list shows it responded

    qtbot.keyClick(window.incidents.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    editor = window.incidents.editor
    activate(editor)
    qtbot.waitUntil(lambda: editor.is_loaded)
    assert editor.w["resolved_check"].isChecked()
    assert "原因" in editor.w["problems"].text()
    type_text(qtbot, editor.w["cause"], "验证码缓存节点重启")
    type_text(qtbot, editor.w["resolution"], "恢复缓存节点")
    with qtbot.waitSignal(editor.saved):
        qtbot.keyClick(editor.w["resolution"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    incident = stored(ctx, incident_id)
    assert incident.status == Status.RESOLVED.value
    assert incident.cause == "验证码缓存节点重启" and incident.resolution == "恢复缓存节点"
    assert incident.resolved_at >= incident.responded_at


def test_closing_the_editor_by_mistake_keeps_a_draft(qtbot, window, ctx):
    editor = window.incidents.new_incident()
    type_text(qtbot, editor.w["title"], "half typed")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    again = window.incidents.new_incident()
    assert again.w["title"].text() == "half typed"
    assert not again.draft_banner.isHidden()
    again.discard_button.click()
    assert again.w["title"].text() == ""
    assert ctx.data_dir.drafts.joinpath("incident-new.json").exists() is False


def test_impossible_times_are_refused_with_words(qtbot, window, chinese):
    editor = window.incidents.new_incident()
    type_text(qtbot, editor.w["title"], "x")
    editor.w["responded_check"].setChecked(True)
    editor.w["responded"].setDateTime(editor.w["reported"].dateTime().addSecs(-3600))
    assert "响应时间早于报告时间" in editor.w["problems"].text()
    assert not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def _add(ctx, title, reported, severity=Severity.URGENT, **extra):
    with ctx.store.transaction() as session:
        incident = add_incident(session, IncidentDraft(platform="approval", severity=severity, title=title,
                                                       reported_at=reported, **extra),
                                ctx.catalogue, ctx.settings.calendar(), datetime.now(UTC))
        return incident.id


def test_list_filters_as_you_type_and_counts_down(qtbot, window, ctx):
    now = datetime.now(UTC)
    _add(ctx, "网上大厅首页打不开", now - timedelta(minutes=50))
    _add(ctx, "联合验收意见书错位", now - timedelta(minutes=10), module="联合验收")
    page = window.incidents
    with qtbot.waitSignal(page.listed):
        page.reload()
    assert page.model.rowCount() == 2
    first_left = page.model.data(page.model.index(0, 0))
    assert first_left.startswith(("0:0", "0:1"))  # about ten minutes left of one hour
    type_text(qtbot, page.search, "联合")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.data(page.model.index(0, 5)) == "联合验收意见书错位"
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=2000)


def test_deadline_watch_warns_once_per_fault(qtbot, ctx):
    now = datetime.now(UTC)
    soon = _add(ctx, "快到期", now - timedelta(minutes=50))
    _add(ctx, "还早", now - timedelta(minutes=5), severity=Severity.MAJOR)
    watch = DeadlineWatch(ctx.store, QApplication.windowIcon())
    warnings = []
    watch.warning.connect(lambda heading, text: warnings.append(text))
    with qtbot.waitSignal(watch.checked) as checked:  # read on a worker, warned of on the GUI thread
        watch.check()
    assert checked.args[0] == [soon]
    assert len(warnings) == 1 and "快到期" in warnings[0]
    with qtbot.waitSignal(watch.checked) as checked:
        watch.check()
    assert checked.args[0] == [] and len(warnings) == 1


def test_export_runs_in_the_background_and_reports(qtbot, window, ctx, tmp_path):
    set_synchronous(True)
    try:
        _add(ctx, "导出测试", datetime.now(UTC) - timedelta(minutes=5))
        target = tmp_path / "log.xlsx"
        today = datetime.now(UTC).date()
        window.incidents.export_to(today - timedelta(days=1), today + timedelta(days=1), str(target))
    finally:
        set_synchronous(False)
    assert target.exists()
    assert str(target) in window.status.currentMessage()


def test_every_problem_has_words_in_both_languages(qapp, chinese):
    from dzdesk.domain.complaint import ComplaintProblem
    from dzdesk.domain.incident import IncidentProblem
    from dzdesk.ui.complaints.editor import complaint_problem_text
    from dzdesk.ui.incidents.editor import incident_problem_text

    for problem in IncidentProblem:
        assert incident_problem_text(problem) and incident_problem_text(problem) != problem.value
    for problem in ComplaintProblem:
        assert complaint_problem_text(problem) and complaint_problem_text(problem) != problem.value


def test_the_history_shows_a_corrected_response_time_and_a_late_entry(qtbot, ctx, chinese):
    from dataclasses import replace

    from dzdesk.domain.calendar import SHANGHAI
    from dzdesk.store.incident_repo import update_incident

    reported = datetime(2026, 11, 20, 9, 30, tzinfo=SHANGHAI)
    calendar = ctx.settings.calendar()
    with ctx.store.transaction() as session:
        draft = IncidentDraft(platform="credit", severity=Severity.MAJOR, title="导出超时", reported_at=reported)
        fault = add_incident(session, draft, ctx.catalogue, calendar, reported + timedelta(minutes=5))
        fault_id = fault.id
    with ctx.store.transaction() as session:
        incident = session.get(Incident, fault_id)
        update_incident(session, incident, replace(IncidentDraft.of(incident), responded_at=reported
                                                   + timedelta(minutes=70)), ctx.catalogue, calendar,
                        reported + timedelta(minutes=80))
    with ctx.store.transaction() as session:
        incident = session.get(Incident, fault_id)
        update_incident(session, incident, replace(IncidentDraft.of(incident), responded_at=reported
                                                   + timedelta(minutes=35)), ctx.catalogue, calendar,
                        reported + timedelta(days=3))
    editor = IncidentEditor(ctx, fault_id, now=lambda: reported + timedelta(days=3))
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: editor.is_loaded)
    lines = [editor.history.item(row).text() for row in range(editor.history.count())]
    assert any("更正响应时间：2026-11-20 10:40 → 2026-11-20 10:05" in line and "补录" in line and "测试工程师" in line
               for line in lines), lines


def _changed_meanwhile(ctx, incident_id, **changes):
    """A teammate's change of the fault, as a pull writes it while the editor is open."""
    from dataclasses import replace

    from dzdesk.store.incident_repo import update_incident

    with ctx.store.transaction() as session:
        incident = session.get(Incident, incident_id)
        update_incident(session, incident, replace(IncidentDraft.of(incident), **changes), ctx.catalogue,
                        ctx.settings.calendar(), datetime.now(UTC))


def test_a_save_keeps_what_a_teammate_changed_while_the_editor_was_open(qtbot, window, ctx, chinese):
    from dzdesk.store.sync_models import SyncConflict

    fault_id = _add(ctx, "网上大厅无法登录", datetime.now(UTC) - timedelta(hours=1), description="登录页空白")
    window.incidents.reload()
    editor = IncidentEditor(ctx, fault_id, window.incidents)
    qtbot.addWidget(editor)
    editor.open()
    qtbot.waitUntil(lambda: editor.is_loaded)
    _changed_meanwhile(ctx, fault_id, title="网上大厅登录页空白", description="清除缓存后仍空白")
    editor.w["assignee"].setText("王芳")
    editor.w["description"].setPlainText("登录页空白，验证码不显示")
    with qtbot.waitSignal(editor.saved):
        editor.accept()
    incident = stored(ctx, fault_id)
    assert (incident.title, incident.assignee, incident.description) == (
        "网上大厅登录页空白", "王芳", "登录页空白，验证码不显示")  # the teammate's title stays; the text both changed
    with ctx.store.session() as session:
        [conflict] = session.query(SyncConflict).all()
    assert (conflict.record_id, conflict.field) == (fault_id, "description")
    assert "清除缓存后仍空白" in conflict.other_value
    assert "1 个字段" in window.statusBar().currentMessage() and "冲突" in window.statusBar().currentMessage()

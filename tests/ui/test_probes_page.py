"""The probe board (巡检) driven as a person drives it, against a real store and real servers on 127.0.0.1."""

import csv
import subprocess
import time
import uuid
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from dzdesk.domain.incident import Channel
from dzdesk.domain.maintenance import Recurrence
from dzdesk.domain.probe_outcome import Failure, ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy, TargetState
from dzdesk.domain.probe_target import ProbeKind, ProbeTarget, default_targets, parse_targets
from dzdesk.probes.board import TileLook, board
from dzdesk.probes.stored import password_key
from dzdesk.secrets import SERVICE, get_secret
from dzdesk.store.events import SOURCE as SOURCE_KEY
from dzdesk.store.events import Source, note
from dzdesk.store.probe_models import MaintenanceWindowRecord, ProbeResult, ProbeTargetRecord
from dzdesk.store.probe_repo import delete_target, list_targets, list_windows, record_outcomes, save_target
from dzdesk.store.sync_models import SyncConflict
from dzdesk.sync.probe_results import default_vantage, remember_vantages, take_results
from dzdesk.sync.protocol import ProbeResultOut, VantageSeen
from dzdesk.ui.incidents.editor import IncidentEditor
from dzdesk.ui.main_window import PAGES, MainWindow
from dzdesk.ui.operations import set_synchronous
from dzdesk.ui.probes.latency_chart import nice_ceiling
from dzdesk.ui.probes.page import ProbesPage
from dzdesk.ui.probes.target_editor import TargetEditor
from tests.support import probe_servers
from tests.support.probe_servers import closed_port, serve
from tests.support.typing import activate, type_text

OK_NAME = "审批系统-本地门户"
BAD_NAME = "信用平台-关闭端口"


# -- helpers ----------------------------------------------------------------------------------------------------------
@pytest.fixture
def quiet(ctx):
    """No periodic sweep starts by itself while a test runs; tests press "Run now"."""
    ctx.settings.probes.interval_minutes = 0
    return ctx


@pytest.fixture
def inline():
    set_synchronous(True)
    yield
    set_synchronous(False)


@pytest.fixture
def server():
    with serve() as base:
        yield base


@contextmanager
def background():
    set_synchronous(False)
    try:
        yield
    finally:
        set_synchronous(True)


def add_target(ctx, target: ProbeTarget) -> str:
    with ctx.store.transaction() as session:
        record = save_target(session, target)
        session.flush()
        return record.id


def stored_target(ctx, target_id: str) -> ProbeTargetRecord:
    with ctx.store.session() as session:
        record = session.get(ProbeTargetRecord, target_id)
        session.expunge(record)
        return record


def target_names(ctx) -> list[str]:
    with ctx.store.session() as session:
        return [record.name for record in list_targets(session)]


def result_count(ctx, target_id: str | None = None) -> int:
    statement = select(func.count()).select_from(ProbeResult)
    if target_id is not None:
        statement = statement.where(ProbeResult.target_id == target_id)
    with ctx.store.session() as session:
        return session.scalar(statement)


def settle(qtbot, *screens) -> None:
    """Waits until what the screens read or write on a worker is back and shown."""
    qtbot.waitUntil(lambda: not any(screen.busy for screen in screens), timeout=10_000)


def make_page(qtbot, ctx) -> ProbesPage:
    page = ProbesPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, page)
    return page


def listen(signal) -> list:
    heard = []
    signal.connect(lambda *args: heard.append(args[0] if len(args) == 1 else args))
    return heard


def looks(page) -> dict[str, TileLook]:
    return {tile.target.name: tile.look for tile in page.model.tiles}


def pdf_text(path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in raw if ch not in " \n")


@pytest.fixture
def two_targets(quiet, server):
    """One target answering on the loopback server, one pointing at a port nothing listens on."""
    ok_id = add_target(quiet, ProbeTarget(OK_NAME, "approval", url=server + "/", keyword="网上大厅",
                                          module="网上大厅", timeout_s=3))
    bad_id = add_target(quiet, ProbeTarget(BAD_NAME, "credit", url=f"http://127.0.0.1:{closed_port()}/",
                                           timeout_s=3))
    return ok_id, bad_id


# -- a fresh board ----------------------------------------------------------------------------------------------------
def test_a_fresh_board_lists_the_default_catalogue_once_without_addresses(qtbot, quiet, inline):
    expected = len(default_targets(quiet.catalogue))
    page = make_page(qtbot, quiet)
    assert page.model.rowCount() == expected > 0
    assert {tile.look for tile in page.model.tiles} == {TileLook.UNCONFIGURED}
    assert page.summary.text() == f"No address yet {expected}"
    assert page.detail_title.text() == page.model.tiles[0].target.name
    assert "no address yet" in page.detail.text()
    assert not page.record_button.isEnabled() and page.edit_button.isEnabled()
    assert page.record_fault() is None
    page.tiles.grab()  # the delegate paints every look it has without failing

    messages = listen(page.message)
    assert page.run_now()
    assert messages == ["Probing…", "No target has an address yet: add them under “Targets…”."]
    assert result_count(quiet) == 0
    assert page.run_button.isEnabled() and page.progress.isHidden() and page.cancel_button.isHidden()

    activate(page)
    page.tiles.setFocus()
    qtbot.keyClick(page.tiles, Qt.Key.Key_F5)  # the shortcut does what the button does
    assert messages[-1].startswith("No target has an address yet")
    assert len(messages) == 4

    again = make_page(qtbot, quiet)
    assert again.model.rowCount() == expected  # not added twice

    with quiet.store.transaction() as session:
        delete_target(session, page.model.tiles[0].target_id)
    assert make_page(qtbot, quiet).model.rowCount() == expected - 1  # deleting one never brings it back


# -- sweeping ---------------------------------------------------------------------------------------------------------
def test_sweeps_store_results_and_confirm_states_before_alerting(qtbot, quiet, two_targets, inline):
    ok_id, bad_id = two_targets
    page = make_page(qtbot, quiet)
    assert page.model.rowCount() == 2  # stored targets exist, so no default catalogue is added
    assert looks(page) == {OK_NAME: TileLook.UNKNOWN, BAD_NAME: TileLook.UNKNOWN}
    messages, alerts, progress = listen(page.message), listen(page.state_changed), listen(page.sweeper.progress)

    assert page.run_now()
    assert (result_count(quiet, ok_id), result_count(quiet, bad_id)) == (1, 1)
    assert messages[-1] == "Probed 2 target(s), 1 failed."
    assert sorted(progress) == [(1, 2), (2, 2)]
    assert looks(page)[BAD_NAME] in (TileLook.FAILING, TileLook.UNKNOWN)  # one failure confirms nothing
    assert looks(page)[OK_NAME] is TileLook.UNKNOWN
    assert alerts == []

    page.run_now()
    assert looks(page)[OK_NAME] is TileLook.UP  # two successes confirm it
    assert looks(page)[BAD_NAME] is not TileLook.DOWN
    assert alerts == []  # a new target settling to up is no news

    page.run_now()
    assert looks(page) == {OK_NAME: TileLook.UP, BAD_NAME: TileLook.DOWN}
    assert len(alerts) == 1
    heading, text = alerts[0]
    assert heading == "Target down"
    assert text.startswith(f"{BAD_NAME}: down (") and "connection refused" in text
    assert (result_count(quiet, ok_id), result_count(quiet, bad_id)) == (3, 3)
    assert page.summary.text() == "Up 1  ·  Down 1"
    page.tiles.grab()


def test_the_selected_tile_shows_its_history(qtbot, quiet, two_targets, inline, server):
    ok_id, bad_id = two_targets
    page = make_page(qtbot, quiet)
    page.run_now()
    page.run_now()
    assert page.select_target(ok_id)
    assert page.detail_title.text() == OK_NAME
    assert f"{server}/" in page.detail.text() and "HTTP" in page.detail.text()
    assert "State: Up" in page.detail.text() and "Last check:" in page.detail.text()
    # Two checks a moment ago stand for the seconds until now: the rest of the week nobody observed, no data.
    first_line, checks, seen = page.figures.text().split("\n")
    assert first_line.startswith("Availability 100.00% of the observed time, coverage 0.0% of the period (")
    assert first_line.endswith(" not observed: no data, not counted as up)") and " d " in first_line
    assert checks.startswith("2 checks, 0 failed, median ") and seen == "Seen from: this laptop 0.0%"
    assert page.chart.accessibleDescription() == "2 checks, 0 failed"
    page.chart.grab()
    assert not page.record_button.isEnabled()
    assert page.record_fault() is None

    assert page.select_target(bad_id)
    assert page.detail_title.text() == BAD_NAME
    assert "127.0.0.1:" in page.detail.text()
    assert page.figures.text().startswith("Availability 0.00% of the observed time, coverage 0.0% of the period")
    assert "\n2 checks, 2 failed\n" in page.figures.text()
    assert page.chart.accessibleDescription() == "2 checks, 2 failed"
    page.chart.grab()
    page.period.setCurrentIndex(0)  # 24 hours holds the same checks
    assert page.figures.text().startswith("Availability 0.00% of the observed time, coverage 0.0% of the period (")
    assert "not observed: no data" in page.figures.text()
    assert not page.select_target("no-such-target")


def test_a_failed_probe_becomes_a_prefilled_fault(qtbot, quiet, two_targets, inline):
    _ok_id, bad_id = two_targets
    page = make_page(qtbot, quiet)
    page.run_now()
    page.select_target(bad_id)
    assert page.record_button.isEnabled()
    editor = page.record_fault()
    assert isinstance(editor, IncidentEditor) and editor.isVisible()
    assert editor is page.editor
    assert editor.w["platform"].currentData() == "credit"
    assert BAD_NAME in editor.w["title"].text()
    assert editor.w["channel"].currentData() == Channel.PROBE.value
    description = editor.w["description"].toPlainText()
    assert BAD_NAME in description and "connection refused" in description
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()

    saved = listen(page.records_changed)
    editor.accept()
    assert len(saved) == 1 and not editor.isVisible()


def test_a_sweep_in_the_background_leaves_the_window_responsive(qtbot, quiet, server, inline):
    add_target(quiet, ProbeTarget("审批系统-慢页面", "approval", url=server + "/slow?ms=1500", timeout_s=5))
    page = make_page(qtbot, quiet)
    ticks = []
    with background():
        began = time.monotonic()
        with qtbot.waitSignal(page.sweeper.finished, timeout=10000) as finished:
            assert page.run_now()
            QTimer.singleShot(100, lambda: ticks.append((time.monotonic() - began, page.sweeper.running)))
            assert page.sweeper.running and not page.run_now()  # one sweep at a time
            assert not page.run_button.isEnabled() and not page.cancel_button.isHidden()
        elapsed = time.monotonic() - began
    assert len(ticks) == 1
    when, running = ticks[0]
    assert running and when < 1.0  # the event loop ran while the probe waited on the server
    assert elapsed >= 1.4
    report = finished.args[0]
    assert not report.cancelled and len(report.outcomes) == 1 and report.outcomes[0][1].ok
    assert page.run_button.isEnabled() and page.cancel_button.isHidden()
    assert result_count(quiet) == 1


def test_cancel_ends_a_background_sweep_early(qtbot, quiet, server, inline):
    add_target(quiet, ProbeTarget("审批系统-快页面", "approval", url=server + "/"))
    add_target(quiet, ProbeTarget("审批系统-慢页面", "approval", url=server + "/slow?ms=4000", timeout_s=8))
    page = make_page(qtbot, quiet)
    messages = listen(page.message)
    page.sweeper.progress.connect(lambda done, _total: page.sweeper.cancel())  # once the fast one is in
    with background():
        began = time.monotonic()
        with qtbot.waitSignal(page.sweeper.finished, timeout=10000) as finished:
            page.run_now()
        elapsed = time.monotonic() - began
    report = finished.args[0]
    assert report.cancelled
    assert elapsed < 2.5
    assert [outcome.target for _id, outcome in report.outcomes] == ["审批系统-快页面"]
    assert messages[-1] == "Probing cancelled after 1 target(s)."
    assert result_count(quiet) == 1  # what finished is kept
    assert not page.sweeper.running and page.run_button.isEnabled()


def test_a_sweep_that_cannot_start_says_why(qtbot, quiet, two_targets, inline, tmp_path):
    quiet.settings.probes.ca_bundle = str(tmp_path / "missing-ca.pem")
    page = make_page(qtbot, quiet)
    messages = listen(page.message)
    page.run_now()
    assert messages[-1].startswith("Probing failed: ") and "missing-ca.pem" in messages[-1]
    assert page.run_button.isEnabled() and not page.sweeper.running
    assert result_count(quiet) == 0


# -- the target editor ------------------------------------------------------------------------------------------------
def test_the_target_editor_names_each_problem_and_keeps_save_off(qtbot, quiet):
    editor = TargetEditor(quiet)
    qtbot.addWidget(editor)
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert editor.problem.text() == "Enter a name." and not save.isEnabled()

    type_text(qtbot, editor.name, "审批系统-测试")
    assert editor.problem.text() == "" and save.isEnabled()  # a target without an address yet is allowed

    qtbot.keyClicks(editor.url, "ftp://x")
    assert "http:// or https://" in editor.problem.text() and not save.isEnabled()
    editor.url.clear()
    assert save.isEnabled()

    editor.kind.setCurrentIndex(editor.kind.findData(str(ProbeKind.TCP)))
    qtbot.keyClicks(editor.host, "10.1.2.3")
    assert editor.problem.text() == "A TCP target needs a port." and not save.isEnabled()
    editor.port.setValue(1521)
    assert editor.problem.text() == "" and save.isEnabled()
    editor.host.setText("http://10.1.2.3/")
    assert "without http://" in editor.problem.text() and not save.isEnabled()

    editor.host.setText("10.1.2.3")
    editor.name.clear()
    assert editor.problem.text() == "Enter a name." and not save.isEnabled()
    editor.accept()  # refused while a problem stands
    assert target_names(quiet) == []


def test_a_new_target_keeps_its_password_in_the_keyring_only(qtbot, quiet, server, inline, isolated_environment):
    name = "审批系统-需登录"
    page = make_page(qtbot, quiet)
    dialog = page.open_targets()
    editor = dialog.add()
    type_text(qtbot, editor.name, name)
    qtbot.keyClicks(editor.url, server + "/auth")
    qtbot.keyClicks(editor.username, probe_servers.USER)
    editor.password.setFocus()
    type_text(qtbot, editor.password, probe_servers.PASSWORD)
    assert editor.password.text() == probe_servers.PASSWORD
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.isEnabled()
    save.click()
    assert not editor.isVisible()

    assert isolated_environment.secrets[(SERVICE, password_key(name))] == probe_servers.PASSWORD
    assert get_secret(f"probe-password:{name}") == probe_servers.PASSWORD
    secret = probe_servers.PASSWORD.encode()
    files = [path for path in quiet.data_dir.root.rglob("*") if path.is_file()]
    assert quiet.data_dir.database in files
    for path in files:
        assert secret not in path.read_bytes(), path
    record = stored_target(quiet, editor.target_id)
    assert record.username == probe_servers.USER and record.url == server + "/auth"

    assert page.select_target(editor.target_id)  # the board took the new target in
    assert dialog.table.rowCount() == page.model.rowCount()
    page.run_now()  # the sweep signs in with the password from the keyring
    assert looks(page)[name] is TileLook.UNKNOWN and page.selected_tile().failure is None
    assert "ms" in page.detail.text()

    renamed = page.edit_selected()  # renaming moves the password along with the name
    assert renamed.password.text() == "" and "keyring" in renamed.password_note.text()
    renamed.name.setText(name + "2")
    renamed.accept()
    assert get_secret(password_key(name + "2")) == probe_servers.PASSWORD
    assert get_secret(password_key(name)) is None


def test_a_name_already_taken_is_refused(qtbot, quiet, two_targets):
    editor = TargetEditor(quiet)
    qtbot.addWidget(editor)
    saved = listen(editor.saved)
    type_text(qtbot, editor.name, OK_NAME)
    editor.accept()
    assert editor.busy and not editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    editor.accept()  # a second click while the first save runs writes nothing more
    settle(qtbot, editor)
    assert editor.problem.text() == "Another target already has this name."
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert saved == [] and editor.result() != editor.DialogCode.Accepted
    assert sorted(target_names(quiet)) == sorted([OK_NAME, BAD_NAME])


def test_saving_an_unchanged_tls_target_keeps_its_host_and_port(qtbot, quiet):
    target = ProbeTarget("审批系统-证书", "approval", kind=ProbeKind.TLS, host="127.0.0.1", port=8443)
    assert target.configured
    target_id = add_target(quiet, target)
    editor = TargetEditor(quiet, target_id)
    qtbot.addWidget(editor)
    settle(qtbot, editor)
    with qtbot.waitSignal(editor.saved):
        editor.accept()
    assert stored_target(quiet, target_id).to_target() == target


# -- the targets list ---------------------------------------------------------------------------------------------
TARGETS_FILE = """
[[target]]
name = "审批系统-本地门户"
platform = "approval"
url = "{server}/?changed=1"

[[target]]
name = "审批系统-数据库"
platform = "approval"
kind = "tcp"
host = "127.0.0.1"
port = {port}
"""


def test_importing_a_targets_file_merges_it_and_a_broken_one_changes_nothing(qtbot, quiet, two_targets, server,
                                                                              tmp_path):
    ok_id, _bad_id = two_targets
    page = make_page(qtbot, quiet)
    dialog = page.open_targets()
    good = tmp_path / "targets.toml"
    good.write_text(TARGETS_FILE.format(server=server, port=closed_port()), encoding="utf-8")
    settle(qtbot, dialog)

    def imported(path) -> str:
        assert dialog.import_file(path)
        settle(qtbot, dialog, page)
        return dialog.message.text()

    message = imported(good)
    assert message == "1 added, 1 updated, 0 unchanged."
    assert stored_target(quiet, ok_id).url == server + "/?changed=1"
    assert sorted(target_names(quiet)) == sorted([OK_NAME, BAD_NAME, "审批系统-数据库"])
    assert dialog.table.rowCount() == 3 and page.model.rowCount() == 3  # the board follows

    assert imported(good) == "0 added, 0 updated, 2 unchanged."

    broken = tmp_path / "broken.toml"
    broken.write_text('[[target]]\nname = "新目标"\nplatform = "approval"\n\n[[target]]\nname = "坏目标"\n'
                      'platform = "nowhere"\n', encoding="utf-8")
    message = imported(broken)
    assert message.startswith("broken.toml was not imported; nothing changed.")
    assert "platform" in message
    assert len(target_names(quiet)) == 3 and "新目标" not in target_names(quiet)

    not_toml = tmp_path / "not.toml"
    not_toml.write_text("[[target]\nname = ", encoding="utf-8")
    assert "nothing changed" in imported(not_toml)
    assert "nothing changed" in imported(tmp_path / "missing.toml")
    assert len(target_names(quiet)) == 3


def test_exporting_writes_a_file_that_reads_back(qtbot, quiet, two_targets, tmp_path):
    page = make_page(qtbot, quiet)
    dialog = page.open_targets()
    target = tmp_path / "export.toml"
    assert dialog.export_file(target)
    settle(qtbot, dialog)
    assert dialog.message.text() == f"2 target(s) written to {target}."
    platforms = tuple(p.code for p in quiet.catalogue.platforms)
    with quiet.store.session() as session:
        expected = [record.to_target() for record in list_targets(session)]
    assert parse_targets(target.read_text(encoding="utf-8"), platforms) == expected
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert dialog.export_file(blocker / "x.toml")  # its folder cannot exist
    settle(qtbot, dialog)
    assert "could not be written" in dialog.message.text()


def test_deleting_a_target_tombstones_it_and_the_board_drops_it(qtbot, quiet, two_targets):
    ok_id, bad_id = two_targets
    page = make_page(qtbot, quiet)
    page.select_target(bad_id)
    dialog = page.open_targets()
    settle(qtbot, dialog)
    assert not dialog.delete_selected(confirm=False)  # nothing selected yet
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == BAD_NAME)
    dialog.table.selectRow(row)
    assert dialog.selected_id() == bad_id
    assert dialog.delete_selected(confirm=False)
    assert not dialog.delete_selected(confirm=False)  # a second press while the first runs does nothing
    settle(qtbot, dialog, page)
    assert stored_target(quiet, bad_id).deleted
    assert target_names(quiet) == [OK_NAME]
    assert dialog.table.rowCount() == 1
    assert page.model.row_of(bad_id) == -1 and page.model.rowCount() == 1
    assert page.selected_tile().target_id == ok_id


# -- maintenance windows ------------------------------------------------------------------------------------------
def test_maintenance_windows_are_saved_checked_and_deleted(qtbot, quiet, two_targets):
    page = make_page(qtbot, quiet)
    dialog = page.open_maintenance()
    settle(qtbot, dialog)
    assert dialog.list.count() == 0
    assert dialog.target.findData(OK_NAME) >= 0

    dialog.recurrence.setCurrentIndex(dialog.recurrence.findData(str(Recurrence.WEEKLY)))
    dialog.duration.setValue(90)
    dialog.target.setCurrentIndex(dialog.target.findData(OK_NAME))
    type_text(qtbot, dialog.note, "每周例行升级")
    assert dialog.save()
    settle(qtbot, dialog)
    window_id = dialog.editing
    assert window_id is not None and dialog.problem.text().startswith("Saved at ")
    with quiet.store.session() as session:
        records = list_windows(session)
        assert [(r.id, r.recurrence, r.duration_minutes, r.target_name, r.note) for r in records] == [
            (window_id, "weekly", 90, OK_NAME, "每周例行升级")]
    assert dialog.list.count() == 1

    dialog.new_window()
    dialog.recurrence.setCurrentIndex(dialog.recurrence.findData(str(Recurrence.DAILY)))
    dialog.duration.setValue(25 * 60)
    assert not dialog.save()
    assert dialog.problem.text() == "A daily window must be shorter than a day."
    with quiet.store.session() as session:
        assert len(list_windows(session)) == 1

    dialog.list.setCurrentRow(0)
    assert dialog.editing == window_id and dialog.note.text() == "每周例行升级"
    assert dialog.delete_current(confirm=False)
    settle(qtbot, dialog)
    with quiet.store.session() as session:
        assert list_windows(session) == []
        assert session.get(MaintenanceWindowRecord, window_id).deleted
    assert dialog.list.count() == 0 and dialog.editing is None
    assert not dialog.delete_current(confirm=False)


def test_a_maintenance_window_saved_after_a_teammates_change_keeps_that_change(qtbot, quiet, two_targets):
    from datetime import timedelta as minutes_of

    from dzdesk.operations.probe_targets import save_maintenance_window

    page = make_page(qtbot, quiet)
    dialog = page.open_maintenance()
    settle(qtbot, dialog)
    dialog.duration.setValue(90)
    type_text(qtbot, dialog.note, "每周例行升级")
    assert dialog.save()
    settle(qtbot, dialog)
    window_id = dialog.editing
    with quiet.store.session() as session:  # a teammate lengthens the window; a sync brings it while it is open
        stored = session.get(MaintenanceWindowRecord, window_id).to_window()
    save_maintenance_window(quiet.store, replace(stored, duration=minutes_of(minutes=180)), window_id)
    dialog.note.setText("每周例行升级，含数据库备份")
    assert dialog.save()
    settle(qtbot, dialog)
    with quiet.store.session() as session:
        record = session.get(MaintenanceWindowRecord, window_id)
        assert (record.duration_minutes, record.note) == (180, "每周例行升级，含数据库备份")
    save_maintenance_window(quiet.store, replace(stored, duration=minutes_of(minutes=240)), window_id)
    dialog.duration.setValue(150)  # the same field, changed on both sides: both values kept
    assert dialog.save()
    settle(qtbot, dialog)
    with quiet.store.session() as session:
        assert session.get(MaintenanceWindowRecord, window_id).duration_minutes == 150
        [conflict] = session.scalars(select(SyncConflict)).all()
    assert (conflict.field, conflict.kept_value, conflict.other_value) == ("duration_minutes", "150", "240")


# -- exports and the health report --------------------------------------------------------------------------------
def test_the_health_report_is_written_with_the_engineers_findings(qtbot, quiet, two_targets, inline, tmp_path):
    page = make_page(qtbot, quiet)
    page.run_now()
    messages = listen(page.message)
    target = tmp_path / "h.pdf"
    dialog = page.health_report(path=target, open_viewer=False)
    assert dialog.isVisible() and dialog is page.dialog
    type_text(qtbot, dialog.findings, "门户首页加载偏慢")
    type_text(qtbot, dialog.recommendations, "扩容前置缓存")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert target.exists()
    assert messages[-1] == f"Health report written to {target}"
    text = pdf_text(target)
    assert "平台健康评估报告" in text
    assert "门户首页加载偏慢" in text and "扩容前置缓存" in text
    assert dialog.drafts.load(dialog.draft_key) is None  # written, so no draft is left over


def test_a_closed_health_report_dialog_keeps_its_text_as_a_draft(qtbot, quiet, inline, tmp_path):
    page = make_page(qtbot, quiet)
    target = tmp_path / "h.pdf"
    dialog = page.health_report(path=target, open_viewer=False)
    type_text(qtbot, dialog.findings, "写了一半的发现")
    dialog.close()
    assert not dialog.isVisible() and not target.exists()
    again = page.health_report(path=target, open_viewer=False)
    assert again.findings.toPlainText() == "写了一半的发现"
    qtbot.keyClick(again, Qt.Key.Key_Escape)  # closing the untouched restored text keeps the draft too
    third = page.health_report(path=target, open_viewer=False)
    assert third.findings.toPlainText() == "写了一半的发现"


def test_results_are_exported_one_row_each(qtbot, quiet, two_targets, inline, tmp_path):
    page = make_page(qtbot, quiet)
    page.run_now()
    page.run_now()
    messages = listen(page.message)
    target = tmp_path / "r.csv"
    dialog = page.export_results(path=target)
    assert dialog.isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert messages[-1] == f"4 results exported to {target}"
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:4] == ["时间", "巡检目标", "平台", "结果"]
    assert len(rows) - 1 == result_count(quiet) == 4
    assert sorted(row[1] for row in rows[1:]) == sorted([OK_NAME, OK_NAME, BAD_NAME, BAD_NAME])
    assert {row[1]: row[3] for row in rows[1:]} == {OK_NAME: "正常", BAD_NAME: "失败"}


# -- the main window ------------------------------------------------------------------------------------------------
def make_window(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def navigation_texts(window) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


def test_the_window_offers_the_board_in_chinese(qtbot, ctx, chinese):
    window = make_window(qtbot, ctx)
    row = navigation_texts(window).index("巡检")
    window.navigation.setCurrentRow(row)
    assert window.pages.currentWidget() is window.probes
    window.close()


def test_closing_the_window_stops_the_probes(qtbot, ctx, monkeypatch):
    window = make_window(qtbot, ctx)
    row = navigation_texts(window).index("Probes")
    assert window.pages.widget(row) is window.probes
    assert window.probes.sweeper.timer.isActive()  # sweeps every 15 minutes by default
    calls = []
    original = window.probes.shutdown
    monkeypatch.setattr(window.probes, "shutdown", lambda: (calls.append(True), original()))

    window.probes.state_changed.emit("Target down", "门户: down")
    assert window.status.currentMessage() == "Target down: 门户: down"
    window.probes.message.emit("Probing…")
    assert window.status.currentMessage() == "Probing…"

    window.close()
    assert calls == [True]
    assert not window.probes.sweeper.timer.isActive()


def test_closing_the_window_cancels_a_running_sweep(qtbot, quiet, server):
    add_target(quiet, ProbeTarget("审批系统-慢页面", "approval", url=server + "/slow?ms=4000", timeout_s=8))
    window = make_window(qtbot, quiet)
    began = time.monotonic()
    with qtbot.waitSignal(window.probes.sweeper.finished, timeout=10000) as finished:
        assert window.probes.run_now()
        QTimer.singleShot(100, window.close)
    assert finished.args[0].cancelled and finished.args[0].outcomes == []
    assert time.monotonic() - began < 2.5


@pytest.mark.parametrize(("value", "top"), [(0, 1), (0.4, 1), (7, 10), (120, 200), (480, 500), (1000, 1000),
                                            (1001, 2000)])
def test_the_latency_axis_ends_on_a_round_number(value, top):
    assert nice_ceiling(value) == top


def test_a_deleted_target_and_window_can_be_brought_back(qtbot, quiet):
    from dzdesk.ui.probes.maintenance_dialog import MaintenanceDialog
    from dzdesk.ui.probes.targets_dialog import TargetsDialog

    target_id = add_target(quiet, ProbeTarget("审批系统-撤销测试", "approval", url="https://undo.example/"))
    dialog = TargetsDialog(quiet)
    qtbot.addWidget(dialog)
    settle(qtbot, dialog)
    row = next(r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "审批系统-撤销测试")
    dialog.table.selectRow(row)
    assert dialog.delete_selected(confirm=False)
    settle(qtbot, dialog)
    assert stored_target(quiet, target_id).deleted and not dialog.undo_button.isHidden()
    assert dialog.undo_delete()
    settle(qtbot, dialog)
    assert not stored_target(quiet, target_id).deleted and dialog.undo_button.isHidden()
    windows = MaintenanceDialog(quiet)
    qtbot.addWidget(windows)
    settle(qtbot, windows)
    assert windows.save()
    settle(qtbot, windows)
    saved = windows.editing
    assert windows.delete_current(confirm=False)
    settle(qtbot, windows)
    assert windows.list.count() == 0
    assert windows.undo_delete()
    settle(qtbot, windows)
    assert windows.list.count() == 1 and windows.list.item(0).data(Qt.ItemDataRole.UserRole) == saved


# -- the team's results on the board ----------------------------------------------------------------------------------
TEAM_NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
WATCHER = "watch@idc"


def team_page(qtbot, ctx, now: datetime = TEAM_NOW) -> ProbesPage:
    page = ProbesPage(ctx, now=lambda: now)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, page)
    return page


def probe_here(ctx, target_id: str, *moments: tuple[datetime, bool]) -> None:
    """This laptop's own checks (not sent yet), as its sweeps record them."""
    with ctx.store.transaction() as session:
        record = session.get(ProbeTargetRecord, target_id)
        for at, ok in moments:
            outcome = ProbeOutcome(record.name, at, ok, 40.0 if ok else None, None if ok else Failure.TIMEOUT,
                                   "" if ok else "10 s")
            record_outcomes(session, [(record, outcome)], ConfirmPolicy(3, 2), interval_s=900, network="办公网")


def pulled(ctx, target_id: str, vantage: str, *moments: tuple[datetime, bool], network: str = "机房专线") -> None:
    """Another prober's checks, as a sync brings them back from the hub."""
    with ctx.store.transaction() as session:
        take_results(session, [ProbeResultOut(
            id=str(uuid.uuid5(uuid.NAMESPACE_URL, f"{vantage}/{target_id}/{at.isoformat()}")), target_id=target_id,
            target_name="", started_at=at, ok=ok, latency_ms=30.0 if ok else None, failure="" if ok else "REFUSED",
            detail="" if ok else "connection refused", interval_s=300, vantage=vantage, network=network, seq=1,
            team="一组") for at, ok in moments])


def team_heard(ctx, *probers: tuple[str, str, datetime]) -> None:
    with ctx.store.transaction() as session:
        remember_vantages(session, [VantageSeen(team="一组", vantage=name, kind=kind, network="机房专线" if kind ==
                                                "watcher" else "", last_seen=at) for name, kind, at in probers])


def minutes_before(minutes: float) -> datetime:
    return TEAM_NOW - timedelta(minutes=minutes)


def test_a_tile_shows_the_freshest_result_of_the_team_and_takes_the_watchers_confirmed_down(qtbot, quiet):
    target_id = add_target(quiet, ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/"))
    probe_here(quiet, target_id, (minutes_before(60), True), (minutes_before(45), True))
    pulled(quiet, target_id, WATCHER, *[(minutes_before(m), False) for m in (20, 15, 10, 5)])
    team_heard(quiet, (WATCHER, "watcher", minutes_before(1)))
    page = team_page(qtbot, quiet)
    (tile,) = [t for t in page.model.tiles if t.target_id == target_id]
    assert (tile.look, tile.own, tile.seen_from, tile.network) == (TileLook.DOWN, False, WATCHER, "机房专线")
    assert tile.since == minutes_before(20) and tile.last_at == minutes_before(5)  # the run of failures began it
    assert tile.failure is Failure.REFUSED
    assert page.select_target(target_id)
    settle(qtbot, page)
    assert "State: Down since 2026-12-07 17:40" in page.detail.text()
    assert f"Seen from: {WATCHER} (机房专线), whose checks confirm the state" in page.detail.text()
    tooltip = page.model.data(page.model.index(page.model.row_of(target_id)), Qt.ItemDataRole.ToolTipRole)
    assert f"Last check 2026-12-07 17:55, seen from {WATCHER} (机房专线)" in tooltip
    # Both vantage points together: the laptop's checks stand for 45 minutes up, overlapping the watcher's first
    # failure (up while anyone saw it answer); the last quarter of an hour only the watcher saw, failing.
    assert page.figures.text().split("\n")[0].startswith("Availability 75.00% of the observed time, coverage 0.6%")
    assert page.figures.text().split("\n")[2] == f"Seen from: this laptop 0.4%  ·  {WATCHER} (watcher) 0.2%"
    page.tiles.grab()

    # This laptop checks again, later than the watcher: the tile is its own again, and so is the state it shows.
    probe_here(quiet, target_id, (minutes_before(2), True))
    page.reload()
    settle(qtbot, page)
    (tile,) = [t for t in page.model.tiles if t.target_id == target_id]
    assert (tile.own, tile.network, tile.look) == (True, "办公网", TileLook.UP)
    assert "Seen from: this laptop (办公网)" in page.detail.text()


def test_a_watcher_confirms_nothing_with_fewer_failures_than_the_policy_asks(qtbot, quiet):
    target_id = add_target(quiet, ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/"))
    pulled(quiet, target_id, WATCHER, *[(minutes_before(m), ok) for m, ok in ((25, True), (20, True), (10, False),
                                                                              (5, False))])
    with quiet.store.session() as session:
        (tile,) = [t for t in board(session, TEAM_NOW, 30, ConfirmPolicy(3, 2)) if t.target_id == target_id]
    assert (tile.state, tile.look, tile.since) == (TargetState.UP, TileLook.FAILING, minutes_before(25))


def test_the_team_is_listed_and_a_silent_watcher_is_warned_of(qtbot, quiet):
    target_id = add_target(quiet, ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/"))
    pulled(quiet, target_id, WATCHER, *[(minutes_before(m), True) for m in range(95, 40, -5)])
    own = default_vantage(quiet.store.author).name
    team_heard(quiet, (WATCHER, "watcher", minutes_before(40)), ("备用机@dc2", "watcher", minutes_before(14)),
               (own, "laptop", minutes_before(3)), ("张伟@t480", "laptop", minutes_before(60 * 26)))
    page = team_page(qtbot, quiet)
    team = page.team.text()
    assert team.startswith("Probing for the team: ")
    assert f"{WATCHER} (watcher, 机房专线) heard from 17:20" in team and "this laptop heard from 17:57" in team
    assert "张伟@t480 (laptop) heard from 12-06 16:00" in team
    # Silent: its interval (five minutes) three times over; the other watcher's interval is unknown, 15 minutes.
    assert page.silence.isVisible()
    assert page.silence.text() == (f"⚠ The watcher {WATCHER} has not been heard from since 2026-12-07 17:20 (40 min "
                                   "ago): its probes and alerts may have stopped. Check that it is running and can "
                                   "reach the hub.")
    later = team_page(qtbot, quiet, TEAM_NOW + timedelta(minutes=2))
    assert later.silence.text().count("⚠") == 2 and "备用机@dc2" in later.silence.text()
    assert "张伟@t480" not in later.silence.text()  # a laptop closed for the night is no alarm


def test_before_the_first_sync_the_board_says_it_shows_this_laptop_only(qtbot, quiet):
    page = team_page(qtbot, quiet)
    assert page.team.text() == "Not synced with the team's hub yet: only this laptop's results are shown."
    assert page.silence.isHidden()


# -- reads and writes on a worker -------------------------------------------------------------------------------------
def test_a_watchers_results_pulled_by_a_sync_show_on_the_board_without_a_reload(qtbot, quiet, window):
    target_id = add_target(quiet, ProbeTarget("信用平台-外网门户", "credit", url="https://xy.example.cn/"))
    window.navigation.setCurrentRow(list(PAGES).index("probes"))
    page = window.probes
    qtbot.waitUntil(lambda: page.model.row_of(target_id) >= 0, timeout=10_000)  # the new target's change arrived
    settle(qtbot, page)
    assert page.select_target(target_id)
    settle(qtbot, page)
    assert page.selected_tile().look is TileLook.UNKNOWN and page.figures.text() == "No checks in this period."
    refreshed = window.refreshes.get("probes", 0)
    now = datetime.now(UTC)
    team_heard(quiet, (WATCHER, "watcher", now - timedelta(minutes=1)))
    with quiet.store.transaction() as session:  # as a sync's pull takes a page of results, and announces them
        session.info[SOURCE_KEY] = Source.PULL
        take_results(session, [ProbeResultOut(
            id=str(uuid.uuid4()), target_id=target_id, target_name="", started_at=now - timedelta(minutes=m),
            ok=False, latency_ms=None, failure="REFUSED", detail="connection refused", interval_s=300,
            vantage=WATCHER, network="机房专线", seq=1, team="一组") for m in (20, 15, 10, 5)])
        note(session, {"probe_results"}, source=Source.PULL)
    assert window.refreshes.get("probes", 0) == refreshed  # not yet: the change reaches the page as an event
    qtbot.waitUntil(lambda: page.selected_tile() is not None and page.selected_tile().look is TileLook.DOWN,
                    timeout=10_000)
    settle(qtbot, page)
    assert window.refreshes["probes"] == refreshed + 1
    assert page.selected_tile().seen_from == WATCHER
    assert page.figures.text().startswith("Availability 0.00% of the observed time")


def test_a_stale_read_of_the_board_never_overwrites_a_newer_one(qtbot, quiet, monkeypatch):
    """A reload while a read runs asks for one more; the answer of the first, read before the change, is dropped."""
    import threading

    import dzdesk.probes.board_read as board_module  # where the board is read

    page = make_page(qtbot, quiet)
    shown = listen(page.board_read.answered)
    gate, first = threading.Event(), [True]
    real_board = board_module.board

    def slow_board(*args, **kwargs):
        if first:
            first.clear()
            gate.wait(10)  # the first read is slow: it read the board before the target below was added
            return []
        return real_board(*args, **kwargs)

    monkeypatch.setattr(board_module, "board", slow_board)
    page.reload()
    add_target(quiet, ProbeTarget("审批系统-新门户", "approval", url="https://new.example.cn/"))
    page.reload()  # while the first read runs: one more is asked for, once it is back
    assert page.board_read.reads == 2  # the page's first read, and the one now waiting on the gate
    gate.set()
    settle(qtbot, page)
    assert page.board_read.reads == 3 and len(shown) == 1  # the stale answer was not shown
    assert "审批系统-新门户" in looks(page)


def test_a_board_that_cannot_be_read_says_so_and_shows_when_it_can(qtbot, quiet, monkeypatch):
    import dzdesk.probes.board_read as board_module  # where the board is read

    real_board = board_module.board

    def broken(*_args, **_kwargs):
        raise OSError("disk I/O error")

    monkeypatch.setattr(board_module, "board", broken)
    page = make_page(qtbot, quiet)
    assert page.summary.text() == "The board could not be read: disk I/O error"
    assert page.model.rowCount() == 0
    monkeypatch.setattr(board_module, "board", real_board)
    page.reload()
    settle(qtbot, page)
    assert page.model.rowCount() == len(default_targets(quiet.catalogue))  # the defaults were added all the same


def test_a_target_editor_whose_save_fails_stays_open_with_the_reason(qtbot, quiet, monkeypatch):
    import dzdesk.ui.probes.target_editor as editor_module

    def broken(*_args, **_kwargs):
        raise OSError("database is locked")

    monkeypatch.setattr(editor_module, "save_probe_target", broken)
    editor = TargetEditor(quiet)
    qtbot.addWidget(editor)
    editor.open()
    saved = listen(editor.saved)
    type_text(qtbot, editor.name, "审批系统-锁")
    editor.url.setText("https://lock.example.cn/")
    editor.accept()
    settle(qtbot, editor)
    assert editor.isVisible() and saved == []
    assert editor.problem.text() == "The target was not saved: database is locked"
    assert editor.name.text() == "审批系统-锁"  # nothing typed is lost
    assert editor.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()
    assert "审批系统-锁" not in target_names(quiet)


def test_a_target_saved_from_an_editor_opened_before_a_teammates_change_keeps_that_change(qtbot, quiet):
    """The pull changed the target's keyword while its editor was open; the person changed its notes."""
    target_id = add_target(quiet, ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/"))
    editor = TargetEditor(quiet, target_id)
    qtbot.addWidget(editor)
    settle(qtbot, editor)
    with quiet.store.transaction() as session:
        save_target(session, ProbeTarget("信用平台-门户", "credit", url="https://xy.example.cn/", keyword="信用达州"),
                    target_id)
    editor.notes.setPlainText("门户改版后关键字待定")
    with qtbot.waitSignal(editor.saved):
        editor.accept()
    stored = stored_target(quiet, target_id)
    assert (stored.keyword, stored.notes) == ("信用达州", "门户改版后关键字待定")


def test_a_target_field_both_changed_is_said_in_the_status_bar(qtbot, quiet):
    window = MainWindow(quiet)
    qtbot.addWidget(window)
    target_id = add_target(quiet, ProbeTarget("审批系统-测试门户", "approval", url="https://xy.example.cn/"))
    editor = TargetEditor(quiet, target_id, window.probes)
    qtbot.addWidget(editor)
    settle(qtbot, editor)
    with quiet.store.transaction() as session:
        save_target(session, ProbeTarget("审批系统-测试门户", "approval", url="https://xy.example.cn/",
                                         notes="李娜：改版中"), target_id)
    editor.notes.setPlainText("门户改版后关键字待定")
    with qtbot.waitSignal(editor.saved):
        editor.accept()
    assert stored_target(quiet, target_id).notes == "门户改版后关键字待定"
    assert "1 field" in window.statusBar().currentMessage()

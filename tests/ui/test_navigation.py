"""The navigation informs: each area has its icon and its key, counts what waits there (faults without an answer,
targets down, changes to sync) as the data changes, and every control of the window and its pages has a name a
screen reader can say."""

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QFormLayout, QLineEdit, QWidget

from dzdesk.domain.probe_outcome import Failure, ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import format_local
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.probe_repo import record_outcomes, save_target
from dzdesk.ui.main_window import PAGES
from tests.support.layout_fit import pages, unnamed_controls


def add_fault(ctx, title: str, reported: datetime) -> str:
    with ctx.store.transaction() as session:
        draft = IncidentDraft(platform="credit", severity=Severity.URGENT, title=title, reported_at=reported)
        return add_incident(session, draft, ctx.catalogue, ctx.settings.calendar(), reported).id


def test_each_area_shows_its_icon_and_its_key(window):
    assert window.navigation.count() == len(PAGES)
    for row in range(window.navigation.count()):
        item = window.navigation.item(row)
        key = QKeySequence(f"Ctrl+{row + 1}").toString(QKeySequence.SequenceFormat.NativeText)
        assert not item.icon().isNull()
        assert key in item.toolTip()
        assert key in item.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    go_menu = window.menuBar().actions()[1].menu()
    assert all(not action.icon().isNull() for action in go_menu.actions() if not action.isSeparator())


def test_the_keys_switch_areas(qtbot, window):
    for row in (2, 5, 8, 0):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + row), Qt.KeyboardModifier.ControlModifier)
        assert window.navigation.currentRow() == row
        assert window.pages.currentWidget() is window._page(list(PAGES)[row])


def test_a_new_fault_raises_the_count_and_its_deadline_is_in_the_tooltip(qtbot, ctx, window):
    row = list(PAGES).index("incidents")
    item = window.navigation.item(row)
    qtbot.waitUntil(lambda: "incidents" in window.counts)
    assert window.counts["incidents"] == 0 and item.text() == window.titles["incidents"]
    now = datetime.now(UTC)
    add_fault(ctx, "网上大厅无法登录", now - timedelta(minutes=20))
    qtbot.waitUntil(lambda: window.counts["incidents"] == 1)
    assert item.text().endswith("1")
    add_fault(ctx, "联合验收页面报错", now - timedelta(minutes=50))
    qtbot.waitUntil(lambda: window.counts["incidents"] == 2)
    with ctx.store.session() as session:
        nearest = min(i.response_due for i in session.query(Incident))
    assert format_local(nearest) in item.toolTip()
    assert "2" in item.data(Qt.ItemDataRole.AccessibleTextRole)


def test_changes_waiting_to_sync_are_counted_on_the_sync_area(qtbot, ctx, window):
    add_fault(ctx, "网上大厅无法登录", datetime.now(UTC))
    qtbot.waitUntil(lambda: window.counts.get("sync_page", 0) > 0)
    assert window.navigation.item(list(PAGES).index("sync_page")).text() != window.titles["sync_page"]


def test_demo_data_counts_nothing_to_sync_and_says_why(qtbot, ctx, window):
    ctx.settings.demo = True
    add_fault(ctx, "网上大厅无法登录", datetime.now(UTC))
    qtbot.waitUntil(lambda: window.status.pending_label.text() == "Demo data: never synced")
    assert window.counts.get("sync_page", 0) == 0
    assert window.navigation.item(list(PAGES).index("sync_page")).text() == window.titles["sync_page"]


def test_every_control_has_a_name(qtbot, window):
    missing = [f"main window: {c}" for c in unnamed_controls(window, skip=window.pages)]
    for name, page in pages(window):
        QApplication.processEvents()
        missing += [f"{name}: {c}" for c in unnamed_controls(page)]
    assert not sorted(set(missing)), "\n".join(sorted(set(missing)))


def test_the_walk_finds_a_control_without_a_name(qtbot):
    top = QWidget()
    qtbot.addWidget(top)
    form = QFormLayout(top)
    named, labelled, bare = QLineEdit(top), QLineEdit(top), QComboBox(top)
    named.setAccessibleName("电话")
    form.addRow(named)
    form.addRow("地址", labelled)
    form.addRow(bare)
    top.show()
    missing = unnamed_controls(top)
    assert len(missing) == 1 and "QComboBox" in missing[0]


def test_tab_goes_from_the_navigation_into_the_page(qtbot, window):
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Tab)
    assert window.pages.isAncestorOf(QApplication.focusWidget())


def test_a_target_that_goes_down_is_counted_on_the_probes_area(qtbot, ctx, window):
    qtbot.waitUntil(lambda: "probes" in window.counts)
    assert window.counts["probes"] == 0
    now = datetime.now(UTC)
    with ctx.store.transaction() as session:
        saved = save_target(session, ProbeTarget(name="网上大厅", platform="approval", url="https://wsdt.example.cn/"))
        session.flush()
        record_id = saved.id
    with ctx.store.transaction() as session:
        record = session.get(ProbeTargetRecord, record_id)
        for minutes in (3, 2, 1):
            outcome = ProbeOutcome(record.name, now - timedelta(minutes=minutes), False, None, Failure.TIMEOUT, "10 s")
            record_outcomes(session, [(record, outcome)], ConfirmPolicy(3, 2), interval_s=60)
    qtbot.waitUntil(lambda: window.counts["probes"] == 1)
    item = window.navigation.item(list(PAGES).index("probes"))
    assert "网上大厅" in item.toolTip() and item.text().endswith("1")


def test_the_counts_wait_until_the_first_page_shows_its_data(qtbot, ctx):
    """Read beside the dashboard's first gathering they took the interpreter from it: they start once it shows."""
    from dzdesk.ui.main_window import MainWindow

    add_fault(ctx, "网上大厅无法登录", datetime.now(UTC) - timedelta(hours=1))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.dashboard.data is None  # its figures are on their way from a worker
    reads = (window._fault_count.reads, window._down_count.reads, window._pending_count.reads)
    assert reads == (0, 0, 0)  # nothing else read while they are
    with qtbot.waitSignal(window.ready, timeout=10_000):
        pass
    assert window._fault_count.reads == window._down_count.reads == window._pending_count.reads == 1
    qtbot.waitUntil(lambda: window.counts.get("incidents") == 1)

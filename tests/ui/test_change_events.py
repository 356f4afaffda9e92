"""Changes reach the pages as events: a save shows on every page that lists it, a pulled record on the page that
lists it, and no page is reloaded for a change to something it does not show."""

import logging
import os
import threading
import time

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from dzdesk.config import DataDir
from dzdesk.secrets import hub_token_key, set_secret
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.events import ChangeBus, Changes, Source
from dzdesk.ui import events_bridge
from dzdesk.ui.events_bridge import ChangeBridge
from dzdesk.ui.main_window import PAGES, MainWindow
from tests.support.hub import running_hub
from tests.support.typing import type_text
from tests.sync.helpers import SyncClient, add_fault


@pytest.fixture
def window(window, qtbot):
    """The shared window, once the dashboard shows its figures."""
    qtbot.waitUntil(lambda: window.dashboard.data is not None)
    return window


def settle(qtbot, window):
    """Waits until the window has nothing more of its own start to do: the probes page's first read (which adds the
    default targets, a change the counts and the page hear of), the counts and the changes waiting to be handed on.
    Twice, a moment apart: what one finishes may start another."""
    def quiet() -> bool:
        probes = window._built.get("probes")
        return (window.events.idle and not (probes is not None and probes.busy)
                and not window._down_count.running and not window._fault_count.running)

    for _ in range(2):
        qtbot.waitUntil(quiet, timeout=10_000)
        qtbot.wait(100)


def unanswered(window):
    return [window.dashboard.unanswered.item(row).text() for row in range(window.dashboard.unanswered.count())]


def test_the_bridge_hands_a_change_made_on_a_worker_thread_to_the_gui_thread(qtbot):
    bus = ChangeBus()
    bridge = ChangeBridge(bus)
    heard: list[tuple[Changes, bool]] = []
    bridge.listen({"incidents"}, lambda changes: heard.append((changes, QThread.currentThread() is
                                                               QApplication.instance().thread())))
    bridge.listen({"complaints"}, lambda changes: heard.append((changes, False)))
    worker = threading.Thread(target=lambda: [bus.publish(Changes(frozenset({"incidents"}), frozenset({i})))
                                              for i in ("a", "b")])
    worker.start()
    worker.join()
    assert heard == []  # queued: nothing runs on the worker
    qtbot.waitUntil(lambda: len(heard) == 1)
    [(changes, on_gui_thread)] = heard  # the two commits, handed on once, merged; the complaints handler not called
    assert on_gui_thread and changes.ids == {"a", "b"}
    bridge.close()
    bus.publish(Changes(frozenset({"incidents"})))
    qtbot.wait(50)
    assert len(heard) == 1


def test_the_teams_changes_are_handed_on_at_a_pace_and_a_change_saved_here_at_once(qtbot, monkeypatch):
    monkeypatch.setattr(events_bridge, "PACE_MS", 600)
    bus = ChangeBus()
    bridge = ChangeBridge(bus)
    heard: list[tuple[float, Changes]] = []
    bridge.listen({"incidents", "probe_targets"}, lambda changes: heard.append((time.monotonic(), changes)))
    pulled = frozenset({Source.PULL})
    bus.publish(Changes(frozenset({"probe_targets"}), frozenset({"t1"}), pulled))
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=2000)  # the first after a quiet while: at once
    first_at = heard[0][0]
    for n in range(2, 6):  # a pull's next pages, one after another
        bus.publish(Changes(frozenset({"probe_targets"}), frozenset({f"t{n}"}), pulled))
        qtbot.wait(60)
    assert len(heard) == 1  # held back: the pace is not over
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=2000)
    second_at, merged = heard[1]
    assert second_at - first_at >= 0.55 and merged.ids == {"t2", "t3", "t4", "t5"}
    bus.publish(Changes(frozenset({"probe_targets"}), frozenset({"t6"}), pulled))
    qtbot.wait(20)
    saved_at = time.monotonic()
    bus.publish(Changes(frozenset({"incidents"}), frozenset({"mine"})))  # a save on this laptop meanwhile
    qtbot.waitUntil(lambda: len(heard) == 3, timeout=2000)
    assert heard[2][0] - saved_at < 0.3  # not held back by the pace, and what waited goes with it
    assert heard[2][1].ids == {"t6", "mine"} and heard[2][1].sources == {Source.PULL, Source.LOCAL}
    bridge.close()


def test_while_a_sync_runs_its_pages_are_handed_on_slower_and_what_waits_goes_when_it_ends(qtbot, monkeypatch):
    monkeypatch.setattr(events_bridge, "PACE_MS", 300)
    monkeypatch.setattr(events_bridge, "SYNC_PACE_MS", 1500)
    bus = ChangeBus()
    bridge = ChangeBridge(bus)
    heard: list[tuple[float, Changes]] = []
    bridge.listen({"probe_targets"}, lambda changes: heard.append((time.monotonic(), changes)))
    pulled = frozenset({Source.PULL})
    bridge.sync_running(True)
    bus.publish(Changes(frozenset({"probe_targets"}), frozenset({"t1"}), pulled))
    qtbot.waitUntil(lambda: len(heard) == 1, timeout=2000)  # the first after a quiet while: at once
    for n in range(2, 4):
        bus.publish(Changes(frozenset({"probe_targets"}), frozenset({f"t{n}"}), pulled))
    qtbot.wait(600)  # twice the usual pace: still held, the sync runs
    assert len(heard) == 1
    qtbot.waitUntil(lambda: len(heard) == 2, timeout=3000)
    assert heard[1][0] - heard[0][0] >= 1.4 and heard[1][1].ids == {"t2", "t3"}
    bus.publish(Changes(frozenset({"probe_targets"}), frozenset({"t4"}), pulled))  # the last page
    qtbot.wait(50)
    ended_at = time.monotonic()
    bridge.sync_running(False)
    qtbot.waitUntil(lambda: len(heard) == 3, timeout=2000)
    assert heard[2][0] - ended_at < 0.2 and heard[2][1].ids == {"t4"}  # not a whole pace after the sync's end
    bridge.sync_running(False)  # ended again (a failure after the finish): nothing waits, nothing is handed on
    qtbot.wait(100)
    assert len(heard) == 3
    bridge.close()


def test_the_navigation_counts_read_once_more_for_changes_that_came_while_they_read(qtbot, window):
    settle(qtbot, window)
    down, faults = window._down_count.reads, window._fault_count.reads
    for _ in range(10):  # ten bursts of changes while the first count is being read
        window._count_down()
        window._count_faults()
    assert window._down_count.reads == down + 1 and window._fault_count.reads == faults + 1
    qtbot.waitUntil(lambda: not window._down_count.running and not window._fault_count.running)
    assert window._down_count.reads == down + 2 and window._fault_count.reads == faults + 2


def test_a_fault_saved_shows_on_the_dashboard_and_the_fault_list_and_nothing_else_reloads(qtbot, window, ctx):
    assert window.pages.currentWidget() is window.dashboard
    for name in PAGES:
        window._page(name)  # every page built, as after start-up (the probes page keeps its default targets)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: not window.dashboard._gathering)
    window.refreshes.clear()
    window._stale.clear()  # the probes and indicators pages keep their defaults as they are built
    before = window.dashboard.gatherings
    editor = window.record_fault()  # the quick entry, over the dashboard
    type_text(qtbot, editor.w["title"], "网上大厅无法登录")
    editor.accept()
    qtbot.waitUntil(lambda: any("网上大厅无法登录" in text for text in unanswered(window)))
    assert window.dashboard.gatherings == before + 1  # read again once, for the save, no timer in between
    incident_id = window.incidents.selected_id()
    window.navigation.setCurrentRow(list(PAGES).index("incidents"))
    assert window.incidents.select_id(incident_id)
    # the pages that do not list faults were neither reloaded nor marked to be
    assert set(window.refreshes) <= {"dashboard", "incidents", "sync_page"}
    assert window._stale <= {"sync_page"}


def test_a_pulled_fault_shows_on_the_fault_list_without_reloading_every_page(qtbot, ctx, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)  # the sync's process says where it runs
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub:
        token, mate_token = hub.add_user("李明"), hub.add_user("王芳")
        ctx.settings.hub_url = hub.url
        set_secret(hub_token_key(hub.url), token)
        mate_store = open_store(DataDir(tmp_path / "mate").ensure(), author="王芳")
        try:
            mate = SyncClient("王芳", mate_store, BlobStore(mate_store.data_dir.blobs), mate_token, hub.url)
            win = MainWindow(ctx)
            qtbot.addWidget(win)
            win.navigation.setCurrentRow(list(PAGES).index("incidents"))
            win.show()
            for name in PAGES:
                win._page(name)
            with qtbot.waitSignal(win.sync.finished, timeout=20000):
                assert win.sync.sync_now()  # the first sync: the account and the team's defaults
            mate.sync()  # the mate's first: its own defaults, renamed to the team's, may come back changed
            with qtbot.waitSignal(win.sync.finished, timeout=20000):
                assert win.sync.sync_now()
            qtbot.wait(50)
            win.refreshes.clear()
            win._stale.clear()
            gathered = win.dashboard.gatherings
            incident_id = add_fault(mate_store, "综合受理单打印空白")
            mate.sync()
            with qtbot.waitSignal(win.sync.finished, timeout=20000):
                assert win.sync.sync_now()  # pulled on a worker thread
                assert win.events._syncing  # its pages handed on at the sync's slower pace ...
            ended = time.monotonic()
            assert not win.events._syncing
            qtbot.waitUntil(lambda: win.incidents.select_id(incident_id))
            assert time.monotonic() - ended < events_bridge.SYNC_PACE_MS / 2000  # ... and what waits, at its end
            assert set(win.refreshes) == {"incidents"}  # the pages that do not list faults: not reloaded
            assert win._stale == {"dashboard"}  # hidden: read again when it is next shown, not before
            assert win.dashboard.gatherings == gathered
            win.navigation.setCurrentRow(0)
            qtbot.waitUntil(lambda: any("综合受理单打印空白" in text for text in unanswered(win)))
            assert win.refreshes["dashboard"] == 1 and set(win.refreshes) == {"incidents", "dashboard"}
            ran_in = {record.process for record in caplog.records if record.name == "dzdesk.sync.child_process"}
            assert len(ran_in) == 3 and os.getpid() not in ran_in  # each sync in a process of its own
            win.close()
        finally:
            mate_store.close()


def test_the_guard_names_a_window_module_that_opens_a_session_on_the_gui_thread(ctx, gui_sessions):
    with ctx.store.session():  # a test reading its own data is not the window's doing
        pass
    assert gui_sessions == []
    exec(compile("with store.session():\n    pass", "dzdesk/ui/example.py", "exec"),
         {"__name__": "dzdesk.ui.example", "store": ctx.store})
    assert gui_sessions == ["dzdesk.ui.example"]
    gui_sessions.clear()  # the module is made up: nothing to fail on at the end of the test

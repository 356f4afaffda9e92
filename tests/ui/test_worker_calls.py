"""The rules of a screen's reads and writes on a worker, kept in one place: the newest read is shown and a stale one
never, one write at a time with its controls disabled and a busy cursor, and a failure handed back in words."""

import os
import sys
import threading

from PySide6.QtCore import QObject, Qt, QThreadPool
from PySide6.QtWidgets import QPushButton, QWidget

from dzdesk.ui.worker_calls import BackgroundWrite, LatestRead

LINUX = sys.platform.startswith("linux")  # where a thread has a niceness of its own


def test_a_read_asked_for_while_one_runs_is_read_once_more_and_the_stale_answer_dropped(qtbot):
    owner = QObject()
    gate = threading.Event()
    state = {"value": "old"}
    shown, failed = [], []

    def make_work():
        value = state["value"]  # what the screen asks for when the read starts

        def work():
            if value == "old":
                gate.wait(10)
            return value

        return work

    read = LatestRead(owner, make_work, shown.append, failed.append)
    read.request()
    state["value"] = "new"
    read.request()  # while the first runs
    read.request()  # and again: still one more, not two
    assert read.running and read.reads == 1
    gate.set()
    qtbot.waitUntil(lambda: not read.running)
    assert shown == ["new"] and failed == [] and read.reads == 2


def test_a_read_that_fails_hands_back_why(qtbot):
    owner = QObject()
    failed = []

    def make_work():
        def work():
            raise OSError("disk I/O error")

        return work

    read = LatestRead(owner, make_work, lambda _value: None, failed.append)
    with qtbot.waitSignal(read.answered):
        read.request()
    assert [str(exc) for exc in failed] == ["disk I/O error"]


def test_an_answer_to_a_forgotten_read_is_never_shown(qtbot):
    owner = QObject()
    gate, shown = threading.Event(), []
    read = LatestRead(owner, lambda: lambda: gate.wait(10), shown.append, lambda _exc: None)
    read.request()
    read.forget()
    gate.set()
    qtbot.wait(200)
    assert shown == [] and not read.running


def test_one_write_at_a_time_with_its_controls_disabled_and_the_cursor_busy(qtbot):
    screen = QWidget()
    qtbot.addWidget(screen)
    save, other = QPushButton(screen), QPushButton(screen)
    other.setEnabled(False)
    write = BackgroundWrite(screen, [save, other])
    gate, done, failed = threading.Event(), [], []
    assert write.start(lambda: gate.wait(10) and "saved", done.append, failed.append)
    assert not write.start(lambda: "twice", done.append, failed.append)  # a double click writes nothing more
    assert write.running and not save.isEnabled() and screen.cursor().shape() == Qt.CursorShape.BusyCursor
    with qtbot.waitSignal(write.finished):
        gate.set()
    assert done == ["saved"] and failed == []
    assert save.isEnabled() and not other.isEnabled()  # each control as it was
    assert screen.cursor().shape() != Qt.CursorShape.BusyCursor

    def broken():
        raise OSError("database is locked")

    with qtbot.waitSignal(write.finished):
        write.start(broken, done.append, failed.append)
    assert [str(exc) for exc in failed] == ["database is locked"] and save.isEnabled()


def test_the_exit_waits_for_a_write_and_not_for_a_read(qtbot):
    from dzdesk.ui.operations import run_in_background, wait_for_work_that_must_finish

    owner = QObject()
    reading, writing = threading.Event(), threading.Event()
    run_in_background(lambda: reading.wait(10), lambda _v: None, lambda _e: None, owner=owner, reads_only=True)
    assert wait_for_work_that_must_finish(0.5)  # only a read runs: nothing to wait for
    run_in_background(lambda: writing.wait(10), lambda _v: None, lambda _e: None, owner=owner)
    assert not wait_for_work_that_must_finish(0.2)  # the write holds the exit
    writing.set()
    assert wait_for_work_that_must_finish(5)
    failing = threading.Event()

    def fails():
        failing.wait(10)
        raise OSError("disk full")

    run_in_background(fails, lambda _v: None, lambda _e: None, owner=owner)
    failing.set()
    assert wait_for_work_that_must_finish(5)  # a write that failed is done too
    reading.set()
    qtbot.waitUntil(lambda: QThreadPool.globalInstance().activeThreadCount() == 0)


def test_work_that_yields_to_the_window_runs_on_a_thread_of_its_own_at_a_lower_priority(qtbot):
    from dzdesk.ui.operations import YIELDING_NICENESS, run_in_background, wait_for_work_that_must_finish

    owner = QObject()
    release = threading.Event()
    seen: list[tuple[str, int]] = []
    done: list[object] = []

    def work() -> str:
        me = threading.get_native_id()
        seen.append((threading.current_thread().name, os.getpriority(os.PRIO_PROCESS, me) if LINUX else 0))
        release.wait(10)
        return "synced"

    own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) if LINUX else 0
    run_in_background(work, done.append, done.append, owner=owner, yield_to_window=True)
    qtbot.waitUntil(lambda: bool(seen))
    assert not wait_for_work_that_must_finish(0.1)  # the exit waits for it as for any work that is not a read
    release.set()
    qtbot.waitUntil(lambda: done == ["synced"])  # the result comes back on the GUI thread, as from the pool
    [(name, niceness)] = seen
    assert name == "dzdesk-yielding"  # not one of the pool's (a pool thread could not be given its priority back)
    if LINUX:
        assert niceness == min(19, own + YIELDING_NICENESS)
        assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == own  # the GUI thread's is its own


def test_heavy_reads_run_one_at_a_time_and_the_light_ones_beside_them(qtbot):
    """Heavy reads (the dashboard, the board) share the one interpreter: two at once kept the GUI thread waiting
    for it. A light read (a count) is never queued behind them."""
    from dzdesk.ui.operations import heavy_lane, run_in_background, wait_for_workers

    release = threading.Event()
    running: list[int] = []
    most = [0]
    lock = threading.Lock()

    def heavy(n):
        def work():
            with lock:
                running.append(n)
                most[0] = max(most[0], len(running))
            release.wait(10)
            with lock:
                running.remove(n)
            return n

        return work

    done, light, failed = [], [], []
    for n in range(3):
        run_in_background(heavy(n), done.append, failed.append, heavy=True, reads_only=True)
    run_in_background(lambda: threading.current_thread().name, light.append, failed.append, reads_only=True)
    qtbot.waitUntil(lambda: bool(light))  # beside the heavy one that runs, not after the three
    assert running == [0] and done == []
    release.set()
    qtbot.waitUntil(lambda: len(done) == 3)
    assert done == [0, 1, 2] and most[0] == 1 and failed == []  # in the order asked, one at a time
    assert heavy_lane().maxThreadCount() == 1 and wait_for_workers(5000)

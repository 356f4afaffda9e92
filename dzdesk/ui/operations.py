"""Long work off the GUI thread: `run_in_background(work, on_success, on_failure)`.

Screens never create threads. The work runs on the global QThreadPool; its result or exception comes back to the
GUI thread through a queued signal. Tests can call `set_synchronous(True)` to run work inline, deterministically.

Heavy reads (the dashboard's gathering, the probe board, the count of targets down) run one at a time on a lane of
their own (`heavy_lane`): they share the one interpreter, and with two of them reading at once (as every hand-on
of a pull set off) the GUI thread waited for it 10–14 ms at a time; one at a time, it waited at most 7.7. Being
bound by the interpreter, two of them take about as long one after the other as side by side.

Work that keeps a worker busy for long (a probe sweep; the sync's waiting, whose process starts at that thread's
priority) can `yield_to_window`: it runs on a thread of its own that the system schedules after the GUI thread
(`lower_priority`), so a wake-up of the GUI thread takes a core from it first.

The exit waits for the work that must not be cut short (`wait_for_work_that_must_finish`): a save, a backup or a
sync told to stop. A read (`reads_only`) is left to the process's end: what it would show has no window left to
show it in, and waiting for the counts and the board started with the first page held a quick exit 50–100 ms.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dzdesk.ui.gc_quiet import no_full_collections

log = logging.getLogger(__name__)
_synchronous = False
_alive: set[_Relay] = set()
_must_finish = 0  # jobs started and not done whose work is not `reads_only`
_finished = threading.Condition()
_heavy_lane: QThreadPool | None = None
_inline = threading.local()  # set while work runs inline (synchronous mode): it stands for a worker's
# How much less of a core a thread that yields to the window gets while both want one (steps of Linux's niceness
# above the window's own: each about 1.25 times less; 10 gives it about a tenth of what the GUI thread gets).
YIELDING_NICENESS = 10


def running_inline() -> bool:
    return getattr(_inline, "active", False)


def set_synchronous(value: bool) -> None:
    global _synchronous
    _synchronous = value


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


def heavy_lane() -> QThreadPool:
    """The pool of one thread that runs `heavy` work one job after another."""
    global _heavy_lane
    if _heavy_lane is None:
        _heavy_lane = QThreadPool()
        _heavy_lane.setObjectName("dzdesk-heavy")
        _heavy_lane.setMaxThreadCount(1)
    return _heavy_lane


def wait_for_workers(timeout_ms: int) -> bool:
    """Waits until the pool and the heavy lane are idle (at most `timeout_ms` each): before a store closes under
    reads that may still run. False if some work still runs."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms) and heavy_lane().waitForDone(timeout_ms)


def wait_for_work_that_must_finish(timeout_s: float) -> bool:
    """Waits until no work but reads runs or waits on the pool (at most `timeout_s`); False if some still does."""
    with _finished:
        return _finished.wait_for(lambda: _must_finish == 0, timeout_s)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay, must_finish: bool) -> None:
        super().__init__()
        self.work, self.relay, self.must_finish = work, relay, must_finish

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the screen that asked, never swallowed
            log.exception("background work failed")
            self._tell(self.relay.failed, exc)
        else:
            self._tell(self.relay.succeeded, result)
        finally:
            if self.must_finish:
                _done_with_one()

    @staticmethod
    def _tell(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is going away and took the relay with it: no one is waiting
            log.debug("background work finished after its relay was gone")


def _done_with_one() -> None:
    global _must_finish
    with _finished:
        _must_finish -= 1
        _finished.notify_all()


def lower_priority() -> bool:
    """Makes the calling thread yield the CPU to the process's other threads when both want it (Linux, where a
    thread has a niceness of its own; elsewhere it does nothing). It cannot be undone without privileges: a thread
    of its own, not the pool's, is lowered. False when the system refused."""
    if not sys.platform.startswith("linux"):
        return False
    me = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + YIELDING_NICENESS))
    except OSError as exc:
        log.debug("the thread's priority stays as it was: %s", exc)
        return False
    return True


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[Exception], None], owner: QObject | None = None, *,
                      heavy: bool = False, reads_only: bool = False, yield_to_window: bool = False) -> None:
    """With an `owner`, neither callback runs once the owner is destroyed (a page closed with its window).
    `heavy` work (a sync, a sweep, a read of the whole board: many objects alive at once) runs without full
    garbage collections (`dzdesk.ui.gc_quiet`), which would hold the GUI thread for as long as they walk them, and,
    unless it yields to the window, on the heavy lane, one job at a time. Work that only reads (`reads_only`) is
    not waited for at the exit. Work that `yield_to_window` runs on a thread of its own, at a lower priority: a
    pull of 10 000 records kept a core busy for 20 s, and the GUI thread, waking every few milliseconds, waited
    for a core behind it and the hub."""
    if heavy:
        plain = work

        def work() -> Any:
            with no_full_collections():
                return plain()

    if _synchronous:
        previous, _inline.active = running_inline(), True
        try:
            result = work()
        except Exception as exc:
            _inline.active = previous
            on_failure(exc)
        else:
            _inline.active = previous
            on_success(result)
        return
    relay = _Relay()
    _alive.add(relay)
    gone: list[bool] = []
    if owner is not None:
        owner.destroyed.connect(lambda _obj=None: gone.append(True))

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _alive.discard(relay)
        if not gone:
            callback(value)

    relay.succeeded.connect(lambda value: finish(on_success, value))
    relay.failed.connect(lambda exc: finish(on_failure, exc))
    if not reads_only:
        global _must_finish
        with _finished:
            _must_finish += 1
    job = _Job(work, relay, must_finish=not reads_only)
    if yield_to_window:
        def yielding() -> None:
            lower_priority()
            job.run()

        threading.Thread(target=yielding, name="dzdesk-yielding", daemon=True).start()
    else:
        (heavy_lane() if heavy else QThreadPool.globalInstance()).start(job)

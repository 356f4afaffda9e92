"""Long work off the GUI thread: `run_in_background(work, on_success, on_failure)`.

Screens never create threads. The work runs on the global QThreadPool; its result or exception comes back to the
GUI thread through a queued signal. Tests can call `set_synchronous(True)` to run work inline, deterministically.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from dzdesk.ui.gc_quiet import no_full_collections

log = logging.getLogger(__name__)
_synchronous = False
_alive: set[_Relay] = set()
_inline = threading.local()  # set while work runs inline (synchronous mode): it stands for a worker's


def running_inline() -> bool:
    return getattr(_inline, "active", False)


def set_synchronous(value: bool) -> None:
    global _synchronous
    _synchronous = value


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the screen that asked, never swallowed
            log.exception("background work failed")
            self._tell(self.relay.failed, exc)
        else:
            self._tell(self.relay.succeeded, result)

    @staticmethod
    def _tell(signal: Any, value: Any) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the application is going away and took the relay with it: no one is waiting
            log.debug("background work finished after its relay was gone")


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[Exception], None], owner: QObject | None = None, *,
                      heavy: bool = False) -> None:
    """With an `owner`, neither callback runs once the owner is destroyed (a page closed with its window).
    `heavy` work (a sync, a sweep: many objects alive at once) runs without full garbage collections
    (`dzdesk.ui.gc_quiet`), which would hold the GUI thread for as long as they walk them."""
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
    QThreadPool.globalInstance().start(_Job(work, relay))

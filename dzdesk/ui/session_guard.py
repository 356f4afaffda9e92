"""A debug check for the rule that the GUI thread never reads or writes the database itself.

`gui_session_guard(report)` makes a function for `Store.session_guard`: called as each session opens, it reports the
window module that opened it when that happens on the GUI thread (work that `run_in_background` runs inline in
tests counts as a worker's). The tests of the window install it and fail on a report from a module that has moved
its reads to a worker (`tests/ui/conftest.py`).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

from dzdesk.ui.operations import running_inline


def gui_session_guard(report: Callable[[str], None]) -> Callable[[], None]:
    def guard() -> None:
        if threading.current_thread() is not threading.main_thread() or running_inline():
            return
        caller = _window_caller()
        if caller is not None:
            report(caller)

    return guard


def _window_caller() -> str | None:
    """The nearest module of the window on the stack (None when no window code asked: a test, a command)."""
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_globals.get("__name__", "")
        if name.startswith("dzdesk.ui.") and name not in (__name__, "dzdesk.ui.operations"):
            return name
        frame = frame.f_back
    return None

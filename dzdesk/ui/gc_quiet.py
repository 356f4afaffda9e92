"""No full garbage collection while heavy work runs on a worker.

A full (generation 2) collection walks every object the process tracks, holds the interpreter while it does, and
runs on whichever thread happened to allocate: during a pull of 10 000 records, with the pulled rows alive in the
worker's session, each took 20–170 ms, and the GUI thread waited for every one (`gui_stall_ms`). Within
`no_full_collections()` the young generations are still collected as usual (each a millisecond or less), which
frees the short-lived cycles; the rows themselves go by reference counting when the work's session closes, so the
first full collection after it walks the window's usual, small heap. Nested and concurrent uses count.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

NEVER = 1_000_000_000  # collections of generation 1 before a full one: in effect, none
_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def no_full_collections() -> Iterator[None]:
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], NEVER)
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None

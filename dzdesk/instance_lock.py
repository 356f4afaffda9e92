"""One dzdesk at a time per data directory.

Two windows on one database would each believe their view is current; the lock makes the second one say so
instead. The operating system releases the lock when the process dies, so a crash never leaves it stuck.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout


class AlreadyOpenError(Exception):
    def __init__(self, data_dir: Path) -> None:
        super().__init__(f"dzdesk is already open on the data directory {data_dir}. "
                         "Switch to that window, or close it first.")
        self.data_dir = data_dir


class InstanceLock:
    def __init__(self, lock_file: Path) -> None:
        self._lock = FileLock(lock_file, timeout=0, thread_local=False)
        self._data_dir = lock_file.parent

    def acquire(self) -> InstanceLock:
        try:
            self._lock.acquire()
        except Timeout as exc:
            raise AlreadyOpenError(self._data_dir) from exc
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()

"""A sync in a process of its own, for the window: the calling thread waits for it and hands on what it reports.

Why a process: a pull of ten thousand records on a thread of the window's own shared the one interpreter with the
GUI thread, which waited for it — a thread at a lower priority still held the interpreter while the hub's process
kept it off a core, and the window stood still 15–20 ms at a time. A process has an interpreter of its own; it is
started from the calling thread and so runs at that thread's priority (`dzdesk.ui.operations.lower_priority`).

What the child reports comes back through a pipe and is handed on in the order it was sent: each committed change
is published on the window's own `ChangeBus` (the screens refresh as if the sync had run in-process), the progress
goes to `progress`, log records go to the window's log file (one writer, so rotating it is safe), and the summary
or the exception ends the wait. Setting `cancel` asks the child to stop between pages, as it would in-process; a
child that dies is reported in words, and a child whose window is gone ends too (`_wait_for_cancel`). The command
line and the watcher sync in-process: they have no window.

The child is started with `multiprocessing`'s spawn, which imports the program's main module in it: a program that
opens the window keeps its main code under `if __name__ == "__main__":`, as `dzdesk`'s entry points do (the
installed build's calls `freeze_support` there).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from contextlib import suppress
from dataclasses import dataclass
from logging.handlers import QueueHandler
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from dzdesk.config import DataDir
from dzdesk.store.blobs import BlobStore
from dzdesk.store.database import Store
from dzdesk.store.engine import create_sqlite_engine
from dzdesk.store.events import ChangeBus
from dzdesk.store.migrate import head_from_files, head_revision
from dzdesk.sync.client import HubClient, HubError
from dzdesk.sync.engine import synchronise
from dzdesk.sync.probe_results import Vantage
from dzdesk.sync.summary import Progress, SyncCancelledError, SyncSummary

log = logging.getLogger(__name__)
POLL_S = 0.1  # how often the waiting thread looks at `cancel` and at whether the child still lives
EXIT_WAIT_S = 10.0  # after its last word, how long the child has to exit before it is stopped
ORPHAN_GRACE_S = 5.0  # how long a child whose window is gone may take to stop between pages
ORPHAN_EXIT_CODE = 3


class SyncProcessError(RuntimeError):
    """The sync's process stopped without saying how the sync ended."""


@dataclass(frozen=True)
class SyncRequest:
    """Everything the child needs, handed over through the pipe (never on its command line: the token is in it)."""

    data_dir: DataDir
    author: str
    url: str
    token: str
    ca_bundle: str
    vantage: Vantage
    log_level: int = logging.INFO


def sync_in_child(request: SyncRequest, changes: ChangeBus, progress: Progress | None = None,
                  cancel: threading.Event | None = None) -> SyncSummary:
    """Runs `synchronise` in a new process on the same data directory, whose store the caller has open and
    migrated; returns its summary or raises what it raised (`HubError` and its kinds, `SyncCancelledError`)."""
    spawn = multiprocessing.get_context("spawn")  # never a fork of a process with a window and threads
    from_child, child_end = spawn.Pipe(duplex=False)
    to_child_end, to_child = spawn.Pipe(duplex=False)
    child = spawn.Process(target=_child_main, args=(child_end, to_child_end), name="dzdesk-sync", daemon=True)
    child.start()
    child_end.close()
    to_child_end.close()
    try:
        to_child.send(request)
        return _listen(child, from_child, to_child, changes, progress, cancel)
    finally:
        to_child.close()  # the child's listener sees the end, whatever happened here
        from_child.close()
        child.join(EXIT_WAIT_S)
        if child.is_alive():
            log.warning("the sync's process did not exit; it is stopped")
            child.kill()
            child.join(EXIT_WAIT_S)


def _listen(child: BaseProcess, from_child: Connection, to_child: Connection,
            changes: ChangeBus, progress: Progress | None, cancel: threading.Event | None) -> SyncSummary:
    asked_to_stop = False
    while True:
        if cancel is not None and cancel.is_set() and not asked_to_stop:
            asked_to_stop = True
            with suppress(OSError):  # already gone: its end is read below
                to_child.send("cancel")
        if not from_child.poll(POLL_S):
            if not child.is_alive() and not from_child.poll(0):
                raise _died(child)
            continue
        try:
            kind, value = from_child.recv()
        except EOFError:
            raise _died(child) from None
        if kind == "changes":
            changes.publish(value)
        elif kind == "progress":
            if progress is not None:
                progress(*value)
        elif kind == "log":
            logging.getLogger(value.name).handle(value)
        elif kind == "done":
            return value
        elif kind == "failed":
            raise value


def _died(child: BaseProcess) -> SyncProcessError:
    child.join(EXIT_WAIT_S)
    return SyncProcessError(f"the sync stopped unexpectedly (its process ended with code {child.exitcode}); "
                            "what it had saved stays saved, and the next sync goes on from there")


class _Sender:
    """The child's one way to the parent: whole messages, from any of its threads."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._lock = threading.Lock()

    def __call__(self, kind: str, value: object) -> None:
        with self._lock:
            self._connection.send((kind, value))


class _PipeQueue:
    """Where the child's `QueueHandler` puts its records, each made plain text first (their arguments and
    tracebacks may not survive pickling): the pipe to the window."""

    def __init__(self, send: _Sender) -> None:
        self._send = send

    def put_nowait(self, record: logging.LogRecord) -> None:
        self._send("log", record)


def _child_main(to_parent: Connection, from_parent: Connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the window's terminal is the window's to handle
    send = _Sender(to_parent)
    request: SyncRequest = from_parent.recv()
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(QueueHandler(_PipeQueue(send)))
    root.setLevel(request.log_level)
    stop, ended = threading.Event(), threading.Event()
    threading.Thread(target=_wait_for_cancel, args=(from_parent, stop, ended), name="dzdesk-sync-cancel",
                     daemon=True).start()
    try:
        summary = _sync(request, send, stop)
    except Exception as exc:  # whatever ended the sync is the window's to report
        if not isinstance(exc, HubError | SyncCancelledError):  # its traceback stays here: the window gets a copy
            log.error("the sync failed", exc_info=exc)
        send("failed", _transportable(exc))
    else:
        send("done", summary)
    finally:
        ended.set()
        to_parent.close()


def _sync(request: SyncRequest, send: _Sender, stop: threading.Event) -> SyncSummary:
    store = _attach(request.data_dir, request.author)
    try:
        log.debug("the sync runs in process %d at niceness %d", os.getpid(), _niceness())
        store.changes.subscribe(lambda changes: send("changes", changes))
        with HubClient(request.url, request.token, request.ca_bundle) as client:
            return synchronise(store, BlobStore(request.data_dir.blobs), client,
                               lambda phase, done, total: send("progress", (phase, done, total)), stop,
                               request.vantage)
    finally:
        store.close()


def _attach(data_dir: DataDir, author: str) -> Store:
    """The store the window opened: no migration and no sweep of half-written blobs here, which could remove
    one the window is writing at that moment."""
    store = Store(data_dir, create_sqlite_engine(data_dir.database), author=author)
    if (found := store.schema_revision()) != (wanted := head_from_files() or head_revision()):
        store.close()
        raise SyncProcessError(f"the database is at schema {found}, not {wanted}: restart dzdesk")
    return store


def _wait_for_cancel(from_parent: Connection, stop: threading.Event, ended: threading.Event) -> None:
    """Anything from the parent means stop between pages. Its end of the pipe closing before the sync ended means
    the window is gone: stop between pages, and if a page does not end within `ORPHAN_GRACE_S` (a hub that does not
    answer), end the process there. A sync left running could meet the next window's own on the same store; one
    cut short loses nothing (each page is one transaction, and a batch sent and not acknowledged is sent again)."""
    try:
        from_parent.recv()
    except (EOFError, OSError):
        stop.set()
        if not ended.wait(ORPHAN_GRACE_S):
            os._exit(ORPHAN_EXIT_CODE)
    stop.set()


def _transportable(exc: Exception) -> Exception:
    """The exception itself when it survives the pipe (its kind decides what the window does next), else its
    words in a `SyncProcessError`."""
    try:
        copy = pickle.loads(pickle.dumps(exc))
    except Exception:  # an exception that cannot be rebuilt is described instead
        return SyncProcessError(str(exc) or type(exc).__name__)
    return copy if type(copy) is type(exc) and str(copy) == str(exc) else SyncProcessError(str(exc))


def _niceness() -> int:
    return os.getpriority(os.PRIO_PROCESS, 0) if sys.platform.startswith("linux") else 0


"""The window's sync in a process of its own, against a real hub on 127.0.0.1: what it brings is in the caller's
store and announced on the caller's bus, its progress and its log come back, and however it ends — the hub's
refusal, a cancel, the process dying — the caller is told in words and of the same kind as in-process."""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from dzdesk.store.events import ChangeBus, Changes, Source
from dzdesk.sync.child_process import ORPHAN_GRACE_S, SyncProcessError, SyncRequest, sync_in_child
from dzdesk.sync.client import HubAuthError, HubThrottledError, HubUnreachableError
from dzdesk.sync.probe_results import default_vantage
from dzdesk.sync.summary import SyncCancelledError
from tests.support.hub import free_port
from tests.sync.helpers import SyncClient, add_fault, outbox, payloads

ON_SQLITE = pytest.mark.parametrize("hub", ["sqlite"], indirect=True)  # the hub's side is tested elsewhere


def request_for(client: SyncClient, **changes: Any) -> SyncRequest:
    fields = {"data_dir": client.store.data_dir, "author": client.name, "url": client.hub_url,
              "token": client.token, "ca_bundle": "", "vantage": default_vantage(client.name),
              "log_level": logging.DEBUG, **changes}
    return SyncRequest(**fields)


def pending(client: SyncClient) -> int:
    return len(outbox(client.store))


def fault_titles(client: SyncClient) -> set[str]:
    return {payload["title"] for payload in payloads(client.store, "incidents").values()}


@ON_SQLITE
def test_what_the_child_pulls_is_in_the_callers_store_and_announced_on_its_bus(a, b, caplog):
    add_fault(b.store, "审批系统打不开")
    b.sync()
    mine = add_fault(a.store, "信用报告导出失败")
    queued = pending(a)
    heard: list[Changes] = []
    bus = ChangeBus()
    bus.subscribe(heard.append)
    steps: list[tuple[str, int, int]] = []
    caplog.set_level(logging.DEBUG)

    summary = sync_in_child(request_for(a), bus, lambda *step: steps.append(step))

    assert summary.pushed == queued and summary.pulled >= 1
    assert pending(a) == 0
    assert "审批系统打不开" in fault_titles(a)
    pulled = [changes for changes in heard if Source.PULL in changes.sources]
    assert pulled and any("incidents" in changes.entities for changes in pulled)
    assert any(mine in changes.ids for changes in heard)  # the push's own commits are announced too
    assert {phase for phase, _done, _total in steps} >= {"push", "pull"}
    from_child = [record for record in caplog.records if record.name == "dzdesk.sync.child_process"]
    assert from_child and all(record.process != os.getpid() for record in from_child)


@ON_SQLITE
@pytest.mark.skipif(not hasattr(os, "getpriority"), reason="a thread's niceness is Linux's")
def test_the_child_runs_at_the_priority_of_the_thread_that_starts_it(a, caplog):
    caplog.set_level(logging.DEBUG)
    niceness: list[int] = []

    def lowered() -> None:
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, min(19, os.getpriority(os.PRIO_PROCESS, me) + 5))
        niceness.append(os.getpriority(os.PRIO_PROCESS, me))
        sync_in_child(request_for(a), ChangeBus())

    thread = threading.Thread(target=lowered)
    thread.start()
    thread.join(120)
    said = [record.getMessage() for record in caplog.records if "niceness" in record.getMessage()]
    assert said == [f"the sync runs in process {said[0].split()[5]} at niceness {niceness[0]}"]
    assert niceness[0] > os.getpriority(os.PRIO_PROCESS, 0)  # this test's own thread is left as it was


@ON_SQLITE
def test_the_hubs_refusal_comes_back_as_the_same_kind_of_error(a):
    add_fault(a.store, "信用报告导出失败")
    queued = pending(a)
    with pytest.raises(HubAuthError):
        sync_in_child(request_for(a, token="dzh_not-a-token"), ChangeBus())
    with pytest.raises(HubUnreachableError):
        sync_in_child(request_for(a, url=f"http://127.0.0.1:{free_port()}"), ChangeBus())
    assert pending(a) == queued  # nothing was sent, nothing was lost


def test_a_throttled_answer_survives_the_pipe_whole():
    copy = pickle.loads(pickle.dumps(HubThrottledError("too many refused tokens", 120)))
    assert (type(copy), str(copy), copy.retry_after, copy.status) == (HubThrottledError,
                                                                      "too many refused tokens", 120, 429)


@ON_SQLITE
def test_a_cancelled_sync_stops_and_says_so(a):
    add_fault(a.store, "信用报告导出失败")
    queued = pending(a)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(SyncCancelledError):
        sync_in_child(request_for(a), ChangeBus(), cancel=cancel)
    assert pending(a) == queued


@ON_SQLITE
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="killing a process outright is POSIX's")
def test_a_child_that_dies_is_reported_in_words_and_the_next_sync_goes_on(a, b):
    add_fault(b.store, "审批系统打不开")
    b.sync()
    killed: list[int] = []

    def kill_the_child() -> None:
        """The silent hub never answers, so the child is still there, waiting, when it is killed."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for child in multiprocessing.active_children():
                if child.name == "dzdesk-sync":
                    time.sleep(0.5)
                    os.kill(child.pid, signal.SIGKILL)
                    killed.append(child.pid)
            time.sleep(0.02)

    with socket.socket() as silent:  # takes connections and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        killer = threading.Thread(target=kill_the_child)
        killer.start()
        with pytest.raises(SyncProcessError, match=r"stopped unexpectedly \(its process ended with code -9\)"):
            sync_in_child(request_for(a, url=f"http://127.0.0.1:{silent.getsockname()[1]}"), ChangeBus())
        killer.join()
    assert killed
    a.sync()  # the store is whole: the next sync takes the team's records as usual
    assert "审批系统打不开" in fault_titles(a)


ORPHAN_WINDOW = """
import sys, threading, time, multiprocessing
from pathlib import Path
from dzdesk.config import DataDir
from dzdesk.store.events import ChangeBus
from dzdesk.sync.child_process import SyncRequest, sync_in_child
from dzdesk.sync.probe_results import default_vantage

def tell_the_childs_pid():
    while True:
        for child in multiprocessing.active_children():
            print(child.pid, flush=True)
            return
        time.sleep(0.02)

if __name__ == "__main__":
    threading.Thread(target=tell_the_childs_pid, daemon=True).start()
    sync_in_child(SyncRequest(DataDir(Path(sys.argv[1])), "张伟", sys.argv[2], "dzh_x", "",
                              default_vantage("张伟")), ChangeBus())
"""


def gone(pid: int) -> bool:
    """Exited: no such process, or one that only waits to be reaped."""
    try:
        state = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except (FileNotFoundError, ProcessLookupError):
        return True
    return "\nState:\tZ" in state


@ON_SQLITE
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the child's state from /proc")
def test_a_child_whose_window_is_gone_ends_even_while_the_hub_keeps_it_waiting(a):
    with socket.socket() as silent:  # takes connections and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        window = subprocess.Popen([sys.executable, "-c", ORPHAN_WINDOW, str(a.store.data_dir.root),
                                   f"http://127.0.0.1:{silent.getsockname()[1]}"], stdout=subprocess.PIPE, text=True)
        try:
            child = int(window.stdout.readline())
            time.sleep(1.0)  # started, and waiting for the hub
            assert not gone(child)
            window.kill()  # the window dies without a word
            window.wait(10)
            deadline = time.monotonic() + ORPHAN_GRACE_S + 15
            while not gone(child) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert gone(child)
        finally:
            window.kill()
            window.stdout.close()

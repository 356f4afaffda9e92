"""Starting the crash worker (tests/reliability/crash_worker.py) in processes of its own, to be killed.

By default through its fork server, so each start costs a fork instead of a second of imports; with
DZDESK_CRASH_FRESH=1 every worker is a new interpreter, start-up imports and all (slower: fewer kills fit).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest

from tests.support.cli import REPO, child_env

WORKER = Path(__file__).with_name("crash_worker.py")


class Launcher(Protocol):
    def start(self, job: dict[str, Any]) -> int:
        """Starts a worker on `job`; returns its pid."""

    def reap(self, pid: int) -> tuple[int | None, int | None]:
        """Waits for the worker to end: (the signal that ended it, or None; its exit code, or None)."""


class ForkServer:
    """One pre-imported process that forks a child per job; the child is the one killed."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(WORKER), "serve"], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, cwd=REPO, env=child_env(), text=True, bufsize=1)

    def _ask(self, request: dict[str, Any], answer: str) -> list[str]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        words = self.process.stdout.readline().split()
        if not words or words[0] != answer:
            raise RuntimeError(f"the fork server answered {words!r} (exit code {self.process.poll()})")
        return words

    def start(self, job: dict[str, Any]) -> int:
        return int(self._ask({"cmd": "run", "job": job}, "started")[1])

    def reap(self, pid: int) -> tuple[int | None, int | None]:
        status = int(self._ask({"cmd": "reap", "pid": pid}, "ended")[2])
        if os.WIFSIGNALED(status):
            return os.WTERMSIG(status), None
        return None, os.WEXITSTATUS(status)

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class FreshProcesses:
    """A new interpreter per job: start-up (imports included) is part of what a kill can interrupt."""

    def __init__(self) -> None:
        self.running: dict[int, subprocess.Popen[bytes]] = {}

    def start(self, job: dict[str, Any]) -> int:
        with Path(job["events"]).open("wb") as events, Path(job["errors"]).open("wb") as errors:
            process = subprocess.Popen([sys.executable, str(WORKER), "run", json.dumps(job)], stdin=subprocess.DEVNULL,
                                       stdout=events, stderr=errors, cwd=REPO, env=child_env())
        self.running[process.pid] = process
        return process.pid

    def reap(self, pid: int) -> tuple[int | None, int | None]:
        code = self.running.pop(pid).wait(60)
        return (-code, None) if code < 0 else (None, code)

    def close(self) -> None:
        for process in self.running.values():
            process.send_signal(signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def launcher() -> Iterator[Launcher]:
    started: ForkServer | FreshProcesses = FreshProcesses() if os.environ.get("DZDESK_CRASH_FRESH") == "1" \
        else ForkServer()
    yield started
    started.close()

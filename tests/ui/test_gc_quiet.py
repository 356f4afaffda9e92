"""Heavy background work runs without full collections, and the thresholds come back however the work ends."""

from __future__ import annotations

import gc
import threading

import pytest

from dzdesk.ui.gc_quiet import NEVER, no_full_collections
from dzdesk.ui.operations import run_in_background, wait_for_work_that_must_finish, wait_for_workers


@pytest.fixture(autouse=True)
def no_work_left_from_earlier_tests() -> None:
    """The thresholds are the process's: a sync or a sweep an earlier test left running (each on a thread of its
    own) holds them as these tests begin, and gives them back in the middle of one."""
    assert wait_for_workers(60_000), "earlier work still runs on the pool"
    assert wait_for_work_that_must_finish(60), "an earlier sync or sweep still runs on its thread"
    assert gc.get_threshold()[2] != NEVER


def test_nested_and_concurrent_uses_restore_the_thresholds_once_all_end() -> None:
    before = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with no_full_collections():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with no_full_collections():
        assert gc.get_threshold()[2] == NEVER
        with no_full_collections():
            assert gc.get_threshold()[:2] == before[:2]
    assert gc.get_threshold()[2] == NEVER  # the other thread's work still runs
    release.set()
    thread.join(5)
    assert gc.get_threshold() == before


def test_a_failure_restores_them() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), no_full_collections():
        raise RuntimeError("the work failed")
    assert gc.get_threshold() == before


def test_heavy_background_work_runs_without_full_collections(qtbot) -> None:
    seen: list[int] = []
    with qtbot.waitCallback() as done:
        run_in_background(lambda: gc.get_threshold()[2], lambda value: (seen.append(value), done()),
                          lambda exc: pytest.fail(str(exc)), heavy=True)
    assert seen == [NEVER]
    light: list[int] = []
    with qtbot.waitCallback() as done:
        run_in_background(lambda: gc.get_threshold()[2], lambda value: (light.append(value), done()),
                          lambda exc: pytest.fail(str(exc)))
    assert light != [NEVER]

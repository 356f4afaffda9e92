"""A sweep: every target probed concurrently, at most `concurrency` at a time, each under its own timeout.
Name lookups run in a pool as wide as the sweep; the default pool of a few threads would queue them.

So sixty targets take about as long as the slowest, not the sum. A sweep runs on its own event loop in the calling
thread (the GUI calls it from a worker thread) and can be cancelled from any thread; what finished is kept.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from dzdesk.domain.probe_outcome import ProbeOutcome
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.probes.checks import probe
from dzdesk.probes.options import ProbeOptions

ResultCallback = Callable[[ProbeOutcome, int, int], None]  # outcome, done so far, total
_CANCEL_POLL_S = 0.05


def run_sweep(targets: Sequence[ProbeTarget], options: ProbeOptions, on_result: ResultCallback | None = None,
              cancel: threading.Event | None = None) -> list[ProbeOutcome]:
    """Outcomes in the order of `targets`; after a cancel, only those that had finished."""
    if not targets:
        return []
    options.verifying_context  # noqa: B018 - fail on a bad CA bundle before starting anything
    # Not asyncio.run: it waits for every lookup thread, and a resolver that hangs would hold the sweep past
    # its targets' timeouts. Closing the loop abandons such threads instead.
    loop = asyncio.new_event_loop()
    executor = ThreadPoolExecutor(max_workers=min(64, max(8, len(targets))), thread_name_prefix="dzdesk-lookup")
    loop.set_default_executor(executor)
    try:
        return loop.run_until_complete(_sweep(list(targets), options, on_result, cancel or threading.Event()))
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        executor.shutdown(wait=False, cancel_futures=True)
        loop.close()


async def _sweep(targets: list[ProbeTarget], options: ProbeOptions, on_result: ResultCallback | None,
                 cancel: threading.Event) -> list[ProbeOutcome]:
    limit = asyncio.Semaphore(max(1, options.concurrency))
    results: dict[int, ProbeOutcome] = {}

    async def one(index: int, target: ProbeTarget) -> None:
        async with limit:
            outcome = await probe(target, options)
        results[index] = outcome
        if on_result is not None:
            on_result(outcome, len(results), len(targets))

    tasks = [asyncio.create_task(one(i, t)) for i, t in enumerate(targets)]
    everything = asyncio.gather(*tasks)
    while not everything.done():
        if cancel.is_set():
            everything.cancel()
            break
        await asyncio.wait({everything}, timeout=_CANCEL_POLL_S)
    try:
        await everything
    except asyncio.CancelledError:
        if not cancel.is_set():
            raise
    return [results[i] for i in sorted(results)]

"""Many changes: pushed in batches of 500, pulled by a new laptop in pages of 500, without holding them all at once.

The ten-thousand-record run measures the client (its batches, pages and memory), so it runs against the SQLite hub
only: on this engine it takes well over a minute, and the hub's database does not change what the client holds. The
batch and page limits themselves are checked on both hub databases with a smaller count.
"""

import threading
import time
import tracemalloc

import pytest
from sqlalchemy import func, select

from dzdesk.config import DataDir
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.sync.engine import SyncCancelledError
from dzdesk.sync.protocol import MAX_BATCH
from dzdesk.sync.pull import PAGE_SIZE
from dzdesk.sync.records import to_payload
from tests.support.hub import running_hub
from tests.sync.helpers import (
    SyncClient,
    Wrapped,
    count,
    cursor,
    hub_count,
    hub_counter,
    is_changes,
    is_push,
    outbox,
    parked,
    payloads,
)

RECORDS = 10_000
PAGE = PAGE_SIZE  # changes per pulled page


def add_targets(client, total):
    """`total` probe targets made on the laptop, each queued for sync like one made in the targets screen.

    What `save_target` does, without its look-ups against every target already there (quadratic at this size)."""
    with client.store.transaction() as session:
        for n in range(total):
            record = ProbeTargetRecord(position=n)
            record.apply(ProbeTarget(name=f"区县节点-{n:05d}", platform="approval",
                                     url=f"https://tzxm.example.cn/node/{n}/", notes="巡检" * (n % 7)))
            session.add(record)
    assert len(outbox(client.store)) == total


class Counting(Wrapped):
    """Forwards everything; counts pushes and the `limit` of every page asked for."""

    def __init__(self):
        super().__init__(self._count)
        self.pushes = 0
        self.pages = []

    def _count(self, request, forward):
        self.pushes += is_push(request)
        if is_changes(request):
            self.pages.append(int(request.url.params["limit"]))
        return forward(request)


@pytest.mark.parametrize("total", [MAX_BATCH + 1])
def test_pushes_split_at_500_and_pulls_at_the_page_size(total, make_client, hub):
    a, c = make_client("张伟"), make_client("王芳")
    add_targets(a, total)
    pushing = Counting()

    summary = a.sync(pushing)

    assert summary.pushed == total and pushing.pushes == 2
    assert hub_count(hub, "probe_targets") == total
    pulling = Counting()
    pulled = c.sync(pulling)
    assert pulling.pushes == 0
    pages = -(-total // PAGE)
    assert pulling.pages == [PAGE] * pages
    assert pulled.pulled == total and pulled.requests == pages
    assert payloads(c.store, "probe_targets") == payloads(a.store, "probe_targets")
    assert cursor(c.store) == str(hub_counter(hub))


@pytest.fixture
def sqlite_hub(tmp_path):
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as running:
        yield running


@pytest.fixture
def laptop(sqlite_hub, tmp_path):
    opened = []

    def make(name):
        data_dir = DataDir(tmp_path / name).ensure()
        opened.append(open_store(data_dir, author=name))
        return SyncClient(name, opened[-1], BlobStore(data_dir.blobs), sqlite_hub.add_user(name), sqlite_hub.url)

    yield make
    for store in opened:
        store.close()


def memory_of_holding_everything(store):
    """What holding every record of the store at once takes: its objects and their payloads."""
    with store.session() as session:
        tracemalloc.start()
        try:
            records = session.scalars(select(ProbeTargetRecord)).all()
            held = [to_payload(r) for r in records]
            size, _peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert len(held) == RECORDS
    return size


def test_ten_thousand_changes_reach_a_new_laptop_in_bounded_memory(laptop, sqlite_hub):
    a = laptop("张伟")
    add_targets(a, RECORDS)
    pushing = Counting()
    pushed = threading.Event()  # stops 张伟's sync once pushed: pulling back his own records is not the point here

    with pytest.raises(SyncCancelledError):
        a.sync(pushing, progress=lambda phase, done, total: pushed.set() if phase == "push" and done == total
               else None, cancel=pushed)

    assert pushing.pushes == RECORDS // MAX_BATCH and pushing.pages == []
    assert outbox(a.store) == []
    assert hub_count(sqlite_hub, "probe_targets") == RECORDS
    assert hub_counter(sqlite_hub) == RECORDS

    c = laptop("王芳")
    pulling = Counting()
    tracemalloc.start()
    started = time.monotonic()
    try:
        pulled = c.sync(pulling)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.monotonic() - started

    assert pulling.pushes == 0
    assert pulling.pages == [PAGE] * (RECORDS // PAGE)
    assert pulled.pulled == RECORDS and pulled.parked == 0 and pulled.requests == RECORDS // PAGE
    assert count(c.store, "probe_targets") == RECORDS
    assert cursor(c.store) == str(RECORDS)
    assert outbox(c.store) == [] and parked(c.store) == 0
    with c.store.session() as session:
        names = session.scalars(select(ProbeTargetRecord.name).order_by(ProbeTargetRecord.name)).all()
        assert names == [f"区县节点-{n:05d}" for n in range(RECORDS)]
        assert session.scalar(select(func.count()).select_from(ProbeTargetRecord)
                              .where(ProbeTargetRecord.server_rev.is_(None))) == 0
    # The peak covers the hub's side too (it runs in this process): both work a page at a time.
    everything = memory_of_holding_everything(c.store)
    message = (f"peak {peak / 2**20:.1f} MiB while pulling {RECORDS} records in {elapsed:.0f} s; holding them all "
               f"takes {everything / 2**20:.1f} MiB")
    assert peak < 100 * 2**20, message
    assert peak < everything * 0.6, message

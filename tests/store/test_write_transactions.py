"""A write transaction holds the database from its first statement: what it read is still true when it writes.

Two workers of one window write at once (a pull's page and a save, a probe sweep, the deadline watch). Were a
transaction's reads taken before it held the write lock, another transaction could commit between them and the
write: its change lost under a write based on what was read before (a save between the pull's look at the pending
edits and its merge), or, inside a savepoint, the write refused at once with "database is locked".
"""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

from dzdesk.store.meta import LocalMeta, get_meta, set_meta

KEY = "test.counter"
SLOW_READ_S = 0.3


def _increment(store, pause: threading.Event | None = None, savepoint: bool = False) -> None:
    """Reads the counter, waits, writes it plus one: a read-modify-write, as a merge is."""
    with store.transaction() as session:
        if savepoint:
            nested = session.begin_nested()
        value = int(get_meta(session, KEY) or 0)
        if pause is not None:
            pause.set()
        time.sleep(SLOW_READ_S)
        set_meta(session, KEY, str(value + 1))
        session.flush()
        if savepoint:
            nested.commit()


def _concurrently(store, savepoint: bool) -> list[BaseException]:
    failures: list[BaseException] = []
    reading = threading.Event()

    def first() -> None:
        try:
            _increment(store, reading, savepoint)
        except BaseException as exc:
            failures.append(exc)

    def second() -> None:
        reading.wait(5)
        try:
            _increment(store)
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return failures


def test_two_read_modify_writes_at_once_both_count(store):
    assert _concurrently(store, savepoint=False) == []
    with store.session() as session:
        assert get_meta(session, KEY) == "2"


def test_a_write_inside_a_savepoint_after_a_read_is_not_refused(store):
    """The pull applies a page in a savepoint that reads before it writes."""
    assert _concurrently(store, savepoint=True) == []
    with store.session() as session:
        assert get_meta(session, KEY) == "2"


def test_reads_go_on_while_a_transaction_writes(store):
    """Only writers wait for each other: a reader (the dashboard's gathering) is never held."""
    with store.transaction() as session:
        set_meta(session, KEY, "7")
        session.flush()
        done = threading.Event()
        seen: list[str | None] = []

        def read() -> None:
            with store.session() as other:
                seen.append(other.scalar(select(LocalMeta.value).where(LocalMeta.key == KEY)))
            done.set()

        threading.Thread(target=read).start()
        assert done.wait(5)
        assert seen == [None]  # the committed state: the write is not visible before its commit

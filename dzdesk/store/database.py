"""Opening the local store: the engine, the migrations, and the session factory with the outbox hook."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from dzdesk.config import DataDir
from dzdesk.storage_errors import StorageError
from dzdesk.store.blobs import BlobStore
from dzdesk.store.engine import create_sqlite_engine
from dzdesk.store.events import ChangeBus, install_change_hook
from dzdesk.store.migrate import MigrationResult, current_revision, migrate_to_head
from dzdesk.store.outbox import AUTHOR, install_outbox_hook
from dzdesk.store.search import install_search_hook


class Store:
    """The one way into the database. Each user action is one `transaction()`: committed whole, or not at all."""

    def __init__(self, data_dir: DataDir, engine: Engine, author: str = "",
                 migration: MigrationResult | None = None) -> None:
        self.data_dir = data_dir
        self.engine = engine
        self.author = author
        self.migration = migration
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        install_outbox_hook(self._sessions)
        install_search_hook(self._sessions)
        self.changes = ChangeBus()  # what each committed transaction wrote (`dzdesk.store.events`)
        install_change_hook(self._sessions, self.changes)
        self.session_guard: Callable[[], None] | None = None  # called as each session opens: a debug check

    def session(self) -> Session:
        if self.session_guard is not None:
            self.session_guard()
        session = self._sessions()
        session.info[AUTHOR] = self.author
        return session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write: it holds SQLite's write lock from its first statement (`BEGIN IMMEDIATE`), so what it reads is
        still true when it writes. The driver would begin only at the first INSERT, UPDATE or DELETE: another
        worker's commit between a read and the write was lost under it, or (inside a savepoint, which begins a
        transaction without the lock) refused the write at once as "database is locked". Readers are never held."""
        session = self.session()
        try:
            with session.begin():
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        finally:
            session.close()

    def schema_revision(self) -> str | None:
        return current_revision(self.engine)

    def analyze(self) -> None:
        """Refreshes SQLite's statistics, so it picks the right index once tables have grown or changed shape."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")

    def close(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA optimize")  # SQLite's advice for every closing connection
        except (DBAPIError, StorageError):
            pass  # a read-only or full disk must not turn closing into a crash
        self.engine.dispose()


def open_store(data_dir: DataDir, author: str = "") -> Store:
    """Opens (creating if needed) the database under `data_dir`, migrated to the current schema."""
    data_dir.ensure()
    engine = create_sqlite_engine(data_dir.database)
    try:
        migration = migrate_to_head(engine, data_dir.database, data_dir.backups)
    except BaseException:
        engine.dispose()
        raise
    store = Store(data_dir, engine, author=author, migration=migration)
    if migration.from_revision != migration.to_revision:
        store.analyze()
    BlobStore(data_dir.blobs).sweep_leftovers()
    return store

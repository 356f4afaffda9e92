"""The hub's database: SQLite for a small team or a test, PostgreSQL in production; schema only through Alembic."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from dzdesk.hub.models import HubCounter
from dzdesk.paths import hub_migrations_dir

REV_KEY = "rev"
PROBE_KEY = "probe"  # the order of arrival of probe results


class HubDatabaseError(Exception):
    """The database URL cannot be used; the message says why."""


def normalise_url(url: str) -> str:
    """`postgresql://` means psycopg 3 here (SQLAlchemy would otherwise look for psycopg2)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise HubDatabaseError(f"'{url}' is not a database URL (try sqlite:///hub.sqlite3)") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise HubDatabaseError(f"the hub runs on SQLite or PostgreSQL, not {parsed.get_backend_name()}")
    return parsed.render_as_string(hide_password=False)


def create_hub_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_connect)
        # SQLite's own BEGIN is deferred; a push must take the write lock first, as PostgreSQL's row lock does.
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun explicitly, by the "begin" listener
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA busy_timeout=30000")
    finally:
        cursor.close()


def migrate(engine: Engine) -> None:
    """Brings the hub's schema to the newest revision (several processes starting at once are serialised by the
    database: Alembic's version table is written inside the migration's transaction)."""
    config = Config()
    config.set_main_option("script_location", str(hub_migrations_dir()))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    with Session(engine) as session, session.begin():
        for key in (REV_KEY, PROBE_KEY):
            if session.get(HubCounter, key) is None:
                session.add(HubCounter(key=key, value=0))


class HubDatabase:
    def __init__(self, url: str) -> None:
        self.engine = create_hub_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    def lock_revisions(self, session: Session, key: str = REV_KEY) -> HubCounter:
        """Locks a counter (the records' revisions, or `PROBE_KEY`) for the rest of the transaction (a no-op on
        SQLite, already locked)."""
        counter = session.scalar(select(HubCounter).where(HubCounter.key == key).with_for_update())
        if counter is None:
            raise HubDatabaseError("the hub database is not initialised; run `dzdesk hub serve` once to migrate it")
        return counter

    def dispose(self) -> None:
        self.engine.dispose()

"""The SQLite engine with the pragmas that make a saved record stay saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext

from dzdesk.storage_errors import StorageError

# SQLite's primary result codes for a write the disk refused, and for one another writer held up too long.
SQLITE_BUSY, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_FULL = 5, 8, 10, 14, 13
BUSY_TIMEOUT_S = 10  # how long a write waits for another one (a sync's page, an import) to commit


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "handle_error", lambda context: _explain_storage_failure(context, path))
    return engine


def _explain_storage_failure(context: ExceptionContext, path: Path) -> None:
    """A full, read-only or failing disk, or a write held up too long by another, becomes a `StorageError` in
    words; SQLite has already rolled the transaction back, so nothing of the change is in the database."""
    original = context.original_exception
    code = getattr(original, "sqlite_errorcode", None)
    if not isinstance(original, sqlite3.Error) or code is None:
        return
    primary = code & 0xFF
    if primary == SQLITE_FULL:
        message = (f"The disk holding {path.parent} is full: the change was not saved, and nothing of it was "
                   "written. Free some space, then save again.")
    elif primary in (SQLITE_READONLY, SQLITE_CANTOPEN):
        message = (f"The data directory {path.parent} cannot be written (it is read-only, or not yours): the change "
                   "was not saved. Make it writable, or start dzdesk with a data directory you can write to.")
    elif primary == SQLITE_IOERR:
        message = (f"The disk reported an error while writing {path.name} in {path.parent} ({original}): the change "
                   "was not saved. Check the disk, then save again.")
    elif primary == SQLITE_BUSY:
        message = (f"The database was busy with another change for more than {BUSY_TIMEOUT_S} s (a sync or an "
                   "import in this window, or a dzdesk command on the same data directory): the change was not "
                   "saved. Save again in a moment.")
    else:
        return
    raise StorageError(message) from original


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # WAL lets readers work while one writer commits; FULL syncs every commit, so a power cut after
        # "saved" cannot take the record back.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    finally:
        cursor.close()

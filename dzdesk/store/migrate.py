"""Brings a database to the current schema, only through Alembic, after a backup copy of the file.

A database written by a newer dzdesk is refused rather than touched: an older program cannot know what the newer
columns mean, and "upgrading" it backwards would corrupt the team's records.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, inspect
from sqlalchemy.exc import DatabaseError

from dzdesk.paths import migrations_dir

log = logging.getLogger(__name__)
KEEP_MIGRATION_BACKUPS = 10


class SchemaError(Exception):
    """The database cannot be opened at the current schema; the message says why and what to do."""


class NewerSchemaError(SchemaError):
    pass


@dataclass(frozen=True)
class MigrationResult:
    from_revision: str | None
    to_revision: str
    backup: Path | None


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise SchemaError("dzdesk has no migrations: the installation is incomplete.")
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except DatabaseError as exc:
        raise SchemaError(f"{engine.url.database} is not a dzdesk database or is damaged ({exc.orig}).") from exc


def migrate_to_head(engine: Engine, database: Path, backups_dir: Path) -> MigrationResult:
    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    head = head_revision()
    current = current_revision(engine)
    if current is not None:
        try:
            known = scripts.get_revision(current)
        except CommandError:
            known = None
        if known is None:
            raise NewerSchemaError(
                f"The database {database} was written by a newer version of dzdesk (schema {current}); "
                f"this version knows schemas up to {head}. Install the newer dzdesk to open it. "
                "Nothing was changed."
            )
    elif _has_tables(engine):
        raise SchemaError(f"{database} holds tables but is not a dzdesk database. Nothing was changed.")
    if current == head:
        return MigrationResult(current, head, None)
    backup = None
    if current is not None:
        backup = backup_database(database, backups_dir, f"pre-migration-{current}")
    log.info("migrating %s from %s to %s", database, current, head)
    with engine.connect() as connection:
        driver = connection.connection.dbapi_connection
        # Python's sqlite3 begins a transaction only before INSERT, UPDATE and DELETE: each CREATE or ALTER of a
        # migration committed on its own, and a crash half-way left tables without a revision that no later start
        # could open. With the driver's own handling off, one explicit BEGIN makes the whole migration atomic.
        driver.isolation_level = None
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            driver.isolation_level = ""  # the pooled connection goes back to the driver's usual transactions
    return MigrationResult(current, head, backup)


def backup_database(database: Path, backups_dir: Path, label: str) -> Path:
    """A consistent copy through SQLite's backup API, safe even while WAL holds uncheckpointed pages."""
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups_dir / f"{label}-{stamp}.sqlite3"
    source = sqlite3.connect(database)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    _prune(backups_dir, "pre-migration-", KEEP_MIGRATION_BACKUPS)
    log.info("backed up %s to %s", database, target)
    return target


def _prune(folder: Path, prefix: str, keep: int) -> None:
    copies = sorted(folder.glob(f"{prefix}*.sqlite3"), key=lambda p: p.stat().st_mtime)
    for old in copies[:-keep]:
        old.unlink(missing_ok=True)


def _has_tables(engine: Engine) -> bool:
    try:
        return bool(inspect(engine).get_table_names())
    except DatabaseError as exc:
        raise SchemaError(f"{engine.url.database} is not a dzdesk database or is damaged ({exc.orig}).") from exc

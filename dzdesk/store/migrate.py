"""Brings a database to the current schema, only through Alembic, after a backup copy of the file.

A database written by a newer dzdesk is refused rather than touched: an older program cannot know what the newer
columns mean, and "upgrading" it backwards would corrupt the team's records.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DatabaseError, OperationalError

from dzdesk.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported only when a migration has to run (or a command asks about revisions): a database already at
# the head, as at almost every start, is recognised from `alembic_version` and the revision files alone, which
# keeps Alembic (and Mako behind it) out of the window's start-up.
_REVISION = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision(?:\s*:[^=]*)?=\s*(?:['\"]([^'\"]+)['\"]|None)", re.MULTILINE)

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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise SchemaError("dzdesk has no migrations: the installation is incomplete.")
    return head


def head_from_files() -> str | None:
    """The head revision read from the revision files without Alembic: the one revision no other revises. None
    when the files do not say it plainly (several heads, a revision written another way): ask Alembic then."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for path in migrations_dir().joinpath("versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN.search(source)
        if revision is None or down is None:
            return None
        revisions.add(revision.group(1))
        if down.group(1):
            revised.add(down.group(1))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            try:
                versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
            except OperationalError:  # no such table: a new database, or not one of ours (the caller tells)
                connection.rollback()
                return None
            return versions[0] if len(versions) == 1 else None
    except DatabaseError as exc:
        raise SchemaError(f"{engine.url.database} is not a dzdesk database or is damaged ({exc.orig}).") from exc


def migrate_to_head(engine: Engine, database: Path, backups_dir: Path) -> MigrationResult:
    current = current_revision(engine)
    if current is not None and current == head_from_files():
        return MigrationResult(current, current, None)
    from alembic import command
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    config = alembic_config()
    scripts = ScriptDirectory.from_config(config)
    head = head_revision()
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

"""A new local database made by copying one the run migrated already, instead of running every migration again.

Opening a store in a new data directory runs all the Alembic migrations, a few tenths of a second each time, and
most tests open one or more. The run migrates one empty database once, with the real `open_store`, and from then on
a store opened where no database exists yet starts from a copy of it; the migrations then find it at head, as they
would find any database made by this version. An empty migrated database holds nothing random (no ids, no dates),
so every copy is the database a fresh migration would have made. Tests of the migrations themselves are marked
`real_migrations` and migrate from nothing.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine

from dzdesk.config import DataDir
from dzdesk.store import database
from dzdesk.store.migrate import MigrationResult


def make_template(folder: Path) -> Path:
    """An empty database as a fresh `open_store` leaves it, with its write-ahead log folded in."""
    data_dir = DataDir(folder).ensure()
    database.open_store(data_dir).close()
    assert not Path(f"{data_dir.database}-wal").exists() or Path(f"{data_dir.database}-wal").stat().st_size == 0
    return data_dir.database


def migrating_from(template: Path) -> Callable[[Engine, Path, Path], MigrationResult]:
    """`migrate_to_head` that first puts a copy of `template` where no database is yet."""
    migrate = database.migrate_to_head

    def migrate_to_head(engine: Engine, path: Path, backups_dir: Path) -> MigrationResult:
        if not path.exists():
            shutil.copyfile(template, path)
        return migrate(engine, path, backups_dir)

    return migrate_to_head

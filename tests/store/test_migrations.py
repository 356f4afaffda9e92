import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from dzdesk.store import NewerSchemaError, SchemaError, open_store
from dzdesk.store.migrate import backup_database, head_revision
from dzdesk.store.models import Base

pytestmark = pytest.mark.real_migrations


def include_object(obj, name, type_, reflected, compare_to):
    """The same rule as migrations/env.py: the hand-made full-text tables are not the models' business."""
    return not (type_ == "table" and name and name.startswith("search_index"))


def test_empty_database_is_migrated_to_head(data_dir):
    store = open_store(data_dir)
    try:
        assert store.schema_revision() == head_revision()
        assert store.migration.from_revision is None
        assert store.migration.backup is None
    finally:
        store.close()
    assert data_dir.database.exists()


def test_head_is_what_the_models_describe(store):
    with store.engine.connect() as connection:
        opts = {"compare_type": True, "include_object": include_object}
        diff = compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata)
    assert diff == []


def test_store_runs_in_wal_mode_with_full_sync(store):
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_reopening_at_head_changes_nothing(data_dir):
    open_store(data_dir).close()
    again = open_store(data_dir)
    try:
        assert again.migration.from_revision == again.migration.to_revision == head_revision()
        assert again.migration.backup is None
    finally:
        again.close()


def test_database_from_a_newer_version_is_refused_untouched(data_dir):
    open_store(data_dir).close()
    with sqlite3.connect(data_dir.database) as db:
        db.execute("UPDATE alembic_version SET version_num = '9999_future'")
    before = data_dir.database.read_bytes()
    with pytest.raises(NewerSchemaError, match=r"newer version of dzdesk.*9999_future.*Nothing was changed"):
        open_store(data_dir)
    assert data_dir.database.read_bytes() == before
    assert list(data_dir.backups.iterdir()) == []


def test_a_file_that_is_not_a_database_is_refused(data_dir):
    data_dir.database.write_bytes(b"this is a spreadsheet, not a database" * 100)
    with pytest.raises(SchemaError, match="not a dzdesk database"):
        open_store(data_dir)


def test_a_foreign_sqlite_database_is_refused(data_dir):
    with sqlite3.connect(data_dir.database) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
    with pytest.raises(SchemaError, match="not a dzdesk database"):
        open_store(data_dir)


def test_backup_is_a_consistent_copy(store, data_dir):
    with store.transaction() as session:
        session.execute(text("INSERT INTO local_meta (key, value) VALUES ('k', '达州')"))
    copy = backup_database(data_dir.database, data_dir.backups, "pre-migration-test")
    with sqlite3.connect(copy) as db:
        assert db.execute("SELECT value FROM local_meta WHERE key = 'k'").fetchone() == ("达州",)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_database_of_schema_0001_upgrades_with_a_backup_and_keeps_its_data(data_dir):
    """A real database as the first release wrote it (tests/data/schema_0001.sqlite3)."""
    import shutil
    from pathlib import Path

    shutil.copy(Path(__file__).parents[1] / "data" / "schema_0001.sqlite3", data_dir.database)
    store = open_store(data_dir)
    try:
        assert store.migration.from_revision == "0001"
        assert store.migration.to_revision == head_revision()
        backup = store.migration.backup
        assert backup is not None and backup.parent == data_dir.backups
        with sqlite3.connect(backup) as db:
            assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT value FROM local_meta WHERE key='hub_cursor'")).scalar() == "42"
            assert connection.execute(text("SELECT count(*) FROM outbox")).scalar() == 1
            assert connection.execute(text("SELECT count(*) FROM incidents")).scalar() == 0
    finally:
        store.close()


def test_the_head_read_from_the_files_is_alembics_head() -> None:
    """A database at the head is opened without Alembic, by the head read from the revision files: the two must
    agree, or a start would skip a migration."""
    from dzdesk.store.migrate import head_from_files

    assert head_from_files() == head_revision()


def test_opening_a_current_database_leaves_alembic_unimported(tmp_path) -> None:
    """Run in a fresh interpreter, since the suite itself imports Alembic."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from dzdesk.config import DataDir\n"
        "from dzdesk.store import open_store\n"
        f"data = DataDir(Path({str(tmp_path)!r})).ensure()\n"
        "open_store(data).close()\n"  # creates and migrates: Alembic runs
        "before = {name for name in sys.modules if name.startswith('alembic')}\n"
        "print('first', bool(before))\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
    again = subprocess.run([sys.executable, "-c", (
        "import sys\n"
        "from pathlib import Path\n"
        "from dzdesk.config import DataDir\n"
        "from dzdesk.store import open_store\n"
        f"store = open_store(DataDir(Path({str(tmp_path)!r})).ensure())\n"
        "print(store.migration.to_revision, sorted(n for n in sys.modules if n.startswith('alembic'))[:3])\n"
        "store.close()\n")], check=True, capture_output=True, text=True)
    revision, _space, loaded = again.stdout.strip().partition(" ")
    assert revision == head_revision()
    assert loaded == "[]"

"""A full disk, a read-only data directory and a failing write: a message in words, nothing half-written, and every
record saved before still there. The disk limits are real ones: SQLite's page limit, the process's file-size limit,
and a directory without write permission (for root, run without the capability that overrides permissions)."""

import os
import sqlite3
import stat
import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import event, func, select, text

from dzdesk.storage_errors import StorageError
from dzdesk.store import open_store
from dzdesk.store.incident_models import Incident
from dzdesk.store.outbox import pending_count
from tests.support.cli import REPO, child_env, run_dzdesk

ADD = ("incidents", "add", "--title", "网上大厅无法登录", "--severity", "MAJOR", "--platform", "approval")


def _counts(database):
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return (db.execute("SELECT count(*) FROM incidents").fetchone()[0],
                db.execute("SELECT count(*) FROM outbox").fetchone()[0])


def test_a_full_database_refuses_the_change_whole_and_keeps_the_rest(data_dir):
    store = open_store(data_dir)
    assert run_dzdesk(*ADD, "--data-dir", str(data_dir.root)).returncode == 0
    with store.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    event.listen(store.engine, "connect", lambda conn, _record: conn.execute(f"PRAGMA max_page_count={pages}"))
    store.engine.dispose()
    before = _counts(data_dir.database)
    with pytest.raises(StorageError, match=r"is full: the change was not saved, and nothing of it was written"), \
            store.transaction() as session:
        session.execute(text("CREATE TABLE filler(x)"))
        for _ in range(500):
            session.execute(text("INSERT INTO filler VALUES (:x)"), {"x": "满" * 1000})
    store.close()
    assert _counts(data_dir.database) == before
    with sqlite3.connect(data_dir.database) as db:
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'filler'").fetchone() == (0,)


def test_a_read_only_database_refuses_a_save_in_words(data_dir):
    store = open_store(data_dir)
    assert run_dzdesk(*ADD, "--data-dir", str(data_dir.root)).returncode == 0
    before = _counts(data_dir.database)
    event.listen(store.engine, "connect", lambda conn, _record: conn.execute("PRAGMA query_only=ON"))
    store.engine.dispose()
    with pytest.raises(StorageError, match=r"cannot be written .* the change was not saved"), \
            store.transaction() as session:
        session.execute(text("UPDATE incidents SET title = '改'"))
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(Incident)) == 1
        assert session.scalar(select(Incident.title)) == "网上大厅无法登录"
        assert pending_count(session) == before[1]
    store.close()
    assert _counts(data_dir.database) == before


def test_a_disk_that_fills_up_under_the_command_line_changes_nothing(data_dir):
    """The process may write no more than a little: SQLite's write fails as on a full disk."""
    assert run_dzdesk(*ADD, "--data-dir", str(data_dir.root)).returncode == 0
    before = _counts(data_dir.database)
    wal = data_dir.database.with_name(data_dir.database.name + "-wal")
    limit = max(p.stat().st_size for p in (data_dir.database, wal, data_dir.logs / "dzdesk.log") if p.exists())
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing us
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        from dzdesk.cli import main
        sys.exit(main({[*ADD, "--data-dir", str(data_dir.root)]!r} + ["--description", "长" * 200_000]))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=child_env(),
                            cwd=REPO, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert "the change was not saved" in result.stderr and "Traceback" not in result.stderr
    assert _counts(data_dir.database) == before


def _without_override() -> list[str]:
    """Root ignores permissions unless the capability that lets it is dropped for the child."""
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []


def _read_only(root):
    for path in [root, *root.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def _writable(root):
    for path in [root, *root.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_a_read_only_data_directory_is_said_and_left_as_it_was(data_dir):
    assert run_dzdesk(*ADD, "--data-dir", str(data_dir.root)).returncode == 0
    before = {p: p.read_bytes() for p in data_dir.root.rglob("*") if p.is_file()}
    _read_only(data_dir.root)
    try:
        for args in (ADD, ("gui", "--quit-after-ready", "0")):
            result = subprocess.run([*_without_override(), sys.executable, "-m", "dzdesk", *args, "--data-dir",
                                     str(data_dir.root)], capture_output=True, text=True, env=child_env(),
                                    cwd=REPO, timeout=120, check=False)
            assert result.returncode == 1, result.stderr
            assert "is read-only (or not yours)" in result.stderr and "Traceback" not in result.stderr
    finally:
        _writable(data_dir.root)
    assert {p: p.read_bytes() for p in data_dir.root.rglob("*") if p.is_file()} == before
    assert _counts(data_dir.database)[0] == 1


def test_a_save_held_up_by_another_write_is_refused_in_words_and_the_other_is_kept(data_dir):
    """A dzdesk command (or the sync's page) holds the write lock longer than a save waits."""
    store = open_store(data_dir)
    event.listen(store.engine, "connect", lambda conn, _record: conn.execute("PRAGMA busy_timeout=200"))
    store.engine.dispose()
    other = sqlite3.connect(data_dir.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE local_meta SET value = value")
    with pytest.raises(StorageError, match=r"busy with another change for more than 10 s .* was not saved"), \
            store.transaction() as session:
        session.execute(text("UPDATE incidents SET title = '改'"))
    other.execute("COMMIT")
    other.close()
    with store.transaction() as session:  # the other change done, the same save goes through
        session.execute(text("UPDATE incidents SET title = '改'"))
    store.close()

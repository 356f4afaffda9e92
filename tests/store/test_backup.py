"""Backups: back up, wipe the data directory, restore, and every record and blob is back; a bad backup changes
nothing."""

import json
import shutil
import sqlite3
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from dzdesk.config import DataDir, Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.severity import Severity
from dzdesk.domain.visit import ServiceCategory
from dzdesk.instance_lock import InstanceLock
from dzdesk.store import open_store
from dzdesk.store.backup import (
    BackupError,
    auto_backup,
    create_backup,
    restore_backup,
    run_pending_restore,
    schedule_restore,
    verify_backup,
)
from dzdesk.store.blobs import BlobStore
from dzdesk.store.incident_models import Incident
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.visit_models import VisitAttachment
from dzdesk.store.visit_repo import VisitDraft, add_attachment, save_visit
from tests.support.cli import run_dzdesk_process

NOW = datetime(2026, 5, 6, 3, tzinfo=UTC)


def fill(store, data_dir, incidents=20):
    blobs = BlobStore(data_dir.blobs)
    with store.transaction() as session:
        for n in range(incidents):
            add_incident(session, IncidentDraft(platform="approval", severity=Severity.MINOR, title=f"故障 {n} <&>",
                                                reported_at=NOW - timedelta(hours=n)),
                         load_catalogue(), Settings().calendar(), NOW)
        visit = save_visit(session, VisitDraft(office="达川区住建局", platforms=("approval",),
                                               categories=(ServiceCategory.FUNCTION,), engineers="李明",
                                               arrived_at=NOW - timedelta(hours=3), work_done="巡检"), NOW)
        for n in range(3):
            photo = data_dir.root / f"photo{n}.jpg"
            photo.write_bytes(f"照片 {n} {incidents}".encode() * 1000)
            add_attachment(session, visit, blobs, photo)


def snapshot(data_dir):
    store = open_store(data_dir)
    try:
        with store.session() as session:
            titles = sorted(session.scalars(select(Incident.title)))
            shas = sorted(session.scalars(select(VisitAttachment.sha256)))
    finally:
        store.close()
    blobs = BlobStore(data_dir.blobs)
    return titles, shas, [blobs.read(s) for s in shas]


def test_backup_wipe_restore_gives_back_every_record_and_blob(store, data_dir, tmp_path):
    fill(store, data_dir)
    store.close()
    before = snapshot(data_dir)
    manifest = create_backup(data_dir, tmp_path / "b.zip")
    assert manifest.records == 21 and len(manifest.blobs) == 3
    shutil.rmtree(data_dir.root)
    DataDir(data_dir.root).ensure()
    kept = restore_backup(data_dir, tmp_path / "b.zip")
    assert kept.is_dir()
    assert snapshot(data_dir) == before


def test_a_restore_keeps_the_data_it_replaces(store, data_dir, tmp_path):
    fill(store, data_dir, incidents=2)
    store.close()
    create_backup(data_dir, tmp_path / "two.zip")
    store = open_store(data_dir)
    fill(store, data_dir, incidents=5)
    store.close()
    kept = restore_backup(data_dir, tmp_path / "two.zip")
    assert len(snapshot(data_dir)[0]) == 2
    connection = sqlite3.connect(kept / "dzdesk.sqlite3")
    assert connection.execute("select count(*) from incidents").fetchone()[0] == 7
    connection.close()


def _rewrite(source, target, change):
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info))
            if data is not None:
                new.writestr(info, data)


@pytest.mark.parametrize("damage, message", [
    (lambda name, data: data[:-5] + b"xxxxx" if name.startswith("blobs/") else data, "damaged"),
    (lambda name, data: None if name.startswith("blobs/") else data, "missing"),
    (lambda name, data: None if name == "dzdesk-backup.json" else data, "not a dzdesk backup"),
    (lambda name, data: json.dumps({**json.loads(data), "schema": "9999"}).encode()
     if name == "dzdesk-backup.json" else data, "newer dzdesk"),
    (lambda name, data: b"not sqlite at all" * 100 if name == "dzdesk.sqlite3" else data, "cannot be read"),
])
def test_a_bad_backup_is_refused_and_changes_nothing(store, data_dir, tmp_path, damage, message):
    fill(store, data_dir, incidents=3)
    store.close()
    create_backup(data_dir, tmp_path / "good.zip")
    _rewrite(tmp_path / "good.zip", tmp_path / "bad.zip", damage)
    before = snapshot(data_dir)
    with pytest.raises(BackupError, match=message):
        restore_backup(data_dir, tmp_path / "bad.zip")
    assert snapshot(data_dir) == before
    assert not (data_dir.root / ".restore-staging").exists()


def test_garbage_is_not_a_backup(tmp_path, data_dir):
    (tmp_path / "x.zip").write_bytes(b"PK garbage")
    with pytest.raises(BackupError, match="cannot be opened"):
        verify_backup(tmp_path / "x.zip")


def test_daily_backups_rotate(store, data_dir):
    fill(store, data_dir, incidents=1)
    made = []
    for day in range(5):
        made.append(auto_backup(data_dir, keep=3, now=NOW + timedelta(days=day)))
    assert all(made)
    assert auto_backup(data_dir, keep=3, now=NOW + timedelta(days=4, hours=1)) is None  # not twice a day
    assert len(sorted(data_dir.backups.glob("auto-*.zip"))) == 3


def test_a_scheduled_restore_runs_at_the_next_start(store, data_dir, tmp_path):
    fill(store, data_dir, incidents=4)
    store.close()
    create_backup(data_dir, tmp_path / "b.zip")
    store = open_store(data_dir)
    fill(store, data_dir, incidents=2)
    store.close()
    schedule_restore(data_dir, tmp_path / "b.zip")
    assert run_pending_restore(data_dir) is not None
    assert len(snapshot(data_dir)[0]) == 4
    assert run_pending_restore(data_dir) is None


def test_commands_back_up_and_restore_but_not_under_an_open_window(data_dir, store, tmp_path):
    fill(store, data_dir, incidents=3)
    store.close()
    result = run_dzdesk_process("backup", "-o", str(tmp_path / "c.zip"), "--data-dir", str(data_dir.root))
    assert result.returncode == 0, result.stderr
    assert "3 records" in result.stdout or "4 records" in result.stdout
    lock = InstanceLock(data_dir.lock_file)
    lock.acquire()
    try:
        refused = run_dzdesk_process("restore", str(tmp_path / "c.zip"), "--data-dir", str(data_dir.root))
    finally:
        lock.release()
    assert refused.returncode == 1 and "Close it" in refused.stderr
    restored = run_dzdesk_process("restore", str(tmp_path / "c.zip"), "--data-dir", str(data_dir.root))
    assert restored.returncode == 0, restored.stderr
    store = open_store(data_dir)
    try:
        with store.session() as session:
            assert session.scalar(select(func.count()).select_from(Incident)) == 3
    finally:
        store.close()


def test_a_backup_told_to_stop_leaves_nothing_behind(tmp_path) -> None:
    """The window closes while the daily backup runs: the copy stops at its next step, no zip (whole or partial)
    is left, and the next start makes the day's backup."""
    import threading

    from dzdesk.config import DataDir
    from dzdesk.store import open_store
    from dzdesk.store.backup import BackupCancelledError, auto_backup

    data_dir = DataDir(tmp_path / "data").ensure()
    open_store(data_dir).close()
    stop = threading.Event()
    stop.set()
    with pytest.raises(BackupCancelledError):
        auto_backup(data_dir, cancel=stop)
    assert list(data_dir.backups.glob("*.zip")) == []
    assert [p.name for p in data_dir.backups.iterdir() if p.name.startswith(".")] == []
    made = auto_backup(data_dir, cancel=threading.Event())
    assert made is not None and made.exists()

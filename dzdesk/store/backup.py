"""Backups of a data directory (database and blobs) as one zip file, and restoring one safely.

A backup holds a consistent copy of the database taken with SQLite's backup API, every blob, and a manifest
(schema revision, counts, each blob's sha256). A restore checks all of it before touching anything: a damaged
file, a foreign zip or a backup from a newer dzdesk is refused with a message, and the current data is moved
aside (not deleted) only once the restored copy is complete and verified.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dzdesk import __version__
from dzdesk.config import DataDir
from dzdesk.store.migrate import alembic_config

log = logging.getLogger(__name__)
MANIFEST = "dzdesk-backup.json"
DATABASE = "dzdesk.sqlite3"
FORMAT = 1
AUTO_PREFIX = "auto-"


class BackupError(Exception):
    """The backup cannot be made or used; the message says why, and nothing was changed."""


class BackupCancelledError(BackupError):
    """The backup was stopped before it was whole (the window closed); nothing was written."""


@dataclass(frozen=True)
class Manifest:
    created_at: str
    app_version: str
    schema: str | None
    records: int
    blobs: dict[str, int]  # sha256 → size


COPY_PAGES = 1024  # pages copied between two looks at `cancel`


def _database_copy(database: Path, target: Path, cancel: threading.Event | None = None) -> None:
    def progress(_status: int, _remaining: int, _total: int) -> None:
        if cancel is not None and cancel.is_set():
            raise BackupCancelledError("the backup was stopped before it was whole; nothing was written")

    source = sqlite3.connect(database)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy, pages=COPY_PAGES if cancel is not None else -1,
                          progress=progress if cancel is not None else None)
        finally:
            copy.close()
    finally:
        source.close()


def _schema_and_records(database: Path) -> tuple[str | None, int]:
    connection = sqlite3.connect(database)
    try:
        check = connection.execute("PRAGMA integrity_check").fetchone()
        if not check or check[0] != "ok":
            raise BackupError(f"the database copy is damaged ({check[0] if check else 'no answer'})")
        try:
            schema = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            raise BackupError("the file is not a dzdesk database") from None
        records = 0
        for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type='table' AND name IN "
                                           "('incidents','complaints','visits','trainings')"):
            records += connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        return (schema[0] if schema else None), records
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"the database in the backup cannot be read ({exc})") from exc
    finally:
        connection.close()


def create_backup(data_dir: DataDir, target: Path, cancel: threading.Event | None = None) -> Manifest:
    """Writes a backup of `data_dir` to `target` (whole or not at all) and returns its manifest. Setting `cancel`
    stops it between two steps with `BackupCancelledError`, leaving nothing behind."""
    target = target.expanduser().resolve()
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    if not data_dir.database.exists():
        raise BackupError(f"there is no database in {data_dir.root} to back up")
    with tempfile.TemporaryDirectory(prefix="dzdesk-backup-") as work:
        copy = Path(work) / DATABASE
        _database_copy(data_dir.database, copy, cancel)
        schema, records = _schema_and_records(copy)
        blobs = {p.name: p.stat().st_size for p in sorted(data_dir.blobs.rglob("*"))
                 if p.is_file() and len(p.name) == 64}
        manifest = Manifest(datetime.now(UTC).isoformat(), __version__, schema, records, blobs)
        fd, partial_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".zip", dir=target.parent)
        os.close(fd)
        partial = Path(partial_name)
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
                archive.writestr(MANIFEST, json.dumps(manifest.__dict__, ensure_ascii=False, indent=2))
                archive.write(copy, DATABASE)
                for path in sorted(data_dir.blobs.rglob("*")):
                    if cancel is not None and cancel.is_set():
                        raise BackupCancelledError("the backup was stopped before it was whole; nothing was written")
                    if path.is_file() and path.name in blobs:
                        archive.write(path, f"blobs/{path.relative_to(data_dir.blobs).as_posix()}",
                                      compress_type=zipfile.ZIP_STORED)
            with partial.open("rb") as handle:
                os.fsync(handle.fileno())
            partial.replace(target)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise BackupError(f"cannot write {target}: {exc.strerror or exc}") from exc
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    log.info("backup of %s written to %s (%d records, %d blobs)", data_dir.root, target, records, len(blobs))
    return manifest


def _read_manifest(archive: zipfile.ZipFile, name: str) -> Manifest:
    try:
        raw = json.loads(archive.read(MANIFEST))
        return Manifest(str(raw["created_at"]), str(raw["app_version"]), raw.get("schema"), int(raw["records"]),
                        {str(k): int(v) for k, v in dict(raw["blobs"]).items()})
    except KeyError:
        raise BackupError(f"{name} is not a dzdesk backup (no manifest)") from None
    except (ValueError, TypeError, AttributeError) as exc:
        raise BackupError(f"{name}: the manifest is damaged ({exc})") from exc


def _check_schema(schema: str | None, name: str) -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    known = {revision.revision for revision in scripts.walk_revisions()}
    if schema is not None and schema not in known:
        raise BackupError(f"{name} was made by a newer dzdesk (schema {schema}); install that version to restore it")


def verify_backup(path: Path, staging: Path | None = None) -> Manifest:
    """Checks a backup whole (zip, manifest, schema, database integrity, every blob's sha256); with `staging`,
    leaves its verified contents there."""
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"{name} cannot be opened as a backup ({exc})") from exc
    with archive, tempfile.TemporaryDirectory(prefix="dzdesk-verify-") as work:
        manifest = _read_manifest(archive, name)
        _check_schema(manifest.schema, name)
        root = staging or Path(work)
        root.mkdir(parents=True, exist_ok=True)
        try:
            archive.extract(DATABASE, root)
        except KeyError:
            raise BackupError(f"{name} holds no database") from None
        except (zipfile.BadZipFile, OSError, zlib.error) as exc:
            raise BackupError(f"{name} is damaged ({exc})") from exc
        schema, _records = _schema_and_records(root / DATABASE)
        if schema != manifest.schema:
            raise BackupError(f"{name}: the database does not match its manifest")
        entries = {info.filename.rsplit("/", 1)[-1]: info for info in archive.infolist()
                   if info.filename.startswith("blobs/") and not info.is_dir()}
        for sha256, size in manifest.blobs.items():
            info = entries.get(sha256)
            if info is None:
                raise BackupError(f"{name}: the file {sha256[:12]}… listed in the manifest is missing")
            digest = hashlib.sha256()
            try:
                with archive.open(info) as source:
                    target = root / "blobs" / info.filename[len("blobs/"):] if staging else None
                    if target is not None:
                        target.parent.mkdir(parents=True, exist_ok=True)
                    with (target.open("wb") if target is not None else _NullWriter()) as sink:
                        for chunk in iter(lambda: source.read(1 << 20), b""):
                            digest.update(chunk)
                            sink.write(chunk)
            except (zipfile.BadZipFile, OSError, zlib.error) as exc:
                raise BackupError(f"{name} is damaged ({exc})") from exc
            if digest.hexdigest() != sha256 or info.file_size != size:
                raise BackupError(f"{name}: the file {sha256[:12]}… is damaged")
    return manifest


class _NullWriter:
    def __enter__(self) -> _NullWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def write(self, _data: bytes) -> int:
        return 0


def restore_backup(data_dir: DataDir, path: Path) -> Path:
    """Replaces the data directory's database and blobs with the backup's. The current ones are moved to a
    folder under backups/ (returned), so even a restore can be undone; nothing moves until the backup is verified.
    The caller holds the data directory's instance lock, so no window has the database open."""
    data_dir.ensure()
    staging = data_dir.root / ".restore-staging"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        verify_backup(path, staging)
        kept = data_dir.backups / f"before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}"
        kept.mkdir(parents=True)
        moved: list[tuple[Path, Path]] = []
        try:
            for current in [Path(f"{data_dir.database}{s}") for s in ("", "-wal", "-shm")] + [data_dir.blobs]:
                if current.exists():
                    current.replace(kept / current.name)
                    moved.append((kept / current.name, current))
            (staging / "blobs").mkdir(exist_ok=True)
            (staging / DATABASE).replace(data_dir.database)
            (staging / "blobs").replace(data_dir.blobs)
        except OSError as exc:
            # Put everything back as it was: a failed restore must leave the data it found.
            data_dir.database.unlink(missing_ok=True)
            if data_dir.blobs.exists() and (kept / "blobs").exists():
                shutil.rmtree(data_dir.blobs, ignore_errors=True)
            for saved, original in reversed(moved):
                saved.replace(original)
            raise BackupError(f"the restore could not complete ({exc.strerror or exc}); nothing was changed") \
                from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("restored %s from %s; the previous data is in %s", data_dir.root, path, kept)
    return kept


def auto_backup(data_dir: DataDir, keep: int = 7, every: timedelta = timedelta(days=1),
                now: datetime | None = None, cancel: threading.Event | None = None) -> Path | None:
    """The daily automatic backup: made when the newest is older than `every`, keeping the last `keep`."""
    now = now or datetime.now(UTC)
    data_dir.backups.mkdir(parents=True, exist_ok=True)
    existing = sorted(data_dir.backups.glob(f"{AUTO_PREFIX}*.zip"))
    if existing:
        try:  # the time is in the name, so a copied folder keeps its schedule
            newest = datetime.strptime(existing[-1].stem[len(AUTO_PREFIX):], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        except ValueError:
            newest = datetime.fromtimestamp(existing[-1].stat().st_mtime, UTC)
        if timedelta(0) <= now - newest < every:
            return None
    target = data_dir.backups / f"{AUTO_PREFIX}{now:%Y%m%dT%H%M%SZ}.zip"
    create_backup(data_dir, target, cancel)
    for old in sorted(data_dir.backups.glob(f"{AUTO_PREFIX}*.zip"))[:-keep]:
        old.unlink(missing_ok=True)
    return target


def schedule_restore(data_dir: DataDir, path: Path) -> Manifest:
    """Verifies the backup now and leaves a note for the next start to restore it, before the database opens:
    a running window cannot swap the database under itself."""
    manifest = verify_backup(path)
    data_dir.restore_note.write_text(json.dumps({"path": str(path.resolve())}), encoding="utf-8")
    return manifest


def run_pending_restore(data_dir: DataDir) -> tuple[Path, Path] | None:
    """Carries out a scheduled restore: (backup, folder of the replaced data), or None when none was asked for.
    The note is removed either way, so a bad backup cannot stop dzdesk from starting."""
    note = data_dir.restore_note
    if not note.exists():
        return None
    try:
        path = Path(json.loads(note.read_text(encoding="utf-8"))["path"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        note.unlink(missing_ok=True)
        raise BackupError(f"the restore note is damaged ({exc}); nothing was restored") from exc
    note.unlink(missing_ok=True)
    return path, restore_backup(data_dir, path)

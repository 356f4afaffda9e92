"""`dzdesk backup -o FILE` and `dzdesk restore FILE`: a whole data directory in one file, and back."""

from __future__ import annotations

import argparse
from pathlib import Path

from dzdesk.commands.common import CommandError, data_dir_from, data_dir_options
from dzdesk.instance_lock import AlreadyOpenError, InstanceLock
from dzdesk.store import SchemaError, open_store
from dzdesk.store.backup import BackupError, create_backup, restore_backup
from dzdesk.store.search import reindex_all


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser("backup", help="write the database and every file to one backup file",
                                   parents=[data_dir_options()])
    backup.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.zip")
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser("restore", help="replace the data with a backup (checked first; the current "
                                                    "data is kept under backups/)", parents=[data_dir_options()])
    restore.add_argument("file", type=Path, metavar="FILE.zip")
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    try:
        manifest = create_backup(data_dir, args.output)
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    print(f"backup written to {args.output}: {manifest.records} records, {len(manifest.blobs)} files")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    if not args.file.is_file():
        raise CommandError(f"{args.file} does not exist", exit_code=2)
    lock = InstanceLock(data_dir.lock_file)
    try:
        lock.acquire()
    except AlreadyOpenError as exc:
        raise CommandError(f"{exc} Close it before restoring.") from exc
    try:
        kept = restore_backup(data_dir, args.file)
        store = open_store(data_dir)  # migrates a backup from an older dzdesk
        try:
            with store.transaction() as session:
                reindex_all(session)
        finally:
            store.close()
    except (BackupError, SchemaError) as exc:
        raise CommandError(f"{exc}") from exc
    finally:
        lock.release()
    print(f"restored from {args.file}; the data it replaced is in {kept}")
    return 0

"""What every sub-command shares: the data-directory option, opening the store, and failing in words."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dzdesk.config import DataDir, DataDirError, Settings, SettingsError, resolve_data_dir
from dzdesk.logging_setup import configure_logging

if TYPE_CHECKING:
    from dzdesk.store import Store


class CommandError(Exception):
    """A failure to report in one sentence, with the process exit code to use."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def data_dir_options(top_level: bool = False) -> argparse.ArgumentParser:
    """`--data-dir` is accepted before and after the sub-command; the later one wins."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument(
        "--data-dir", metavar="DIR", default=None if top_level else argparse.SUPPRESS,
        help="keep all data in DIR (default: $DZDESK_HOME, then the platform's user data directory)",
    )
    return parser


def data_dir_from(args: argparse.Namespace) -> DataDir:
    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    try:
        data_dir.ensure()
    except DataDirError as exc:
        raise CommandError(str(exc)) from exc
    configure_logging(data_dir.logs)
    return data_dir


def load_settings(data_dir: DataDir) -> Settings:
    try:
        return Settings.load(data_dir.settings_file)
    except SettingsError as exc:
        raise CommandError(str(exc)) from exc


@dataclass
class CommandContext:
    data_dir: DataDir
    settings: Settings
    store: Store


@contextmanager
def command_context(args: argparse.Namespace, exclusive: bool = False) -> Iterator[CommandContext]:
    """The data directory, settings and an open store; `exclusive` also holds the instance lock."""
    # The database libraries and the lock, only for commands that use them (the window's start does without).
    from dzdesk.instance_lock import AlreadyOpenError, InstanceLock
    from dzdesk.store import SchemaError, open_store

    data_dir = data_dir_from(args)
    settings = load_settings(data_dir)
    lock = InstanceLock(data_dir.lock_file)
    try:
        if exclusive:
            lock.acquire()
        store = open_store(data_dir, author=settings.profile.name)
    except AlreadyOpenError as exc:
        raise CommandError(str(exc)) from exc
    except SchemaError as exc:
        lock.release()
        raise CommandError(str(exc)) from exc
    try:
        yield CommandContext(data_dir, settings, store)
    finally:
        store.close()
        lock.release()
        logging.getLogger(__name__).debug("closed %s", data_dir.root)

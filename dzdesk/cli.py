"""The `dzdesk` command: the GUI by default, and headless sub-commands for scripts and scheduled jobs.

Each sub-command lives in its own module under `dzdesk/commands/` and registers itself here; a new area adds a
module to `COMMANDS` and nothing else. Nothing here imports Qt: only the `gui` command reaches for it, when run.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from types import ModuleType

from dzdesk import __version__
from dzdesk.commands.common import CommandError, data_dir_options
from dzdesk.logging_setup import LOG_FILE_NAME
from dzdesk.storage_errors import StorageError

EXIT_DEFECT = 70  # sysexits' EX_SOFTWARE: dzdesk itself went wrong

# Sub-command name → its module. A module is imported only when its command runs (or for `--help`), so the
# window does not wait for the report, sync and hub libraries that other commands need.
COMMANDS = {
    "gui": "gui", "doctor": "doctor", "demo": "demo", "backup": "backup", "restore": "backup",
    "incidents": "incidents", "visits": "visits", "trainings": "trainings", "indicators": "indicators",
    "probe": "probe", "targets": "probe", "stats": "stats", "report": "report", "sync": "sync", "login": "sync",
    "hub": "hub", "calendar": "calendar", "alerts": "alerts", "watch": "watch", "verify": "signing",
    "signing": "signing", "conflicts": "conflicts",
}


def _modules(names: Sequence[str]) -> list[ModuleType]:
    unique = dict.fromkeys(COMMANDS[name] for name in names)
    return [importlib.import_module(f"dzdesk.commands.{module}") for module in unique]


def requested_command(argv: Sequence[str]) -> str | None:
    """The sub-command named on the command line, found without importing any command module."""
    scout = argparse.ArgumentParser(add_help=False, parents=[data_dir_options(top_level=True)])
    scout.add_argument("command", nargs="?")
    known, _rest = scout.parse_known_args(list(argv))
    return known.command if known.command in COMMANDS else None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with `only` the parser of one sub-command (all that is needed to run it)."""
    parser = argparse.ArgumentParser(
        prog="dzdesk",
        description="Operations desk for the Dazhou construction credit platform and project approval system.",
        parents=[data_dir_options(top_level=True)],
    )
    parser.add_argument("--version", action="version", version=f"dzdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _modules([only] if only else list(COMMANDS)):
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    wanted = requested_command(arguments)
    if wanted is None and not {"-h", "--help", "--version"} & set(arguments):
        parser = build_parser("gui")
        parser.exit_on_error = False
        try:
            args = parser.parse_args(arguments)
        except argparse.ArgumentError:  # an unknown command: refused by the full parser, listing every command
            build_parser().parse_args(arguments)
            raise
        if args.command is None:
            args = parser.parse_args(["gui", *(["--data-dir", args.data_dir] if args.data_dir else [])])
    else:
        args = build_parser(wanted).parse_args(arguments)
    try:
        return int(args.func(args))
    except CommandError as exc:
        print(f"dzdesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader went away (`dzdesk visits list | head`): not an error worth a traceback.
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("dzdesk: interrupted", file=sys.stderr)
        return 130
    except StorageError as exc:  # a full or read-only disk: the user's to fix, not a defect
        print(f"dzdesk: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:
        return _crashed(args, exc)


def _crashed(args: argparse.Namespace, error: Exception) -> int:
    """A defect: one sentence for the user, and the traceback in a report they can send to support."""
    from dzdesk.config import resolve_data_dir
    from dzdesk.crash_report import FOLDER, mask_secrets, write_report

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    try:
        path = write_report(data_dir.root / FOLDER, error, data_dir.logs / LOG_FILE_NAME, f"dzdesk {args.command}")
    except OSError as exc:
        print(mask_secrets("".join(traceback.format_exception(error))), file=sys.stderr)
        print(mask_secrets(f"dzdesk: an unexpected error ({error}); the crash report could not be written: {exc}"),
              file=sys.stderr)
    else:
        print(mask_secrets(f"dzdesk: an unexpected error ({type(error).__name__}: {error}). A report for support "
                           f"was written to {path}"), file=sys.stderr)
    return EXIT_DEFECT

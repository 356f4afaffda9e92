"""The `dzdesk` command: the GUI by default, and headless sub-commands for scripts and scheduled jobs.

Each sub-command lives in its own module under `dzdesk/commands/` and registers itself here; a new area adds a
module to `COMMANDS` and nothing else. Nothing here imports Qt: only the `gui` command reaches for it, when run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from dzdesk import __version__
from dzdesk.commands import (
    backup,
    demo,
    doctor,
    gui,
    hub,
    incidents,
    indicators,
    probe,
    report,
    stats,
    sync,
    trainings,
    visits,
)
from dzdesk.commands.common import CommandError, data_dir_options

COMMANDS = (gui, doctor, demo, backup, incidents, visits, trainings, indicators, probe, stats, report, sync, hub)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dzdesk",
        description="Operations desk for the Dazhou construction credit platform and project approval system.",
        parents=[data_dir_options(top_level=True)],
    )
    parser.add_argument("--version", action="version", version=f"dzdesk {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    if args.command is None:
        args = parser.parse_args(["gui", *(["--data-dir", args.data_dir] if args.data_dir else [])])
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

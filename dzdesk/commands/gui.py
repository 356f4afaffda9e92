"""`dzdesk gui`: the desktop window (also what `dzdesk` with no sub-command runs)."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys

from dzdesk.commands.common import CommandError, data_dir_from, data_dir_options


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the desktop window (the default)",
                                   parents=[data_dir_options()])
    parser.add_argument("--quit-after", metavar="MS", type=int, default=None,
                        help="close the window and exit MS milliseconds after it shows (smoke tests, start-up timing)")
    parser.add_argument("--quit-after-ready", metavar="MS", type=int, default=None,
                        help="close the window and exit MS milliseconds after the data is on screen")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Qt is imported only here, so every other sub-command starts without it.
    try:
        data_dir = data_dir_from(args)
    except CommandError as exc:  # said in a dialog too: a window user never sees the terminal
        from dzdesk.ui.app import refuse_to_start

        return refuse_to_start(str(exc))
    from dzdesk.ui.app import run_gui

    code = run_gui(data_dir, quit_after_ms=args.quit_after, quit_after_ready_ms=args.quit_after_ready)
    _leave(code)
    return code  # not reached


def _leave(code: int) -> None:
    """Ends the process without tearing the interpreter down, which takes longer than the rest of a quick start.
    Everything that must outlive it is already written: the database is closed, the window state synced, drafts
    and settings saved as they were made; the logs and standard streams are flushed here."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing left to say on it
            stream.flush()
    os._exit(code)

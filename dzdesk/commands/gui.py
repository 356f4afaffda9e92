"""`dzdesk gui`: the desktop window (also what `dzdesk` with no sub-command runs)."""

from __future__ import annotations

import argparse

from dzdesk.commands.common import data_dir_from, data_dir_options


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the desktop window (the default)",
                                   parents=[data_dir_options()])
    parser.add_argument("--quit-after", metavar="MS", type=int, default=None,
                        help="close the window and exit MS milliseconds after it shows (smoke tests, start-up timing)")
    parser.add_argument("--quit-after-ready", metavar="MS", type=int, default=None,
                        help="close the window and exit MS milliseconds after the data is on screen")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    # Qt is imported only here, so every other sub-command starts without it.
    from dzdesk.ui.app import run_gui

    return run_gui(data_dir, quit_after_ms=args.quit_after, quit_after_ready_ms=args.quit_after_ready)

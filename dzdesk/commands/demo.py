"""`dzdesk demo`: fill a data directory with sample data, never one that holds an engineer's real work."""

from __future__ import annotations

import argparse

from dzdesk import demo
from dzdesk.commands.common import (
    CommandError,
    command_context,
    data_dir_from,
    data_dir_options,
    load_settings,
)
from dzdesk.domain.catalogue import load_catalogue


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="fill a data directory with realistic sample data",
                                   parents=[data_dir_options()])
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    settings = load_settings(data_dir)
    if settings.profile.name and not settings.demo:
        raise CommandError(
            f"{data_dir.root} belongs to {settings.profile.name}: demo data goes into a directory of its own. "
            "Run `dzdesk demo --data-dir DIR` with a new DIR."
        )
    with command_context(args, exclusive=True) as ctx:
        existing = demo.record_count(ctx.store)
        if existing:
            kind = "demo" if settings.demo else "real"
            raise CommandError(
                f"{data_dir.root} already holds {existing} {kind} records; nothing was written. "
                "Run `dzdesk demo --data-dir DIR` with a new DIR."
            )
        ctx.settings.profile = demo.DEMO_PROFILE
        ctx.settings.demo = True
        ctx.settings.save(data_dir.settings_file)
        ctx.store.author = demo.DEMO_PROFILE.name
        counts = demo.fill(ctx.store, load_catalogue(data_dir.catalogue_file), ctx.settings.calendar())
    summary = ", ".join(f"{count} {name}" for name, count in counts.items()) or "the engineer profile"
    print(f"Demo data written to {data_dir.root}: {summary}.")
    print(f"Open it with: dzdesk --data-dir {data_dir.root}")
    return 0

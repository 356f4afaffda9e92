"""`dzdesk conflicts list|keep|take`: the fields two people changed, shown side by side and settled by a person,
as the sync page does (`dzdesk.operations.conflicts`); the settlement reaches the team at the next sync."""

from __future__ import annotations

import argparse
import json

from dzdesk.commands.common import CommandError, command_context, data_dir_options
from dzdesk.domain.timefmt import format_local, iso_local
from dzdesk.operations.conflicts import ConflictGoneError, open_conflicts, settle_conflict


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("conflicts", help="list and settle fields two people changed")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the open conflicts, both values side by side",
                                 parents=[data_dir_options()])
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(func=run_list)
    for name, text in (("keep", "keep the current value and settle the conflict"),
                       ("take", "take the other value (an edit that syncs) and settle the conflict")):
        settle = actions.add_parser(name, help=text, parents=[data_dir_options()])
        settle.add_argument("id", metavar="ID", help="the conflict's id, or its first characters")
        settle.set_defaults(func=run_settle, take_other=name == "take")


def run_list(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        conflicts = open_conflicts(ctx.store)
    if args.json:
        print(json.dumps([{"id": c.id, "entity": c.entity, "record_id": c.record_id, "field": c.field,
                           "current": c.kept_value, "other": c.other_value, "current_by": c.kept_author,
                           "other_by": c.other_author, "current_at": iso_local(c.kept_at),
                           "other_at": iso_local(c.other_at)} for c in conflicts], ensure_ascii=False, indent=1))
        return 0
    if not conflicts:
        print("no open conflicts")
    for c in conflicts:
        what = "a refused change" if c.field == "*" else c.field
        print(f"{c.id[:8]}  {c.entity} {c.record_id[:8]}  {what}")
        print(f"  current: {json.dumps(c.kept_value, ensure_ascii=False)}  ({_who(c.kept_author, c.kept_at)})")
        print(f"  other:   {json.dumps(c.other_value, ensure_ascii=False)}  ({_who(c.other_author, c.other_at)})")
    return 0


def run_settle(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        try:
            settled = settle_conflict(ctx.store, args.id, args.take_other)
        except ConflictGoneError as exc:
            raise CommandError(f"{exc}; nothing was changed (see `dzdesk conflicts list`)") from exc
    print(f"{settled[:8]}  settled: {'the other value taken' if args.take_other else 'the current value kept'}")
    return 0


def _who(author: str, at: object) -> str:
    when = format_local(at) if at is not None else ""  # type: ignore[arg-type]
    return " · ".join(p for p in (author, when) if p) or "unknown"

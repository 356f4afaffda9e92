"""`dzdesk trainings add|list|import-roster`: training sessions and their rosters, headless."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dzdesk.commands.common import CommandError, command_context, data_dir_options
from dzdesk.domain.timefmt import format_local, iso_local, parse_moment
from dzdesk.domain.training import TrainingKind
from dzdesk.imports.table_file import TableFileError
from dzdesk.operations.trainings import (
    RosterProblemsError,
    TrainingNotFoundError,
    import_roster,
    read_roster_for,
    save_session,
)
from dzdesk.store.training_repo import TrainingDraft, TrainingRejected, count_trainings, page_trainings


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("trainings", help="training sessions and attendance")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="plan a session and print its id", parents=[data_dir_options()])
    add.add_argument("--title", required=True)
    add.add_argument("--starts-at", required=True, metavar="ISO", help="without an offset it is Shanghai time")
    add.add_argument("--ends-at", metavar="ISO")
    add.add_argument("--platform", action="append", choices=["credit", "approval"], default=[])
    add.add_argument("--kind", choices=[k.value for k in TrainingKind], default=TrainingKind.USAGE.value)
    add.add_argument("--venue", default="")
    add.add_argument("--district", default="")
    add.add_argument("--trainers", default="")
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", help="list sessions, newest first", parents=[data_dir_options()])
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)

    roster_cmd = actions.add_parser(
        "import-roster", help="add the people of a CSV or XLSX file to a session; nothing is added if a row is bad",
        parents=[data_dir_options()])
    roster_cmd.add_argument("training", metavar="ID", help="the session's id or the start of it")
    roster_cmd.add_argument("file", metavar="FILE", type=Path)
    roster_cmd.set_defaults(func=run_import)


def run_add(args: argparse.Namespace) -> int:
    try:
        starts = parse_moment(args.starts_at)
        ends = parse_moment(args.ends_at) if args.ends_at else None
    except ValueError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    draft = TrainingDraft(title=args.title, starts_at=starts, ends_at=ends, platforms=tuple(args.platform),
                          kind=TrainingKind(args.kind), venue=args.venue, district=args.district,
                          trainers=args.trainers)
    with command_context(args) as ctx:
        try:
            training_id = save_session(ctx.store, draft).record_id
        except TrainingRejected as exc:
            raise CommandError(f"not recorded: {exc}", exit_code=2) from exc
    print(training_id)
    return 0


def run_list(args: argparse.Namespace) -> int:
    with command_context(args) as ctx, ctx.store.session() as session:
        trainings = page_trainings(session, 0, count_trainings(session))
        rows = []
        for t in trainings:
            rows.append({"id": t.id, "title": t.title, "starts_at": iso_local(t.starts_at),
                         "ends_at": iso_local(t.ends_at), "kind": t.kind, "venue": t.venue, "district": t.district,
                         "platforms": [p for p in t.platforms.split(",") if p], "attendees": t.on_roster,
                         "present": t.came})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for row in rows:
            print(f"{row['id'][:8]}  {format_local(parse_moment(row['starts_at']))}  "
                  f"{row['present']:>3}/{row['attendees']:<3}  {row['title']}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        try:
            training_id, result = read_roster_for(ctx.store, args.training, args.file)
        except TrainingNotFoundError as exc:
            raise CommandError(f"{exc} (see `dzdesk trainings list`)") from exc
        except TableFileError as exc:
            raise CommandError(str(exc), exit_code=2) from exc
        try:
            added = import_roster(ctx.store, training_id, result)
        except RosterProblemsError as exc:
            for error in result.errors:
                print(f"{args.file.name}: {error}", file=sys.stderr)
            raise CommandError(str(exc), exit_code=1) from exc
    print(f"{added} people added to the roster (file read as {result.encoding})")
    return 0

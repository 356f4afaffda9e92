"""`dzdesk incidents add|respond|resolve|close|reopen|wait|resume|list|export`: faults from scripts and scheduled
jobs, without the GUI, through the same operations as the window (`dzdesk.operations.incidents`)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from dzdesk.commands.common import CommandError, command_context, data_dir_options
from dzdesk.domain.catalogue import Catalogue, load_catalogue
from dzdesk.domain.incident import Channel, Status, TransitionError
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import day_range, format_local, iso_local, parse_day, parse_moment
from dzdesk.operations.incidents import (
    FaultChanged,
    FaultNotFoundError,
    move_fault,
    record_fault,
    resume_work,
    wait_on_others,
)
from dzdesk.reports.incident_log import export_incident_log
from dzdesk.reports.tabular import ExportError
from dzdesk.store import Store
from dzdesk.store.incident_queries import IncidentQuery, IncidentSort, iter_incidents
from dzdesk.store.incident_repo import IncidentDraft, IncidentRejected


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("incidents", help="record, list and export faults")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="record a fault and print its id", parents=[data_dir_options()])
    add.add_argument("--platform", required=True, choices=["credit", "approval"])
    add.add_argument("--severity", required=True, type=str.upper, choices=[s.value for s in Severity])
    add.add_argument("--title", required=True)
    add.add_argument("--module", default="")
    add.add_argument("--district", default="")
    add.add_argument("--department", default="")
    add.add_argument("--reporter", default="")
    add.add_argument("--contact", default="")
    add.add_argument("--channel", default=Channel.PHONE.value, choices=[c.value for c in Channel])
    add.add_argument("--description", default="")
    add.add_argument("--reported-at", metavar="ISO",
                     help="when it was reported (default now); without an offset it is Shanghai time")
    add.set_defaults(func=run_add)

    moves = {"respond": (Status.RESPONDED, "record the first response to a fault"),
             "resolve": (Status.RESOLVED, "mark a fault resolved"),
             "close": (Status.CLOSED, "close a resolved fault"),
             "reopen": (Status.IN_PROGRESS, "reopen a resolved or closed fault (its resolution times are cleared)")}
    for name, (target, text) in moves.items():
        move = actions.add_parser(name, help=text, parents=[data_dir_options()])
        move.add_argument("id", metavar="ID", help="the fault's id, or its first characters")
        if target is not Status.IN_PROGRESS:
            move.add_argument("--at", metavar="ISO", help="when (default now); without an offset it is Shanghai time")
        if target is Status.RESOLVED:
            move.add_argument("--resolution", help="what was done")
            move.add_argument("--cause", help="what caused it")
        if target is Status.IN_PROGRESS:
            move.add_argument("--note", default="", help="why it is reopened")
        move.set_defaults(func=run_move, target=target)

    wait = actions.add_parser("wait", help="stop a fault's clock while the team waits on others",
                              parents=[data_dir_options()])
    wait.add_argument("id", metavar="ID")
    wait.add_argument("--reason", required=True, help="who or what the team is waiting for")
    wait.add_argument("--at", metavar="ISO", help="since when (default now)")
    wait.set_defaults(func=run_wait)
    resume = actions.add_parser("resume", help="start a waiting fault's clock again", parents=[data_dir_options()])
    resume.add_argument("id", metavar="ID")
    resume.add_argument("--at", metavar="ISO", help="from when (default now)")
    resume.set_defaults(func=run_resume)

    listing = actions.add_parser("list", help="list faults, newest first", parents=[data_dir_options()])
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.add_argument("--status", choices=[s.value for s in Status], action="append")
    listing.add_argument("--limit", type=int, default=None)
    listing.set_defaults(func=run_list)

    export = actions.add_parser("export", help="write the incident log of a period to XLSX or CSV",
                                parents=[data_dir_options()])
    export.add_argument("--from", dest="first", required=True, metavar="DATE")
    export.add_argument("--to", dest="last", required=True, metavar="DATE")
    export.add_argument("-o", "--output", required=True, metavar="FILE", help="FILE.xlsx or FILE.csv")
    export.set_defaults(func=run_export)


def _now() -> datetime:
    return datetime.now(UTC)


def _moment(text: str | None, flag: str) -> datetime:
    try:
        return parse_moment(text) if text else _now()
    except ValueError as exc:
        raise CommandError(f"{flag}: {exc}", exit_code=2) from exc


def _refused(exc: Exception) -> CommandError:
    """A refusal in words (exit 2 for a rule of the fault, 1 for a fault that is not there); nothing was changed."""
    if isinstance(exc, FaultNotFoundError):
        return CommandError(f"{exc}; nothing was changed (see `dzdesk incidents list`)", exit_code=1)
    return CommandError(f"not changed: {exc}", exit_code=2)


def run_add(args: argparse.Namespace) -> int:
    reported_at = _moment(args.reported_at, "--reported-at")
    draft = IncidentDraft(
        platform=args.platform, severity=Severity(args.severity), title=args.title, reported_at=reported_at,
        module=args.module, district=args.district, department=args.department, reporter=args.reporter,
        reporter_contact=args.contact, channel=Channel(args.channel), description=args.description,
    )
    with command_context(args) as ctx:
        catalogue = load_catalogue(ctx.data_dir.catalogue_file)
        try:
            saved = record_fault(ctx.store, ctx.settings.working_calendar(), catalogue, draft, _now())
        except IncidentRejected as exc:
            raise CommandError(f"not recorded: {exc}", exit_code=2) from exc
    print(saved.incident_id)
    return 0


def run_move(args: argparse.Namespace) -> int:
    at = _moment(getattr(args, "at", None), "--at")
    with command_context(args) as ctx:
        catalogue = load_catalogue(ctx.data_dir.catalogue_file)
        try:
            moved = move_fault(ctx.store, catalogue, args.id, args.target, at, _now(),
                               cause=getattr(args, "cause", None), resolution=getattr(args, "resolution", None),
                               note=getattr(args, "note", ""))
        except (IncidentRejected, TransitionError, FaultNotFoundError) as exc:
            raise _refused(exc) from exc
    print(f"{moved.incident_id[:8]}  {moved.status.label_en.lower()}")
    return 0


def run_wait(args: argparse.Namespace) -> int:
    return _clock_step(args, "waiting on others since", lambda store, catalogue, at: wait_on_others(
        store, catalogue, args.id, args.reason, at, _now()))


def run_resume(args: argparse.Namespace) -> int:
    return _clock_step(args, "work resumed at", lambda store, catalogue, at: resume_work(
        store, catalogue, args.id, at, _now()))


def _clock_step(args: argparse.Namespace, said: str,
                step: Callable[[Store, Catalogue, datetime], FaultChanged]) -> int:
    """Stops or starts a fault's clock at --at; a fault that is not waiting (or already is) is refused in words."""
    at = _moment(args.at, "--at")
    with command_context(args) as ctx:
        try:
            changed = step(ctx.store, load_catalogue(ctx.data_dir.catalogue_file), at)
        except (ValueError, FaultNotFoundError) as exc:  # IncidentRejected is a ValueError too
            raise _refused(exc) from exc
    print(f"{changed.incident_id[:8]}  {said} {format_local(at)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    statuses = frozenset(Status(s) for s in args.status or [])
    query = IncidentQuery(statuses=statuses, sort=IncidentSort.REPORTED_DESC)
    with command_context(args) as ctx, ctx.store.session() as session:
        rows = []
        for index, incident in enumerate(iter_incidents(session, query)):
            if args.limit is not None and index >= args.limit:
                break
            rows.append(incident)
        if args.json:
            print(json.dumps([_as_json(i) for i in rows], ensure_ascii=False, indent=1))
        else:
            for i in rows:
                print(f"{i.id[:8]}  {format_local(i.reported_at)}  {i.severity:<8}  {i.status:<11}  "
                      f"{i.platform:<8}  {i.module or '-'}  {i.title}")
    return 0


def _as_json(incident: object) -> dict[str, object]:
    from dzdesk.store.incident_models import Incident

    assert isinstance(incident, Incident)
    return {
        "id": incident.id,
        "platform": incident.platform,
        "module": incident.module,
        "district": incident.district,
        "department": incident.department,
        "severity": incident.severity,
        "status": incident.status,
        "title": incident.title,
        "channel": incident.channel,
        "reporter": incident.reporter,
        "assignee": incident.assignee,
        "reported_at": iso_local(incident.reported_at),
        "response_due": iso_local(incident.response_due),
        "responded_at": iso_local(incident.responded_at),
        "resolved_at": iso_local(incident.resolved_at),
        "closed_at": iso_local(incident.closed_at),
        "cause": incident.cause,
        "resolution": incident.resolution,
        "author": incident.author,
    }


def run_export(args: argparse.Namespace) -> int:
    try:
        start, end = day_range(parse_day(args.first), parse_day(args.last))
    except ValueError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    with command_context(args) as ctx, ctx.store.session() as session:
        try:
            count = export_incident_log(session, load_catalogue(ctx.data_dir.catalogue_file), start, end,
                                        Path(args.output))
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
    print(f"{count} incidents written to {args.output}")
    return 0

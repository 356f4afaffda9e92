"""`dzdesk incidents add|list|export`: faults from scripts and scheduled jobs, without the GUI."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

from dzdesk.commands.common import CommandError, command_context, data_dir_options
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.incident import Channel, Status
from dzdesk.domain.severity import Severity
from dzdesk.domain.timefmt import day_range, format_local, iso_local, parse_day, parse_moment
from dzdesk.reports.incident_log import export_incident_log
from dzdesk.reports.tabular import ExportError
from dzdesk.store.incident_queries import IncidentQuery, IncidentSort, iter_incidents
from dzdesk.store.incident_repo import IncidentDraft, IncidentRejected, add_incident
from dzdesk.store.team_calendar import deadline_calendar


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


def run_add(args: argparse.Namespace) -> int:
    try:
        reported_at = parse_moment(args.reported_at) if args.reported_at else _now()
    except ValueError as exc:
        raise CommandError(f"--reported-at: {exc}", exit_code=2) from exc
    draft = IncidentDraft(
        platform=args.platform, severity=Severity(args.severity), title=args.title, reported_at=reported_at,
        module=args.module, district=args.district, department=args.department, reporter=args.reporter,
        reporter_contact=args.contact, channel=Channel(args.channel), description=args.description,
    )
    with command_context(args) as ctx:
        catalogue = load_catalogue(ctx.data_dir.catalogue_file)
        try:
            with ctx.store.transaction() as session:
                calendar = deadline_calendar(session, ctx.settings.working_calendar())
                incident = add_incident(session, draft, catalogue, calendar, _now())
        except IncidentRejected as exc:
            raise CommandError(f"not recorded: {exc}", exit_code=2) from exc
    print(incident.id)
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

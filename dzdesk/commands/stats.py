"""`dzdesk stats --year YYYY`: the contract's figures for a year, as the reports and the dashboard show them."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

from dzdesk.commands.common import CommandError, command_context, data_dir_options
from dzdesk.domain.metrics import COMPLETION_COMMITMENT, TIMELINESS_COMMITMENT, percent
from dzdesk.domain.timefmt import year_range
from dzdesk.reports.figures import period_figures, training_figures


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stats", help="response timeliness, completion and complaints of a year",
                                   parents=[data_dir_options()])
    parser.add_argument("--year", type=int, default=None, help="the year (default: this year)")
    parser.add_argument("--json", action="store_true", help="print one JSON object; rates are fractions 0-1")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    now = datetime.now(UTC)
    year = args.year or now.year
    if not 2000 <= year <= 2100:
        raise CommandError(f"--year {year}: give a year between 2000 and 2100", exit_code=2)
    start, end = year_range(year)
    with command_context(args) as ctx, ctx.store.session() as session:
        figures = period_figures(session, start, end, now)
        trainings = training_figures(session, start, end, now)
    if args.json:
        attendance = {"trainings": trainings.overall.sessions, "training_attendees": trainings.overall.attendees,
                      "training_attended": trainings.overall.attended, "attendance_rate": trainings.overall.rate}
        print(json.dumps({"year": year, **figures.as_json(), **attendance}, ensure_ascii=False, indent=2))
        return 0
    inc = figures.incidents
    print(f"{year}: {inc.total} incidents, {inc.responded} answered ({inc.breached} late or overdue), "
          f"{inc.resolved} resolved")
    print(f"  response timeliness  {percent(inc.timeliness):>8}   (commitment {TIMELINESS_COMMITMENT:.0%})")
    print(f"  completion           {percent(inc.completion):>8}   (commitment {COMPLETION_COMMITMENT:.0%})")
    print(f"  complaints on time   {percent(figures.complaints.on_time):>8}   "
          f"({figures.complaints.total} complaints, {figures.complaints.overdue} late or overdue)")
    rate = trainings.overall.rate
    print(f"  training             {trainings.overall.sessions} sessions, {trainings.overall.attended} of "
          f"{trainings.overall.attendees} expected came" + ("" if rate is None else f" ({rate:.1%})"))
    return 0

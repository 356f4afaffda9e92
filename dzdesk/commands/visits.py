"""`dzdesk visits list`: on-site visits for scripts."""

from __future__ import annotations

import argparse
import json

from dzdesk.commands.common import command_context, data_dir_options
from dzdesk.domain.timefmt import format_local, iso_local
from dzdesk.store.visit_repo import count_visits, page_visits, split_codes


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("visits", help="list on-site visits")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list visits, newest first", parents=[data_dir_options()])
    listing.add_argument("--json", action="store_true", help="print a JSON list")
    listing.set_defaults(func=run_list)


def run_list(args: argparse.Namespace) -> int:
    with command_context(args) as ctx, ctx.store.session() as session:
        visits = page_visits(session, 0, count_visits(session))
        if args.json:
            print(json.dumps([{
                "id": v.id, "report_number": v.report_number, "office": v.office, "department": v.department,
                "district": v.district, "platforms": list(split_codes(v.platforms)),
                "categories": list(split_codes(v.categories)), "engineers": v.engineers,
                "arrived_at": iso_local(v.arrived_at), "departed_at": iso_local(v.departed_at),
                "signed": v.signed, "signed_at": iso_local(v.signed_at), "signer": v.signer_name,
            } for v in visits], ensure_ascii=False, indent=1))
        else:
            for v in visits:
                state = "signed" if v.signed else "unsigned"
                print(f"{v.id[:8]}  {v.report_number}  {format_local(v.arrived_at)}  {state:<8}  "
                      f"{v.office} {v.department}")
    return 0

"""`dzdesk hub serve|add-user|revoke|users|openapi`: running the team's hub and managing its accounts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from dzdesk.atomic_file import write_text_atomically
from dzdesk.commands.common import CommandError
from dzdesk.sync.protocol import Role

DEFAULT_DB = "sqlite:///dzdesk-hub.sqlite3"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("hub", help="run the team's hub and manage its accounts")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def with_db(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("--db", metavar="URL", default=DEFAULT_DB,
                         help=f"sqlite:///FILE or postgresql://USER@HOST/DB (default {DEFAULT_DB})")
        return sub

    serve = with_db("serve", "serve the hub API (behind a TLS proxy in production)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8765)
    serve.add_argument("--keep-results-days", type=int, default=400, metavar="DAYS",
                       help="how long raw probe results are kept (default and minimum 400 days)")
    serve.set_defaults(func=run_serve)
    add = with_db("add-user", "make an account and print its token once")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", choices=[r.value for r in Role], required=True)
    add.add_argument("--team", default="", help="the account's team: it reads and writes that team's records")
    add.add_argument("--leads", action="append", default=[], metavar="TEAM",
                     help="for a lead: another team it leads (repeat for several)")
    add.set_defaults(func=run_add_user)
    revoke = with_db("revoke", "revoke an account's token")
    revoke.add_argument("name", metavar="NAME")
    revoke.set_defaults(func=run_revoke)
    users = with_db("users", "list the accounts")
    users.set_defaults(func=run_users)
    openapi = actions.add_parser("openapi", help="write the hub's OpenAPI document")
    openapi.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.json")
    openapi.set_defaults(func=run_openapi)


def _database(url: str):  # noqa: ANN202 - HubDatabase, imported late to keep `dzdesk --help` light
    from dzdesk.hub.database import HubDatabase, HubDatabaseError, migrate

    try:
        db = HubDatabase(url)
        migrate(db.engine)
    except HubDatabaseError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    except OperationalError as exc:
        raise CommandError(f"cannot open the hub database: {exc.orig}") from exc
    return db


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from dzdesk.hub.app import create_app

    if args.keep_results_days < 400:
        raise CommandError("--keep-results-days: raw probe results are kept at least 400 days, so a year's "
                           "report can always be made again", exit_code=2)
    db = _database(args.db)
    print(f"dzdesk hub on http://{args.host}:{args.port} (database {db.engine.url.render_as_string()})", flush=True)
    uvicorn.run(create_app(db, keep_results_days=args.keep_results_days), host=args.host, port=args.port,
                log_level="warning", server_header=False)
    db.dispose()
    return 0


def run_add_user(args: argparse.Namespace) -> int:
    from dzdesk.hub.accounts import AccountError, add_user

    db = _database(args.db)
    try:
        with db.transaction() as session:
            token = add_user(session, args.name, Role(args.role), args.team, tuple(args.leads))
    except AccountError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    print(token)
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    from dzdesk.hub.accounts import AccountError, revoke_user

    db = _database(args.db)
    try:
        with db.transaction() as session:
            revoke_user(session, args.name)
    except AccountError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"{args.name}: token revoked")
    return 0


def run_users(args: argparse.Namespace) -> int:
    from dzdesk.hub.models import HubUser

    db = _database(args.db)
    with db.transaction() as session:
        for user in session.scalars(select(HubUser).order_by(HubUser.name)):
            state = "revoked" if user.revoked_at else "active"
            led = ",".join(user.led_teams or ())
            print(f"{user.name}\t{user.role}\t{user.team or '-'}\t{state}" + (f"\tleads {led}" if led else ""))
    db.dispose()
    return 0


def openapi_document() -> dict[str, object]:
    from dzdesk.hub.app import create_app

    class _NoDatabase:
        pass

    return create_app(_NoDatabase()).openapi()  # type: ignore[arg-type]  # the schema needs no database


def run_openapi(args: argparse.Namespace) -> int:
    write_text_atomically(args.output, json.dumps(openapi_document(), ensure_ascii=False, indent=2) + "\n")
    print(f"OpenAPI document written to {args.output}")
    return 0

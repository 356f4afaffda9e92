"""`dzdesk hub serve|add-user|revoke|users|openapi`: running the team's hub and managing its accounts."""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Mapping
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from dzdesk.atomic_file import write_text_atomically
from dzdesk.commands.common import CommandError
from dzdesk.hub.settings import DEFAULT_DB, OPTIONS, HubSettings, HubSettingsError
from dzdesk.sync.protocol import Role

SERVE_EPILOG = ("Every option can also be set by its environment variable (shown beside it); a flag given on the "
                "command line wins over the environment, which wins over the default.")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("hub", help="run the team's hub and manage its accounts")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    def with_db(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_text)
        sub.add_argument("--db", metavar="URL", default=DEFAULT_DB,
                         help=f"sqlite:///FILE or postgresql://USER@HOST/DB (default {DEFAULT_DB})")
        return sub

    serve = actions.add_parser("serve", help="serve the hub API (behind a TLS proxy in production)",
                               description="Serves the hub API (behind a TLS proxy in production).",
                               epilog=SERVE_EPILOG)
    for option in OPTIONS:  # read as text: HubSettings reads flags and environment alike and says what is wrong
        serve.add_argument(option.flag, dest=option.field, metavar=option.metavar, default=None,
                           help=f"{option.help} (env {option.env}; default {option.default})")
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


def serve_settings(args: argparse.Namespace, environ: Mapping[str, str]) -> HubSettings:
    """The hub's settings from the flags given over `DZDESK_HUB_*` in `environ`; unusable ones end the command
    with exit 2 before anything is opened or started."""
    try:
        return HubSettings.from_sources({option.field: getattr(args, option.field) for option in OPTIONS}, environ)
    except HubSettingsError as exc:
        raise CommandError(str(exc), exit_code=2) from exc


def run_serve(args: argparse.Namespace) -> int:
    settings = serve_settings(args, os.environ)
    import uvicorn

    from dzdesk.hub.app import create_app

    db = _database(settings.db_url)
    print(f"dzdesk hub on http://{settings.host}:{settings.port} (database {db.engine.url.render_as_string()})",
          flush=True)
    uvicorn.run(create_app(db, settings), host=settings.host, port=settings.port, log_level="warning",
                server_header=False)
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

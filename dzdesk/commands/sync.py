"""`dzdesk login --hub URL` and `dzdesk sync`: signing in to the team's hub, and syncing without the window.

The token is read from a prompt or standard input, never from the command line (where `ps` and the shell history
would keep it); it goes to the keyring, or comes from DZDESK_HUB_TOKEN for unattended use.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from dzdesk.commands.common import CommandError, command_context, data_dir_from, data_dir_options, load_settings
from dzdesk.secrets import ENV_HUB_TOKEN, KeyringUnavailableError, hub_token, hub_token_key, set_secret
from dzdesk.store.blobs import BlobStore
from dzdesk.sync.client import HubAuthError, HubClient, HubError
from dzdesk.sync.engine import SyncSummary, synchronise
from dzdesk.sync.probe_results import default_vantage


def register(subparsers: argparse._SubParsersAction) -> None:
    login = subparsers.add_parser("login", help="sign in to the team's hub (token from a prompt or stdin)",
                                  parents=[data_dir_options()])
    login.add_argument("--hub", required=True, metavar="URL", help="the hub's address, e.g. https://hub.example")
    login.add_argument("--ca-bundle", metavar="FILE", default=None, help="trust this CA for the hub (PEM)")
    login.set_defaults(func=run_login)
    sync = subparsers.add_parser("sync", help="push local changes to the hub and pull the team's",
                                 parents=[data_dir_options()])
    sync.add_argument("--hub", metavar="URL", default=None, help="the hub (default: the one signed in to)")
    sync.set_defaults(func=run_sync)


def _read_token() -> str:
    token = (getpass.getpass("Hub token: ") if sys.stdin.isatty() else sys.stdin.readline()).strip()
    if not token:
        raise CommandError("no token given", exit_code=2)
    return token


def run_login(args: argparse.Namespace) -> int:
    data_dir = data_dir_from(args)
    settings = load_settings(data_dir)
    url = args.hub.rstrip("/")
    ca_bundle = args.ca_bundle if args.ca_bundle is not None else settings.hub_ca_bundle
    token = _read_token()
    try:
        with HubClient(url, token, ca_bundle) as client:
            me = client.me()
    except HubAuthError as exc:
        raise CommandError("the hub does not know this token (or it was revoked); nothing was saved") from exc
    except HubError as exc:
        raise CommandError(f"{exc}; nothing was saved") from exc
    try:
        set_secret(hub_token_key(url), token)
    except KeyringUnavailableError as exc:
        raise CommandError(f"{exc} The hub accepted the token, but it could not be stored.") from exc
    settings.hub_url, settings.hub_ca_bundle = url, ca_bundle
    if not settings.profile.name:
        settings.profile = settings.profile.__class__(name=me.name, phone=settings.profile.phone,
                                                      team=settings.profile.team or me.team)
    settings.save(data_dir.settings_file)
    print(f"signed in to {url} as {me.name} ({me.role}, team {me.team or '-'})")
    return 0


def run_sync(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        if ctx.settings.demo:
            raise CommandError("this is a demo data directory; its sample records never sync", exit_code=2)
        url = (args.hub or ctx.settings.hub_url).rstrip("/")
        if not url:
            raise CommandError("no hub: sign in first with `dzdesk login --hub URL`", exit_code=2)
        try:
            token = hub_token(url)
        except KeyringUnavailableError as exc:
            raise CommandError(str(exc), exit_code=2) from exc
        if not token:
            raise CommandError(f"no token for {url}: run `dzdesk login --hub {url}` or set {ENV_HUB_TOKEN}",
                               exit_code=2)

        def progress(phase: str, done: int, total: int) -> None:
            if sys.stderr.isatty():
                of = f"/{total}" if total else ""
                print(f"\r{phase}: {done}{of}", end="", file=sys.stderr, flush=True)

        try:
            with HubClient(url, token, ctx.settings.hub_ca_bundle) as client:
                summary = synchronise(ctx.store, BlobStore(ctx.data_dir.blobs), client, progress,
                                      vantage=default_vantage(ctx.store.author, ctx.settings.probes.network))
        except HubError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            if sys.stderr.isatty():
                print(file=sys.stderr)
    print(_describe(summary))
    for line in summary.rejected:
        print(f"  refused by the hub: {line}")
    if summary.deadlines is not None:
        print(f"the team's working calendar changed: {summary.deadlines.moved} deadlines moved")
        for turn in summary.deadlines.turned:
            print(f"  {turn.title} ({turn.incident_id[:8]}): {'now on time' if turn.after else 'now late'}")
    return 0


def _describe(summary: SyncSummary) -> str:
    parts = [f"{summary.pushed} pushed", f"{summary.pulled} pulled"]
    if summary.merged:
        parts.append(f"{summary.merged} merged")
    if summary.conflicts:
        parts.append(f"{summary.conflicts} with conflicts (see 同步 → 冲突)")
    if summary.rejected:
        parts.append(f"{len(summary.rejected)} refused")
    if summary.blobs_sent or summary.blobs_fetched:
        parts.append(f"{summary.blobs_sent} files sent, {summary.blobs_fetched} fetched")
    if summary.parked:
        parts.append(f"{summary.parked} waiting for their parent record")
    return "sync done: " + ", ".join(parts)

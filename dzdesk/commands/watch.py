"""`dzdesk watch`: the team's always-on member, for a server beside the hub or a small machine inside a bureau's
network. It signs in with its own account (DZDESK_HUB_TOKEN, or the keyring after `dzdesk login`), syncs like a
laptop, sweeps the team's targets on the team's schedule, sends its results and a heartbeat, and alerts the team's
groups (channel URLs from DZDESK_ALERT_URL_<NAME> or the keyring). Runs until stopped (SIGTERM or Ctrl+C), or one
round with `--once`; see README for the systemd unit.
"""

from __future__ import annotations

import argparse
import logging
import signal
import socket
import sys
import threading
from datetime import timedelta

from dzdesk.commands.common import CommandError, command_context, data_dir_options
from dzdesk.secrets import ENV_HUB_TOKEN, KeyringUnavailableError, hub_token

log = logging.getLogger(__name__)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("watch", help="watch the platforms 7×24 for the team, and alert its groups",
                                   parents=[data_dir_options()])
    parser.add_argument("--hub", metavar="URL", default=None, help="the hub (default: the one signed in to)")
    parser.add_argument("--name", default=None, help="how the team sees this watcher (default: NAME@HOST)")
    parser.add_argument("--network", default="", metavar="LABEL",
                        help="where it probes from, e.g. 达川区政务服务中心内网")
    parser.add_argument("--interval", type=int, default=None, metavar="MINUTES",
                        help="sweep every MINUTES instead of the team's schedule")
    parser.add_argument("--sync-every", type=int, default=60, metavar="SECONDS",
                        help="how often it syncs with the hub (default: 60)")
    parser.add_argument("--once", action="store_true", help="one round (sync, sweep, alerts, sync), then exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from dzdesk.store.blobs import BlobStore
    from dzdesk.sync.probe_results import Vantage
    from dzdesk.watch.watcher import WatchConfig, Watcher

    if args.interval is not None and not 1 <= args.interval <= 1440:
        raise CommandError("--interval: give minutes from 1 to 1440", exit_code=2)
    if not 10 <= args.sync_every <= 3600:
        raise CommandError("--sync-every: give seconds from 10 to 3600", exit_code=2)
    if len(args.network) > 80 or (args.name is not None and not 0 < len(args.name) <= 80):
        raise CommandError("--name and --network have at most 80 characters", exit_code=2)
    with command_context(args, exclusive=True) as ctx:
        _log_to_stderr()
        url = (args.hub or ctx.settings.hub_url).rstrip("/")
        if not url:
            raise CommandError("no hub: give --hub URL, or sign in first with `dzdesk login --hub URL`", exit_code=2)
        try:
            token = hub_token(url)
        except KeyringUnavailableError as exc:
            raise CommandError(f"{exc} Set {ENV_HUB_TOKEN} for the watcher's account.", exit_code=2) from exc
        if not token:
            raise CommandError(f"no token for {url}: set {ENV_HUB_TOKEN} to the watcher account's token "
                               f"(`dzdesk hub add-user NAME --role engineer --team T`)", exit_code=2)
        name = args.name or f"{ctx.settings.profile.name or 'watcher'}@{socket.gethostname()}"
        config = WatchConfig(hub_url=url, token=token, vantage=Vantage(name[:80], "watcher", args.network),
                             probes=ctx.settings.probes, hub_ca_bundle=ctx.settings.hub_ca_bundle,
                             sync_every=timedelta(seconds=args.sync_every), interval_minutes=args.interval)
        watcher = Watcher(ctx.store, BlobStore(ctx.data_dir.blobs), config)
        if args.once:
            report = watcher.tick()
            watcher.next_sync = None
            final = watcher.tick()  # sends the round's results, and what the first sync could not
            print(f"synced: {'yes' if report.synced and final.synced else 'no'}; {report.swept} targets probed, "
                  f"{report.changes} changes; {len(report.sent) + len(final.sent)} alerts sent, "
                  f"{len(final.unsent)} waiting")
            if final.sync_error:
                print(f"the hub could not be reached: {final.sync_error}", file=sys.stderr)
            return 0 if final.synced else 1
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_args: stop.set())
        log.info("watching as %s for %s", name, url)
        print(f"dzdesk watch: watching as {name} for {url}; stop with Ctrl+C or SIGTERM", flush=True)
        watcher.run(stop)
        log.info("watcher stopped")
    return 0


def _log_to_stderr() -> None:
    """Under systemd, stderr goes to the journal: the watcher's log lines are seen with `journalctl -u …`."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logging.getLogger("dzdesk").addHandler(handler)

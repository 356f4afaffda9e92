"""`dzdesk alerts list|set-url|test`: the team's alert channels, their URLs on this machine, and a test message.

A team's channels and rules are team settings a lead keeps on the hub; they reach this laptop at its sync, so a
laptop that never synced has none. A channel's URL is a secret and never synced: each machine keeps it in its
keyring (`alerts set-url`, which reads it from a prompt or stdin, never from the command line where other users
and the shell's history would see it) or, for the watcher, in the environment variable DZDESK_ALERT_URL_<NAME>.

Exit codes of `alerts test`: 0 when every channel took the message, 1 when any did not, 2 when a channel cannot be
tried at all (no such channel, no URL on this machine, a URL that cannot be used, no keyring).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import socket
import sys
from dataclasses import dataclass

from dzdesk.commands.common import CommandContext, CommandError, command_context, data_dir_options
from dzdesk.domain.alert_settings import AlertRules, AlertSettings, Channel, ChannelKind
from dzdesk.secrets import (
    ENVIRONMENT,
    KeyringUnavailableError,
    alert_channel_env,
    alert_channel_key,
    alert_channel_url,
    set_secret,
)

EXIT_UNUSABLE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("alerts", help="the team's alert channels: list, keep a URL, send a test",
                                   parents=[data_dir_options()])
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the team's channels and rules, and which URLs this machine holds",
                                 parents=[data_dir_options()])
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    _team_option(listing)
    listing.set_defaults(func=run_list)
    set_url = actions.add_parser("set-url", help="keeps a channel's URL in this machine's keyring (read from a "
                                 "prompt or stdin, never from the command line)", parents=[data_dir_options()])
    set_url.add_argument("name", help="the channel's name, as `alerts list` shows it")
    _team_option(set_url)
    set_url.set_defaults(func=run_set_url)
    test = actions.add_parser("test", help="sends a short test message to the team's channels (or one)",
                              parents=[data_dir_options()])
    test.add_argument("--channel", metavar="NAME", default=None, help="only this channel")
    test.add_argument("--timeout", type=float, default=20.0, metavar="SECONDS",
                      help="how long one channel may take (default: 20)")
    test.add_argument("--json", action="store_true", help="print one JSON object")
    _team_option(test)
    test.set_defaults(func=run_test)


def _team_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", default=None, metavar="TEAM",
                        help="the team whose channels (for a lead of several teams; default: your own team)")


@dataclass(frozen=True)
class _TeamAlerts:
    team: str
    who: str  # the account's name
    settings: AlertSettings
    skipped: tuple[str, ...]
    own: bool = True  # the account's own team, so commands it suggests need no --team


def _team_alerts(ctx: CommandContext, team: str | None) -> _TeamAlerts:
    from dzdesk.alerts.team import team_alerts
    from dzdesk.store.account import hub_account

    with ctx.store.session() as session:
        account = hub_account(session)
        if account is None:
            raise CommandError("this laptop has not synced with a hub yet, so it knows no team and no alert "
                               "channels: a team's channels are set by its lead on the hub and arrive with the first "
                               "sync (`dzdesk login`, then `dzdesk sync`)", exit_code=EXIT_UNUSABLE)
        chosen = account.team if team is None else team
        if chosen not in {account.team, *account.teams}:
            raise CommandError(f"--team {team}: this laptop holds no settings of that team (it has not synced as a "
                               "member or lead of it)", exit_code=EXIT_UNUSABLE)
        settings, skipped = team_alerts(session, chosen)
    for why in skipped:
        print(f"dzdesk: passed over: {why}", file=sys.stderr)
    return _TeamAlerts(chosen, account.name, settings, tuple(skipped), chosen == account.team)


def _where_to_put(found: _TeamAlerts, name: str) -> str:
    return (f"keep it with `dzdesk alerts set-url {name}" + ("" if found.own else f" --team {found.team}") + "` (it "
            f"asks for the URL), or set {alert_channel_env(name)} in the environment of the process that sends")


@dataclass(frozen=True)
class _UrlOnMachine:
    url: str | None
    where: str  # "environment", "keyring" or ""
    problem: str  # why it cannot be used, or ""


def _url_on_machine(found: _TeamAlerts, channel: Channel) -> _UrlOnMachine:
    from dzdesk.alerts.urls import url_problem

    try:
        url, where = alert_channel_url(found.team, channel.name)
    except KeyringUnavailableError:
        env = alert_channel_env(channel.name)
        return _UrlOnMachine(None, "", f"this machine has no keyring to keep it in; set {env} in the environment of "
                                       "the process that sends")
    if url is None:
        return _UrlOnMachine(None, "", f"no URL on this machine: {_where_to_put(found, channel.name)}")
    problem = url_problem(channel.kind, url)
    return _UrlOnMachine(url, where, f"the URL kept in the {where} cannot be used: {problem}" if problem else "")


def _where_shown(channel: Channel, held: _UrlOnMachine) -> str:
    if held.url is None:
        return "no URL on this machine"
    where = f"from {alert_channel_env(channel.name)}" if held.where == ENVIRONMENT else "in the keyring"
    return where + (" (cannot be used)" if held.problem else "")


def _rules_lines(rules: AlertRules) -> list[str]:
    warn = ", ".join(f"{p} %" for p in rules.fault_warn_percent) or "no point"
    fault = f"warn at {warn} of the response time"
    if rules.fault_warn_at_breach:
        fault += ", at the breach"
    if rules.fault_lead_after_minutes is not None:
        fault += f", the lead {rules.fault_lead_after_minutes} min after it"
        fault += f" (on {', '.join(rules.lead_channels)})" if rules.lead_channels else " (on every channel)"
    return [
        f"faults: {fault}",
        f"complaints: a reply due tomorrow is {'announced' if rules.complaint_reply_due_tomorrow else 'not announced'}",
        f"visit follow-ups: an overdue one is {'announced' if rules.visit_follow_up_overdue else 'not announced'}",
        f"certificates: a digest daily at {rules.certificate_digest_at.strftime('%H:%M')} (Asia/Shanghai) of those "
        f"expiring within {rules.certificate_days_ahead} days",
    ]


def run_list(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
    channels = found.settings.channels
    held = {c.name: _url_on_machine(found, c) for c in channels}
    if args.json:
        print(json.dumps({
            "team": found.team,
            "channels": [{"name": c.name, "kind": c.kind.value, "label": c.label,
                          "url_on_this_machine": held[c.name].url is not None,
                          "url_from": held[c.name].where or None, "problem": held[c.name].problem or None,
                          "environment_variable": alert_channel_env(c.name)} for c in channels],
            "rules": found.settings.rules.to_json(),
            "passed_over": list(found.skipped),
        }, ensure_ascii=False, indent=2))
        return 0
    print(f"team {found.team or '-'}: {len(channels)} alert channel{'' if len(channels) == 1 else 's'}")
    if not channels:
        print("  none yet: a lead of the team adds them, and they arrive with the next sync")
    width = max((len(c.name) for c in channels), default=0)
    for channel in channels:
        print(f"  {channel.name:<{width}}  {channel.kind.value:<8}  {channel.shown}  URL: "
              f"{_where_shown(channel, held[channel.name])}")
        if held[channel.name].problem:
            print(f"  {'':<{width}}  {held[channel.name].problem}")
    print("rules:")
    for line in _rules_lines(found.settings.rules):
        print(f"  {line}")
    return 0


def _channel(found: _TeamAlerts, name: str) -> Channel:
    channel = found.settings.channel(name)
    if channel is None:
        known = ", ".join(c.name for c in found.settings.channels) or "none yet"
        raise CommandError(f"team {found.team or '-'} has no alert channel {name!r} (its channels: {known})",
                           exit_code=EXIT_UNUSABLE)
    return channel


def _read_url(channel: Channel) -> str:
    """From a hidden prompt at a terminal, else the first line of stdin: never from argv."""
    if sys.stdin.isatty():
        url = getpass.getpass(f"URL of {channel.name} ({channel.kind.label_zh}): ")
    else:
        url = sys.stdin.readline()
    url = url.strip()
    if not url:
        raise CommandError("no URL given; nothing was kept", exit_code=EXIT_UNUSABLE)
    return url


def run_set_url(args: argparse.Namespace) -> int:
    from dzdesk.alerts.urls import ChannelUrlError, channel_url

    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
    channel = _channel(found, args.name)
    typed = _read_url(channel)
    try:
        built = channel_url(channel.kind, typed)
    except ChannelUrlError as exc:
        raise CommandError(f"{exc}; nothing was kept", exit_code=EXIT_UNUSABLE) from None
    try:
        set_secret(alert_channel_key(found.team, channel.name), typed)
    except KeyringUnavailableError:
        raise CommandError(f"this machine has no keyring to keep the URL in; set {alert_channel_env(channel.name)} "
                           "in the environment of the process that sends instead", exit_code=EXIT_UNUSABLE) from None
    print(f"the URL of {channel.name} ({channel.kind.label_zh}, to {built.destination}) is kept in this machine's "
          "keyring")
    env = alert_channel_env(channel.name)
    if os.environ.get(env, "").strip():
        print(f"note: {env} is set here too, and wins over the keyring", file=sys.stderr)
    return 0


def _sender(found: _TeamAlerts, ctx_profile_name: str) -> str:
    return found.who or ctx_profile_name or socket.gethostname()


def run_test(args: argparse.Namespace) -> int:
    from dzdesk.alerts.messages import channel_test_message
    from dzdesk.alerts.send import ChannelTarget, Delivery, Outcome, send

    if not 0 < args.timeout <= 300:
        raise CommandError("--timeout is between 0 and 300 seconds", exit_code=EXIT_UNUSABLE)
    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
        profile_name = ctx.settings.profile.name
    channels = [_channel(found, args.channel)] if args.channel else list(found.settings.channels)
    if not channels:
        raise CommandError(f"team {found.team or '-'} has no alert channels yet: a lead of the team adds them, and "
                           "they arrive with the next sync", exit_code=EXIT_UNUSABLE)
    held = {c.name: _url_on_machine(found, c) for c in channels}
    ready = [c for c in channels if held[c.name].url is not None and not held[c.name].problem]
    message = channel_test_message(_sender(found, profile_name))
    sent = send(message, [ChannelTarget(c.name, c.kind, held[c.name].url or "") for c in ready], args.timeout)
    by_name: dict[str, Delivery] = {d.channel: d for d in sent}
    for channel in channels:
        if channel.name not in by_name:
            by_name[channel.name] = Delivery(channel.name, Outcome.UNUSABLE, held[channel.name].problem)
    deliveries = [by_name[c.name] for c in channels]
    if args.json:
        print(json.dumps({"team": found.team, "message": message.body,
                          "channels": [{"name": d.channel, "outcome": d.outcome.value, "sent": d.sent,
                                        "why": d.why or None} for d in deliveries]},
                         ensure_ascii=False, indent=2))
    else:
        width = max(len(c.name) for c in channels)
        for channel, delivery in zip(channels, deliveries, strict=True):
            said = "sent" if delivery.sent else f"not sent ({delivery.outcome.value}): {delivery.why}"
            print(f"{channel.name:<{width}}  {channel.kind.label_zh}  {said}")
        if any(d.sent and c.kind in {ChannelKind.DINGTALK, ChannelKind.WECOM}
               for c, d in zip(channels, deliveries, strict=True)):
            print("note: DingTalk and WeCom take a message even when the group's robot then drops it (a keyword it "
                  "requires is missing): look in the group. Every dzdesk alert starts with “【”, a keyword that fits "
                  "them all.")
    if any(d.outcome is Outcome.UNUSABLE for d in deliveries):
        return EXIT_UNUSABLE
    return 0 if all(d.sent for d in deliveries) else 1

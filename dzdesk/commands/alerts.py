"""`dzdesk alerts list|set-url|test|add-channel|remove-channel|rules`: the team's alert channels and rules, their
URLs on this machine, and a test message.

A team's channels and rules are team settings a lead keeps: a lead changes them here (`add-channel`,
`remove-channel`, `rules`) or under Settings → Alert channels, and they reach the hub and every laptop of the team
at the next sync, so a laptop that never synced has none. Anyone else is refused, and nothing changes. A channel's
URL is a secret and never synced: each machine keeps it in its keyring (`alerts set-url`, which reads it from a
prompt or stdin, never from the command line where other users and the shell's history would see it) or, for the
watcher, in the environment variable DZDESK_ALERT_URL_<NAME>.

What is done lives in `dzdesk.operations.alerts`, which the window calls too; this module reads the options and
says the outcome. Exit codes: 0 done, 2 unusable input or not allowed; `alerts test` gives 1 when a channel that
was tried did not take the message.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING, Any

from dzdesk.commands.common import CommandContext, CommandError, command_context, data_dir_options
from dzdesk.domain.alert_settings import AlertRules, Channel, ChannelKind
from dzdesk.secrets import ENVIRONMENT, alert_channel_env

if TYPE_CHECKING:
    from dzdesk.operations.alert_channels import UrlOnMachine
    from dzdesk.operations.alerts import AlertsSaved, TeamAlerts

EXIT_UNUSABLE = 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("alerts", help="the team's alert channels: list, change, keep a URL, send a test",
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
    add = actions.add_parser("add-channel", help="adds a channel to the team's alerts, or relabels one (a lead "
                             "only; the team takes it at the next sync)", parents=[data_dir_options()])
    add.add_argument("name", help="lowercase letters, digits and -, e.g. ops-1")
    add.add_argument("--kind", required=True, choices=[k.value for k in ChannelKind],
                     help="a DingTalk, WeCom or Feishu group's robot, a mailbox, or a JSON webhook")
    add.add_argument("--label", default="", metavar="TEXT", help="what people call it, e.g. 运维一组群 (no URL)")
    _team_option(add)
    add.set_defaults(func=run_add_channel)
    remove = actions.add_parser("remove-channel", help="takes a channel out of the team's alerts (a lead only)",
                                parents=[data_dir_options()])
    remove.add_argument("name", help="the channel's name, as `alerts list` shows it")
    _team_option(remove)
    remove.set_defaults(func=run_remove_channel)
    rules = actions.add_parser("rules", help="shows the team's alert rules; with options, a lead changes those "
                               "given and keeps the others", parents=[data_dir_options()])
    rules.add_argument("--warn-at", metavar="PERCENTS", default=None,
                       help="warn at these percentages of a fault's response time, e.g. 50,80 (none: no warning)")
    rules.add_argument("--breach", action=argparse.BooleanOptionalAction, default=None,
                       help="warn when a fault's response time has passed")
    rules.add_argument("--lead-after", metavar="MINUTES|never", default=None,
                       help="tell the lead this many minutes after a breach, or never")
    rules.add_argument("--lead-channels", metavar="NAMES", default=None,
                       help="the channels the lead's alert goes to, e.g. ops-1,duty-mail (all: every channel)")
    rules.add_argument("--complaints", choices=["on", "off"], default=None,
                       help="announce a complaint whose reply is due tomorrow")
    rules.add_argument("--follow-ups", choices=["on", "off"], default=None,
                       help="announce an overdue follow-up of a visit")
    rules.add_argument("--digest-at", metavar="HH:MM", default=None,
                       help="the time of the daily certificate digest (Asia/Shanghai)")
    rules.add_argument("--cert-days", metavar="N", default=None,
                       help="list the certificates that expire within N days")
    rules.add_argument("--json", action="store_true", help="print the rules in force as one JSON object")
    _team_option(rules)
    rules.set_defaults(func=run_rules)


def _team_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", default=None, metavar="TEAM",
                        help="the team whose channels (for a lead of several teams; default: your own team)")


def _team_alerts(ctx: CommandContext, team: str | None) -> TeamAlerts:
    from dzdesk.operations.alerts import TeamNotHeldError, read_alerts

    try:
        found = read_alerts(ctx.store, team)
    except TeamNotHeldError as exc:
        raise CommandError(f"--team {team}: {exc}", exit_code=EXIT_UNUSABLE) from None
    if not found.synced:
        raise CommandError("this laptop has not synced with a hub yet, so it knows no team and no alert "
                           "channels: a team's channels are set by its lead on the hub and arrive with the first "
                           "sync (`dzdesk login`, then `dzdesk sync`)", exit_code=EXIT_UNUSABLE)
    for why in found.skipped:
        print(f"dzdesk: passed over: {why}", file=sys.stderr)
    return found


def _team_flag(found: TeamAlerts) -> str:
    return "" if found.own else f" --team {found.team}"


def _where_to_put(found: TeamAlerts, name: str) -> str:
    return (f"keep it with `dzdesk alerts set-url {name}{_team_flag(found)}` (it asks for the URL), or set "
            f"{alert_channel_env(name)} in the environment of the process that sends")


def _problem(found: TeamAlerts, channel: Channel, held: UrlOnMachine) -> str:
    """Why the channel cannot be tried from here, with where to put its URL when there is none."""
    from dzdesk.operations.alert_channels import UrlState

    if held.state is UrlState.MISSING:
        return f"{held.problem}: {_where_to_put(found, channel.name)}"
    return held.problem


def _where_shown(channel: Channel, held: UrlOnMachine) -> str:
    if not held.held:
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
    else:
        fault += ", never the lead"
    return [
        f"faults: {fault}",
        f"complaints: a reply due tomorrow is {'announced' if rules.complaint_reply_due_tomorrow else 'not announced'}",
        f"visit follow-ups: an overdue one is {'announced' if rules.visit_follow_up_overdue else 'not announced'}",
        f"certificates: a digest daily at {rules.certificate_digest_at.strftime('%H:%M')} (Asia/Shanghai) of those "
        f"expiring within {rules.certificate_days_ahead} days",
    ]


def run_list(args: argparse.Namespace) -> int:
    from dzdesk.operations.alert_channels import url_on_machine

    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
    assert found.team is not None
    channels = found.settings.channels
    held = {c.name: url_on_machine(found.team, c) for c in channels}
    problems = {c.name: _problem(found, c, held[c.name]) for c in channels}
    if args.json:
        print(json.dumps({
            "team": found.team,
            "channels": [{"name": c.name, "kind": c.kind.value, "label": c.label,
                          "url_on_this_machine": held[c.name].held,
                          "url_from": held[c.name].where or None,
                          "problem": problems[c.name] or None,
                          "environment_variable": alert_channel_env(c.name)} for c in channels],
            "rules": found.settings.rules.to_json(),
            "editable": found.editable,
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
        if problems[channel.name]:
            print(f"  {'':<{width}}  {problems[channel.name]}")
    print("rules:")
    for line in _rules_lines(found.settings.rules):
        print(f"  {line}")
    return 0


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


def _channel(found: TeamAlerts, name: str) -> Channel:
    from dzdesk.operations.alerts import UnknownChannelError, find_channel

    try:
        return find_channel(found, name)
    except UnknownChannelError as exc:
        raise CommandError(str(exc), exit_code=EXIT_UNUSABLE) from None


def run_set_url(args: argparse.Namespace) -> int:
    from dzdesk.operations.alert_channels import keep_channel_url
    from dzdesk.operations.alerts import UrlNotKeptError

    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
    assert found.team is not None
    channel = _channel(found, args.name)
    typed = _read_url(channel)
    try:
        kept = keep_channel_url(found.team, channel, typed)
    except UrlNotKeptError as exc:
        raise CommandError(f"{exc}; nothing was kept", exit_code=EXIT_UNUSABLE) from None
    print(f"the URL of {channel.name} ({channel.kind.label_zh}, to {kept.destination}) is kept in this machine's "
          "keyring")
    if kept.environment_wins:
        print(f"note: {kept.environment_variable} is set here too, and wins over the keyring", file=sys.stderr)
    return 0


def run_test(args: argparse.Namespace) -> int:
    from dzdesk.operations.alert_channels import channels_to_test, send_test, sender_name
    from dzdesk.operations.alerts import AlertsError

    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
        profile_name = ctx.settings.profile.name
    assert found.team is not None
    try:
        channels = channels_to_test(found, args.channel)
        result = send_test(found.team, channels, sender_name(found, profile_name), args.timeout)
    except AlertsError as exc:
        raise CommandError(str(exc), exit_code=EXIT_UNUSABLE) from None

    def why(tried: Any) -> str:
        return tried.delivery.why if tried.held.usable else _problem(found, tried.channel, tried.held)

    if args.json:
        print(json.dumps({"team": found.team, "message": result.message.body,
                          "channels": [{"name": t.channel.name, "outcome": t.delivery.outcome.value, "sent": t.sent,
                                        "why": why(t) or None} for t in result.tried]},
                         ensure_ascii=False, indent=2))
    else:
        width = max(len(t.channel.name) for t in result.tried)
        for tried in result.tried:
            said = "sent" if tried.sent else f"not sent ({tried.delivery.outcome.value}): {why(tried)}"
            print(f"{tried.channel.name:<{width}}  {tried.channel.kind.label_zh}  {said}")
        if any(t.sent and t.channel.kind in {ChannelKind.DINGTALK, ChannelKind.WECOM} for t in result.tried):
            print("note: DingTalk and WeCom take a message even when the group's robot then drops it (a keyword it "
                  "requires is missing): look in the group. Every dzdesk alert starts with “【”, a keyword that fits "
                  "them all.")
    if result.any_unusable:
        return EXIT_UNUSABLE
    return 0 if result.all_sent else 1


# -- what a lead changes ------------------------------------------------------------------------------------------
def _save(ctx: CommandContext, found: TeamAlerts, edit: Any) -> AlertsSaved:
    """Saves through the operation; refused in words, changing nothing, for anyone but a lead of the team."""
    from dzdesk.operations.alerts import SettingsNotYoursError, save_alerts

    assert found.team is not None
    try:
        return save_alerts(ctx.store, found.team, edit)
    except SettingsNotYoursError as exc:
        raise CommandError(str(exc), exit_code=EXIT_UNUSABLE) from None
    except ValueError as exc:
        raise CommandError(f"{exc}; nothing was changed", exit_code=EXIT_UNUSABLE) from None


def _reaches(saved: AlertsSaved) -> str:
    if not saved.changed:
        return "nothing changed"
    return f"saved as team {saved.team or '-'}'s settings; the change reaches the team at its next sync"


def run_add_channel(args: argparse.Namespace) -> int:
    from dzdesk.operations.alerts import AlertEdit

    channel = Channel(args.name, ChannelKind(args.kind), args.label.strip())
    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
        saved = _save(ctx, found, AlertEdit(put=(channel,)))
    done = "added" if saved.added else "relabelled" if saved.relabelled else "unchanged"
    print(f"channel {channel.name} ({channel.kind.label_zh}, {channel.shown}) {done}: {_reaches(saved)}")
    if saved.added:
        print(f"next, on each machine that sends: keep its URL with `dzdesk alerts set-url {channel.name}"
              f"{_team_flag(found)}`, or set {alert_channel_env(channel.name)} for the watcher")
    return 0


def run_remove_channel(args: argparse.Namespace) -> int:
    from dzdesk.operations.alerts import AlertEdit, SettingsNotYoursError, ensure_editable

    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
        try:
            ensure_editable(found)  # a refusal comes before whether the channel exists
        except SettingsNotYoursError as exc:
            raise CommandError(str(exc), exit_code=EXIT_UNUSABLE) from None
        channel = _channel(found, args.name)
        saved = _save(ctx, found, AlertEdit(remove=(channel.name,)))
    forgotten = "; this machine's keyring no longer keeps its URL" if saved.urls_forgotten else ""
    print(f"channel {channel.name} ({channel.kind.label_zh}, {channel.shown}) removed: {_reaches(saved)}{forgotten}")
    for note in saved.notes:
        print(f"note: {note}")
    return 0


def _rule_changes(args: argparse.Namespace) -> dict[str, Any]:
    """The rule fields the options give, read as the operation reads them; CommandError (exit 2) naming the option."""
    from dzdesk.operations.alerts import (
        parse_certificate_days,
        parse_channel_names,
        parse_digest_at,
        parse_lead_after,
        parse_warn_points,
    )

    readers: list[tuple[str, str, Any]] = [
        ("warn_at", "fault_warn_percent", parse_warn_points),
        ("lead_after", "fault_lead_after_minutes", parse_lead_after),
        ("lead_channels", "lead_channels", parse_channel_names),
        ("digest_at", "certificate_digest_at", parse_digest_at),
        ("cert_days", "certificate_days_ahead", parse_certificate_days),
    ]
    changes: dict[str, Any] = {}
    for option, rule, read in readers:
        given = getattr(args, option)
        if given is None:
            continue
        try:
            changes[rule] = read(given)
        except ValueError as exc:
            raise CommandError(f"--{option.replace('_', '-')}: {exc}; nothing was changed",
                               exit_code=EXIT_UNUSABLE) from None
    if args.breach is not None:
        changes["fault_warn_at_breach"] = args.breach
    if args.complaints is not None:
        changes["complaint_reply_due_tomorrow"] = args.complaints == "on"
    if args.follow_ups is not None:
        changes["visit_follow_up_overdue"] = args.follow_ups == "on"
    return changes


def run_rules(args: argparse.Namespace) -> int:
    from dzdesk.operations.alerts import AlertEdit

    changes = _rule_changes(args)
    with command_context(args) as ctx:
        found = _team_alerts(ctx, args.team)
        saved = _save(ctx, found, AlertEdit(rules=changes)) if changes else None
    rules = found.settings.rules if saved is None else saved.settings.rules
    out = sys.stderr if args.json else sys.stdout  # --json keeps stdout one JSON object
    if saved is not None:
        print(f"rules {_reaches(saved)}", file=out)
    if args.json:
        print(json.dumps({"team": found.team, "rules": rules.to_json(), "editable": found.editable},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"team {found.team or '-'}'s alert rules" + ("" if found.editable else
                                                      " (only a lead of the team changes them)") + ":")
    for line in _rules_lines(rules):
        print(f"  {line}")
    return 0

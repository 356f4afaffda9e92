"""`dzdesk probe`: one sweep for scheduled use, and `dzdesk targets` to list, import and export what is probed.

Exit codes of `probe`: 0 when every target answered as expected, 1 when any failed, 2 when the input is unusable.
A sweep of the stored targets is recorded in the history like the GUI's; a sweep of a file is not.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path

from dzdesk.atomic_file import write_text_atomically
from dzdesk.commands.common import CommandError, command_context, data_dir_options, load_settings
from dzdesk.config import resolve_data_dir
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_outcome import ProbeOutcome
from dzdesk.domain.probe_target import ProbeTarget, dump_targets
from dzdesk.domain.timefmt import iso_local
from dzdesk.operations.probe_targets import TargetsFileProblemError, import_targets_file, read_targets_file
from dzdesk.probes.options import ProbeOptionsError
from dzdesk.probes.stored import options_for, sweep_stored
from dzdesk.probes.sweep import run_sweep
from dzdesk.store.probe_repo import ensure_default_targets, stored_targets


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("probe", help="probe every target once (exit 1 when any failed)",
                                   parents=[data_dir_options()])
    parser.add_argument("--targets", metavar="FILE", type=Path,
                        help="probe the targets of this TOML file instead of the stored ones (not recorded)")
    parser.add_argument("--json", action="store_true", help="print a JSON list of results")
    parser.set_defaults(func=run_probe)

    targets = subparsers.add_parser("targets", help="list, import or export the probe targets")
    actions = targets.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list the stored targets", parents=[data_dir_options()])
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)
    importing = actions.add_parser("import", help="merge a targets file: same name updates, new name adds",
                                   parents=[data_dir_options()])
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.set_defaults(func=run_import)
    exporting = actions.add_parser("export", help="write the stored targets as TOML", parents=[data_dir_options()])
    exporting.add_argument("-o", "--output", metavar="FILE", type=Path, required=True)
    exporting.set_defaults(func=run_export)
    schedule = actions.add_parser("schedule", help="the team's probe schedule the watcher follows (a lead sets it)",
                                  parents=[data_dir_options()])
    schedule.add_argument("--interval", type=int, default=None, metavar="MINUTES", help="sweep every MINUTES")
    schedule.add_argument("--confirm-failures", type=int, default=None, metavar="N",
                          help="failures in a row that confirm a target down")
    schedule.add_argument("--confirm-successes", type=int, default=None, metavar="N",
                          help="successes in a row that confirm it up again")
    schedule.add_argument("--team", default=None, metavar="TEAM", help="for a lead of several teams")
    schedule.set_defaults(func=run_schedule)


def run_probe(args: argparse.Namespace) -> int:
    if args.targets is not None:
        data_dir = resolve_data_dir(getattr(args, "data_dir", None))
        try:
            targets = read_targets_file(args.targets, load_catalogue(data_dir.catalogue_file))
        except TargetsFileProblemError as exc:
            raise CommandError(str(exc), exit_code=2) from exc
        unconfigured = [t.name for t in targets if t.enabled and not t.configured]
        if unconfigured:
            raise CommandError(f"{args.targets}: target “{unconfigured[0]}” has no address (url or host)",
                               exit_code=2)
        probed = [t for t in targets if t.enabled]
        settings = load_settings(data_dir)
        try:
            outcomes = run_sweep(probed, options_for(settings.probes, probed))
        except ProbeOptionsError as exc:
            raise CommandError(str(exc), exit_code=2) from exc
    else:
        with command_context(args) as ctx:
            with ctx.store.transaction() as session:
                ensure_default_targets(session, load_catalogue(ctx.data_dir.catalogue_file))
            with ctx.store.session() as session:
                probed = [target for _id, target in stored_targets(session) if target.probed]
            if not probed:
                raise CommandError("no target has an address yet: fill them in on the probe board or with "
                                   "`dzdesk targets import FILE`", exit_code=2)
            try:
                report = sweep_stored(ctx.store, ctx.settings.probes)
            except ProbeOptionsError as exc:
                raise CommandError(str(exc), exit_code=2) from exc
            outcomes = [outcome for _id, outcome in report.outcomes]
    by_name = {t.name: t for t in probed}
    if args.json:
        print(json.dumps([_as_json(o, by_name[o.target]) for o in outcomes], ensure_ascii=False, indent=2))
    else:
        _print_table(outcomes)
    return 0 if all(o.ok for o in outcomes) else 1


def _as_json(outcome: ProbeOutcome, target: ProbeTarget) -> dict[str, object]:
    cert = outcome.cert
    return {"name": outcome.target, "platform": target.platform, "kind": str(target.kind),
            "address": target.address, "ok": outcome.ok, "latency_ms": outcome.latency_ms,
            "error": outcome.error or None, "failure": outcome.failure.name.lower() if outcome.failure else None,
            "status_code": outcome.status_code, "redirects": outcome.redirects, "phases": outcome.phases,
            "started_at": iso_local(outcome.started_at),
            "cert_days_left": outcome.cert_days_left(), "cert_issuer": cert.issuer if cert else None,
            "cert_not_after": iso_local(cert.not_after) if cert else None,
            "warnings": [w.name.lower() for w in outcome.warnings]}


def _display_width(text: str) -> int:
    """Columns a terminal gives `text`: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _print_table(outcomes: list[ProbeOutcome]) -> None:
    width = max((_display_width(o.target) for o in outcomes), default=4)
    for outcome in outcomes:
        latency = "" if outcome.latency_ms is None else f"{outcome.latency_ms:.0f} ms"
        state = "ok  " if outcome.ok else "FAIL"
        notes = [outcome.error] if outcome.error else []
        days = outcome.cert_days_left()
        if days is not None:
            notes.append(f"certificate {days} days left")
        notes.extend(w.value for w in outcome.warnings)
        padding = " " * (width - _display_width(outcome.target))
        print(f"{state} {outcome.target}{padding} {latency:>9}  {'; '.join(notes)}")
    failed = sum(not o.ok for o in outcomes)
    print(f"{len(outcomes)} targets, {failed} failed")


def run_list(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        with ctx.store.transaction() as session:
            ensure_default_targets(session, load_catalogue(ctx.data_dir.catalogue_file))
        with ctx.store.session() as session:
            targets = [target for _id, target in stored_targets(session)]
    if args.json:
        rows = [{"name": t.name, "platform": t.platform, "kind": str(t.kind), "address": t.address,
                 "enabled": t.enabled, "configured": t.configured} for t in targets]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for target in targets:
        address = target.address or "(no address yet)"
        print(f"{target.name}\t{target.platform}\t{target.kind}\t{address}" + ("" if target.enabled else "\toff"))
    return 0


def run_import(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        catalogue = load_catalogue(ctx.data_dir.catalogue_file)
        try:
            targets = read_targets_file(args.file, catalogue)
        except TargetsFileProblemError as exc:
            raise CommandError(str(exc), exit_code=2) from exc
        summary = import_targets_file(ctx.store, catalogue, targets)
    print(f"{summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged")
    return 0


def run_export(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        with ctx.store.transaction() as session:
            ensure_default_targets(session, load_catalogue(ctx.data_dir.catalogue_file))
        with ctx.store.session() as session:
            targets = [target for _id, target in stored_targets(session)]
    try:
        write_text_atomically(args.output, dump_targets(targets))
    except OSError as exc:
        raise CommandError(f"{args.output}: cannot be written ({exc.strerror or exc})") from exc
    print(f"{len(targets)} targets written to {args.output}")
    return 0


def run_schedule(args: argparse.Namespace) -> int:
    """Prints the team's schedule; with options, a lead changes it (it reaches the watcher at its next sync)."""
    from dataclasses import replace

    from sqlalchemy import select

    from dzdesk.domain.probe_schedule import PREFIX, SCHEDULE_KEY, read_schedule, setting_problem
    from dzdesk.store.account import hub_account
    from dzdesk.store.team_models import TeamSetting
    from dzdesk.store.team_settings import SettingsNotYoursError, write_team_settings

    with command_context(args) as ctx:
        with ctx.store.session() as session:
            account = hub_account(session)
            if account is None:
                raise CommandError("this laptop has not synced with a team's hub yet: the probe schedule is the "
                                   "team's, kept on its hub", exit_code=2)
            team = account.team if args.team is None else args.team
            values = {r.key: r.value for r in session.scalars(select(TeamSetting).where(
                TeamSetting.team == team, TeamSetting.key == SCHEDULE_KEY, TeamSetting.deleted.is_(False)))}
        schedule = read_schedule(values)
        changes = {name: value for name, value in (("interval_minutes", args.interval),
                                                   ("confirm_failures", args.confirm_failures),
                                                   ("confirm_successes", args.confirm_successes)) if value is not None}
        if changes:
            schedule = replace(schedule, **changes)
            problem = setting_problem(SCHEDULE_KEY, schedule.to_json())
            if problem:
                raise CommandError(problem + "; nothing was changed", exit_code=2)
            try:
                with ctx.store.transaction() as session:
                    write_team_settings(session, team, PREFIX, {SCHEDULE_KEY: schedule.to_json()})
            except SettingsNotYoursError as exc:
                raise CommandError(str(exc), exit_code=2) from exc
    print(f"team {team or '-'}: sweep every {schedule.interval_minutes} min; down after "
          f"{schedule.confirm_failures} failures, up after {schedule.confirm_successes} successes"
          + ("; it reaches the watcher at the next sync" if changes else ""))
    return 0

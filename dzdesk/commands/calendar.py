"""`dzdesk calendar …`: the working calendar the response clock runs on — shown, read from the State Council's
notice as published, and sent between laptops as a file.

On a laptop that has synced with a hub the calendar in force is its team's: a lead changes it here and it reaches
every laptop of the team at their next sync; anyone else is refused, and nothing changes. A laptop without a hub
keeps its calendar in its own settings.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from dzdesk.atomic_file import write_text_atomically
from dzdesk.commands.common import CommandContext, CommandError, command_context, data_dir_options
from dzdesk.config import Settings, SettingsError
from dzdesk.domain.calendar_days import special_days
from dzdesk.domain.holiday_notice import NoticeReading, read_notice, with_notice
from dzdesk.domain.timefmt import format_local, iso_local
from dzdesk.domain.working_calendar import WorkingCalendar, day_key, replace_days, setting_meaning

if TYPE_CHECKING:
    from dzdesk.store.team_calendar import CalendarInForce

log = logging.getLogger(__name__)
FILE_FORMAT = "dzdesk-calendar/1"
_FILE_KEYS = ("business_hours", "extra_days_off", "extra_working_days", "complete_years", "day_notes")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("calendar", help="the working calendar deadlines run on",
                                   parents=[data_dir_options()])
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="every day off and adjusted working day of a year, and where it came from",
                              parents=[data_dir_options()])
    show.add_argument("--year", type=int, default=None, help="the year (default: this year)")
    show.add_argument("--json", action="store_true", help="print one JSON object")
    _team_option(show)
    show.set_defaults(func=run_show)
    notice = actions.add_parser("import-notice", help="reads the State Council's holiday notice as published",
                                parents=[data_dir_options()])
    notice.add_argument("file", type=Path, help="the notice's text (UTF-8), as pasted from the published page")
    notice.add_argument("--year", type=int, default=None, help="the notice's year, when its text does not say it")
    notice.add_argument("--dry-run", action="store_true", help="show what it reads; change nothing")
    notice.add_argument("--json", action="store_true", help="print every day read, with the line it came from")
    _team_option(notice)
    notice.set_defaults(func=run_import_notice)
    export = actions.add_parser("export", help="writes the calendar to a file a lead can send",
                                parents=[data_dir_options()])
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write (JSON)")
    _team_option(export)
    export.set_defaults(func=run_export)
    take = actions.add_parser("import", help="takes the calendar from a file `calendar export` wrote",
                              parents=[data_dir_options()])
    take.add_argument("file", type=Path)
    _team_option(take)
    take.set_defaults(func=run_import)


def _team_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", default=None, metavar="TEAM",
                        help="the team whose calendar (for a lead of several teams; default: your own team)")


def _check_year(year: int | None) -> int:
    year = year or datetime.now(UTC).year
    if not 2000 <= year <= 2100:
        raise CommandError(f"--year {year}: give a year between 2000 and 2100", exit_code=2)
    return year


def _in_force(ctx: CommandContext, team: str | None) -> CalendarInForce:
    from dzdesk.operations.calendar import current_calendar

    in_force = current_calendar(ctx.store, ctx.settings, team)
    if team is not None and (in_force.account is None or team not in {in_force.account.team, *in_force.account.teams}):
        raise CommandError(f"--team {team}: this laptop holds no calendar of that team (it has not synced as a "
                           "member or lead of it)", exit_code=2)
    return in_force


def run_show(args: argparse.Namespace) -> int:
    year = _check_year(args.year)
    with command_context(args) as ctx:
        in_force = _in_force(ctx, args.team)
    calendar = in_force.calendar.business_calendar()
    days = special_days(calendar, in_force.calendar.notes, year)
    known = calendar.year_is_known(year)
    marks = in_force.marks
    if args.json:
        def changed(day: date) -> dict[str, str | None]:
            mark = marks.get(day_key(day))
            return {} if mark is None else {"changed_by": mark.changed_by, "changed_at": iso_local(mark.changed_at)}

        print(json.dumps({"year": year, "known": known, "business_hours": calendar.hours.format(),
                          "team": in_force.team, "editable": in_force.editable,
                          "days": [{"date": d.day.isoformat(), "off": d.off, "source": d.source.value,
                                    "note": d.note, **changed(d.day)} for d in days],
                          "changes": [{"key": m.key, "changed_by": m.changed_by,
                                       "changed_at": iso_local(m.changed_at), "removed": m.removed}
                                      for m in in_force.history()]}, ensure_ascii=False, indent=2))
        return 0
    print(f"{year}: business hours {calendar.hours.format()}"
          + ("" if known else "; this year's notice is not known yet, weekends alone are off"))
    print(f"  in force: {in_force.describe_owner()}"
          + ("" if in_force.editable else " (only a lead of the team changes it)"))
    for d in days:
        print(f"  {d.day.isoformat()}  {'off    ' if d.off else 'working'}  {d.source.value:<7}  {d.note}")
    history = in_force.history()
    if history:
        print("  latest changes:")
        for mark in history[:10]:
            print(f"    {format_local(mark.changed_at)}  {mark.changed_by}  {'removed' if mark.removed else 'set'} "
                  f"{_setting_text(mark.key, mark.value)}")
    return 0


def _setting_text(key: str, value: str) -> str:
    meaning = setting_meaning(key, value)
    if meaning is None:
        return key
    if meaning.kind == "hours":
        return f"business hours {meaning.hours}"
    if meaning.kind == "year":
        return f"{meaning.year} as complete"
    return f"{meaning.day} as {'a day off' if meaning.off else 'a working day'}"


def _reading_json(reading: NoticeReading) -> dict[str, object]:
    return {"year": reading.year, "ok": reading.ok, "supplement": reading.supplement,
            "days": [{"date": d.day.isoformat(), "off": d.off, "festival": d.festival, "line": d.line,
                      "line_number": d.line_number} for d in reading.days],
            "problems": [{"line_number": p.line_number, "line": p.line, "why": p.why} for p in reading.problems]}


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path} cannot be read as UTF-8 text: {exc}", exit_code=2) from exc


def run_import_notice(args: argparse.Namespace) -> int:
    year = _check_year(args.year) if args.year is not None else None
    reading = read_notice(_read_text(args.file), year)
    if args.json:
        print(json.dumps(_reading_json(reading), ensure_ascii=False, indent=2))
    if not reading.ok:
        for problem in reading.problems:
            where = f"line {problem.line_number}: “{problem.line}”: " if problem.line_number else ""
            print(f"{args.file}: {where}{problem.why}", file=sys.stderr)
        raise CommandError(f"{args.file}: the notice could not be read whole; nothing was applied", exit_code=2)
    assert reading.year is not None
    if not args.json:
        kind = "a notice changing an earlier one; only these days change" if reading.supplement else \
            "the year's notice; it replaces every day of the year entered before"
        print(f"{reading.year}: {len(reading.days_off)} days off, {len(reading.working_days)} adjusted working days "
              f"({kind})")
        for d in reading.days:
            print(f"  {d.day.isoformat()}  {'off    ' if d.off else 'working'}  {d.festival}")
    if args.dry_run:
        return 0
    with command_context(args, exclusive=True) as ctx:
        in_force = _in_force(ctx, args.team)
        _apply(ctx, in_force, _with_notice(in_force.calendar, reading),
               sys.stderr if args.json else sys.stdout)  # --json keeps stdout one JSON object
    return 0


def _with_notice(calendar: WorkingCalendar, reading: NoticeReading) -> WorkingCalendar:
    """The calendar with the notice's year replaced by what the notice says (days of other years are kept)."""
    entries = with_notice(calendar.days_off, calendar.working_days, calendar.complete_years,
                          {d.isoformat(): line for d, line in calendar.notes.items()}, reading)
    return replace_days(calendar, (date.fromisoformat(d) for d in entries.days_off),
                        (date.fromisoformat(d) for d in entries.working_days), entries.complete_years,
                        {date.fromisoformat(d): line for d, line in entries.notes.items()})


def _apply(ctx: CommandContext, in_force: CalendarInForce, calendar: WorkingCalendar,
           out: TextIO | None = None) -> None:
    """Keeps the calendar — in the settings, or as the team's to push at the next sync — and moves every stored
    deadline to it, saying how many moved and which faults turned. Refused in words, changing nothing, when the
    calendar is a team's this account does not lead."""
    from dzdesk.operations.calendar import save_calendar
    from dzdesk.store.team_calendar import CalendarNotYoursError

    out = out or sys.stdout
    try:
        saved = save_calendar(ctx.store, ctx.settings, ctx.data_dir.settings_file, in_force, calendar,
                              datetime.now(UTC))
    except CalendarNotYoursError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    except ValueError as exc:
        raise CommandError(f"the calendar cannot be used: {exc}; nothing was changed", exit_code=2) from exc
    ctx.settings = saved.settings
    where = "" if saved.team is None else \
        f" as team {saved.team or '-'}'s calendar; it reaches the team at the next sync"
    print(f"calendar saved{where}: {saved.moved} deadlines moved", file=out)
    for incident_id, title, on_time in saved.turned:
        print(f"  {title} ({incident_id[:8]}): {'now on time' if on_time else 'now late'}", file=out)


def _file_body(calendar: WorkingCalendar) -> dict[str, object]:
    return {"format": FILE_FORMAT, **{key: value for key, value in asdict(
        Settings().with_working_calendar(calendar)).items() if key in _FILE_KEYS}}


def run_export(args: argparse.Namespace) -> int:
    with command_context(args) as ctx:
        in_force = _in_force(ctx, args.team)
    try:
        write_text_atomically(args.output, json.dumps(_file_body(in_force.calendar), ensure_ascii=False, indent=2)
                              + "\n")
    except OSError as exc:
        raise CommandError(f"{args.output} cannot be written: {exc}") from exc
    print(f"wrote {args.output}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    try:
        raw = json.loads(_read_text(args.file))
    except ValueError as exc:
        raise CommandError(f"{args.file} is not a calendar file: {exc}", exit_code=2) from exc
    if not isinstance(raw, dict) or raw.get("format") != FILE_FORMAT:
        raise CommandError(f"{args.file} is not a calendar file written by `dzdesk calendar export`", exit_code=2)
    try:
        taken = Settings.from_json({key: raw[key] for key in _FILE_KEYS if key in raw}, args.file)
    except SettingsError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    with command_context(args, exclusive=True) as ctx:
        _apply(ctx, _in_force(ctx, args.team), taken.working_calendar())
    return 0

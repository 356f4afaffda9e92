"""`dzdesk calendar …`: the working calendar the response clock runs on — shown, read from the State Council's
notice as published, and sent between laptops as a file."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from dataclasses import asdict, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from dzdesk.atomic_file import write_text_atomically
from dzdesk.commands.common import (
    CommandContext,
    CommandError,
    command_context,
    data_dir_from,
    data_dir_options,
    load_settings,
)
from dzdesk.config import Settings, SettingsError
from dzdesk.domain.calendar_days import special_days
from dzdesk.domain.holiday_notice import NoticeReading, read_notice, with_notice

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
    show.set_defaults(func=run_show)
    notice = actions.add_parser("import-notice", help="reads the State Council's holiday notice as published",
                                parents=[data_dir_options()])
    notice.add_argument("file", type=Path, help="the notice's text (UTF-8), as pasted from the published page")
    notice.add_argument("--year", type=int, default=None, help="the notice's year, when its text does not say it")
    notice.add_argument("--dry-run", action="store_true", help="show what it reads; change nothing")
    notice.add_argument("--json", action="store_true", help="print every day read, with the line it came from")
    notice.set_defaults(func=run_import_notice)
    export = actions.add_parser("export", help="writes the calendar to a file a lead can send",
                                parents=[data_dir_options()])
    export.add_argument("-o", "--output", type=Path, required=True, help="the file to write (JSON)")
    export.set_defaults(func=run_export)
    take = actions.add_parser("import", help="takes the calendar from a file `calendar export` wrote",
                              parents=[data_dir_options()])
    take.add_argument("file", type=Path)
    take.set_defaults(func=run_import)


def _check_year(year: int | None) -> int:
    year = year or datetime.now(UTC).year
    if not 2000 <= year <= 2100:
        raise CommandError(f"--year {year}: give a year between 2000 and 2100", exit_code=2)
    return year


def run_show(args: argparse.Namespace) -> int:
    year = _check_year(args.year)
    settings = load_settings(data_dir_from(args))
    calendar = settings.calendar()
    notes = {date.fromisoformat(k): v for k, v in settings.day_notes.items()}
    days = special_days(calendar, notes, year)
    known = calendar.year_is_known(year)
    if args.json:
        print(json.dumps({"year": year, "known": known, "business_hours": calendar.hours.format(),
                          "days": [{"date": d.day.isoformat(), "off": d.off, "source": d.source.value,
                                    "note": d.note} for d in days]}, ensure_ascii=False, indent=2))
        return 0
    print(f"{year}: business hours {calendar.hours.format()}"
          + ("" if known else "; this year's notice is not known yet, weekends alone are off"))
    for d in days:
        print(f"  {d.day.isoformat()}  {'off    ' if d.off else 'working'}  {d.source.value:<7}  {d.note}")
    return 0


def _reading_json(reading: NoticeReading) -> dict[str, object]:
    return {"year": reading.year, "ok": reading.ok,
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
        print(f"{reading.year}: {len(reading.days_off)} days off, {len(reading.working_days)} adjusted working days")
        for d in reading.days:
            print(f"  {d.day.isoformat()}  {'off    ' if d.off else 'working'}  {d.festival}")
    if args.dry_run:
        return 0
    with command_context(args, exclusive=True) as ctx:
        settings = _with_notice(ctx.settings, reading)
        _apply(ctx, settings, sys.stderr if args.json else sys.stdout)  # --json keeps stdout one JSON object
    return 0


def _with_notice(settings: Settings, reading: NoticeReading) -> Settings:
    """The settings with the notice's year replaced by what the notice says (days of other years are kept)."""
    entries = with_notice((date.fromisoformat(d) for d in settings.extra_days_off),
                          (date.fromisoformat(d) for d in settings.extra_working_days),
                          settings.complete_years, settings.day_notes, reading)
    return replace(settings, extra_days_off=entries.days_off, extra_working_days=entries.working_days,
                   complete_years=entries.complete_years, day_notes=entries.notes)


def _apply(ctx: CommandContext, settings: Settings, out: TextIO | None = None) -> None:
    """Saves the calendar and moves every stored deadline to it, saying how many moved and which faults turned."""
    from dzdesk.store.incident_repo import shift_deadlines

    out = out or sys.stdout
    calendar = settings.calendar()
    with ctx.store.transaction() as session:
        shift = shift_deadlines(session, calendar, datetime.now(UTC))
    ctx.settings = settings
    settings.save(ctx.data_dir.settings_file)
    log.info("calendar applied: %d deadlines moved, %d faults changed on-time status", shift.moved, len(shift.turned))
    print(f"calendar saved: {shift.moved} deadlines moved", file=out)
    for turn in shift.turned:
        log.info("fault %s %s: %s", turn.incident_id, turn.title, "now on time" if turn.after else "now late")
        print(f"  {turn.title} ({turn.incident_id[:8]}): {'now on time' if turn.after else 'now late'}", file=out)


def run_export(args: argparse.Namespace) -> int:
    settings = load_settings(data_dir_from(args))
    body = {"format": FILE_FORMAT, **{key: getattr(settings, key) for key in _FILE_KEYS}}
    try:
        write_text_atomically(args.output, json.dumps(body, ensure_ascii=False, indent=2) + "\n")
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
    with command_context(args, exclusive=True) as ctx:
        merged = {**asdict(ctx.settings), **{key: raw[key] for key in _FILE_KEYS if key in raw}}
        try:
            settings = Settings.from_json(merged, args.file)
        except SettingsError as exc:
            raise CommandError(str(exc), exit_code=2) from exc
        _apply(ctx, settings)
    return 0


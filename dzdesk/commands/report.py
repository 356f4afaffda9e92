"""`dzdesk report KIND ...`: the documents dzdesk produces, headless. Each kind is one sub-command."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from dzdesk.commands.common import CommandError, command_context, data_dir_options
from dzdesk.config import Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.metrics import percent
from dzdesk.domain.timefmt import day_range, month_range, parse_day, parse_month, quarter_range, to_local, year_range
from dzdesk.operations.reports import (
    HealthRequest,
    OperationsRequest,
    ReportIssued,
    write_health_report,
    write_operations_report,
    write_visit_report,
)
from dzdesk.operations.signing import signing_key
from dzdesk.reports import training_sheets
from dzdesk.reports.cases_handout import render_handout
from dzdesk.reports.indicator_report import gather_indicator_month, render_indicator_report
from dzdesk.reports.operations_data import typical_cases
from dzdesk.reports.signing import SigningError, SigningKey
from dzdesk.reports.tabular import ExportError
from dzdesk.store.blobs import BlobStore
from dzdesk.store.indicator_repo import ensure_default_indicators
from dzdesk.store.training_repo import find_training


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="write a PDF report")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    visit = kinds.add_parser("visit", help="the signed visit report (上门服务单) of one visit",
                             parents=[data_dir_options()])
    visit.add_argument("visit", metavar="ID", help="the visit's id, the start of it, or its report number")
    visit.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _sign_option(visit, "once the customer has signed it")
    visit.set_defaults(func=run_visit)
    for name, help_text in (("sign-in", "the printable sign-in sheet (签到表) of a training session"),
                            ("attendance", "the attendance summary of a training session")):
        sheet = kinds.add_parser(name, help=help_text, parents=[data_dir_options()])
        sheet.add_argument("training", metavar="ID", help="the session's id or the start of it")
        sheet.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        sheet.set_defaults(func=run_training_sheet, sheet=name)
    for name, help_text, period_arg, period_help in (
            ("annual", "the annual operations report (年度运维报告)", "--year", "YYYY"),
            ("quarterly", "the quarterly operations report", "--quarter", "YYYY-Qn, e.g. 2026-Q3"),
            ("monthly", "the monthly operations report", "--month", "YYYY-MM")):
        report = kinds.add_parser(name, help=help_text, parents=[data_dir_options()])
        report.add_argument(period_arg, dest="period", required=True, metavar=period_help.split(",")[0],
                            help=period_help)
        report.add_argument("--platform", choices=["credit", "approval"], default=None,
                            help="one platform only (default: both)")
        report.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
        report.add_argument("--xlsx", metavar="FILE.xlsx", type=Path, default=None,
                            help="also write every figure of the report to this workbook")
        _sign_option(report, "a lead issues it")
        report.set_defaults(func=run_operations, kind=name)
    cases = kinds.add_parser("cases", help="the typical cases as a training handout (典型案例培训讲义)",
                             parents=[data_dir_options()])
    cases.add_argument("--year", dest="period", default=None, metavar="YYYY", help="the year (default: this year)")
    cases.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    cases.set_defaults(func=run_cases)
    indicators = kinds.add_parser("indicators", help="the monthly approval indicator analysis (审批指标分析报告)",
                                  parents=[data_dir_options()])
    indicators.add_argument("--month", required=True, metavar="YYYY-MM")
    indicators.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    indicators.set_defaults(func=run_indicators)
    health = kinds.add_parser("health", help="the health-evaluation report (健康评估报告) of a period",
                              parents=[data_dir_options()])
    health.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD", help="first day, inclusive")
    health.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD", help="last day, inclusive")
    health.add_argument("--findings", metavar="FILE", type=Path, help="a UTF-8 text file with the findings")
    health.add_argument("--recommendations", metavar="FILE", type=Path, help="a UTF-8 text file with advice")
    health.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    _sign_option(health, "a lead issues it")
    health.set_defaults(func=run_health)


def _sign_option(parser: argparse.ArgumentParser, when: str) -> None:
    parser.add_argument("--sign", action="store_true",
                        help=f"sign it with the team's certificate (see `dzdesk signing`): {when}")


def _key(args: argparse.Namespace, settings: Settings) -> SigningKey | None:
    if not args.sign:
        return None
    try:
        return signing_key(settings)
    except SigningError as exc:
        raise CommandError(f"{exc}; no report was written", exit_code=2) from exc


def _target(output: str) -> Path:
    target = Path(output).expanduser()
    if target.suffix.lower() != ".pdf":
        raise CommandError(f"{output}: the report is a PDF; give a file name ending in .pdf", exit_code=2)
    if not target.resolve().parent.is_dir():
        raise CommandError(f"the folder {target.resolve().parent} does not exist", exit_code=2)
    return target


def _text_file(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{path}: cannot be read ({exc.strerror or exc})", exit_code=2) from exc
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text", exit_code=2) from exc


def run_health(args: argparse.Namespace) -> int:
    target = _target(args.output)
    try:
        first, last = parse_day(args.first), parse_day(args.last)
    except ValueError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    if last < first:
        raise CommandError(f"--to {args.last} comes before --from {args.first}", exit_code=2)
    findings, recommendations = _text_file(args.findings), _text_file(args.recommendations)
    start, end = day_range(first, last)
    with command_context(args) as ctx:
        request = HealthRequest(first, last, start, end, findings, recommendations)
        with _refused():
            written, data = write_health_report(ctx.store, load_catalogue(ctx.data_dir.catalogue_file), ctx.settings,
                                                request, target, datetime.now(UTC), _key(args, ctx.settings))
    print(f"health report {first} to {last} written to {target}: {data.checks} checks, "
          f"{len(data.outages)} outages, {len(data.incidents)} incidents; {_issued(written)}")
    return 0


@contextmanager
def _refused() -> Iterator[None]:
    """A report that may not be signed now, or whose signing failed, is said in words; nothing was written."""
    try:
        yield
    except SigningError as exc:
        raise CommandError(f"{exc}; no report was written", exit_code=2) from exc


def _issued(written: ReportIssued) -> str:
    issued = written.issued
    signed = ("signed and timestamped" if issued.timestamped else "signed") if issued.signed else "unsigned"
    return f"report number {written.number}, verification code {issued.code}, {signed}"


def _period(kind: str, text: str) -> tuple[datetime, datetime, str]:
    """The report's [start, end) and how the cover names it."""
    try:
        if kind == "annual":
            year = int(text)
            if not 2000 <= year <= 2100:
                raise ValueError
            start, end = year_range(year)
            return start, end, f"{year} 年"
        if kind == "quarterly":
            year_text, _sep, quarter_text = text.upper().partition("-Q")
            year, quarter = int(year_text), int(quarter_text)
            start, end = quarter_range(year, quarter)
            return start, end, f"{year} 年第 {quarter} 季度"
        year, month = parse_month(text)
        start, end = month_range(year, month)
        return start, end, f"{year} 年 {month} 月"
    except ValueError:
        example = {"annual": "2026", "quarterly": "2026-Q3", "monthly": "2026-03"}[kind]
        raise CommandError(f"'{text}' is not a period like {example}", exit_code=2) from None


def run_operations(args: argparse.Namespace) -> int:
    target = _target(args.output)
    start, end, label = _period(args.kind, args.period)
    if args.xlsx is not None and args.xlsx.suffix.lower() != ".xlsx":
        raise CommandError(f"{args.xlsx}: the figures are a workbook; give a file name ending in .xlsx", exit_code=2)
    now = datetime.now(UTC)
    with command_context(args) as ctx:
        request = OperationsRequest(args.kind, start, end, label, args.platform)
        try:
            with _refused():
                written, data = write_operations_report(ctx.store, load_catalogue(ctx.data_dir.catalogue_file),
                                                        ctx.settings, request, target, now, _key(args, ctx.settings),
                                                        args.xlsx)
        except ExportError as exc:
            raise CommandError(str(exc)) from exc
    inc = data.figures.incidents
    print(f"{label} report written to {target}: {inc.total} incidents, timeliness {percent(inc.timeliness)}, "
          f"completion {percent(inc.completion)}" + (f"; figures in {args.xlsx}" if args.xlsx else "")
          + f"; {_issued(written)}")
    return 0


def run_indicators(args: argparse.Namespace) -> int:
    target = _target(args.output)
    try:
        year, month = parse_month(args.month)
    except ValueError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    month_text = f"{year:04d}-{month:02d}"
    with command_context(args) as ctx:
        areas = list(load_catalogue(ctx.data_dir.catalogue_file).districts)
        with ctx.store.transaction() as session:
            ensure_default_indicators(session)
        with ctx.store.session() as session:
            data = gather_indicator_month(session, month_text, areas)
    render_indicator_report(data, datetime.now(UTC), target)
    print(f"indicator report {month_text} written to {target}: {len(data.flags)} flagged")
    return 0


def run_cases(args: argparse.Namespace) -> int:
    target = _target(args.output)
    now = datetime.now(UTC)
    start, end, label = _period("annual", args.period or str(to_local(now).year))
    with command_context(args) as ctx, ctx.store.session() as session:
        catalogue = load_catalogue(ctx.data_dir.catalogue_file)
        found = typical_cases(session, start, end)
    render_handout(found, {p.code: p.short_name for p in catalogue.platforms}, start, end, now, target)
    print(f"{len(found)} typical cases of {label} written to {target}")
    return 0


def run_visit(args: argparse.Namespace) -> int:
    target = _target(args.output)
    with command_context(args) as ctx, _refused():
        try:
            written = write_visit_report(ctx.store, load_catalogue(ctx.data_dir.catalogue_file),
                                         BlobStore(ctx.data_dir.blobs), args.visit, target, datetime.now(UTC),
                                         _key(args, ctx.settings))
        except LookupError as exc:
            raise CommandError(f"{exc} (see `dzdesk visits list`)") from exc
    print(f"visit report {written.number} written to {target}")
    print(f"  {_issued(written)}")
    return 0


def run_training_sheet(args: argparse.Namespace) -> int:
    target = _target(args.output)
    with command_context(args) as ctx, ctx.store.session() as session:
        training = find_training(session, args.training)
        if training is None:
            raise CommandError(f"no training session matches '{args.training}' (see `dzdesk trainings list`)")
        data = training_sheets.gather(training, load_catalogue(ctx.data_dir.catalogue_file))
    if args.sheet == "sign-in":
        story, title = training_sheets.sign_in_story(data), f"培训签到表 {data.title}"
    else:
        story, title = training_sheets.summary_story(data), f"培训签到情况汇总 {data.title}"
    training_sheets.render(story, title, target, datetime.now(UTC))
    print(f"{args.sheet} sheet written to {target}")
    return 0

"""`dzdesk indicators import|list`: a month's approval indicators from an export, and the analysed grid.

An import with any bad cell changes nothing and exits 1, listing every bad cell by row and column; an unreadable
file or a bad month exits 2.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from dzdesk.commands.common import CommandError, command_context, data_dir_options
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.indicators import FlagKind
from dzdesk.domain.timefmt import parse_month
from dzdesk.imports.indicator_file import IndicatorFileError
from dzdesk.imports.table_file import TableFileError
from dzdesk.operations.indicators import IndicatorProblemsError, import_month, read_month_file
from dzdesk.store.indicator_repo import (
    ensure_default_indicators,
    month_cells,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("indicators", help="approval indicators of the city and its districts")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = actions.add_parser("import", help="import a month's figures from an XLSX or CSV export",
                                   parents=[data_dir_options()])
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument("--month", required=True, metavar="YYYY-MM")
    importing.add_argument("--mapping", metavar="NAME", default=None,
                           help="use the column mapping saved under NAME (and save this one under it)")
    importing.set_defaults(func=run_import)
    listing = actions.add_parser("list", help="a month's figures with changes, ranks and flags",
                                 parents=[data_dir_options()])
    listing.add_argument("--month", required=True, metavar="YYYY-MM")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(func=run_list)


def month_text(text: str) -> str:
    try:
        year, month = parse_month(text)
    except ValueError as exc:
        raise CommandError(str(exc), exit_code=2) from exc
    return f"{year:04d}-{month:02d}"


def run_import(args: argparse.Namespace) -> int:
    month = month_text(args.month)
    with command_context(args) as ctx:
        areas = load_catalogue(ctx.data_dir.catalogue_file).districts
        try:
            preview = read_month_file(ctx.store, args.file, areas, args.mapping or "")
        except (TableFileError, IndicatorFileError) as exc:
            raise CommandError(str(exc), exit_code=2) from exc
        try:
            summary = import_month(ctx.store, month, preview, args.mapping or "")
        except IndicatorProblemsError as exc:
            for problem in preview.problems:
                print(f"{args.file.name}: {problem}")
            raise CommandError(str(exc)) from exc
    print(f"{month}: {len(preview.values)} figures from {args.file.name} "
          f"({summary.added} new, {summary.changed} changed, {summary.unchanged} unchanged)")
    if preview.missing_areas:
        print(f"  not in the file: {'、'.join(preview.missing_areas)}")
    if preview.unmapped_columns:
        print(f"  columns not imported: {'、'.join(preview.unmapped_columns)}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    month = month_text(args.month)
    with command_context(args) as ctx:
        areas = list(load_catalogue(ctx.data_dir.catalogue_file).districts)
        with ctx.store.transaction() as session:
            ensure_default_indicators(session)
        with ctx.store.session() as session:
            cells = month_cells(session, month, areas)
    rows: list[dict[str, Any]] = []
    for code, column in cells.items():
        for cell in column:
            rows.append({"month": month, "area": cell.area, "indicator": code, "name": cell.indicator.name,
                         "unit": cell.indicator.unit.value, "value": cell.value, "previous": cell.previous,
                         "year_ago": cell.year_ago, "mom_pct": _round(cell.mom_pct), "yoy_pct": _round(cell.yoy_pct),
                         "rank": cell.rank, "ranked": cell.ranked, "target": cell.indicator.target,
                         "to_target": _round(cell.to_target), "flags": [str(f) for f in cell.flags]})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        if row["value"] is None:
            continue
        flags = "、".join(FlagKind(f).label_zh for f in row["flags"])
        change = "" if row["mom_pct"] is None else f"环比 {row['mom_pct']:+.1f}%"
        print(f"{row['area']}\t{row['name']}\t{row['value']}{row['unit']}\t{change}\t{flags}")
    return 0


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)

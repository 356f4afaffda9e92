"""Writing a table to XLSX or CSV, whole or not at all.

Both go to a temporary file beside the target and replace it at the end, so a failed export never leaves half a
spreadsheet where a good one was. CSV carries a UTF-8 byte-order mark, which is what makes spreadsheet programs
on Chinese Windows read the headers as Chinese instead of mojibake.
"""

from __future__ import annotations

import csv
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

Cell = str | int | float | None
T = TypeVar("T")


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    value: Callable[[T], Cell]
    width: int = 14


class ExportError(Exception):
    pass


def export_table(path: Path, sheet_title: str, columns: Sequence[Column[Any]], rows: Iterable[Any]) -> int:
    """Writes `rows` to `path` (.xlsx or .csv by its suffix); returns the number of rows written."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ExportError(f"{path.name}: choose a file ending in .xlsx or .csv")
    path = path.expanduser().resolve()
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        count = _write_xlsx(tmp, sheet_title, columns, rows) if suffix == ".xlsx" else _write_csv(tmp, columns, rows)
        tmp.chmod(0o644)  # mkstemp makes the file private; an export is meant to be opened and shared
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return count


def export_sheets(path: Path, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Cell]]]]) -> int:
    """Several small tables as the sheets of one XLSX, written whole or not at all; returns the number of sheets."""
    if path.suffix.lower() != ".xlsx":
        raise ExportError(f"{path.name}: choose a file ending in .xlsx")
    path = path.expanduser().resolve()
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    workbook = Workbook(write_only=True)
    try:
        header_font = Font(bold=True)
        for title, headers, rows in sheets:
            sheet = workbook.create_sheet(title[:31])
            sheet.freeze_panes = "A2"
            for index, header in enumerate(headers, 1):
                sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, 2 * len(header) + 4))
            cells = []
            for header in headers:
                cell = WriteOnlyCell(sheet, value=header)
                cell.font = header_font
                cells.append(cell)
            sheet.append(cells)
            for row in rows:
                sheet.append([_xlsx_cell(sheet, _clean(value)) for value in row])
        workbook.save(tmp)
        tmp.chmod(0o644)
        tmp.replace(path)
    except OSError as exc:
        _discard(workbook)
        tmp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        _discard(workbook)
        tmp.unlink(missing_ok=True)
        raise
    return len(sheets)


def _write_csv(path: Path, columns: Sequence[Column[Any]], rows: Iterable[Any]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.header for c in columns])
        for row in rows:
            writer.writerow(["" if (v := _clean(c.value(row))) is None else v for c in columns])
            count += 1
    return count


def _write_xlsx(path: Path, sheet_title: str, columns: Sequence[Column[Any]], rows: Iterable[Any]) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    try:
        return _fill_sheet(workbook, sheet, columns, rows, path)
    except BaseException:
        _discard(workbook)
        raise


def _fill_sheet(workbook: Workbook, sheet: Any, columns: Sequence[Column[Any]], rows: Iterable[Any],
                path: Path) -> int:
    header_font = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = header_font
        cell.alignment = Alignment(vertical="center")
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_xlsx_cell(sheet, _clean(c.value(row))) for c in columns])
        count += 1
    workbook.save(path)
    return count


XLSX_CELL_CHARS = 32_767  # what a spreadsheet cell holds; more is cut off silently when the file is opened


def _xlsx_cell(sheet: Any, value: Cell) -> Any:
    """Text that starts like a formula goes in as text, so a spreadsheet shows it and never runs it. Text longer
    than a cell holds is cut with a note saying so (the CSV export keeps it whole)."""
    if isinstance(value, str) and len(value) > XLSX_CELL_CHARS:
        note = "……（以下省略 {} 字，全文见 CSV 导出）"
        kept = XLSX_CELL_CHARS - len(note.format(len(value)))
        value = value[:kept] + note.format(len(value) - kept)
    if isinstance(value, str) and value.startswith("'") and value[1:2] in ("=", "+", "-", "@"):
        cell = WriteOnlyCell(sheet, value=value[1:])
        cell.data_type = "s"
        return cell
    return value


def _discard(workbook: Workbook) -> None:
    """A failed write-only workbook leaves its rows in a temporary file until the process ends; remove it now.

    openpyxl offers no public way to abandon a write-only sheet, hence the guarded use of its internals."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        for step in (getattr(getattr(sheet, "_rows", None), "close", None), writer.close, writer.cleanup):
            if step is not None:
                with suppress(Exception):
                    step()


def _clean(value: Cell) -> Cell:
    """Spreadsheet cells refuse control characters (and the others, DEL and C1, show as junk); a formula-looking
    text is kept as text, never run."""
    if isinstance(value, str):
        if not value.isprintable():
            value = "".join(ch for ch in value if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cs"))
        if value.startswith(("=", "+", "-", "@")) and len(value) > 1 and not _is_number(value):
            value = "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True

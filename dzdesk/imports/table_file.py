"""A CSV or XLSX file as rows of text, whatever encoding or cell types the sender's program chose.

Bureau computers save CSV in GBK as often as in UTF-8; Excel stores a phone number as a number. Both are read
back as the text a person sees.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openpyxl import load_workbook

MAX_ROWS = 20_000


class TableFileError(Exception):
    """The file cannot be read as a table; the message says why in plain words."""


@dataclass(frozen=True)
class TableFile:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the user sees it in the file, cells)
    encoding: str


def read_table(path: Path) -> TableFile:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise TableFileError(f"{path.name}: choose a .csv or .xlsx file")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding), "utf-8" if encoding == "utf-8-sig" else "gbk"
        except UnicodeDecodeError:
            continue
    raise TableFileError(f"{name}: the text is neither UTF-8 nor GBK; save it again as CSV UTF-8")


def _read_csv(path: Path) -> TableFile:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableFileError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
    text, encoding = _decode(data, path.name)
    return _table(_csv_rows(text, path.name), path.name, encoding)


def _csv_rows(text: str, name: str) -> list[list[str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:  # a stray quote makes the rest of a large file one cell, beyond the reader's limit
        raise TableFileError(f"{name}: not a readable CSV table ({exc}); check for an unclosed quote") from exc


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if (value.hour or value.minute) else value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _unreadable(path: Path, exc: BaseException) -> TableFileError:
    return TableFileError(f"{path.name}: not a readable XLSX workbook ({type(exc).__name__}: {exc})")


# A damaged workbook fails inside openpyxl, zipfile, zlib or the XML parser with almost any exception (zlib.error,
# IndexError, NotImplementedError, ParseError …), while it loads and while its rows are read; each means the same.
def _read_xlsx(path: Path) -> TableFile:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise _unreadable(path, exc) from exc
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)]
    except Exception as exc:
        raise _unreadable(path, exc) from exc
    finally:
        workbook.close()
    return _table(rows, path.name, "xlsx")


def read_grid(path: Path, max_rows: int = 2000) -> tuple[list[list[str]], str]:
    """Every row of a small table as text, merged XLSX cells repeated in each cell they cover, so a heading that
    spans several columns names each of them. For reports with headings over two rows, like indicator exports."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TableFileError(f"{path.name}: cannot be read ({exc.strerror or exc})") from exc
        text, encoding = _decode(data, path.name)
        return _csv_rows(text, path.name)[:max_rows], encoding
    if suffix not in (".xlsx", ".xlsm"):
        raise TableFileError(f"{path.name}: choose a .csv or .xlsx file")
    try:
        workbook = load_workbook(path, data_only=True)
        sheet = workbook.worksheets[0]
        too_long = sheet.max_row > max_rows
        grid = [] if too_long else [[_shown(cell) for cell in row] for row in sheet.iter_rows()]
        for merged in () if too_long else sheet.merged_cells.ranges:
            value = _cell_text(sheet.cell(merged.min_row, merged.min_col).value)
            for row in range(merged.min_row, merged.max_row + 1):
                for column in range(merged.min_col, merged.max_col + 1):
                    grid[row - 1][column - 1] = value
    except Exception as exc:
        raise _unreadable(path, exc) from exc
    if too_long:
        raise TableFileError(f"{path.name}: more than {max_rows} rows; this is not a monthly indicator export")
    return grid, "xlsx"


def _shown(cell: object) -> str:
    """A cell as the spreadsheet shows it: a number formatted as a percentage (1.0 shown as 100%) stays one."""
    value = getattr(cell, "value", None)
    number_format = str(getattr(cell, "number_format", "") or "")
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in number_format:
        return f"{value * 100:.10g}%"
    return _cell_text(value)


def _table(rows: list[list[str]], name: str, encoding: str) -> TableFile:
    numbered = [(index, row) for index, row in enumerate(rows, 1) if any(cell for cell in row)]
    if not numbered:
        raise TableFileError(f"{name}: the file is empty")
    if len(numbered) > MAX_ROWS + 1:
        raise TableFileError(f"{name}: more than {MAX_ROWS} rows; split the file")
    (_, headers), *body = numbered
    width = len(headers)
    return TableFile(headers=headers, rows=[(n, (row + [""] * width)[:max(width, len(row))]) for n, row in body],
                     encoding=encoding)

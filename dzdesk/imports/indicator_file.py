"""A month's indicator export (XLSX or CSV, GBK or UTF-8) read into a preview: which column is which indicator,
each area's figures, and every bad cell named by its row and column. Nothing is written until the preview is
confirmed, and a preview with any bad cell cannot be confirmed."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter

from dzdesk.domain.indicators import BadValueError, Indicator, parse_value
from dzdesk.imports.table_file import read_grid

AREA_HEADERS = ("区县", "地区", "行政区", "区域", "县（市、区）", "县(市、区)", "单位", "名称", "区（县）", "区(县)")
TOTAL_ROWS = ("合计", "总计", "小计")


@dataclass(frozen=True)
class CellProblem:
    row: int  # as the spreadsheet numbers it
    column: str  # letter and title, e.g. "C（按时办结率）"
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass
class IndicatorPreview:
    source: str
    header_row: int
    mapping: dict[str, str]  # column title → indicator code
    values: dict[tuple[str, str], float | None] = field(default_factory=dict)  # (area, code) → value
    problems: list[CellProblem] = field(default_factory=list)
    missing_areas: list[str] = field(default_factory=list)  # expected but not in the file
    unmapped_columns: list[str] = field(default_factory=list)

    @property
    def importable(self) -> bool:
        return not self.problems and bool(self.values)


class IndicatorFileError(ValueError):
    """The file has no recognisable table of areas and indicators; the message says what is missing."""


def _normal(title: str) -> str:
    """A column title without spaces, line breaks and a unit in brackets: "按时办结率（%）" → "按时办结率"."""
    text = re.sub(r"\s+", "", title)
    return re.sub(r"[（(][^）)]*[）)]$", "", text)


def _area_column(row: Sequence[str]) -> int | None:
    for index, cell in enumerate(row):
        if _normal(cell) in {_normal(h) for h in AREA_HEADERS}:
            return index
    return None


def canonical_area(name: str, areas: Sequence[str]) -> str | None:
    """The catalogue's name for an area as exports spell it: 达州市通川区, 通川, 市本级, 高新区 …"""
    text = re.sub(r"\s+", "", name)
    if text in areas:
        return text
    if text in ("市本级", "本级", "达州市", "达州市本级", "市级"):
        return next((a for a in areas if "本级" in a), None)
    stripped = text.removeprefix("达州市").removeprefix("达州")
    for area in areas:
        short = area.removeprefix("达州").removeprefix("东部")
        if stripped in (area, short) or (len(stripped) >= 2 and (area.startswith(stripped) or
                                                                  short.startswith(stripped))):
            return area
    return None


# Columns of other periods, which exports put beside this month's: never this month's figure.
OTHER_PERIODS = ("上年", "去年", "同期", "上月", "上期")


def _score(normal: str, indicator: Indicator) -> int:
    """How well a column title names the indicator: an exact name beats a longer contained one beats a shorter."""
    best = 0
    for name in (indicator.name, *indicator.synonyms):
        candidate = _normal(name)
        if not candidate:
            continue
        if candidate == normal:
            return 1000 + len(candidate)
        if candidate in normal:
            best = max(best, len(candidate))
    return best


def guess_mapping(titles: Sequence[str], indicators: Sequence[Indicator]) -> dict[str, str]:
    """Column title → indicator code, each indicator to one column at most: the title that names it best (the
    longest synonym it contains, so 超期办件数 is overdue items, not items handled), the first of equals."""
    candidates: list[tuple[int, int, str, str]] = []
    for position, title in enumerate(titles):
        normal = _normal(title)
        if not normal or any(marker in normal for marker in OTHER_PERIODS):
            continue
        scored = [(_score(normal, indicator), indicator.code) for indicator in indicators]
        score, code = max(scored, default=(0, ""))
        if score:
            candidates.append((-score, position, title, code))
    found: dict[str, str] = {}
    taken: set[str] = set()
    for _score_key, _position, title, code in sorted(candidates):
        if code not in taken:
            found[title] = code
            taken.add(code)
    return {title: found[title] for title in titles if title in found}


def read_indicator_file(path: Path, indicators: Sequence[Indicator], areas: Sequence[str],
                        mapping: Mapping[str, str] | None = None) -> IndicatorPreview:
    """Reads the file into a preview. `mapping` (column title → code), when given, replaces the guess."""
    grid, _encoding = read_grid(path)
    header_index = next((i for i, row in enumerate(grid) if _area_column(row) is not None), None)
    if header_index is None:
        raise IndicatorFileError(f"{path.name}: no column of areas (a heading such as 区县 or 地区)")
    area_index = _area_column(grid[header_index])
    following = grid[header_index + 1] if header_index + 1 < len(grid) else []
    if area_index is not None and area_index < len(following) and following[area_index] == grid[header_index][
            area_index]:
        header_index += 1  # the area heading is merged over two rows: the lower row names the columns
    header = grid[header_index]
    above = grid[header_index - 1] if header_index > 0 else []
    if len({cell for cell in above if cell}) <= 1:
        above = []  # a title over the whole table ("2026年9月审批指标") is not a group heading
    titles = []
    for index, cell in enumerate(header):
        parent = above[index] if index < len(above) else ""
        # A heading merged over two rows repeats itself; one merged over several columns names their group.
        titles.append(cell if not parent or parent == cell else (f"{parent}{cell}" if cell else parent))
    by_code = {i.code: i for i in indicators}
    chosen = dict(mapping) if mapping is not None else guess_mapping(titles, indicators)
    chosen = {title: code for title, code in chosen.items() if code in by_code and title in titles}
    if not chosen:
        raise IndicatorFileError(f"{path.name}: no column matches an indicator; choose the columns by hand")
    preview = IndicatorPreview(source=path.name, header_row=header_index + 1, mapping=chosen,
                               unmapped_columns=[t for i, t in enumerate(titles)
                                                 if t and i != area_index and t not in chosen])
    columns = {titles.index(title): code for title, code in chosen.items()}
    seen: set[str] = set()
    for row_index in range(header_index + 1, len(grid)):
        row = grid[row_index]
        number = row_index + 1
        name = row[area_index] if area_index is not None and area_index < len(row) else ""
        if not any(cell.strip() for cell in row) or _normal(name) in TOTAL_ROWS:
            continue
        area = canonical_area(name, areas)
        if area is None:
            preview.problems.append(CellProblem(number, f"{get_column_letter(area_index + 1)}（{titles[area_index]}）",
                                                f"'{name}' is not one of the districts"))
            continue
        if area in seen:
            preview.problems.append(CellProblem(number, get_column_letter(area_index + 1), f"{area} appears twice"))
            continue
        seen.add(area)
        for column, code in columns.items():
            text = row[column] if column < len(row) else ""
            try:
                preview.values[(area, code)] = parse_value(text, by_code[code].unit)
            except BadValueError as exc:
                preview.problems.append(CellProblem(number, f"{get_column_letter(column + 1)}（{titles[column]}）",
                                                    str(exc)))
    preview.missing_areas = [a for a in areas if a not in seen]
    return preview

"""Indicator figures and monthly exports under hostile input: a cell is a finite figure of the indicator's kind
or a `BadValueError` quoting it; a file is a preview whose every problem names its row and column, or a refusal in
words; a valid export reads back as written; and one bad cell keeps the whole month out of the real database.

Profiles: see `tests/property/conftest.py` (``DZDESK_HYPOTHESIS_PROFILE=thorough`` for a long search).
"""

from __future__ import annotations

import csv
import io
import math
import re

from hypothesis import example, given
from hypothesis import strategies as st

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.indicators import DEFAULT_INDICATORS, BadValueError, Indicator, Unit, format_value, parse_value
from dzdesk.imports.indicator_file import IndicatorFileError, read_indicator_file
from dzdesk.imports.table_file import TableFileError
from dzdesk.store.indicator_repo import ensure_default_indicators
from tests.property import fewer, run_command

AREAS = load_catalogue().districts
UNITS = list(Unit)

number_like = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="0123456789.,，%％-+ 天件日/—e", max_size=14),
    st.from_regex(r"[+-]?\d{0,400}(\.\d{0,6})?[%％天件]?", fullmatch=True),
)


@given(text=number_like, unit=st.sampled_from(UNITS))
@example(text="9" * 400, unit=Unit.ITEMS)  # parses to infinity as a float
@example(text="9" * 400, unit=Unit.DAYS)
@example(text="1e5", unit=Unit.ITEMS)
@example(text="nan", unit=Unit.DAYS)
def test_any_cell_is_a_finite_figure_or_refused_quoting_it(text: str, unit: Unit) -> None:
    try:
        value = parse_value(text, unit)
    except BadValueError as exc:
        assert f"'{text.strip()}'" in str(exc)
        return
    if value is None:
        return
    assert math.isfinite(value), f"{text!r} was accepted as {value}"
    if unit is Unit.PERCENT:
        assert 0 <= value <= 100
    else:
        assert value >= 0


@given(tenths=st.integers(0, 1000))
def test_a_shown_percentage_reads_back(tenths: int) -> None:
    value = tenths / 10
    assert parse_value(format_value(value, Unit.PERCENT), Unit.PERCENT) == value


@given(value=st.one_of(st.integers(0, 10 ** 9).map(float), st.integers(0, 10 ** 7).map(lambda n: n / 10)),
       unit=st.sampled_from([Unit.DAYS, Unit.ITEMS]))
def test_a_shown_count_or_duration_reads_back(value: float, unit: Unit) -> None:
    assert parse_value(format_value(value, unit), unit) == value
    if value.is_integer():
        assert parse_value(f"{int(value):,}{unit.value}", unit) == value, "thousands separators and the unit"


@given(percent=st.integers(0, 100))
def test_ninety_five_percent_is_written_three_ways(percent: int) -> None:
    """`95%`, `0.95` and `95` are all 95 % (the contract's exports use all three)."""
    expected = float(percent)
    assert parse_value(f"{percent}%", Unit.PERCENT) == expected
    assert parse_value(f"{percent}％", Unit.PERCENT) == expected
    assert parse_value(str(percent), Unit.PERCENT) == expected
    assert parse_value(f"{percent / 100:.2f}", Unit.PERCENT) == expected


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode(encoding)


_COLUMN = re.compile(r"^[A-Z]+(（.*）)?$", re.DOTALL)


@given(grid=st.lists(st.lists(st.one_of(st.sampled_from(["区县", "地区", "合计", "按时办结率", "办件量", "满意度（%）",
                                                          "上月办件量", *AREAS, "95%", "0.95", "1,234", "—"]),
                                        st.text(max_size=8)), max_size=6), max_size=8),
       encoding=st.sampled_from(["utf-8", "gbk"]))
def test_any_table_is_a_preview_with_named_cells_or_refused_in_words(tmp_path_factory, grid: list[list[str]],
                                                                     encoding: str) -> None:
    path = tmp_path_factory.mktemp("grid") / "export.csv"
    try:
        path.write_bytes(csv_bytes(grid, encoding))
    except UnicodeEncodeError:
        path.write_bytes(csv_bytes(grid, "utf-8"))
    try:
        preview = read_indicator_file(path, DEFAULT_INDICATORS, AREAS)
    except (TableFileError, IndicatorFileError) as exc:
        assert str(exc).startswith("export.csv: ")
        return
    for problem in preview.problems:
        assert problem.row > preview.header_row, "a problem lies below the headings"
        assert _COLUMN.match(problem.column), problem.column
        assert problem.message.strip()
        assert str(problem).startswith(f"row {problem.row}, column {problem.column}: ")
    assert all(area in AREAS for area, _code in preview.values)
    assert all(v is None or math.isfinite(v) for v in preview.values.values())
    assert preview.importable == (not preview.problems and bool(preview.values))


def written(value: float, indicator: Indicator, style: int) -> str:
    """The figure as some export writes it; percentages in all three ways."""
    if indicator.unit is Unit.PERCENT:
        return [f"{value:g}%", f"{value:g}", f"{value / 100:.4f}" if value < 100 else "1.0"][style]
    return [f"{value:g}", f"{value:,.0f}" if value.is_integer() else f"{value:g}",
            f"{value:g}{indicator.unit.value}"][style]


@st.composite
def exports(draw: st.DrawFn) -> tuple[list[list[str]], dict[tuple[str, str], float]]:
    """A valid export: some areas in any order, some indicators under their name or a synonym, figures written in
    any of the usual ways; returns its rows and the figures it holds."""
    areas = draw(st.lists(st.sampled_from(AREAS), min_size=1, unique=True))
    indicators = draw(st.lists(st.sampled_from(DEFAULT_INDICATORS), min_size=1, unique=True))
    header = [draw(st.sampled_from(["区县", "地区", "单位"]))]
    header += [draw(st.sampled_from((i.name, *i.synonyms))) for i in indicators]
    rows, expected = [header], {}
    for area in areas:
        row = [area]
        for indicator in indicators:
            if indicator.unit is Unit.PERCENT:
                value = draw(st.integers(11, 1000)) / 10  # above 1: a plain "0.5" is read as 50 %, by design
            else:
                value = float(draw(st.integers(0, 100_000)))
            row.append(written(value, indicator, draw(st.integers(0, 2))))
            expected[(area, indicator.code)] = value
        rows.append(row)
    return rows, expected


@given(export=exports(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk"]))
@fewer(2)
def test_a_valid_export_reads_back_as_written(tmp_path_factory, export: tuple[list[list[str]], dict],
                                             encoding: str) -> None:
    rows, expected = export
    path = tmp_path_factory.mktemp("export") / "export.csv"
    path.write_bytes(csv_bytes(rows, encoding))
    preview = read_indicator_file(path, DEFAULT_INDICATORS, AREAS)
    assert preview.problems == []
    assert preview.values.keys() == expected.keys()
    for key, value in expected.items():
        assert math.isclose(preview.values[key] or 0.0, value, abs_tol=1e-6), (key, preview.values[key], value)
    assert set(preview.missing_areas) == set(AREAS) - {area for area, _code in expected}


_BAD_CELLS = ["abc", "12..5", "-3", "95%%", "1e5", "9" * 400, "一百"]


@given(export=exports(), data=st.data())
@fewer(4)
def test_one_bad_cell_is_named_and_the_month_is_not_saved(store, data_dir, fingerprint, quiet_logging,
                                                         tmp_path_factory, export: tuple[list[list[str]], dict],
                                                         data: st.DataObject) -> None:
    """`dzdesk indicators import` against the real SQLite file: the bad cell named, nothing written."""
    rows, _expected = export
    row_index = data.draw(st.integers(1, len(rows) - 1))
    column = data.draw(st.integers(1, len(rows[0]) - 1))
    rows[row_index][column] = data.draw(st.sampled_from(_BAD_CELLS))
    path = tmp_path_factory.mktemp("bad") / "export.csv"
    path.write_bytes(csv_bytes(rows))
    with store.transaction() as session:
        ensure_default_indicators(session)  # the command adds the default definitions on first use
    before = fingerprint()

    code, out, err = run_command("indicators", "import", str(path), "--month", "2026-09", "--data-dir",
                                 str(data_dir.root))

    letter = "ABCDEFG"[column]
    assert code == 1, out + err
    assert re.search(rf"^export\.csv: row {row_index + 1}, column {letter}（.*）: ", out, re.MULTILINE), out
    assert "nothing was imported" in err
    assert fingerprint() == before

"""Monthly indicator exports as the bureaus send them: UTF-8 or GBK CSV, XLSX with headings over two rows and merged
cells, areas spelt every which way, and mistakes named by row and column."""

import csv
import io

import pytest
from openpyxl import Workbook

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.indicators import DEFAULT_INDICATORS
from dzdesk.imports.indicator_file import (
    CellProblem,
    IndicatorFileError,
    canonical_area,
    guess_mapping,
    read_indicator_file,
)
from dzdesk.imports.table_file import TableFileError, read_grid

AREAS = load_catalogue().districts
CODES = [i.code for i in DEFAULT_INDICATORS]

HEADER = ["区县", "全流程审批时间（天）", "办件量", "按时办结率（%）", "网上申报率", "超期件数", "满意度"]
# Each area as some export spells it, with its figures in the order of HEADER.
ROWS = [
    ["市本级", "48.5", "240", "98.5%", "0.93", "0", "99％"],
    ["达州市通川区", "52", "1,234", "97.2", "91%", "2件", "98.8"],
    ["达川区", "55天", "86", "0.995", "90", "1", "98.1"],
    ["万源市", "61", "70", "96.4%", "88.5%", "4", "97.9"],
    ["宣汉县", "57.5", "92", "98", "92", "0", "98.4"],
    ["开江县", "54", "66", "99", "91.5", "1", "99.2"],
    ["大竹县", "58", "95", "97.8", "90.2", "3", "98"],
    ["渠县", "63", "101", "97", "89", "5", "97.5"],
    ["高新区", "45", "40", "100%", "95", "", "99.5"],
    ["东部经开区", "47", "35", "99.5", "—", "0", "99"],
    ["合计", "540", "2059", "", "", "", ""],
]


def csv_bytes(rows, encoding="utf-8"):
    text = io.StringIO()
    csv.writer(text).writerows(rows)  # quotes "1,234" as Excel does
    return text.getvalue().encode(encoding)


def write_csv(path, rows, encoding="utf-8"):
    path.write_bytes(csv_bytes(rows, encoding))
    return path


def read(path, mapping=None, areas=AREAS):
    return read_indicator_file(path, DEFAULT_INDICATORS, areas, mapping)


def assert_full_month(preview):
    assert preview.problems == [] and preview.importable
    assert preview.missing_areas == []
    assert preview.mapping == dict(zip(HEADER[1:], CODES, strict=True))
    assert preview.unmapped_columns == []
    assert len(preview.values) == 60
    assert {area for area, _ in preview.values} == set(AREAS)
    values = preview.values
    assert values[("达州市本级", "approval_days")] == 48.5
    assert values[("达州市本级", "satisfaction_rate")] == 99.0
    assert values[("达州市本级", "online_rate")] == 93.0
    assert values[("通川区", "items_handled")] == 1234.0
    assert values[("通川区", "overdue_items")] == 2.0
    assert values[("达川区", "approval_days")] == 55.0
    assert values[("达川区", "on_time_rate")] == 99.5
    assert values[("达州高新区", "on_time_rate")] == 100.0
    assert values[("达州高新区", "overdue_items")] is None  # empty: a missing figure, not a bad one
    assert values[("东部经开区", "online_rate")] is None
    assert values[("渠县", "approval_days")] == 63.0


# --- CSV -------------------------------------------------------------------------------------------------------------


def test_utf8_csv_with_every_spelling_of_the_areas(tmp_path):
    preview = read(write_csv(tmp_path / "九月.csv", [HEADER, *ROWS]))
    assert_full_month(preview)
    assert preview.header_row == 1 and preview.source == "九月.csv"


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig"])
def test_gbk_and_bom_csv_read_the_same(tmp_path, encoding):
    assert_full_month(read(write_csv(tmp_path / "九月.csv", [HEADER, *ROWS], encoding)))


def test_the_total_row_is_skipped(tmp_path):
    rows = [HEADER, ROWS[7], ["合计", "1", "2", "3", "4", "5", "6"], ["总 计", "1", "", "", "", "", ""],
            ["小计", "x", "", "", "", "", ""]]
    preview = read(write_csv(tmp_path / "m.csv", rows))
    assert preview.problems == []
    assert {area for area, _ in preview.values} == {"渠县"}


def test_a_missing_district_is_listed(tmp_path):
    rows = [HEADER, *[row for row in ROWS if row[0] != "渠县"]]
    preview = read(write_csv(tmp_path / "m.csv", rows))
    assert preview.missing_areas == ["渠县"]
    assert preview.importable  # a missing district does not stop the import
    assert not any(area == "渠县" for area, _ in preview.values)


def test_unknown_area_and_text_cell_are_named_by_row_and_column(tmp_path):
    rows = [HEADER, ROWS[1], ["北京市", "50", "10", "98", "90", "0", "99"],
            ["渠县", "63", "101", "待统计", "89", "5", "97.5"], ROWS[3]]
    preview = read(write_csv(tmp_path / "m.csv", rows))
    assert preview.problems == [
        CellProblem(3, "A（区县）", "'北京市' is not one of the districts"),
        CellProblem(4, "D（按时办结率（%））", "'待统计' is not a number"),
    ]
    assert str(preview.problems[1]) == "row 4, column D（按时办结率（%））: '待统计' is not a number"
    assert not preview.importable
    # The good cells are still read for the preview, and the bad one is not among them.
    assert ("渠县", "on_time_rate") not in preview.values
    assert preview.values[("渠县", "approval_days")] == 63.0


def test_row_numbers_count_blank_lines_and_a_title_row(tmp_path):
    rows = [["2026年9月工程建设项目审批指标"], [], HEADER, [], ["渠县", "63", "x", "97", "89", "5", "97.5"]]
    preview = read(write_csv(tmp_path / "m.csv", rows))
    assert preview.header_row == 3
    assert [(p.row, p.column[0]) for p in preview.problems] == [(5, "C")]


def test_a_percentage_beyond_100_is_a_bad_cell(tmp_path):
    rows = [HEADER, ["渠县", "63", "101", "101%", "89", "5", "97.5"]]
    preview = read(write_csv(tmp_path / "m.csv", rows))
    assert [(p.row, p.column) for p in preview.problems] == [(2, "D（按时办结率（%））")]
    assert "between 0 and 100" in preview.problems[0].message


def test_a_duplicated_area_is_a_problem(tmp_path):
    rows = [HEADER, ROWS[7], ROWS[1], ["渠县", "70", "1", "90", "80", "9", "90"]]
    preview = read(write_csv(tmp_path / "m.csv", rows))
    assert len(preview.problems) == 1
    problem = preview.problems[0]
    assert problem.row == 4 and problem.column.startswith("A") and "渠县 appears twice" in problem.message
    assert preview.values[("渠县", "approval_days")] == 63.0  # the first one stands
    assert not preview.importable


def test_two_spellings_of_the_same_area_are_a_duplicate(tmp_path):
    rows = [HEADER, ["市本级", *ROWS[0][1:]], ["达州市本级", *ROWS[0][1:]]]
    preview = read(write_csv(tmp_path / "m.csv", rows))
    assert [(p.row, "appears twice" in p.message) for p in preview.problems] == [(3, True)]


def test_no_area_column_is_refused(tmp_path):
    path = write_csv(tmp_path / "m.csv", [["名字不对", "满意度"], ["渠县", "97"]])
    with pytest.raises(IndicatorFileError, match="no column of areas"):
        read(path)


def test_no_indicator_column_is_refused(tmp_path):
    path = write_csv(tmp_path / "m.csv", [["区县", "备注"], ["渠县", "好"]])
    with pytest.raises(IndicatorFileError, match="no column matches an indicator"):
        read(path)


def test_only_a_header_is_not_importable(tmp_path):
    preview = read(write_csv(tmp_path / "m.csv", [HEADER]))
    assert preview.values == {} and preview.problems == [] and not preview.importable
    assert preview.missing_areas == list(AREAS)


def test_columns_no_indicator_matches_are_listed(tmp_path):
    rows = [["区县", "满意度", "备注", ""], ["渠县", "97", "好", ""]]
    preview = read(write_csv(tmp_path / "m.csv", rows))
    assert preview.mapping == {"满意度": "satisfaction_rate"}
    assert preview.unmapped_columns == ["备注"]


@pytest.mark.parametrize(("name", "content", "error"), [
    ("m.txt", b"x", TableFileError),
    ("m.xlsx", b"PK not a workbook", TableFileError),
    ("m.csv", "区县,满意度".encode("utf-16"), TableFileError),
])
def test_unreadable_files(tmp_path, name, content, error):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error):
        read(path)


# --- saved mappings ---------------------------------------------------------------------------------------------------


def test_a_saved_mapping_replaces_the_guess(tmp_path):
    rows = [["区县", "指标一", "指标二", "满意度"], ["渠县", "63", "97%", "97.5"]]
    path = write_csv(tmp_path / "m.csv", rows)
    with pytest.raises(IndicatorFileError):
        read(path, mapping={})  # an empty mapping is not replaced by the guess either
    preview = read(path, mapping={"指标一": "approval_days", "指标二": "on_time_rate"})
    assert preview.mapping == {"指标一": "approval_days", "指标二": "on_time_rate"}
    assert preview.values == {("渠县", "approval_days"): 63.0, ("渠县", "on_time_rate"): 97.0}
    assert preview.unmapped_columns == ["满意度"]


def test_a_saved_mapping_can_contradict_the_guess(tmp_path):
    path = write_csv(tmp_path / "m.csv", [["区县", "满意度"], ["渠县", "91"]])
    preview = read(path, mapping={"满意度": "online_rate"})
    assert preview.values == {("渠县", "online_rate"): 91.0}


def test_a_saved_mapping_drops_unknown_codes_and_absent_columns(tmp_path):
    path = write_csv(tmp_path / "m.csv", [["区县", "满意度", "办件量"], ["渠县", "91", "12"]])
    preview = read(path, mapping={"满意度": "satisfaction_rate", "办件量": "no_such_code", "不存在": "items_handled"})
    assert preview.mapping == {"满意度": "satisfaction_rate"}
    assert preview.unmapped_columns == ["办件量"]


# --- XLSX with headings over two rows ---------------------------------------------------------------------------------


def two_row_workbook(path, area_heading_merged=True):
    """区县 | 审批效率 (over 全流程审批时间 and 按时办结率) | 满意度, the outer headings merged over both rows."""
    workbook = Workbook()
    sheet = workbook.active
    if area_heading_merged:
        sheet["A1"] = "区县"
        sheet.merge_cells("A1:A2")
    else:
        sheet["A2"] = "区县"
    sheet["B1"] = "审批效率"
    sheet.merge_cells("B1:C1")
    sheet["B2"] = "全流程审批时间（天）"
    sheet["C2"] = "按时办结率"
    sheet["D1"] = "满意度"
    sheet.merge_cells("D1:D2")
    sheet.append(["达州市通川区", 52, 0.972, "98.8%"])
    sheet.append(["市本级", 48.5, 98.5, 99])
    sheet.append(["高新区", 45.0, "99.5%", 0.995])
    sheet.append(["东部经开区", "47天", 99, 99])
    sheet.append(["合计", 192.5, None, None])
    sheet.append(["北京市", 40, 99, 99])
    sheet.append(["渠县", 63, "待统计", 97.5])
    workbook.save(path)
    return path


EXPECTED_XLSX = {
    ("通川区", "approval_days"): 52.0, ("通川区", "on_time_rate"): 97.2, ("通川区", "satisfaction_rate"): 98.8,
    ("达州市本级", "approval_days"): 48.5, ("达州市本级", "on_time_rate"): 98.5,
    ("达州市本级", "satisfaction_rate"): 99.0,
    ("达州高新区", "approval_days"): 45.0, ("达州高新区", "on_time_rate"): 99.5,
    ("达州高新区", "satisfaction_rate"): 99.5,
    ("东部经开区", "approval_days"): 47.0, ("东部经开区", "on_time_rate"): 99.0,
    ("东部经开区", "satisfaction_rate"): 99.0,
    ("渠县", "approval_days"): 63.0, ("渠县", "satisfaction_rate"): 97.5,
}


def test_read_grid_repeats_merged_cells(tmp_path):
    grid, encoding = read_grid(two_row_workbook(tmp_path / "m.xlsx"))
    assert encoding == "xlsx"
    assert grid[0] == ["区县", "审批效率", "审批效率", "满意度"]
    assert grid[1] == ["区县", "全流程审批时间（天）", "按时办结率", "满意度"]
    assert grid[2] == ["达州市通川区", "52", "0.972", "98.8%"]
    assert grid[3][1] == "48.5"


def check_two_row_preview(preview):
    assert preview.header_row == 2
    assert sorted(preview.mapping.values()) == ["approval_days", "on_time_rate", "satisfaction_rate"]
    assert preview.values == pytest.approx(EXPECTED_XLSX)
    on_time_title = next(t for t, c in preview.mapping.items() if c == "on_time_rate")
    assert preview.problems == [
        CellProblem(8, "A（区县）", "'北京市' is not one of the districts"),
        CellProblem(9, f"C（{on_time_title}）", "'待统计' is not a number"),
    ]
    assert "审批效率" in on_time_title and "按时办结率" in on_time_title
    assert preview.missing_areas == ["达川区", "万源市", "宣汉县", "开江县", "大竹县"]


def test_xlsx_two_row_header_with_group_heading(tmp_path):
    check_two_row_preview(read(two_row_workbook(tmp_path / "m.xlsx", area_heading_merged=False)))


def test_xlsx_two_row_header_with_the_area_heading_merged_over_both_rows(tmp_path):
    check_two_row_preview(read(two_row_workbook(tmp_path / "m.xlsx", area_heading_merged=True)))


def test_xlsx_blank_rows_above_keep_the_spreadsheet_numbering(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["C3"] = "区县", "满意度"
    sheet["B4"], sheet["C4"] = "渠县", "好"
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    preview = read(path)
    assert preview.header_row == 3
    assert preview.problems == [CellProblem(4, "C（满意度）", "'好' is not a number")]


def test_xlsx_percent_formatted_fractions_read_as_shown(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["区县", "按时办结率"])
    for name, value in (("渠县", 0.97), ("通川区", 1.0)):
        sheet.append([name, value])
        sheet.cell(sheet.max_row, 2).number_format = "0%"
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    preview = read(path)
    assert preview.values[("渠县", "on_time_rate")] == 97.0
    assert preview.values[("通川区", "on_time_rate")] == 100.0  # the cell shows 100%


def test_a_saved_mapping_survives_the_next_months_title_row(tmp_path):
    def export(name, title):
        workbook = Workbook()
        sheet = workbook.active
        sheet["A1"] = title
        sheet.merge_cells("A1:C1")
        sheet.append(["区县", "指标甲", "满意度"])
        sheet.append(["渠县", 63, 0.975])
        workbook.save(tmp_path / name)
        return tmp_path / name

    september = read(export("9.xlsx", "2026年9月审批指标"))
    mapping = {**september.mapping, next(t for t in september.unmapped_columns if "指标甲" in t): "approval_days"}
    october = read(export("10.xlsx", "2026年10月审批指标"), mapping=mapping)
    assert october.values == {("渠县", "approval_days"): 63.0, ("渠县", "satisfaction_rate"): 97.5}


def test_two_columns_guessed_as_one_indicator_do_not_overwrite_each_other(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["A2"] = "区县"
    sheet["B1"], sheet["D1"] = "本期", "上年同期"
    sheet.merge_cells("B1:C1")
    sheet.merge_cells("D1:E1")
    sheet["B2"], sheet["C2"], sheet["D2"], sheet["E2"] = "按时办结率", "满意度", "按时办结率", "满意度"
    sheet.append(["渠县", 0.97, 0.99, 0.90, 0.91])
    path = tmp_path / "m.xlsx"
    workbook.save(path)
    preview = read(path)
    # Either the first column stands, or the clash is a problem to resolve; never last year's figure unnoticed.
    assert preview.values.get(("渠县", "on_time_rate")) == 97.0 or not preview.importable


# --- canonical_area, guess_mapping ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "area"), [
    ("达州市本级", "达州市本级"), ("市本级", "达州市本级"), ("本级", "达州市本级"), ("达州市", "达州市本级"),
    ("市级", "达州市本级"),
    ("达州市通川区", "通川区"), ("通川区", "通川区"), ("通川", "通川区"), (" 通 川 区 ", "通川区"),
    ("达州市达川区", "达川区"), ("达川", "达川区"), ("达州市万源市", "万源市"), ("万源", "万源市"),
    ("宣汉", "宣汉县"), ("开江县", "开江县"), ("大竹", "大竹县"), ("渠县", "渠县"), ("达州市渠县", "渠县"),
    ("高新区", "达州高新区"), ("达州高新区", "达州高新区"), ("达州市高新区", "达州高新区"),
    ("东部经开区", "东部经开区"), ("经开区", "东部经开区"),
    ("北京市", None), ("成都市", None), ("渠", None), ("达州", None), ("", None), ("合计", None),
])
def test_canonical_area(name, area):
    assert canonical_area(name, AREAS) == area


def test_guess_mapping_by_name_synonym_and_unit():
    titles = ["区县", "审批总用时（天）", "办理件数", "按时\n办结率(%)", "全程网办率", "逾期件数", "群众满意度", "备注"]
    assert guess_mapping(titles, DEFAULT_INDICATORS) == {
        "审批总用时（天）": "approval_days", "办理件数": "items_handled", "按时\n办结率(%)": "on_time_rate",
        "全程网办率": "online_rate", "逾期件数": "overdue_items", "群众满意度": "satisfaction_rate",
    }


def test_guess_mapping_with_a_group_heading_prefixed():
    assert guess_mapping(["审批效率全流程审批时间（天）", "审批效率按时办结率"], DEFAULT_INDICATORS) == {
        "审批效率全流程审批时间（天）": "approval_days", "审批效率按时办结率": "on_time_rate"}


def test_overdue_items_written_as_a_count_of_overdue_cases():
    assert guess_mapping(["超期办件数"], DEFAULT_INDICATORS) == {"超期办件数": "overdue_items"}

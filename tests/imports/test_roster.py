"""Rosters as bureaus send them: GBK or UTF-8, with or without a BOM, CSV or XLSX, and with mistakes."""

import pytest
from openpyxl import Workbook

from dzdesk.domain.training import RosterEntry
from dzdesk.imports.roster import read_roster
from dzdesk.imports.table_file import TableFileError

ROWS = [["姓名", "单位", "科室", "手机号", "职务"],
        ["张三", "达川区住建局", "建管股", "13980861234", "科员"],
        ["李四", "渠县政务服务中心", "", "0818-2123456", ""]]
EXPECTED = [(2, RosterEntry("张三", "达川区住建局", "建管股", "13980861234", "科员")),
            (3, RosterEntry("李四", "渠县政务服务中心", "", "0818-2123456", ""))]


def csv_bytes(rows, encoding):
    return "\r\n".join(",".join(row) for row in rows).encode(encoding)


@pytest.mark.parametrize(("encoding", "read_as"), [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("gbk", "gbk"),
                                                   ("gb18030", "gbk")])
def test_csv_in_every_encoding_bureaus_use(tmp_path, encoding, read_as):
    path = tmp_path / "roster.csv"
    path.write_bytes(csv_bytes(ROWS, encoding))
    result = read_roster(path)
    assert result.ok and result.entries == EXPECTED and result.encoding == read_as


def test_xlsx_with_numbers_for_phones_and_english_headers(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Company", "Mobile"])
    sheet.append(["张三", "达川区住建局", 13980861234])
    sheet.append([None, None, None])  # blank rows are skipped
    sheet.append(["Li Si", "渠县", 13880861234.0])
    path = tmp_path / "roster.xlsx"
    workbook.save(path)
    result = read_roster(path)
    assert [e for _, e in result.entries] == [RosterEntry("张三", "达川区住建局", "", "13980861234"),
                                               RosterEntry("Li Si", "渠县", "", "13880861234")]
    assert [row for row, _ in result.entries] == [2, 4]


def test_every_bad_row_is_named_with_its_reason(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([["姓名", "单位", "电话"], ["王五", "x", "123"], ["", "y", ""],
                                ["赵六", "达川区住建局", "13980861234"], ["钱七", "z", "13980861234"],
                                ["赵六", "达川区住建局", ""]], "utf-8"))
    result = read_roster(path)
    assert [(e.row, e.reasons) for e in result.errors] == [
        (2, ("the phone number is not a mainland mobile or landline number",)),
        (3, ("the name is empty",)),
        (5, ("the same phone number appears on row 4",)),
        (6, ("the same name and unit appear on row 4",)),
    ]
    assert not result.ok and [row for row, _ in result.entries] == [4]


def test_people_already_on_the_roster_are_duplicates(tmp_path):
    path = tmp_path / "again.csv"
    path.write_bytes(csv_bytes(ROWS, "utf-8"))
    result = read_roster(path, existing=[RosterEntry("张三", "达川区住建局", phone="13980861234")])
    assert [e.row for e in result.errors] == [2]
    assert "already on the roster" in str(result.errors[0])


@pytest.mark.parametrize(("name", "content", "message"), [
    ("empty.csv", b"", "the file is empty"),
    ("blank.csv", b"\r\n,,\r\n", "the file is empty"),
    ("nonames.csv", "单位,电话\r\nx,13980861234".encode(), "no column holds the names.*单位、电话"),
    ("latin1.csv", "姓名\r\nJosé".encode("utf-16"), "neither UTF-8 nor GBK"),
    ("roster.txt", b"x", "choose a .csv or .xlsx"),
    ("broken.xlsx", b"PK not really a workbook", "not a readable XLSX"),
])
def test_unreadable_files_are_refused_in_words(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableFileError, match=message):
        read_roster(path)

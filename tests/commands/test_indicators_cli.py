"""`dzdesk indicators import|list` and `dzdesk report indicators`, run as a user runs them."""

import csv
import io
import json
import subprocess

import pytest

from dzdesk.config import DataDir
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.indicators import FlagKind
from dzdesk.store import open_store
from dzdesk.store.indicator_repo import get_mapping, month_cells, save_mapping
from tests.support.cli import run_dzdesk
from tests.support.demo import copy_demo

AREAS = list(load_catalogue().districts)
HEADER = ["区县", "全流程审批时间（天）", "办件量", "按时办结率（%）", "网上申报率", "超期件数", "满意度"]
GOOD = [HEADER, *[[area, f"{50 + i}", f"{80 + i}", f"{97 + i / 10:.1f}%", "0.91", f"{i % 3}", "98.5"]
                  for i, area in enumerate(AREAS)], ["合计", "1", "2", "", "", "", ""]]
KEYS = {"area", "indicator", "value", "mom_pct", "yoy_pct", "rank", "flags"}


def write_csv(path, rows, encoding="utf-8"):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode(encoding))
    return path


def pdf_text(path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in raw if ch not in " \n")


def stored_cells(root, month):
    store = open_store(DataDir(root))
    try:
        with store.session() as session:
            cells = month_cells(session, month, AREAS)
    finally:
        store.close()
    return {(cell.area, code): cell for code, column in cells.items() for cell in column}


def listed(root, month):
    result = run_dzdesk("indicators", "list", "--month", month, "--json", "--data-dir", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def demo_dir(demo_data, tmp_path_factory):
    return copy_demo(demo_data, tmp_path_factory.mktemp("demo") / "desk")


# --- indicators import / list -----------------------------------------------------------------------------------------


def test_import_a_good_file_then_list_it(tmp_path):
    root = tmp_path / "desk"
    path = write_csv(tmp_path / "九月.csv", GOOD, "gbk")
    result = run_dzdesk("indicators", "import", str(path), "--month", "2026-9", "--data-dir", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == "2026-09: 60 figures from 九月.csv (60 new, 0 changed, 0 unchanged)"
    assert "not in the file" not in result.stdout
    rows = listed(root, "2026-09")
    assert len(rows) == 60
    assert all(set(row) >= KEYS for row in rows)
    by_key = {(r["area"], r["indicator"]): r for r in rows}
    assert by_key[("渠县", "approval_days")]["value"] == 57.0
    assert by_key[("通川区", "on_time_rate")]["value"] == 97.1
    assert by_key[("达州市本级", "online_rate")]["value"] == 91.0
    assert by_key[("达州市本级", "approval_days")]["rank"] is None
    assert by_key[("通川区", "approval_days")]["rank"] == 1  # the shortest time of the nine districts
    assert by_key[("东部经开区", "approval_days")]["rank"] == 9
    assert by_key[("东部经开区", "approval_days")]["flags"] == ["last"]
    assert by_key[("东部经开区", "on_time_rate")]["flags"] == []  # the best rate of all
    assert by_key[("渠县", "approval_days")]["mom_pct"] is None  # no August to compare with
    assert by_key[("渠县", "approval_days")]["yoy_pct"] is None


def test_importing_again_and_a_second_month_show_changes(tmp_path):
    root = tmp_path / "desk"
    path = write_csv(tmp_path / "m.csv", GOOD)
    assert run_dzdesk("indicators", "import", str(path), "--month", "2026-08", "--data-dir", str(root)).returncode == 0
    again = run_dzdesk("indicators", "import", str(path), "--month", "2026-08", "--data-dir", str(root))
    assert "(0 new, 0 changed, 60 unchanged)" in again.stdout
    rows = [list(r) for r in GOOD[:4]]
    rows[3][1] = "66"  # 达川区 was 52 days in August
    partial = run_dzdesk("indicators", "import", str(write_csv(tmp_path / "s.csv", rows)), "--month", "2026-09",
                         "--data-dir", str(root))
    assert partial.returncode == 0, partial.stdout + partial.stderr
    assert "18 figures" in partial.stdout and "not in the file: 万源市、宣汉县" in partial.stdout
    cells = stored_cells(root, "2026-09")
    dachuan = cells[("达川区", "approval_days")]
    assert dachuan.value == 66.0 and dachuan.mom_pct == pytest.approx(26.92, abs=0.01)
    assert FlagKind.MOVED in dachuan.flags and FlagKind.MISSED_TARGET in dachuan.flags
    assert cells[("渠县", "approval_days")].value is None


def test_a_bad_cell_imports_nothing(tmp_path):
    root = tmp_path / "desk"
    rows = [list(r) for r in GOOD]
    rows[3][3] = "待统计"
    rows[5][0] = "北京市"
    result = run_dzdesk("indicators", "import", str(write_csv(tmp_path / "bad.csv", rows)), "--month", "2026-09",
                        "--data-dir", str(root))
    assert result.returncode == 1
    assert "bad.csv: row 4, column D（按时办结率（%））: '待统计' is not a number" in result.stdout
    assert "bad.csv: row 6, column A（区县）: '北京市' is not one of the districts" in result.stdout
    assert "2 bad cell(s); nothing was imported" in result.stderr
    rows = listed(root, "2026-09")
    assert len(rows) == 60 and all(r["value"] is None and r["flags"] == [] for r in rows)


def test_a_bad_month_or_a_file_without_areas_exits_2(tmp_path):
    root = tmp_path / "desk"
    path = write_csv(tmp_path / "m.csv", GOOD)
    bad_month = run_dzdesk("indicators", "import", str(path), "--month", "2026-13", "--data-dir", str(root))
    assert bad_month.returncode == 2 and "'2026-13' is not a month" in bad_month.stderr
    no_areas = write_csv(tmp_path / "n.csv", [["名称不对", "满意度"], ["渠县", "97"]])
    result = run_dzdesk("indicators", "import", str(no_areas), "--month", "2026-09", "--data-dir", str(root))
    assert result.returncode == 2 and "no column of areas" in result.stderr


def test_a_named_mapping_is_saved_and_reused(tmp_path):
    root = tmp_path / "desk"
    path = write_csv(tmp_path / "m.csv", GOOD)
    first = run_dzdesk("indicators", "import", str(path), "--month", "2026-09", "--mapping", "住建局",
                       "--data-dir", str(root))
    assert first.returncode == 0, first.stdout + first.stderr
    odd = write_csv(tmp_path / "odd.csv", [["区县", "指标甲", "满意度"], ["渠县", "63", "97.5"]])
    store = open_store(DataDir(root))
    try:
        with store.transaction() as session:
            assert get_mapping(session, "住建局") == dict(zip(HEADER[1:], [
                "approval_days", "items_handled", "on_time_rate", "online_rate", "overdue_items",
                "satisfaction_rate"], strict=True))
            save_mapping(session, "区政务局", {"指标甲": "approval_days"})
    finally:
        store.close()
    # The guess would import 满意度 only; the saved mapping says 指标甲 is the approval time, and nothing else.
    mapped = run_dzdesk("indicators", "import", str(odd), "--month", "2026-10", "--mapping", "区政务局",
                        "--data-dir", str(root))
    assert mapped.returncode == 0, mapped.stdout + mapped.stderr
    assert "1 figures" in mapped.stdout and "columns not imported: 满意度" in mapped.stdout
    cells = stored_cells(root, "2026-10")
    assert cells[("渠县", "approval_days")].value == 63.0 and cells[("渠县", "satisfaction_rate")].value is None


# --- report indicators ------------------------------------------------------------------------------------------------


def test_report_of_a_demo_month(demo_dir, tmp_path):
    target = tmp_path / "九月指标.pdf"
    result = run_dzdesk("report", "indicators", "--month", "2026-09", "-o", str(target), "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"written to {target}" in result.stdout
    text = pdf_text(target)
    assert "审批指标分析报告" in text and "2026年9月" in text
    assert "渠县" in text and "环比异常变动" in text
    assert "审图机构" in text  # the team's note on 渠县's approval time
    qu = stored_cells(demo_dir, "2026-09")[("渠县", "approval_days")]
    assert FlagKind.MOVED in qu.flags and qu.mom_pct > 30


def test_report_of_a_month_without_figures(demo_dir, tmp_path):
    target = tmp_path / "empty.pdf"
    result = run_dzdesk("report", "indicators", "--month", "2020-01", "-o", str(target), "--data-dir", str(demo_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 flagged" in result.stdout
    assert "2020-01没有指标数据" in pdf_text(target)

"""The indicators page (指标) driven as a person drives it: the month's grid, figures typed in, notes on flags, an
export imported through the preview, and the grid, history and report written out."""

import csv
import io
import subprocess
from datetime import datetime

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QLineEdit, QTableWidget

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.indicators import DEFAULT_INDICATORS, FlagKind
from dzdesk.store.indicator_repo import (
    ensure_default_indicators,
    get_mapping,
    month_values,
    notes,
    save_values,
)
from dzdesk.ui.indicators.import_dialog import IndicatorImportDialog
from dzdesk.ui.indicators.page import FLAG_TOKEN, IndicatorsPage
from dzdesk.ui.operations import set_synchronous
from dzdesk.ui.theme import colour

NOW = datetime(2026, 10, 15, 9, 30, tzinfo=SHANGHAI)  # the page opens on September, last month
MONTH = "2026-09"
CODES = [i.code for i in DEFAULT_INDICATORS]
APPROVAL, ON_TIME = CODES.index("approval_days"), CODES.index("on_time_rate")
HEADER = ["区县", "全流程审批时间（天）", "办件量", "按时办结率（%）", "网上申报率", "超期件数", "满意度"]


@pytest.fixture
def inline():
    set_synchronous(True)
    yield
    set_synchronous(False)


def make_page(qtbot, ctx) -> IndicatorsPage:
    page = IndicatorsPage(ctx, now=lambda: NOW)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitExposed(page)
    settle(qtbot, page)
    return page


def settle(qtbot, *screens) -> None:
    """Waits until what the screens read or write on a worker is back and shown."""
    qtbot.waitUntil(lambda: not any(screen.busy for screen in screens), timeout=10_000)


def typed(qtbot, page, row, column, text) -> None:
    """A figure typed into a cell, saved on a worker and the grid read again."""
    page.grid.item(row, column).setText(text)
    settle(qtbot, page)


def areas(ctx):
    return list(ctx.catalogue.districts)


def row_of(ctx, area):
    return areas(ctx).index(area)


def seed(ctx):
    """August and September for every area; in September 渠县's approval time jumps and 万源市's on-time rate
    falls below its target."""
    with ctx.store.transaction() as session:
        ensure_default_indicators(session)
        for month in ("2026-08", MONTH):
            values = {}
            for area in areas(ctx):
                values[(area, "approval_days")] = 80.0 if (area, month) == ("渠县", MONTH) else 50.0
                values[(area, "on_time_rate")] = 95.0 if (area, month) == ("万源市", MONTH) else 98.0
            save_values(session, month, values, "seed")


def stored(ctx, month=MONTH):
    with ctx.store.session() as session:
        return month_values(session, month)


def csv_file(path, rows):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode("gbk"))
    return path


def pdf_text(path) -> str:
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(ch for ch in raw if ch not in " \n")


# -- the grid ----------------------------------------------------------------------------------------------------------


def test_the_grid_shows_every_area_and_indicator_of_last_month(qtbot, ctx):
    page = make_page(qtbot, ctx)
    grid = page.grid
    assert page.current_month() == MONTH
    assert (grid.rowCount(), grid.columnCount()) == (10, 6)
    assert [grid.verticalHeaderItem(r).text() for r in range(10)] == areas(ctx)
    assert [grid.horizontalHeaderItem(c).text() for c in range(6)] == [f"{i.name}（{i.unit.value}）"
                                                                      for i in DEFAULT_INDICATORS]
    assert all(grid.item(r, c).text() == "" for r in range(10) for c in range(6))
    assert page.month.count() == 25 and page.month.itemText(0) == "2026-10" and page.month.itemText(24) == "2024-10"


def test_a_typed_figure_is_saved(qtbot, ctx):
    page = make_page(qtbot, ctx)
    changed = []
    page.records_changed.connect(lambda: changed.append(True))
    row = row_of(ctx, "渠县")
    typed(qtbot, page, row, APPROVAL, "63天")
    assert stored(ctx) == {("渠县", "approval_days"): 63.0}
    assert page.grid.item(row, APPROVAL).text() == "63"
    typed(qtbot, page, row, ON_TIME, "0.975")
    assert stored(ctx)[("渠县", "on_time_rate")] == 97.5
    assert page.grid.item(row, ON_TIME).text() == "97.5%"
    assert page.problem.text() == "" and len(changed) == 2
    typed(qtbot, page, row, APPROVAL, "")  # clearing a cell clears the figure
    assert stored(ctx)[("渠县", "approval_days")] is None


def test_a_figure_that_is_not_a_number_is_refused(qtbot, ctx):
    seed(ctx)
    page = make_page(qtbot, ctx)
    row = row_of(ctx, "渠县")
    before = stored(ctx)
    typed(qtbot, page, row, APPROVAL, "abc")
    assert "渠县" in page.problem.text() and "全流程审批时间" in page.problem.text()
    assert "'abc' is not a number" in page.problem.text()
    assert stored(ctx) == before
    assert page.grid.item(row, APPROVAL).text() == "80"  # the stored figure is shown again
    typed(qtbot, page, row, ON_TIME, "101%")
    assert "between 0 and 100" in page.problem.text()
    assert stored(ctx) == before
    typed(qtbot, page, row, APPROVAL, "81")  # a good figure clears the message
    assert page.problem.text() == "" and stored(ctx)[("渠县", "approval_days")] == 81.0


def test_flagged_cells_are_coloured(qtbot, ctx):
    seed(ctx)
    page = make_page(qtbot, ctx)
    qu = page.grid.item(row_of(ctx, "渠县"), APPROVAL)
    assert qu.background().color() == colour(FLAG_TOKEN)
    assert "ranks last" in qu.toolTip() and "month on month +60.0%" in qu.toolTip()
    assert page.grid.item(row_of(ctx, "万源市"), ON_TIME).background().color() == colour(FLAG_TOKEN)
    plain = page.grid.item(row_of(ctx, "通川区"), APPROVAL)
    assert plain.background().style() == Qt.BrushStyle.NoBrush
    coloured = {(r, c) for r in range(10) for c in range(6)
                if page.grid.item(r, c).background().style() != Qt.BrushStyle.NoBrush}
    assert coloured == {(row_of(ctx, "渠县"), APPROVAL), (row_of(ctx, "万源市"), ON_TIME)}


def test_a_note_on_a_flagged_cell(qtbot, ctx):
    seed(ctx)
    page = make_page(qtbot, ctx)
    page.grid.setCurrentCell(row_of(ctx, "通川区"), APPROVAL)
    settle(qtbot, page)
    assert not page.cause.isEnabled() and not page.save_note_button.isEnabled()
    assert page.save_current_note() is False
    page.grid.setCurrentCell(row_of(ctx, "渠县"), APPROVAL)
    assert not page.cause.isEnabled()  # until its note is read
    settle(qtbot, page)
    assert page.cause.isEnabled() and page.action.isEnabled() and page.save_note_button.isEnabled()
    assert "渠县" in page.detail.text()
    page.cause.setPlainText("联合审图排队积压")
    page.action.setPlainText("协调审图机构增派人员")
    assert page.save_current_note() is True
    assert page.save_current_note() is False and not page.save_note_button.isEnabled()  # no second write meanwhile
    settle(qtbot, page)
    with ctx.store.session() as session:
        found = {key: (n.cause, n.action) for key, n in notes(session, MONTH).items()}
    assert found == {("渠县", "approval_days", str(kind)): ("联合审图排队积压", "协调审图机构增派人员")
                     for kind in (FlagKind.MOVED, FlagKind.MISSED_TARGET, FlagKind.LAST)}
    page.grid.setCurrentCell(row_of(ctx, "万源市"), ON_TIME)
    settle(qtbot, page)
    assert page.cause.toPlainText() == ""
    page.grid.setCurrentCell(row_of(ctx, "渠县"), APPROVAL)  # the note is shown again
    settle(qtbot, page)
    assert page.cause.toPlainText() == "联合审图排队积压" and page.action.toPlainText() == "协调审图机构增派人员"


def test_the_trend_chart_follows_the_selected_cell(qtbot, ctx):
    seed(ctx)
    page = make_page(qtbot, ctx)
    page.grid.setCurrentCell(row_of(ctx, "渠县"), APPROVAL)
    settle(qtbot, page)
    chart = page.chart
    assert chart.title == "全流程审批时间（天）" and chart.highlight == "渠县"
    assert len(chart.months) == 13 and chart.months[0] == "2025-09" and chart.months[-1] == MONTH
    assert chart.series["渠县"] == {"2026-08": 50.0, MONTH: 80.0} and len(chart.series) == 10
    assert not chart.grab().isNull()  # paints the lines
    page.grid.setCurrentCell(row_of(ctx, "万源市"), ON_TIME)
    settle(qtbot, page)
    assert chart.title == "按时办结率（%）" and chart.highlight == "万源市" and chart.series["万源市"][MONTH] == 95.0
    page.month.setCurrentIndex(page.month.findText("2026-08"))  # another month
    settle(qtbot, page)
    assert page.current_month() == "2026-08"
    assert page.grid.item(row_of(ctx, "渠县"), APPROVAL).text() == "50"
    assert page.grid.item(row_of(ctx, "渠县"), APPROVAL).background().style() == Qt.BrushStyle.NoBrush


# -- import ------------------------------------------------------------------------------------------------------------


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_import_with_a_bad_cell_cannot_be_confirmed(qtbot, ctx, tmp_path):
    page = make_page(qtbot, ctx)
    path = csv_file(tmp_path / "九月.csv", [HEADER, ["渠县", "63", "101", "待统计", "89", "5", "97.5"],
                                            ["北京市", "1", "1", "1", "1", "1", "1"]])
    dialog = page.import_file(path)
    settle(qtbot, dialog)
    assert isinstance(dialog, IndicatorImportDialog) and dialog.isVisible()
    assert not ok_button(dialog).isEnabled()
    assert dialog.problems.count() == 2
    assert "Row 2, column D（按时办结率（%））" in dialog.problems.item(0).text()
    assert "北京市" in dialog.problems.item(1).text()
    assert "2 bad cell(s)" in dialog.summary.text()
    dialog.accept()  # even when forced, nothing is written
    settle(qtbot, dialog)
    assert stored(ctx) == {}
    dialog.reject()


def test_a_clean_import_writes_the_figures(qtbot, ctx, tmp_path):
    page = make_page(qtbot, ctx)
    rows = [HEADER, *[[area, "52", "80", "98%", "0.92", "1", "99"] for area in areas(ctx)]]
    rows[8][1] = "70"  # 渠县
    dialog = page.import_file(csv_file(tmp_path / "九月.csv", rows))
    settle(qtbot, dialog)
    assert ok_button(dialog).isEnabled()
    assert dialog.problems.count() == 0 and "60 figures for 10 areas" in dialog.summary.text()
    assert set(dialog.combos) == set(HEADER[1:])
    assert dialog.combos["满意度"].currentData() == "satisfaction_rate"
    changed = []
    page.records_changed.connect(lambda: changed.append(True))
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not ok_button(dialog).isEnabled()  # until the figures are kept
    qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)  # a second click imports nothing more
    settle(qtbot, dialog)
    qtbot.waitUntil(lambda: bool(changed))
    settle(qtbot, page)
    assert not dialog.isVisible() and changed
    values = stored(ctx)
    assert len(values) == 60 and values[("渠县", "approval_days")] == 70.0 and values[("通川区", "online_rate")] == 92
    assert page.grid.item(row_of(ctx, "渠县"), APPROVAL).text() == "70"
    assert page.grid.item(row_of(ctx, "渠县"), APPROVAL).background().color() == colour(FLAG_TOKEN)  # the slowest
    with ctx.store.session() as session:
        assert get_mapping(session, "九月") == dict(zip(HEADER[1:], CODES, strict=True))


def test_a_column_chosen_by_hand_in_the_preview(qtbot, ctx, tmp_path):
    page = make_page(qtbot, ctx)
    dialog = page.import_file(csv_file(tmp_path / "m.csv", [["区县", "指标甲", "满意度"], ["渠县", "63", "97.5"]]))
    settle(qtbot, dialog)
    assert set(dialog.combos) == {"指标甲", "满意度"}
    combo = dialog.combos["指标甲"]
    combo.setCurrentIndex(combo.findData("approval_days"))
    settle(qtbot, dialog)
    assert dialog.preview.mapping == {"指标甲": "approval_days", "满意度": "satisfaction_rate"}
    dialog.accept()
    settle(qtbot, dialog)
    assert stored(ctx) == {("渠县", "approval_days"): 63.0, ("渠县", "satisfaction_rate"): 97.5}


# -- export, history, report -------------------------------------------------------------------------------------------


def test_export_grid(qtbot, ctx, tmp_path):
    seed(ctx)
    page = make_page(qtbot, ctx)
    target = page.export_grid(tmp_path / "g.xlsx")
    assert target == tmp_path / "g.xlsx"
    workbook = load_workbook(target, read_only=True)
    try:
        assert workbook.sheetnames[0] == MONTH and len(workbook.sheetnames) == 2
        rows = list(workbook[MONTH].iter_rows(values_only=True))
        flags = list(workbook[workbook.sheetnames[1]].iter_rows(values_only=True))
    finally:
        workbook.close()
    assert rows[0][0] == "区县" and len(rows) == 11
    assert rows[1 + row_of(ctx, "渠县")][:3] == ("渠县", 80, None)
    assert rows[1 + row_of(ctx, "万源市")][1 + ON_TIME] == 95
    assert sorted((r[0], r[1]) for r in flags[1:]) == [("万源市", "按时办结率"), ("渠县", "全流程审批时间")]
    assert page.export_grid(tmp_path / "g.csv") is None and page.problem.text()


def test_show_history(qtbot, ctx):
    seed(ctx)
    page = make_page(qtbot, ctx)
    page.show_history("渠县")
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    dialog = page.dialog
    assert dialog.isVisible() and "渠县" in dialog.windowTitle()
    table = dialog.findChild(QTableWidget)
    assert (table.rowCount(), table.columnCount()) == (2, 6)
    assert [table.verticalHeaderItem(r).text() for r in range(2)] == [MONTH, "2026-08"]  # newest first
    assert table.item(0, APPROVAL).text() == "80" and table.item(1, APPROVAL).text() == "50"
    assert table.item(0, ON_TIME).text() == "98.0%" and table.item(0, 1).text() == "—"
    dialog.reject()


def test_write_report(qtbot, ctx, tmp_path, inline):
    seed(ctx)
    page = make_page(qtbot, ctx)
    messages = []
    page.message.connect(messages.append)
    target = tmp_path / "九月指标.pdf"
    assert page.write_report(target, open_viewer=False) is True
    assert target.exists() and page.problem.text() == ""
    assert messages and str(target) in messages[-1]
    text = pdf_text(target)
    assert "2026年9月工程建设项目审批指标分析报告" in text
    assert "渠县" in text and "环比异常变动" in text and "未达目标" in text


def test_a_figure_typed_on_the_keyboard(qtbot, ctx):
    seed(ctx)
    page = make_page(qtbot, ctx)
    row = row_of(ctx, "渠县")

    def type_into(column, text, key):
        page.grid.setCurrentCell(row, column)
        page.grid.editItem(page.grid.item(row, column))
        editor = next(e for e in page.grid.findChildren(QLineEdit) if e.isVisible())
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, key)
        qtbot.waitUntil(lambda: page.grid.state() != QAbstractItemView.State.EditingState)

    type_into(APPROVAL, "66", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stored(ctx)[("渠县", "approval_days")] == 66.0)
    settle(qtbot, page)
    assert page.grid.item(row, APPROVAL).text() == "66"
    assert (page.grid.currentRow(), page.grid.currentColumn()) == (row, APPROVAL)
    type_into(ON_TIME, "abc", Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: "'abc' is not a number" in page.problem.text())
    settle(qtbot, page)
    assert stored(ctx)[("渠县", "on_time_rate")] == 98.0
    assert page.grid.item(row, ON_TIME).text() == "98.0%"


# -- reads and writes on a worker ------------------------------------------------------------------------------------


def test_a_month_chosen_while_another_is_read_shows_only_the_newest(qtbot, ctx, monkeypatch):
    import threading

    import dzdesk.ui.indicators.page as page_module

    seed(ctx)
    page = make_page(qtbot, ctx)
    gate, slow = threading.Event(), [True]
    real_cells = page_module.month_cells

    def month_cells(session, month, areas):
        cells = real_cells(session, month, areas)
        if slow:
            slow.clear()
            gate.wait(10)  # September's read is slow
        return cells

    monkeypatch.setattr(page_module, "month_cells", month_cells)
    shown = []
    page.grid_read.answered.connect(lambda: shown.append(page.current_month()))
    page.reload()  # September, slow
    page.month.setCurrentIndex(page.month.findText("2026-08"))  # August asked for meanwhile
    gate.set()
    settle(qtbot, page)
    assert shown == ["2026-08"]  # September's answer, stale by then, was never shown
    assert page.grid.item(row_of(ctx, "渠县"), APPROVAL).text() == "50"


def test_a_figure_that_cannot_be_saved_says_why_and_shows_the_stored_one(qtbot, ctx, monkeypatch):
    import dzdesk.ui.indicators.page as page_module

    seed(ctx)
    page = make_page(qtbot, ctx)

    def locked(*_args, **_kwargs):
        raise OSError("database is locked")

    monkeypatch.setattr(page_module, "set_figure", locked)
    changed = []
    page.records_changed.connect(lambda: changed.append(True))
    typed(qtbot, page, row_of(ctx, "渠县"), APPROVAL, "63")
    assert page.problem.text() == "渠县, 全流程审批时间 was not saved: database is locked"
    assert page.grid.item(row_of(ctx, "渠县"), APPROVAL).text() == "80" and changed == []
    assert stored(ctx)[("渠县", "approval_days")] == 80.0


def test_an_import_that_cannot_be_kept_leaves_the_dialog_open_with_the_reason(qtbot, ctx, tmp_path, monkeypatch):
    import dzdesk.ui.indicators.import_dialog as dialog_module

    def locked(*_args, **_kwargs):
        raise OSError("database is locked")

    monkeypatch.setattr(dialog_module, "import_month", locked)
    page = make_page(qtbot, ctx)
    dialog = page.import_file(csv_file(tmp_path / "m.csv", [["区县", "满意度"], ["渠县", "97.5"]]))
    settle(qtbot, dialog)
    dialog.accept()
    settle(qtbot, dialog)
    assert dialog.isVisible() and dialog.summary.text() == "Nothing was imported: database is locked"
    assert ok_button(dialog).isEnabled() and stored(ctx) == {}
    dialog.reject()

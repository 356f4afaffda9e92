"""The dashboard's cards: what each says on real data, the countdown said again without reading, the empty states
that say what to do, the grid that follows the window's width, and the links to each page."""

from collections import Counter
from dataclasses import replace
from datetime import timedelta
from itertools import pairwise

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QPushButton

from dzdesk.config import Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.severity import Severity
from dzdesk.probes.board import TileLook
from dzdesk.reports.dashboard_data import OPEN_SHOWN
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.probe_repo import save_target
from dzdesk.ui import theme
from dzdesk.ui.dashboard.page import DashboardPage
from dzdesk.ui.dashboard.sparkline import Sparkline
from dzdesk.ui.main_window import PAGES
from dzdesk.ui.theme import DARK, LIGHT, SEVERITY_TOKENS, Token, hex_of
from tests.reports.test_dashboard_data import NOW, fill
from tests.ui.test_theme import contrast


class Clock:
    """The page's `now`, moved on by the test."""

    def __init__(self) -> None:
        self.moment = NOW

    def __call__(self):
        return self.moment


def shown_page(qtbot, ctx, clock=None) -> DashboardPage:
    page = DashboardPage(ctx, None, clock or Clock())
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None)
    return page


def rows(list_widget) -> list[str]:
    return [list_widget.item(row).text() for row in range(list_widget.count())]


def test_each_card_says_its_one_thing_in_chinese(qtbot, ctx, store, chinese):
    fill(store)
    page = shown_page(qtbot, ctx)
    # Faults: overdue ones first, each with its countdown and severity, the count above them.
    assert rows(page.unanswered) == ["已超时 197 天 20 小时　一般故障　去年的故障",
                                     "已超时 2 小时　紧急故障　网上大厅无法打开",
                                     "还剩 1 小时 30 分　重要故障　公示列表报错"]
    assert page.faults_summary.text() == "3 件待响应，2 件已超时"
    assert hex_of(Token.TEXT_PROBLEM) in page.faults_summary.styleSheet()
    with qtbot.waitSignal(page.open_incident) as opened:
        page.unanswered.itemActivated.emit(page.unanswered.item(1))
    assert opened.args == [page.data.unanswered[1].id]
    # The contract: this month's timeliness misses 95 % (the urgent one is past its hour) and says so in colour.
    month_timeliness, year_timeliness = page.rows["timeliness"]
    assert month_timeliness.text() == "50.0 %" and hex_of(Token.TEXT_PROBLEM) in month_timeliness.styleSheet()
    assert month_timeliness.toolTip() == "2 件中 1 件，承诺 95 %：未达标"
    assert year_timeliness.text() == "50.0 %"
    assert page.rows["complaints"][0].text() == "—"  # no complaint: nothing to count, not 100 %
    assert len(page.trends["timeliness"].values) == 12 and page.trends["timeliness"].values[-1] == 0.5
    assert page.month_total.text() == "本月故障 3 件（已解决 0 件）；本年 3 件（已解决 0 件）"
    # Down right now, and since when.
    assert page.down_headline.text() == "1 个中断"
    assert page.down_lines.text() == "审批系统-网上大厅 — 已中断 30 分钟（自 09:30 起）"
    assert page.cert_headline.text() == "30 天内没有到期的证书"
    # Today and this week; sync not set up yet says where to sign in.
    assert page.week_line.text() == "本周：上门服务 0 次 · 培训 1 场"
    assert rows(page.coming)[0].endswith("联合验收培训（达川区政务服务中心）")
    assert page.pending_value.text() == str(page.data.pending_changes)
    assert page.sync_note.text() == "尚未连接团队服务器 — 在“同步”页登录"


def test_the_countdown_is_said_again_from_the_data_at_hand(qtbot, ctx, store, chinese):
    fill(store)
    clock = Clock()
    page = shown_page(qtbot, ctx, clock)
    gathered = page.gatherings
    assert rows(page.unanswered)[2].startswith("还剩 1 小时 30 分")
    page.unanswered.setCurrentRow(2)
    clock.moment = NOW + timedelta(hours=2)
    page._retell.setInterval(20)  # what 30 s do, sooner
    qtbot.waitUntil(lambda: rows(page.unanswered)[2].startswith("已超时 30 分钟"))
    assert page.down_lines.text().startswith("审批系统-网上大厅 — 已中断 2 小时 30 分")
    assert page.gatherings == gathered  # said again, not read again
    assert page.unanswered.currentRow() == 2  # the row a user selected stays selected


def test_a_gathering_rebuilds_only_the_cards_whose_part_changed(qtbot, ctx, store, chinese):
    fill(store)
    page = shown_page(qtbot, ctx)
    page.unanswered.setCurrentRow(2)
    first_row, coming, month = page.unanswered.item(0), page.coming.item(0), page.month_total.text()
    probes_only = replace(page.data, probe_counts=Counter({TileLook.UP: 40}), down_targets=[], trouble=[])
    page.show_data(probes_only, NOW)  # what a pull of probe targets changes
    assert page.unanswered.item(0) is first_row and page.unanswered.currentRow() == 2  # kept, countdowns said
    assert page.coming.item(0) is coming and page.month_total.text() == month
    assert "中断" not in page.down_lines.text()  # the part that changed is shown
    answered = replace(probes_only, unanswered=probes_only.unanswered[1:],
                       unanswered_total=probes_only.unanswered_total - 1)
    page.show_data(answered, NOW)
    assert page.unanswered.item(0) is not first_row and page.unanswered.count() == len(answered.unanswered)


def test_an_empty_start_says_what_to_do_next(qtbot, ctx, store, chinese):
    page = shown_page(qtbot, ctx)
    assert page.faults_summary.text() == "没有待响应的故障"
    assert rows(page.unanswered) == ["所有故障都已响应。"]
    assert page.month_total.text().startswith("本月还没有故障记录")
    assert page.down_headline.text() == "尚未填写巡检目标"
    assert "巡检" in page.down_lines.text()
    assert page.sync_note.text() == "尚未连接团队服务器 — 在“同步”页登录"
    with store.transaction() as session:
        save_target(session, ProbeTarget("信用平台-门户", "credit", url="https://xy.example/"))
    page.refresh()
    qtbot.waitUntil(lambda: page.down_headline.text() == "尚未检测")  # not "all normal": nothing was checked
    assert "立即巡检" in page.down_lines.text()
    assert page.cert_headline.text() == "尚未读取到证书"
    ctx.settings.hub_url = "https://hub.example"
    page.refresh()
    qtbot.waitUntil(lambda: page.sync_note.text() != "尚未连接团队服务器 — 在“同步”页登录")
    ctx.settings.demo = True  # demo data never syncs: its count is said to stay
    page.refresh()
    qtbot.waitUntil(lambda: page.sync_note.text() == "演示数据从不同步，所以这个数字不会减少。")


def test_the_cards_take_as_many_columns_as_the_width_allows(qtbot, ctx):
    page = shown_page(qtbot, ctx)

    def column_of(name: str) -> int:
        return page.grid.getItemPosition(page.grid.indexOf(page.cards[name]))[1]

    assert page.columns == 3 and column_of("contract") == 1 and column_of("certificates") == 2
    page.resize(760, 700)
    qtbot.waitUntil(lambda: page.columns == 2)
    assert column_of("outages") == 1 and page.grid.getItemPosition(page.grid.indexOf(page.cards["contract"]))[3] == 2
    page.resize(400, 700)
    qtbot.waitUntil(lambda: page.columns == 1)
    assert {column_of(name) for name in page.cards} == {0}


def test_a_card_s_link_opens_its_page_in_the_window(qtbot, window):
    qtbot.waitUntil(lambda: window.dashboard.data is not None)
    for card, page in (("faults", "incidents"), ("agenda", "trainings"), ("sync", "sync_page")):
        window.navigation.setCurrentRow(0)
        button = window.dashboard.cards[card].findChild(QPushButton, f"open_{page}")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert window.navigation.currentRow() == list(PAGES).index(page)
        assert window.pages.currentWidget() is getattr(window, page)


def test_the_sparkline_draws_each_month_leaves_gaps_and_puts_misses_low(qtbot):
    line = Sparkline()
    qtbot.addWidget(line)
    line.resize(120, 30)
    line.set_values([1.0, 0.9, None, 0.97], goal=0.95)
    first, missed, gap, last = line.points()
    assert gap is None
    assert missed.y() > first.y() and missed.y() > last.y()  # lower on screen
    assert first.x() < missed.x() < last.x() and isinstance(first, QPointF)
    line.grab()  # paints without error, gap and all


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_a_card_s_text_and_the_severity_badges_pass_wcag_aa(palette):
    assert contrast(palette[Token.TEXT_ON_CARD], palette[Token.CARD_BG]) >= 4.5
    for severity in SEVERITY_TOKENS.values():
        assert contrast(palette[Token.TEXT_ON_ACCENT], palette[severity]) >= 4.5, severity


def test_many_faults_are_rows_of_two_lines_that_do_not_overlap_and_the_rest_are_counted(qtbot, ctx, store, chinese):
    catalogue, calendar = load_catalogue(), Settings().calendar()
    with store.transaction() as session:
        for n in range(OPEN_SHOWN + 3):
            add_incident(session, IncidentDraft(platform="credit", severity=Severity.URGENT, title=f"故障 {n}",
                                                reported_at=NOW - timedelta(hours=n + 2)), catalogue, calendar, NOW)
    page = shown_page(qtbot, ctx)
    assert page.faults_summary.text() == f"{OPEN_SHOWN + 3} 件待响应，{OPEN_SHOWN + 3} 件已超时"
    assert rows(page.unanswered)[-1] == "……另有 3 件，见故障列表"
    line = page.unanswered.fontMetrics().height()
    rects = [page.unanswered.visualItemRect(page.unanswered.item(row)) for row in range(page.unanswered.count())]
    assert all(rect.height() >= 2 * line for rect in rects[:OPEN_SHOWN])
    assert all(upper.bottom() < lower.top() for upper, lower in pairwise(rects))


def test_the_cards_follow_the_system_from_light_to_dark(qtbot, ctx, store):
    fill(store)
    theme.force_scheme("light")
    try:
        page = shown_page(qtbot, ctx)
        assert LIGHT[Token.CARD_BG] in page.cards["faults"].styleSheet()
        theme.force_scheme("dark")  # announced as the system's switch is
        assert DARK[Token.CARD_BG] in page.cards["faults"].styleSheet()
        assert DARK[Token.TEXT_PROBLEM] in page.faults_summary.styleSheet()  # set again with the figures
        assert DARK[Token.TEXT_MUTED] in page.month_title.styleSheet()  # set once, kept in the card's list
        assert page.unanswered.palette().base().color().name() == DARK[Token.CARD_BG]
    finally:
        theme.force_scheme(None)


def test_figures_that_cannot_be_read_are_said_and_the_page_still_reports_shown(qtbot, ctx, monkeypatch, chinese):
    def broken(*_args):
        raise OSError("磁盘已满")

    monkeypatch.setattr("dzdesk.ui.dashboard.page.gather_dashboard", broken)
    page = DashboardPage(ctx, None, Clock())
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.shown):
        page.refresh()
    assert page.problem.isVisible() and page.problem.text() == "无法读取统计数据：磁盘已满"
    assert page.data is None
    qtbot.waitUntil(lambda: not page._gathering and not page._again)  # the refresh asked for meanwhile ends here too

"""The visit list narrows as the faults list does: a search over bureau, engineer and content (Chinese included),
signed or not, a period, and one engineer; the engineer filter offers everyone named on a visit."""

import io
from dataclasses import replace
from datetime import datetime

import pytest
from PIL import Image

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.visit import ServiceCategory
from dzdesk.operations.visits import save_visit_with, sign_visit
from dzdesk.store.visit_repo import VisitDraft
from dzdesk.ui.visits.page import VisitsPage, period_range

NOW = datetime(2026, 11, 20, 11, 30, tzinfo=SHANGHAI)
BASE = VisitDraft(office="渠县住房和城乡建设局", platforms=("credit",), categories=(ServiceCategory.SECURITY,),
                  engineers="邓雪", arrived_at=datetime(2026, 11, 18, 9, 0, tzinfo=SHANGHAI),
                  departed_at=datetime(2026, 11, 18, 11, 0, tzinfo=SHANGHAI),
                  work_done="核对账号权限，清理离职人员账号。")


def signature() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (240, 90), (20, 30, 80, 255)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def visits(ctx):
    """Three visits: this month (signed), last month and last year, by different engineers."""
    store = ctx.store
    signed = save_visit_with(store, BASE, NOW).record_id
    sign_visit(store, signed, "王主任", signature(), NOW)
    last_month = save_visit_with(store, replace(
        BASE, office="达州市住房和城乡建设局", department="建管科", engineers="李明、王强",
        arrived_at=datetime(2026, 10, 9, 9, 0, tzinfo=SHANGHAI), departed_at=datetime(2026, 10, 9, 10, 0,
                                                                                     tzinfo=SHANGHAI),
        work_done="检查审批系统打印控件"), NOW).record_id
    last_year = save_visit_with(store, replace(
        BASE, office="通川区政务服务中心", engineers="蒋涛",
        arrived_at=datetime(2025, 6, 3, 9, 0, tzinfo=SHANGHAI), departed_at=datetime(2025, 6, 3, 10, 0,
                                                                                    tzinfo=SHANGHAI),
        work_done="信用修复流程培训"), NOW).record_id
    return {"signed": signed, "last_month": last_month, "last_year": last_year}


def shown(page) -> set[str]:
    return {page.model.index(row, 0).data(0x0100) for row in range(page.model.rowCount())}


def listed(qtbot, page) -> set[str]:
    """The rows once the list of the current filters is read (on a worker) and on screen with its count."""
    qtbot.waitUntil(page.model.is_settled)
    return shown(page)


def test_filters_narrow_the_rows(qtbot, ctx, visits):
    page = VisitsPage(ctx, now=lambda: NOW)
    qtbot.addWidget(page)
    assert listed(qtbot, page) == set(visits.values())
    page.signed.setCurrentIndex(page.signed.findData(False))
    assert listed(qtbot, page) == {visits["last_month"], visits["last_year"]}
    page.period.setCurrentIndex(page.period.findData("last_month"))
    assert listed(qtbot, page) == {visits["last_month"]}
    page.signed.setCurrentIndex(page.signed.findData(None))
    page.period.setCurrentIndex(page.period.findData("this_month"))
    assert listed(qtbot, page) == {visits["signed"]}
    page.period.setCurrentIndex(page.period.findData("this_year"))
    assert listed(qtbot, page) == {visits["signed"], visits["last_month"]}
    page.period.setCurrentIndex(page.period.findData("all"))
    qtbot.waitUntil(lambda: page.engineer.count() > 1)  # the engineers are read on a worker
    engineers = [page.engineer.itemData(i) for i in range(1, page.engineer.count())]
    assert engineers == sorted(["邓雪", "李明", "王强", "蒋涛"])  # "李明、王强" is two people
    page.engineer.setCurrentIndex(page.engineer.findData("王强"))
    assert listed(qtbot, page) == {visits["last_month"]}
    assert "1" in page.count_label.text() and not page.clear_button.isHidden()
    page.signed.setCurrentIndex(page.signed.findData(True))
    assert listed(qtbot, page) == set() and ("No visit" in page.count_label.text() or "没有" in page.count_label.text())
    page.clear_button.click()
    assert listed(qtbot, page) == set(visits.values()) and page.clear_button.isHidden()


def test_search_finds_chinese_text_in_bureau_engineer_and_content(qtbot, ctx, visits):
    page = VisitsPage(ctx, now=lambda: NOW)
    qtbot.addWidget(page)
    for text, expected in (("住房和城乡建设局", {"signed", "last_month"}), ("通川区", {"last_year"}),
                           ("蒋涛", {"last_year"}), ("打印控件", {"last_month"}), ("建管科 李明", {"last_month"}),
                           ("100%_无", set())):
        page.search.setText(text)
        qtbot.waitUntil(lambda expected=expected: shown(page) == {visits[k] for k in expected}, timeout=2000)
    page.search.clear()
    qtbot.waitUntil(lambda: len(shown(page)) == 3, timeout=2000)


def test_periods_are_counted_in_shanghai_time():
    start, end = period_range("last_month", datetime(2026, 1, 5, 2, tzinfo=SHANGHAI))
    assert (start.astimezone(SHANGHAI).date().isoformat(), end.astimezone(SHANGHAI).date().isoformat()) == (
        "2025-12-01", "2026-01-01")
    assert period_range("all", NOW) == (None, None)

"""The sync page's state without a hub round trip: the account and what the last sync moved (calendar moves and
refused changes included), a refused whole change offered only to be acknowledged, and every read on a worker."""

import json
from datetime import UTC, datetime

from dzdesk.store.account import HubAccount, remember_account
from dzdesk.store.incident_repo import DeadlineShift, StatusChange
from dzdesk.store.sync_models import SyncConflict
from dzdesk.sync.engine import SyncSummary
from dzdesk.ui.session_guard import gui_session_guard
from dzdesk.ui.sync.controller import SyncController
from dzdesk.ui.sync.page import CONFLICTS, STATUS, SyncPage


def make_page(qtbot, ctx):
    controller = SyncController(ctx)
    controller.stop()
    page = SyncPage(ctx, controller)
    qtbot.addWidget(page)
    return page, controller


def test_the_account_and_what_the_last_sync_moved(qtbot, ctx):
    ctx.settings.hub_url = "https://hub.example"
    with ctx.store.transaction() as session:
        remember_account(session, HubAccount("李明", "lead", "运维一组", ("运维一组", "运维二组")))
    seen = []
    ctx.store.session_guard = gui_session_guard(seen.append)
    try:
        page, controller = make_page(qtbot, ctx)
        qtbot.waitUntil(lambda: page.overview is not None, timeout=5000)
        controller.last_summary = SyncSummary(
            pushed=3, pulled=7, rejected=["visit 1234: signed visits are locked"],
            deadlines=DeadlineShift(2, (StatusChange("f1", "网上大厅无法登录", True, False),)))
        with qtbot.waitSignal(page.shown, timeout=5000):
            page.refresh()
    finally:
        ctx.store.session_guard = None
    assert "dzdesk.ui.sync.page" not in seen  # read on a worker, never on the GUI thread
    assert page.stack.currentIndex() == STATUS
    account = page.account_card.body.text()
    assert "李明" in account and "运维一组" in account and "运维二组" in account
    assert "lead" in account or "组长" in account
    moved = page.moved_card.body.text()
    assert "3" in moved and "7" in moved and "网上大厅无法登录" in moved
    assert "signed visits are locked" in page.moved_card.note.text()


def test_a_refused_change_can_only_be_acknowledged(qtbot, ctx):
    ctx.settings.hub_url = "https://hub.example"
    with ctx.store.transaction() as session:
        session.add(SyncConflict(entity="visits", record_id="1b2c3d4e-0000-4000-8000-000000000001", field="*",
                                 kept_value=json.dumps({"office": "渠县住建局"}, ensure_ascii=False),
                                 other_value=json.dumps({"office": "渠县住房和城乡建设局"}, ensure_ascii=False),
                                 kept_author="王芳", other_author="李明", kept_at=datetime(2026, 11, 2, 1, tzinfo=UTC),
                                 other_at=datetime(2026, 11, 2, 2, tzinfo=UTC)))
    page, _controller = make_page(qtbot, ctx)
    qtbot.waitUntil(lambda: page.stack.currentIndex() == CONFLICTS, timeout=5000)
    field = page.field_views[0]
    assert field.take_button.isHidden() and "渠县住房和城乡建设局" in field.theirs.toPlainText()
    assert "2026-11-02 10:00" in field.theirs_label.text()  # Shanghai time
    with qtbot.waitSignal(page.shown, timeout=5000):
        field.keep_button.click()
    qtbot.waitUntil(lambda: page.stack.currentIndex() == STATUS, timeout=5000)

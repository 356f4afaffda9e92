"""Sync in the window, against a real hub on 127.0.0.1: signing in, syncing in the background, the status bar,
back-off while the hub is away, and settling a conflict side by side."""

import json

import pytest
from sqlalchemy import func, select

from dzdesk.config import DataDir, Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.timefmt import format_local
from dzdesk.secrets import get_secret, hub_token_key
from dzdesk.store import open_store
from dzdesk.store.blobs import BlobStore
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.probe_repo import save_target
from dzdesk.store.sync_models import SyncConflict
from dzdesk.sync.client import HubClient
from dzdesk.sync.engine import synchronise
from dzdesk.ui.context import AppContext
from dzdesk.ui.main_window import MainWindow
from dzdesk.ui.operations import set_synchronous
from dzdesk.ui.sync.controller import SyncController
from dzdesk.ui.sync.page import CONFLICTS, NO_HUB, STATUS, SyncPage
from tests.support.hub import free_port, running_hub


@pytest.fixture
def sqlite_hub(tmp_path):
    with running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}") as hub:
        yield hub


@pytest.fixture
def synchronous():
    set_synchronous(True)
    yield
    set_synchronous(False)


def make_page(qtbot, ctx):
    controller = SyncController(ctx)
    controller.stop()  # no timers in tests: each sync is started by the test
    controller.enabled = True
    page = SyncPage(ctx, controller)
    qtbot.addWidget(page)
    return page, controller


def test_signing_in_checks_the_token_keeps_it_in_the_keyring_and_pulls(qtbot, ctx, sqlite_hub, synchronous):
    token = sqlite_hub.add_user("李明")
    page, controller = make_page(qtbot, ctx)
    assert page.stack.currentIndex() == NO_HUB and page.empty_sign_in.isEnabled()
    assert "sign in" in page.no_hub_text.text() or "登录" in page.no_hub_text.text()
    dialog = page.sign_in()
    dialog.url.setText(sqlite_hub.url)
    dialog.token.setText("dzh_wrong")
    dialog.accept()
    assert dialog.isVisible() and ("不认识" in dialog.message.text() or "does not know" in dialog.message.text())
    assert ctx.settings.hub_url == ""
    dialog.token.setText(token)
    dialog.accept()
    assert not dialog.isVisible()
    assert get_secret(hub_token_key(sqlite_hub.url)) == token
    assert Settings.load(ctx.data_dir.settings_file).hub_url == sqlite_hub.url
    assert controller.online and controller.last_sync is not None
    assert token not in ctx.data_dir.settings_file.read_text(encoding="utf-8")
    assert page.stack.currentIndex() == STATUS
    assert sqlite_hub.url in page.hub_card.body.text()
    assert "李明" in page.account_card.body.text() and ("engineer" in page.account_card.body.text()
                                                       or "工程师" in page.account_card.body.text())
    assert format_local(controller.last_sync) == page.last_card.body.text()


def test_a_local_change_reaches_the_hub_and_a_teammate(qtbot, ctx, sqlite_hub, synchronous, tmp_path):
    token = sqlite_hub.add_user("李明")
    mate_token = sqlite_hub.add_user("王芳")
    ctx.settings.hub_url = sqlite_hub.url
    from dzdesk.secrets import set_secret

    set_secret(hub_token_key(sqlite_hub.url), token)
    page, controller = make_page(qtbot, ctx)
    with ctx.store.transaction() as session:
        save_target(session, ProbeTarget("审批系统-网上大厅", "approval", url="https://gcxm.example/"))
    page.refresh()
    assert "1" in page.state.text()
    with qtbot.waitSignal(controller.finished, timeout=10000):
        assert controller.sync_now()
    moved = page.moved_card.body.text()
    assert ("Sent: 1" in moved or "发送：1" in moved) and page.stack.currentIndex() == STATUS
    mate = open_store(DataDir(tmp_path / "mate").ensure(), author="王芳")
    try:
        with HubClient(sqlite_hub.url, mate_token) as client:
            synchronise(mate, BlobStore(mate.data_dir.blobs), client)
        with mate.session() as session:
            names = session.scalars(select(ProbeTargetRecord.name)).all()
    finally:
        mate.close()
    assert names == ["审批系统-网上大厅"]


def test_an_unreachable_hub_means_offline_and_backing_off(qtbot, ctx, synchronous):
    ctx.settings.hub_url = f"http://127.0.0.1:{free_port()}"
    from dzdesk.secrets import set_secret

    set_secret(hub_token_key(ctx.settings.hub_url), "dzh_x")
    _page, controller = make_page(qtbot, ctx)
    failures = []
    controller.failed.connect(failures.append)
    controller.sync_now()
    assert not controller.online and failures and "cannot reach" in failures[0]
    first = controller.timer.remainingTime()
    controller.sync_now()
    assert controller.timer.remainingTime() > first  # waits longer after each failure
    controller.local_change()
    assert controller.timer.remainingTime() > 20_000  # a local change does not undo the back-off


def test_a_conflict_is_shown_side_by_side_and_settled_with_the_other_value(qtbot, ctx, sqlite_hub, synchronous,
                                                                           tmp_path):
    token = sqlite_hub.add_user("李明")
    mate_token = sqlite_hub.add_user("王芳")
    mate = open_store(DataDir(tmp_path / "mate").ensure(), author="王芳")
    blobs, mate_blobs = BlobStore(ctx.data_dir.blobs), BlobStore(mate.data_dir.blobs)

    def sync(store, store_blobs, key):
        with HubClient(sqlite_hub.url, key) as client:
            return synchronise(store, store_blobs, client)

    try:
        with ctx.store.transaction() as session:
            record = save_target(session, ProbeTarget("审批系统-网上大厅", "approval", url="https://gcxm.example/a"))
            session.flush()
            target_id = record.id
        sync(ctx.store, blobs, token)
        sync(mate, mate_blobs, mate_token)
        with mate.transaction() as session:
            save_target(session, ProbeTarget("审批系统-网上大厅", "approval", url="https://gcxm.example/mate"),
                        target_id)
        sync(mate, mate_blobs, mate_token)
        with ctx.store.transaction() as session:
            save_target(session, ProbeTarget("审批系统-网上大厅", "approval", url="https://gcxm.example/mine"),
                        target_id)
        summary = sync(ctx.store, blobs, token)
        assert summary.conflicts == 1
    finally:
        mate.close()
    ctx.settings.hub_url = sqlite_hub.url
    page, _controller = make_page(qtbot, ctx)
    assert page.stack.currentIndex() == CONFLICTS
    assert page.conflicts.count() == 1 and len(page.field_views) == 1
    assert "审批系统-网上大厅" in page.conflicts.item(0).text()  # the record by its name, not its id
    field = page.field_views[0]
    assert field.mine.toPlainText() == "https://gcxm.example/mine"
    assert field.theirs.toPlainText() == "https://gcxm.example/mate"
    assert "王芳" in field.theirs_label.text() and "李明" in field.mine_label.text()
    page.resize(1000, 600)
    page.show()
    qtbot.waitExposed(page)
    assert field.mine.geometry().top() == field.theirs.geometry().top()  # side by side
    assert field.mine.geometry().right() < field.theirs.geometry().left()
    field.take_button.click()
    with ctx.store.session() as session:
        assert session.get(ProbeTargetRecord, target_id).url == "https://gcxm.example/mate"
        conflict = session.scalars(select(SyncConflict)).one()
        assert conflict.resolved and conflict.resolution == "other"
        assert json.loads(conflict.other_value) == "https://gcxm.example/mate"
    assert page.stack.currentIndex() == STATUS and not page.field_views
    page.settle(conflict.id, take_other=False)  # settled meanwhile (another click, another laptop): no harm
    assert page.stack.currentIndex() == STATUS and "Not settled" not in page.state.text()


def test_the_window_has_a_sync_page_and_stops_syncing_when_closed(qtbot, data_dir, store):
    settings = Settings()
    ctx = AppContext(data_dir=data_dir, settings=settings, store=store, catalogue=load_catalogue())
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles[-1] in ("同步", "Sync")
    assert not window.sync.timer.isActive()  # no hub configured: nothing scheduled
    window.close()
    assert not window.sync.enabled
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(SyncConflict)) == 0

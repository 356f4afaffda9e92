"""The first start, the preferences, the shortcut list and the log viewer."""

import pytest

from dzdesk.config import Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.secrets import get_secret, hub_token_key
from dzdesk.ui.context import AppContext
from dzdesk.ui.first_run import FirstRunWizard
from dzdesk.ui.main_window import MainWindow


@pytest.fixture
def fresh_ctx(data_dir, store):
    return AppContext(data_dir=data_dir, settings=Settings(), store=store, catalogue=load_catalogue())


def test_the_wizard_asks_who_you_are_and_keeps_the_answers(qtbot, fresh_ctx):
    wizard = FirstRunWizard(fresh_ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.profile_page
    assert not page.isComplete()
    page.dialog.name_edit.setText("王芳")
    page.dialog.phone_edit.setText("13980861234")
    assert page.isComplete()
    wizard.next()
    wizard.platforms_page.checks["credit"].setChecked(False)
    assert wizard.platforms_page.chosen() == ["approval"]
    wizard.platforms_page.checks["approval"].setChecked(False)
    assert not wizard.platforms_page.isComplete()  # at least one platform
    wizard.platforms_page.checks["approval"].setChecked(True)
    wizard.next()
    hub = wizard.hub_page
    assert hub.offline.isChecked() and hub.isComplete()
    hub.online.setChecked(True)
    assert not hub.isComplete()
    hub.url.setText("https://hub.example/")
    hub.token.setText("dzh_secret")
    wizard.accept()
    saved = Settings.load(fresh_ctx.data_dir.settings_file)
    assert saved.profile.name == "王芳" and saved.platforms == ["approval"] and saved.hub_url == "https://hub.example"
    assert get_secret(hub_token_key("https://hub.example")) == "dzh_secret"
    assert "dzh_secret" not in fresh_ctx.data_dir.settings_file.read_text(encoding="utf-8")


def test_the_demo_offer_fills_a_separate_folder(qtbot, fresh_ctx):
    wizard = FirstRunWizard(fresh_ctx)
    qtbot.addWidget(wizard)
    folder = wizard.demo_page.open_demo(launch=False)
    assert folder != fresh_ctx.data_dir.root and (folder / "dzdesk.sqlite3").exists()
    assert not any(fresh_ctx.data_dir.root.glob("*.sqlite3-journal"))


def test_preferences_shortcuts_and_log(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    dialog = window.preferences()
    dialog.sync_interval.setValue(9)
    dialog.backup_keep.setValue(3)
    dialog.accept()
    saved = Settings.load(ctx.data_dir.settings_file)
    assert saved.sync_interval_minutes == 9 and saved.backup_keep == 3
    shortcuts = window.show_shortcuts()
    keys = [shortcuts.table.item(row, 0).text() for row in range(shortcuts.table.rowCount())]
    assert "Ctrl+K" in keys and "F1" in keys and "Ctrl+Shift+N" in keys
    (ctx.data_dir.logs / "dzdesk.log").write_text("第一行\nstarted\n", encoding="utf-8")
    log = window.show_log()
    assert "started" in log.text.toPlainText()

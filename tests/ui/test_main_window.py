from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from dzdesk.config import Settings
from dzdesk.ui.main_window import MainWindow
from tests.store.test_outbox import Note, SampleBase
from tests.support.typing import type_text


def make_window(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_speaks_chinese_by_default(qtbot, ctx, chinese):
    window = make_window(qtbot, ctx)
    assert window.windowTitle() == "dzdesk — 达州平台运维工作台"
    assert window.navigation.item(0).text() == "工作台"
    assert window.dashboard.greeting.text() == "您好，李明"
    assert window.status.connection_label.text() == "离线（未配置同步中心）"
    assert str(ctx.data_dir.root) in window.status.data_dir_label.full_text()  # shortened to fit, whole here


def test_status_bar_counts_unsynced_changes(qtbot, ctx):
    SampleBase.metadata.create_all(ctx.store.engine)
    window = make_window(qtbot, ctx)
    qtbot.waitUntil(lambda: window.status.pending_label.text().endswith(": 0"))  # counted on a worker
    with ctx.store.transaction() as session:  # saved behind the window's back: the commit announces it
        session.add_all([Note(body="a"), Note(body="b")])
    qtbot.waitUntil(lambda: window.status.pending_label.text().endswith(": 2"))


def test_window_state_is_remembered(qtbot, ctx):
    window = make_window(qtbot, ctx)
    window.resize(790, 560)  # within the offscreen screen, which restoreGeometry clamps to
    window.close()
    again = make_window(qtbot, ctx)
    assert (again.width(), again.height()) == (790, 560)


def test_profile_dialog_validates_as_you_type_and_saves(qtbot, ctx, chinese):
    window = make_window(qtbot, ctx)
    dialog = window.edit_profile()
    qtbot.waitExposed(dialog)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    dialog.name_edit.clear()
    assert not save.isEnabled()
    assert dialog.problems_label.text() == "请填写姓名。"
    type_text(qtbot, dialog.name_edit, "王芳")
    dialog.phone_edit.clear()
    qtbot.keyClicks(dialog.phone_edit, "12345")
    assert not save.isEnabled()
    assert "手机号" in dialog.problems_label.text()
    dialog.phone_edit.clear()
    qtbot.keyClicks(dialog.phone_edit, "0818-2123456")
    assert save.isEnabled() and dialog.problems_label.text() == ""
    qtbot.keyClick(dialog.phone_edit, Qt.Key.Key_Return)
    assert Settings.load(ctx.data_dir.settings_file).profile.name == "王芳"
    assert window.dashboard.greeting.text() == "您好，王芳"
    assert ctx.store.author == "王芳"


def test_cancelled_profile_changes_nothing(qtbot, ctx):
    window = make_window(qtbot, ctx)
    dialog = window.edit_profile()
    dialog.name_edit.setText("别人")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert Settings.load(ctx.data_dir.settings_file).profile.name == "李明"


def test_language_choice_is_saved_for_next_start(qtbot, ctx):
    window = make_window(qtbot, ctx)
    window.set_language("en")
    assert Settings.load(ctx.data_dir.settings_file).language == "en"


def test_a_save_on_any_page_updates_the_unsynced_count(qtbot, ctx):
    from tests.support.typing import type_text

    window = make_window(qtbot, ctx)
    qtbot.waitUntil(lambda: window.status.pending_label.text().endswith(": 0"))
    editor = window.complaints.new_complaint()
    type_text(qtbot, editor.w["complainant"], "王芳")
    type_text(qtbot, editor.w["content"], "电话无人接听")
    editor.accept()
    qtbot.waitUntil(lambda: window.status.pending_label.text().endswith(": 1"))


def test_a_long_data_directory_is_shortened_in_the_middle_once_shown(qtbot, tmp_path):
    from dzdesk.ui.status_bar import ElidedLabel

    label = ElidedLabel()
    qtbot.addWidget(label)
    label.resize(200, 20)
    deep = "/" + "/".join(f"第{n}层目录" for n in range(40))
    label.set_full_text(deep)
    assert label.text() == deep  # hidden: not measured yet
    label.show()
    qtbot.waitExposed(label)
    assert label.text() != deep and "…" in label.text() and label.text().startswith("/第0层")
    assert label.full_text() == deep and label.toolTip() == deep
    label.hide()
    label.set_full_text(deep + "/末层")
    label.show()  # shown again at the same size: shortened again
    assert label.text() != deep + "/末层" and "…" in label.text()


def test_a_status_message_takes_the_data_directorys_place_and_gives_it_back(qtbot, ctx):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    status = window.status
    assert status.data_dir_label.isVisible()
    status.say_both_kept(2)
    assert "2" in status.currentMessage()
    assert not status.data_dir_label.isVisible()  # the message has the room: it is seen
    assert status.connection_label.isVisible() and status.pending_label.isVisible()
    status.clearMessage()
    assert status.data_dir_label.isVisible() and str(ctx.data_dir.root) in status.data_dir_label.full_text()

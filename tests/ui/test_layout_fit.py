"""The main window, each of its pages and each dialog it opens fit the two screens the team works on, with no text
cut off and the main lists' columns all in view (`tests/support/layout_fit.py` says what is checked)."""

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from dzdesk.config import DataDir
from dzdesk.ui import screen_fit
from dzdesk.ui.i18n import install_translations
from dzdesk.ui.incidents.table_model import COL_DUE
from dzdesk.ui.main_window import MainWindow
from dzdesk.ui.operations import set_synchronous
from tests.support.layout_fit import DIALOGS, SCREENS, as_opened, close_dialogs, fit_problems, pages


@pytest.fixture
def data_dir(demo_copy):
    """The window on a demo year: long names, full lists, as it is used."""
    return DataDir(demo_copy)


@pytest.fixture
def synchronous():
    set_synchronous(True)
    yield
    set_synchronous(False)


def open_window(qtbot, ctx, monkeypatch, area: QRect) -> MainWindow:
    monkeypatch.setattr(screen_fit, "available_area", lambda _widget=None: QRect(area))
    ctx.settings.probes.interval_minutes = 0  # no sweep of the demo's targets during the test
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def settle(qtbot) -> None:
    qtbot.wait(20)
    QApplication.processEvents()


@pytest.mark.parametrize("screen", SCREENS)
def test_the_window_opens_inside_the_screen(qtbot, ctx, monkeypatch, screen):
    area = SCREENS[screen]
    window = open_window(qtbot, ctx, monkeypatch, area)
    assert area.contains(window.frameGeometry())
    assert window.width() >= area.width() * 0.8 and window.height() >= area.height() * 0.8  # uses the room there is
    assert window.statusBar().isVisible()
    assert window.statusBar().mapTo(window, window.statusBar().rect().bottomLeft()).y() < window.height()


def test_a_small_screen_is_taken_whole_and_a_roomy_one_in_part(qtbot, ctx, monkeypatch):
    small = SCREENS["1366x768"]
    window = open_window(qtbot, ctx, monkeypatch, small)
    assert window.width() >= small.width() - 10 and window.height() >= small.height() - 40  # all but a frame
    window.close()
    roomy = QRect(0, 0, 2560, 1400)
    window = open_window(qtbot, ctx, monkeypatch, roomy)
    assert roomy.contains(window.frameGeometry())
    assert window.width() < roomy.width() * 0.9 and window.height() < roomy.height() * 0.9


def test_a_remembered_geometry_larger_than_the_screen_is_brought_inside(qtbot, ctx, monkeypatch):
    big = open_window(qtbot, ctx, monkeypatch, QRect(0, 0, 2560, 1400))
    big.setGeometry(300, 200, 2000, 1100)
    big.close()
    area = SCREENS["1366x768"]
    window = open_window(qtbot, ctx, monkeypatch, area)
    assert area.contains(window.frameGeometry()), window.frameGeometry()


@pytest.mark.slow
@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("screen", SCREENS)
def test_every_page_and_dialog_fits(qtbot, ctx, monkeypatch, tmp_path, synchronous, qapp, screen, language):
    """In Chinese, as the team reads it, and in English, whose words are longer."""
    translators = install_translations(qapp, language) if language != "en" else []
    try:
        fits(qtbot, ctx, monkeypatch, tmp_path, SCREENS[screen])
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def fits(qtbot, ctx, monkeypatch, tmp_path, area: QRect) -> None:
    window = open_window(qtbot, ctx, monkeypatch, area)
    settle(qtbot)
    problems = [f"main window: {p}" for p in fit_problems(window, area)]
    for name, _page in pages(window):
        settle(qtbot)
        problems += [f"page {name}: {p}" for p in fit_problems(window, area)]
        if name == "incidents":  # the response deadline (响应期限) is what a duty engineer looks for first
            table = window.incidents.table
            due = table.horizontalHeader().sectionViewportPosition(COL_DUE)
            assert not table.isColumnHidden(COL_DUE) and due >= 0
            assert due + table.columnWidth(COL_DUE) <= table.viewport().width()
    for name, opener in DIALOGS.items():
        dialog = opener(window, tmp_path)
        assert dialog is not None, f"the {name} dialog did not open"
        qtbot.waitExposed(dialog)
        dialog.resize(as_opened(dialog, area))
        settle(qtbot)
        problems += [f"dialog {name}: {p}" for p in fit_problems(dialog, area)]
        close_dialogs()
    assert not problems, "\n".join(problems)


def test_the_check_finds_cut_off_text_and_a_window_too_large(qtbot):
    """The checks above can fail: a label narrower than its text, and a window taller than the screen."""
    top = QWidget()
    qtbot.addWidget(top)
    label = QLabel("一段很长的说明文字，放不下", top)
    top.resize(60, 800)
    label.setGeometry(0, 0, 50, 20)
    top.show()
    problems = fit_problems(top, SCREENS["1366x768"])
    assert any("text cut off" in p for p in problems)
    assert any("larger than the screen" in p for p in problems)
    fitting = QWidget()
    qtbot.addWidget(fitting)
    QVBoxLayout(fitting).addWidget(QLabel("短", fitting))
    fitting.show()
    assert fit_problems(fitting, SCREENS["1366x768"]) == []


def test_a_deep_data_directory_does_not_widen_the_window(qtbot, ctx, monkeypatch):
    window = open_window(qtbot, ctx, monkeypatch, SCREENS["1920x1080@150"])
    label = window.status.data_dir_label
    label.set_full_text("数据：" + "/很深的目录" * 80)
    settle(qtbot)
    assert window.status.minimumSizeHint().width() < 400
    assert label.text().count("…") == 1 and label.toolTip() == label.full_text()
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()

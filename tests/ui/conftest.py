import os
from pathlib import Path

import pytest

from dzdesk.config import Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.profile import EngineerProfile
from dzdesk.ui.context import AppContext
from dzdesk.ui.i18n import install_translations
from dzdesk.ui.main_window import MainWindow
from dzdesk.ui.session_guard import gui_session_guard
from tests.support.typing import activate

# Window modules allowed to open store sessions on the GUI thread: none. Every read and write of the window goes
# through a worker (`run_in_background`, `dzdesk/ui/worker_calls.py`) or an operation run on one; a session opened
# on the GUI thread by any module fails the test that opened it.
STILL_ON_THE_GUI_THREAD: frozenset[str] = frozenset()


@pytest.fixture
def chinese(qapp):
    translators = install_translations(qapp, "zh_CN")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture
def gui_sessions(store):
    """The window modules that opened a store session on the GUI thread during the test."""
    seen: list[str] = []
    store.session_guard = gui_session_guard(seen.append)
    yield seen
    store.session_guard = None
    listing = os.environ.get("DZDESK_LIST_GUI_SESSIONS")  # a file: lists them all there instead of failing
    if listing:
        with Path(listing).open("a", encoding="utf-8") as out:
            out.writelines(f"{name}\n" for name in seen)
        return
    moved = sorted(set(seen) - STILL_ON_THE_GUI_THREAD)
    assert not moved, f"store sessions opened on the GUI thread by {moved}"


@pytest.fixture
def ctx(data_dir, store, gui_sessions):
    settings = Settings(profile=EngineerProfile(name="李明", phone="13980861234", team="运维一组"))
    settings.save(data_dir.settings_file)
    return AppContext(data_dir=data_dir, settings=settings, store=store, catalogue=load_catalogue())


@pytest.fixture
def window(qtbot, ctx):
    """The main window on the test's data, shown, exposed and active, as a user sees it."""
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    activate(win)
    return win

"""The window's first page shows its figures read before the store opened, then reads for itself once the data is
attached: the same page, the same figures, and the start goes on as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime

from PySide6.QtCore import QSettings

from dzdesk.config import DataDir
from dzdesk.reports.dashboard_data import gather_dashboard
from dzdesk.reports.dashboard_plain import read_dashboard_plainly
from dzdesk.ui.main_window import MainWindow
from tests.reports.test_dashboard_data import NOW, fill


def _kept(store, data_dir) -> None:
    with store.session() as session:
        gather_dashboard(session, NOW, 30, data_dir.plain_statements_file)


def test_the_page_shown_early_is_the_page_that_reads_once_attached(qtbot, ctx, store, data_dir, chinese) -> None:
    fill(store)
    _kept(store, data_dir)
    early = read_dashboard_plainly(data_dir, NOW, 30)
    assert early is not None
    window = MainWindow.shell(data_dir, ctx.settings)
    qtbot.addWidget(window)
    window.show()
    said: list[str] = []
    window.data_shown.connect(lambda: said.append("data"))
    window.ready.connect(lambda: said.append("ready"))

    assert window.show_first_data(early, NOW) is True
    page = window.pages.currentWidget()
    assert said == ["data"]
    assert page.faults_summary.text() == "3 件待响应，2 件已超时"
    assert page.greeting.text() == "您好，李明"
    assert window.show_first_data(early, NOW) is False  # once only

    window.attach(ctx)
    qtbot.waitUntil(lambda: "ready" in said, timeout=10_000)
    assert window.dashboard is page  # the same page reads for itself now
    assert page.gatherings == 1 and said == ["data", "ready"]  # read again, said on screen once
    assert page.faults_summary.text().startswith("3 件待响应")


def test_nothing_is_shown_early_on_another_page_or_once_attached(qtbot, ctx, store, data_dir) -> None:
    fill(store)
    _kept(store, data_dir)
    early = read_dashboard_plainly(data_dir, NOW, 30)
    settings = QSettings(str(data_dir.window_state_file), QSettings.Format.IniFormat)
    settings.setValue("page", 2)  # the fault list
    settings.sync()
    elsewhere = MainWindow.shell(data_dir, ctx.settings)
    qtbot.addWidget(elsewhere)
    assert elsewhere.show_first_data(early, NOW) is False
    data_dir.window_state_file.unlink()
    attached = MainWindow.shell(data_dir, ctx.settings)
    qtbot.addWidget(attached)
    attached.attach(ctx)
    assert attached.show_first_data(early, NOW) is False


SCRIPT = r"""
import json, sys
from pathlib import Path
import dzdesk.ui.app as app_module
from dzdesk.ui.operations import wait_for_workers
from dzdesk.config import DataDir

seen = {}
original_read_first, original_loaded = app_module.Startup.read_first, app_module.Startup.loaded

def heavy():
    return sorted({name.split(".")[0] for name in sys.modules if name.split(".")[0] in ("sqlalchemy", "alembic")})

def read_first(self, read):
    seen["heavy_at_first_data"] = heavy()
    original_read_first(self, read)
    page = self.window.pages.currentWidget()
    seen["first"] = page.faults_summary.text()
    seen["early_page"] = id(page)

def loaded(self, opened):
    seen["heavy_at_loaded"] = heavy()
    def at_ready():
        page = self.window.dashboard
        seen["ready_page"] = id(page)
        seen["gatherings"] = page.gatherings
        seen["after"] = page.faults_summary.text()
    self.window.ready.connect(at_ready)
    original_loaded(self, opened)

app_module.Startup.read_first = read_first
app_module.Startup.loaded = loaded
code = app_module.run_gui(DataDir(Path(sys.argv[1])), quit_after_ready_ms=int(sys.argv[2]))
wait_for_workers(-1)
print(json.dumps(seen))
sys.exit(code)
"""


def _start(data_dir: DataDir, quit_after_ms: int) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(data_dir.root), str(quit_after_ms)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_start_shows_the_figures_before_sqlalchemy_is_imported(ctx, store, data_dir) -> None:
    fill(store)
    store.close()
    first = _start(data_dir, 3000)  # nothing kept yet: read the usual way, and kept by that reading
    assert "first" not in first and first["gatherings"] == 1
    assert data_dir.plain_statements_file.is_file()
    later = _start(data_dir, 3000)
    assert later["heavy_at_first_data"] == []  # the figures came before SQLAlchemy and Alembic
    assert later["early_page"] == later["ready_page"] and later["gatherings"] == 1
    assert later["first"] == later["after"] == first["after"]
    assert read_dashboard_plainly(data_dir, datetime.now(UTC), 30) is not None

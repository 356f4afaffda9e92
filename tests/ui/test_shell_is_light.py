"""The window's shell shows without creating the Qt namespace's enums (15–25 ms of the first showing, on the first
use of `Qt`): it had been free of them, and got them back unnoticed with the navigation's accessibility roles and
the menus' keys. In a fresh interpreter, since the suite has long created them."""

from __future__ import annotations

import json
import subprocess
import sys

from dzdesk.config import DataDir, Settings
from dzdesk.domain.profile import EngineerProfile

SCRIPT = r"""
import json, sys
from pathlib import Path
import dzdesk.ui.app as app_module
from PySide6 import QtCore
from PySide6.QtWidgets import QApplication
from dzdesk.config import DataDir, Settings
from dzdesk.ui.fonts import install_interface_font
from dzdesk.ui.i18n import install_translations

app = QApplication([])
data_dir = DataDir(Path(sys.argv[1]))
settings = Settings.load(data_dir.settings_file)
install_translations(app, settings.language)
install_interface_font(app)
window = app_module.MainWindow.shell(data_dir, settings)
window.show()
app.processEvents()
shown = "Qt" in vars(QtCore)
keys = {action.text(): [key.toString() for key in action.shortcuts()]
        for menu in window.menuBar().actions() for action in menu.menu().actions() if action.shortcuts()}
print(json.dumps({"qt_namespace_when_shown": shown, "keys": keys}, ensure_ascii=False))
"""


def test_the_shell_shows_without_the_qt_namespace_and_its_menus_keep_their_keys(tmp_path) -> None:
    data_dir = DataDir(tmp_path / "data").ensure()
    Settings(language="zh_CN", profile=EngineerProfile(name="李明", phone="13980861234", team="运维一组")).save(
        data_dir.settings_file)
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(data_dir.root)], capture_output=True, text=True,
                          timeout=120, check=True)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["qt_namespace_when_shown"] is False
    keys = seen["keys"]
    assert keys["登记故障(&R)…"] == ["Ctrl+Shift+N"] and keys["全局搜索(&S)…"] == ["Ctrl+K"]
    assert keys["工作台"] == ["Ctrl+1"] and keys["同步"] == ["Ctrl+9"] and keys["快捷键(&K)"] == ["F1"]

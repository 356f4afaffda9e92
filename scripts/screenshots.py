"""One picture of the whole screen per page of the main window, on demo data; `scripts/screenshots.sh` runs it under
Xvfb once per screen the team uses.

    python scripts/screenshots.py DATA_DIR OUT_DIR NAME [--available WxH]

writes OUT_DIR/<page>-NAME.png for every page, stepping through the navigation as a person would. `--available`
stands for the part of the screen a taskbar leaves (Xvfb has none), so the window opens as on that laptop.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from dzdesk.config import DataDir, Settings
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.store import open_store
from dzdesk.ui import screen_fit
from dzdesk.ui.context import AppContext
from dzdesk.ui.fonts import install_interface_font
from dzdesk.ui.i18n import install_translations
from dzdesk.ui.main_window import PAGES, MainWindow
from dzdesk.ui.theme import force_scheme

SETTLE_SECONDS = 1.5  # a page reads its data on a worker; the picture waits for it


def wait(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def shoot_dialogs(app: QApplication, window: MainWindow, out_dir: Path, name: str) -> bool:
    """Each dialog of `tests/support/layout_fit.py`'s list, opened over the window as a person would open it."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.support.layout_fit import DIALOGS, close_dialogs

    with tempfile.TemporaryDirectory() as folder:
        for dialog_name, opener in DIALOGS.items():
            if opener(window, Path(folder)) is None:
                print(f"the {dialog_name} dialog did not open", file=sys.stderr)
                return False
            wait(app, SETTLE_SECONDS / 2)
            target = out_dir / f"dialog-{dialog_name}-{name}.png"
            if not QGuiApplication.primaryScreen().grabWindow(0).save(str(target)):
                return False
            print(target)
            close_dialogs()
            wait(app, 0.1)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("name", help="the screen's name in the file names, e.g. 1366x768")
    parser.add_argument("--available", help="the screen's available size, e.g. 1366x728 (a 40-px taskbar)")
    parser.add_argument("--dialogs", action="store_true", help="also each dialog the window opens")
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    force_scheme("light")
    if args.available:
        width, height = (int(n) for n in args.available.split("x"))
        screen_fit.available_area = lambda _widget=None: QRect(0, 0, width, height)
    data_dir = DataDir(args.data_dir)
    settings = Settings.load(data_dir.settings_file)
    settings.probes.interval_minutes = 0  # the demo's targets are not probed for the pictures
    install_translations(app, settings.language)
    install_interface_font(app)
    store = open_store(data_dir, author=settings.profile.name)
    window = MainWindow(AppContext(data_dir=data_dir, settings=settings, store=store, catalogue=load_catalogue()))
    window.show()
    wait(app, SETTLE_SECONDS * 2)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for row, name in enumerate(PAGES):
        window.navigation.setCurrentRow(row)
        wait(app, SETTLE_SECONDS)
        target = args.out_dir / f"{name.removesuffix('_page')}-{args.name}.png"
        if not QGuiApplication.primaryScreen().grabWindow(0).save(str(target)):
            print(f"could not write {target}", file=sys.stderr)
            return 1
        print(target)
    if args.dialogs and not shoot_dialogs(app, window, args.out_dir, args.name):
        return 1
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

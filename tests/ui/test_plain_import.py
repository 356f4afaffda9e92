"""Importing the window's package gives Python its own `__import__` back: modules imported afterwards (SQLAlchemy
and the models, while the data opens) are no longer read as source by PySide6's hook. In a fresh interpreter, as
the window starts; and a hook installed by someone else after PySide6 is left alone."""

from __future__ import annotations

import builtins
import json
import subprocess
import sys

from dzdesk.ui import plain_import

SCRIPT = r"""
import builtins, json, sys
import PySide6.QtCore
feature = sys.modules["PySide6.support.feature"]
hooked = builtins.__import__ is builtins.__feature_import__
import dzdesk.ui
import dzdesk.store.blobs, dzdesk.ui.labels  # the data layer and a window module, both after the package
print(json.dumps({
    "hooked_before": hooked,
    "plain_after": builtins.__import__ is builtins.__orig_import__,
    "scanned": sorted(name for name in ("dzdesk.store.blobs", "dzdesk.ui.labels")
                      if name in feature.pyside_feature_dict),
}))
"""


def test_the_window_package_takes_back_pyside6s_import_hook() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120, check=True)
    seen = json.loads(done.stdout)
    assert seen["hooked_before"], "PySide6 no longer installs its import hook: the package's work is moot"
    assert seen["plain_after"]
    assert seen["scanned"] == []


def test_a_hook_installed_after_pyside6_stays() -> None:
    original = builtins.__import__

    def someone_elses(*args, **kwargs):  # e.g. a debugger's or a coverage tool's
        return original(*args, **kwargs)

    builtins.__import__ = someone_elses
    try:
        assert plain_import() is False
        assert builtins.__import__ is someone_elses
    finally:
        builtins.__import__ = original

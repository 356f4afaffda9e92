"""The PySide6 desktop interface. Every Qt import of dzdesk lives under this package.

Importing the package gives Python its own `__import__` back. PySide6 replaces it with one that, after every later
import in the process, reads the new module's source file to see whether it mentions PySide6 — for the opt-in
`from __feature__ import snake_case, true_property`, which dzdesk does not use. Every module of SQLAlchemy and of
the models comes after PySide6 in the window's start, so that scan read 330 source files while the data opened
(50–60 ms) and a hundred more before the window showed. Without the hook every module sees PySide6 as it is
without features, which is how dzdesk is written.
"""

from __future__ import annotations

import builtins

import PySide6.QtCore  # noqa: F401 - installs the hook that `plain_import` takes back


def plain_import() -> bool:
    """Puts back the `__import__` PySide6 replaced (and says whether it did): only where it is still PySide6's, so
    a debugger's or a test tool's own hook installed later stays in place."""
    original = getattr(builtins, "__orig_import__", None)
    feature_import = getattr(builtins, "__feature_import__", None)
    if original is None or feature_import is None or builtins.__import__ is not feature_import:
        return False
    builtins.__import__ = original
    return True


plain_import()

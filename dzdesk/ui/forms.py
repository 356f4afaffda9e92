"""Loads Qt Designer forms from `forms/` at run time, so no generated code is kept or edited by hand.

Each form's top-level widget is a plain QWidget named after the form; its strings are translated with that name
as the context, which is how `pyside6-lupdate` files them. A form writes no colour: its `problemsLabel` (the
line that says what is wrong) gets the theme's problem colour here, so it reads in the dark scheme too.
"""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QLabel, QWidget

from dzdesk.paths import forms_dir
from dzdesk.ui.theme import problem_style
from dzdesk.ui.theme_watch import themed_style


class FormError(RuntimeError):
    pass


def load_form(name: str, parent: QWidget | None = None) -> QWidget:
    path = forms_dir() / f"{name}.ui"
    file = QFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.ReadOnly):
        raise FormError(f"cannot open form {path}: {file.errorString()}")
    try:
        loader = QUiLoader()
        widget = loader.load(file, parent)
    finally:
        file.close()
    if widget is None:
        raise FormError(f"cannot load form {path}: {loader.errorString()}")
    for label in widget.findChildren(QLabel, "problemsLabel"):
        themed_style(label, problem_style)
    return widget

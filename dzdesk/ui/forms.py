"""Loads Qt Designer forms from `forms/` at run time, so no generated code is kept or edited by hand.

Each form's top-level widget is a plain QWidget named after the form; its strings are translated with that name
as the context, which is how `pyside6-lupdate` files them.
"""

from __future__ import annotations

from PySide6.QtCore import QFile, QIODevice
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import QWidget

from dzdesk.paths import forms_dir


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
    return widget

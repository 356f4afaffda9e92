"""Repaints what cached a colour when the colour scheme changes: the system's (light ↔ dark) or a forced one.

Most colours are asked of `theme` when painted, but a view only paints when told to, and some widgets keep what
they were given (a table item's brush, a style sheet). `follow_scheme(widget, refresh)` calls `refresh` (by default
`widget.update`) on every change for as long as the widget lives; `themed_style(widget, problem_style)` sets a
style sheet that is made again in the new colours. Icons need neither: they pick their colour when painted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from dzdesk.ui import theme


class SchemeWatch(QObject):
    """One per application: `changed` carries the scheme now in force ("light" or "dark")."""

    changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_changed)

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        self.announce()

    def announce(self) -> None:
        self.changed.emit(theme.scheme())


_watch: SchemeWatch | None = None


def scheme_watch() -> SchemeWatch:
    """The application's watch, made on first use and owned by the application (so it goes away with it)."""
    global _watch
    app = QGuiApplication.instance()
    if _watch is None or not shiboken6.isValid(_watch) or _watch.parent() is not app:
        _watch = SchemeWatch(app)
    return _watch


def _forced() -> None:
    if _watch is not None and shiboken6.isValid(_watch):
        _watch.announce()


theme.on_forced_scheme(_forced)


class _Follower(QObject):
    """A child of the owner that holds the connection, so it ends when the owner is destroyed."""

    def __init__(self, owner: QObject, refresh: Callable[[], None]) -> None:
        super().__init__(owner)
        self._refresh = refresh
        scheme_watch().changed.connect(self._changed)

    def _changed(self, _scheme: str) -> None:
        self._refresh()


def follow_scheme(owner: QObject, refresh: Callable[[], None] | None = None) -> None:
    """Calls `refresh` whenever the scheme changes while `owner` lives; a widget's default is a repaint."""
    if refresh is None:
        if not isinstance(owner, QWidget):
            raise TypeError("only a widget can be repainted: say what to refresh")
        refresh = owner.update
    _Follower(owner, refresh)


def repaint_model(model: QAbstractItemModel) -> None:
    """Tells a model's views that every cell's colours changed (they ask the theme again when they repaint)."""
    rows, columns = model.rowCount(), model.columnCount()
    if rows and columns:
        model.dataChanged.emit(model.index(0, 0), model.index(rows - 1, columns - 1),
                               [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole])


class _StyleFollower(QObject):
    """Holds how a widget's style sheet is made, and makes it again in the new scheme."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName("themedStyle")
        self.make: tuple[Callable[..., str], tuple[Any, ...]] = (str, ())
        scheme_watch().changed.connect(self._changed)

    def apply(self) -> None:
        make, args = self.make
        widget = self.parent()
        if isinstance(widget, QWidget):
            widget.setStyleSheet(make(*args))

    def _changed(self, _scheme: str) -> None:
        self.apply()


def themed_style(widget: QWidget, make: Callable[..., str], *args: Any) -> None:
    """Sets `widget`'s style sheet to `make(*args)` (a style of `theme`) and makes it again whenever the scheme
    changes; call it again, not `setStyleSheet`, to change the style later."""
    follower = widget.findChild(_StyleFollower, "themedStyle", Qt.FindChildOption.FindDirectChildrenOnly)
    if follower is None:
        follower = _StyleFollower(widget)
    follower.make = (make, args)
    follower.apply()

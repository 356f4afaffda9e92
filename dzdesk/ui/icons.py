"""Icons by name, from the Tabler SVGs shipped in `resources/icons/tabler`, painted in the theme's colour.

SVG rather than pictures so they stay crisp at 125–150 % scaling: `QIcon` renders each size it is asked for.
The outline icons stroke with `currentColor`, which is replaced here by a theme token, so one file serves the
light and the dark scheme.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from dzdesk.paths import resources_dir
from dzdesk.ui.theme import Token, hex_of


def icon_dir() -> Path:
    return resources_dir() / "icons" / "tabler"


def available() -> set[str]:
    return {path.stem for path in icon_dir().glob("*.svg")}


@cache
def _svg(name: str) -> bytes:
    path = icon_dir() / f"{name}.svg"
    if not path.exists():
        raise KeyError(f"no icon named {name!r} in {icon_dir()}")
    return path.read_bytes()


class _SvgEngine(QIconEngine):
    """Renders the SVG at whatever size and device pixel ratio is asked, in the colour given."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data
        self._renderer = QSvgRenderer(QByteArray(data))

    def paint(self, painter: QPainter, rect, mode, state) -> None:  # noqa: ANN001 - Qt's signature
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        self._renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode, state) -> QPixmap:  # noqa: ANN001 - Qt's signature
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, pixmap.rect(), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._data)


@cache
def _icon(name: str, colour: str) -> QIcon:
    data = _svg(name).replace(b"currentColor", colour.encode())
    return QIcon(_SvgEngine(data))


def icon(name: str, token: Token = Token.ICON) -> QIcon:
    """The icon `name` (a file name in `resources/icons/tabler` without `.svg`) in the colour of `token`."""
    return _icon(name, hex_of(token))

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
from PySide6.QtWidgets import QDialogButtonBox

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


@cache
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(_svg(name).replace(b"currentColor", colour.encode())))


class _SvgEngine(QIconEngine):
    """Renders the SVG at whatever size and device pixel ratio is asked, in the token's colour of the scheme in
    force when it paints: an icon set on a button once follows a change from light to dark."""

    def __init__(self, name: str, token: Token) -> None:
        super().__init__()
        self._name, self._token = name, token

    def paint(self, painter: QPainter, rect, mode, state) -> None:  # noqa: ANN001 - Qt's signature
        if mode == QIcon.Mode.Disabled:
            painter.setOpacity(0.4)
        _renderer(self._name, hex_of(self._token)).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode, state) -> QPixmap:  # noqa: ANN001 - Qt's signature
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, pixmap.rect(), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._name, self._token)


def icon(name: str, token: Token = Token.ICON) -> QIcon:
    """The icon `name` (a file name in `resources/icons/tabler` without `.svg`) in the colour of `token`."""
    _svg(name)  # an unknown name fails here, where it is asked for, not at the first paint
    return QIcon(_SvgEngine(name, token))


def button_box_icons(buttons: QDialogButtonBox) -> None:
    """Gives a dialog's Save, OK, Cancel and Close buttons the theme's outline icons, so every dialog looks alike
    (some styles put their own coloured pictures there)."""
    standard = QDialogButtonBox.StandardButton
    for which, name in ((standard.Save, "device-floppy"), (standard.Ok, "check"), (standard.Cancel, "x"),
                        (standard.Close, "x")):
        button = buttons.button(which)
        if button is not None:
            button.setIcon(icon(name))

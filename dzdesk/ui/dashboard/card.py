"""A dashboard card: an icon and a title, a body, and links to the pages where the work is done.

Every card looks alike so the eye learns where to find the headline (top left) and the way onward (bottom right);
the body says one thing, and when there is nothing to say, what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from dzdesk.ui.icons import icon
from dzdesk.ui.theme import Token, colour, hex_of, text_style

ICON_SIZE = QSize(20, 20)


def card_style() -> str:
    """The card's frame and text in the palette in force: the text takes the card's own colour, so a dark card
    never shows the black text of a light window palette. Labels coloured by a token keep their own."""
    return (f"QFrame#dashboardCard {{ background: {hex_of(Token.CARD_BG)}; "
            f"border: 1px solid {hex_of(Token.CARD_BORDER)}; border-radius: 8px; }}"
            f" QFrame#dashboardCard QLabel {{ color: {hex_of(Token.TEXT_ON_CARD)}; }}")


def card_list_palette(widget: QWidget) -> QPalette:
    """A list inside a card in the card's colours. A palette, not a style sheet: a style sheet on a list paints
    its scroll bar with the style sheet's fallback look (a black handle)."""
    palette = QPalette(widget.palette())
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Base, colour(Token.CARD_BG))
        palette.setColor(group, QPalette.ColorRole.Text, colour(Token.TEXT_ON_CARD))
    return palette


def scaled_font(widget: QWidget, factor: float, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    return font


class Card(QFrame):
    """`opened` carries the attribute name of the page a link leads to (a key of `main_window.PAGES`)."""

    opened = Signal(str)

    def __init__(self, icon_name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardCard")
        self.setStyleSheet(card_style())
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._icon = (icon_name, Token.ICON)
        self._buttons: list[QPushButton] = []
        self._tinted: list[tuple[QLabel, Token]] = []
        self.icon_label = QLabel(self)
        self.icon_label.setFixedSize(ICON_SIZE)
        self.set_icon(icon_name)
        self.title = QLabel(title, self)
        self.title.setObjectName("cardTitle")
        self.title.setFont(scaled_font(self, 1.1, bold=True))
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.icon_label)
        head.addWidget(self.title, 1)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        self.links = QHBoxLayout()
        self.links.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(8)
        layout.addLayout(head)
        layout.addLayout(self.body, 1)
        layout.addLayout(self.links)
        self.setAccessibleName(title)

    def set_icon(self, name: str, token: Token = Token.ICON) -> None:
        self._icon = (name, token)
        self.icon_label.setPixmap(icon(name, token).pixmap(ICON_SIZE, self.devicePixelRatioF()))

    def tint(self, label: QLabel, token: Token) -> None:
        """Colours a label that keeps its token's colour (in whichever palette is in force, see `restyle`)."""
        self._tinted.append((label, token))
        label.setStyleSheet(text_style(token))

    def restyle(self) -> None:
        """Paints the card again in the palette now in force (the system switched between light and dark)."""
        self.setStyleSheet(card_style())
        self.set_icon(*self._icon)
        for button in self._buttons:
            button.setIcon(icon("arrow-right", Token.ACCENT))
            button.setStyleSheet(text_style(Token.ACCENT) + " padding: 2px 4px;")
        for label, token in self._tinted:
            label.setStyleSheet(text_style(token))

    def add_link(self, text: str, page: str) -> QPushButton:
        """A flat button "打开…" that asks the window for `page`."""
        button = QPushButton(icon("arrow-right", Token.ACCENT), text, self)
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the arrow after the words
        button.setStyleSheet(text_style(Token.ACCENT) + " padding: 2px 4px;")
        button.clicked.connect(lambda: self.opened.emit(page))
        button.setObjectName(f"open_{page}")
        self._buttons.append(button)
        self.links.addWidget(button)
        return button

    def add_label(self, token: Token | None = None, *, factor: float = 1.0, bold: bool = False,
                  wrap: bool = True) -> QLabel:
        """A line of the body; `token` colours it."""
        label = QLabel(self)
        label.setWordWrap(wrap)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if factor != 1.0 or bold:
            label.setFont(scaled_font(self, factor, bold))
        if token is not None:
            self.tint(label, token)
        self.body.addWidget(label)
        return label


class CardList(QListWidget):
    """A list inside a card: in the card's colours, frameless, and asking for `height` pixels rather than a
    list's fixed 192, so the cards fit the window and the list grows into what is left."""

    def __init__(self, height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._height = height
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setPalette(card_list_palette(self))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(height)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self._height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().minimumSizeHint().width(), self._height)

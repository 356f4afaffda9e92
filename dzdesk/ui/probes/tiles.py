"""The probe board's tiles: a list model of `Tile`s and a delegate that paints each as a calm card.

A list view in icon mode gives the board keyboard navigation, selection and wrapping for free; the delegate only
paints. Colour is never the only signal: the state is also written on the tile, and so is where and when the
freshest result was seen, since it may be another laptop's or the watcher's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from dzdesk.domain.probe_outcome import Failure
from dzdesk.domain.timefmt import format_local
from dzdesk.probes.board_rules import Tile, TileLook
from dzdesk.ui.icons import icon
from dzdesk.ui.labels import enum_label, failure_text, this_laptop_label
from dzdesk.ui.theme import Token, colour

TILE_SIZE = QSize(210, 92)  # at the default font; `tile_size` fits it to the font the board is drawn in
TILE_LINES = 4  # the name; the state and certificate; the failure or since when; when and where it was seen from
TileRole = Qt.ItemDataRole.UserRole + 1

STRIPE = 4  # px: the coloured edge that says the state at a glance
RADIUS = 6
# The stripe's and the icon's colour per look: strong colours of the theme, each at least 3:1 on its tile's soft
# background (checked in tests/ui/test_tiles_look.py), so the card stays calm and the state still stands out.
MARK_TOKENS = {
    TileLook.UP: Token.TEXT_OK, TileLook.DOWN: Token.TEXT_PROBLEM, TileLook.FAILING: Token.SEVERITY_MAJOR,
    TileLook.RECOVERING: Token.TEXT_OK, TileLook.MAINTENANCE: Token.ACCENT, TileLook.UNKNOWN: Token.TEXT_MUTED,
    TileLook.UNCONFIGURED: Token.TEXT_MUTED, TileLook.DISABLED: Token.TEXT_MUTED,
}
STATE_ICONS = {
    TileLook.UP: "circle-check", TileLook.DOWN: "circle-x", TileLook.FAILING: "alert-triangle",
    TileLook.RECOVERING: "activity-heartbeat", TileLook.MAINTENANCE: "tool", TileLook.UNKNOWN: "help",
    TileLook.UNCONFIGURED: "settings", TileLook.DISABLED: "player-pause",
}

# The soft background of each look (the theme's tokens; the stripe and icon say the state).
TILE_TOKENS = {TileLook.UP: Token.PROBE_UP, TileLook.DOWN: Token.PROBE_DOWN, TileLook.FAILING: Token.PROBE_FAILING,
               TileLook.RECOVERING: Token.PROBE_RECOVERING, TileLook.MAINTENANCE: Token.PROBE_MAINTENANCE,
               TileLook.UNKNOWN: Token.PROBE_UNKNOWN, TileLook.UNCONFIGURED: Token.PROBE_UNCONFIGURED,
               TileLook.DISABLED: Token.PROBE_DISABLED}


def look_label(look: TileLook) -> str:
    return {
        TileLook.UP: QCoreApplication.translate("Tiles", "Up"),
        TileLook.DOWN: QCoreApplication.translate("Tiles", "Down"),
        TileLook.FAILING: QCoreApplication.translate("Tiles", "Failing, not confirmed"),
        TileLook.RECOVERING: QCoreApplication.translate("Tiles", "Recovering"),
        TileLook.MAINTENANCE: QCoreApplication.translate("Tiles", "In maintenance"),
        TileLook.UNKNOWN: QCoreApplication.translate("Tiles", "Not yet probed"),
        TileLook.UNCONFIGURED: QCoreApplication.translate("Tiles", "No address yet"),
        TileLook.DISABLED: QCoreApplication.translate("Tiles", "Off"),
    }[look]


def latency_text(tile: Tile) -> str:
    if tile.last_latency_ms is None or tile.failure is not None:
        return ""
    return QCoreApplication.translate("Tiles", "%1 ms").replace("%1", f"{tile.last_latency_ms:.0f}")


def cert_text(tile: Tile) -> str:
    if tile.cert_days_left is None:
        return ""
    if tile.cert_days_left < 0:
        return enum_label(Failure.CERT_EXPIRED)
    return QCoreApplication.translate("Tiles", "cert. %1 d").replace("%1", str(tile.cert_days_left))


def since_text(moment: datetime | None, now: datetime | None = None) -> str:
    """"since 07-08 20:02" this year, with the year when it was longer ago."""
    if moment is None:
        return ""
    shown = format_local(moment)
    if shown[:4] == format_local(now or datetime.now(UTC))[:4]:
        shown = shown[5:]
    return QCoreApplication.translate("Tiles", "since %1").replace("%1", shown)


def when_text(moment: datetime | None, now: datetime | None = None) -> str:
    """A moment as short as it can be read: the time today, the day this year, the full date before."""
    if moment is None:
        return ""
    shown, today = format_local(moment), format_local(now or datetime.now(UTC))
    if shown[:10] == today[:10]:
        return shown[11:]
    return shown[5:] if shown[:4] == today[:4] else shown


def source_text(tile: Tile) -> str:
    """Where the freshest result was seen from: this laptop or the named one, with its network."""
    who = this_laptop_label() if tile.own else tile.seen_from
    return f"{who} ({tile.network})" if tile.network else who


def seen_text(tile: Tile, now: datetime | None = None) -> str:
    """"12:04 watch@idc (机房专线)": when the freshest result was made and who saw it; the time first, so a long
    name elided on a narrow tile never hides it. Empty before any result."""
    if tile.last_at is None:
        return ""
    return f"{when_text(tile.last_at, now)}  {source_text(tile)}"


def tile_size(metrics: QFontMetrics) -> QSize:
    """A tile tall enough for its lines in the board's font (Chinese fonts are taller) and wide enough for about
    eighteen characters of a name."""
    line = metrics.height() + 2
    return QSize(max(TILE_SIZE.width(), 14 * metrics.averageCharWidth() + 36),
                 max(TILE_SIZE.height(), TILE_LINES * line + 8 + 12 + 4))  # card margins, text margins, slack


class TileModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: list[Tile] = []

    def set_tiles(self, tiles: list[Tile]) -> None:
        self.beginResetModel()
        self.tiles = tiles
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.tiles)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.tiles):
            return None
        tile = self.tiles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return tile.target.name
        if role == TileRole:
            return tile
        if role == Qt.ItemDataRole.UserRole:
            return tile.target_id
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [tile.target.name, tile.target.address, look_label(tile.look)]
            parts += [p for p in (failure_text(tile.failure, tile.detail), cert_text(tile)) if p]
            if tile.last_at is not None:
                parts.append(QCoreApplication.translate("Tiles", "Last check %1, seen from %2").replace(
                    "%1", format_local(tile.last_at)).replace("%2", source_text(tile)))
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{tile.target.name}: {look_label(tile.look)}"
        return None

    def row_of(self, target_id: str) -> int:
        return next((i for i, t in enumerate(self.tiles) if t.target_id == target_id), -1)


class TileDelegate(QStyledItemDelegate):
    """Paints a calm card: the look's soft background, a thin border, and the state said three ways: a coloured
    stripe at the left, an icon beside the name and the state in words."""

    def sizeHint(self, option: QStyleOptionViewItem, _index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return tile_size(option.fontMetrics)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        tile: Tile | None = index.data(TileRole)
        if tile is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(option.rect.adjusted(4, 4, -4, -4)).adjusted(0.5, 0.5, -0.5, -0.5)
        card = QPainterPath()
        card.addRoundedRect(rect, RADIUS, RADIUS)
        painter.fillPath(card, colour(TILE_TOKENS[tile.look]))
        mark = colour(MARK_TOKENS[tile.look])
        painter.save()
        painter.setClipPath(card)
        painter.fillRect(QRectF(rect.left(), rect.top(), STRIPE, rect.height()), mark)
        painter.restore()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(option.palette.highlight().color(), 2) if selected
                       else QPen(colour(Token.CARD_BORDER), 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(card)

        text_rect = rect.toRect().adjusted(STRIPE + 8, 6, -8, -6)
        name_font = QFont(option.font)
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(colour(Token.TEXT_ON_TILE))
        metrics = painter.fontMetrics()
        line = metrics.height() + 2
        size = metrics.height()
        mode = QIcon.Mode.Normal
        icon(STATE_ICONS[tile.look], MARK_TOKENS[tile.look]).paint(
            painter, QRect(text_rect.right() - size + 1, text_rect.top(), size, size), Qt.AlignmentFlag.AlignCenter,
            mode)
        painter.drawText(text_rect.left(), text_rect.top() + metrics.ascent(),
                         metrics.elidedText(tile.target.name, Qt.TextElideMode.ElideRight,
                                            text_rect.width() - size - 4))
        painter.setFont(option.font)
        metrics = painter.fontMetrics()
        status = "  ".join(p for p in (look_label(tile.look), latency_text(tile)) if p)
        warned = tile.cert_warning or tile.verify_off
        cert = cert_text(tile)
        y = text_rect.top() + metrics.ascent() + line
        # The state, and the certificate after it (with a warning sign when it needs seeing to).
        painter.drawText(text_rect.left(), y, metrics.elidedText(status, Qt.TextElideMode.ElideRight,
                                                                 text_rect.width()))
        room = text_rect.width() - metrics.horizontalAdvance(status + "    ")
        sign = metrics.height() if warned else 0
        if (cert or warned) and room > sign:
            shown = metrics.elidedText(cert, Qt.TextElideMode.ElideRight, room - sign)
            right = text_rect.right() - metrics.horizontalAdvance(shown)
            painter.drawText(right, y, shown)
            if warned:
                icon("alert-triangle", Token.TEXT_PROBLEM).paint(
                    painter, QRect(right - sign - 2, y - metrics.ascent(), sign, sign), Qt.AlignmentFlag.AlignCenter,
                    mode)
        y += line
        for text, token in ((failure_text(tile.failure, tile.detail) or since_text(tile.since), Token.TEXT_ON_TILE),
                            (seen_text(tile), Token.TEXT_ON_TILE_MUTED)):
            if not text:
                continue
            painter.setPen(colour(token))
            painter.drawText(text_rect.left(), y, metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                     text_rect.width()))
            y += line
        painter.restore()

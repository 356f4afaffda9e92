"""The probe board's tiles: a list model of `Tile`s and a delegate that paints each as a coloured card.

A list view in icon mode gives the board keyboard navigation, selection and wrapping for free; the delegate only
paints. Colour is never the only signal: the state is also written on the tile.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from dzdesk.domain.timefmt import format_local
from dzdesk.probes.board import Tile, TileLook
from dzdesk.ui.labels import failure_text

TILE_SIZE = QSize(210, 92)
TileRole = Qt.ItemDataRole.UserRole + 1

COLOURS = {
    TileLook.UP: "#2e7d32", TileLook.DOWN: "#c62828", TileLook.FAILING: "#ef8f00", TileLook.RECOVERING: "#7cb342",
    TileLook.MAINTENANCE: "#3f6fb5", TileLook.UNKNOWN: "#757575", TileLook.UNCONFIGURED: "#b0b0b0",
    TileLook.DISABLED: "#c8c8c8",
}


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
        return QCoreApplication.translate("Tiles", "certificate expired")
    return QCoreApplication.translate("Tiles", "cert. %1 d").replace("%1", str(tile.cert_days_left))


def since_text(moment: datetime | None, now: datetime | None = None) -> str:
    """"since 07-08 20:02" this year, with the year when it was longer ago."""
    if moment is None:
        return ""
    shown = format_local(moment)
    if shown[:4] == format_local(now or datetime.now(UTC))[:4]:
        shown = shown[5:]
    return QCoreApplication.translate("Tiles", "since %1").replace("%1", shown)


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
            return "\n".join(p for p in parts if p)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{tile.target.name}: {look_label(tile.look)}"
        return None

    def row_of(self, target_id: str) -> int:
        return next((i for i, t in enumerate(self.tiles) if t.target_id == target_id), -1)


class TileDelegate(QStyledItemDelegate):
    def sizeHint(self, _option: QStyleOptionViewItem, _index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return TILE_SIZE

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        tile: Tile | None = index.data(TileRole)
        if tile is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 4, -4, -4)
        colour = QColor(COLOURS[tile.look])
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QPen(option.palette.highlight().color() if selected else colour.darker(115), 3 if selected
                            else 1))
        painter.setBrush(colour.lighter(185))
        painter.drawRoundedRect(rect, 6, 6)
        painter.fillRect(QRect(rect.left() + 1, rect.top() + 6, 6, rect.height() - 12), colour)
        text_rect = rect.adjusted(14, 6, -8, -6)
        name_font = QFont(option.font)
        name_font.setBold(True)
        painter.setFont(name_font)
        painter.setPen(QColor("#1a1a1a"))
        metrics = painter.fontMetrics()
        line = metrics.height() + 2
        painter.drawText(text_rect.left(), text_rect.top() + metrics.ascent(),
                         metrics.elidedText(tile.target.name, Qt.TextElideMode.ElideRight, text_rect.width()))
        painter.setFont(option.font)
        metrics = painter.fontMetrics()
        status = "  ".join(p for p in (look_label(tile.look), latency_text(tile)) if p)
        second = failure_text(tile.failure, tile.detail) or status
        lines = [status, second if second != status else since_text(tile.since),
                 "  ".join(p for p in (cert_text(tile), "⚠" if tile.verify_off or tile.cert_warning else "") if p)]
        y = text_rect.top() + metrics.ascent() + line
        for index_line, text in enumerate(lines):
            if not text:
                continue
            if index_line == 2 and (tile.cert_warning or tile.verify_off):
                painter.setPen(QColor("#b3261e"))
            painter.drawText(text_rect.left(), y, metrics.elidedText(text, Qt.TextElideMode.ElideRight,
                                                                     text_rect.width()))
            y += line
        painter.restore()

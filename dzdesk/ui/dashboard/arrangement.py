"""Where the dashboard's cards sit: as many columns as the page's width holds (three at most), each card at a
place chosen for that many columns, so what needs an answer stays first however narrow the window."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QGridLayout, QWidget

CARD_WIDTH = 340  # the narrowest a card reads well: the grid takes as many columns as fit

# Where each card sits for 3, 2 and 1 columns: (row, column, rows spanned, columns spanned). The faults come
# first and tallest, the contract beside them; what is down and what expires next; the agenda and sync last.
ARRANGEMENTS: dict[int, dict[str, tuple[int, int, int, int]]] = {
    3: {"faults": (0, 0, 2, 1), "contract": (0, 1, 1, 2), "outages": (1, 1, 1, 1), "certificates": (1, 2, 1, 1),
        "agenda": (2, 0, 1, 2), "sync": (2, 2, 1, 1)},
    # Two columns: what needs an answer now side by side, the contract's table across both (it needs the width).
    2: {"faults": (0, 0, 1, 1), "outages": (0, 1, 1, 1), "contract": (1, 0, 1, 2), "certificates": (2, 0, 1, 1),
        "sync": (2, 1, 1, 1), "agenda": (3, 0, 1, 2)},
    1: {name: (row, 0, 1, 1) for row, name in enumerate(("faults", "contract", "outages", "certificates", "agenda",
                                                         "sync"))},
}


def columns_for(width: int) -> int:
    return max(1, min(3, width // CARD_WIDTH))


def arrange(grid: QGridLayout, cards: Mapping[str, QWidget], columns: int) -> None:
    """Places `cards` in `grid` for `columns` columns."""
    for card in cards.values():
        grid.removeWidget(card)
    for name, (row, column, rows, spanned) in ARRANGEMENTS[columns].items():
        grid.addWidget(cards[name], row, column, rows, spanned)
    for column in range(3):
        grid.setColumnStretch(column, 1 if column < columns else 0)
    rows_used = max(row + rows for row, _column, rows, _spanned in ARRANGEMENTS[columns].values())
    for row in range(len(cards)):  # a stretched empty row would take space too
        grid.setRowStretch(row, 1 if columns > 1 and row < rows_used else 0)

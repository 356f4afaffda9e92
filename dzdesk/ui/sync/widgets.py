"""The sync page's pieces: a card of the hub's state (icon, title, what it says) and one conflicted field shown
side by side, this laptop's value and the other one with who wrote each and when."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dzdesk.domain.timefmt import format_local
from dzdesk.operations.conflicts import OpenConflict
from dzdesk.ui.icons import icon
from dzdesk.ui.theme import Token, hex_of, problem_style, text_style, tint_style

CARD_MIN_WIDTH = 300


def shown_value(value: Any) -> str:
    """A field's value as people read it: a record (a refused change) one field a line, nothing as nothing."""
    if isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    return "" if value is None else str(value)


def _text_height(edit: QPlainTextEdit, conflict: OpenConflict) -> int:
    """Tall enough for the longer of the two values (up to eight lines), so short values take little room."""
    metrics = edit.fontMetrics()
    lines = 1
    for value in (conflict.kept_value, conflict.other_value):
        for line in shown_value(value).splitlines() or [""]:
            lines += 1 + metrics.horizontalAdvance(line) // 420
    return metrics.lineSpacing() * min(max(lines, 2), 8) + 14


def record_key(conflict: OpenConflict) -> str:
    """One list entry per record, whatever number of its fields are in conflict."""
    return f"{conflict.entity}/{conflict.record_id}"


def _card_style() -> str:
    return (f"QFrame#card {{ background: {hex_of(Token.CARD_BG)}; border: 1px solid {hex_of(Token.CARD_BORDER)};"
            " border-radius: 6px; }")


class Card(QFrame):
    """A titled box with an icon, its lines below: one fact of the sync state."""

    def __init__(self, icon_name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(_card_style())
        self.setMinimumWidth(CARD_MIN_WIDTH)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        picture = QLabel(self)
        picture.setPixmap(icon(icon_name, Token.ACCENT).pixmap(QSize(22, 22)))
        head.addWidget(picture)
        heading = QLabel(title, self)
        heading.setStyleSheet("font-weight: bold;")
        head.addWidget(heading, 1)
        layout.addLayout(head)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body, 1)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.hide()
        layout.addWidget(self.note)

    def say(self, text: str, note: str = "", problem: bool = False, ok: bool = False) -> None:
        self.body.setText(text)
        self.note.setText(note)
        self.note.setStyleSheet(problem_style(True) if problem else text_style(Token.TEXT_OK if ok else
                                                                                 Token.TEXT_MUTED))
        self.note.setVisible(bool(note))


class ConflictField(QFrame):
    """One conflicted field: mine and theirs in two columns, who wrote each and when, and the two choices."""

    def __init__(self, conflict: OpenConflict, labels: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setObjectName("card")
        self.setStyleSheet(_card_style())
        refused = conflict.field == "*"
        grid = QGridLayout(self)
        field = labels.get(f"field:{conflict.field}", conflict.field)
        title = QLabel(labels["refused"] if refused else labels["field"].replace("%1", field), self)
        title.setStyleSheet("font-weight: bold;")
        grid.addWidget(title, 0, 0, 1, 2)
        self.mine_label, self.theirs_label = QLabel(self), QLabel(self)
        self.mine, self.theirs = QPlainTextEdit(self), QPlainTextEdit(self)
        for column, (label, edit, heading, author, at, tint) in enumerate((
                (self.mine_label, self.mine, labels["hub"] if refused else labels["mine"], conflict.kept_author,
                 conflict.kept_at, Token.TINT_INFO),
                (self.theirs_label, self.theirs, labels["change"] if refused else labels["theirs"],
                 conflict.other_author, conflict.other_at, Token.TINT_WARNING))):
            label.setText(" · ".join(p for p in (heading, author, format_local(at) if at else "") if p))
            label.setStyleSheet(tint_style(tint))
            label.setWordWrap(True)
            edit.setReadOnly(True)
            edit.setPlainText(shown_value(conflict.kept_value if column == 0 else conflict.other_value))
            edit.setFixedHeight(_text_height(edit, conflict))
            grid.addWidget(label, 1, column)
            grid.addWidget(edit, 2, column)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.keep_button = QPushButton(icon("check"), labels["dismiss"] if refused else labels["keep"], self)
        self.take_button = QPushButton(icon("arrows-exchange"), labels["take"], self)
        self.take_button.setVisible(not refused)  # a refused change cannot be forced onto the hub
        grid.addWidget(self.keep_button, 3, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(self.take_button, 3, 1, Qt.AlignmentFlag.AlignLeft)

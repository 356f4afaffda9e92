"""The window's colours as named tokens, in a light and a dark palette; the only module that writes a colour.

Why one module: a colour written where it is used drifts (the same "late" red was four different reds), cannot
follow the system's dark scheme and cannot be checked for contrast. Pages ask for a token (`colour`, `hex_of`,
`text_style`, `banner_style`); the palette in force follows the system's scheme (`Qt.ColorScheme`) and is checked
against WCAG AA in `tests/ui/test_theme.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication

from dzdesk.domain.severity import Severity

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class Token(StrEnum):
    # Text on the window's own background.
    TEXT_PROBLEM = "text-problem"  # a message saying what is wrong, a breached deadline
    TEXT_OK = "text-ok"  # a check that passed
    TEXT_MUTED = "text-muted"  # secondary lines: times, sources, hints
    TEXT_ANSWERED = "text-answered"  # a row that needs nothing more (answered faults)
    # Row and banner backgrounds; text on them is the palette's TEXT_ON_TINT.
    TINT_BREACHED = "tint-breached"  # past its deadline
    TINT_WARNING = "tint-warning"  # close to its deadline, unsigned, a calendar to check
    TINT_DONE = "tint-done"  # signed, settled
    TINT_INFO = "tint-info"  # a working day, a neutral highlight
    TINT_OFF = "tint-off"  # a day off
    TINT_FLAG = "tint-flag"  # a figure flagged for a look
    TEXT_ON_TINT = "text-on-tint"
    BANNER_ALARM_BG = "banner-alarm-bg"
    BANNER_ALARM_TEXT = "banner-alarm-text"
    BANNER_ALARM_BORDER = "banner-alarm-border"
    # Charts.
    CHART_LINE = "chart-line"
    CHART_MARK = "chart-mark"
    CHART_GRID = "chart-grid"
    # Cards and navigation.
    CARD_BG = "card-bg"
    CARD_BORDER = "card-border"
    TEXT_ON_CARD = "text-on-card"  # a card's own text, whatever palette the style gives the window
    ACCENT = "accent"
    TEXT_ON_ACCENT = "text-on-accent"
    ICON = "icon"
    # Severities (badges and stripes).
    SEVERITY_URGENT = "severity-urgent"
    SEVERITY_MAJOR = "severity-major"
    SEVERITY_MINOR = "severity-minor"
    SEVERITY_ADVISORY = "severity-advisory"
    # Probe tiles: background per look; the tile's text is TEXT_ON_TILE.
    PROBE_UP = "probe-up"
    PROBE_DOWN = "probe-down"
    PROBE_FAILING = "probe-failing"
    PROBE_RECOVERING = "probe-recovering"
    PROBE_MAINTENANCE = "probe-maintenance"
    PROBE_UNKNOWN = "probe-unknown"
    PROBE_UNCONFIGURED = "probe-unconfigured"
    PROBE_DISABLED = "probe-disabled"
    TEXT_ON_TILE = "text-on-tile"
    TEXT_ON_TILE_MUTED = "text-on-tile-muted"
    # The signature pad is paper: white in both schemes, so a signature looks the same on screen and in the PDF.
    PAPER = "paper"
    PAPER_INK = "paper-ink"
    PAPER_GUIDE = "paper-guide"


LIGHT: dict[Token, str] = {
    Token.TEXT_PROBLEM: "#b3261e", Token.TEXT_OK: "#1b6e2e", Token.TEXT_MUTED: "#5f6368",
    Token.TEXT_ANSWERED: "#62666b",
    Token.TINT_BREACHED: "#f4c7c3", Token.TINT_WARNING: "#fde7b0", Token.TINT_DONE: "#dcefdc",
    Token.TINT_INFO: "#dbe7fb", Token.TINT_OFF: "#fde2e1", Token.TINT_FLAG: "#f8d7d5", Token.TEXT_ON_TINT: "#1a1a1a",
    Token.BANNER_ALARM_BG: "#fdecea", Token.BANNER_ALARM_TEXT: "#8a1c12", Token.BANNER_ALARM_BORDER: "#e6a39b",
    Token.CHART_LINE: "#1f5fa8", Token.CHART_MARK: "#c62828", Token.CHART_GRID: "#d0d4da",
    Token.CARD_BG: "#ffffff", Token.CARD_BORDER: "#d8dce2", Token.TEXT_ON_CARD: "#1a1a1a",
    Token.ACCENT: "#1f5fa8", Token.TEXT_ON_ACCENT: "#ffffff",
    Token.ICON: "#3c4043",
    Token.SEVERITY_URGENT: "#b3261e", Token.SEVERITY_MAJOR: "#9a4a00", Token.SEVERITY_MINOR: "#1f5fa8",
    Token.SEVERITY_ADVISORY: "#5f6368",
    Token.PROBE_UP: "#cfe8d3", Token.PROBE_DOWN: "#f4c7c3", Token.PROBE_FAILING: "#fde2b8",
    Token.PROBE_RECOVERING: "#e3efc9", Token.PROBE_MAINTENANCE: "#d6e2f5", Token.PROBE_UNKNOWN: "#e4e4e4",
    Token.PROBE_UNCONFIGURED: "#eeeeee", Token.PROBE_DISABLED: "#f2f2f2",
    Token.TEXT_ON_TILE: "#1a1a1a", Token.TEXT_ON_TILE_MUTED: "#44474b",
    Token.PAPER: "#ffffff", Token.PAPER_INK: "#141e50", Token.PAPER_GUIDE: "#c8c8c8",
}

DARK: dict[Token, str] = {
    Token.TEXT_PROBLEM: "#f2b8b5", Token.TEXT_OK: "#8fd19e", Token.TEXT_MUTED: "#bdc1c6",
    Token.TEXT_ANSWERED: "#a9adb2",
    Token.TINT_BREACHED: "#5c2320", Token.TINT_WARNING: "#54420f", Token.TINT_DONE: "#1f3d26",
    Token.TINT_INFO: "#1f3556", Token.TINT_OFF: "#4d2220", Token.TINT_FLAG: "#512624", Token.TEXT_ON_TINT: "#f1f3f4",
    Token.BANNER_ALARM_BG: "#4a1d19", Token.BANNER_ALARM_TEXT: "#f9dedc", Token.BANNER_ALARM_BORDER: "#8c3a33",
    Token.CHART_LINE: "#8ab4f8", Token.CHART_MARK: "#f28b82", Token.CHART_GRID: "#4a4e54",
    Token.CARD_BG: "#2b2d31", Token.CARD_BORDER: "#45484e", Token.TEXT_ON_CARD: "#f1f3f4",
    Token.ACCENT: "#8ab4f8", Token.TEXT_ON_ACCENT: "#10223d",
    Token.ICON: "#dadce0",
    Token.SEVERITY_URGENT: "#f28b82", Token.SEVERITY_MAJOR: "#fbbc6b", Token.SEVERITY_MINOR: "#8ab4f8",
    Token.SEVERITY_ADVISORY: "#bdc1c6",
    Token.PROBE_UP: "#24452b", Token.PROBE_DOWN: "#5c2320", Token.PROBE_FAILING: "#5a3f12",
    Token.PROBE_RECOVERING: "#3a4a1f", Token.PROBE_MAINTENANCE: "#1f3556", Token.PROBE_UNKNOWN: "#3a3c40",
    Token.PROBE_UNCONFIGURED: "#303236", Token.PROBE_DISABLED: "#2a2c30",
    Token.TEXT_ON_TILE: "#f1f3f4", Token.TEXT_ON_TILE_MUTED: "#c4c7cc",
    Token.PAPER: "#ffffff", Token.PAPER_INK: "#141e50", Token.PAPER_GUIDE: "#c8c8c8",
}

# The window's background and text in each scheme, as Qt's Fusion style paints them; the contrast test reads them.
WINDOW = {"light": ("#efefef", "#000000"), "dark": ("#323232", "#ffffff")}

SEVERITY_TOKENS = {Severity.URGENT: Token.SEVERITY_URGENT, Severity.MAJOR: Token.SEVERITY_MAJOR,
                   Severity.MINOR: Token.SEVERITY_MINOR, Severity.ADVISORY: Token.SEVERITY_ADVISORY}


_forced: str | None = None  # "light" or "dark" when a test or the screenshots ask for one
_on_forced: list[Callable[[], None]] = []  # `theme_watch` listens here, so a forced scheme repaints like the system's


def on_forced_scheme(listener: Callable[[], None]) -> None:
    _on_forced.append(listener)


def force_scheme(scheme: str | None) -> None:
    """Fixes the palette to "light" or "dark" (None: follow the system again)."""
    global _forced
    if scheme not in (None, "light", "dark"):
        raise ValueError(f"unknown colour scheme {scheme!r}")
    _forced = scheme
    for listener in list(_on_forced):
        listener()


def scheme() -> str:
    if _forced is not None:
        return _forced
    app = QGuiApplication.instance()
    if app is not None and QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark:
        return "dark"
    return "light"


def palette() -> dict[Token, str]:
    return DARK if scheme() == "dark" else LIGHT


def hex_of(token: Token) -> str:
    return palette()[token]


def colour(token: Token) -> QColor:
    return QColor(hex_of(token))


def text_style(token: Token, *, bold: bool = False) -> str:
    """A style sheet for a label's text in the token's colour."""
    return f"color: {hex_of(token)};" + (" font-weight: bold;" if bold else "")


def set_style(widget: QWidget, style: str) -> None:
    """Sets `widget`'s style sheet unless it already has it: every setting polishes the widget and its children
    again, and a page refreshed once a second during a sync spent most of its time there."""
    if widget.styleSheet() != style:
        widget.setStyleSheet(style)


def tint_style(token: Token) -> str:
    """A style sheet for a banner on a tinted background, its text readable on it."""
    return f"background: {hex_of(token)}; color: {hex_of(Token.TEXT_ON_TINT)}; padding: 4px;"


def problem_style(problem: bool = True) -> str:
    """The style of a message line: the problem colour when it says what is wrong, the default otherwise."""
    return text_style(Token.TEXT_PROBLEM) if problem else ""

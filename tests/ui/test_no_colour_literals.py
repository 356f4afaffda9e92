"""No colour is written outside `dzdesk/ui/theme.py`: every window module and form asks the theme for a token.

A colour written where it is used cannot follow the dark scheme and is not checked for contrast. Read from the
source (strings, calls and attributes through `tokenize` and `ast`), so a comment such as "issue #123" is not one.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "dzdesk" / "ui"
FORMS = ROOT / "forms"
ALLOWED = {UI / "theme.py"}

HEX = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3}(?:[0-9a-fA-F]{2})?)?\b")
CSS_FUNCTION = re.compile(r"\b(?:rgba?|hsla?)\s*\(", re.IGNORECASE)
# A colour named in a style sheet ("color: red"); `transparent` and the palette's own roles are not colours.
CSS_NAMED = re.compile(r"\b(?:color|background|background-color|border-color)\s*:\s*(?!transparent\b|palette\()"
                       r"[a-zA-Z]+\b")
QCOLOR_FACTORIES = {"QColor", "fromRgb", "fromRgbF", "fromRgba", "fromHsv", "fromHsl", "fromCmyk", "fromString"}
# Qt's colour names as enum members (`Qt.GlobalColor.red`, or the short `Qt.red` PySide still accepts).
GLOBAL_COLOURS = {"color0", "color1", "black", "white", "darkGray", "gray", "lightGray", "red", "green", "blue",
                  "cyan", "magenta", "yellow", "darkRed", "darkGreen", "darkBlue", "darkCyan", "darkMagenta",
                  "darkYellow"}


def _literal(node: ast.expr) -> bool:
    """A number or a string written in the call, not a token or a variable."""
    if isinstance(node, ast.UnaryOp):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, int | float | str)


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def colour_literals(source: str) -> list[tuple[int, str]]:
    """(line, what) for each colour written in this Python source."""
    found: list[tuple[int, str]] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            for pattern in (HEX, CSS_FUNCTION, CSS_NAMED):
                for match in pattern.finditer(token.string):
                    line = token.start[0] + token.string.count("\n", 0, match.start())
                    found.append((line, match.group(0)))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _called_name(node) in QCOLOR_FACTORIES:
            name = _called_name(node)
            receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
            is_qcolor = name == "QColor" or (isinstance(receiver, ast.Name) and receiver.id == "QColor")
            if is_qcolor and any(_literal(arg) for arg in node.args):
                found.append((node.lineno, f"{name}({ast.unparse(node.args[0])}…)"))
        elif isinstance(node, ast.Attribute) and node.attr in GLOBAL_COLOURS:
            owner = node.value
            if (isinstance(owner, ast.Attribute) and owner.attr == "GlobalColor") or \
                    (isinstance(owner, ast.Name) and owner.id == "Qt"):
                found.append((node.lineno, ast.unparse(node)))
    return sorted(set(found))


def form_colour_literals(text: str) -> list[tuple[int, str]]:
    """(line, what) for each colour a Designer form writes (a style sheet, a palette entry)."""
    found = [(number, match.group(0)) for number, line in enumerate(text.splitlines(), 1)
             for pattern in (HEX, CSS_FUNCTION, CSS_NAMED) for match in pattern.finditer(line)]
    found += [(number, "<color>") for number, line in enumerate(text.splitlines(), 1) if "<color" in line]
    return found


def _python_files() -> list[Path]:
    return sorted(path for path in UI.rglob("*.py") if path not in ALLOWED)


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def test_the_scanner_finds_every_kind_and_nothing_else() -> None:
    source = '''
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from dzdesk.ui.theme import Token, colour, hex_of

RED = QColor("#c62828")  # a hex string
INK = QColor(20, 30, 80)
GREY = QColor.fromRgb(200, 200, 200)
STYLE = "background: #fde7b0; padding: 4px;"
CSS = "color: rgb(10, 20, 30);"
painter.fillRect(rect, Qt.GlobalColor.white)
item.setForeground(Qt.red)
# issue #123 and a comment saying #fff are not colours
fine = [colour(Token.ACCENT), QColor(hex_of(Token.ICON)), QColor(colour(Token.ICON)), Qt.GlobalColor.transparent]
tab = "#section"
NAMED = "QLabel { color: darkred; background: transparent; }"
PALETTE = "color: palette(mid);"
'''
    found = colour_literals(source)
    assert sorted({line for line, _what in found}) == [6, 7, 8, 9, 10, 11, 12, 16]
    assert {what for _line, what in found} >= {"#c62828", "#fde7b0", "Qt.GlobalColor.white", "Qt.red", "rgb(",
                                               "color: darkred"}
    assert form_colour_literals('<string notr="true">color: #b3261e;</string>\n<color alpha="255">') == [
        (1, "#b3261e"), (2, "<color>")]


def test_every_window_module_is_scanned() -> None:
    names = {_name(path) for path in _python_files()}
    assert {"dzdesk/ui/probes/tiles.py", "dzdesk/ui/incidents/table_model.py", "dzdesk/ui/icons.py"} <= names
    assert "dzdesk/ui/theme.py" not in names


@pytest.mark.parametrize("path", _python_files(), ids=_name)
def test_no_colour_written_outside_the_theme(path: Path) -> None:
    found = colour_literals(path.read_text(encoding="utf-8"))
    assert not found, f"colours written in {_name(path)} (use a token of dzdesk/ui/theme.py): " + ", ".join(
        f"line {line}: {what}" for line, what in found)


@pytest.mark.parametrize("path", sorted(FORMS.glob("*.ui")), ids=_name)
def test_no_colour_written_in_a_form(path: Path) -> None:
    found = form_colour_literals(path.read_text(encoding="utf-8"))
    assert not found, f"colours written in {_name(path)} (set them from dzdesk/ui/theme.py): " + ", ".join(
        f"line {line}: {what}" for line, what in found)

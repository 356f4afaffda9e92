"""A long listing (thousands of rows) that platypus lays out and splits at the cost of a few additions per page.

A platypus Table of Paragraphs parses every cell as markup, wraps it, measures the whole remaining table again at
every page break and draws each cell as its own text object: for the twenty thousand faults of a year that took
minutes. Here each cell is plain text, broken into lines once with cached glyph widths; the row heights and their
running sums are computed once and shared by every page-sized piece, so a split is a binary search; and a page
is written as one text block and one path of rules in PDF operators. It looks like the report's other tables (the
same font, sizes, grid and shaded header), and user text needs no escaping because it is never read as markup.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from dzdesk.reports.pdf_base import LINE, MAX_FIELD_CHARS, SHADE, clean_text, register_font

HEADER_GREY = colors.HexColor("#333333")  # the "label" paragraph style's colour
# Characters that may not begin a line (Chinese punctuation and closing brackets stay with the text before them).
_NO_LINE_START = frozenset("，。、；：？！）》」』】〕…—,.;:?!)]}%")
# PDF literal-string form of every byte: printable ASCII as itself, the rest (and the delimiters) as octal escapes.
_BYTE_TEXT = [chr(b) if 32 <= b < 127 and chr(b) not in "()\\" else f"\\{b:03o}" for b in range(256)]


@dataclass(frozen=True)
class ListingStyle:
    """Sizes of a listing, in points; the defaults match the report's "cell" and "label" paragraph styles."""

    font_size: float = 9
    leading: float = 12
    header_size: float = 9.5
    header_leading: float = 14
    header_color: colors.Color = HEADER_GREY
    text_color: colors.Color = colors.black
    pad_x: float = 4
    pad_y: float = 2.5
    rule_width: float = 0.5
    rule_color: colors.Color = LINE
    header_fill: colors.Color = SHADE


class _Glyphs:
    """Widths of characters in one font at one size, looked up once each (a year's text uses a few hundred)."""

    def __init__(self, font: Any, size: float) -> None:
        self._widths = font.face.charWidths
        self._default = font.face.defaultWidth
        self._scale = size / 1000
        self.cache: dict[str, float] = {}

    def width(self, text: str) -> float:
        cache = self.cache
        try:
            return sum(map(cache.__getitem__, text))
        except KeyError:
            for ch in text:
                if ch not in cache:
                    cache[ch] = self._widths.get(ord(ch), self._default) * self._scale
            return sum(map(cache.__getitem__, text))


def _breakable_after(before: str, after: str) -> bool:
    """Whether a line may end between two characters: anywhere around Chinese, at spaces in Latin text."""
    if after in _NO_LINE_START:
        return False
    return before == " " or ord(before) >= 0x2E80 or ord(after) >= 0x2E80 or after == " "


def wrap_text(text: str, width: float, glyphs: _Glyphs) -> list[str]:
    """Lines of `text` no wider than `width`: broken between Chinese characters or at spaces, and inside a Latin
    word only when the word alone is too wide. Explicit line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if glyphs.width(paragraph) <= width:
            lines.append(paragraph)
            continue
        cache = glyphs.cache
        start, used, last_break = 0, 0.0, -1  # last_break: the latest index the current line could end before
        index = 0
        while index < len(paragraph):
            ch = paragraph[index]
            if index > start and _breakable_after(paragraph[index - 1], ch):
                last_break = index
            advance = cache[ch]  # filled by width() above
            if used + advance > width and index > start:
                cut = last_break if last_break > start else index
                if ch in _NO_LINE_START and cut == index and index - 1 > start:
                    cut = index - 1  # carry the previous character down with the punctuation
                lines.append(paragraph[start:cut].rstrip(" "))
                while cut < len(paragraph) and paragraph[cut] == " ":
                    cut += 1
                start, index, last_break = cut, cut, -1
                used = 0.0
                continue
            used += advance
            index += 1
        lines.append(paragraph[start:])
    return lines or [""]


def _cell_text(text: str) -> str:
    """User text as a cell prints it: as pdf_base.clean_text makes it (checked cheaply first, as most text needs
    nothing), with tabs as spaces."""
    if text.isprintable() and len(text) <= MAX_FIELD_CHARS:
        return text
    return clean_text(text).replace("\t", " ")


class _Encoder:
    """Text as PDF text operators in the subsets of the embedded font, for one document: each character is
    assigned its subset and code once (then a string is encoded by str.translate), each string at each size is
    encoded once."""

    def __init__(self, font: Any, doc: Any) -> None:
        self.font, self.doc = font, doc
        self.names: dict[int, str] = {}
        self.subset_of: dict[str, int] = {}
        self.codes: dict[int, str] = {}  # a translation table: code point -> its code in its subset, escaped
        self.fonts: dict[tuple[int, float], str] = {}
        self.shown: dict[tuple[str, float], tuple[str, str, str]] = {}

    def _add(self, text: str) -> None:
        for ch in text:
            if ch not in self.subset_of:
                ((subset, data),) = self.font.splitString(ch, self.doc)
                if subset not in self.names:
                    self.names[subset] = self.font.getSubsetInternalName(subset, self.doc)
                self.subset_of[ch] = subset
                self.codes[ord(ch)] = _BYTE_TEXT[data[0]]

    def _font(self, subset: int, size: float) -> str:
        found = self.fonts.get((subset, size))
        if found is None:
            found = self.fonts[subset, size] = f"{self.names[subset]} {size:g} Tf"
        return found

    def show(self, text: str, size: float) -> tuple[str, str, str]:
        """(the font selection `text` starts in, the one it ends in, the operators that show it): the caller
        selects the first font unless it is already selected."""
        key = (text, size)
        found = self.shown.get(key)
        if found is not None:
            return found
        try:
            subsets = set(map(self.subset_of.__getitem__, text))
        except KeyError:
            self._add(text)
            subsets = set(map(self.subset_of.__getitem__, text))
        if len(subsets) == 1:
            font = self._font(subsets.pop(), size)
            found = (font, font, f"({text.translate(self.codes)}) Tj")
        else:  # a string over several subsets: a font selection before each run
            runs: list[tuple[int, str]] = []
            for ch in text:
                subset = self.subset_of[ch]
                if runs and runs[-1][0] == subset:
                    runs[-1] = (subset, runs[-1][1] + ch)
                else:
                    runs.append((subset, ch))
            fonts = [self._font(subset, size) for subset, _run in runs]
            operators = "\n".join(f"{font}\n({run.translate(self.codes)}) Tj" if index else
                                   f"({run.translate(self.codes)}) Tj"
                                   for index, (font, (_subset, run)) in enumerate(zip(fonts, runs, strict=True)))
            found = (fonts[0], fonts[-1], operators)
        self.shown[key] = found
        return found


def _rgb(color: colors.Color) -> str:
    return f"{color.red:.3f} {color.green:.3f} {color.blue:.3f}"


class _Layout:
    """The whole listing broken into lines once: every page-sized piece reads its rows from here."""

    def __init__(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float],
                 style: ListingStyle) -> None:
        font_name = register_font()
        self.font = pdfmetrics.getFont(font_name)
        self.style = style
        self.widths = list(widths)
        self.x = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        self.text_x = [f"{x + style.pad_x:.2f}" for x in self.x[:-1]]  # where each column's text starts
        # From one column's text to the next's, as a text-position step ("" before the first column).
        self.steps = [""] + [f"{float(b) - float(a):.2f} 0 Td" for a, b in zip(self.text_x, self.text_x[1:],
                                                                                  strict=False)]
        inner = [w - 2 * style.pad_x for w in self.widths]
        header_glyphs = _Glyphs(self.font, style.header_size)
        self.header = [wrap_text(_cell_text(h), w, header_glyphs) for h, w in zip(header, inner, strict=True)]
        self.header_height = max(len(c) for c in self.header) * style.header_leading + 2 * style.pad_y
        glyphs = _Glyphs(self.font, style.font_size)
        self.cells: list[list[list[str]]] = []
        self.tops = [0.0]  # tops[i]: the height of the rows before row i
        self.one_line: list[bool] = []  # whether each cell of a row is one line
        wrapped: list[dict[str, list[str]]] = [{} for _ in inner]  # per column: levels, districts and such repeat
        columns = list(zip(inner, wrapped, strict=True))
        for row in rows:
            cells = []
            for text, (width, known) in zip(row, columns, strict=True):
                lines = known.get(text)
                if lines is None:
                    lines = known[text] = wrap_text(_cell_text(text), width, glyphs)
                cells.append(lines)
            self.cells.append(cells)
            most = max(map(len, cells))
            self.one_line.append(most == 1)
            self.tops.append(self.tops[-1] + most * style.leading + 2 * style.pad_y)
        self._encoder: _Encoder | None = None

    def encoder(self, doc: Any) -> _Encoder:
        if self._encoder is None or self._encoder.doc is not doc:
            self._encoder = _Encoder(self.font, doc)
        return self._encoder

    def rows_height(self, first: int, last: int) -> float:
        return self.tops[last] - self.tops[first]

    def fitting(self, first: int, last: int, height: float) -> int:
        """The end of the rows from `first` that fit in `height` below the header (at most `last`)."""
        return min(last, bisect_right(self.tops, self.tops[first] + height - self.header_height + 1e-6) - 1)


class Listing(Flowable):
    """Rows `first`..`last` of a listing with its header on top; split at page ends into pieces that share one
    layout."""

    def __init__(self, header: Sequence[str] | None = None, rows: Sequence[Sequence[str]] = (),
                 widths: Sequence[float] = (), style: ListingStyle | None = None, *,
                 layout: _Layout | None = None, first: int = 0, last: int | None = None) -> None:
        super().__init__()
        self.layout = layout or _Layout(header or [], rows, widths, style or ListingStyle())
        self.first = first
        self.last = len(self.layout.cells) if last is None else last
        self.width = self.layout.x[-1]
        self.hAlign = "CENTER"  # as a Table is placed: a listing as wide as the others lines up with them
        self.height = self.layout.header_height + self.layout.rows_height(self.first, self.last)

    def __len__(self) -> int:
        return self.last - self.first

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803 (reportlab's names)
        end = self.layout.fitting(self.first, self.last, availHeight)
        if end <= self.first or end >= self.last:
            return []  # not even one row here: the frame moves the listing to the next page
        return [Listing(layout=self.layout, first=self.first, last=end),
                Listing(layout=self.layout, first=end, last=self.last)]

    def draw(self) -> None:
        layout, style = self.layout, self.layout.style
        encoder = layout.encoder(self.canv._doc)
        top = self.height
        ops: list[str] = ["q", f"{_rgb(style.header_fill)} rg",
                          f"0 {top - layout.header_height:.2f} {self.width:.2f} {layout.header_height:.2f} re f",
                          "BT", f"{_rgb(style.header_color)} rg"]
        font = self._cells(ops, encoder, layout.header, top, layout.header_height, style.header_size,
                           style.header_leading, "")
        ops.append(f"{_rgb(style.text_color)} rg")
        rules = [top, top - layout.header_height]
        y = top - layout.header_height
        size, leading = style.font_size, style.leading
        first_x, steps = layout.text_x[0], layout.steps
        drop = style.pad_y + (leading - size) / 2 + 0.88 * size  # from a one-line row's top to its baseline
        for index in range(self.first, self.last):
            cells = layout.cells[index]
            height = layout.tops[index + 1] - layout.tops[index]
            if layout.one_line[index]:  # the common case: every cell one line, so one text position and then steps
                ops.append(f"1 0 0 1 {first_x} {y - drop:.2f} Tm")
                for step, (line,) in zip(steps, cells, strict=True):
                    if step:
                        ops.append(step)
                    if line:
                        first, last, shown = encoder.show(line, size)
                        if first != font:
                            ops.append(first)
                        ops.append(shown)
                        font = last
            else:
                font = self._cells(ops, encoder, cells, y, height, size, leading, font)
            y -= height
            rules.append(y)
        ops.append("ET")
        ops.append(f"{style.rule_width:.2f} w {_rgb(style.rule_color)} RG")
        right = self.width
        ops.extend(f"0 {r:.2f} m {right:.2f} {r:.2f} l" for r in rules)
        bottom = rules[-1]
        ops.extend(f"{edge:.2f} {bottom:.2f} m {edge:.2f} {top:.2f} l" for edge in layout.x)
        ops.append("S Q")
        self.canv._code.append("\n".join(ops))  # the canvas's own content stream, as its drawing methods write it

    def _cells(self, ops: list[str], encoder: _Encoder, cells: list[list[str]], top: float, height: float,
               size: float, leading: float, font: str) -> str:
        """One row's text, each cell's lines centred vertically in the row, each line placed on its own; returns
        the font selection in force after it, so a font is selected again only when it changes."""
        for left, lines in zip(self.layout.text_x, cells, strict=True):
            # Lines centred in the row; the em box centred in each line, its baseline 0.88 em below its top.
            baseline = top - (height - len(lines) * leading) / 2 - (leading - size) / 2 - 0.88 * size
            for line in lines:
                if line:
                    ops.append(f"1 0 0 1 {left} {baseline:.2f} Tm")
                    first, last, shown = encoder.show(line, size)
                    if first != font:
                        ops.append(first)
                    ops.append(shown)
                    font = last
                baseline -= leading
        return font

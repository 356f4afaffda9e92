"""A contents page laid out in one pass: its lines are known before layout, their page numbers are written after.

reportlab's TableOfContents learns its entries while the document is laid out, so `multiBuild` lays the whole
document out at least twice (once to collect them, once with them in place, and again whenever the contents'
size moves the pages after it); with an appendix of thousands of rows every pass was costly. The chapter and
section headings are already in the story, so the contents can be given its lines, and therefore its height,
before layout. A line takes its place on the page without drawing; the headings' pages are noted as they are
laid out, and the lines are drawn, with their page numbers and links, when the numbered canvas writes each page
out at the end (it keeps every page open until it knows the page count). One layout pass.

The same deferral fixes the headings' bookmarks: reportlab binds a bookmark to the page being written at the time,
and the numbered canvas writes its pages only at the end, so bookmarks made during layout all pointed at one page.
They are now made when their page is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate
from reportlab.platypus.tableofcontents import drawPageNumbers

from dzdesk.reports.pdf_base import MARGIN, PAGE, contents_styles, numbered_canvas, register_font, standard_footer

if TYPE_CHECKING:
    from dzdesk.reports.issue import Issue

HEADING_LEVELS = {"chapter": 0, "section": 1}  # paragraph style -> contents level
_PAD = 3  # points above and below each line, as a table cell of reportlab's TableOfContents has
_END_OF_LINE = "dzContentsLineEnd"  # the paragraph callback that draws the dots and the page number


class ContentsUnsettledError(Exception):
    """The headings laid out were not the ones the contents was made from (a heading split across pages, or one
    hidden inside a flowable the walk does not open); the caller lays the document out the slow, sure way."""


@dataclass
class _Entry:
    level: int
    text: str
    key: str
    page: int | None = None  # the page its heading was laid out on


def headings(flowables: Sequence[Any]) -> Iterator[Paragraph]:
    """The chapter and section headings of a story in reading order, also those kept together with what follows."""
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            if flowable.style.name in HEADING_LEVELS:
                yield flowable
            continue
        inner = getattr(flowable, "_content", None)  # KeepTogether, KeepInFrame
        if isinstance(inner, list | tuple):
            yield from headings(inner)


class Contents:
    """The contents of one document: its lines as flowables, and what layout learns of its headings' pages."""

    def __init__(self, story: Sequence[Any]) -> None:
        self._entries: dict[int, _Entry] = {}  # id of the heading paragraph -> its entry
        for heading in headings(story):
            self._entries[id(heading)] = _Entry(HEADING_LEVELS[heading.style.name], heading.getPlainText(),
                                                f"h{id(heading)}")
        self._styles = contents_styles()
        self._placed: dict[int, list[tuple[_ContentsLine, float, float]]] = {}  # page -> lines with their origin
        self._lines: dict[str, _ContentsLine] = {}  # by key, for the end-of-line callback
        self.unexpected: list[str] = []  # headings laid out that the contents does not list
        self.links_named = 0  # link annotations named so far (reportlab names them by a count)

    def lines(self) -> list[Flowable]:
        made = [_ContentsLine(entry, self._styles[min(entry.level, len(self._styles) - 1)], self.place)
                for entry in self._entries.values()]
        self._lines = {line.entry.key: line for line in made}
        return list(made)

    def heading_laid_out(self, heading: Paragraph, page: int) -> str | None:
        """Notes the page of a heading just laid out; returns the key of its bookmark (None for a stranger)."""
        entry = self._entries.get(id(heading))
        if entry is None:
            self.unexpected.append(heading.getPlainText())
            return None
        entry.page = page
        return entry.key

    @property
    def settled(self) -> bool:
        return not self.unexpected and all(entry.page is not None for entry in self._entries.values())

    def place(self, line: _ContentsLine, page: int, x: float, y: float) -> None:
        self._placed.setdefault(page, []).append((line, x, y))

    def draw_page(self, canvas: Canvas, page: int) -> None:
        """Draws the lines that were placed on `page`, now that every heading's page is known."""
        placed = self._placed.get(page)
        if not placed:
            return
        canvas.setNamedCB(_END_OF_LINE, self._line_end)
        for line, x, y in placed:
            canvas.saveState()
            line.paragraph.drawOn(canvas, x, y + _PAD)
            canvas.restoreState()

    def _line_end(self, canvas: Canvas, _kind: str, label: str) -> None:
        """Dots to the right margin and the page number, linked to the heading (as TableOfContents draws them)."""
        line = self._lines[label]
        drawPageNumbers(canvas, line.style, [(line.entry.page, line.entry.key)], line.width, line.height, " . ")


class _ContentsLine(Flowable):
    """One line of the contents: its size is known at layout, its drawing waits for the page numbers."""

    def __init__(self, entry: _Entry, style: Any, place: Callable[[_ContentsLine, int, float, float], None]) -> None:
        super().__init__()
        self.entry, self.style, self._place = entry, style, place
        self.paragraph = Paragraph(f'<a href="#{entry.key}">{escape(entry.text)}</a>'
                                   f'<onDraw name="{_END_OF_LINE}" label="{entry.key}"/>', style)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (reportlab's names)
        _width, height = self.paragraph.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, height + 2 * _PAD
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self._place(self, canvas.getPageNumber(), x, y)


class _ContentsDocument(SimpleDocTemplate):
    """Tells the contents where each heading was laid out, and adds it to the PDF's outline."""

    contents: Contents

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (reportlab's name)
        if not isinstance(flowable, Paragraph) or flowable.style.name not in HEADING_LEVELS:
            return
        key = self.contents.heading_laid_out(flowable, self.page)
        if key is not None:
            self.canv.bookmarkPage(key)
            level = HEADING_LEVELS[flowable.style.name]
            self.canv.addOutlineEntry(flowable.getPlainText(), key, level=level, closed=level > 0)


def _canvas_class(contents: Contents, footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    base = numbered_canvas(footer)

    class _ContentsCanvas(base):  # type: ignore[valid-type, misc]
        """Keeps each page's bookmarks until the page is written, and writes streams without ASCII85."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_bookmarks: list[str] = []

        def bookmarkPage(self, key: str, **kwargs: Any) -> None:  # noqa: N802 (reportlab's name)
            self._page_bookmarks.append(key)

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            super().showPage()  # the page's state, these bookmarks included, is kept until save()
            self._page_bookmarks = []

        def save(self) -> None:
            if not contents.settled:
                raise ContentsUnsettledError(", ".join(contents.unexpected) or "a heading was not laid out")
            # ASCII85 makes compressed streams a quarter larger, and reportlab encodes it in pure Python (5 ms a
            # page). The flag is global; another PDF written meanwhile would merely be written without it too.
            contents.links_named = self._annotationCount
            previous = rl_config.useA85
            rl_config.useA85 = 0
            try:
                super().save()
            finally:
                rl_config.useA85 = previous

    return _ContentsCanvas


def build_with_contents(story: list[Any], contents: Contents, target: Path, title: str, footer_text: str,
                        subject: str = "", issue: Issue | None = None) -> Path:
    """Lays out `story`, whose contents lines come from `contents`, once on numbered A4 pages (the page set-up of
    pdf_base.build_pdf) and writes `target` whole or not at all. Raises ContentsUnsettledError (writing nothing) when
    the headings laid out are not those the contents lists."""
    register_font()
    target = target.expanduser().resolve()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".pdf", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    standard = standard_footer(footer_text)

    def footer(canvas: Canvas, page: int, total: int) -> None:
        for key in canvas._page_bookmarks:  # bound now that this page is the one being written
            Canvas.bookmarkPage(canvas, key)
        # The page's own state is back, with its count of link annotations, which names the next one: continue
        # from the last name given, or a second contents page would name its links as the first one did.
        canvas._annotationCount = max(canvas._annotationCount, contents.links_named)
        contents.draw_page(canvas, page)
        contents.links_named = canvas._annotationCount
        standard(canvas, page, total)

    try:
        document = _ContentsDocument(str(tmp), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                                     topMargin=16 * mm, bottomMargin=18 * mm, title=title, author="dzdesk",
                                     subject=subject)
        document.contents = contents
        document.build([*story, *([issue.block()] if issue is not None else [])],
                       canvasmaker=_canvas_class(contents, footer))
        if issue is not None:  # the report is issued: see pdf_base.build_pdf
            issue.finish(tmp)
        tmp.chmod(0o644)  # mkstemp makes the file private; a report is meant to be shared
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


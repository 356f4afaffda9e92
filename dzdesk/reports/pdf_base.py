"""What every dzdesk PDF shares: the embedded CJK font, the styles, escaped text and numbered pages.

The font is WenQuanYi Micro Hei, shipped in `resources/fonts` and embedded as a subset, so a report prints the
same on a bureau's Windows PC as on the engineer's laptop. reportlab's Paragraph reads markup, so every piece of
user text goes through `para()` and prints exactly as typed.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.graphics import shapes
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, TableStyle

from dzdesk.domain.timefmt import format_local
from dzdesk.paths import cjk_font_file

if TYPE_CHECKING:
    from dzdesk.reports.issue import Issue

FONT = "WenQuanYiMicroHei"
PAGE = A4
MARGIN = 18 * mm
LINE = colors.HexColor("#808080")
SHADE = colors.HexColor("#eef1f5")
MAX_FIELD_CHARS = 20_000  # a pasted log can be huge; the report shows its beginning and says so


@cache
def register_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(cjk_font_file()), subfontIndex=0))
    # Charts start each drawing in reportlab's default font; make that ours, so no PDF names Helvetica unembedded.
    shapes.STATE_DEFAULTS["fontName"] = FONT
    return FONT


@cache
def styles() -> dict[str, ParagraphStyle]:
    font = register_font()
    base = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=11),
        "label": ParagraphStyle("label", parent=base, fontSize=9.5, textColor=colors.HexColor("#333333")),
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=24, alignment=TA_CENTER, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=11, leading=15, alignment=TA_CENTER),
        "heading": ParagraphStyle("heading", parent=base, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12),
        "chapter": ParagraphStyle("chapter", parent=base, fontSize=14, leading=20, spaceBefore=10, spaceAfter=6),
        "section": ParagraphStyle("section", parent=base, fontSize=11.5, leading=16, spaceBefore=6, spaceAfter=3),
    }


def _printable(ch: str) -> bool:
    """Not a control character (C0, DEL, C1) and not half of a surrogate pair, which text typed on a command line
    holds when its bytes were not valid UTF-8; line breaks and tabs stay."""
    return ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")


def clean_text(text: str | None) -> str:
    """User text made safe to print: control characters and lone surrogates dropped, very long fields cut with a
    note."""
    value = text or ""
    if not value.isprintable():  # the common case, printable text, costs one C-level pass
        value = "".join(ch for ch in value if _printable(ch))
    if len(value) > MAX_FIELD_CHARS:
        value = value[:MAX_FIELD_CHARS] + f"……（以下省略 {len(value) - MAX_FIELD_CHARS} 字）"
    return value


def para(text: str | None, style: str = "body") -> Paragraph:
    """A paragraph of user text: escaped, so `<b>` and `&` print as typed; line breaks kept."""
    return Paragraph(escape(clean_text(text)).replace("\n", "<br/>") or "&nbsp;", styles()[style])


def one_line(text: str, limit: int = 60) -> str:
    """User text for a footer line or the PDF's properties, drawn as it is (no markup is read there): printable,
    on one line, and cut short so it stays on the page."""
    value = " ".join(clean_text(text).split())
    return value if len(value) <= limit else value[:limit - 1] + "…"


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph of dzdesk's own markup (never user text)."""
    return Paragraph(text, styles()[style])


def table_style(*commands: tuple[Any, ...]) -> TableStyle:
    """A table style in the embedded font: reportlab's own default for cells is Helvetica, which is not embedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), register_font()), *commands])


def numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that knows the page count when it draws each footer ("第 2 页 / 共 5 页")."""

    class _NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Otherwise every page starts in Helvetica, a font that is never embedded.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or register_font()
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                footer(self, self._pageNumber, total)
                super().showPage()
            super().save()

    return _NumberedCanvas


def standard_footer(left_text: str) -> Callable[[Canvas, int, int], None]:
    line = one_line(left_text)

    def draw(canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(register_font(), 8)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 10 * mm, line)
        canvas.drawRightString(PAGE[0] - MARGIN, 10 * mm, f"第 {page} 页 / 共 {total} 页")
        canvas.restoreState()

    return draw


def generated_note(now: datetime) -> str:
    """The footer's `dzdesk 生成于 2026-12-07 04:30`, on Shanghai's clock whatever zone `now` is given in."""
    return f"dzdesk 生成于 {format_local(now)}"


class _ContentsDocument(SimpleDocTemplate):
    """Feeds every chapter and section heading to the table of contents, and to the PDF's bookmarks."""

    def afterFlowable(self, flowable: Any) -> None:  # noqa: N802 (reportlab's name)
        if not isinstance(flowable, Paragraph):
            return
        level = {"chapter": 0, "section": 1}.get(flowable.style.name)
        if level is None:
            return
        text = flowable.getPlainText()
        key = f"h{id(flowable)}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, text, self.page, key))


def contents_styles() -> list[ParagraphStyle]:
    base = styles()["body"]
    return [ParagraphStyle("toc0", parent=base, fontSize=11, leading=18, leftIndent=0),
            ParagraphStyle("toc1", parent=base, fontSize=10, leading=15, leftIndent=8 * mm)]


def build_pdf(story: list[Any], target: Path, title: str, footer_text: str, subject: str = "",
              contents: bool = False, issue: Issue | None = None) -> Path:
    """Lays out `story` on numbered A4 pages and writes `target` whole or not at all. With `contents`, the story
    holds a TableOfContents and is laid out until its page numbers settle. With `issue`, the report is issued: its
    last page carries the verification block, stamped with the code (and the file is signed) before it is kept."""
    register_font()
    target = target.expanduser().resolve()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".pdf", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        document_class = _ContentsDocument if contents else SimpleDocTemplate
        document = document_class(str(tmp), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
                                  topMargin=16 * mm, bottomMargin=18 * mm, title=one_line(title, 200),
                                  author="dzdesk", subject=one_line(subject, 200))
        canvasmaker = numbered_canvas(standard_footer(footer_text))
        if issue is not None:
            story = [*story, issue.block()]
        if contents:
            document.multiBuild(story, canvasmaker=canvasmaker)
        else:
            document.build(story, canvasmaker=canvasmaker)
        if issue is not None:
            issue.finish(tmp)
        tmp.chmod(0o644)  # mkstemp makes the file private; a report is meant to be shared
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target

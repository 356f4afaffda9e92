"""A page's bytes as the text a browser would show: the charset the server declares, else the one the page declares
in a `<meta>` tag, else the one its bytes fit best, each read so that one stray byte costs one character and not
the page. Government portals in Sichuan still serve GBK, often undeclared, and now and then with a broken byte."""

from __future__ import annotations

import codecs
import re

# What browsers read these labels as (WHATWG Encoding): GB2312 and GBK pages are decoded as the GBK superset.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "csgb2312": "gb18030",
            "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
_PRESCAN = 4096  # bytes of the page a browser looks at for a <meta> charset (it looks at 1024; pages pad)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _codec(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when the label names nothing Python can decode."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def page_text(body: bytes, header_charset: str | None = None) -> str:
    """The page as text (see the module's docstring for the order in which a charset is chosen)."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, errors="replace")
    declared = _codec(header_charset)
    if declared is None:
        meta = _META.search(body[:_PRESCAN])
        declared = _codec(meta.group(1).decode("ascii")) if meta else None
        if declared in ("utf-16", "utf-16-le", "utf-16-be"):  # a page that can say so in ASCII is not UTF-16
            declared = "utf-8"
    if declared is not None:
        return body.decode(declared, errors="replace")
    return _best_fit(body)


def _best_fit(body: bytes) -> str:
    """Undeclared: UTF-8 when the bytes are UTF-8, else whichever of UTF-8 and GB18030 leaves fewer bytes
    unreadable (a GBK page read as UTF-8 loses most of its Chinese; a stray byte loses one character)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    candidates = [body.decode(encoding, errors="replace") for encoding in ("utf-8", "gb18030")]
    return min(candidates, key=lambda text: text.count("\ufffd"))

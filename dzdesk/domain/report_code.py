"""What identifies an issued report: its number, and a short verification code derived from the hash of its pages.

A report is made in two steps. Its pages are laid out first, with a space kept free on the last page; the SHA-256
of that file (the "content hash") gives the verification code. The code and a QR code holding it are then stamped
into the free space as an update appended to the file, and the file may be signed after that. So the pages as made
are the file's first bytes, and anyone holding the file can recompute the code from them; the register keeps the
SHA-256 of the whole file as issued, which no stamp or signature can be part of.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import date

# Crockford's base 32: no I, L, O or U, so a code read aloud or typed from paper is not misread.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_CHARS = 10  # 50 bits of the content hash
CODE_PATTERN = re.compile(r"^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")
QR_PREFIX = "DZDESK-REPORT"
_REGISTER = uuid.UUID("6a0d4c1e-7b59-4f2a-b3c8-91e5d27f4a06")
_SEPARATOR = "\x1f"

KIND_LABELS_ZH = {"visit": "上门服务单", "annual": "年度运维报告", "quarterly": "季度运维报告",
                  "monthly": "月度运维报告", "health": "健康评估报告"}


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def short_code(content_sha256: str) -> str:
    """`7K2QD-M9X4A`: the first 50 bits of the content hash in Crockford's base 32, in two groups of five."""
    value = int(content_sha256[:13], 16) >> 2  # 52 bits, less two
    chars = []
    for _ in range(CODE_CHARS):
        chars.append(_ALPHABET[value & 31])
        value >>= 5
    code = "".join(reversed(chars))
    return f"{code[:5]}-{code[5:]}"


def normalise_code(text: str) -> str:
    """A code as typed or read from paper: upper case, O read as 0 and I or L as 1, dashes and spaces ignored."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(str.maketrans("OIL", "011"))
    return f"{cleaned[:5]}-{cleaned[5:]}" if len(cleaned) == CODE_CHARS else cleaned


def register_id(number: str, code: str) -> str:
    """The id of the report's entry in the register, derived from what is printed on it: whoever holds the file
    (or the paper) finds the entry, on this laptop and on the hub."""
    return str(uuid.uuid5(_REGISTER, f"{number}{_SEPARATOR}{code}"))


def qr_text(number: str, code: str) -> str:
    return f"{QR_PREFIX}|{number}|{code}"


def operations_number(kind: str, start: date) -> str:
    """`YW-2026`, `YW-2026Q3`, `YW-202603`: the operations report of a year, quarter or month."""
    if kind == "annual":
        return f"YW-{start.year}"
    if kind == "quarterly":
        return f"YW-{start.year}Q{(start.month - 1) // 3 + 1}"
    return f"YW-{start.year}{start.month:02d}"


def health_number(first: date, last: date) -> str:
    """`JK-20260101-20260331`: the health evaluation of a period."""
    return f"JK-{first:%Y%m%d}-{last:%Y%m%d}"

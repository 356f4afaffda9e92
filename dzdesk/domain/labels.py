"""The Chinese and English words for the domain's codes, each written once, beside its enum.

An enum that people read derives from `Labelled` and declares its words right after it with `set_labels`; the
window, the PDFs, the spreadsheets, the alerts and the commands all read `member.label_zh` / `member.label_en`, so a
label cannot drift apart between them. The window picks one of the two by its interface language
(`dzdesk.ui.labels.enum_label`). `set_labels` refuses an enum with a member left without both words, so a new
member without its labels fails at import, not in front of a customer.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

_LABELS: dict[type[Labelled], dict[Labelled, tuple[str, str]]] = {}
L = TypeVar("L", bound="Labelled")


class Labelled(StrEnum):
    """A code with a Chinese and an English label (declared by `set_labels`)."""

    @property
    def label_zh(self) -> str:
        return _LABELS[type(self)][self][0]

    @property
    def label_en(self) -> str:
        return _LABELS[type(self)][self][1]


def set_labels(enum: type[L], labels: Mapping[L, tuple[str, str]]) -> None:
    """Declares the (Chinese, English) label of every member of `enum`, once."""
    missing = [member.name for member in enum if member not in labels]
    empty = [member.name for member, (zh, en) in labels.items() if not zh.strip() or not en.strip()]
    if missing or empty:
        raise ValueError(f"{enum.__name__}: every member needs a Chinese and an English label "
                         f"(missing {', '.join(missing + empty)})")
    if enum in _LABELS:
        raise ValueError(f"{enum.__name__}: its labels are declared once")
    _LABELS[enum] = dict(labels)


def labelled_enums() -> tuple[type[Labelled], ...]:
    """Every enum whose labels are declared (those of the modules imported so far)."""
    return tuple(_LABELS)

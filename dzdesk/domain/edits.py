"""A person's edit carried onto the record as it is stored when they save.

An editor shows a record, the person changes some fields, and saves minutes later; meanwhile a pull may have
brought a teammate's change of the same record. Saving the form whole would put back, without a word, every field
the teammate changed: only the fields the person changed from what they were shown are theirs to write. A field
both changed, to different values, keeps the person's (the later edit, as the hub decides between laptops) and is
named, so the other value is kept beside it for someone to choose.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any, TypeVar

Draft = TypeVar("Draft", bound=Any)  # a frozen dataclass of a record's editable fields


def carry_edit(shown: Draft, edited: Draft, stored: Draft) -> tuple[Draft, tuple[str, ...]]:
    """`stored` with the fields that differ between `shown` and `edited`; and the names of those that `stored`
    changed too, to another value (both people's values count)."""
    mine: dict[str, Any] = {}
    both: list[str] = []
    for field in fields(shown):
        was, now, theirs = (getattr(draft, field.name) for draft in (shown, edited, stored))
        if now == was:
            continue
        mine[field.name] = now
        if theirs not in (was, now):
            both.append(field.name)
    return replace(stored, **mine), tuple(both)

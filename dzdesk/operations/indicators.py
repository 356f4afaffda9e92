"""Importing a month of the approval indicators from the file a bureau sends, as Qt-free functions the command line
and the window both call: read the file against the indicators and districts (nothing written), then keep its
figures and, when named, the column mapping it was read with, in one transaction.

Refusals: `TableFileError` / `IndicatorFileError` (the file cannot be read, in words), `IndicatorProblemsError`
(cells that cannot be read: nothing is imported).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from dzdesk.imports.indicator_file import IndicatorPreview, read_indicator_file
from dzdesk.store import Store
from dzdesk.store.indicator_repo import (
    SaveSummary,
    definitions,
    ensure_default_indicators,
    get_mapping,
    save_mapping,
    save_note,
    save_values,
)


class IndicatorProblemsError(ValueError):
    """The file has cells that cannot be read; nothing was imported."""

    def __init__(self, preview: IndicatorPreview) -> None:
        super().__init__(f"{len(preview.problems)} bad cell(s); nothing was imported")
        self.preview = preview


def ensure_indicator_defaults(store: Store) -> int:
    """Adds the default indicators the first time a database is used (never again, so a removed one stays
    removed); returns how many were added. The indicators page calls it on a worker before its first read."""
    with store.transaction() as session:
        return ensure_default_indicators(session)


def read_month_file(store: Store, path: Path, areas: Sequence[str], mapping_name: str = "",
                    mapping: Mapping[str, str] | None = None) -> IndicatorPreview:
    """The figures of `path` as they would be imported: with the explicit `mapping` (column title → indicator
    code), else the one saved as `mapping_name`, else as the columns' titles say."""
    with store.transaction() as session:
        ensure_default_indicators(session)
        indicators = definitions(session)
        if mapping is None and mapping_name:
            mapping = get_mapping(session, mapping_name)
    return read_indicator_file(path, indicators, areas, dict(mapping) if mapping is not None else None)


def import_month(store: Store, month: str, preview: IndicatorPreview, mapping_name: str = "") -> SaveSummary:
    """Keeps the month's figures (a figure already there is replaced only when it differs) and, when named, the
    column mapping they were read with."""
    if preview.problems:
        raise IndicatorProblemsError(preview)
    with store.transaction() as session:
        summary = save_values(session, month, preview.values, preview.source)
        if mapping_name.strip():
            save_mapping(session, mapping_name.strip(), preview.mapping)
    return summary


def set_figure(store: Store, month: str, area: str, code: str, value: float | None) -> SaveSummary:
    """One figure typed in by hand (None clears it), kept with "manual" as its source."""
    with store.transaction() as session:
        return save_values(session, month, {(area, code): value}, "manual")


def note_flags(store: Store, month: str, area: str, code: str, kinds: Sequence[str], cause: str, action: str) -> None:
    """The cause and the action taken for a flagged figure, kept under each flag it raised."""
    with store.transaction() as session:
        for kind in kinds:
            save_note(session, month, area, code, kind, cause, action)

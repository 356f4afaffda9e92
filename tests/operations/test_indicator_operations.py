"""A month of indicators through the operations the window and the command line both call: read (nothing written),
then kept whole with the mapping it was read with, or refused whole."""

import csv
import io

import pytest
from sqlalchemy import func, select

from dzdesk.domain.catalogue import load_catalogue
from dzdesk.operations.indicators import IndicatorProblemsError, import_month, read_month_file
from dzdesk.store.indicator_models import IndicatorValue
from dzdesk.store.indicator_repo import get_mapping

AREAS = list(load_catalogue().districts)
ODD_HEADER = ["地区", "审批用时", "办件数量"]


def write_csv(path, rows):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def stored(store) -> int:
    with store.session() as session:
        return session.scalar(select(func.count()).select_from(IndicatorValue))


def test_a_month_read_with_a_named_mapping_is_kept_with_it_and_read_with_it_again(store, tmp_path):
    path = write_csv(tmp_path / "九月.csv", [ODD_HEADER, *[[area, f"{40 + i}", f"{70 + i}"]
                                                           for i, area in enumerate(AREAS)]])
    mapping = {"审批用时": "approval_days", "办件数量": "items_handled"}
    preview = read_month_file(store, path, AREAS, mapping=mapping)
    assert stored(store) == 0  # reading writes no figure
    summary = import_month(store, "2026-09", preview, mapping_name=" 区政务局 ")
    assert (summary.added, summary.changed, summary.unchanged) == (2 * len(AREAS), 0, 0)
    with store.session() as session:
        assert get_mapping(session, "区政务局") == mapping
    again = read_month_file(store, path, AREAS, mapping_name="区政务局")
    assert again.values == preview.values
    assert import_month(store, "2026-09", again).unchanged == 2 * len(AREAS)


def test_a_file_with_a_bad_cell_is_refused_whole(store, tmp_path):
    rows = [ODD_HEADER, *[[area, "四十", "70"] if area == AREAS[0] else [area, "40", "70"] for area in AREAS]]
    preview = read_month_file(store, write_csv(tmp_path / "bad.csv", rows), AREAS,
                              mapping={"审批用时": "approval_days", "办件数量": "items_handled"})
    assert preview.problems
    with pytest.raises(IndicatorProblemsError, match="1 bad cell"):
        import_month(store, "2026-09", preview, mapping_name="区政务局")
    assert stored(store) == 0
    with store.session() as session:
        assert get_mapping(session, "区政务局") is None


def test_the_default_indicators_are_added_once(store):
    from dzdesk.operations.indicators import ensure_indicator_defaults
    from dzdesk.store.indicator_models import IndicatorDefinition

    def count() -> int:
        with store.session() as session:
            return session.scalar(select(func.count()).select_from(IndicatorDefinition))

    assert count() == 0
    added = ensure_indicator_defaults(store)
    assert added == count() > 0
    assert ensure_indicator_defaults(store) == 0
    assert count() == added

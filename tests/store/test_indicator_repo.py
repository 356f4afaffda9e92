"""Storing the approval indicators: the default set once, figures under ids two engineers agree on, the analysed
month with last month and last year beside it, the team's notes and the remembered column mappings."""

import pytest
from sqlalchemy import func, select

from dzdesk.config import DataDir
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.indicators import DEFAULT_INDICATORS, FlagKind, Indicator, Unit
from dzdesk.domain.record_ids import indicator_id as stable_id
from dzdesk.store import open_store
from dzdesk.store.indicator_models import IndicatorDefinition, IndicatorNote, IndicatorValue
from dzdesk.store.indicator_repo import (
    SaveSummary,
    definitions,
    ensure_default_indicators,
    get_mapping,
    history,
    mapping_names,
    month_cells,
    month_values,
    notes,
    ranked_areas,
    save_definition,
    save_mapping,
    save_note,
    save_values,
    shift_month,
)
from dzdesk.store.outbox import OutboxEntry, pending_count

AREAS = list(load_catalogue().districts)


@pytest.fixture
def ready(store):
    with store.transaction() as session:
        ensure_default_indicators(session)
    return store


def value_id(store, month, area, code):
    with store.session() as session:
        return session.scalar(select(IndicatorValue.id).where(
            IndicatorValue.month == month, IndicatorValue.area == area, IndicatorValue.code == code))


# --- definitions ------------------------------------------------------------------------------------------------------


def test_default_indicators_are_added_once_with_stable_ids_and_nothing_to_sync(store):
    with store.transaction() as session:
        assert ensure_default_indicators(session) == len(DEFAULT_INDICATORS)
    with store.transaction() as session:
        assert ensure_default_indicators(session) == 0
    with store.session() as session:
        assert definitions(session) == list(DEFAULT_INDICATORS)
        ids = session.scalars(select(IndicatorDefinition.id).order_by(IndicatorDefinition.position)).all()
        assert ids == [stable_id("indicator", i.code) for i in DEFAULT_INDICATORS]
        assert session.scalar(select(func.count()).select_from(IndicatorDefinition)) == len(DEFAULT_INDICATORS)
        assert pending_count(session) == 0


def test_default_ids_are_the_same_in_every_store(tmp_path, store):
    other = open_store(DataDir(tmp_path / "other").ensure(), author="另一位工程师")
    try:
        for opened in (store, other):
            with opened.transaction() as session:
                ensure_default_indicators(session)
        with store.session() as mine, other.session() as theirs:
            query = select(IndicatorDefinition.id).order_by(IndicatorDefinition.id)
            assert mine.scalars(query).all() == theirs.scalars(query).all()
    finally:
        other.close()


def test_defaults_are_not_added_back_after_the_team_removes_one(ready):
    with ready.transaction() as session:
        session.get(IndicatorDefinition, stable_id("indicator", "items_handled")).deleted = True
    with ready.transaction() as session:
        assert ensure_default_indicators(session) == 0
    with ready.session() as session:
        assert "items_handled" not in [i.code for i in definitions(session)]


def test_save_definition_adds_and_changes(ready):
    extra = Indicator("fee_free_rate", "免费代办率", Unit.PERCENT, True, 80.0, 5.0, ("代办率",))
    with ready.transaction() as session:
        save_definition(session, extra)
        save_definition(session, Indicator("approval_days", "全流程审批时间", Unit.DAYS, False, 45.0, 8.0))
    with ready.session() as session:
        found = {i.code: i for i in definitions(session)}
        assert found["fee_free_rate"] == extra
        assert [i.code for i in definitions(session)][-1] == "fee_free_rate"
        assert found["approval_days"].target == 45.0 and found["approval_days"].synonyms == ()
        assert pending_count(session) == 2  # the team's own changes do sync


# --- values -----------------------------------------------------------------------------------------------------------


def test_save_values_summary(ready):
    month = "2026-09"
    with ready.transaction() as session:
        first = save_values(session, month, {("渠县", "approval_days"): 63.0, ("渠县", "on_time_rate"): 97.0,
                                             ("通川区", "approval_days"): None}, "九月.xlsx")
    assert first == SaveSummary(added=3, changed=0, unchanged=0)
    with ready.transaction() as session:
        again = save_values(session, month, {("渠县", "approval_days"): 63.0, ("渠县", "on_time_rate"): 98.0,
                                             ("通川区", "approval_days"): None, ("万源市", "approval_days"): 50.0},
                            "九月（更正）.xlsx")
    assert again == SaveSummary(added=1, changed=1, unchanged=2)
    with ready.session() as session:
        assert month_values(session, month) == {("渠县", "approval_days"): 63.0, ("渠县", "on_time_rate"): 98.0,
                                                ("通川区", "approval_days"): None, ("万源市", "approval_days"): 50.0}
        changed = session.get(IndicatorValue, stable_id("value", month, "渠县", "on_time_rate"))
        unchanged = session.get(IndicatorValue, stable_id("value", month, "渠县", "approval_days"))
        assert changed.source == "九月（更正）.xlsx" and unchanged.source == "九月.xlsx"
        assert pending_count(session) == 4
        assert month_values(session, "2026-08") == {}


def test_a_value_cleared_and_a_deleted_value_restored_count_as_changed(ready):
    key = ("渠县", "approval_days")
    with ready.transaction() as session:
        save_values(session, "2026-09", {key: 63.0}, "a")
    with ready.transaction() as session:
        assert save_values(session, "2026-09", {key: None}, "manual") == SaveSummary(0, 1, 0)
    with ready.transaction() as session:
        session.get(IndicatorValue, stable_id("value", "2026-09", *key)).deleted = True
    with ready.session() as session:
        assert month_values(session, "2026-09") == {}
    with ready.transaction() as session:
        assert save_values(session, "2026-09", {key: None}, "manual") == SaveSummary(0, 1, 0)
    with ready.session() as session:
        assert month_values(session, "2026-09") == {key: None}


def test_the_same_figure_imported_in_two_stores_is_one_record(tmp_path, ready):
    other = open_store(DataDir(tmp_path / "other").ensure(), author="另一位工程师")
    try:
        for opened, value in ((ready, 63.0), (other, 64.0)):
            with opened.transaction() as session:
                ensure_default_indicators(session)
                save_values(session, "2026-09", {("渠县", "approval_days"): value}, "九月.xlsx")
        mine = value_id(ready, "2026-09", "渠县", "approval_days")
        assert mine == value_id(other, "2026-09", "渠县", "approval_days")
        assert mine == stable_id("value", "2026-09", "渠县", "approval_days")
        with ready.session() as session:
            assert session.scalar(select(OutboxEntry.record_id).where(OutboxEntry.entity != "")) == mine
    finally:
        other.close()


def test_different_month_area_or_indicator_are_different_records():
    ids = {stable_id("value", "2026-09", "渠县", "approval_days"),
           stable_id("value", "2026-08", "渠县", "approval_days"),
           stable_id("value", "2026-09", "通川区", "approval_days"),
           stable_id("value", "2026-09", "渠县", "on_time_rate"),
           stable_id("note", "2026-09", "渠县", "approval_days")}
    assert len(ids) == 5


@pytest.mark.parametrize(("month", "months", "expected"), [
    ("2026-01", -1, "2025-12"), ("2026-01", -12, "2025-01"), ("2025-12", 1, "2026-01"), ("2026-03", -14, "2025-01"),
    ("2026-09", 0, "2026-09"), ("2026-12", -12, "2025-12"), ("2000-01", -1, "1999-12"),
])
def test_shift_month(month, months, expected):
    assert shift_month(month, months) == expected


def test_month_cells_compare_with_last_month_and_last_year_across_the_new_year(ready):
    with ready.transaction() as session:
        save_values(session, "2025-01", {("渠县", "approval_days"): 50.0, ("通川区", "approval_days"): 40.0}, "a")
        save_values(session, "2025-12", {("渠县", "approval_days"): 55.0, ("通川区", "approval_days"): 50.0}, "a")
        save_values(session, "2026-01", {("渠县", "approval_days"): 66.0, ("通川区", "approval_days"): 52.0,
                                         ("达州市本级", "approval_days"): 90.0}, "a")
        save_values(session, "2025-11", {("渠县", "approval_days"): 1.0}, "a")  # neither last month nor last year
    with ready.session() as session:
        cells = month_cells(session, "2026-01", AREAS)
    assert list(cells) == [i.code for i in DEFAULT_INDICATORS]
    by_area = {c.area: c for c in cells["approval_days"]}
    assert [c.area for c in cells["approval_days"]] == AREAS
    qu = by_area["渠县"]
    assert (qu.value, qu.previous, qu.year_ago) == (66.0, 55.0, 50.0)
    assert qu.mom_pct == pytest.approx(20.0) and qu.yoy_pct == pytest.approx(32.0)
    assert qu.flags == (FlagKind.MOVED, FlagKind.MISSED_TARGET, FlagKind.LAST)
    assert (qu.rank, qu.ranked) == (2, 2)
    tc = by_area["通川区"]
    assert tc.rank == 1 and tc.flags == () and tc.mom_pct == pytest.approx(4.0)
    city = by_area["达州市本级"]
    assert city.rank is None and city.flags == (FlagKind.MISSED_TARGET,)  # above target, but never ranked last
    assert by_area["万源市"].value is None and by_area["万源市"].flags == ()
    assert all(c.value is None for c in cells["on_time_rate"])


def test_a_removed_indicator_is_not_analysed(ready):
    with ready.transaction() as session:
        session.get(IndicatorDefinition, stable_id("indicator", "overdue_items")).deleted = True
    with ready.session() as session:
        assert "overdue_items" not in month_cells(session, "2026-09", AREAS)


def test_ranked_areas_leave_out_the_city_level():
    assert ranked_areas(AREAS) == AREAS[1:]
    assert "达州市本级" not in ranked_areas(AREAS) and len(ranked_areas(AREAS)) == 9


def test_history_oldest_first(ready):
    with ready.transaction() as session:
        save_values(session, "2026-09", {("渠县", "approval_days"): 63.0, ("通川区", "approval_days"): 50.0}, "a")
        save_values(session, "2026-08", {("渠县", "approval_days"): 44.0, ("渠县", "on_time_rate"): 98.0}, "a")
    with ready.session() as session:
        assert history(session, "approval_days", "渠县") == [("2026-08", "渠县", 44.0), ("2026-09", "渠县", 63.0)]
        assert history(session, "approval_days") == [("2026-08", "渠县", 44.0), ("2026-09", "渠县", 63.0),
                                                     ("2026-09", "通川区", 50.0)]
        assert history(session, "approval_days", "万源市") == []


# --- notes ------------------------------------------------------------------------------------------------------------


def test_notes_are_saved_and_updated_in_place(ready):
    with ready.transaction() as session:
        save_note(session, "2026-09", "渠县", "approval_days", "moved", " 审图排队积压。 ", "增派人员")
    with ready.transaction() as session:
        save_note(session, "2026-09", "渠县", "approval_days", "moved", "审图排队积压。", "增派人员，每周跟踪")
        save_note(session, "2026-09", "渠县", "approval_days", "missed_target", "同上", "")
    with ready.session() as session:
        found = notes(session, "2026-09")
        assert set(found) == {("渠县", "approval_days", "moved"), ("渠县", "approval_days", "missed_target")}
        moved = found[("渠县", "approval_days", "moved")]
        assert (moved.cause, moved.action) == ("审图排队积压。", "增派人员，每周跟踪")
        assert moved.id == stable_id("note", "2026-09", "渠县", "approval_days", "moved")
        assert session.scalar(select(func.count()).select_from(IndicatorNote)) == 2
        assert notes(session, "2026-08") == {}


def test_a_deleted_note_is_not_listed(ready):
    with ready.transaction() as session:
        save_note(session, "2026-09", "渠县", "approval_days", "moved", "原因", "措施").deleted = True
    with ready.session() as session:
        assert notes(session, "2026-09") == {}


# --- mappings ---------------------------------------------------------------------------------------------------------


def test_mappings_are_saved_replaced_and_listed(ready):
    with ready.transaction() as session:
        assert get_mapping(session, "住建局") is None
        save_mapping(session, "住建局", {"审批用时": "approval_days", "满意率": "satisfaction_rate"})
        save_mapping(session, "政务服务局", {"办件数": "items_handled"})
    with ready.transaction() as session:
        assert get_mapping(session, "住建局") == {"审批用时": "approval_days", "满意率": "satisfaction_rate"}
        save_mapping(session, "住建局", {"审批总用时": "approval_days"})
    with ready.session() as session:
        assert get_mapping(session, "住建局") == {"审批总用时": "approval_days"}
        assert mapping_names(session) == ["住建局", "政务服务局"]
        assert pending_count(session) == 0  # mappings stay on this machine

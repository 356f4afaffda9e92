"""Storing probe targets, windows and results: the default catalogue, the sync queue and the confirmed states."""

import json
from dataclasses import asdict, replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from dzdesk.config import DataDir, ProbeSettings, Settings, SettingsError
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.maintenance import MaintenanceProblem, MaintenanceWindow, Recurrence
from dzdesk.domain.probe_outcome import Failure, ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy, Outage, TargetState, Transition
from dzdesk.domain.probe_target import ProbeKind, ProbeTarget, default_targets, with_changes
from dzdesk.store import open_store
from dzdesk.store.outbox import OutboxEntry, pending_count
from dzdesk.store.probe_history import figures_by_target, latency_series, outages_between, results_between
from dzdesk.store.probe_models import MaintenanceWindowRecord, ProbeResult, ProbeState, ProbeTargetRecord
from dzdesk.store.probe_repo import (
    ImportSummary,
    StateChange,
    TargetNameTakenError,
    active_windows,
    delete_target,
    delete_window,
    ensure_default_targets,
    import_targets,
    list_targets,
    list_windows,
    record_outcomes,
    save_target,
    save_window,
    states,
    stored_targets,
)

CATALOGUE = load_catalogue()
DEFAULT_COUNT = len(default_targets(CATALOGUE))  # 11 credit + 14 approval + 10 districts
POLICY = ConfirmPolicy(failures=3, successes=2)
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=SHANGHAI)  # Monday morning, Beijing time

PORTAL = ProbeTarget(name="信用平台-门户", platform="credit", url="https://xy.example.cn/", keyword="信用信息")
HALL = ProbeTarget(name="审批系统-通川区", platform="approval", url="https://tzxm.example.cn/tc/",
                   district="通川区")
DATABASE = ProbeTarget(name="审批系统-数据库", platform="approval", kind=ProbeKind.TCP, host="10.1.2.3", port=1521)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def add(store, target: ProbeTarget) -> str:
    with store.transaction() as session:
        record = save_target(session, target)
        session.flush()
        return record.id


def outbox_rows(store) -> list[tuple[str, str]]:
    with store.session() as session:
        return [(e.entity, e.record_id) for e in session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq))]


def ok(minutes: float, latency_ms: float = 100.0, name: str = PORTAL.name) -> ProbeOutcome:
    return ProbeOutcome(target=name, started_at=at(minutes), ok=True, latency_ms=latency_ms)


def fail(minutes: float, failure: Failure = Failure.TIMEOUT, detail: str = "5 s", name: str = PORTAL.name,
         latency_ms: float | None = None) -> ProbeOutcome:
    return ProbeOutcome(target=name, started_at=at(minutes), ok=False, latency_ms=latency_ms, failure=failure,
                        detail=detail)


def record(store, target_id: str, *outcomes: ProbeOutcome, windows=(), policy=POLICY) -> list[StateChange]:
    """Records `outcomes` one sweep (one transaction) each, as the sweep runner does; returns all changes."""
    changes = []
    for outcome in outcomes:
        with store.transaction() as session:
            target = session.get(ProbeTargetRecord, target_id)
            changes.extend(record_outcomes(session, [(target, outcome)], policy, windows))
    return changes


def state_of(store, target_id: str) -> ProbeState:
    with store.session() as session:
        return states(session)[target_id]


# --- the default catalogue -------------------------------------------------------------------------------------


def test_default_targets_are_added_once(store):
    with store.transaction() as session:
        assert ensure_default_targets(session, CATALOGUE) == DEFAULT_COUNT == 35
    with store.session() as session:
        targets = list_targets(session)
        assert [r.to_target() for r in targets] == default_targets(CATALOGUE)
        assert [r.position for r in targets] == list(range(DEFAULT_COUNT))
        assert sum(r.platform == "credit" for r in targets) == 11
        assert sum(r.platform == "approval" and not r.district for r in targets) == 14
        assert sum(bool(r.district) for r in targets) == 10
        assert not any(r.to_target().configured for r in targets)
    with store.transaction() as session:
        assert ensure_default_targets(session, CATALOGUE) == 0
    with store.session() as session:
        assert len(list_targets(session)) == DEFAULT_COUNT


def test_deleted_defaults_never_come_back(store):
    with store.transaction() as session:
        ensure_default_targets(session, CATALOGUE)
    with store.transaction() as session:
        for target in list_targets(session):
            delete_target(session, target.id)
    with store.transaction() as session:
        assert ensure_default_targets(session, CATALOGUE) == 0
    with store.session() as session:
        assert list_targets(session) == []
        tombstones = list(session.scalars(select(ProbeTargetRecord)))
        assert len(tombstones) == DEFAULT_COUNT
        assert all(r.deleted for r in tombstones)


def test_defaults_are_not_added_over_existing_targets(store):
    # A database that already holds targets (say, pulled from the hub) keeps them as they are.
    add(store, PORTAL)
    with store.transaction() as session:
        assert ensure_default_targets(session, CATALOGUE) == 0
    with store.transaction() as session:
        assert ensure_default_targets(session, CATALOGUE) == 0
        assert [r.name for r in list_targets(session)] == [PORTAL.name]


def test_a_rolled_back_first_run_adds_the_defaults_later(store):
    with pytest.raises(RuntimeError), store.transaction() as session:
        ensure_default_targets(session, CATALOGUE)
        raise RuntimeError("crash before commit")
    with store.transaction() as session:
        assert ensure_default_targets(session, CATALOGUE) == DEFAULT_COUNT


# --- saving targets --------------------------------------------------------------------------------------------


def test_save_target_adds_after_the_last_position(store):
    first = add(store, PORTAL)
    second = add(store, HALL)
    with store.session() as session:
        records = list_targets(session)
        assert [r.id for r in records] == [first, second]
        assert records[1].position == records[0].position + 1
        assert records[0].to_target() == PORTAL
        assert records[0].author == "测试工程师"


def test_duplicate_name_is_refused(store):
    add(store, PORTAL)
    with pytest.raises(TargetNameTakenError), store.transaction() as session:
        save_target(session, replace(PORTAL, url="https://other.example/"))
    with store.session() as session:
        assert len(list_targets(session)) == 1


def test_renaming_onto_another_targets_name_is_refused(store):
    add(store, PORTAL)
    hall = add(store, HALL)
    with pytest.raises(TargetNameTakenError), store.transaction() as session:
        save_target(session, replace(HALL, name=PORTAL.name), hall)


def test_a_target_may_keep_its_own_name(store):
    portal = add(store, PORTAL)
    with store.transaction() as session:
        save_target(session, replace(PORTAL, timeout_s=9.5), portal)
    with store.session() as session:
        assert session.get(ProbeTargetRecord, portal).timeout_s == 9.5


def test_a_deleted_targets_name_can_be_used_again(store):
    portal = add(store, PORTAL)
    with store.transaction() as session:
        delete_target(session, portal)
    again = add(store, PORTAL)
    assert again != portal


@pytest.mark.parametrize("deleted", [False, True])
def test_saving_over_a_missing_or_deleted_record_fails(store, deleted):
    record_id = add(store, PORTAL) if deleted else "00000000-0000-0000-0000-000000000000"
    if deleted:
        with store.transaction() as session:
            delete_target(session, record_id)
    with pytest.raises(KeyError), store.transaction() as session:
        save_target(session, HALL, record_id)


def test_to_target_and_apply_round_trip_every_field(store):
    full = ProbeTarget(name="证书", platform="credit", kind=ProbeKind.TLS, host="xy.example.cn", port=8443,
                       timeout_s=2.5, latency_threshold_ms=800, verify_tls=False, cert_warning_days=14,
                       module="信用修复", district="渠县", username="xunjian", enabled=False, notes="厂商续期")
    record_id = add(store, full)
    with store.session() as session:
        loaded = session.get(ProbeTargetRecord, record_id).to_target()
    assert loaded == full
    assert loaded.kind is ProbeKind.TLS
    assert loaded.notes == "厂商续期"


# --- the sync queue --------------------------------------------------------------------------------------------


def test_adding_and_editing_a_target_queue_it(store):
    portal = add(store, PORTAL)
    assert outbox_rows(store) == [("probe_targets", portal)]
    with store.transaction() as session:
        save_target(session, replace(PORTAL, expect_status=200), portal)
    assert outbox_rows(store) == [("probe_targets", portal)] * 2
    with store.session() as session:
        assert pending_count(session) == 1


def test_an_unchanged_apply_queues_nothing(store):
    portal = add(store, PORTAL)
    before = len(outbox_rows(store))
    with store.transaction() as session:
        save_target(session, PORTAL, portal)
    with store.transaction() as session:
        record_ = session.get(ProbeTargetRecord, portal)
        record_.apply(record_.to_target())
    assert len(outbox_rows(store)) == before


def test_deleting_a_target_queues_the_tombstone(store):
    portal = add(store, PORTAL)
    with store.transaction() as session:
        delete_target(session, portal)
    assert outbox_rows(store) == [("probe_targets", portal)] * 2


def test_default_targets_have_the_same_ids_everywhere_and_only_edits_are_queued(store, data_dir, tmp_path):
    with store.transaction() as session:
        ensure_default_targets(session, CATALOGUE)
    with store.session() as session:
        assert pending_count(session) == 0
        ids = {r.name: r.id for r in list_targets(session)}
    other = open_store(DataDir(tmp_path / "other").ensure())
    try:
        with other.transaction() as session:
            ensure_default_targets(session, CATALOGUE)
        with other.session() as session:
            assert {r.name: r.id for r in list_targets(session)} == ids
    finally:
        other.close()
    with store.transaction() as session:
        record = session.get(ProbeTargetRecord, ids["审批系统-网上大厅"])
        record.apply(with_changes(record.to_target(), url="https://gcxm.example/portal"))
    with store.session() as session:
        assert pending_count(session) == 1


# --- importing a targets file ----------------------------------------------------------------------------------


def test_import_adds_updates_and_leaves_alone(store):
    add(store, PORTAL)
    hall = add(store, HALL)
    before = len(outbox_rows(store))
    changed_hall = replace(HALL, expect_status=302, timeout_s=10)
    with store.transaction() as session:
        summary = import_targets(session, [PORTAL, changed_hall, DATABASE])
    assert summary == ImportSummary(added=1, updated=1, unchanged=1)
    with store.session() as session:
        targets = {r.name: r.to_target() for r in list_targets(session)}
        assert targets == {PORTAL.name: PORTAL, HALL.name: changed_hall, DATABASE.name: DATABASE}
        assert session.get(ProbeTargetRecord, hall).expect_status == 302
    assert len(outbox_rows(store)) == before + 2  # the new target and the changed one

    with store.transaction() as session:
        assert import_targets(session, [PORTAL, changed_hall, DATABASE]) == ImportSummary(0, 0, 3)
    assert len(outbox_rows(store)) == before + 2


def test_import_removes_nothing(store):
    add(store, PORTAL)
    add(store, HALL)
    with store.transaction() as session:
        assert import_targets(session, [DATABASE]) == ImportSummary(1, 0, 0)
    with store.session() as session:
        assert len(list_targets(session)) == 3


def test_import_of_an_empty_file(store):
    add(store, PORTAL)
    with store.transaction() as session:
        assert import_targets(session, []) == ImportSummary(0, 0, 0)


def test_import_of_changed_notes_updates_them(store):
    portal = add(store, PORTAL)
    with store.transaction() as session:
        summary = import_targets(session, [replace(PORTAL, notes="厂商周日凌晨维护")])
    with store.session() as session:
        assert session.get(ProbeTargetRecord, portal).notes == "厂商周日凌晨维护"
    assert summary == ImportSummary(0, 1, 0)


# --- recording results -----------------------------------------------------------------------------------------


def test_results_are_stored(store):
    portal = add(store, PORTAL)
    record(store, portal, ok(0, 123.4), fail(15, Failure.KEYWORD, "页面缺少“信用信息”", latency_ms=300.0))
    with store.session() as session:
        rows = list(session.scalars(select(ProbeResult).order_by(ProbeResult.started_at)))
    assert [(r.target_id, r.started_at, r.ok, r.latency_ms, r.failure, r.detail, r.in_maintenance) for r in rows] == [
        (portal, at(0), True, 123.4, "", "", False),
        (portal, at(15), False, 300.0, "KEYWORD", "页面缺少“信用信息”", False),
    ]
    state = state_of(store, portal)
    assert state.last_at == at(15) and state.last_ok is False and state.last_latency_ms == 300.0
    assert (state.last_failure, state.last_detail) == ("KEYWORD", "页面缺少“信用信息”")
    assert state.last_in_maintenance is False


def test_new_target_settles_to_up_after_two_successes(store):
    portal = add(store, PORTAL)
    assert record(store, portal, ok(0)) == []
    assert state_of(store, portal).state == "unknown"
    (change,) = record(store, portal, ok(15))
    assert change == StateChange(portal, PORTAL.name, Transition(TargetState.UNKNOWN, TargetState.UP, at(0)),
                                 None, "")
    assert not change.transition.alerts
    state = state_of(store, portal)
    assert (state.state, state.since, state.streak, state.streak_started) == ("up", at(0), 0, None)


def test_state_moves_only_after_the_confirmation_count(store):
    portal = add(store, PORTAL)
    record(store, portal, ok(0), ok(15))
    assert record(store, portal, fail(30), fail(45)) == []
    state = state_of(store, portal)
    assert (state.state, state.since, state.streak, state.streak_started) == ("up", at(0), 2, at(30))
    (change,) = record(store, portal, fail(60, detail="connect 5.0 s"))
    assert change.target_id == portal and change.target_name == PORTAL.name
    assert change.transition == Transition(TargetState.UP, TargetState.DOWN, at(30))
    assert change.transition.alerts
    assert (change.failure, change.detail) == (Failure.TIMEOUT, "connect 5.0 s")
    state = state_of(store, portal)
    assert (state.state, state.since, state.streak) == ("down", at(30), 0)

    assert record(store, portal, ok(75)) == []
    (back,) = record(store, portal, ok(90))
    assert back.transition == Transition(TargetState.DOWN, TargetState.UP, at(75))
    assert back.transition.alerts and (back.failure, back.detail) == (None, "")


def test_an_interrupted_streak_does_not_take_the_target_down(store):
    portal = add(store, PORTAL)
    record(store, portal, ok(0), ok(15))
    assert record(store, portal, fail(30), fail(45), ok(60), fail(75), fail(90)) == []
    assert state_of(store, portal).state == "up"


def test_new_target_is_not_marked_down_by_two_failures_after_a_success(store):
    portal = add(store, PORTAL)
    assert record(store, portal, ok(0), fail(15), fail(30)) == []
    assert state_of(store, portal).state != "down"


def test_several_results_of_one_target_in_one_call(store):
    portal = add(store, PORTAL)
    with store.transaction() as session:
        target = session.get(ProbeTargetRecord, portal)
        changes = record_outcomes(session, [(target, ok(0)), (target, ok(15)), (target, fail(30))], POLICY)
    assert [c.transition for c in changes] == [Transition(TargetState.UNKNOWN, TargetState.UP, at(0))]
    state = state_of(store, portal)
    assert (state.state, state.streak, state.last_at) == ("up", 1, at(30))


def test_each_target_keeps_its_own_state(store):
    portal = add(store, PORTAL)
    hall = add(store, HALL)
    with store.transaction() as session:
        records = {r.id: r for r in list_targets(session)}
        for minutes in (0, 15):
            record_outcomes(session, [(records[portal], ok(minutes)),
                                      (records[hall], fail(minutes, name=HALL.name))], POLICY)
    with store.session() as session:
        found = states(session)
    assert found[portal].state == "up"
    assert found[hall].state == "unknown" and found[hall].streak == 2


def test_results_inside_maintenance_are_stored_but_do_not_move_the_state(store):
    portal = add(store, PORTAL)
    window = MaintenanceWindow(starts_at=at(20), duration=timedelta(hours=1), platform="credit")
    record(store, portal, ok(0), ok(15))
    changes = record(store, portal, fail(30), fail(45), fail(60), fail(75), windows=[window])
    assert changes == []
    state = state_of(store, portal)
    assert state.state == "up" and state.streak == 0
    assert state.last_in_maintenance is True and state.last_ok is False
    assert state.last_failure == "TIMEOUT"
    with store.session() as session:
        flags = [(r.started_at, r.in_maintenance) for r in
                 session.scalars(select(ProbeResult).order_by(ProbeResult.started_at))]
    assert flags == [(at(0), False), (at(15), False), (at(30), True), (at(45), True), (at(60), True),
                     (at(75), True)]
    # After the window the count starts where it was.
    assert record(store, portal, fail(80), fail(85), windows=[window]) == []
    (change,) = record(store, portal, fail(90), windows=[window])
    assert change.transition.at == at(80)


def test_a_window_for_another_target_does_not_apply(store):
    portal = add(store, PORTAL)
    window = MaintenanceWindow(starts_at=at(-60), duration=timedelta(hours=3), target_name=HALL.name)
    changes = record(store, portal, fail(0), fail(15), fail(30), windows=[window])
    assert [c.transition.new for c in changes] == [TargetState.DOWN]


# --- figures, outages, series, export --------------------------------------------------------------------------


def test_figures_by_target_leave_maintenance_out(store):
    portal = add(store, PORTAL)
    hall = add(store, HALL)
    window = MaintenanceWindow(starts_at=at(40), duration=timedelta(minutes=30))
    record(store, portal, ok(0, 100), ok(15, 300), fail(30), fail(45), fail(60), ok(75, 200), windows=[window])
    record(store, hall, ok(0, 50, name=HALL.name))
    record(store, portal, ok(24 * 60, 10))  # outside the period
    with store.session() as session:
        figures = figures_by_target(session, at(0), at(120))
    assert set(figures) == {portal, hall}
    portal_figures = figures[portal]
    assert (portal_figures.checks, portal_figures.failures, portal_figures.maintenance) == (4, 1, 2)
    assert portal_figures.availability == 0.75
    assert (portal_figures.p50_ms, portal_figures.p95_ms, portal_figures.max_ms) == (200.0, 300.0, 300.0)
    assert figures[hall].availability == 1.0


def test_figures_period_is_half_open(store):
    portal = add(store, PORTAL)
    record(store, portal, ok(0), ok(60))
    with store.session() as session:
        assert figures_by_target(session, at(0), at(60))[portal].checks == 1
        assert figures_by_target(session, at(60), at(61))[portal].checks == 1
        assert figures_by_target(session, at(1), at(59)) == {}


def down_and_up(store, target_id: str) -> None:
    """Up from 0, down from 30 (confirmed at 60), back up from 90 (confirmed at 105)."""
    record(store, target_id, ok(0), ok(15), fail(30), fail(45), fail(60), ok(90), ok(105))


def test_outages_between_finds_an_outage(store):
    portal = add(store, PORTAL)
    down_and_up(store, portal)
    with store.session() as session:
        assert outages_between(session, portal, at(0), at(24 * 60), POLICY) == [Outage(at(30), at(90))]


def test_outages_between_clips_to_the_period(store):
    portal = add(store, PORTAL)
    down_and_up(store, portal)
    with store.session() as session:
        assert outages_between(session, portal, at(40), at(24 * 60), POLICY) == [Outage(at(40), at(90))]
        assert outages_between(session, portal, at(90), at(200), POLICY) == []
        assert outages_between(session, portal, at(100), at(200), POLICY) == []


def test_outage_still_going_on_has_no_end(store):
    portal = add(store, PORTAL)
    record(store, portal, ok(0), ok(15), fail(30), fail(45), fail(60), fail(75))
    with store.session() as session:
        (outage,) = outages_between(session, portal, at(0), at(120), POLICY)
    assert outage == Outage(at(30), None)
    assert outage.duration_until(at(120)) == 90 * 60


def test_outage_that_ends_after_the_period_is_ongoing_within_it(store):
    portal = add(store, PORTAL)
    down_and_up(store, portal)
    with store.session() as session:
        assert outages_between(session, portal, at(0), at(80), POLICY) == [Outage(at(30), None)]


def test_outage_that_began_the_day_before_is_found(store):
    portal = add(store, PORTAL)
    record(store, portal, ok(-120), ok(-105), fail(-90), fail(-75), fail(-60), ok(30), ok(45))
    with store.session() as session:
        assert outages_between(session, portal, at(0), at(120), POLICY) == [Outage(at(0), at(30))]


def test_outages_ignore_maintenance(store):
    portal = add(store, PORTAL)
    window = MaintenanceWindow(starts_at=at(25), duration=timedelta(minutes=60))
    record(store, portal, ok(0), ok(15), fail(30), fail(45), fail(60), ok(90), ok(105), windows=[window])
    with store.session() as session:
        assert outages_between(session, portal, at(0), at(200), POLICY) == []


def test_latency_series_buckets_counts_and_failures(store):
    portal = add(store, PORTAL)
    record(store, portal, ok(0, 100), ok(0.5, 200), fail(3), ok(3.2, 40), fail(9.9), ok(10, 999))
    with store.session() as session:
        series = latency_series(session, portal, at(0), at(10), buckets=10)
    assert series == [
        (at(0), 150.0, 2, 0),
        (at(3), 40.0, 2, 1),
        (at(9), None, 1, 1),
    ]


def test_latency_series_never_has_more_than_the_buckets(store):
    portal = add(store, PORTAL)
    with store.transaction() as session:
        target = session.get(ProbeTargetRecord, portal)
        record_outcomes(session, [(target, ok(m, float(m))) for m in range(60)], ConfirmPolicy(100, 100))
    with store.session() as session:
        series = latency_series(session, portal, at(0), at(60), buckets=6)
    assert len(series) == 6
    assert [s[2] for s in series] == [10] * 6
    assert [s[0] for s in series] == [at(10 * i) for i in range(6)]
    assert series[0][1] == 4.5


def test_latency_series_of_another_target_is_empty(store):
    portal = add(store, PORTAL)
    hall = add(store, HALL)
    record(store, portal, ok(0))
    with store.session() as session:
        assert latency_series(session, hall, at(0), at(10)) == []


def test_results_between_in_time_order_with_names(store):
    portal = add(store, PORTAL)
    hall = add(store, HALL)
    record(store, hall, ok(10, name=HALL.name))
    record(store, portal, fail(5), ok(20))
    record(store, hall, fail(0, name=HALL.name))
    record(store, portal, ok(30))  # outside [0, 30)
    with store.session() as session:
        rows = results_between(session, at(0), at(30))
    assert [(result.started_at, result.ok, name) for result, name in rows] == [
        (at(0), False, HALL.name),
        (at(5), False, PORTAL.name),
        (at(10), True, HALL.name),
        (at(20), True, PORTAL.name),
    ]
    assert all(isinstance(result, ProbeResult) for result, _name in rows)


# --- maintenance windows ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("window", "problem"), [
    (MaintenanceWindow(starts_at=T0, duration=timedelta(0)), MaintenanceProblem.DURATION),
    (MaintenanceWindow(starts_at=T0, duration=timedelta(days=1), recurrence=Recurrence.DAILY),
     MaintenanceProblem.DAILY_TOO_LONG),
    (MaintenanceWindow(starts_at=T0, duration=timedelta(hours=1), recurrence=Recurrence.WEEKLY,
                       until=date(2025, 3, 2)), MaintenanceProblem.UNTIL_BEFORE_START),
])
def test_save_window_rejects_an_invalid_window(store, window, problem):
    with pytest.raises(ValueError, match=problem.value), store.transaction() as session:
        save_window(session, window)
    with store.session() as session:
        assert list_windows(session) == []


def test_save_window_round_trips(store):
    window = MaintenanceWindow(starts_at=datetime(2025, 3, 2, 2, tzinfo=SHANGHAI), duration=timedelta(hours=2),
                               recurrence=Recurrence.WEEKLY, until=date(2025, 12, 28), platform="approval",
                               target_name="", note="厂商例行维护")
    with store.transaction() as session:
        saved = save_window(session, window)
        session.flush()
        window_id = saved.id
    with store.session() as session:
        (loaded,) = list_windows(session)
        assert loaded.id == window_id
        assert loaded.to_window() == window
        assert active_windows(session) == [window]
    assert outbox_rows(store) == [("maintenance_windows", window_id)]


def test_save_window_edits_and_delete_leaves_a_tombstone(store):
    window = MaintenanceWindow(starts_at=T0, duration=timedelta(minutes=45), target_name=PORTAL.name)
    with store.transaction() as session:
        saved = save_window(session, window)
        session.flush()
        window_id = saved.id
    longer = replace(window, duration=timedelta(minutes=90))
    with store.transaction() as session:
        save_window(session, longer, window_id)
    with store.session() as session:
        assert active_windows(session) == [longer]
    with store.transaction() as session:
        delete_window(session, window_id)
    with store.session() as session:
        assert active_windows(session) == []
        assert session.get(MaintenanceWindowRecord, window_id).deleted is True
    assert outbox_rows(store) == [("maintenance_windows", window_id)] * 3


def test_save_window_over_a_missing_record_fails(store):
    with pytest.raises(KeyError), store.transaction() as session:
        save_window(session, MaintenanceWindow(starts_at=T0, duration=timedelta(hours=1)), "no-such-window")


def test_stored_windows_are_used_by_record_outcomes(store):
    portal = add(store, PORTAL)
    with store.transaction() as session:
        save_window(session, MaintenanceWindow(starts_at=at(0), duration=timedelta(hours=1)))
    with store.session() as session:
        windows = active_windows(session)
    record(store, portal, fail(10), windows=windows)
    assert state_of(store, portal).last_in_maintenance is True


# --- what syncs and what stays local ---------------------------------------------------------------------------


def test_results_and_states_stay_local(store):
    portal = add(store, PORTAL)
    with store.transaction() as session:
        save_window(session, MaintenanceWindow(starts_at=at(60), duration=timedelta(hours=1)))
    queued = outbox_rows(store)
    assert {entity for entity, _id in queued} == {"probe_targets", "maintenance_windows"}
    record(store, portal, ok(0), ok(15), fail(30), fail(45), fail(60), fail(75))
    assert outbox_rows(store) == queued
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(ProbeResult)) == 6
        assert session.scalar(select(func.count()).select_from(ProbeState)) == 1
        assert pending_count(session) == 2


# --- probe settings --------------------------------------------------------------------------------------------


def test_settings_have_default_probe_settings():
    assert Settings().probes == ProbeSettings()
    assert ProbeSettings().confirm_failures == POLICY.failures
    assert ProbeSettings().confirm_successes == POLICY.successes


def test_probe_settings_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    settings = Settings(probes=ProbeSettings(interval_minutes=5, confirm_failures=4, confirm_successes=1,
                                             cert_warning_days=14, concurrency=8, ca_bundle="C:/证书/内网根证书.pem"))
    settings.save(path)
    loaded = Settings.load(path)
    assert loaded.probes == settings.probes
    assert loaded == settings
    assert json.loads(path.read_text(encoding="utf-8"))["probes"] == asdict(settings.probes)


def test_missing_probe_settings_give_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"language": "en", "probes": {"interval_minutes": 0, "retired_option": 1}}),
                    encoding="utf-8")
    loaded = Settings.load(path)
    assert loaded.probes == ProbeSettings(interval_minutes=0)


@pytest.mark.parametrize("probes", [
    {"confirm_failures": 0},
    {"confirm_successes": 101},
    {"interval_minutes": "15"},
    {"interval_minutes": 15.5},
    {"interval_minutes": -1},
    {"interval_minutes": 1441},
    {"cert_warning_days": 366},
    {"concurrency": 0},
    {"concurrency": 257},
    {"ca_bundle": 3},
    {"confirm_failures": None},
    [],
    "fast",
])
def test_invalid_probe_settings_are_reported(tmp_path, probes):
    path = tmp_path / "settings.json"
    text = json.dumps({"language": "zh_CN", "probes": probes})
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError, match="probe settings"):
        Settings.load(path)
    assert path.read_text(encoding="utf-8") == text  # left for the user to repair


def test_bool_for_an_int_probe_setting_is_reported(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"probes": {"confirm_failures": True}}), encoding="utf-8")
    with pytest.raises(SettingsError):
        Settings.load(path)


def test_stored_targets_read_as_columns_are_the_records_definitions_in_the_same_order(store):
    with store.transaction() as session:
        ensure_default_targets(session, CATALOGUE)
        save_target(session, ProbeTarget("自定义端口", "approval", kind=ProbeKind.TCP, host="10.1.2.3", port=8443,
                                         timeout_s=2.5, latency_threshold_ms=800, verify_tls=False,
                                         cert_warning_days=7, district="通川区", enabled=False, notes="备用"))
        gone = save_target(session, ProbeTarget("已删除", "credit", url="https://gone.example/"))
        session.flush()
        delete_target(session, gone.id)
    with store.session() as session:
        expected = [(record.id, record.to_target()) for record in list_targets(session)]
        read = stored_targets(session)
    assert read == expected and len(read) == DEFAULT_COUNT + 1
    assert read[-1][1].kind is ProbeKind.TCP and read[-1][1].port == 8443 and not read[-1][1].enabled

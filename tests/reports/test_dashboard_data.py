"""The dashboard's figures: the same numbers as the reports, and what needs attention first."""

from datetime import date, datetime, timedelta

from dzdesk.config import Settings
from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.probe_outcome import CertInfo, Failure, ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.domain.severity import Severity
from dzdesk.domain.visit import FollowUp, ServiceCategory
from dzdesk.probes.board import TileLook
from dzdesk.reports.dashboard_data import OPEN_SHOWN, TREND_MONTHS, Agenda, CertExpiry, Trouble, gather_dashboard
from dzdesk.reports.figures import period_figures
from dzdesk.store.incident_repo import IncidentDraft, add_incident
from dzdesk.store.probe_repo import list_targets, record_outcomes, save_target
from dzdesk.store.training_repo import TrainingDraft, save_training
from dzdesk.store.visit_repo import VisitDraft, save_visit

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=SHANGHAI)


def fill(store):
    catalogue, calendar = load_catalogue(), Settings().calendar()
    with store.transaction() as session:
        for hours_ago, severity, title, answered in ((3, Severity.URGENT, "网上大厅无法打开", False),
                                                     (0.5, Severity.MAJOR, "公示列表报错", False),
                                                     (30, Severity.MINOR, "导出缺页", True)):
            reported = NOW - timedelta(hours=hours_ago)
            add_incident(session, IncidentDraft(platform="approval", severity=severity, title=title,
                                                reported_at=reported,
                                                responded_at=reported + timedelta(minutes=30) if answered else None),
                         catalogue, calendar, NOW)
        add_incident(session, IncidentDraft(platform="credit", severity=Severity.MINOR, title="去年的故障",
                                            reported_at=NOW - timedelta(days=200)), catalogue, calendar, NOW)
        save_training(session, TrainingDraft(title="联合验收培训", starts_at=NOW + timedelta(days=3),
                                             venue="达川区政务服务中心"))
        save_training(session, TrainingDraft(title="下月培训", starts_at=NOW + timedelta(days=30)))
        save_visit(session, VisitDraft(office="达川区住建局", platforms=("approval",),
                                       categories=(ServiceCategory.FUNCTION,), engineers="李明",
                                       arrived_at=NOW - timedelta(days=5),
                                       departed_at=NOW - timedelta(days=5, hours=-2),
                                       work_done="排查上传问题",
                                       follow_ups=(FollowUp("回访上传情况", date(2026, 6, 8)),
                                                   FollowUp("已完成的事", date(2026, 6, 9), done=True),
                                                   FollowUp("下月复查", date(2026, 7, 30)))), NOW)
        target = save_target(session, ProbeTarget("审批系统-网上大厅", "approval", url="https://gcxm.example/"))
        session.flush()
        record_outcomes(session, [(target, ProbeOutcome(target.name, NOW - timedelta(minutes=m), False, None,
                                                        Failure.TIMEOUT)) for m in (30, 20, 10)], ConfirmPolicy())


def test_dashboard_puts_the_nearest_deadline_first_and_counts_like_the_reports(store):
    fill(store)
    with store.session() as session:
        data = gather_dashboard(session, NOW, 30)
        year = period_figures(session, datetime(2026, 1, 1, tzinfo=SHANGHAI), datetime(2027, 1, 1, tzinfo=SHANGHAI),
                              NOW)
    titles = [i.title for i in data.unanswered]
    # Overdue ones first (last year's, then the urgent one past its hour), then the one still within its time.
    assert titles == ["去年的故障", "网上大厅无法打开", "公示列表报错"]
    assert data.unanswered[1].response_due < NOW < data.unanswered[2].response_due
    assert data.unanswered_total == 3 and data.unanswered_overdue == 2
    assert data.year.incidents.total == year.incidents.total == 3
    assert data.year.incidents.timeliness == year.incidents.timeliness
    assert data.month.incidents.total == 3
    assert data.probe_counts[TileLook.DOWN] == 1 and data.down_targets == ["审批系统-网上大厅"]
    # Down since its first failure, not since the third that confirmed it.
    assert data.trouble == [Trouble("审批系统-网上大厅", TileLook.DOWN, NOW - timedelta(minutes=30))]
    assert data.target_count == 1 and data.certificates == []
    # Wednesday 10 June: the visit of Friday 5 June was last week; the session on Saturday 13 June is this week's.
    assert data.agenda == Agenda(visits_today=0, visits_week=0, trainings_today=0, trainings_week=1)
    assert [t.text for t in data.trainings] == ["联合验收培训（达川区政务服务中心）"]
    assert [(f.text, f.overdue) for f in data.follow_ups] == [("达川区住建局：回访上传情况", True)]
    assert data.pending_changes > 0


def test_the_counts_in_sql_are_those_of_the_reports_month_by_month(store):
    """The grouped sums give every month of the trend, this month and this year exactly as `period_figures`."""
    fill(store)
    with store.transaction() as session:
        catalogue, calendar = load_catalogue(), Settings().calendar()
        for days_ago, answered_after, resolved in ((40, 0.5, True), (70, 30, False), (330, 1, True), (400, 1, True)):
            reported = NOW - timedelta(days=days_ago)
            add_incident(session, IncidentDraft(
                platform="credit", severity=Severity.MAJOR, title=f"{days_ago} 天前", reported_at=reported,
                responded_at=reported + timedelta(hours=answered_after),
                resolved_at=reported + timedelta(days=1) if resolved else None, cause="配置" if resolved else "",
                resolution="已修复" if resolved else ""), catalogue, calendar, NOW)
    with store.session() as session:
        data = gather_dashboard(session, NOW, 30)
        assert len(data.trend) == TREND_MONTHS and data.trend[-1] == data.month
        assert data.trend[0].start == datetime(2025, 7, 1, tzinfo=SHANGHAI)
        for figures in (*data.trend, data.year):
            expected = period_figures(session, figures.start, figures.end, NOW)
            assert (figures.incidents, figures.complaints) == (expected.incidents, expected.complaints)
    assert data.year.incidents.total == 5  # 200, 330 and 400 days ago are last year's
    assert data.year.incidents.breached == 2  # the urgent one unanswered past its hour, and one answered 30 h late
    assert sum(f.incidents.total for f in data.trend) == 7  # 200 and 330 days ago are within twelve months


def test_targets_sharing_a_certificate_expiring_soon_are_one_entry(store):
    with store.transaction() as session:
        for name, days in (("门户", 12), ("公示", 12), ("审批", 90)):
            target = save_target(session, ProbeTarget(name, "credit", url=f"https://{name}.example/"))
            session.flush()
            record_outcomes(session, [(target, ProbeOutcome(
                target.name, NOW - timedelta(minutes=5), True, 80.0,
                cert=CertInfo(NOW + timedelta(days=days, hours=1), "CA", name, True)))], ConfirmPolicy())
    with store.session() as session:
        data = gather_dashboard(session, NOW, 30)
    assert data.certificates == [CertExpiry(NOW + timedelta(days=12, hours=1), 12, ("公示", "门户"))]
    assert data.trouble == [] and data.target_count == 3
    with store.transaction() as session:
        [target] = [t for t in list_targets(session) if t.name == "审批"]
        record_outcomes(session, [(target, ProbeOutcome(target.name, NOW - timedelta(minutes=m), True, 70.0))
                                  for m in (4, 3, 2)], ConfirmPolicy())  # confirmed up
        record_outcomes(session, [(target, ProbeOutcome(target.name, NOW - timedelta(minutes=1), False, None,
                                                        Failure.TIMEOUT))], ConfirmPolicy())
    with store.session() as session:
        data = gather_dashboard(session, NOW, 30)
    # One failure is not an outage yet; how long it has been up is not how long it has been failing.
    assert data.trouble == [Trouble("审批", TileLook.FAILING, None)]


def test_the_gathering_reads_as_many_rows_for_a_busy_year_as_for_a_quiet_one(store):
    """The gathering runs at every probe sweep and save: it counts in SQL, so 300 more faults cost no more rows."""
    fill(store)

    def rows_read() -> int:
        """Every row SQLite hands over, counted by the connection's row factory."""
        fetched = 0

        def counted(_cursor, row):
            nonlocal fetched
            fetched += 1
            return row

        with store.session() as session:
            raw = session.connection().connection.dbapi_connection
            raw.row_factory = counted
            try:
                gather_dashboard(session, NOW, 30)
            finally:
                raw.row_factory = None
        return fetched

    quiet = rows_read()
    with store.transaction() as session:
        catalogue, calendar = load_catalogue(), Settings().calendar()
        for n in range(300):
            reported = NOW - timedelta(days=n % 150, hours=n % 7)
            add_incident(session, IncidentDraft(platform="credit", severity=Severity.ADVISORY, title=f"咨询 {n}",
                                                reported_at=reported), catalogue, calendar, NOW)
    busy = rows_read()
    # The unanswered list fills up to its few rows and more months have a row of sums; no row per fault.
    assert busy <= quiet + OPEN_SHOWN + 2 * TREND_MONTHS < 300


def test_the_contract_figures_are_summed_from_an_index_alone(store):
    """Gathered once a second while a sync runs: the monthly sums read the faults' times from their index, not the
    table's rows (41 → 18.5 ms on the benchmark's year of 20 000 faults)."""
    from sqlalchemy import event

    from dzdesk.reports.dashboard_data import _months, contract_figures
    from dzdesk.reports.dashboard_statements import session_reader

    fill(store)
    statements: list[tuple[str, object]] = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", seen)
    try:
        with store.session() as db:
            contract_figures(session_reader(db), _months(2026, 6), NOW)
    finally:
        event.remove(store.engine, "before_cursor_execute", seen)
    grouped = [(sql, params) for sql, params in statements if "GROUP BY" in sql and "incidents" in sql]
    assert len(grouped) == 1
    sql, params = grouped[0]
    with store.session() as db:
        plan = db.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()
    assert "USING COVERING INDEX ix_incidents_contract_figures" in " ".join(row[-1] for row in plan)

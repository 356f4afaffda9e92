"""Finding incidents: filters, text search, sort orders, pages, the facts behind the figures, and the figures."""

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from dzdesk.config import DataDir
from dzdesk.domain.calendar import BusinessCalendar
from dzdesk.domain.catalogue import load_catalogue
from dzdesk.domain.complaint import ComplaintChannel
from dzdesk.domain.incident import Status
from dzdesk.domain.metrics import ComplaintFact, IncidentFact, Rate, percent
from dzdesk.domain.severity import Severity
from dzdesk.reports.figures import period_figures
from dzdesk.store import open_store
from dzdesk.store.complaint_repo import ComplaintDraft, save_complaint
from dzdesk.store.incident_models import Complaint, Incident
from dzdesk.store.incident_queries import (
    IncidentPager,
    IncidentQuery,
    IncidentSort,
    complaint_facts,
    count_incidents,
    first_plain_page,
    incident_facts,
    iter_incidents,
    open_incidents_due_before,
    page_incidents,
    select_incidents,
)
from dzdesk.store.incident_repo import IncidentDraft, add_incident, change_status, update_incident

SH = ZoneInfo("Asia/Shanghai")
CATALOGUE = load_catalogue()
CALENDAR = BusinessCalendar()
NOW = datetime(2026, 11, 21, 10, 0, tzinfo=SH)  # a Saturday morning


def sh(*args):
    return datetime(*args, tzinfo=SH)


# name: (platform, module, severity, district, department, reporter, title, description, reported, responded,
#        resolved, closed)
FAULTS = {
    # Answered on time (due 10:00), resolved.
    "a": ("credit", "信用报告", Severity.URGENT, "通川区", "建管科", "张伟", "信用报告导出PDF中文乱码",
          "部分汉字显示为方框", sh(2026, 11, 2, 9, 0), sh(2026, 11, 2, 9, 20), sh(2026, 11, 2, 11, 0), None),
    # Answered late (due 16:00).
    "b": ("approval", "网上大厅", Severity.MAJOR, "达川区", "房产科", "王芳", "网上大厅申报材料上传失败",
          "上传进度停在100%", sh(2026, 11, 5, 14, 0), sh(2026, 11, 5, 16, 30), None, None),
    # Never answered, due Tuesday 15:00.
    "c": ("approval", "数字审图", Severity.MINOR, "通川区", "设计科", "刘洋", "DWG图纸转换失败", "文件名 plan_v2.dwg",
          sh(2026, 11, 10, 10, 0), None, None, None),
    # Not answered yet, due Monday 2026-11-23 15:00.
    "d": ("credit", "系统管理", Severity.ADVISORY, "万源市", "建管科", "陈静", "咨询账号密码重置流程", "",
          sh(2026, 11, 20, 17, 0), None, None, None),
    # Answered on time (due Monday 11:00), then worked on.
    "e": ("credit", "信用评价", Severity.MINOR, "达川区", "质量安全监督站", "杨帆", "信用分计算结果与预期不符",
          "日志路径 C:\\temp\\score.log", sh(2026, 11, 20, 16, 0), sh(2026, 11, 20, 16, 30), None, None),
    # Not answered yet, due 10:30 today.
    "f": ("approval", "联合验收", Severity.URGENT, "宣汉县", "消防科", "赵磊", "联合验收意见书生成错误", "",
          sh(2026, 11, 21, 9, 30), None, None, None),
    # Deleted: never listed, never counted (it would match most searches).
    "g": ("approval", "数字审图", Severity.MINOR, "通川区", "建管科", "刘洋", "已删除的记录 100% plan_v2", "张伟 dwg",
          sh(2026, 11, 12, 10, 0), None, None, None),
    # Reported on a Sunday, due Monday 16:00; answered, resolved and closed.
    "h": ("approval", "多测合一", Severity.ADVISORY, "渠县", "建管科", "黄敏", "导入1000条记录超时", "附件 planAv2.dwg",
          sh(2026, 11, 15, 10, 0), sh(2026, 11, 16, 9, 30), sh(2026, 11, 16, 15, 0), sh(2026, 11, 17, 9, 0)),
}


def store_faults(store):
    """Stores the faults above; returns name -> id."""
    ids = {}
    with store.transaction() as session:
        for name, (platform, module, severity, district, department, reporter, title, description, reported,
                   responded, resolved, closed) in FAULTS.items():
            solved = resolved is not None
            draft = IncidentDraft(
                platform=platform, module=module, severity=severity, district=district, department=department,
                reporter=reporter, title=title, description=description, reported_at=reported,
                responded_at=responded, resolved_at=resolved, closed_at=closed,
                cause="原因已查明" if solved else "", resolution="已处理" if solved else "")
            ids[name] = add_incident(session, draft, CATALOGUE, CALENDAR, NOW).id
        change_status(session, session.get(Incident, ids["e"]), Status.IN_PROGRESS, sh(2026, 11, 20, 16, 40),
                      CATALOGUE, NOW)
        session.get(Incident, ids["g"]).deleted = True
    return ids


COMPLAINTS = {
    "k1": (sh(2026, 11, 1, 0, 0), None),  # unanswered, its week ended 2026-11-08
    "k2": (sh(2026, 10, 31, 23, 59), sh(2026, 11, 2, 10, 0)),  # received the day before November
    "k3": (sh(2026, 11, 20, 12, 0), sh(2026, 11, 21, 9, 0)),  # answered the next morning
    "k4": (sh(2026, 11, 5, 9, 0), None),  # deleted
    "k5": (sh(2026, 11, 21, 0, 0), None),  # unanswered, within its week
}


def store_complaints(store):
    ids = {}
    with store.transaction() as session:
        for name, (received, replied) in COMPLAINTS.items():
            draft = ComplaintDraft(channel=ComplaintChannel.PHONE, complainant=name, content="故障处理进度无人反馈。",
                                   received_at=received, replied_at=replied, outcome="已答复" if replied else "")
            ids[name] = save_complaint(session, draft, NOW).id
        session.get(Complaint, ids["k4"]).deleted = True
    return ids


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """One store holding the faults and complaints above, shared by the tests that only read."""
    opened = open_store(DataDir(tmp_path_factory.mktemp("queries") / "data"), author="测试工程师")
    ids = store_faults(opened), store_complaints(opened)
    yield opened, *ids
    opened.close()


@pytest.fixture
def db(seeded):
    return seeded[0]


@pytest.fixture
def faults(seeded):
    return seeded[1]


@pytest.fixture
def complaints(seeded):
    return seeded[2]


def names(ids, incidents):
    by_id = {v: k for k, v in ids.items()}
    return [by_id[i.id] for i in incidents]


def listed(store, ids, **query):
    """Names of the matching faults (oldest first unless a sort is given), checked against their count."""
    query.setdefault("sort", IncidentSort.REPORTED_ASC)
    q = IncidentQuery(**query)
    with store.session() as session:
        found = names(ids, page_incidents(session, q, 0, 100))
        assert count_incidents(session, q) == len(found)
        assert names(ids, iter_incidents(session, q)) == found
    return found


# --- filters --------------------------------------------------------------------------------------------------


def test_no_filter_lists_every_fault_except_deleted_ones(db, faults):
    assert listed(db, faults) == ["a", "b", "c", "h", "e", "d", "f"]
    assert listed(db, faults, text="   ") == ["a", "b", "c", "h", "e", "d", "f"]


@pytest.mark.parametrize(("query", "expected"), [
    ({"platform": "credit"}, ["a", "e", "d"]),
    ({"platform": "approval"}, ["b", "c", "h", "f"]),
    ({"platform": "oa"}, []),
    ({"severities": frozenset({Severity.URGENT})}, ["a", "f"]),
    ({"severities": frozenset({Severity.MINOR, Severity.ADVISORY})}, ["c", "h", "e", "d"]),
    ({"statuses": frozenset({Status.NEW})}, ["c", "d", "f"]),
    ({"statuses": frozenset({Status.RESPONDED})}, ["b"]),
    ({"statuses": frozenset({Status.IN_PROGRESS})}, ["e"]),
    ({"statuses": frozenset({Status.RESOLVED, Status.CLOSED})}, ["a", "h"]),
    ({"district": "通川区"}, ["a", "c"]),
    ({"district": "开江县"}, []),
    ({"reported_from": sh(2026, 11, 10, 10, 0)}, ["c", "h", "e", "d", "f"]),  # from is inclusive
    ({"reported_to": sh(2026, 11, 20, 17, 0)}, ["a", "b", "c", "h", "e"]),  # to is exclusive
    ({"reported_from": sh(2026, 11, 10, 10, 0), "reported_to": sh(2026, 11, 20, 17, 0)}, ["c", "h", "e"]),
    # The same bounds written in UTC select the same faults.
    ({"reported_from": datetime(2026, 11, 10, 2, 0, tzinfo=UTC),
      "reported_to": datetime(2026, 11, 20, 9, 0, tzinfo=UTC)}, ["c", "h", "e"]),
    ({"platform": "approval", "statuses": frozenset({Status.NEW})}, ["c", "f"]),
    ({"platform": "credit", "text": "建管科"}, ["a", "d"]),
    ({"platform": "approval", "severities": frozenset({Severity.URGENT}), "district": "宣汉县",
      "statuses": frozenset({Status.NEW}), "reported_from": sh(2026, 11, 21, 0, 0)}, ["f"]),
])
def test_each_filter_narrows_the_list(db, faults, query, expected):
    assert listed(db, faults, **query) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("网上大厅", ["b"]),  # title and module
    ("方框", ["a"]),  # description
    ("建管科", ["a", "h", "d"]),  # department
    ("通川区", ["a", "c"]),  # district
    ("张伟", ["a"]),  # reporter
    ("信用评价", ["e"]),  # module
    ("信用", ["a", "e"]),
    ("信用 乱码", ["a"]),  # every word must match
    ("dwg", ["c", "h"]),  # ASCII letters match in either case
    ("DWG", ["c", "h"]),
    ("pd", ["a"]),  # a Latin word finds the longer words it starts ("PDF")
    ("信", ["a", "e"]),  # a single Chinese character
    ("原因已查明", ["a", "h"]),  # cause
    ("plan_v2", ["c"]),  # the underscore is literal: "planAv2" does not match
    ("C:\\temp", ["e"]),  # so is a backslash
    ("C:Xtemp", []),
    ("不存在的内容", []),
])
def test_text_search_looks_in_the_describing_fields(db, faults, text, expected):
    assert listed(db, faults, text=text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("%", ["b"]),  # only the fault whose text holds "100%"
    ("_", ["c"]),  # only the fault whose text holds "plan_v2"
])
def test_a_lone_percent_sign_or_underscore_is_searched_literally(db, faults, text, expected):
    assert listed(db, faults, text=text) == expected


def test_a_percent_sign_after_a_number_is_searched_literally(db, faults):
    assert listed(db, faults, text="100%") == ["b"]  # not h, whose title holds "1000"


@pytest.mark.parametrize(("text", "expected"), [
    ("上传 通川区", []),  # b mentions the upload but is in 达川区; a and c are in 通川区 without an upload
    ("dwg 张伟", []),  # c and h mention dwg; only a names 张伟
])
def test_every_word_of_a_search_must_match(db, faults, text, expected):
    assert listed(db, faults, text=text) == expected


def test_search_follows_edits_of_the_text(store):
    faults = store_faults(store)
    with store.transaction() as session:
        stored = session.get(Incident, faults["d"])
        update_incident(session, stored, replace(IncidentDraft.of(stored), title="咨询数据统计口径"), CATALOGUE,
                        CALENDAR, NOW)
    assert listed(store, faults, text="统计口径") == ["d"]
    assert listed(store, faults, text="密码") == []


def test_the_start_of_the_id_finds_the_fault(db, faults):
    assert listed(db, faults, text=faults["c"][:8]) == ["c"]
    assert listed(db, faults, text=faults["c"][:8].upper()) == ["c"]
    assert listed(db, faults, text=faults["g"][:8]) == []  # deleted


# --- sort orders and pages ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sort", "expected"), [
    # Unanswered first, nearest deadline first; then the answered ones, newest first.
    (IncidentSort.DUE, ["c", "f", "d", "e", "h", "b", "a"]),
    (IncidentSort.REPORTED_DESC, ["f", "d", "e", "h", "c", "b", "a"]),
    (IncidentSort.REPORTED_ASC, ["a", "b", "c", "h", "e", "d", "f"]),
    # URGENT, MAJOR, MINOR, ADVISORY; newest first within a severity.
    (IncidentSort.SEVERITY, ["f", "a", "b", "e", "c", "d", "h"]),
])
def test_each_sort_order(db, faults, sort, expected):
    assert listed(db, faults, sort=sort) == expected


def test_due_is_the_default_order(db, faults):
    with db.session() as session:
        assert names(faults, session.scalars(select_incidents(IncidentQuery()))) == [
            "c", "f", "d", "e", "h", "b", "a"]


def test_faults_reported_at_the_same_moment_keep_a_stable_order(store):
    ids = []
    with store.transaction() as session:
        for title in ("网上大厅无法登录", "网上大厅登录缓慢", "网上大厅验证码错误"):
            draft = IncidentDraft(platform="approval", module="网上大厅", severity=Severity.MAJOR, title=title,
                                  reported_at=sh(2026, 11, 20, 9, 0))
            ids.append(add_incident(session, draft, CATALOGUE, CALENDAR, NOW).id)
    for sort in IncidentSort:
        with store.session() as session:
            assert [i.id for i in page_incidents(session, IncidentQuery(sort=sort), 0, 10)] == sorted(ids)


def test_pages_and_exports_agree_when_deadlines_coincide(store):
    # Two MINOR faults, reported Friday after closing and Saturday morning: both due Monday 14:00.
    with store.transaction() as session:
        for number, title, reported in ((1, "周五晚报告", sh(2026, 11, 20, 18, 30)),
                                        (2, "周六早报告", sh(2026, 11, 21, 9, 0))):
            session.add(Incident(id=f"00000000-0000-4000-8000-00000000000{number}", platform="approval",
                                 module="数字审图", severity="MINOR", title=title, reported_at=reported,
                                 response_due=sh(2026, 11, 23, 14, 0), status="new"))
    with store.session() as session:
        assert [i.title for i in iter_incidents(session, IncidentQuery())] == ["周六早报告", "周五晚报告"]
        assert [i.title for i in page_incidents(session, IncidentQuery(), 0, 10)] == ["周六早报告", "周五晚报告"]


def test_pages_are_slices_of_the_sorted_list(db, faults):
    asc = IncidentQuery(sort=IncidentSort.REPORTED_ASC)
    due = IncidentQuery(sort=IncidentSort.DUE)
    with db.session() as session:
        assert names(faults, page_incidents(session, asc, 0, 2)) == ["a", "b"]
        assert names(faults, page_incidents(session, asc, 2, 3)) == ["c", "h", "e"]
        assert names(faults, page_incidents(session, due, 0, 2)) == ["c", "f"]
        assert names(faults, page_incidents(session, due, 2, 3)) == ["d", "e", "h"]  # unanswered, then answered
        assert names(faults, page_incidents(session, due, 6, 5)) == ["a"]
        by_severity = IncidentQuery(sort=IncidentSort.SEVERITY)
        assert names(faults, page_incidents(session, by_severity, 1, 3)) == ["a", "b", "e"]  # across severities
        assert names(faults, page_incidents(session, by_severity, 5, 1)) == ["d"]
        assert page_incidents(session, due, 7, 5) == []
        approval = IncidentQuery(platform="approval", sort=IncidentSort.REPORTED_DESC)
        assert names(faults, page_incidents(session, approval, 1, 2)) == ["h", "c"]
        assert count_incidents(session, approval) == 4


@pytest.mark.parametrize("sort", list(IncidentSort))
@pytest.mark.parametrize("limit", [1, 2, 3, 5, 20])
def test_a_first_page_read_without_counting_is_the_counted_pager_s_first_page(db, faults, sort, limit):
    query = IncidentQuery(sort=sort)
    with db.session() as session:
        counted = IncidentPager(session, query).plain_page(session, 0, limit)
        assert [row.id for row in first_plain_page(session, query, limit)] == [row.id for row in counted]
        assert len(counted) == min(limit, 7)


def test_iterating_in_small_batches_yields_every_fault_in_order(db, faults):
    with db.session() as session:
        desc = IncidentQuery(sort=IncidentSort.REPORTED_DESC)
        assert names(faults, iter_incidents(session, desc, batch=2)) == ["f", "d", "e", "h", "c", "b", "a"]
        approval = IncidentQuery(platform="approval", sort=IncidentSort.REPORTED_DESC)
        assert names(faults, iter_incidents(session, approval, batch=1)) == ["f", "h", "c", "b"]


# --- facts for the figures ------------------------------------------------------------------------------------


def test_incident_facts_of_a_period(db, faults):
    expected = [
        IncidentFact("approval", Severity.MAJOR, sh(2026, 11, 5, 14, 0), sh(2026, 11, 5, 16, 0),
                     sh(2026, 11, 5, 16, 30), None),
        IncidentFact("approval", Severity.MINOR, sh(2026, 11, 10, 10, 0), sh(2026, 11, 10, 15, 0), None, None),
        IncidentFact("approval", Severity.ADVISORY, sh(2026, 11, 15, 10, 0), sh(2026, 11, 16, 16, 0),
                     sh(2026, 11, 16, 9, 30), sh(2026, 11, 16, 15, 0)),
        IncidentFact("credit", Severity.MINOR, sh(2026, 11, 20, 16, 0), sh(2026, 11, 23, 11, 0),
                     sh(2026, 11, 20, 16, 30), None),
    ]
    with db.session() as session:
        # From the report time of b (inclusive) to that of d (exclusive); g, deleted, lies inside.
        facts = incident_facts(session, sh(2026, 11, 5, 14, 0), sh(2026, 11, 20, 17, 0))
        assert sorted(facts, key=lambda f: f.reported_at) == expected
        assert all(isinstance(f.severity, Severity) for f in facts)
        assert incident_facts(session, sh(2026, 11, 5, 14, 0), sh(2026, 11, 20, 17, 0), "credit") == expected[3:]
        assert incident_facts(session, sh(2026, 10, 1), sh(2026, 11, 1)) == []


def test_complaint_facts_of_a_period(db, complaints):
    with db.session() as session:
        facts = complaint_facts(session, sh(2026, 11, 1), sh(2026, 11, 21))
        assert sorted(facts, key=lambda f: f.received_at) == [
            ComplaintFact(sh(2026, 11, 1, 0, 0), None),
            ComplaintFact(sh(2026, 11, 20, 12, 0), sh(2026, 11, 21, 9, 0)),
        ]
        assert len(complaint_facts(session, sh(2026, 11, 1), sh(2026, 12, 1))) == 3
        assert complaint_facts(session, sh(2026, 10, 31), sh(2026, 11, 1)) == [
            ComplaintFact(sh(2026, 10, 31, 23, 59), sh(2026, 11, 2, 10, 0))]


@pytest.mark.parametrize(("moment", "expected"), [
    (sh(2026, 11, 10, 14, 59), []),
    (sh(2026, 11, 10, 15, 0), ["c"]),  # a deadline exactly at the moment is included
    (sh(2026, 11, 21, 10, 29), ["c"]),
    (sh(2026, 11, 21, 10, 30), ["c", "f"]),
    (datetime(2026, 11, 23, 7, 0, tzinfo=UTC), ["c", "f", "d"]),  # Monday 15:00 in Dazhou
    (sh(2026, 12, 31), ["c", "f", "d"]),  # answered faults never appear
])
def test_unanswered_faults_due_before_a_moment_nearest_deadline_first(db, faults, moment, expected):
    with db.session() as session:
        assert names(faults, open_incidents_due_before(session, moment)) == expected


# --- the figures of a period ----------------------------------------------------------------------------------


def figures_of(store, start, end, now, platform=None):
    with store.session() as session:
        return period_figures(session, start, end, now, platform)


def figures_json(incidents, responded, on_time, breached, resolved, timeliness, completion):
    return {"incidents": incidents, "responded": responded, "responded_on_time": on_time, "breached": breached,
            "resolved": resolved, "response_timeliness": timeliness, "completion_rate": completion}


def test_period_figures_count_every_fault_and_complaint_of_the_period(db, faults, complaints):
    figures = figures_of(db, sh(2026, 11, 1), sh(2026, 12, 1), NOW)
    # On time: a, e, h. Breached: b (late), c (never answered, past due). Not yet due: d, f.
    assert figures.incidents.total == 7
    assert figures.incidents.timeliness == Rate(3, 5)
    assert figures.incidents.completion == Rate(2, 7)
    assert figures.complaints.on_time == Rate(1, 2)
    assert figures.as_json() == {
        "from": "2026-11-01T00:00:00+08:00",
        "to": "2026-12-01T00:00:00+08:00",
        "as_of": "2026-11-21T10:00:00+08:00",
        **figures_json(7, 4, 3, 2, 2, 0.6, 2 / 7),
        "by_platform": {
            "approval": figures_json(4, 2, 1, 2, 1, 1 / 3, 0.25),
            "credit": figures_json(3, 2, 2, 0, 1, 1.0, 1 / 3),
        },
        "by_severity": {
            "URGENT": figures_json(2, 1, 1, 0, 1, 1.0, 0.5),
            "MAJOR": figures_json(1, 1, 0, 1, 0, 0.0, 0.0),
            "MINOR": figures_json(2, 1, 1, 1, 0, 0.5, 0.0),
            "ADVISORY": figures_json(2, 1, 1, 0, 1, 1.0, 0.5),
        },
        # k1 is overdue, k3 answered in time, k5 still within its week; k2 is October's, k4 deleted.
        "complaints": 3,
        "complaints_replied": 1,
        "complaints_overdue": 1,
        "complaints_on_time": 0.5,
    }
    assert list(figures.as_json()["by_severity"]) == ["URGENT", "MAJOR", "MINOR", "ADVISORY"]


def test_a_deadline_passing_changes_the_figures(db, faults, complaints):
    # At 10:31 the urgent fault f is past its 10:30 deadline without an answer.
    later = figures_of(db, sh(2026, 11, 1), sh(2026, 12, 1), sh(2026, 11, 21, 10, 31))
    assert later.incidents.timeliness == Rate(3, 6)
    assert later.incidents.breached == 3
    # A week after k5 arrived, it is overdue too.
    week_later = figures_of(db, sh(2026, 11, 1), sh(2026, 12, 1), sh(2026, 11, 28, 0, 1))
    assert week_later.complaints.on_time == Rate(1, 3)
    assert week_later.complaints.overdue == 2


def test_period_figures_of_one_platform(db, faults, complaints):
    figures = figures_of(db, sh(2026, 11, 1), sh(2026, 12, 1), NOW, platform="approval")
    assert (figures.incidents.total, figures.incidents.responded, figures.incidents.resolved) == (4, 2, 1)
    assert figures.incidents.timeliness == Rate(1, 3)
    assert list(figures.by_platform) == ["approval"]
    assert figures.by_severity.keys() == {"URGENT", "MAJOR", "MINOR", "ADVISORY"}


def test_rates_are_empty_when_nothing_counts(db, faults):
    # Only d and f, both still within their deadline: nothing to judge timeliness by, nothing resolved.
    figures = figures_of(db, sh(2026, 11, 20, 17, 0), sh(2026, 11, 22), NOW)
    assert figures.incidents.total == 2
    assert figures.as_json()["response_timeliness"] is None
    assert figures.as_json()["completion_rate"] == 0.0
    assert figures.as_json()["complaints_on_time"] is None
    empty = figures_of(db, sh(2025, 1, 1), sh(2026, 1, 1), NOW).as_json()
    assert empty == {
        "from": "2025-01-01T00:00:00+08:00",
        "to": "2026-01-01T00:00:00+08:00",
        "as_of": "2026-11-21T10:00:00+08:00",
        **figures_json(0, 0, 0, 0, 0, None, None),
        "by_platform": {},
        "by_severity": {},
        "complaints": 0,
        "complaints_replied": 0,
        "complaints_overdue": 0,
        "complaints_on_time": None,
    }


def test_percent_shows_one_decimal_or_a_dash():
    assert percent(Rate(3, 5)) == "60.0 %"
    assert percent(Rate(2, 7)) == "28.6 %"
    assert percent(Rate(1, 1)) == "100.0 %"
    assert percent(Rate(0, 0)) == "—"

"""What a visit record must hold before it is kept, before the customer signs it, and how it is numbered."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.visit import (
    FollowUp,
    ServiceCategory,
    VisitFacts,
    VisitProblem,
    report_number,
    signing_problems,
    visit_problems,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=SHANGHAI)


def sh(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def facts(**changes):
    """A complete morning visit to the Qu County housing bureau on Friday 2026-11-20."""
    base = VisitFacts(office="渠县住房和城乡建设局", platforms=("credit",), categories=(ServiceCategory.SECURITY,),
                      engineers="邓雪", arrived_at=sh(2026, 11, 20, 9, 0), departed_at=sh(2026, 11, 20, 11, 30),
                      work_done="核对账号权限，清理离职人员账号。")
    return replace(base, **changes)


# --- visit_problems -------------------------------------------------------------------------------------------


def test_a_complete_visit_has_no_problems():
    assert visit_problems(facts(), NOW) == []


def test_a_visit_still_going_on_has_no_departure_and_no_problems():
    assert visit_problems(facts(departed_at=None), NOW) == []


@pytest.mark.parametrize(("changes", "problem"), [
    ({"office": ""}, VisitProblem.OFFICE_MISSING),
    ({"office": " \t\n"}, VisitProblem.OFFICE_MISSING),
    ({"platforms": ()}, VisitProblem.PLATFORM_MISSING),
    ({"categories": ()}, VisitProblem.CATEGORY_MISSING),
    ({"engineers": ""}, VisitProblem.ENGINEERS_MISSING),
    ({"engineers": "　 "}, VisitProblem.ENGINEERS_MISSING),  # an ideographic space is blank too
    ({"work_done": ""}, VisitProblem.WORK_MISSING),
    ({"work_done": "\n\n"}, VisitProblem.WORK_MISSING),
    ({"follow_ups": (FollowUp("提交需求评估与排期"), FollowUp("  ", date(2026, 12, 4)))},
     VisitProblem.FOLLOW_UP_WITHOUT_TEXT),
])
def test_each_missing_part_is_named(changes, problem):
    assert visit_problems(facts(**changes), NOW) == [problem]


def test_every_problem_is_named_once_in_the_order_of_the_form():
    found = visit_problems(facts(office=" ", platforms=(), categories=(), engineers="", work_done="",
                                 arrived_at=sh(2026, 11, 20, 13, 0), departed_at=sh(2026, 11, 20, 12, 0),
                                 follow_ups=(FollowUp(""), FollowUp(" "))), NOW)
    assert found == [
        VisitProblem.OFFICE_MISSING, VisitProblem.PLATFORM_MISSING, VisitProblem.CATEGORY_MISSING,
        VisitProblem.ENGINEERS_MISSING, VisitProblem.WORK_MISSING, VisitProblem.ARRIVED_IN_FUTURE,
        VisitProblem.DEPARTED_BEFORE_ARRIVED, VisitProblem.FOLLOW_UP_WITHOUT_TEXT,
    ]


@pytest.mark.parametrize(("arrived_at", "expected"), [
    (sh(2026, 11, 20, 12, 0), []),
    (sh(2026, 11, 20, 12, 5), []),  # a colleague's clock may run five minutes fast
    (sh(2026, 11, 20, 12, 5, 1), [VisitProblem.ARRIVED_IN_FUTURE]),
    (datetime(2026, 11, 20, 4, 5, tzinfo=UTC), []),  # 12:05 in Dazhou, given in UTC
    (datetime(2026, 11, 20, 4, 6, tzinfo=UTC), [VisitProblem.ARRIVED_IN_FUTURE]),
    (sh(2026, 11, 21, 9, 0), [VisitProblem.ARRIVED_IN_FUTURE]),
])
def test_an_arrival_after_now_is_refused_beyond_the_clock_skew(arrived_at, expected):
    assert visit_problems(facts(arrived_at=arrived_at, departed_at=None), NOW) == expected


@pytest.mark.parametrize(("departed_at", "expected"), [
    (sh(2026, 11, 20, 9, 0), []),  # left the minute they came
    (sh(2026, 11, 20, 8, 59, 59), [VisitProblem.DEPARTED_BEFORE_ARRIVED]),
    (datetime(2026, 11, 20, 0, 59, tzinfo=UTC), [VisitProblem.DEPARTED_BEFORE_ARRIVED]),  # 08:59 in Dazhou
    (sh(2026, 11, 19, 17, 0), [VisitProblem.DEPARTED_BEFORE_ARRIVED]),
    (sh(2026, 11, 23, 9, 0), []),  # exactly three days
    (sh(2026, 11, 23, 9, 0, 1), [VisitProblem.TOO_LONG]),
    (sh(2026, 12, 20, 9, 0), [VisitProblem.TOO_LONG]),
])
def test_the_departure_lies_after_the_arrival_and_within_three_days(departed_at, expected):
    past = NOW + timedelta(days=40)  # so no time of these is in the future
    assert visit_problems(facts(departed_at=departed_at), past) == expected


def test_follow_ups_with_text_are_fine_whether_due_or_done():
    follow_ups = (FollowUp("提交需求评估与排期", date(2026, 12, 4)), FollowUp("回访窗口人员", done=True),
                  FollowUp("升级打印控件"))
    assert visit_problems(facts(follow_ups=follow_ups), NOW) == []


# --- signing_problems -----------------------------------------------------------------------------------------


def test_a_complete_visit_with_signer_and_signature_can_be_signed():
    assert signing_problems(facts(), "刘股长", True, False, NOW) == []


def test_the_signer_and_the_signature_are_both_needed():
    assert signing_problems(facts(), "", True, False, NOW) == [VisitProblem.SIGNER_MISSING]
    assert signing_problems(facts(), " \t", True, False, NOW) == [VisitProblem.SIGNER_MISSING]
    assert signing_problems(facts(), "刘股长", False, False, NOW) == [VisitProblem.SIGNATURE_MISSING]
    assert signing_problems(facts(), "", False, False, NOW) == [
        VisitProblem.SIGNER_MISSING, VisitProblem.SIGNATURE_MISSING]


def test_an_incomplete_visit_cannot_be_signed_and_says_what_is_missing_first():
    found = signing_problems(facts(work_done=" ", arrived_at=sh(2026, 11, 20, 14, 0), departed_at=None), "", False,
                             False, NOW)
    assert found == [VisitProblem.WORK_MISSING, VisitProblem.ARRIVED_IN_FUTURE, VisitProblem.SIGNER_MISSING,
                     VisitProblem.SIGNATURE_MISSING]


def test_a_signed_visit_is_never_signed_again_whatever_else_is_wrong():
    assert signing_problems(facts(), "刘股长", True, True, NOW) == [VisitProblem.ALREADY_SIGNED]
    assert signing_problems(facts(office="", work_done=""), "", False, True, NOW) == [VisitProblem.ALREADY_SIGNED]


# --- report_number --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("arrived_at", "sequence", "code", "expected"), [
    (sh(2026, 11, 21, 9, 30), 3, "LM", "FW-20261121-LM-03"),
    (sh(2026, 11, 21, 9, 30), 1, "ABCD", "FW-20261121-ABCD-01"),
    (sh(2026, 11, 21, 0, 0), 12, "ABCD", "FW-20261121-ABCD-12"),
    (sh(2026, 11, 21, 23, 59), 99, "ABCD", "FW-20261121-ABCD-99"),
    (sh(2026, 11, 21, 9, 30), 100, "ABCD", "FW-20261121-ABCD-100"),
    (sh(2026, 1, 5, 9, 0), 7, "lm", "FW-20260105-LM-07"),
    (sh(2026, 1, 5, 9, 0), 7, "l.m-2 ", "FW-20260105-LM2-07"),
    (sh(2026, 1, 5, 9, 0), 7, "dengxue", "FW-20260105-DENGXU-07"),
    (sh(2026, 1, 5, 9, 0), 7, "", "FW-20260105-X-07"),
    (sh(2026, 1, 5, 9, 0), 7, "-- ", "FW-20260105-X-07"),
])
def test_report_numbers_hold_the_day_the_engineer_code_and_the_running_number(arrived_at, sequence, code,
                                                                                 expected):
    assert report_number(arrived_at, sequence, code) == expected


@pytest.mark.parametrize(("arrived_at", "expected"), [
    (datetime(2026, 11, 19, 23, 30, tzinfo=UTC), "FW-20261120-ABCD-01"),  # 07:30 on the 20th in Dazhou
    (datetime(2026, 11, 19, 15, 59, tzinfo=UTC), "FW-20261119-ABCD-01"),  # 23:59 on the 19th in Dazhou
    (datetime(2026, 11, 19, 16, 0, tzinfo=UTC), "FW-20261120-ABCD-01"),  # midnight in Dazhou
    (datetime(2026, 12, 31, 20, 0, tzinfo=UTC), "FW-20270101-ABCD-01"),  # New Year's morning in Dazhou
])
def test_the_day_in_a_report_number_is_the_day_in_dazhou_whatever_zone_the_arrival_is_given_in(arrived_at, expected):
    assert report_number(arrived_at, 1, "ABCD") == expected


def test_every_service_category_has_its_chinese_name():
    assert {c: c.label_zh for c in ServiceCategory} == {
        ServiceCategory.FUNCTION: "功能维护", ServiceCategory.SECURITY: "安全维护",
        ServiceCategory.RESEARCH: "需求调研", ServiceCategory.ASSURANCE: "技术保障",
        ServiceCategory.BRIEFING: "协助制作汇报演示材料", ServiceCategory.TRAINING: "现场培训指导",
    }
    assert [c.value for c in ServiceCategory] == ["function", "security", "research", "assurance", "briefing",
                                                  "training"]

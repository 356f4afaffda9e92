"""Complaints: received by phone, fax or email, answered with an outcome within one week (7 × 24 h, holidays
included)."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from dzdesk.domain.complaint import (
    REPLY_WITHIN,
    ComplaintChannel,
    ComplaintFacts,
    ComplaintProblem,
    complaint_problems,
    reply_due,
)

SH = ZoneInfo("Asia/Shanghai")
P = ComplaintProblem


def sh(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=SH)


def utc(year, month, day, hour=0, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_reply_within_one_week():
    assert timedelta(days=7) == REPLY_WITHIN


def test_channels_phone_fax_email():
    assert {c.value for c in ComplaintChannel} == {"phone", "fax", "email"}
    assert {c: c.label_zh for c in ComplaintChannel} == {ComplaintChannel.PHONE: "电话", ComplaintChannel.FAX: "传真",
                                                         ComplaintChannel.EMAIL: "电子邮件"}


@pytest.mark.parametrize(("received", "due"), [
    (sh(2026, 3, 10, 10), sh(2026, 3, 17, 10)),
    (sh(2026, 3, 10, 23, 59), sh(2026, 3, 17, 23, 59)),
    (sh(2026, 2, 25, 9), sh(2026, 3, 4, 9)),  # over the end of February
    (sh(2026, 12, 28, 16), sh(2027, 1, 4, 16)),  # over the end of the year
    (sh(2026, 9, 30, 10), sh(2026, 10, 7, 10)),  # National Day does not extend the week
    (sh(2026, 2, 14, 15), sh(2026, 2, 21, 15)),  # nor does Spring Festival
])
def test_reply_due(received, due):
    result = reply_due(received)
    assert result == due
    assert result.tzinfo is SH


@pytest.mark.parametrize(("received", "due"), [
    (utc(2026, 3, 10, 2), utc(2026, 3, 17, 2)),
    (utc(2026, 3, 10, 16), sh(2026, 3, 18, 0)),
])
def test_reply_due_in_utc(received, due):
    result = reply_due(received)
    assert result == due
    assert result.tzinfo is UTC


def test_reply_due_refuses_a_naive_time():
    with pytest.raises(ValueError, match=r"^received_at 2026-03-10T10:00:00 has no time zone"):
        reply_due(datetime(2026, 3, 10, 10))


RECEIVED = sh(2026, 3, 10, 10)  # due 2026-03-17 10:00
COMPLAINT = ComplaintFacts(complainant="某建设公司 王经理", content="信用评价结果公示有误", received_at=RECEIVED)


@pytest.mark.parametrize(("replied_at", "now", "overdue", "on_time"), [
    (None, sh(2026, 3, 10, 11), False, False),
    (None, sh(2026, 3, 17, 10), False, False),  # exactly a week: not yet overdue
    (None, sh(2026, 3, 17, 10, 1), True, False),
    (None, utc(2026, 3, 17, 2, 1), True, False),  # 10:01 in Shanghai
    (sh(2026, 3, 12, 15), sh(2026, 3, 30), False, True),
    (sh(2026, 3, 17, 10), sh(2026, 3, 30), False, True),  # answered exactly a week later
    (utc(2026, 3, 17, 2), sh(2026, 3, 30), False, True),
    (sh(2026, 3, 17, 10, 1), sh(2026, 3, 30), True, False),
    (sh(2026, 3, 17, 10, 1), sh(2026, 3, 17, 10, 1), True, False),
    (sh(2026, 3, 20), sh(2026, 3, 20), True, False),
])
def test_overdue_and_on_time(replied_at, now, overdue, on_time):
    facts = replace(COMPLAINT, replied_at=replied_at, outcome="已更正")
    assert facts.is_overdue(now) is overdue
    assert facts.replied_on_time() is on_time


def test_overdue_refuses_a_naive_receipt_time():
    facts = replace(COMPLAINT, received_at=datetime(2026, 3, 10, 10))
    with pytest.raises(ValueError, match=r"received_at .* has no time zone"):
        facts.is_overdue(sh(2026, 3, 20))
    replied = replace(facts, replied_at=sh(2026, 3, 11), outcome="已答复")
    with pytest.raises(ValueError, match=r"received_at .* has no time zone"):
        replied.replied_on_time()


NOW = sh(2026, 3, 12, 9)


@pytest.mark.parametrize("facts", [
    COMPLAINT,
    replace(COMPLAINT, replied_at=sh(2026, 3, 11, 16), outcome="已核实并更正公示"),
    replace(COMPLAINT, replied_at=RECEIVED, outcome="当场答复"),
    replace(COMPLAINT, received_at=NOW + timedelta(minutes=5)),  # within the tolerated skew
    replace(COMPLAINT, received_at=utc(2026, 3, 12, 1, 5)),  # 09:05 in Shanghai
])
def test_a_sound_complaint_has_no_problems(facts):
    assert complaint_problems(facts, NOW) == []


@pytest.mark.parametrize(("changes", "problems"), [
    ({"complainant": ""}, [P.COMPLAINANT_MISSING]),
    ({"complainant": "  "}, [P.COMPLAINANT_MISSING]),
    ({"content": ""}, [P.CONTENT_MISSING]),
    ({"content": "\n"}, [P.CONTENT_MISSING]),
    ({"received_at": NOW + timedelta(minutes=5, seconds=1)}, [P.RECEIVED_IN_FUTURE]),
    ({"received_at": utc(2026, 3, 12, 1, 6)}, [P.RECEIVED_IN_FUTURE]),  # 09:06 in Shanghai
    ({"replied_at": sh(2026, 3, 10, 9, 59), "outcome": "已答复"}, [P.REPLIED_BEFORE_RECEIVED]),
    ({"replied_at": sh(2026, 3, 11, 9)}, [P.OUTCOME_MISSING]),
    ({"replied_at": sh(2026, 3, 11, 9), "outcome": "   "}, [P.OUTCOME_MISSING]),
    ({"replied_at": sh(2026, 3, 10, 9)}, [P.REPLIED_BEFORE_RECEIVED, P.OUTCOME_MISSING]),
    ({"complainant": "", "content": "", "received_at": sh(2026, 3, 13), "replied_at": sh(2026, 3, 12),
      "outcome": ""},
     [P.COMPLAINANT_MISSING, P.CONTENT_MISSING, P.RECEIVED_IN_FUTURE, P.REPLIED_BEFORE_RECEIVED, P.OUTCOME_MISSING]),
])
def test_each_complaint_problem(changes, problems):
    assert complaint_problems(replace(COMPLAINT, **changes), NOW) == problems


def test_an_outcome_without_a_reply_is_not_a_problem():
    assert complaint_problems(replace(COMPLAINT, outcome="处理中"), NOW) == []

"""The holiday notice read as the State Council words it, checked day for day against the holiday library."""

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from dzdesk.domain.calendar import BusinessCalendar, CalendarOverrides, library_years
from dzdesk.domain.holiday_notice import read_notice

NOTICES = Path(__file__).parents[1] / "data" / "holiday_notices"

NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八，周日）至23日（农历正月初七，周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
国务院办公厅
2025年11月4日
"""


def test_the_current_form_reads_every_day_with_its_line():
    reading = read_notice(NOTICE_2026)
    assert reading.ok and reading.year == 2026
    assert reading.days_off == [date(2026, 1, d) for d in (1, 2, 3)] + [date(2026, 2, d) for d in range(15, 24)]
    assert reading.working_days == [date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28)]
    first = reading.days[0]
    assert first.festival == "元旦" and first.line.startswith("一、元旦：1月1日") and first.line_number == 4


@pytest.mark.parametrize(("line", "off", "working"), [
    # 补休 and a single day off (2017)
    ("一、元旦：1月1日放假，1月2日（星期一）补休。", ["2017-01-01", "2017-01-02"], []),
    # with the weekend, no count
    ("三、清明节：4月4日放假，与周末连休。", ["2017-04-04"], []),
    # one day, no swap
    ("四、端午节：5月30日放假1天，不调休。", ["2017-05-30"], []),
    # two festivals on one line, a range crossing a month, 星期 and no weekday at all
    ("六、中秋节、国庆节：9月30日至10月7日放假调休，共8天。9月24日（星期日）、10月8日上班。",
     ["2017-09-30", *(f"2017-10-0{d}" for d in range(1, 8))], ["2017-09-24", "2017-10-08"]),
    # a range crossing the year, with the years written
    ("一、元旦：2016年12月31日至2017年1月2日放假调休，共3天。", ["2016-12-31", "2017-01-01", "2017-01-02"], []),
    # an explanation after 其中 names no new day
    ("一、元旦：1月1日至3日放假，共3天。其中，1月1日（星期日）为法定节假日。1月4日（星期三）上班。",
     ["2017-01-01", "2017-01-02", "2017-01-03"], ["2017-01-04"]),
])
def test_older_forms(line, off, working):
    reading = read_notice(line, year=2017)
    assert reading.problems == ()
    assert [d.isoformat() for d in reading.days_off] == off
    assert [d.isoformat() for d in reading.working_days] == working


def test_half_width_and_full_width_punctuation_read_alike():
    full = read_notice(NOTICE_2026)
    half = read_notice(NOTICE_2026.replace("：", ":").replace("，", ",").replace("（", "(").replace("）", ")"))
    assert [(d.day, d.off) for d in half.days] == [(d.day, d.off) for d in full.days]


@pytest.mark.parametrize(("damage", "why"), [
    (("2月15日（农历", "2月30日（农历"), "2026年2月30日 does not exist"),
    (("1月1日（周四）", "1月1日（周五）"), "is not a 周五"),
    (("共9天", "共8天"), "says 8 days, but the dates give 9"),
    (("放假调休，共9天。2月14日（周六）、2月28日（周六）上班。", "放假调"), "looks cut"),
    (("放假调休，共9天。", "放假调，共9天。"), "cannot tell what"),
    (("放假调休，共9天。2月14日（周六）、2月28日（周六）上班。", "放假调休，共9天。2月14日（周"), "not closed"),
])
def test_a_damaged_notice_is_refused_and_names_the_line(damage, why):
    reading = read_notice(NOTICE_2026.replace(*damage, 1))
    assert not reading.ok
    assert any(why in problem.why for problem in reading.problems), reading.problems
    assert all(problem.line for problem in reading.problems)


def test_a_line_cut_in_two_is_refused():
    cut = NOTICE_2026.replace("放假调休，共9天。2月14日", "放假调休，共9天。\n2月14日")
    reading = read_notice(cut)
    assert not reading.ok
    assert [p.line_number for p in reading.problems] == [6]  # the rest of line 5 stands alone, unread


def test_a_year_that_is_not_the_notice_year_is_refused():
    reading = read_notice(NOTICE_2026, year=2027)
    assert not reading.ok and "for 2026, not 2027" in reading.problems[0].why


def test_text_without_festival_lines_is_refused():
    assert not read_notice("国务院办公厅关于2027年部分节假日安排的通知\n").ok
    assert not read_notice("一、元旦：1月1日放假。").ok  # no year anywhere


def _published() -> list[Path]:
    return sorted(p for p in NOTICES.glob("*.txt") if "-" not in p.stem and int(p.stem) in library_years())


@pytest.mark.parametrize("path", _published(), ids=lambda p: p.stem)
def test_a_published_notice_gives_exactly_the_library_days(path):
    year = int(path.stem)
    text = path.read_text(encoding="utf-8")
    extra = path.with_name(f"{year}-extra.txt")
    reading = read_notice(text + ("\n" + extra.read_text(encoding="utf-8") if extra.exists() else ""), year)
    assert reading.ok, reading.problems
    calendar = BusinessCalendar(overrides=CalendarOverrides(frozenset(reading.days_off),
                                                            frozenset(reading.working_days), frozenset({year})))
    day, differences = date(year, 1, 1), []
    while day.year == year:
        ours = calendar.is_working_day(day) if day in {d.day for d in reading.days} else day.weekday() < 5
        if ours != chinese_calendar.is_workday(day):
            differences.append(day.isoformat())
        day += timedelta(days=1)
    assert differences == []


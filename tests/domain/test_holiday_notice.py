"""The holiday notice read as the State Council words it, checked day for day against the holiday library."""

from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from dzdesk.domain.calendar import BusinessCalendar, CalendarOverrides, library_years
from dzdesk.domain.holiday_notice import NoticeReading, read_notice, with_notice

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
    # 放假公休 (2010–2012): the range takes in the weekend's own rest days
    ("一、元旦：1月1日至3日放假公休，共3天。", ["2017-01-01", "2017-01-02", "2017-01-03"], []),
    # a lunar note without a weekday on the first date, and a day given without its month
    ("二、春节：1月27日（农历除夕）至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）、5日（星期日）上班。",
     [*(f"2017-01-{d}" for d in range(27, 32)), "2017-02-01", "2017-02-02"],
     ["2017-01-22", "2017-02-04", "2017-02-05"]),
    # a space after 、, and 农历 and 周 together in one parenthesis (2015, 2025)
    ("二、 春节：1月27日（农历除夕、周五）至2月2日（农历正月初六、周四）放假调休，共7天。",
     [*(f"2017-01-{d}" for d in range(27, 32)), "2017-02-01", "2017-02-02"], []),
    # 其中 naming a day the sentence before did not (2015's 9月6日)
    ("一、纪念日：9月3日至5日调休放假，共3天。其中9月3日（星期日）放假，9月4日（星期一）调休，9月10日（星期日）上班。",
     ["2017-09-03", "2017-09-04", "2017-09-05"], ["2017-09-10"]),
    # encouragement is not a day off (2024)
    ("二、春节：1月28日至2月2日放假调休，共6天。鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（1月27日）休息。",
     ["2017-01-28", "2017-01-29", "2017-01-30", "2017-01-31", "2017-02-01", "2017-02-02"], []),
])
def test_older_forms(line, off, working):
    reading = read_notice(line, year=2017)
    assert reading.problems == ()
    assert [d.isoformat() for d in reading.days_off] == off
    assert [d.isoformat() for d in reading.working_days] == working


def test_a_festival_label_on_a_line_of_its_own_takes_the_next_line():
    """2012 puts “一、元旦：” on one line and its arrangement on the next."""
    reading = read_notice("国务院办公厅关于2012年部分节假日安排的通知\n一、元旦：\n"
                          "2012年1月1日至3日放假调休，共3天。2011年12月31日（星期六）上班。\n二、春节：\n"
                          "1月22日至28日放假调休，共7天。1月21日（星期六）、1月29日（星期日）上班。\n国务院办公厅\n"
                          "二〇一一年十二月五日\n")
    assert reading.ok, reading.problems
    assert reading.working_days == [date(2011, 12, 31), date(2012, 1, 21), date(2012, 1, 29)]
    first = reading.days[0]
    assert (first.line_number, first.festival) == (2, "元旦")
    assert first.line == "一、元旦：2012年1月1日至3日放假调休，共3天。2011年12月31日（星期六）上班。"


def test_a_festival_label_with_nothing_after_it_is_refused():
    reading = read_notice("国务院办公厅关于2012年部分节假日安排的通知\n一、元旦：\n二、春节：\n"
                          "1月22日至28日放假调休，共7天。\n")
    assert not reading.ok
    assert [(p.line_number, p.line) for p in reading.problems] == [(2, "一、元旦：")]


def test_a_dated_preamble_is_not_read_but_a_dated_line_after_the_festival_lines_is_refused():
    """2025 opens with the revised 放假办法 (“自2025年1月1日起，全体公民放假的假日增加2天”) before “…通知如下”."""
    preamble = "经党中央、国务院批准，自2026年1月1日起，全体公民放假的假日增加2天。\n按照上述原则，现将"
    text = NOTICE_2026.replace("经国务院批准，现将", preamble)
    assert read_notice(text).ok
    assert [(d.day, d.off) for d in read_notice(text).days] == [(d.day, d.off) for d in read_notice(NOTICE_2026).days]
    stray = read_notice(NOTICE_2026 + "另外，12月31日（周四）放假。\n")
    assert not stray.ok and [p.line_number for p in stray.problems] == [8]


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
    assert reading.problems[0].line_number == 1 and reading.problems[0].line.startswith("国务院办公厅关于2026年")


def test_notices_of_two_years_in_one_text_are_refused():
    reading = read_notice(_text("2019") + "\n" + _text("2020"))
    assert not reading.ok and reading.days == ()
    assert [p.why for p in reading.problems] == ["the notice is for 2020, not 2019"]


def test_text_without_festival_lines_is_refused():
    assert not read_notice("国务院办公厅关于2027年部分节假日安排的通知\n").ok
    assert not read_notice("一、元旦：1月1日放假。").ok  # no year anywhere


def _text(name: str, full_width: bool = False) -> str:
    text = (NOTICES / f"{name}.txt").read_text(encoding="utf-8")
    # The files were NFKC-normalised; the published text has the full-width forms.
    return text.translate(str.maketrans(":,()", "：，（）")) if full_width else text


def _reading_of(year: int, full_width: bool = False) -> NoticeReading:
    """The year's notice followed by the notices that later changed it, as they were published."""
    extra = NOTICES / f"{year}-extra.txt"
    text = _text(str(year), full_width) + ("\n" + _text(extra.stem, full_width) if extra.exists() else "")
    return read_notice(text, year)


def _published() -> list[int]:
    return sorted(int(p.stem) for p in NOTICES.glob("*.txt") if "-" not in p.stem and int(p.stem) in library_years())


def test_every_kept_notice_is_tested():
    assert _published() == [2010, 2011, 2012, *range(2014, 2027)]
    assert not (NOTICES / "not_yet_read").exists()


@pytest.mark.parametrize("year", _published())
def test_a_published_notice_gives_exactly_the_library_days(year):
    """Day for day, as `chinesecalendar` has the year. Late December may be named by the next year's notice (2018's
    29 and 31 December are in the 2019 notice's 元旦), so those days are taken from it, as the calendar would."""
    reading = _reading_of(year)
    assert reading.ok, reading.problems
    named = {d.day: d.off for d in reading.days}
    if (NOTICES / f"{year + 1}.txt").exists():
        following = _reading_of(year + 1)
        assert following.ok, following.problems
        named.update({d.day: d.off for d in following.days if d.day.year == year})
    calendar = BusinessCalendar(overrides=CalendarOverrides(frozenset(d for d, off in named.items() if off),
                                                            frozenset(d for d, off in named.items() if not off),
                                                            frozenset({year})))
    day, differences = date(year, 1, 1), []
    while day.year == year:
        ours = calendar.is_working_day(day) if day in named else day.weekday() < 5
        if ours != chinese_calendar.is_workday(day):
            differences.append(day.isoformat())
        day += timedelta(days=1)
    assert differences == []
    outside = [d for d in reading.days if d.day.year != year and d.day.year in library_years()]
    assert [d.day for d in outside if d.off == chinese_calendar.is_workday(d.day)] == []


@pytest.mark.parametrize("name", sorted(p.stem for p in NOTICES.glob("*.txt")))
def test_a_published_notice_reads_alike_with_the_full_width_punctuation_it_was_published_with(name):
    half, full = read_notice(_text(name), int(name[:4])), read_notice(_text(name, True), int(name[:4]))
    assert [(d.day, d.off, d.line_number, d.festival) for d in full.days] == \
        [(d.day, d.off, d.line_number, d.festival) for d in half.days]
    assert [(p.line_number, p.why) for p in full.problems] == [(p.line_number, p.why) for p in half.problems]
    assert full.supplement == half.supplement == name.endswith("-extra")
    full_year = _reading_of(int(name[:4]), full_width=True)
    assert full_year.ok and [(d.day, d.off) for d in full_year.days] == [(d.day, d.off) for d in
                                                                          _reading_of(int(name[:4])).days]


def test_the_year_is_found_without_being_given():
    for path in NOTICES.glob("*.txt"):
        assert read_notice(path.read_text(encoding="utf-8")).year == int(path.stem[:4]), path.name


def test_a_later_notice_changes_the_days_it_names():
    """2019's 劳动节 grew from 5月1日 to 1–4 May with two Sundays worked; 2020's 春节 was extended to 2月2日, so
    2月1日, a working Saturday in the yearly notice, became a day off."""
    may = _reading_of(2019)
    assert [d for d in may.days_off if d.month == 5] == [date(2019, 5, d) for d in (1, 2, 3, 4)]
    assert {date(2019, 4, 28), date(2019, 5, 5)} <= set(may.working_days)
    spring = {d.day: d for d in _reading_of(2020).days}
    assert spring[date(2020, 2, 1)].off and spring[date(2020, 2, 1)].line.startswith("一、延长2020年春节假期")
    assert all(spring[date(2020, 1, d)].off for d in range(24, 32)) and spring[date(2020, 2, 2)].off
    assert not spring[date(2020, 1, 19)].off and not spring[date(2020, 2, 3)].off


def test_the_other_wording_of_the_2020_extension_reads_alike():
    """The Xinhua copy says “…通知如下。” and “2月3日（星期一）起正常上班”."""
    xinhua = _text("2020-extra").replace("通知如下:", "通知如下。").replace(")正常上班", ")起正常上班")
    assert xinhua != _text("2020-extra")
    reading = read_notice(_text("2020") + "\n" + xinhua)
    assert reading.ok and [(d.day, d.off) for d in reading.days] == [(d.day, d.off) for d in _reading_of(2020).days]


def test_a_supplement_alone_is_read_as_one():
    for name, off, working in (("2015-extra", [date(2015, 9, d) for d in (3, 4, 5)], [date(2015, 9, 6)]),
                               ("2019-extra", [date(2019, 5, d) for d in (1, 2, 3, 4)],
                                [date(2019, 4, 28), date(2019, 5, 5)])):
        reading = read_notice(_text(name))
        assert reading.ok and reading.supplement, (name, reading.problems)
        assert (reading.days_off, reading.working_days) == (off, working)
    assert read_notice(_text("2019-extra")).days[0].festival == "劳动节"
    assert not read_notice(_text("2019")).supplement and not _reading_of(2019).supplement


def test_an_extension_alone_is_refused_since_it_does_not_say_where_the_holiday_ended():
    reading = read_notice(_text("2020-extra"))
    assert reading.supplement and not reading.ok
    assert [p.line_number for p in reading.problems] == [6]
    assert "paste the year's notice first" in reading.problems[0].why


def test_an_extension_that_does_not_extend_is_refused():
    shorter = _text("2020-extra").replace("至2月2日(农历正月初九,星期日)", "至1月29日(农历正月初五,星期三)")
    reading = read_notice(_text("2020") + "\n" + shorter)
    assert not reading.ok and "ends on or before 1月30日" in reading.problems[0].why


def test_a_supplement_before_the_yearly_notice_is_refused():
    reading = read_notice(_text("2019-extra") + "\n" + _text("2019"))
    assert not reading.ok and "put the year's notice first" in reading.problems[0].why


def test_a_supplement_names_the_line_it_cannot_read():
    reading = read_notice(_text("2015-extra").replace("9月6日(星期日)上班", "9月6日(星期一)上班"))
    assert not reading.ok and reading.problems[0].line_number == 6 and "is not a 星期一" in reading.problems[0].why
    reading = read_notice(_text("2019-extra").replace("共4天", "共3天"))
    assert not reading.ok and reading.problems[0].line.startswith("一、2019年5月1日")


def _applied(*readings: NoticeReading, days_off=(), working_days=(), years=(), notes=None):
    entries = None
    for reading in readings:
        entries = with_notice(days_off, working_days, years, notes or {}, reading)
        days_off = [date.fromisoformat(d) for d in entries.days_off]
        working_days = [date.fromisoformat(d) for d in entries.working_days]
        years, notes = entries.complete_years, entries.notes
    return entries


@pytest.mark.parametrize("year", [2015, 2019])
def test_a_supplement_applied_alone_adds_to_the_year(year):
    """Applying the year's notice and then its supplement gives the same calendar as the two read together."""
    other = {"days_off": [date(2014, 10, 1)], "working_days": [date(2014, 9, 28)], "years": [2014],
             "notes": {"2014-10-01": "国庆节"}}
    one_by_one = _applied(read_notice(_text(str(year))), read_notice(_text(f"{year}-extra")), **other)
    together = _applied(_reading_of(year), **other)
    assert one_by_one == together
    assert one_by_one.complete_years == [2014, year] and "2014-10-01" in one_by_one.days_off


def test_a_supplement_keeps_the_rest_of_the_year_and_does_not_mark_it_complete():
    supplement = read_notice(_text("2019-extra"))
    kept = {"2019-10-01": "七、国庆节…", "2019-04-28": "hand-kept"}
    entries = with_notice([date(2019, 10, 1), date(2019, 4, 28)], [date(2019, 9, 29)], [2018], kept, supplement)
    assert entries.complete_years == [2018]
    assert entries.days_off == ["2019-05-01", "2019-05-02", "2019-05-03", "2019-05-04", "2019-10-01"]
    # 4月28日 was a day off here; the supplement makes it a working day, with its line as the note.
    assert entries.working_days == ["2019-04-28", "2019-05-05", "2019-09-29"]
    assert entries.notes["2019-04-28"].startswith("一、2019年5月1日") and entries.notes["2019-10-01"] == "七、国庆节…"


def test_a_yearly_notice_still_replaces_its_whole_year():
    yearly = read_notice(_text("2019"))
    entries = with_notice([date(2019, 3, 8)], [date(2019, 3, 9)], [], {"2019-03-08": "hand-kept"}, yearly)
    assert "2019-03-08" not in entries.days_off and "2019-03-09" not in entries.working_days
    assert entries.complete_years == [2019] and "2019-03-08" not in entries.notes
    assert "2018-12-31" in entries.days_off and "2018-12-29" in entries.working_days


def test_within_one_notice_a_day_named_both_off_and_working_is_refused():
    both = NOTICE_2026.replace("1月4日（周日）上班", "1月3日（周六）上班")
    reading = read_notice(both)
    assert not reading.ok and [p.line_number for p in reading.problems] == [4]
    assert "also named as a day off" in reading.problems[0].why


def test_the_2024_encouragement_to_rest_on_new_years_eve_is_not_a_day_off():
    reading = _reading_of(2024)
    assert date(2024, 2, 9) not in {d.day for d in reading.days}
    assert chinese_calendar.is_workday(date(2024, 2, 9))

"""One arrangement of a holiday notice, read clause by clause: which days it makes days off and which working days.

A festival line (“1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。”) is a handful of sentences, each
a handful of clauses; every clause must be one the reader knows, or the whole line is refused — a clause it does not
understand may be the one that moves a working day. Text is expected NFKC-normalised (ASCII `:,()`), which is how
`holiday_notice.read_notice` hands it over. Kept apart from the notice-level reading (titles, years, supplements) so
each stays short enough to check by eye.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日(?:\((?P<note>[^()]*)\))?")
_KEYWORDS = re.compile(r"放假|上班|补休|休息")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(r"(?:星期|周)([一二三四五六日天])")
_RANGE = re.compile(r"^(?P<first>.+?日(?:\([^()]*\))?)(?:至|-|~|—|–)(?P<last>.+?日(?:\([^()]*\))?)(?P<rest>.*)$")
# 放假公休 (2010–2012): the days off include the weekend's own rest days, nothing is swapped.
_OFF_WORDS = re.compile(r"^(?:全国)?(?:调休)?放假(?:调休|公休)?(?:(?P<count>\d+)天)?$")
# 调休 after a single date (2015, “9月4日（星期五）调休”) is a swapped day off; 为法定节假日 comes after 其中.
_OFF_AFTER_DATES = {"补休", "休息", "调休", "为法定节假日", "为法定假日"}
# 起正常上班: “2月3日（星期一）起正常上班”, as the Xinhua copy of the 2020 extension words it.
_WORK_WORDS = re.compile(r"^起?(?:正常)?上班(?:调休)?$")
_COUNT = re.compile(r"^共(?P<count>\d+)天$")
_IGNORED = re.compile(r"^(?:不调休|与周末连休|调休|放假调休)$")
_EXTENSION = re.compile(r"^延长(?:(?P<year>\d{4})年)?(?P<festival>[^\d,()]{1,12}?)假期至(?P<through>.+)$")
_CLAUSE_BREAKS = (",", ":")


class LineError(ValueError):
    """Why one line of a notice cannot be read."""


@dataclass(frozen=True)
class Extension:
    """“延长2020年春节假期至2月2日”: the festival's holiday now runs to `through`.

    Where it ran to before is in the earlier notice, so the days this adds are worked out by the notice-level
    reading, which has that notice (or refuses when it has not)."""

    festival: str
    through: date
    clause: str


@dataclass(frozen=True)
class Arrangement:
    """What one line says: each day it names, off (True) or working (False), and an extension if it has one."""

    days: tuple[tuple[date, bool], ...]
    extension: Extension | None = None


def names_days(line: str) -> bool:
    """Whether a line names a date and says something about days off or work: what a festival line does."""
    return bool(DATE.search(line) and _KEYWORDS.search(line))


def read_arrangement(body: str, year: int, prose: bool = False) -> Arrangement:
    """The days one line names. `year` is the notice's, for dates written without one.

    `prose` is for a supplement written as a paragraph (2015's 9月3日 notice): there, clauses that name no date
    (“为方便公众安排假日期间生产生活”) are the reasons given and are passed over; in a festival line every clause
    must be read."""
    if body.count("(") != body.count(")"):
        raise LineError("a parenthesis is not closed: the line looks cut")
    if not body.endswith(("。", ".")):
        raise LineError("the line does not end with “。”: it looks cut")
    found: list[tuple[date, bool]] = []
    extensions: list[Extension] = []
    context = _Context(year)
    for sentence in re.split(r"[。;]", body):
        sentence = sentence.strip().rstrip(".")
        # 鼓励…: encouragement (2024: “鼓励各单位…安排职工在除夕（2月9日）休息”), not a day off the notice gives.
        if not sentence or sentence.startswith("鼓励"):
            continue
        # 其中…: which of the days are the statutory ones; it may name a day not named before (2015: 9月6日 上班).
        sentence = re.sub(r"^其中\s*,?\s*", "", sentence)
        found.extend(_read_sentence(sentence, context, prose, extensions))
    if len(extensions) > 1:
        raise LineError("the line extends a holiday twice")
    if not any(off for _day, off in found) and not extensions:
        raise LineError("no day off found in the line")
    return Arrangement(tuple(found), extensions[0] if extensions else None)


@dataclass
class _Context:
    """The year and month a date written without them belongs to: the last one named."""

    year: int
    month: int | None = None

    def date_of(self, match: re.Match[str]) -> date:
        if match.group("year"):
            self.year = int(match.group("year"))
        if match.group("month"):
            self.month = int(match.group("month"))
        if self.month is None:
            raise LineError(f"“{match.group(0)}” has no month")
        try:
            day = date(self.year, self.month, int(match.group("day")))
        except ValueError:
            raise LineError(f"{self.year}年{self.month}月{match.group('day')}日 does not exist") from None
        note = match.group("note") or ""
        weekday = _WEEKDAY.search(note)
        if weekday and _WEEKDAYS[weekday.group(1)] != day.weekday():
            raise LineError(f"{day:%Y-%m-%d} is not a {weekday.group(0)}")
        return day


def _read_sentence(sentence: str, context: _Context, prose: bool,
                   extensions: list[Extension]) -> list[tuple[date, bool]]:
    found: list[tuple[date, bool]] = []
    last_range: list[date] = []
    for clause in _split_outside_parentheses(sentence):
        clause = clause.strip()
        if not clause:
            continue
        count = _COUNT.match(clause)
        if count:
            _check_count(last_range, int(count.group("count")), clause)
            continue
        if _IGNORED.match(clause) or (prose and not DATE.search(clause)):
            continue
        extension = _EXTENSION.match(clause)
        if extension:
            if extension.group("year"):
                context.year = int(extension.group("year"))
            extensions.append(Extension(extension.group("festival").strip(),
                                        _only_date(extension.group("through"), context), clause))
            continue
        span = _RANGE.match(clause)
        if span:
            last_range = _range(clause, span, context)
            found.extend((day, True) for day in last_range)
            continue
        dates, rest = _leading_dates(clause, context)
        if not dates:
            raise LineError(f"cannot read “{clause}”")
        rest = rest.strip()
        off_words = _OFF_WORDS.match(rest)
        if off_words or rest in _OFF_AFTER_DATES:
            last_range = dates
            if off_words and off_words.group("count"):
                _check_count(dates, int(off_words.group("count")), clause)
            found.extend((day, True) for day in dates)
        elif _WORK_WORDS.match(rest):
            found.extend((day, False) for day in dates)
        else:
            raise LineError(f"cannot tell whether “{clause}” is a day off or a working day")
    return found


def _range(clause: str, span: re.Match[str], context: _Context) -> list[date]:
    first = _only_date(span.group("first"), context)
    last = _only_date(span.group("last"), context)
    if last < first:
        raise LineError(f"“{clause}” ends before it starts")
    if (last - first).days > 31:
        raise LineError(f"“{clause}” is longer than any holiday")
    words = _OFF_WORDS.match(span.group("rest").strip())
    if words is None:
        raise LineError(f"cannot tell what “{clause}” means: a range should be followed by 放假")
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    if words.group("count"):
        _check_count(days, int(words.group("count")), clause)
    return days


def _split_outside_parentheses(text: str) -> list[str]:
    """Clauses: commas and colons inside parentheses (“（农历腊月二十八，周日）”) are not clause breaks."""
    parts, depth, current = [], 0, []
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char in _CLAUSE_BREAKS and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _only_date(text: str, context: _Context) -> date:
    match = DATE.fullmatch(text.strip())
    if match is None:
        raise LineError(f"“{text}” is not a date like 1月1日")
    return context.date_of(match)


def _leading_dates(clause: str, context: _Context) -> tuple[list[date], str]:
    """The dates a clause starts with (“2月14日（周六）、2月28日（周六）上班”), and the words after them."""
    dates: list[date] = []
    position = 0
    while True:
        match = DATE.match(clause, position)
        if match is None:
            break
        dates.append(context.date_of(match))
        position = match.end()
        if clause[position:position + 1] in ("、", "和"):
            position += 1
    return dates, clause[position:]


def _check_count(days: list[date], count: int, clause: str) -> None:
    if days and len(days) != count:
        raise LineError(f"“{clause}” says {count} days, but the dates give {len(days)}")

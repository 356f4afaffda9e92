"""The State Council's yearly holiday notice, read as it is published.

Every November the General Office publishes the next year's arrangement as numbered festival lines
(“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。”). Over the years the wording changed —
“补休”, “与周末连休”, “放假1天，不调休”, two festivals sharing a line, weekdays as 星期六 or 周六 or not at all, ranges
that cross a month or a year — and text pasted from a web page mixes full-width and half-width punctuation. The
reader accepts all of these, checks what the notice states about itself (weekdays, “共N天”), and refuses a line it
cannot read instead of guessing: a reading with any problem applies nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

_ITEM = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.]\s*(?P<names>[^:]{1,30}?)\s*:\s*(?P<body>.*)$")
_DATE = re.compile(r"(?:(?P<year>\d{4})年)?(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日(?:\((?P<note>[^()]*)\))?")
_YEAR = re.compile(r"(?:关于)?(\d{4})年(?:部分节假日|元旦|春节)")
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(r"(?:星期|周)([一二三四五六日天])")
_RANGE = re.compile(r"^(?P<first>.+?日(?:\([^()]*\))?)(?:至|-|~|—|–)(?P<last>.+?日(?:\([^()]*\))?)(?P<rest>.*)$")
_OFF_WORDS = re.compile(r"^(?:调休)?放假(?:调休)?(?:(?P<count>\d+)天)?$")
_COUNT = re.compile(r"^共(?P<count>\d+)天$")
_IGNORED = re.compile(r"^(?:不调休|与周末连休|调休|放假调休)$")
_KEYWORDS = re.compile(r"放假|上班|补休|休息")
_NOT_AN_ITEM = "names days but is not a numbered festival line (“一、元旦：…”); it may be cut from the one before"


@dataclass(frozen=True)
class NoticeDay:
    """One day the notice names: off (放假, 补休) or working (上班), with the line it came from."""

    day: date
    off: bool
    line_number: int
    line: str
    festival: str


@dataclass(frozen=True)
class NoticeProblem:
    line_number: int
    line: str
    why: str


@dataclass(frozen=True)
class NoticeReading:
    year: int | None
    days: tuple[NoticeDay, ...] = ()
    problems: tuple[NoticeProblem, ...] = field(default_factory=tuple)

    @property
    def ok(self) -> bool:
        return self.year is not None and bool(self.days) and not self.problems

    @property
    def days_off(self) -> list[date]:
        return sorted(d.day for d in self.days if d.off)

    @property
    def working_days(self) -> list[date]:
        return sorted(d.day for d in self.days if not d.off)


@dataclass(frozen=True)
class CalendarEntries:
    """A calendar's hand-kept days as settings store them: ISO dates, years, and each notice day's line."""

    days_off: list[str]
    working_days: list[str]
    complete_years: list[int]
    notes: dict[str, str]


def with_notice(days_off: Iterable[date], working_days: Iterable[date], complete_years: Iterable[int],
                notes: Mapping[str, str], reading: NoticeReading) -> CalendarEntries:
    """The entries with the notice's year replaced by what the notice says; other years' days are kept."""
    if reading.year is None:
        raise ValueError("a notice without a year cannot be applied")
    year, named = reading.year, {d.day for d in reading.days}

    def kept(days: Iterable[date]) -> set[str]:
        return {d.isoformat() for d in days if d.year != year and d not in named}

    kept_notes = {k: v for k, v in notes.items() if date.fromisoformat(k).year != year}
    kept_notes.update({d.day.isoformat(): d.line for d in reading.days})
    return CalendarEntries(
        days_off=sorted(kept(days_off) | {d.isoformat() for d in reading.days_off}),
        working_days=sorted(kept(working_days) | {d.isoformat() for d in reading.working_days}),
        complete_years=sorted({*complete_years, year}), notes=dict(sorted(kept_notes.items())))


class _LineError(ValueError):
    """Why one festival line cannot be read."""


def read_notice(text: str, year: int | None = None) -> NoticeReading:
    """Every day off and make-up working day the notice names; `year` when the text does not say it."""
    lines = text.splitlines()
    normal = [unicodedata.normalize("NFKC", line).replace("\u3000", " ").strip() for line in lines]
    problems: list[NoticeProblem] = []
    stated = _notice_year(normal)
    if year is not None and stated is not None and stated != year:
        problems.append(NoticeProblem(0, "", f"the notice is for {stated}, not {year}"))
        return NoticeReading(year, (), tuple(problems))
    year = year or stated
    if year is None:
        problems.append(NoticeProblem(0, "", "the notice does not say its year (“关于2027年部分节假日安排”); "
                                             "give the year"))
        return NoticeReading(None, (), tuple(problems))
    days: dict[date, NoticeDay] = {}
    for number, (raw, line) in enumerate(zip(lines, normal, strict=True), 1):
        item = _ITEM.match(line)
        if item is None:
            if _DATE.search(line) and _KEYWORDS.search(line) and not line.startswith("经国务院批准"):
                problems.append(NoticeProblem(number, raw.strip(), _NOT_AN_ITEM))
            continue
        festival = item.group("names").strip()
        try:
            for day, off in _read_body(item.group("body"), year):
                previous = days.get(day)
                if previous is not None and previous.off != off:
                    raise _LineError(f"{day:%-m月%-d日} is also named as "
                                     f"{'a day off' if previous.off else 'a working day'} on line "
                                     f"{previous.line_number}")
                days[day] = NoticeDay(day, off, number, raw.strip(), festival)
        except _LineError as exc:
            problems.append(NoticeProblem(number, raw.strip(), str(exc)))
    if not days and not problems:
        problems.append(NoticeProblem(0, "", "no numbered festival line (“一、元旦：…”) was found in the text"))
    return NoticeReading(year, tuple(sorted(days.values(), key=lambda d: d.day)), tuple(problems))


def _notice_year(lines: list[str]) -> int | None:
    for line in lines:
        found = _YEAR.search(line)
        if found:
            return int(found.group(1))
    return None


def _read_body(body: str, year: int) -> list[tuple[date, bool]]:
    if body.count("(") != body.count(")"):
        raise _LineError("a parenthesis is not closed: the line looks cut")
    if not body.endswith(("。", ".")):
        raise _LineError("the line does not end with “。”: it looks cut")
    found: list[tuple[date, bool]] = []
    context = _Context(year)
    for sentence in re.split(r"[。;]", body):
        sentence = sentence.strip().rstrip(".")
        if not sentence or sentence.startswith("其中"):  # “其中，…”: an explanation of days already named
            continue
        found.extend(_read_sentence(sentence, context))
    if not any(off for _day, off in found):
        raise _LineError("no day off found in the line")
    return found


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
            raise _LineError(f"“{match.group(0)}” has no month")
        try:
            day = date(self.year, self.month, int(match.group("day")))
        except ValueError:
            raise _LineError(f"{self.year}年{self.month}月{match.group('day')}日 does not exist") from None
        note = match.group("note") or ""
        weekday = _WEEKDAY.search(note)
        if weekday and _WEEKDAYS[weekday.group(1)] != day.weekday():
            raise _LineError(f"{day:%Y-%m-%d} is not a {weekday.group(0)}")
        return day


def _read_sentence(sentence: str, context: _Context) -> list[tuple[date, bool]]:
    # Commas inside parentheses (“（农历腊月二十八，周日）”) are not clause breaks.
    clauses = _split_outside_parentheses(sentence)
    found: list[tuple[date, bool]] = []
    last_range: list[date] = []
    for clause in clauses:
        clause = clause.strip()
        if not clause:
            continue
        count = _COUNT.match(clause)
        if count:
            _check_count(last_range, int(count.group("count")), clause)
            continue
        if _IGNORED.match(clause):
            continue
        span = _RANGE.match(clause)
        if span:
            first = _only_date(span.group("first"), context)
            last = _only_date(span.group("last"), context)
            if last < first:
                raise _LineError(f"“{clause}” ends before it starts")
            if (last - first).days > 31:
                raise _LineError(f"“{clause}” is longer than any holiday")
            words = _OFF_WORDS.match(span.group("rest").strip())
            if words is None:
                raise _LineError(f"cannot tell what “{clause}” means: a range should be followed by 放假")
            last_range = [first + timedelta(days=n) for n in range((last - first).days + 1)]
            if words.group("count"):
                _check_count(last_range, int(words.group("count")), clause)
            found.extend((day, True) for day in last_range)
            continue
        dates, rest = _leading_dates(clause, context)
        if not dates:
            raise _LineError(f"cannot read “{clause}”")
        rest = rest.strip()
        off_words = _OFF_WORDS.match(rest)
        if off_words or rest in ("补休", "休息"):
            last_range = dates
            if off_words and off_words.group("count"):
                _check_count(dates, int(off_words.group("count")), clause)
            found.extend((day, True) for day in dates)
        elif rest in ("上班", "上班调休"):
            found.extend((day, False) for day in dates)
        else:
            raise _LineError(f"cannot tell whether “{clause}” is a day off or a working day")
    return found


def _split_outside_parentheses(text: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _only_date(text: str, context: _Context) -> date:
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise _LineError(f"“{text}” is not a date like 1月1日")
    return context.date_of(match)


def _leading_dates(clause: str, context: _Context) -> tuple[list[date], str]:
    """The dates a clause starts with (“2月14日（周六）、2月28日（周六）上班”), and the words after them."""
    dates: list[date] = []
    position = 0
    while True:
        match = _DATE.match(clause, position)
        if match is None:
            break
        dates.append(context.date_of(match))
        position = match.end()
        if clause[position:position + 1] in ("、", "和"):
            position += 1
    return dates, clause[position:]


def _check_count(days: list[date], count: int, clause: str) -> None:
    if days and len(days) != count:
        raise _LineError(f"“{clause}” says {count} days, but the dates give {len(days)}")

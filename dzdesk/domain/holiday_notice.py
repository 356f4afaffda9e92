"""The State Council's holiday notices, read as they are published.

Every November or December the General Office publishes the next year's arrangement as numbered festival lines
(“一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。”). Over the years the wording changed —
“放假公休”, “补休”, “与周末连休”, “放假1天，不调休”, two festivals sharing a line, the label on a line of its own,
weekdays as 星期六 or 周六 or not at all, ranges that cross a month or a year — and text pasted from a web page mixes
full-width and half-width punctuation. The reader accepts all of these, checks what the notice states about itself
(weekdays, “共N天”), and refuses a line it cannot read instead of guessing: a reading with any problem applies
nothing.

Now and then a later notice of the same year changes the arrangement: 2015's 9月3日 commemoration day, 2019's longer
劳动节, 2020's longer 春节. Such a supplement is read as a notice of its own: pasted after the year's notice, its days
win over what the earlier notice said about them; pasted alone, the reading says it is a supplement, and
`with_notice` adds its days to the year instead of replacing the year with them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from dzdesk.domain.holiday_notice_lines import Extension, LineError, names_days, read_arrangement

_NUMBERED = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.]\s*(?P<rest>.*)$")
_LABEL = re.compile(r"^(?P<names>[^:]{1,30}?)\s*:\s*(?P<body>.*)$")
_TITLE_START = re.compile(r"^国务院(?:办公厅)?关于")
_SALUTATION = re.compile(r"^各省、自治区")
_DOCUMENT_NUMBER = re.compile(r"〔\d{4}〕\s*\d+\s*号$")
_FESTIVALS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
_STATED_YEAR = re.compile(r"(\d{4})年\s*(?:部分节假日|元旦|春节|清明|劳动节|端午|中秋|国庆)")
_ANY_YEAR = re.compile(r"(\d{4})年")
_SIGNATURE_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_CHANGES = re.compile(r"现将(?:调整|延长)")
_INTRO = re.compile(r"通知如下")
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
    """What a pasted text says. `supplement` is True when the text holds only notices that change a year's
    arrangement (no yearly notice): its days are added to the year, not put in place of the year."""

    year: int | None
    days: tuple[NoticeDay, ...] = ()
    problems: tuple[NoticeProblem, ...] = field(default_factory=tuple)
    supplement: bool = False

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
    """The entries with what the notice says.

    A yearly notice is the whole of its year, so that year's days are replaced by the notice's (days of other
    years are kept, except those the notice itself names, such as 元旦 starting on 31 December) and the year is
    marked complete. A supplement says nothing about the rest of the year: only the days it names change, and the
    year is not marked complete by it."""
    if reading.year is None:
        raise ValueError("a notice without a year cannot be applied")
    year, named = reading.year, {d.day for d in reading.days}

    def kept(days: Iterable[date]) -> set[str]:
        return {d.isoformat() for d in days if d not in named and (reading.supplement or d.year != year)}

    kept_notes = {k: v for k, v in notes.items() if date.fromisoformat(k) not in named
                  and (reading.supplement or date.fromisoformat(k).year != year)}
    kept_notes.update({d.day.isoformat(): d.line for d in reading.days})
    years = set(complete_years) if reading.supplement else {*complete_years, year}
    return CalendarEntries(
        days_off=sorted(kept(days_off) | {d.isoformat() for d in reading.days_off}),
        working_days=sorted(kept(working_days) | {d.isoformat() for d in reading.working_days}),
        complete_years=sorted(years), notes=dict(sorted(kept_notes.items())))


@dataclass(frozen=True)
class _Section:
    """One notice inside the pasted text, as line indexes: its title, and where its arrangement starts."""

    start: int
    end: int
    subject: str  # the title, or the “现将…通知如下” sentence when there is no title
    body_start: int
    supplement: bool
    year: int | None
    year_line: int

    @property
    def festival(self) -> str:
        """What a supplement's unlabelled lines are about: the festivals it names, else its title."""
        named = [name for name in _FESTIVALS if name in self.subject]
        core = re.sub(r"^国务院(?:办公厅)?关于|的通知$", "", self.subject)
        return "、".join(named) or core


@dataclass(frozen=True)
class _Entry:
    """A line (or a label and the line after it) to read as an arrangement."""

    line_number: int
    line: str
    body: str
    festival: str
    prose: bool = False


def read_notice(text: str, year: int | None = None) -> NoticeReading:
    """Every day off and make-up working day the text names; `year` when the text does not say it.

    The text may hold a yearly notice followed by the supplements that later changed it; a later notice's word on a
    day wins over an earlier one's."""
    raw = [line.strip() for line in text.splitlines()]
    normal = [unicodedata.normalize("NFKC", line).replace("\u3000", " ").strip() for line in raw]
    sections = [_section(normal, start, end) for start, end in _bounds(normal)]
    supplement = bool(sections) and all(s.supplement for s in sections)
    stated = [s for s in sections if s.year is not None]
    year = year or (stated[0].year if stated else None)
    if year is None:
        why = "the notice does not say its year (“关于2027年部分节假日安排”); give the year"
        return NoticeReading(None, (), (NoticeProblem(0, "", why),), supplement)
    wrong = [NoticeProblem(s.year_line + 1, raw[s.year_line], f"the notice is for {s.year}, not {year}")
             for s in stated if s.year != year]
    if wrong:
        return NoticeReading(year, (), tuple(wrong), supplement)
    problems: list[NoticeProblem] = []
    for earlier, later in itertools.pairwise(sections):
        if earlier.supplement and not later.supplement:
            problems.append(NoticeProblem(later.start + 1, raw[later.start],
                                          "the year's notice comes after a notice that changes it: put the year's "
                                          "notice first, then the later ones, in the order they were published"))
    days: dict[date, NoticeDay] = {}
    for section in sections:
        days.update(_read_section(section, raw, normal, year, days, problems))
    if not days and not problems:
        problems.append(NoticeProblem(0, "", "no numbered festival line (“一、元旦：…”) was found in the text"))
    return NoticeReading(year, tuple(sorted(days.values(), key=lambda d: d.day)), tuple(problems), supplement)


def _bounds(lines: list[str]) -> list[tuple[int, int]]:
    """Where each notice starts: at a title (“国务院办公厅关于…”) or a salutation after one notice already began."""
    bounds, start, greeted, numbered = [], 0, False, False
    for index, line in enumerate(lines):
        salutation = bool(_SALUTATION.match(line))
        if index > start and ((_TITLE_START.match(line) and (greeted or numbered)) or (salutation and greeted)):
            bounds.append((start, index))
            start, greeted, numbered = index, False, False
        greeted |= salutation
        numbered |= bool(_NUMBERED.match(line))
    bounds.append((start, len(lines)))
    return bounds


def _section(lines: list[str], start: int, end: int) -> _Section:
    """A notice's title, kind and year. A title without “部分节假日安排”, or “现将调整/延长…”, marks a supplement."""

    def first(pattern: re.Pattern[str]) -> int | None:
        return next((i for i in range(start, end) if pattern.search(lines[i])), None)

    salutation, intro, numbered = first(_SALUTATION), first(_INTRO), first(_NUMBERED)
    title_end = min((i for i in (salutation, intro, numbered) if i is not None), default=end)
    title = ""
    if start < end and _TITLE_START.match(lines[start]):
        title = "".join(lines[i] for i in range(start, title_end) if not _DOCUMENT_NUMBER.search(lines[i]))
        title = title.replace(" ", "")
    intro_line = lines[intro] if intro is not None else ""
    supplement = bool(title and "部分节假日安排" not in title) or bool(_CHANGES.search(intro_line))
    body_start = intro + 1 if intro is not None else salutation + 1 if salutation is not None else title_end
    year, year_line = _year(lines, start, end, title, intro, supplement, body_start)
    return _Section(start, end, title or intro_line, body_start, supplement, year, year_line)


def _year(lines: list[str], start: int, end: int, title: str, intro: int | None, supplement: bool,
          body_start: int) -> tuple[int | None, int]:
    """The year a notice is for, and the line that says it: the title's, else the “现将…” sentence's. A yearly
    notice may say it in any line (“2027年元旦”); a supplement without it in its title says it in its first
    paragraph (2015: “2015年是…”), while its signature's date does not count."""
    found = _STATED_YEAR.search(title)
    if found:
        return int(found.group(1)), start
    if intro is not None and (found := _STATED_YEAR.search(lines[intro])):
        return int(found.group(1)), intro
    for index in range(start, end) if not supplement else range(body_start, end):
        if _SIGNATURE_DATE.match(lines[index]):
            continue
        found = (_ANY_YEAR if supplement else _STATED_YEAR).search(lines[index])
        if found:
            return int(found.group(1)), index
    return None, start


def _entries(section: _Section, raw: list[str], normal: list[str],
             problems: list[NoticeProblem]) -> list[_Entry]:
    """The lines of a notice to read, each with its festival; a line that names days where none should is a problem.

    The yearly notice's days are in numbered festival lines (“一、元旦：…”; 2012 puts “一、元旦：” on a line of its
    own and the arrangement on the next). A supplement may number its lines without a festival label (2019) or be
    one paragraph (2015); anything after the “…通知如下” sentence is read, the preamble before it is not."""
    body = range(section.body_start, section.end)
    prose = section.supplement and not any(
        _NUMBERED.match(normal[i]) and names_days(normal[i]) for i in body)
    entries: list[_Entry] = []
    joined: set[int] = set()
    for index in body:
        if index in joined:
            continue
        line, number = normal[index], index + 1
        numbered = _NUMBERED.match(line)
        label = _LABEL.match(numbered.group("rest")) if numbered and not prose else None
        if label is None:
            if names_days(line) and (prose or (numbered and section.supplement)):
                rest = numbered.group("rest") if numbered else line
                entries.append(_Entry(number, raw[index], rest, section.festival, prose=prose))
            elif names_days(line):
                problems.append(NoticeProblem(number, raw[index], _NOT_AN_ITEM))
            continue
        text, arrangement = raw[index], label.group("body")
        following = index + 1
        if not arrangement and following < section.end and not _NUMBERED.match(normal[following]) \
                and names_days(normal[following]):
            text, arrangement = text + raw[following], normal[following]
            joined.add(following)
        # A yearly notice's festival line is read even when it names nothing, so that a cut one is refused.
        if names_days(arrangement) or not section.supplement:
            entries.append(_Entry(number, text, arrangement, label.group("names").strip()))
    return entries


def _read_section(section: _Section, raw: list[str], normal: list[str], year: int,
                  earlier: Mapping[date, NoticeDay], problems: list[NoticeProblem]) -> dict[date, NoticeDay]:
    """The days one notice names. Within a notice a day named both off and working is a problem; against an earlier
    notice it is not, since a later notice may change a day."""
    days: dict[date, NoticeDay] = {}
    for entry in _entries(section, raw, normal, problems):
        try:
            arrangement = read_arrangement(entry.body, year, entry.prose)
            named = [(day, off, entry.festival) for day, off in arrangement.days]
            if arrangement.extension is not None:
                extension = arrangement.extension
                named += [(day, True, extension.festival) for day in _extended(extension, earlier)]
            line_days: dict[date, NoticeDay] = {}
            for day, off, festival in named:
                previous = line_days.get(day) or days.get(day)
                if previous is not None and previous.off != off:
                    raise LineError(f"{day:%-m月%-d日} is also named as "
                                    f"{'a day off' if previous.off else 'a working day'} on line "
                                    f"{previous.line_number}")
                line_days[day] = NoticeDay(day, off, entry.line_number, entry.line, festival)
        except LineError as exc:
            problems.append(NoticeProblem(entry.line_number, entry.line, str(exc)))
        else:
            days.update(line_days)
    return days


def _extended(extension: Extension, earlier: Mapping[date, NoticeDay]) -> list[date]:
    """The days an extension adds: from the day after the festival's last day off, as the earlier notice has it, to
    the new last day. Without that notice the first of them is unknown, so the line is refused."""
    festival_days = [d.day for d in earlier.values()
                     if d.off and extension.festival in re.split(r"[、,和]", d.festival)]
    if not festival_days:
        raise LineError(f"“{extension.clause}” extends the {extension.festival} holiday of the year's notice, which "
                        "is not in the text: paste the year's notice first and this one after it")
    last = max(festival_days)
    if extension.through <= last:
        raise LineError(f"“{extension.clause}” ends on or before {last:%-m月%-d日}, the last day of the holiday "
                        "it extends")
    if (extension.through - last).days > 31:
        raise LineError(f"“{extension.clause}” is longer than any holiday")
    return [last + timedelta(days=n) for n in range(1, (extension.through - last).days + 1)]

"""The training roster import under hostile files: whatever the bytes, the answer is a preview or a `TableFileError`
in words; a valid roster comes back exactly as written, with the row numbers a person sees; and a file with one
bad row names that row and writes nothing to the real database.

Profiles: see `tests/property/conftest.py` (``DZDESK_HYPOTHESIS_PROFILE=thorough`` for a long search).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st
from openpyxl import Workbook

from dzdesk.domain.training import RosterEntry
from dzdesk.imports.roster import FIELDS, SYNONYMS, read_roster
from dzdesk.imports.table_file import TableFileError
from dzdesk.store.training_repo import TrainingDraft, find_training, roster_entries, save_training
from tests.property import fewer, run_command

# Letters people's names and units are written in; no CSV separators, so the sniffer sees one dialect.
_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_LATIN = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_WORDY = st.one_of(_HAN, _HAN, _LATIN, st.sampled_from("·（）-"))
names = st.text(_WORDY, min_size=1, max_size=12).filter(lambda s: s.strip() == s and s[0] not in "-")
units = st.text(_WORDY, max_size=30).filter(lambda s: s.strip() == s and not s.startswith("-"))
mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
landlines = st.builds(lambda area, number: f"{area}-{number}", st.sampled_from(["0818", "028", "0817"]),
                      st.from_regex(r"[2-8][0-9]{6,7}", fullmatch=True))
phones = st.one_of(st.just(""), mobiles, landlines)

entries = st.builds(RosterEntry, name=names, unit=units, department=units, phone=phones, role=units)
# A roster without duplicates: no phone twice, no name and unit twice.
rosters = st.lists(entries, min_size=1, max_size=8, unique_by=(lambda e: (e.name, e.unit),
                                                                lambda e: e.phone or object()))


def csv_bytes(rows: list[list[str]], encoding: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[str]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def assert_sound_preview_or_refusal(path: Path) -> None:
    """The documented outcomes only: a preview whose every refused row names itself with reasons, or a refusal
    of the whole file whose message names the file. Any other exception fails the test by escaping."""
    try:
        result = read_roster(path)
    except TableFileError as exc:
        assert str(exc).startswith(f"{path.name}: ") or "no column holds the names" in str(exc)
        assert len(str(exc)) > len(path.name) + 10
        return
    rows = [row for row, _ in result.entries] + [error.row for error in result.errors]
    assert len(rows) == len(set(rows)), "a row is both accepted and refused, or reported twice"
    assert all(row >= 2 for row in rows), "row 1 holds the headers"
    for error in result.errors:
        assert error.reasons and all(reason.strip() for reason in error.reasons)
        assert str(error).startswith(f"row {error.row}: ")
    for _row, entry in result.entries:
        assert entry.problems() == [], "an accepted entry must also pass the store's own check"


@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx"]))
@example(content=b"", suffix=".csv")
@example(content=b"\xff\xfe\x00\x00", suffix=".csv")
@example(content="姓名,单位\n\"张三,".encode() + b"x" * 140_000, suffix=".csv")  # an unclosed quote, a huge cell
@example(content=b"PK\x03\x04 not really a workbook", suffix=".xlsx")
def test_any_bytes_give_a_preview_or_a_refusal_in_words(tmp_path_factory, content: bytes, suffix: str) -> None:
    """Bureaus send whatever their program saved; nothing in a file may crash the import dialog."""
    path = tmp_path_factory.mktemp("bytes") / f"roster{suffix}"
    path.write_bytes(content)
    assert_sound_preview_or_refusal(path)


@given(rows=st.lists(st.lists(st.text(max_size=15), max_size=6), max_size=8),
       header=st.lists(st.sampled_from([w for words in SYNONYMS.values() for w in words] + ["备注", ""]),
                       min_size=1, max_size=6),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_any_cells_under_roster_headers_are_checked_row_by_row(tmp_path_factory, rows: list[list[str]],
                                                                header: list[str], encoding: str) -> None:
    """Well-formed CSV with arbitrary cell text (control characters, emoji, digits of other scripts, long
    strings) under plausible headers: every row is accepted cleanly or refused with its number."""
    path = tmp_path_factory.mktemp("cells") / "roster.csv"
    path.write_bytes(csv_bytes([header, *rows], encoding))
    assert_sound_preview_or_refusal(path)


@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=6))
@fewer(2)
def test_a_damaged_workbook_is_refused_in_words(tmp_path_factory, flips: list[tuple[int, int]]) -> None:
    """A workbook damaged in transit (a USB stick pulled early, a truncated mail attachment) fails somewhere in
    zip, zlib, XML or openpyxl; whichever it is, the person reads one sentence about the file."""
    data = bytearray(xlsx_bytes([["姓名", "单位", "手机号"], ["张三", "达川区住建局", "13980861234"]]))
    for position, value in flips:
        data[position % len(data)] = value
    path = tmp_path_factory.mktemp("damaged") / "roster.xlsx"
    path.write_bytes(bytes(data))
    assert_sound_preview_or_refusal(path)


@st.composite
def written_rosters(draw: st.DrawFn) -> tuple[list[RosterEntry], list[list[str]], list[int]]:
    """A roster laid out as bureaus do: fields in any order under any synonym, blank rows in between.

    Returns the entries, the rows to write, and the row number (1-based, as the spreadsheet shows it) of each entry.
    """
    people = draw(rosters)
    order = draw(st.permutations(FIELDS))
    header = [draw(st.sampled_from(SYNONYMS[f])) for f in order]
    rows: list[list[str]] = [header]
    numbers = []
    for person in people:
        if draw(st.booleans()) and draw(st.booleans()):
            rows.append([""] * len(header))
        rows.append([getattr(person, f) for f in order])
        numbers.append(len(rows))
    return people, rows, numbers


@given(written=written_rosters(), kind=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "xlsx"]))
@fewer(2)
def test_a_valid_roster_comes_back_exactly_with_its_row_numbers(
        tmp_path_factory, written: tuple[list[RosterEntry], list[list[str]], list[int]], kind: str) -> None:
    people, rows, numbers = written
    folder = tmp_path_factory.mktemp("valid")
    if kind == "xlsx":
        path = folder / "roster.xlsx"
        path.write_bytes(xlsx_bytes(rows))
    else:
        path = folder / "roster.csv"
        path.write_bytes(csv_bytes(rows, kind))
    result = read_roster(path)
    assert result.errors == []
    assert result.entries == list(zip(numbers, people, strict=True))
    assert result.encoding == {"utf-8-sig": "utf-8"}.get(kind, kind)


# One way each to spoil a row; the reason must say which.
_SPOILERS = {
    "no name": (lambda e, _other: RosterEntry("", e.unit, e.department, e.phone, e.role), "the name is empty"),
    "long name": (lambda e, _other: RosterEntry("张" * 41, e.unit, e.department, e.phone, e.role), "40 characters"),
    "bad phone": (lambda e, _other: RosterEntry(e.name, e.unit, e.department, "123", e.role), "phone number"),
    "full-width phone": (lambda e, _other: RosterEntry(e.name, e.unit, e.department, "１３９８０８６１２３４", e.role),
                         "phone number"),
    "same phone": (lambda e, other: RosterEntry(e.name + "乙", e.unit, e.department, other.phone, e.role),
                   "same phone number"),
    "same person": (lambda e, other: RosterEntry(other.name, other.unit, e.department, "", e.role),
                    "same name and unit"),
}


@st.composite
def rosters_with_one_bad_row(draw: st.DrawFn) -> tuple[list[RosterEntry], int, str]:
    """A valid roster with one row spoiled after its first; returns all entries, the bad one's index and the
    words its reason must contain."""
    people = draw(rosters.filter(lambda p: len(p) >= 2))
    index = draw(st.integers(1, len(people) - 1))
    kind = draw(st.sampled_from(sorted(_SPOILERS)))
    if kind == "same phone" and not people[0].phone:
        people[0] = RosterEntry(people[0].name, people[0].unit, people[0].department, "13980861234",
                                people[0].role)
        people = [p if i == 0 or p.phone != "13980861234" else RosterEntry(p.name, p.unit, p.department, "", p.role)
                  for i, p in enumerate(people)]
    spoil, words = _SPOILERS[kind]
    people[index] = spoil(people[index], people[0])
    return people, index, words


@given(case=rosters_with_one_bad_row(), encoding=st.sampled_from(["utf-8-sig", "gbk"]))
@fewer(4)
def test_a_file_with_one_bad_row_names_it_and_writes_nothing(store, data_dir, fingerprint, quiet_logging,
                                                              tmp_path_factory,
                                                              case: tuple[list[RosterEntry], int, str],
                                                              encoding: str) -> None:
    """`dzdesk trainings import-roster` against the real SQLite file: refused whole, the bad row named."""
    people, bad_index, words = case
    with store.transaction() as session:
        training_id = save_training(session, TrainingDraft("系统操作培训", datetime(2026, 11, 25, 1, tzinfo=UTC))).id
    path = tmp_path_factory.mktemp("bad") / "roster.csv"
    path.write_bytes(csv_bytes([["姓名", "单位", "科室", "电话", "职务"],
                                *[[p.name, p.unit, p.department, p.phone, p.role] for p in people]], encoding))
    before = fingerprint()

    code, _out, err = run_command("trainings", "import-roster", training_id, str(path), "--data-dir",
                                  str(data_dir.root))

    assert code == 1
    bad_line = next(line for line in err.splitlines() if line.startswith(f"roster.csv: row {bad_index + 2}: "))
    assert words in bad_line
    assert "nothing was imported" in err
    assert fingerprint() == before


@given(people=rosters)
@fewer(4)
def test_a_valid_file_lands_on_the_roster_exactly(store, data_dir, quiet_logging, tmp_path_factory,
                                                 people: list[RosterEntry]) -> None:
    """The other half of the import: a valid file is stored whole and reads back as written."""
    with store.transaction() as session:
        training_id = save_training(session, TrainingDraft("系统操作培训", datetime(2026, 11, 25, 1, tzinfo=UTC))).id
    path = tmp_path_factory.mktemp("good") / "roster.xlsx"
    path.write_bytes(xlsx_bytes([["name", "unit", "dept", "mobile", "role"],
                                 *[[p.name, p.unit, p.department, p.phone, p.role] for p in people]]))

    code, out, err = run_command("trainings", "import-roster", training_id, str(path), "--data-dir",
                                 str(data_dir.root))

    assert code == 0, err
    assert f"{len(people)} people added" in out
    with store.session() as session:
        training = find_training(session, training_id)
        assert training is not None
        assert roster_entries(training) == people

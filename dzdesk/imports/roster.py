"""A training roster from a spreadsheet: columns found by their Chinese or English headers, every bad row named.

The result is a preview: valid entries and the rows that were refused, with the reasons. Nothing is stored until
the person confirms, and a file with any bad row is not imported by the command line at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from dzdesk.domain.training import RosterEntry, RosterProblem
from dzdesk.imports.table_file import TableFile, TableFileError, read_table

FIELDS = ("name", "unit", "department", "phone", "role")
FIELD_LABELS_ZH = {"name": "姓名", "unit": "单位", "department": "科室/部门", "phone": "电话", "role": "职务"}
SYNONYMS = {
    "name": ("姓名", "名字", "参训人", "学员", "name"),
    "unit": ("单位", "工作单位", "所在单位", "单位名称", "企业", "企业名称", "unit", "company", "organization"),
    "department": ("科室", "部门", "科室/部门", "所在部门", "department", "dept"),
    "phone": ("电话", "手机", "手机号", "手机号码", "联系电话", "联系方式", "phone", "mobile", "tel"),
    "role": ("职务", "岗位", "角色", "职位", "role", "title", "position"),
}


@dataclass(frozen=True)
class RowError:
    row: int
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"row {self.row}: " + "; ".join(self.reasons)


@dataclass
class RosterPreview:
    mapping: dict[str, int]
    entries: list[tuple[int, RosterEntry]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    encoding: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """The column of each field, by its header; unknown headers are left for the person to map."""
    mapping: dict[str, int] = {}
    normalised = [h.strip().lower().replace(" ", "") for h in headers]
    for name, words in SYNONYMS.items():
        for index, header in enumerate(normalised):
            if header in words and index not in mapping.values():
                mapping[name] = index
                break
    return mapping


def preview(table: TableFile, mapping: dict[str, int] | None = None,
            existing: list[RosterEntry] | tuple[RosterEntry, ...] = ()) -> RosterPreview:
    mapping = guess_mapping(table.headers) if mapping is None else mapping
    if "name" not in mapping:
        found = "、".join(h for h in table.headers if h) or "none"
        raise TableFileError(f"no column holds the names (a header like 姓名 or name); the headers are: {found}")
    result = RosterPreview(mapping=mapping, encoding=table.encoding)
    by_phone: dict[str, int] = {e.phone: 0 for e in existing if e.phone}
    by_name_unit: dict[tuple[str, str], int] = {(e.name, e.unit): 0 for e in existing}
    for row_number, cells in table.rows:
        entry = RosterEntry(**{f: cells[i] if i < len(cells) else "" for f, i in mapping.items()}).normalised()
        reasons = [p.value for p in entry.problems()]
        if entry.phone and entry.phone in by_phone:
            other = by_phone[entry.phone]
            reasons.append("the phone number is already on the roster" if other == 0
                           else RosterProblem.DUPLICATE_PHONE.value.format(other=other))
        key = (entry.name, entry.unit)
        if entry.name and key in by_name_unit:
            other = by_name_unit[key]
            reasons.append("the same name and unit are already on the roster" if other == 0
                           else RosterProblem.DUPLICATE_NAME_UNIT.value.format(other=other))
        if reasons:
            result.errors.append(RowError(row_number, tuple(reasons)))
            continue
        if entry.phone:
            by_phone[entry.phone] = row_number
        by_name_unit[key] = row_number
        result.entries.append((row_number, entry))
    return result


def read_roster(path: Path, existing: list[RosterEntry] | tuple[RosterEntry, ...] = ()) -> RosterPreview:
    return preview(read_table(path), existing=existing)

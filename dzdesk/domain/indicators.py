"""Approval indicators of the city and its districts: what is measured, how a month's figures compare, and when a
change deserves a flag (contract 003, sections 2–3: "grasp, analyse and improve the data").

Pure data and arithmetic; the store keeps the values and the team's notes, the UI and reports show them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

from dzdesk.domain.labels import Labelled, set_labels


class Unit(StrEnum):
    PERCENT = "%"
    DAYS = "天"
    ITEMS = "件"


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: Unit
    higher_is_better: bool
    target: float | None = None
    threshold_pct: float = 10.0  # a month-on-month move beyond this (relative, in %) is flagged
    synonyms: tuple[str, ...] = ()  # other column titles the exports use for it


DEFAULT_INDICATORS: tuple[Indicator, ...] = (
    Indicator("approval_days", "全流程审批时间", Unit.DAYS, False, 60.0, 10.0,
              ("审批时间", "审批总用时", "全流程审批用时", "审批用时(天)", "平均审批时间")),
    Indicator("items_handled", "办件量", Unit.ITEMS, True, None, 30.0, ("办件数", "受理件数", "办理件数")),
    Indicator("on_time_rate", "按时办结率", Unit.PERCENT, True, 97.0, 3.0, ("按时办结", "办结及时率", "按期办结率")),
    Indicator("online_rate", "网上申报率", Unit.PERCENT, True, 90.0, 5.0, ("网上申报", "网办率", "全程网办率")),
    Indicator("overdue_items", "超期件数", Unit.ITEMS, False, 3.0, 100.0, ("超期件", "逾期件数", "超期办件")),
    Indicator("satisfaction_rate", "满意度", Unit.PERCENT, True, 97.0, 3.0, ("满意率", "好评率", "群众满意度")),
)


class FlagKind(Labelled):
    MOVED = "moved"  # changed beyond the threshold since last month
    MISSED_TARGET = "missed_target"
    LAST = "last"  # ranks last among the districts


set_labels(FlagKind, {FlagKind.MOVED: ("环比异常变动", "moved beyond its threshold"),
                      FlagKind.MISSED_TARGET: ("未达目标", "missed its target"),
                      FlagKind.LAST: ("排名末位", "ranks last")})


class BadValueError(ValueError):
    """A cell that is not a number of the indicator's kind; the message says what was found."""


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def parse_value(text: str, unit: Unit) -> float | None:
    """A figure as exports write it: `95%`, `0.95` and `95` are all 95 % for a percentage. Empty means missing.

    A fraction is recognised by its decimal point and a value of at most 1: `0.5` is 50 %, while `1` and `1%`
    are 1 %. Thousands separators and a trailing unit (天, 件) are allowed.
    """
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    if cleaned in ("", "-", "—", "/"):
        return None
    percent = cleaned.endswith(("%", "％"))
    if percent:
        cleaned = cleaned[:-1]
    for suffix in ("天", "件", "日"):
        if cleaned.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
    if not _NUMBER.match(cleaned):
        raise BadValueError(f"'{text.strip()}' is not a number")
    value = float(cleaned)
    if not math.isfinite(value):
        raise BadValueError(f"'{text.strip()}' is too large to be a figure")
    if unit is Unit.PERCENT:
        if not percent and "." in cleaned and value <= 1.0:
            value *= 100
        if not 0 <= value <= 100:
            raise BadValueError(f"'{text.strip()}' is not a percentage between 0 and 100")
    elif percent:
        raise BadValueError(f"'{text.strip()}' is a percentage, but this indicator counts {unit.value}")
    elif value < 0:
        raise BadValueError(f"'{text.strip()}' is negative")
    return round(value, 4)


def change_pct(current: float | None, previous: float | None) -> float | None:
    """The relative change in %, or None when either value is missing or the base is zero."""
    if current is None or previous is None or previous == 0:
        return None
    return (current - previous) / abs(previous) * 100


def ranks(values: dict[str, float | None], higher_is_better: bool) -> dict[str, int]:
    """Competition ranking (1, 2, 2, 4) of the areas that have a value; ties share the better rank."""
    present = {area: value for area, value in values.items() if value is not None}
    ordered = sorted(present.values(), reverse=higher_is_better)
    return {area: ordered.index(value) + 1 for area, value in present.items()}


def distance_to_target(indicator: Indicator, value: float | None) -> float | None:
    """How far the value is from the target, positive when it is on the good side."""
    if value is None or indicator.target is None:
        return None
    return value - indicator.target if indicator.higher_is_better else indicator.target - value


@dataclass(frozen=True)
class Cell:
    """One area's figure for one indicator in one month, with everything the analysis says about it."""

    area: str
    indicator: Indicator
    value: float | None
    previous: float | None  # last month
    year_ago: float | None
    rank: int | None
    ranked: int  # how many areas were ranked
    flags: tuple[FlagKind, ...]

    @property
    def mom_pct(self) -> float | None:
        return change_pct(self.value, self.previous)

    @property
    def yoy_pct(self) -> float | None:
        return change_pct(self.value, self.year_ago)

    @property
    def to_target(self) -> float | None:
        return distance_to_target(self.indicator, self.value)


def analyse(indicator: Indicator, areas: list[str], ranked_areas: list[str], values: dict[str, float | None],
            previous: dict[str, float | None], year_ago: dict[str, float | None]) -> list[Cell]:
    """The month's cells of one indicator. Only `ranked_areas` (the districts, not the city as a whole) compete
    for a rank and can be last."""
    rank_of = ranks({a: values.get(a) for a in ranked_areas}, indicator.higher_is_better)
    worst = max(rank_of.values(), default=0)
    ranked = len(rank_of)
    cells = []
    for area in areas:
        value = values.get(area)
        flags = []
        moved = change_pct(value, previous.get(area))
        if moved is not None and abs(moved) > indicator.threshold_pct + 1e-9:
            flags.append(FlagKind.MOVED)
        to_target = distance_to_target(indicator, value)
        if to_target is not None and to_target < -1e-9:
            flags.append(FlagKind.MISSED_TARGET)
        rank = rank_of.get(area)
        if rank is not None and ranked > 1 and rank == worst and not math.isclose(
                min(v for v in (values.get(a) for a in ranked_areas) if v is not None),
                max(v for v in (values.get(a) for a in ranked_areas) if v is not None)):
            flags.append(FlagKind.LAST)
        cells.append(Cell(area, indicator, value, previous.get(area), year_ago.get(area), rank, ranked,
                          tuple(flags)))
    return cells


def format_value(value: float | None, unit: Unit) -> str:
    if value is None:
        return "—"
    if unit is Unit.PERCENT:
        return f"{value:.1f}%"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"

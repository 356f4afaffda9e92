"""A year of monthly approval indicators for the city and its districts, with a few anomalies a team would notice:
渠县's approval time jumps in September, 万源市's online rate drops in June, 开江县's satisfaction falls in October."""

from __future__ import annotations

from dzdesk.demo.context import DemoContext
from dzdesk.domain.indicators import DEFAULT_INDICATORS, FlagKind, Unit
from dzdesk.domain.timefmt import to_local
from dzdesk.store.indicator_repo import ensure_default_indicators, save_note, save_values, shift_month

# (area, indicator, month number): factor applied to the usual value
ANOMALIES = {("渠县", "approval_days", 9): 1.45, ("万源市", "online_rate", 6): 0.8,
             ("开江县", "satisfaction_rate", 10): 0.93, ("达川区", "overdue_items", 4): 6.0}
NOTES = [("渠县", "approval_days", 9, FlagKind.MOVED, "县住建局审批人员调整，联合审图排队积压。",
          "已协调审图机构增派人员，运维团队每周跟踪积压件。"),
         ("万源市", "online_rate", 6, FlagKind.MOVED, "乡镇网络改造期间窗口代为线下收件。",
          "网络恢复后组织补录，并培训窗口人员引导企业网上申报。")]
BASE = {"approval_days": 55.0, "items_handled": 80.0, "on_time_rate": 98.5, "online_rate": 91.0,
        "overdue_items": 1.0, "satisfaction_rate": 98.6}


def fill(demo: DemoContext) -> int:
    rng, session = demo.rng, demo.session
    ensure_default_indicators(session)
    areas = demo.catalogue.districts
    character = {area: rng.uniform(0.85, 1.15) for area in areas}
    last = to_local(demo.now)
    last_month = shift_month(f"{last.year:04d}-{last.month:02d}", -1)  # this month's figures are not out yet
    count = 0
    for back in range(12, -1, -1):
        month = shift_month(last_month, -back)
        number = int(month[5:])
        values: dict[tuple[str, str], float | None] = {}
        for area in areas:
            scale = 3.0 if "本级" in area else 1.0
            for indicator in DEFAULT_INDICATORS:
                base = BASE[indicator.code]
                if indicator.unit is Unit.PERCENT:
                    value = min(100.0, base + (character[area] - 1) * 4 + rng.gauss(0, 0.4))
                elif indicator.code == "items_handled":
                    value = round(base * scale * character[area] * rng.uniform(0.85, 1.15))
                elif indicator.code == "overdue_items":
                    value = float(max(0, round(rng.gauss(base * character[area], 1))))
                else:
                    value = base * character[area] * rng.uniform(0.95, 1.05)
                value *= ANOMALIES.get((area, indicator.code, number), 1.0)
                if indicator.unit is Unit.PERCENT:
                    value = min(100.0, value)
                values[(area, indicator.code)] = round(value, 1)
        save_values(session, month, values, "演示数据")
        count += len(values)
        for area, code, note_month, kind, cause, action in NOTES:
            if number == note_month:
                save_note(session, month, area, code, str(kind), cause, action)
    return count

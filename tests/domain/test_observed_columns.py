"""The figures over observed time made from columns of numbers are those the sweep gave before, to the last bit.

`observed_figures` hands its observations to `figures_from_columns` as timestamps, marks and the like, and the store
calls that directly; one vantage point without maintenance spans is summed without events at all. Both are checked
here against the sweep as it was (`observed_reference`) on times to the microsecond. Timestamps of this century
are all multiples of 2⁻²² s, so their differences add up exactly in any order; the histories drawn at random also
start a few seconds after 1970, where sums round, so that a change in the order of an addition shows there.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dzdesk.domain.calendar import SHANGHAI
from dzdesk.domain.observed import Observation, figures_from_columns, observed_figures
from tests.domain import observed_reference

START = datetime(2026, 3, 2, 7, 31, 12, 345678, tzinfo=SHANGHAI)
# Timestamps near 0, of all sizes and both signs: where an addition made in another order rounds otherwise.
EARLY = datetime(1970, 1, 1, 0, 0, 5, 123457, tzinfo=UTC)
PERIOD_US = 12 * 3600 * 10**6
VANTAGES = ("watcher", "zhang", "li")


def moments(origin: datetime) -> st.SearchStrategy[datetime]:
    return st.tuples(st.integers(-3 * 3600 * 10**6, PERIOD_US + 3600 * 10**6), st.sampled_from([SHANGHAI, UTC])).map(
        lambda pair: (origin + timedelta(microseconds=pair[0])).astimezone(pair[1]))


intervals = st.one_of(st.integers(-60, 3600), st.integers(-60, 3600 * 10**6).map(lambda us: timedelta(microseconds=us)))


def observations(origin: datetime, vantages: tuple[str, ...]) -> st.SearchStrategy[list[Observation]]:
    one = st.builds(Observation, moments(origin), st.booleans(), st.none() | st.floats(0, 10_000, allow_nan=False),
                    st.sampled_from([False, False, False, True]), st.sampled_from(vantages), intervals)
    return st.lists(one, max_size=80)


def spans(origin: datetime) -> st.SearchStrategy[list[tuple[datetime, datetime]]]:
    return st.lists(st.tuples(moments(origin), st.integers(0, 4 * 3600 * 10**6)), max_size=4).map(
        lambda pairs: [(s, s + timedelta(microseconds=length)) for s, length in pairs])


def period_end(origin: datetime) -> st.SearchStrategy[datetime]:
    return st.integers(0, PERIOD_US).map(lambda us: origin + timedelta(microseconds=us))


def with_copies(results: list[Observation], data: st.DataObject) -> list[Observation]:
    """Some results again, as a second sync would bring them, a few with another outcome."""
    copies = [r._replace(ok=data.draw(st.booleans()), latency_ms=data.draw(st.none() | st.floats(0, 500)))
              for r in data.draw(st.lists(st.sampled_from(results), max_size=10))] if results else []
    return results + copies


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.sampled_from([START, EARLY]), st.data())
def test_any_history_gives_the_figures_of_the_sweep_before(origin, data):
    results = with_copies(data.draw(observations(origin, VANTAGES)), data)
    data.draw(st.randoms()).shuffle(results)
    maintenance, end = data.draw(spans(origin)), data.draw(period_end(origin))
    assert observed_figures(results, origin, end, maintenance) == observed_reference.observed_figures(
        results, origin, end, maintenance)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(st.sampled_from([START, EARLY]), st.data())
def test_one_vantage_point_without_spans_gives_the_figures_of_the_sweep_before(origin, data):
    results = sorted(with_copies(data.draw(observations(origin, ("laptop",))), data), key=lambda r: r.started_at)
    end = data.draw(period_end(origin))
    assert observed_figures(results, origin, end) == observed_reference.observed_figures(results, origin, end)


def history(rng: random.Random, vantage: str, days: int, every: timedelta, interval: int) -> list[Observation]:
    """Checks every `every` with a few microseconds' jitter, outages, flagged ones and a few sleeps."""
    found = []
    at = START - timedelta(hours=1)
    while at < START + timedelta(days=days):
        if rng.random() < 0.002:
            at += timedelta(hours=rng.uniform(1, 12))  # the lid closed
        found.append(Observation(at + timedelta(microseconds=rng.randrange(2_000_000)), rng.random() > 0.02,
                                 round(rng.lognormvariate(4, 0.5), 1), rng.random() < 0.01, vantage, interval))
        at += every
    return found


@pytest.mark.parametrize(("vantages", "with_spans"), [(1, False), (1, True), (2, False), (3, True)])
def test_a_month_of_checks_gives_the_figures_of_the_sweep_before(vantages, with_spans):
    rng = random.Random(vantages * 10 + with_spans)
    results = []
    for number in range(vantages):  # one checking more often than its interval, one seldom: stretches join or not
        every = timedelta(minutes=(5, 37, 15)[number])
        results += history(rng, VANTAGES[number], 30, every, (300, 0, 900)[number])
    results.sort(key=lambda r: r.started_at)
    maintenance = [(START + timedelta(days=d, hours=rng.uniform(0, 20)), START + timedelta(days=d, hours=21))
                   for d in range(0, 30, 3)] if with_spans else []
    end = START + timedelta(days=30)
    figures = observed_figures(results, START, end, maintenance)
    assert figures == observed_reference.observed_figures(results, START, end, maintenance)
    assert figures.down_s > 0 and figures.observed_s < figures.period_s


def test_the_columns_are_what_the_observations_are_turned_into():
    rng = random.Random(3)
    results = history(rng, "watcher", 3, timedelta(minutes=5), 300) + history(rng, "", 3, timedelta(minutes=7), 0)
    rng.shuffle(results)
    maintenance = [(START + timedelta(hours=30), START + timedelta(hours=31, microseconds=7))]
    end = START + timedelta(days=3)
    columns = figures_from_columns(
        [r.started_at.timestamp() for r in results], [int(r.ok) + 2 * int(r.in_maintenance) for r in results],
        [r.latency_ms for r in results], [r.vantage for r in results], [r.interval for r in results],
        START.timestamp(), end.timestamp(), [(s.timestamp(), e.timestamp()) for s, e in maintenance])
    assert columns == observed_figures(results, START, end, maintenance)
    assert set(columns.by_vantage) == {"watcher", ""}


def test_columns_refuse_a_backwards_period_or_span():
    with pytest.raises(ValueError, match="ends"):
        figures_from_columns([], [], [], [], [], 10.0, 5.0)
    with pytest.raises(ValueError, match="maintenance span 0 ends"):
        figures_from_columns([], [], [], [], [], 0.0, 5.0, [(4.0, 2.0)])

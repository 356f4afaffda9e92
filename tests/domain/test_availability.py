import pytest

from dzdesk.domain.availability import AvailabilityFigures, percentile, summarise


@pytest.mark.parametrize(("fraction", "expected"), [
    (0.0, 10.0),
    (0.1, 10.0),
    (0.2, 20.0),
    (0.5, 50.0),
    (0.51, 60.0),
    (0.95, 100.0),
    (1.0, 100.0),
])
def test_percentile_nearest_rank(fraction, expected):
    values = [10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    assert percentile(values, fraction) == expected


def test_percentile_is_always_a_measured_value():
    values = [100.0, 200.0, 300.0, 400.0]
    assert percentile(values, 0.5) == 200.0  # rank ceil(0.5 * 4) = 2, no interpolation to 250
    assert percentile(values, 0.95) == 400.0
    assert percentile([7.0], 0.5) == 7.0
    assert percentile([7.0], 0.95) == 7.0


def test_percentile_of_nothing():
    assert percentile([], 0.5) is None


def test_summarise_counts_checks_failures_and_latency():
    figures = summarise([
        (True, 120.0, False),
        (True, 80.0, False),
        (False, None, False),
        (True, 100.0, False),
    ])
    assert figures.checks == 4
    assert figures.failures == 1
    assert figures.maintenance == 0
    assert figures.availability == 0.75
    assert (figures.p50_ms, figures.p95_ms, figures.max_ms) == (100.0, 120.0, 120.0)


def test_summarise_leaves_maintenance_out_of_checks_and_failures():
    figures = summarise([
        (True, 50.0, False),
        (False, None, True),
        (False, None, True),
        (True, 9999.0, True),  # a success during maintenance does not count its latency either
        (False, None, False),
    ])
    assert figures.checks == 2
    assert figures.failures == 1
    assert figures.maintenance == 3
    assert figures.availability == 0.5
    assert figures.max_ms == 50.0


def test_latency_comes_only_from_successes():
    figures = summarise([
        (True, 10.0, False),
        (False, 5000.0, False),  # a timeout's elapsed time is not a latency
        (True, 30.0, False),
        (True, None, False),  # a success without a measured latency still counts as a check
    ])
    assert figures.checks == 4 and figures.failures == 1
    assert (figures.p50_ms, figures.p95_ms, figures.max_ms) == (10.0, 30.0, 30.0)


def test_no_checks_means_no_availability():
    assert summarise([]) == AvailabilityFigures(0, 0, 0, None, None, None)
    assert summarise([]).availability is None
    only_maintenance = summarise([(False, None, True), (True, 20.0, True)])
    assert only_maintenance.checks == 0 and only_maintenance.maintenance == 2
    assert only_maintenance.availability is None
    assert only_maintenance.p50_ms is None


def test_all_failures_give_zero_not_none():
    figures = summarise([(False, None, False), (False, None, False)])
    assert figures.availability == 0.0
    assert figures.p50_ms is None and figures.max_ms is None


def test_summarise_accepts_a_generator():
    figures = summarise((True, float(ms), False) for ms in range(1, 101))
    assert figures.checks == 100 and figures.availability == 1.0
    assert (figures.p50_ms, figures.p95_ms, figures.max_ms) == (50.0, 95.0, 100.0)

from datetime import UTC, datetime, timedelta

import pytest

from dzdesk.domain.probe_state import (
    ConfirmPolicy,
    Outage,
    TargetState,
    Tracker,
    Transition,
    outages,
    replay,
    step,
)

POLICY = ConfirmPolicy(failures=3, successes=2)
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
UP = TargetState.UP
DOWN = TargetState.DOWN
UNKNOWN = TargetState.UNKNOWN


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def series(*oks: bool, every: int = 15) -> list[tuple[datetime, bool]]:
    """Results `every` minutes apart, starting at T0."""
    return [(at(i * every), ok) for i, ok in enumerate(oks)]


UP_SINCE_START = Tracker(UP, at(-60))
DOWN_SINCE_START = Tracker(DOWN, at(-60))


# --- step ------------------------------------------------------------------------------------------------------


def test_agreeing_result_keeps_the_state_and_its_since():
    tracker, transition = step(UP_SINCE_START, True, at(0), POLICY)
    assert transition is None
    assert tracker == UP_SINCE_START


@pytest.mark.parametrize("failures", [1, 2])
def test_one_or_two_failures_do_not_take_an_up_target_down(failures):
    tracker, transitions = replay(series(*[False] * failures), POLICY, UP_SINCE_START)
    assert transitions == []
    assert tracker.state is UP
    assert tracker.since == at(-60)
    assert tracker.streak == failures
    assert tracker.streak_started == at(0)


def test_third_failure_takes_it_down_from_the_first_failure():
    tracker, transitions = replay(series(False, False, False), POLICY, UP_SINCE_START)
    assert transitions == [Transition(UP, DOWN, at(0))]
    assert tracker == Tracker(DOWN, at(0))
    assert tracker.streak == 0 and tracker.streak_started is None


def test_step_by_step_the_third_failure_confirms():
    tracker = UP_SINCE_START
    tracker, first = step(tracker, False, at(0), POLICY)
    tracker, second = step(tracker, False, at(15), POLICY)
    tracker, third = step(tracker, False, at(30), POLICY)
    assert first is None and second is None
    assert third == Transition(UP, DOWN, at(0))  # when the streak began, not when it was confirmed
    assert third.at != at(30)


def test_an_interrupted_streak_starts_again():
    tracker, transitions = replay(series(False, False, True, False, False), POLICY, UP_SINCE_START)
    assert transitions == []
    assert tracker.state is UP
    assert tracker.streak == 2 and tracker.streak_started == at(45)
    tracker, transitions = replay([(at(75), False)], POLICY, tracker)
    assert transitions == [Transition(UP, DOWN, at(45))]


def test_a_success_resets_the_streak_to_nothing():
    tracker, _ = replay(series(False, False), POLICY, UP_SINCE_START)
    tracker, transition = step(tracker, True, at(30), POLICY)
    assert transition is None
    assert tracker == Tracker(UP, at(-60), 0, None)


def test_unknown_target_comes_up_after_two_successes():
    tracker, transition = step(Tracker(), True, at(0), POLICY)
    assert transition is None and tracker.state is UNKNOWN and tracker.streak == 1
    tracker, transition = step(tracker, True, at(15), POLICY)
    assert transition == Transition(UNKNOWN, UP, at(0))
    assert tracker == Tracker(UP, at(0))


def test_unknown_target_goes_down_after_three_failures():
    tracker, transitions = replay(series(False, False, False), POLICY)
    assert transitions == [Transition(UNKNOWN, DOWN, at(0))]
    assert tracker.state is DOWN


def test_down_target_comes_back_after_two_successes():
    tracker, transitions = replay(series(True, True), POLICY, DOWN_SINCE_START)
    assert transitions == [Transition(DOWN, UP, at(0))]
    assert tracker == Tracker(UP, at(0))


def test_one_success_does_not_bring_a_down_target_back():
    tracker, transitions = replay(series(True, False, True), POLICY, DOWN_SINCE_START)
    assert transitions == []
    assert tracker.state is DOWN and tracker.since == at(-60)


def test_unknown_target_does_not_come_up_on_a_single_success_after_failures():
    tracker, transitions = replay(series(False, False, True), POLICY)
    assert transitions == []
    assert tracker.state is UNKNOWN


def test_unknown_target_does_not_go_down_on_two_failures_after_a_success():
    _tracker, transitions = replay(series(True, False, False), POLICY)
    assert all(t.new is not DOWN for t in transitions)


def test_policy_with_one_of_each_follows_every_result():
    policy = ConfirmPolicy(failures=1, successes=1)
    _tracker, transitions = replay(series(True, False, True), policy)
    assert transitions == [Transition(UNKNOWN, UP, at(0)), Transition(UP, DOWN, at(15)), Transition(DOWN, UP, at(30))]


def test_replay_of_nothing_keeps_the_tracker():
    assert replay([], POLICY) == (Tracker(), [])
    assert replay([], POLICY, DOWN_SINCE_START) == (DOWN_SINCE_START, [])


# --- alerts ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "alerts"), [
    (UP, DOWN, True),
    (UNKNOWN, DOWN, True),
    (DOWN, UP, True),
    (UNKNOWN, UP, False),
])
def test_alerts(old, new, alerts):
    assert Transition(old, new, T0).alerts is alerts


# --- outages ---------------------------------------------------------------------------------------------------


def test_outages_pair_down_and_up():
    transitions = [
        Transition(UNKNOWN, UP, at(0)),
        Transition(UP, DOWN, at(60)),
        Transition(DOWN, UP, at(90)),
        Transition(UP, DOWN, at(200)),
        Transition(DOWN, UP, at(230)),
    ]
    assert outages(transitions) == [Outage(at(60), at(90)), Outage(at(200), at(230))]


def test_ongoing_outage_has_no_end():
    transitions = [Transition(UNKNOWN, UP, at(0)), Transition(UP, DOWN, at(60))]
    assert outages(transitions) == [Outage(at(60), None)]


def test_target_that_was_down_from_the_start_has_an_outage():
    assert outages([Transition(UNKNOWN, DOWN, at(0)), Transition(DOWN, UP, at(30))]) == [Outage(at(0), at(30))]


def test_no_outage_without_going_down():
    assert outages([]) == []
    assert outages([Transition(UNKNOWN, UP, at(0))]) == []


def test_outages_from_a_replay():
    results = series(True, True, False, False, False, False, True, True, False, False, False)
    _tracker, transitions = replay(results, POLICY)
    assert outages(transitions) == [Outage(at(30), at(90)), Outage(at(120), None)]


# --- Outage.duration_until -------------------------------------------------------------------------------------


def test_duration_of_an_ended_outage_ignores_the_moment():
    outage = Outage(at(0), at(45))
    assert outage.duration_until(at(1000)) == 45 * 60
    assert outage.duration_until(at(10)) == 45 * 60


def test_duration_of_an_ongoing_outage_runs_to_the_moment():
    outage = Outage(at(0), None)
    assert outage.duration_until(at(90)) == 90 * 60


def test_duration_is_never_negative():
    assert Outage(at(30), None).duration_until(at(0)) == 0.0


# --- ConfirmPolicy ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("failures", "successes"), [(0, 2), (3, 0), (101, 2), (3, 101), (-1, -1)])
def test_confirm_policy_rejects_counts_outside_1_to_100(failures, successes):
    with pytest.raises(ValueError, match="between 1 and 100"):
        ConfirmPolicy(failures=failures, successes=successes)


@pytest.mark.parametrize(("failures", "successes"), [(1, 1), (100, 100)])
def test_confirm_policy_limits_are_allowed(failures, successes):
    policy = ConfirmPolicy(failures=failures, successes=successes)
    assert policy.needed(False) == failures and policy.needed(True) == successes


def test_confirm_policy_defaults():
    assert ConfirmPolicy() == POLICY

"""When a target counts as up or down: only after consecutive results confirm it, so one lost packet raises no alarm.

The board, the notifications, the outage list and the health report all replay results through `step`, so they
cannot disagree about when an outage began or ended.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from dzdesk.domain.labels import Labelled, set_labels


class TargetState(Labelled):
    UNKNOWN = "unknown"
    UP = "up"
    DOWN = "down"


set_labels(TargetState, {TargetState.UNKNOWN: ("未知", "not yet known"), TargetState.UP: ("正常", "up"),
                         TargetState.DOWN: ("中断", "down")})


@dataclass(frozen=True)
class ConfirmPolicy:
    """How many consecutive failures make a target down, and how many successes make it up again."""

    failures: int = 3
    successes: int = 2

    def __post_init__(self) -> None:
        if not (1 <= self.failures <= 100 and 1 <= self.successes <= 100):
            raise ValueError("confirmation counts must be between 1 and 100")

    def needed(self, ok: bool) -> int:
        return self.successes if ok else self.failures


@dataclass(frozen=True)
class Tracker:
    """A target's confirmed state and the streak of identical results that disagree with it.

    `pending` is what the streak would confirm; it matters for an unknown target, which successes and failures both
    disagree with: a success after two failures starts a new streak instead of adding to theirs.
    """

    state: TargetState = TargetState.UNKNOWN
    since: datetime | None = None
    streak: int = 0
    streak_started: datetime | None = None
    pending: TargetState | None = None


@dataclass(frozen=True)
class Transition:
    old: TargetState
    new: TargetState
    at: datetime  # when the confirming streak began: the moment the change really happened

    @property
    def alerts(self) -> bool:
        """Going down, or coming back up after being down; a new target settling to up is no news."""
        return self.new is TargetState.DOWN or self.old is TargetState.DOWN


def step(tracker: Tracker, ok: bool, at: datetime, policy: ConfirmPolicy) -> tuple[Tracker, Transition | None]:
    """The tracker after one result outside maintenance, and the transition the result confirmed, if any."""
    observed = TargetState.UP if ok else TargetState.DOWN
    if observed is tracker.state:
        return Tracker(tracker.state, tracker.since), None
    continues = tracker.streak > 0 and tracker.pending in (observed, None)
    streak = tracker.streak + 1 if continues else 1
    started = (tracker.streak_started or at) if continues else at
    if streak < policy.needed(ok):
        return Tracker(tracker.state, tracker.since, streak, started, observed), None
    return Tracker(observed, started), Transition(tracker.state, observed, started)


@dataclass(frozen=True)
class Outage:
    start: datetime
    end: datetime | None  # None while it lasts

    def duration_until(self, moment: datetime) -> float:
        """Seconds of the outage up to `moment` (its end when it is over)."""
        return max(0.0, ((self.end or moment) - self.start).total_seconds())


def replay(results: Iterable[tuple[datetime, bool]], policy: ConfirmPolicy,
           tracker: Tracker | None = None) -> tuple[Tracker, list[Transition]]:
    """The state after `results` (time-ordered, maintenance already left out) and every transition on the way."""
    current = tracker or Tracker()
    transitions = []
    for at, ok in results:
        current, transition = step(current, ok, at, policy)
        if transition is not None:
            transitions.append(transition)
    return current, transitions


def outages(transitions: Iterable[Transition]) -> list[Outage]:
    """Outages from a target's transitions: each runs from going down to coming back up."""
    found: list[Outage] = []
    start: datetime | None = None
    for transition in transitions:
        if transition.new is TargetState.DOWN:
            start = transition.at
        elif start is not None:
            found.append(Outage(start, transition.at))
            start = None
    if start is not None:
        found.append(Outage(start, None))
    return found

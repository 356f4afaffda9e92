"""What a sync reports: its progress as it goes, what it did, and how it is cancelled."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from dzdesk.store.incident_repo import DeadlineShift

Progress = Callable[[str, int, int], None]  # phase ("push", "pull", "blobs"), done, total (0 when unknown)


class SyncCancelledError(Exception):
    pass


@dataclass
class SyncSummary:
    pushed: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: list[str] = field(default_factory=list)
    pulled: int = 0
    parked: int = 0
    blobs_sent: int = 0
    blobs_fetched: int = 0
    requests: int = 0
    # When a pulled working calendar moved stored deadlines: how many, and which faults turned on time or late.
    deadlines: DeadlineShift | None = None
    results_sent: int = 0  # probe results of this machine the hub took as new
    results_pulled: int = 0  # the team's probe results new to this machine


def check_cancel(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise SyncCancelledError

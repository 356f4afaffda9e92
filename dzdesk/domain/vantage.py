"""What kind of prober of the team a vantage point is: a laptop, or the always-on watcher (`dzdesk watch`).

Stored and sent as its plain value ("laptop", "watcher"); its words are declared here once for the window and the
reports.
"""

from __future__ import annotations

from dzdesk.domain.labels import Labelled, set_labels


class VantageKind(Labelled):
    LAPTOP = "laptop"
    WATCHER = "watcher"


set_labels(VantageKind, {VantageKind.LAPTOP: ("电脑", "laptop"), VantageKind.WATCHER: ("值守程序", "watcher")})


def vantage_kind(kind: str) -> VantageKind | None:
    """The kind a stored or received value names; None for one this version does not know."""
    return VantageKind(kind) if kind in VantageKind._value2member_map_ else None

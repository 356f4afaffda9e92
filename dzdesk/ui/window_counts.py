"""The navigation's live counts: faults waiting for an answer, probe targets down, changes waiting to sync. Mixed
into `MainWindow` (it uses the window's context, status bar, sync and `set_count`).

Each count is read on a worker through a `LatestRead`: one read at a time, and a change that arrives meanwhile
asks for one more. A pull of ten thousand probe targets announces its pages for seconds; counted afresh for each,
the board's reading piled up on the workers and took the interpreter from the GUI thread.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from dzdesk.domain.timefmt import format_local

if TYPE_CHECKING:
    from collections.abc import Callable

    from dzdesk.operations.attention import Unanswered
    from dzdesk.ui.worker_calls import LatestRead


class AttentionCounts:
    _fault_count: LatestRead | None = None
    _down_count: LatestRead | None = None
    _pending_count: LatestRead | None = None

    def _start_counts(self) -> None:
        """The reads behind the counts, once the data is attached; each is made now and run on every change."""
        from dzdesk.operations.attention import targets_down, unanswered_faults
        from dzdesk.store.outbox import pending_count
        from dzdesk.ui.worker_calls import LatestRead

        store, days = self.ctx.store, self.ctx.settings.probes.cert_warning_days

        def pending() -> int:
            with store.session() as session:
                return pending_count(session)

        def said(text: str) -> Callable[[Exception], None]:
            return lambda exc: self.status.showMessage(text.replace("%1", str(exc)), 10000)

        failed = said("%1")
        self._fault_count = LatestRead(self, lambda: lambda: unanswered_faults(store), self._show_unanswered, failed,
                                       reads_only=True)
        self._down_count = LatestRead(self, lambda: lambda: targets_down(store, datetime.now(UTC), days),
                                      self._show_down, failed, heavy=True, reads_only=True)  # a tile per target
        self._pending_count = LatestRead(self, lambda: pending, self._show_pending, said(
            self.tr("The changes waiting to sync could not be counted: %1")), reads_only=True)

    def _count_faults(self) -> None:
        """Counts the faults waiting for an answer on a worker; the navigation shows the count when it is back."""
        if self._fault_count is not None:
            self._fault_count.request()

    def _show_unanswered(self, unanswered: Unanswered) -> None:
        note = ""
        if unanswered.count:
            note = self.tr("%n fault(s) wait for an answer", "", unanswered.count)
            if unanswered.nearest_due is not None:
                note += "\n" + self.tr("Nearest deadline: %1").replace("%1", format_local(unanswered.nearest_due))
        self.set_count("incidents", unanswered.count, note)

    def _count_down(self) -> None:
        """Counts the probe targets that are down on a worker."""
        if self._down_count is not None:
            self._down_count.request()

    def _show_down(self, names: list[str]) -> None:
        note = self.tr("Down: %1").replace("%1", "、".join(names)) if names else ""
        self.set_count("probes", len(names), note)

    def _refresh_pending(self) -> None:
        """Counts the changes waiting to be sent on a worker; the status bar shows the count when it is back."""
        if self._pending_count is not None and self.sync is not None:
            self._pending_count.request()

    def _show_pending(self, pending: int) -> None:
        demo = self.ctx is not None and self.ctx.settings.demo
        self.status.show_pending(pending, demo)
        self.set_count("sync_page", 0 if demo else pending, self.tr("%n change(s) wait to sync", "", pending))
        if pending and self.sync is not None:
            self.sync.local_change()

    # What the mixin uses of the window, for the type checker.
    if TYPE_CHECKING:
        ctx: Any
        status: Any
        sync: Any

        def set_count(self, name: str, count: int, note: str = "") -> None: ...
        def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str: ...

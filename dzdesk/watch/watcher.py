"""The watcher's round: sync with the hub, sweep the team's targets when the team's schedule says, and tell the
team's groups what needs telling — each alert once, whatever happens to the watcher in between.

One `tick` does one round and returns; `run` ticks until stopped. Everything the watcher knows lives in its data
directory (its database, with the ledger of alerts), so a restart neither repeats nor loses an alert.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from dzdesk.alerts.messages import Message, TargetChange, probe_alert
from dzdesk.alerts.send import ChannelTarget, Delivery, send
from dzdesk.alerts.team import team_alerts
from dzdesk.config import ProbeSettings
from dzdesk.domain.alert_settings import AlertSettings
from dzdesk.domain.probe_schedule import PREFIX as SCHEDULE_PREFIX
from dzdesk.domain.probe_schedule import ProbeSchedule, read_schedule
from dzdesk.domain.probe_state import ConfirmPolicy, TargetState
from dzdesk.probes.stored import options_for
from dzdesk.probes.sweep import run_sweep
from dzdesk.secrets import KeyringUnavailableError, alert_channel_url
from dzdesk.store.account import hub_account
from dzdesk.store.blobs import BlobStore
from dzdesk.store.database import Store
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.probe_repo import StateChange, active_windows, record_outcomes, states, stored_targets
from dzdesk.store.team_models import TeamSetting
from dzdesk.sync.client import HubClient, HubError
from dzdesk.sync.engine import synchronise
from dzdesk.sync.probe_results import Vantage, upload_results
from dzdesk.watch import ledger
from dzdesk.watch.duties import due_alerts

log = logging.getLogger(__name__)
Sender = Callable[[Message, Sequence[ChannelTarget]], list[Delivery]]


@dataclass(frozen=True)
class WatchConfig:
    hub_url: str
    token: str
    vantage: Vantage
    probes: ProbeSettings = field(default_factory=ProbeSettings)  # trust anchors, certificate warning, concurrency
    hub_ca_bundle: str = ""
    sync_every: timedelta = timedelta(minutes=1)
    interval_minutes: int | None = None  # overrides the team's schedule


@dataclass
class TickReport:
    synced: bool = False
    sync_error: str = ""
    swept: int = 0  # targets probed
    changes: int = 0  # confirmed transitions
    sent: list[str] = field(default_factory=list)  # keys of alerts a channel took
    unsent: list[str] = field(default_factory=list)  # keys still waiting for a channel


class Watcher:
    def __init__(self, store: Store, blobs: BlobStore, config: WatchConfig, sender: Sender = send,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.store, self.blobs, self.config = store, blobs, config
        self.sender, self.clock = sender, clock
        self.next_sync: datetime | None = None
        self.next_sweep: datetime | None = None

    # -- one round ---------------------------------------------------------------------------------------------
    def tick(self, now: datetime | None = None) -> TickReport:
        now = now or self.clock()
        report = TickReport()
        if self.next_sync is None or now >= self.next_sync:
            self._sync(report)
            self.next_sync = now + self.config.sync_every
        schedule = self.schedule()
        if self.next_sweep is None or now >= self.next_sweep:
            self._sweep(now, schedule, report)
            self.next_sweep = now + timedelta(minutes=schedule.interval_minutes)
            self._upload(report)
        self._tell(now, report)
        return report

    def run(self, stop: threading.Event) -> None:
        """Ticks until `stop` is set; a failing round is logged and the next one comes all the same."""
        while not stop.is_set():
            try:
                self.tick()
            except Exception:  # an always-on member keeps watching whatever one round met
                log.exception("a round of the watcher failed; the next one comes as planned")
            waits = [moment for moment in (self.next_sync, self.next_sweep) if moment is not None]
            wait = min(waits) - self.clock() if waits else timedelta(seconds=30)
            stop.wait(min(30.0, max(1.0, wait.total_seconds())))

    # -- what the team set -------------------------------------------------------------------------------------
    def schedule(self) -> ProbeSchedule:
        with self.store.session() as session:
            account = hub_account(session)
            team = account.team if account is not None else ""
            values = {r.key: r.value for r in session.scalars(select(TeamSetting).where(
                TeamSetting.team == team, TeamSetting.key.startswith(SCHEDULE_PREFIX, autoescape=True),
                TeamSetting.deleted.is_(False)))}
        schedule = read_schedule(values)
        if self.config.interval_minutes is not None:
            schedule = ProbeSchedule(self.config.interval_minutes, schedule.confirm_failures,
                                     schedule.confirm_successes)
        return schedule

    def _alerts(self) -> tuple[str, AlertSettings]:
        with self.store.session() as session:
            account = hub_account(session)
            team = account.team if account is not None else ""
            settings, _skipped = team_alerts(session, team)
        return team, settings

    # -- the hub -----------------------------------------------------------------------------------------------
    def _client(self) -> HubClient:
        return HubClient(self.config.hub_url, self.config.token, self.config.hub_ca_bundle)

    def _sync(self, report: TickReport) -> None:
        try:
            with self._client() as client:
                synchronise(self.store, self.blobs, client, vantage=self.config.vantage)
            report.synced = True
        except HubError as exc:  # offline for now: the watcher keeps sweeping, and tells what it can
            report.sync_error = str(exc)
            log.warning("sync failed: %s", exc)

    def _upload(self, report: TickReport) -> None:
        if not report.swept:
            return
        try:
            with self._client() as client:
                upload_results(self.store, client, self.config.vantage, heartbeat=True)
        except HubError as exc:
            log.warning("probe results not sent yet: %s", exc)

    # -- sweeping ----------------------------------------------------------------------------------------------
    def _sweep(self, now: datetime, schedule: ProbeSchedule, report: TickReport) -> None:
        with self.store.session() as session:
            targets = {target_id: t for target_id, t in stored_targets(session) if t.enabled}
            windows = active_windows(session)
        probed = {record_id: t for record_id, t in targets.items() if t.configured}
        if not probed:
            return
        outcomes = run_sweep(list(probed.values()), options_for(self.config.probes, list(probed.values())))
        by_name = {t.name: record_id for record_id, t in probed.items()}
        with self.store.transaction() as session:
            before = {target_id: (row.state, row.since) for target_id, row in states(session).items()}
            rows = [(session.get(ProbeTargetRecord, by_name[o.target]), o) for o in outcomes]
            changes = record_outcomes(session, [(r, o) for r, o in rows if r is not None],
                                      ConfirmPolicy(schedule.confirm_failures, schedule.confirm_successes), windows,
                                      interval_s=schedule.interval_minutes * 60, network=self.config.vantage.network)
            told = [c for c in changes if c.transition.alerts]
            message = probe_alert([self._change(c, before.get(c.target_id)) for c in told], now)
            if message is not None:
                # Written down with the results that confirmed it: a watcher killed before sending sends it later.
                ledger.add_pending(session, [ledger.Pending(f"probe:{now.astimezone(UTC).isoformat()}", message)])
        report.swept, report.changes = len(outcomes), len(told)

    @staticmethod
    def _change(change: StateChange, before: tuple[str, datetime | None] | None) -> TargetChange:
        transition = change.transition
        if transition.new is TargetState.DOWN:
            reason = change.failure.label_zh if change.failure is not None else ""
            return TargetChange(change.target_name, True, transition.at, reason)
        since = before[1] if before is not None and before[1] is not None else transition.at
        return TargetChange(change.target_name, False, since, until=transition.at)

    # -- telling -----------------------------------------------------------------------------------------------
    def _tell(self, now: datetime, report: TickReport) -> None:
        team, settings = self._alerts()
        with self.store.transaction() as session:
            due = due_alerts(session, settings.rules, now)
            if ledger.started(session) is None:  # the first look: what is already due is history, not news
                ledger.mark_started(session, now)
                ledger.mark_sent(session, [d.key for d in due], now)
                due = []
            sent = ledger.sent_keys(session)
            waiting = {p.key for p in ledger.pending(session)}
            ledger.add_pending(session, [ledger.Pending(d.key, d.message, d.lead) for d in due
                                         if d.key not in sent and d.key not in waiting])
            queue = ledger.pending(session)
        if not queue:
            return
        everyone, leads = self._targets(team, settings)
        delivered: list[str] = []
        for item in queue:
            targets = leads if item.lead else everyone
            if not targets:
                report.unsent.append(item.key)
                continue
            deliveries = self.sender(item.message, targets)
            if any(d.sent for d in deliveries):
                delivered.append(item.key)
            else:
                report.unsent.append(item.key)
        if delivered:
            with self.store.transaction() as session:
                ledger.remove_pending(session, set(delivered))
                ledger.mark_sent(session, delivered, now)
        report.sent.extend(delivered)

    def _targets(self, team: str, settings: AlertSettings) -> tuple[list[ChannelTarget], list[ChannelTarget]]:
        """The channels this machine has a URL for: all of them, and the lead's."""
        everyone = []
        for channel in settings.channels:
            try:
                url, _where = alert_channel_url(team, channel.name)
            except KeyringUnavailableError:
                url = None
            if url:
                everyone.append(ChannelTarget(channel.name, channel.kind, url))
            else:
                log.warning("alert channel %s has no URL on this machine (set DZDESK_ALERT_URL_… or the keyring)",
                            channel.name)
        lead_names = set(settings.rules.lead_channels)
        leads = [t for t in everyone if not lead_names or t.name in lead_names]
        return everyone, leads

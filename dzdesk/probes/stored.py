"""A sweep of the stored targets, recorded: what the GUI's timer, "run now" and `dzdesk probe` all do."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from dzdesk.config import ProbeSettings
from dzdesk.domain.probe_outcome import ProbeOutcome
from dzdesk.domain.probe_state import ConfirmPolicy
from dzdesk.domain.probe_target import ProbeTarget
from dzdesk.probes.options import ProbeOptions
from dzdesk.probes.sweep import ResultCallback, run_sweep
from dzdesk.secrets import KeyringUnavailableError, get_secret
from dzdesk.store.database import Store
from dzdesk.store.probe_models import ProbeTargetRecord
from dzdesk.store.probe_repo import StateChange, active_windows, record_outcomes, stored_targets


def password_key(target_name: str) -> str:
    return f"probe-password:{target_name}"


def options_for(settings: ProbeSettings, targets: Sequence[ProbeTarget]) -> ProbeOptions:
    """Options with the passwords of targets that sign in, read from the keyring (missing ones stay missing)."""
    passwords = {}
    for target in targets:
        if target.username:
            try:
                password = get_secret(password_key(target.name))
            except KeyringUnavailableError:
                password = None
            if password is not None:
                passwords[target.name] = password
    return ProbeOptions(ca_bundle=settings.ca_bundle, cert_warning_days=settings.cert_warning_days,
                        concurrency=settings.concurrency, passwords=passwords)


def policy_for(settings: ProbeSettings) -> ConfirmPolicy:
    return ConfirmPolicy(failures=settings.confirm_failures, successes=settings.confirm_successes)


@dataclass(frozen=True)
class SweepReport:
    outcomes: list[tuple[str, ProbeOutcome]]  # (target record id, outcome)
    changes: list[StateChange]
    unconfigured: int  # targets skipped because nobody has filled in their address
    cancelled: bool


def sweep_stored(store: Store, settings: ProbeSettings, on_result: ResultCallback | None = None,
                 cancel: threading.Event | None = None) -> SweepReport:
    """Probes every enabled, configured target and records the results in one transaction."""
    with store.session() as session:
        targets = {target_id: target for target_id, target in stored_targets(session) if target.enabled}
        windows = active_windows(session)
    probed = {record_id: target for record_id, target in targets.items() if target.configured}
    ids = list(probed)
    outcomes = run_sweep([probed[i] for i in ids], options_for(settings, list(probed.values())), on_result, cancel)
    by_name = {probed[i].name: i for i in ids}
    paired = [(by_name[outcome.target], outcome) for outcome in outcomes]
    with store.transaction() as session:
        rows = [(session.get(ProbeTargetRecord, record_id), outcome) for record_id, outcome in paired]
        changes = record_outcomes(session, [(r, o) for r, o in rows if r is not None], policy_for(settings), windows,
                                  interval_s=settings.interval_minutes * 60, network=settings.network)
    return SweepReport(paired, changes, len(targets) - len(probed), bool(cancel and cancel.is_set()))
